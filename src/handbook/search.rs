//! The search index: everything a reader may type, in a compact form that a
//! small script (`assets/search.js`) searches in the browser, offline.
//!
//! Each entry is one place to land: a unit's page, a governance body's card,
//! a free page or an overview page. Its text is kept in fields of falling
//! weight, so that the script can rank a hit in a unit's name above one in
//! its description. A field holds items separated by `\n` (a task, a post
//! with its holder, a relation), so that a hit can show the item it matched.
//!
//! The index stays bounded: every field is cut at [`FIELD_LIMITS`]
//! characters, so an entry never grows past about 1 KB however much text a
//! unit carries, and kinds are written once and referred to by number.

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::text;
use super::{BODIES, FTE, FreePage, INDEX, Labels, TASKS, list_count, list_path, unit_path};
use crate::model::Organisation;

/// The fields of an entry, by falling weight. The script gives each its own
/// weight; their order here is the order in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Short names, ids, other names.
    Alias = 0,
    /// Posts and their holders; vacancies.
    People = 1,
    /// Tasks, tags, relations, keywords.
    Topics = 2,
    /// Descriptions and page text.
    Text = 3,
}

/// The most characters kept per field (alias, people, topics, text).
pub const FIELD_LIMITS: [usize; 4] = [120, 400, 600, 240];
/// Free pages are few and long: more of their text is kept.
pub const PAGE_TEXT_LIMIT: usize = 2000;

/// One place the search can lead to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// Page path, without extension, with an anchor where the hit is a part
    /// of a page (`bodies#body-cbs-title`).
    pub path: String,
    /// Index into [`Index::kinds`].
    pub kind: usize,
    /// Items per [`Field`].
    pub fields: [Vec<String>; 4],
}

impl Entry {
    /// The items of one field.
    pub fn field(&self, f: Field) -> &[String] {
        &self.fields[f as usize]
    }
}

/// The whole index: the kind labels, written once, and the entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    pub kinds: Vec<String>,
    pub entries: Vec<Entry>,
}

impl Index {
    fn kind(&mut self, label: &str) -> usize {
        match self.kinds.iter().position(|k| k == label) {
            Some(i) => i,
            None => {
                self.kinds.push(label.to_string());
                self.kinds.len() - 1
            }
        }
    }

    fn push(&mut self, title: &str, path: String, kind: &str, fields: [Vec<String>; 4]) {
        let kind = self.kind(kind);
        let mut fields = fields;
        for (i, items) in fields.iter_mut().enumerate() {
            let limit = if i == Field::Text as usize && path.starts_with("pages/") {
                PAGE_TEXT_LIMIT
            } else {
                FIELD_LIMITS[i]
            };
            cap(items, limit);
        }
        self.entries.push(Entry {
            title: one_line(title),
            path,
            kind,
            fields,
        });
    }

    /// Entries whose title is `title`.
    pub fn find<'a>(&'a self, title: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.title == title)
    }

    /// Every item of every field of `e`, and its title, as one text.
    pub fn text_of(e: &Entry) -> String {
        let mut all = e.title.clone();
        for items in &e.fields {
            for item in items {
                all.push('\n');
                all.push_str(item);
            }
        }
        all
    }
}

/// Whitespace (line breaks included) folded to single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keeps items while they fit in `limit` characters; the item that crosses
/// the limit is shortened at a word.
fn cap(items: &mut Vec<String>, limit: usize) {
    let mut used = 0;
    let mut keep = 0;
    for item in items.iter_mut() {
        *item = one_line(item);
        let len = item.chars().count();
        if used + len <= limit {
            used += len + 1;
            keep += 1;
        } else {
            let room = limit.saturating_sub(used);
            if room >= 16 {
                *item = text::shorten(item, room);
                keep += 1;
            }
            break;
        }
    }
    items.truncate(keep);
    items.retain(|i| !i.is_empty());
}

/// The index of the handbook of `org`. With `public`, no holder's name is in it.
pub fn index(org: &Organisation, free: &[FreePage], labels: &Labels, public: bool) -> Index {
    let mut index = Index::default();
    overview_entries(&mut index, org, labels);
    for p in free {
        index.push(
            &p.title,
            p.path.clone(),
            labels.page_kind,
            [vec![], vec![], vec![], vec![p.plain.clone()]],
        );
    }
    for u in org.preorder(org.root) {
        let unit = &org.units[u];
        let mut alias: Vec<String> = unit.short.iter().cloned().collect();
        if !text::sort_key(&unit.name).contains(&text::sort_key(&unit.id)) {
            alias.push(unit.id.clone());
        }
        let people = unit
            .posts
            .iter()
            .map(|post| {
                let holder = post.holder.as_deref().filter(|_| !public);
                match (holder, post.vacant) {
                    (_, true) => format!("{}: {}", post.title, labels.vacancy_one),
                    (Some(h), false) => format!("{}: {h}", post.title),
                    (None, false) => post.title.clone(),
                }
            })
            .collect();
        let mut topics: Vec<String> = unit.tasks.clone();
        topics.extend(unit.tags.iter().cloned());
        let description = unit.description.as_deref().map(text::plain);
        index.push(
            &unit.name,
            unit_path(org, u),
            &org.kind_of(u).label,
            [alias, people, topics, description.into_iter().collect()],
        );
        for part in 0..list_count(org, u) {
            index.push(
                &format!("{} {} ({})", labels.subunits, unit.name, part + 1),
                list_path(org, u, part),
                labels.overview,
                [vec![], vec![], vec![], vec![]],
            );
        }
    }
    for (i, body) in org.bodies.iter().enumerate() {
        let mut alias: Vec<String> = body.short.iter().cloned().collect();
        if !text::sort_key(&body.name).contains(&text::sort_key(&body.id)) {
            alias.push(body.id.clone());
        }
        // Relations both ways: the Vast bureau is found by "voorzitter" too.
        let mut topics = Vec::new();
        for r in &body.relations {
            if let Some(to) = org.bodies.get(r.to) {
                topics.push(relation(r.label.as_deref(), &to.name));
            }
        }
        for other in &org.bodies {
            for r in other.relations.iter().filter(|r| r.to == i) {
                topics.push(relation(r.label.as_deref(), &other.name));
            }
        }
        index.push(
            &body.name,
            format!("{BODIES}#body-{}-title", body.id),
            labels.body,
            [
                alias,
                vec![],
                topics,
                body.description
                    .as_deref()
                    .map(text::plain)
                    .into_iter()
                    .collect(),
            ],
        );
    }
    index
}

fn relation(label: Option<&str>, other: &str) -> String {
    match label {
        Some(l) => format!("{l}: {other}"),
        None => other.to_string(),
    }
}

/// The index, the overview pages and the timeline, found by their titles
/// and by the words a reader would use for them ("VTE", "vacature").
fn overview_entries(index: &mut Index, org: &Organisation, labels: &Labels) {
    let words = |w: &str| vec![w.to_string()];
    let root = &org.units[org.root];
    let mut alias: Vec<String> = org.short.iter().cloned().collect();
    alias.push(labels.overview.into());
    index.push(
        &org.name,
        INDEX.into(),
        labels.overview,
        [
            alias,
            vec![],
            vec![
                labels.chart.into(),
                labels.divisions.into(),
                labels.index_words.into(),
            ],
            root.description
                .as_deref()
                .map(text::plain)
                .into_iter()
                .collect(),
        ],
    );
    let total = org.locale.format_fte(root.total_fte);
    index.push(
        labels.who_does_what,
        TASKS.into(),
        labels.overview,
        [
            vec![],
            vec![],
            vec![labels.tasks.into(), labels.tasks_words.into()],
            words(labels.who_does_what_intro),
        ],
    );
    index.push(
        labels.fte_overview,
        FTE.into(),
        labels.overview,
        [
            words(labels.fte),
            vec![],
            vec![
                labels.fte_per_division.into(),
                labels.fte_per_tag.into(),
                labels.fte_words.into(),
            ],
            vec![format!("{}: {total}", labels.fte_total)],
        ],
    );
    if !org.bodies.is_empty() {
        index.push(
            labels.bodies,
            BODIES.into(),
            labels.overview,
            [
                vec![],
                vec![],
                vec![labels.diagram.into(), labels.bodies_words.into()],
                words(labels.bodies_intro),
            ],
        );
    }
    if !org.history.events.is_empty() {
        index.push(
            labels.timeline,
            super::timeline::TIMELINE.into(),
            labels.overview,
            [
                vec![],
                vec![],
                vec![labels.history.into(), labels.timeline_words.into()],
                words(labels.timeline_intro),
            ],
        );
    }
}

/// An entry as a JSON array `[title, path, kind, alias, people, topics,
/// text]`, each field its items joined by `\n`; trailing empty fields left
/// out.
impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let used = self
            .fields
            .iter()
            .rposition(|f| !f.is_empty())
            .map_or(0, |i| i + 1);
        let mut seq = s.serialize_seq(Some(3 + used))?;
        seq.serialize_element(&self.title)?;
        seq.serialize_element(&self.path)?;
        seq.serialize_element(&self.kind)?;
        for items in &self.fields[..used] {
            seq.serialize_element(&items.join("\n"))?;
        }
        seq.end()
    }
}

/// The file format: `{"v":2,"k":[kinds],"d":[entries]}`.
#[derive(Serialize)]
struct File<'a> {
    v: u32,
    k: &'a [String],
    d: &'a [Entry],
}

/// The index as a script that sets `window.ORGANOGRAM_SEARCH` (a script,
/// not JSON to fetch, because browsers refuse `fetch` on `file://`).
/// `<`, `>` and `&` are written as `\u003c`… so that no text in it can ever
/// close a script element or start markup, wherever the file is included.
pub fn script(index: &Index) -> String {
    let file = File {
        v: 2,
        k: &index.kinds,
        d: &index.entries,
    };
    let json = serde_json::to_string(&file).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(json.len() + 64);
    out.push_str("window.ORGANOGRAM_SEARCH = ");
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out.push_str(";\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_capped_at_words() {
        let mut items = vec!["a".repeat(50), "b ".repeat(100)];
        cap(&mut items, 80);
        assert_eq!(items.len(), 2);
        assert!(items.iter().map(|i| i.chars().count()).sum::<usize>() <= 82);
        let mut one = vec!["x".repeat(200)];
        cap(&mut one, 100);
        assert!(one[0].chars().count() <= 101, "{}", one[0]);
    }

    #[test]
    fn the_script_cannot_close_a_script_element() {
        let mut index = Index::default();
        index.push(
            "</script><script>alert('x')</script>",
            "units/x".into(),
            "\"quoted\"",
            [
                vec!["a & b".into()],
                vec![],
                vec![],
                vec!["\u{2028}".into()],
            ],
        );
        let js = script(&index);
        assert!(
            !js.contains('<') && !js.contains('>') && !js.contains('&'),
            "{js}"
        );
        assert!(js.contains("\\\"quoted\\\""), "{js}");
    }

    #[test]
    fn trailing_empty_fields_are_left_out() {
        let mut index = Index::default();
        index.push(
            "T",
            "p".into(),
            "K",
            [vec!["s".into()], vec![], vec![], vec![]],
        );
        assert_eq!(
            script(&index),
            "window.ORGANOGRAM_SEARCH = {\"v\":2,\"k\":[\"K\"],\"d\":[[\"T\",\"p\",0,\"s\"]]};\n"
        );
    }
}
