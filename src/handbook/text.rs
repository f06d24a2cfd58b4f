//! Text helpers: Markdown from the organisation rendered safely, sort keys,
//! plain text for the search index.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// Markdown written by the organisation, ready for both outputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rich {
    /// CommonMark for the Markdown handbook: the source with raw HTML
    /// escaped, unsafe links reduced to their text, and headings moved below
    /// the page's own.
    pub markdown: String,
    /// Sanitized HTML (no script, no event handlers, no `javascript:` links).
    pub html: String,
}

/// Headings inside a description or a page start this many levels below `h1`.
const HEADING_SHIFT: usize = 2;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

impl Rich {
    /// Renders a description: its headings start at `h3`.
    pub fn from_markdown(source: &str) -> Rich {
        Rich::render(source, HEADING_SHIFT)
    }

    /// Renders with headings moved `shift` levels down (`0` keeps them).
    pub fn render(source: &str, shift: usize) -> Rich {
        Rich {
            markdown: safe_markdown(source, shift),
            html: safe_html(source, shift),
        }
    }

    /// Renders one of several descriptions on a page: its heading ids start
    /// with `scope.`, so that two descriptions never share one.
    pub fn scoped(source: &str, scope: &str) -> Rich {
        Rich {
            markdown: safe_markdown(source, HEADING_SHIFT),
            html: html_with_ids(source, HEADING_SHIFT, scope),
        }
    }
}

fn shifted(level: HeadingLevel, shift: usize) -> HeadingLevel {
    let n = (level as usize + shift).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Markdown → HTML, then through ammonia's allow-list.
pub fn safe_html(source: &str, shift: usize) -> String {
    html_with_ids(source, shift, "")
}

/// [`safe_html`], with heading ids that start with `scope.` (none: `""`).
fn html_with_ids(source: &str, shift: usize, scope: &str) -> String {
    let events = Parser::new_ext(source, options()).map(|e| match e {
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id: None,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shifted(level, shift))),
        other => other,
    });
    let events = super::anchors::with_heading_ids(events.collect(), scope);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // No images: the site must work offline and make no outside requests.
    // No `rel` on links: links never open new windows (no `target`), and a
    // link whose unsafe `href` was removed must stay a valid `<a>`.
    ammonia::Builder::default()
        .rm_tags(["img"])
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .link_rel(None)
        .clean(&html)
        .to_string()
}

fn safe_scheme(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        // A relative link or an anchor.
        None => true,
        Some(i) if lower[..i].contains(['/', '?', '#']) => true,
        Some(i) => matches!(&lower[..i], "http" | "https" | "mailto" | "tel"),
    }
}

/// The Markdown source made harmless for a Markdown renderer that passes raw
/// HTML through (as mdBook does).
pub fn safe_markdown(source: &str, shift: usize) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut skip_until = 0;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        if range.start < skip_until {
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((
                    range.clone(),
                    escape_markdown(&source[range.clone()]).into_owned(),
                ));
                skip_until = range.end;
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !safe_scheme(&dest_url) =>
            {
                let text = plain(&source[range.clone()]);
                edits.push((range.clone(), escape_markdown(&text).into_owned()));
                skip_until = range.end;
            }
            Event::Start(Tag::Heading { .. }) if shift > 0 => {
                let head = &source[range.clone()];
                if head.starts_with('#') {
                    edits.push((range.start..range.start, "#".repeat(shift)));
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&source[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&source[at..]);
    out.trim().to_string()
}

/// The text of a Markdown snippet, without markup, on one line.
pub fn plain(source: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

/// Escapes text so that Markdown shows it literally inside a paragraph, a
/// list item, a heading or a table cell. A `&` stays `&` (it reads as one in
/// the source), except before what would be read as an entity (`&amp;`,
/// `&#38;`), where a backslash keeps it literal.
///
/// Text that needs no escaping (most names and titles) is given back as it
/// is, without a copy.
pub fn escape_markdown(text: &str) -> Cow<'_, str> {
    // Every character escaped is ASCII, and an ASCII byte is never part of
    // another character in UTF-8: the text is scanned byte by byte and cut
    // only next to them.
    let bytes = text.as_bytes();
    let escaped = |i: usize| match bytes[i] {
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'!' | b'#' => true,
        b'&' => starts_entity(&text[i + 1..]),
        b'\n' | b'\r' => true,
        _ => false,
    };
    let Some(first) = (0..bytes.len()).find(|&i| escaped(i)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut from = 0;
    for i in first..bytes.len() {
        if !escaped(i) {
            continue;
        }
        out.push_str(&text[from..i]);
        match bytes[i] {
            b'\n' | b'\r' => out.push(' '),
            b => {
                out.push('\\');
                out.push(char::from(b));
            }
        }
        from = i + 1;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// Whether the text after a `&` makes it an entity or character reference
/// (`amp;`, `#38;`, `#x26;`), which CommonMark would decode.
fn starts_entity(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && rest[name..].starts_with(';')
}

/// The key an alphabetical index sorts by: lower case, accents removed,
/// leading punctuation ignored ("Éénloket" sorts with "E").
pub fn sort_key(text: &str) -> String {
    let folded: String = text.chars().flat_map(fold).collect();
    let trimmed = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    if trimmed.is_empty() {
        folded
    } else {
        trimmed.to_string()
    }
}

fn fold(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    };
    base.to_lowercase()
}

/// A string usable as a file name and anchor: lower-case ASCII letters,
/// digits and `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "page".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_sanitized() {
        let r = Rich::from_markdown(
            "Hi <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n# Top",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(
            r.html.contains("<h3 id=\"section-top\">Top</h3>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn markdown_is_defused() {
        let md = safe_markdown(
            "Hi <script>alert(1)</script> [x](javascript:alert(2)) [ok](https://example.org)\n\n# Top",
            2,
        );
        assert!(md.contains("\\<script\\>"), "{md}");
        assert!(!md.contains("javascript:"), "{md}");
        assert!(md.contains("[ok](https://example.org)"), "{md}");
        assert!(md.contains("### Top"), "{md}");
        let html = safe_html(&md, 0);
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn text_without_anything_to_escape_is_not_copied() {
        let plain = "Dienst Burgerzaken & Loket (2 VTE)";
        assert!(matches!(escape_markdown(plain), Cow::Borrowed(p) if p == plain));
        assert_eq!(escape_markdown("Loket *B*\nRuimte"), "Loket \\*B\\* Ruimte");
    }

    #[test]
    fn sort_keys_ignore_case_and_accents() {
        assert_eq!(sort_key("Éénloket"), "eenloket");
        assert!(sort_key("apen") < sort_key("Beer"));
        assert_eq!(
            slug("De 12 Organisatieprincipes!"),
            "de-12-organisatieprincipes"
        );
        assert_eq!(slug("***"), "page");
    }

    #[test]
    fn markdown_escapes_sit_between_characters_of_any_width() {
        for (text, escaped) in [
            ("Éénloket *x*", "Éénloket \\*x\\*"),
            ("日本#1_ü", "日本\\#1\\_ü"),
            ("ß&amp;ß", "ß\\&amp;ß"),
            ("€[\r\n]€", "€\\[  \\]€"),
            ("#", "\\#"),
            ("🏛_🏛", "🏛\\_🏛"),
        ] {
            assert_eq!(escape_markdown(text), escaped, "{text}");
        }
    }

    #[test]
    fn escaping_markdown_keeps_text_literal() {
        let e = escape_markdown("a <b> [c](d) *e* | f");
        let html = safe_html(&e, 0);
        assert!(html.contains("a &lt;b&gt; [c](d) *e* | f"), "{html}");
    }

    #[test]
    fn ampersands_read_as_ampersands_and_survive_a_round_trip() {
        assert_eq!(
            escape_markdown("Preventie & veiligheid"),
            "Preventie & veiligheid"
        );
        for text in [
            "Preventie & veiligheid",
            "R&D",
            "&amp; is not an ampersand here",
            "&#38; &#x26; &copy; &nbsp;",
            "a &b; c",
            "& at the end &",
            "tom & jerry *bold* _x_ [link](y) <b> | ~ ! # `code`",
        ] {
            let md = escape_markdown(text);
            assert_eq!(plain(&md), text, "{md}");
            let html = safe_html(&md, 0);
            let expected = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(html.contains(&expected), "{md} → {html}");
        }
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("een twee drie", 100), "een twee drie");
        assert_eq!(shorten("een twee drie vier", 10), "een twee…");
    }
}

/// A count with the locale's thousands separator: `4.980` or `4,980`.
pub fn count(locale: crate::model::Locale, n: usize) -> String {
    let digits = n.to_string();
    let sep = match locale.decimal_separator() {
        ',' => '.',
        _ => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A count and the noun after it, singular for one: `1 vacature`, `2.980 vacatures`.
pub fn counted(locale: crate::model::Locale, n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(locale, n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod count_tests {
    use crate::model::Locale;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(super::count(Locale::NlBe, 4980), "4.980");
        assert_eq!(super::count(Locale::En, 1234567), "1,234,567");
        assert_eq!(super::count(Locale::En, 999), "999");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        let nl = crate::handbook::labels::for_locale(Locale::NlBe);
        let en = crate::handbook::labels::for_locale(Locale::En);
        let c = |l: &crate::handbook::Labels, loc, n| {
            super::counted(loc, n, l.vacancy_one, l.vacancy_many)
        };
        assert_eq!(c(nl, Locale::NlBe, 1), "1 vacature");
        assert_eq!(c(nl, Locale::NlBe, 0), "0 vacatures");
        assert_eq!(c(nl, Locale::NlBe, 2), "2 vacatures");
        assert_eq!(c(nl, Locale::NlBe, 1200), "1.200 vacatures");
        assert_eq!(c(en, Locale::En, 1), "1 vacancy");
        assert_eq!(c(en, Locale::En, 3), "3 vacancies");
        assert_eq!(
            super::counted(Locale::En, 1, en.unit_one, en.unit_many),
            "1 unit"
        );
        assert_eq!(
            super::counted(Locale::NlBe, 21, nl.unit_one, nl.unit_many),
            "21 eenheden"
        );
    }
}
