//! The pages `serve` makes itself, in the organisation's language: the
//! problems when nothing could be built yet, and "page not found". Both load
//! the live-reload script, so the browser recovers by itself after the fix.

use crate::model::Locale;
use crate::render::svg::escape;

/// The page served for every page address while the organisation has
/// errors and no build has succeeded yet.
pub fn problems(locale: Locale, errors: &str) -> String {
    let (title, intro) = match locale {
        Locale::NlBe => (
            "De organisatie bevat fouten",
            "Er is nog niets gebouwd: herstel de problemen hieronder en bewaar het bestand. \
             Deze pagina laadt daarna vanzelf opnieuw.",
        ),
        Locale::En => (
            "The organisation has errors",
            "Nothing has been built yet: fix the problems below and save the file. \
             This page then reloads by itself.",
        ),
    };
    page(
        locale,
        title,
        &format!(
            "<p>{intro}</p>\n<pre id=\"organogram-problems\">{}</pre>",
            escape(errors)
        ),
    )
}

/// The page served for an address the build has no file for.
pub fn not_found(locale: Locale, path: &str) -> String {
    let (title, text, home) = match locale {
        Locale::NlBe => (
            "Pagina niet gevonden",
            "Deze build heeft geen pagina op dit adres. Misschien is de eenheid hernoemd of \
             verwijderd, of bevat de organisatie fouten; na de volgende build laadt deze pagina \
             vanzelf opnieuw.",
            "Naar het overzicht",
        ),
        Locale::En => (
            "Page not found",
            "This build has no page at this address. The unit may have been renamed or removed, \
             or the organisation has errors; after the next build this page reloads by itself.",
            "Go to the overview",
        ),
    };
    page(
        locale,
        title,
        &format!(
            "<p><code>{}</code></p>\n<p>{text}</p>\n<p><a href=\"/\">{home}</a></p>",
            escape(path)
        ),
    )
}

fn page(locale: Locale, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · organogram serve</title>\n<style>\n\
         body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #fff; color: #1a1f24; }}\n\
         main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}\n\
         h1 {{ color: #8a1010; font-size: 1.6rem; }}\n\
         pre {{ background: #fff5f5; color: #3b0a0a; border-left: 4px solid #c00; padding: 1rem; \
         overflow: auto; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }}\n\
         a {{ color: #0b4f8a; }}\n\
         </style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n{body}\n</main>\n\
         <script src=\"/__organogram/live.js\"></script>\n</body>\n</html>\n",
        lang = locale.tag(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_what_they_show_and_load_the_live_script() {
        let page = problems(Locale::En, "error: `<script>` & co");
        assert!(page.contains("`&lt;script&gt;` &amp; co"), "{page}");
        assert!(page.contains("<script src=\"/__organogram/live.js\">"));
        let page = not_found(Locale::NlBe, "/units/<x>.html");
        assert!(page.contains("<html lang=\"nl-BE\">"));
        assert!(page.contains("Pagina niet gevonden"));
        assert!(page.contains("/units/&lt;x&gt;.html"));
    }
}
