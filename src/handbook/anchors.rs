//! Ids for the headings of the organisation's own text (free pages,
//! descriptions), so that every section can be linked to and gets a
//! permalink.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::text::slug;

/// Ids the page templates and the inline charts use. A heading never takes
/// one: its link would lead to another part of the page.
const RESERVED: &[&str] = &[
    "top",
    "content",
    "sidebar",
    "search-input",
    "search-results",
    "chart",
    "chart-frame",
    "description",
    "divisions",
    "tasks",
    "lists",
    "subunits",
    "staff",
    "affiliated",
    "posts",
    "transfers",
    "links",
    "history",
    "per-division",
    "per-tag",
    "diagram",
];
/// Prefixes of generated ids: `nav-<unit>`, `letter-a`, `body-<id>`,
/// `unit-<id>` (chart boxes), `chart-title`, `view-…`, `toc-title` (made by
/// the page's script).
const RESERVED_PREFIXES: &[&str] = &[
    "nav-", "letter-", "body-", "unit-", "chart-", "view-", "toc-",
];

fn reserved(id: &str) -> bool {
    RESERVED.contains(&id)
        || RESERVED_PREFIXES.iter().any(|p| id.starts_with(p))
        // The timeline's dates: `d2024-01-01`.
        || (id.starts_with('d') && id[1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// The id of a heading with this text: its slug, made unique among `taken`.
fn unique(text: &str, taken: &mut BTreeSet<String>) -> String {
    let mut base = slug(text);
    if !text.chars().any(|c| c.is_ascii_alphanumeric()) && base == "page" {
        base = "section".into();
    }
    if reserved(&base) {
        base = format!("section-{base}");
    }
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Gives every heading an id from its text, unique within `events` (one
/// page's text), and starting with `scope.` unless `scope` is empty; ids
/// written in the source are not kept, so that none can clash with the page
/// around it.
pub fn with_heading_ids<'a>(mut events: Vec<Event<'a>>, scope: &str) -> Vec<Event<'a>> {
    let mut taken = BTreeSet::new();
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i], Event::Start(Tag::Heading { .. })) {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let mut id = unique(&text, &mut taken);
            if !scope.is_empty() {
                // A dot is in no unit's or body's id: a scoped id never
                // meets one the templates make from them (`body-x-title`).
                id = format!("{scope}.{id}");
            }
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
            i = j;
        }
        i += 1;
    }
    events
}

#[cfg(test)]
mod tests {
    use crate::handbook::text::safe_html;

    #[test]
    fn headings_get_unique_slug_ids() {
        let html = safe_html(
            "# Over ons\n\n## Onze *missie*\n\nTekst.\n\n## Onze missie\n\n### `code` & meer\n\n## ***\n",
            0,
        );
        assert!(html.contains("<h1 id=\"over-ons\">Over ons</h1>"), "{html}");
        assert!(html.contains("<h2 id=\"onze-missie\">"), "{html}");
        assert!(html.contains("<h2 id=\"onze-missie-2\">"), "{html}");
        assert!(html.contains("<h3 id=\"code-meer\">"), "{html}");
        assert!(html.contains("<h2 id=\"section\">"), "{html}");
    }

    #[test]
    fn heading_ids_never_take_a_template_id() {
        let html = safe_html(
            "## Tasks\n\n## Unit X\n\n## 2024\n\n## D2024\n\n# Taken {#chart}\n",
            2,
        );
        assert!(html.contains("<h4 id=\"section-tasks\">"), "{html}");
        assert!(html.contains("<h4 id=\"section-unit-x\">"), "{html}");
        assert!(html.contains("<h4 id=\"2024\">"), "{html}");
        assert!(html.contains("<h4 id=\"section-d2024\">"), "{html}");
        assert!(!html.contains("id=\"chart\""), "{html}");
    }

    #[test]
    fn scoped_descriptions_never_share_an_id() {
        let a = crate::handbook::Rich::scoped("## Samenstelling\n", "body-raad");
        let b = crate::handbook::Rich::scoped("## Samenstelling\n", "body-college");
        assert!(
            a.html.contains("<h4 id=\"body-raad.samenstelling\">"),
            "{}",
            a.html
        );
        assert!(
            b.html.contains("<h4 id=\"body-college.samenstelling\">"),
            "{}",
            b.html
        );
    }

    #[test]
    fn hostile_heading_text_makes_a_plain_id() {
        let html = safe_html("## \"><script>x</script> Ëén\n", 0);
        assert!(html.contains("<h2 id=\"x-een\">"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }
}
