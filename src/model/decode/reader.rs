//! Reading values out of a spanned TOML table: the right type or a clear
//! error, and every key the format does not know reported.

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::raw::FteText;
use super::raw::Sp;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::model::date::Date;
use crate::model::schema::Section;
use crate::source::{FileId, Span};

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// A table being read, remembering which keys were asked for so the rest can
/// be reported as unknown.
pub(super) struct Table<'t, 'i> {
    pub(super) table: &'t DeTable<'i>,
    pub(super) what: String,
    known: &'static Section,
    /// Where the table starts (its header), to point at a missing key.
    header: Option<std::ops::Range<usize>>,
}

impl<'t, 'i> Table<'t, 'i> {
    pub(super) fn new(table: &'t DeTable<'i>, what: &str, known: &'static Section) -> Self {
        Table {
            table,
            what: what.to_string(),
            known,
            header: None,
        }
    }

    pub(super) fn at(mut self, header: std::ops::Range<usize>) -> Self {
        self.header = Some(header);
        self
    }

    /// The value of a key and the span of the key itself.
    pub(super) fn get(&mut self, key: &str) -> Option<(std::ops::Range<usize>, &'t Value<'i>)> {
        debug_assert!(self.known.has(key), "{key} is not declared");
        self.table.get_key_value(key).map(|(k, v)| (k.span(), v))
    }
}

pub(super) struct Decoder<'d> {
    pub(super) file: FileId,
    pub(super) diagnostics: &'d mut Vec<Diagnostic>,
}

impl Decoder<'_> {
    pub(super) fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    pub(super) fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Reports every key of the table that the format does not know.
    pub(super) fn finish(&mut self, t: Table) {
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

    pub(super) fn wrong_type(&mut self, value: &Value, what: &str, expected: &str, example: &str) {
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

    pub(super) fn table<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        what: &str,
    ) -> Option<&'t DeTable<'i>> {
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
    pub(super) fn named_tables<'t, 'i>(
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
    pub(super) fn table_array<'t, 'i>(
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

    pub(super) fn string(&mut self, t: &mut Table, key: &str) -> Option<Sp<String>> {
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

    pub(super) fn required_string(
        &mut self,
        t: &mut Table,
        key: &str,
        meaning: &str,
    ) -> Option<Sp<String>> {
        if t.table.get(key).is_none() {
            self.missing(t, key, meaning);
            return None;
        }
        self.string(t, key)
    }

    pub(super) fn missing(&mut self, t: &Table, key: &str, meaning: &str) {
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

    pub(super) fn boolean(&mut self, t: &mut Table, key: &str) -> Option<Sp<bool>> {
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

    pub(super) fn integer(&mut self, t: &mut Table, key: &str) -> Option<Sp<i64>> {
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

    pub(super) fn fte(&mut self, t: &mut Table, key: &str) -> Option<Sp<FteText>> {
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

    pub(super) fn date(&mut self, t: &mut Table, key: &str) -> Option<Sp<Datetime>> {
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

    /// A calendar date (`from = 2019-01-01`), checked to exist.
    pub(super) fn day(&mut self, t: &mut Table, key: &str) -> Option<Sp<Date>> {
        let value = self.date(t, key)?;
        match Date::from_toml(&value.value) {
            Some(date) => Some(Sp {
                value: date,
                span: value.span,
            }),
            None => {
                self.report(
                    Diagnostic::new(
                        Code::WrongType,
                        format!("`{key}` of {} is not a day of the calendar", t.what),
                    )
                    .at(value.span, "no such day")
                    .help(format!("write a date that exists, e.g. {key} = 2019-01-01")),
                );
                None
            }
        }
    }

    pub(super) fn strings(&mut self, t: &mut Table, key: &str) -> Vec<Sp<String>> {
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
