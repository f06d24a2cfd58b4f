//! Reads the spanned TOML documents into raw, still unchecked definitions.
//!
//! Hand-written rather than serde-derived so that every unknown key and every
//! wrong type in a file is reported (not just the first), each with its own
//! position and a message an HR editor understands.

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::schema::{self, Section};
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::source::{FileId, Span};

/// A value with the place it was written.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

/// An FTE figure as written (`52.86`), parsed later into an exact decimal.
#[derive(Clone, Debug)]
pub struct FteText(pub String);

#[derive(Debug, Default)]
pub struct RawOrganisation {
    pub span: Option<Span>,
    pub name: Option<Sp<String>>,
    pub short: Option<Sp<String>>,
    pub root: Option<Sp<String>>,
    pub locale: Option<Sp<String>>,
    pub max_depth: Option<Sp<i64>>,
    pub max_span: Option<Sp<i64>>,
    pub allow: Vec<Sp<String>>,
}

#[derive(Debug)]
pub struct RawKind {
    pub id: Sp<String>,
    pub label: Option<Sp<String>>,
    pub head: Option<Sp<String>>,
    pub placement: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawPost {
    pub span: Span,
    pub title: Option<Sp<String>>,
    pub head: Option<Sp<bool>>,
    pub holder: Option<Sp<String>>,
    pub fte: Option<Sp<FteText>>,
    pub vacant: Option<Sp<bool>>,
}

#[derive(Debug)]
pub struct RawUnit {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub short: Option<Sp<String>>,
    pub kind: Option<Sp<String>>,
    pub parent: Option<Sp<String>>,
    pub fte: Option<Sp<FteText>>,
    pub tags: Vec<Sp<String>>,
    pub tasks: Vec<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub posts: Vec<RawPost>,
}

#[derive(Debug)]
pub struct RawLink {
    pub span: Span,
    pub from: Option<Sp<String>>,
    pub to: Option<Sp<String>>,
    pub style: Option<Sp<String>>,
    pub label: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawTransfer {
    pub task: Option<Sp<String>>,
    pub from: Option<Sp<String>>,
    pub to: Option<Sp<String>>,
    pub date: Option<Sp<Datetime>>,
}

#[derive(Debug)]
pub struct RawRelation {
    pub to: Option<Sp<String>>,
    pub label: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawBody {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub short: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub relations: Vec<RawRelation>,
}

#[derive(Debug)]
pub struct RawView {
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub root: Option<Sp<String>>,
    pub depth: Option<Sp<i64>>,
}

/// Everything defined in all files, in file order and, within a file, in
/// written order.
#[derive(Debug, Default)]
pub struct RawOrg {
    pub organisations: Vec<RawOrganisation>,
    pub kinds: Vec<RawKind>,
    pub units: Vec<RawUnit>,
    pub links: Vec<RawLink>,
    pub transfers: Vec<RawTransfer>,
    pub bodies: Vec<RawBody>,
    pub views: Vec<RawView>,
}

type Value<'i> = Spanned<DeValue<'i>>;

/// Decodes one parsed file into `raw`, reporting problems into `diagnostics`.
pub fn decode_file(
    file: FileId,
    doc: &DeTable<'_>,
    raw: &mut RawOrg,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut d = Decoder { file, diagnostics };
    let mut top = Table::new(doc, "the file", &schema::FILE);
    if let Some((key_span, value)) = top.get("organisation")
        && let Some(table) = d.table(value, "`[organisation]`")
    {
        raw.organisations
            .push(d.organisation(table, d.span(key_span)));
    }
    if let Some((_, value)) = top.get("kinds") {
        for (id, table) in d.named_tables(value, "kinds", "kind") {
            let mut t = Table::new(table, &format!("kind `{}`", id.value), &schema::KIND)
                .at(id.span.range());
            let kind = RawKind {
                label: d.string(&mut t, "label"),
                head: d.string(&mut t, "head"),
                placement: d.string(&mut t, "placement"),
                id,
            };
            d.finish(t);
            raw.kinds.push(kind);
        }
    }
    if let Some((_, value)) = top.get("units") {
        for (id, table) in d.named_tables(value, "units", "unit") {
            let unit = d.unit(id, table);
            raw.units.push(unit);
        }
    }
    if let Some((_, value)) = top.get("links") {
        for (span, table) in d.table_array(value, "links", "link") {
            let mut t = Table::new(table, "this link", &schema::LINK).at(span.range());
            raw.links.push(RawLink {
                span,
                from: d.required_string(&mut t, "from", "the unit the line starts at"),
                to: d.required_string(&mut t, "to", "the unit the line goes to"),
                style: d.string(&mut t, "style"),
                label: d.string(&mut t, "label"),
            });
            d.finish(t);
        }
    }
    if let Some((_, value)) = top.get("transfers") {
        for (span, table) in d.table_array(value, "transfers", "transfer") {
            let mut t = Table::new(table, "this transfer", &schema::TRANSFER).at(span.range());
            raw.transfers.push(RawTransfer {
                task: d.required_string(&mut t, "task", "the task that moves"),
                from: d.required_string(&mut t, "from", "the unit that gives the task away"),
                to: d.required_string(&mut t, "to", "the unit that takes the task over"),
                date: d.date(&mut t, "date"),
            });
            d.finish(t);
        }
    }
    if let Some((_, value)) = top.get("bodies") {
        for (id, table) in d.named_tables(value, "bodies", "body") {
            let what = format!("body `{}`", id.value);
            let mut t = Table::new(table, &what, &schema::BODY).at(id.span.range());
            let name = d.required_string(&mut t, "name", "the body's full name");
            let short = d.string(&mut t, "short");
            let description = d.string(&mut t, "description");
            let mut relations = Vec::new();
            if let Some((_, value)) = t.get("relations") {
                for (span, rt) in
                    d.table_array(value, &format!("bodies.{}.relations", id.value), "relation")
                {
                    let mut r = Table::new(rt, &format!("a relation of {what}"), &schema::RELATION)
                        .at(span.range());
                    relations.push(RawRelation {
                        to: d.required_string(&mut r, "to", "the id of the other body"),
                        label: d.string(&mut r, "label"),
                    });
                    d.finish(r);
                }
            }
            d.finish(t);
            raw.bodies.push(RawBody {
                id,
                name,
                short,
                description,
                relations,
            });
        }
    }
    if let Some((_, value)) = top.get("views") {
        for (span, table) in d.table_array(value, "views", "view") {
            let mut t = Table::new(table, "this view", &schema::VIEW).at(span.range());
            raw.views.push(RawView {
                id: d.required_string(&mut t, "id", "a short id for the chart's file name"),
                title: d.required_string(&mut t, "title", "the chart's title"),
                root: d.required_string(&mut t, "root", "the unit the chart starts from"),
                depth: d.integer(&mut t, "depth"),
            });
            d.finish(t);
        }
    }
    d.finish(top);
}

/// A table being read, remembering which keys were asked for so the rest can
/// be reported as unknown.
struct Table<'t, 'i> {
    table: &'t DeTable<'i>,
    what: String,
    known: &'static Section,
    /// Where the table starts (its header), to point at a missing key.
    header: Option<std::ops::Range<usize>>,
}

impl<'t, 'i> Table<'t, 'i> {
    fn new(table: &'t DeTable<'i>, what: &str, known: &'static Section) -> Self {
        Table {
            table,
            what: what.to_string(),
            known,
            header: None,
        }
    }

    fn at(mut self, header: std::ops::Range<usize>) -> Self {
        self.header = Some(header);
        self
    }

    /// The value of a key and the span of the key itself.
    fn get(&mut self, key: &str) -> Option<(std::ops::Range<usize>, &'t Value<'i>)> {
        debug_assert!(self.known.has(key), "{key} is not declared");
        self.table.get_key_value(key).map(|(k, v)| (k.span(), v))
    }
}

struct Decoder<'d> {
    file: FileId,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Decoder<'_> {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Reports every key of the table that the format does not know.
    fn finish(&mut self, t: Table) {
        // Sorted by position, so the report follows the file.
        let mut unknown: Vec<_> = t
            .table
            .iter()
            .filter(|(k, _)| !t.known.has(k.get_ref()))
            .map(|(k, _)| (k.span(), k.get_ref().to_string()))
            .collect();
        unknown.sort_by_key(|(span, _)| span.start);
        for (span, key) in unknown {
            let mut d = Diagnostic::new(
                Code::UnknownKey,
                format!("{} has a key `{key}` that the format does not know", t.what),
            )
            .at(self.span(span), "unknown key");
            d = match did_you_mean(&key, t.known.names()) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!(
                    "the keys {} may have are: {}",
                    t.what,
                    t.known
                        .names()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            self.report(d);
        }
    }

    fn wrong_type(&mut self, value: &Value, what: &str, expected: &str, example: &str) {
        let found = describe(value.get_ref());
        self.report(
            Diagnostic::new(
                Code::WrongType,
                format!("{what} must be {expected}, but it is {found}"),
            )
            .at(self.span(value.span()), format!("expected {expected}"))
            .help(format!("write it like this: {example}")),
        );
    }

    fn table<'t, 'i>(&mut self, value: &'t Value<'i>, what: &str) -> Option<&'t DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(
                    value,
                    what,
                    "a table",
                    "a header line such as `[organisation]` followed by `key = value` lines",
                );
                None
            }
        }
    }

    /// The entries of a table of named tables (`[units.ID]`), in written order.
    fn named_tables<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        section: &str,
        singular: &str,
    ) -> Vec<(Sp<String>, &'t DeTable<'i>)> {
        let Some(table) = self.table(value, &format!("`{section}`")) else {
            return Vec::new();
        };
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut out = Vec::new();
        for (key, value) in entries {
            let id = Sp {
                value: key.get_ref().to_string(),
                span: self.span(key.span()),
            };
            match value.get_ref() {
                DeValue::Table(t) => out.push((id, t)),
                _ => self.wrong_type(
                    value,
                    &format!("`{section}.{}`", id.value),
                    &format!("a table describing the {singular}"),
                    &format!(
                        "`[{section}.{}]` on a line of its own, then its keys below it",
                        id.value
                    ),
                ),
            }
        }
        out
    }

    /// The tables of an array of tables (`[[links]]`), with the span of each.
    fn table_array<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        section: &str,
        singular: &str,
    ) -> Vec<(Span, &'t DeTable<'i>)> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                value,
                &format!("`{section}`"),
                &format!("a list of {singular} entries"),
                &format!("`[[{section}]]` on a line of its own before each {singular}"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((self.span(item.span()), t)),
                _ => self.wrong_type(
                    item,
                    &format!("each entry of `{section}`"),
                    "a table",
                    &format!("`[[{section}]]` on a line of its own before each {singular}"),
                ),
            }
        }
        out
    }

    fn string(&mut self, t: &mut Table, key: &str) -> Option<Sp<String>> {
        let (_, value) = t.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Sp {
                value: s.to_string(),
                span: self.span(value.span()),
            }),
            _ => {
                let what = format!("`{key}` of {}", t.what);
                self.wrong_type(value, &what, "text in quotes", &format!("{key} = \"…\""));
                None
            }
        }
    }

    fn required_string(&mut self, t: &mut Table, key: &str, meaning: &str) -> Option<Sp<String>> {
        if t.table.get(key).is_none() {
            self.missing(t, key, meaning);
            return None;
        }
        self.string(t, key)
    }

    fn missing(&mut self, t: &Table, key: &str, meaning: &str) {
        // Point at the table's header, else at its first key.
        let at = t
            .header
            .clone()
            .or_else(|| t.table.keys().map(|k| k.span()).min_by_key(|s| s.start));
        let mut d = Diagnostic::new(Code::MissingKey, format!("{} has no `{key}`", t.what))
            .help(format!("add `{key} = …`: {meaning}"));
        if let Some(span) = at {
            d = d.at(self.span(span), format!("`{key}` is missing here"));
        }
        self.report(d);
    }

    fn boolean(&mut self, t: &mut Table, key: &str) -> Option<Sp<bool>> {
        let (_, value) = t.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Sp {
                value: *b,
                span: self.span(value.span()),
            }),
            _ => {
                let what = format!("`{key}` of {}", t.what);
                self.wrong_type(
                    value,
                    &what,
                    "true or false (without quotes)",
                    &format!("{key} = true"),
                );
                None
            }
        }
    }

    fn integer(&mut self, t: &mut Table, key: &str) -> Option<Sp<i64>> {
        let (_, value) = t.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        match parsed {
            Some(n) => Some(Sp {
                value: n,
                span: self.span(value.span()),
            }),
            None => {
                let what = format!("`{key}` of {}", t.what);
                self.wrong_type(value, &what, "a whole number", &format!("{key} = 3"));
                None
            }
        }
    }

    fn fte(&mut self, t: &mut Table, key: &str) -> Option<Sp<FteText>> {
        let (_, value) = t.get(key)?;
        let text = match value.get_ref() {
            DeValue::Float(f) => Some(f.as_str().to_string()),
            DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str().to_string()),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|n| n.to_string()),
            _ => None,
        };
        match text {
            Some(text) => Some(Sp {
                value: FteText(text),
                span: self.span(value.span()),
            }),
            None => {
                let what = format!("`{key}` of {}", t.what);
                let hint = if matches!(value.get_ref(), DeValue::String(s) if s.contains(',')) {
                    format!(
                        "{key} = 52.86 (a number without quotes, with a decimal point, not a comma)"
                    )
                } else {
                    format!("{key} = 2.5")
                };
                self.wrong_type(value, &what, "a number", &hint);
                None
            }
        }
    }

    fn date(&mut self, t: &mut Table, key: &str) -> Option<Sp<Datetime>> {
        let (_, value) = t.get(key)?;
        match value.get_ref() {
            DeValue::Datetime(dt) if dt.date.is_some() && dt.time.is_none() => Some(Sp {
                value: *dt,
                span: self.span(value.span()),
            }),
            _ => {
                let what = format!("`{key}` of {}", t.what);
                self.wrong_type(
                    value,
                    &what,
                    "a date (year-month-day, without quotes)",
                    &format!("{key} = 2017-09-01"),
                );
                None
            }
        }
    }

    fn strings(&mut self, t: &mut Table, key: &str) -> Vec<Sp<String>> {
        let Some((_, value)) = t.get(key) else {
            return Vec::new();
        };
        let what = format!("`{key}` of {}", t.what);
        let example = format!("{key} = [\"first\", \"second\"]");
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, &what, "a list of texts", &example);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Sp {
                    value: s.to_string(),
                    span: self.span(item.span()),
                }),
                _ => self.wrong_type(
                    item,
                    &format!("each entry of {what}"),
                    "text in quotes",
                    &example,
                ),
            }
        }
        out
    }

    fn organisation(&mut self, table: &DeTable, span: Span) -> RawOrganisation {
        let mut t = Table::new(table, "`[organisation]`", &schema::ORGANISATION).at(span.range());
        let mut org = RawOrganisation {
            span: Some(span),
            name: self.required_string(
                &mut t,
                "name",
                "the organisation's name, e.g. name = \"Groep Mechelen\"",
            ),
            short: self.string(&mut t, "short"),
            root: self.required_string(
                &mut t,
                "root",
                "the id of the top unit, e.g. root = \"seg\"",
            ),
            locale: self.string(&mut t, "locale"),
            ..RawOrganisation::default()
        };
        if let Some((_, value)) = t.get("limits")
            && let Some(limits) = self.table(value, "`[organisation.limits]`")
        {
            let mut l = Table::new(limits, "`[organisation.limits]`", &schema::LIMITS);
            org.max_depth = self.integer(&mut l, "max_depth");
            org.max_span = self.integer(&mut l, "max_span");
            self.finish(l);
        }
        if let Some((_, value)) = t.get("warnings")
            && let Some(warnings) = self.table(value, "`[organisation.warnings]`")
        {
            let mut w = Table::new(warnings, "`[organisation.warnings]`", &schema::WARNINGS);
            org.allow = self.strings(&mut w, "allow");
            self.finish(w);
        }
        self.finish(t);
        org
    }

    fn unit(&mut self, id: Sp<String>, table: &DeTable) -> RawUnit {
        let what = format!("unit `{}`", id.value);
        let mut t = Table::new(table, &what, &schema::UNIT).at(id.span.range());
        let mut posts = Vec::new();
        if let Some((_, value)) = t.get("posts") {
            let section = format!("units.{}.posts", id.value);
            for (span, pt) in self.table_array(value, &section, "post") {
                let mut p =
                    Table::new(pt, &format!("a post of {what}"), &schema::POST).at(span.range());
                posts.push(RawPost {
                    span,
                    title: self.required_string(
                        &mut p,
                        "title",
                        "the post's title, e.g. title = \"Directeur\"",
                    ),
                    head: self.boolean(&mut p, "head"),
                    holder: self.string(&mut p, "holder"),
                    fte: self.fte(&mut p, "fte"),
                    vacant: self.boolean(&mut p, "vacant"),
                });
                self.finish(p);
            }
        }
        let unit = RawUnit {
            name: self.required_string(&mut t, "name", "the unit's full name"),
            short: self.string(&mut t, "short"),
            kind: self.required_string(&mut t, "kind", "one of the kinds declared under [kinds]"),
            parent: self.string(&mut t, "parent"),
            fte: self.fte(&mut t, "fte"),
            tags: self.strings(&mut t, "tags"),
            tasks: self.strings(&mut t, "tasks"),
            description: self.string(&mut t, "description"),
            posts,
            id,
        };
        self.finish(t);
        unit
    }
}

/// How a value's type is named to someone who does not know TOML.
fn describe(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("the text \"{}\"", truncate(s, 40)),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}
