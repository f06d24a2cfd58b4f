//! A reader for files written in the usual shapes, straight from the text to
//! the raw definitions, without the TOML reader's document tree (which costs
//! a map per table and most of a check's time).
//!
//! It only takes a file it can read completely and correctly: headers of
//! the known tables in the usual order (a unit's `[[units.ID.posts]]` after
//! its `[units.ID]`), known keys, values of the right type, the required
//! keys present. For anything else — unusual TOML, or anything that would
//! need a message — it gives up, and the file is read by the full reader
//! (`super::decode_file`), which gives every message with its position. So
//! the result is the same either way; `tests` compares the two.

mod scan;
#[cfg(test)]
mod tests;

use scan::{Line, Scanner, Val};
use toml::value::Datetime;

use super::raw::*;
use crate::model::date::Date;
use crate::model::schema::{self, Section};
use crate::source::{FileId, Span};

/// The table the next `key = value` lines belong to.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    /// Before the first header: keys there are not of the usual shapes.
    Root,
    Organisation,
    Limits,
    Warnings,
    Output,
    Kind,
    Unit,
    Post,
    Change,
    Link,
    Transfer,
    Body,
    Relation,
    View,
}

impl Target {
    fn section(self) -> &'static Section {
        match self {
            Target::Root => &schema::FILE,
            Target::Organisation => &schema::ORGANISATION,
            Target::Limits => &schema::LIMITS,
            Target::Warnings => &schema::WARNINGS,
            Target::Output => &schema::OUTPUT,
            Target::Kind => &schema::KIND,
            Target::Unit => &schema::UNIT,
            Target::Post => &schema::POST,
            Target::Change => &schema::CHANGE,
            Target::Link => &schema::LINK,
            Target::Transfer => &schema::TRANSFER,
            Target::Body => &schema::BODY,
            Target::Relation => &schema::RELATION,
            Target::View => &schema::VIEW,
        }
    }
}

/// Reads one file, or `None` when it is not written in the usual shapes.
pub fn decode_file(file: FileId, text: &str) -> Option<RawOrg> {
    let mut reader = Reader {
        file,
        raw: RawOrg::default(),
        target: Target::Root,
        seen: 0,
        unit_ids: Ids::default(),
        kind_ids: Ids::default(),
        body_ids: Ids::default(),
        current: None,
        limits: false,
        warnings: false,
    };
    let mut scanner = Scanner::new(text);
    while let Some(line) = scanner.line()? {
        match line {
            Line::Header { path, array, last } => {
                reader.finish()?;
                reader.header(&path, array, last)?;
            }
            Line::KeyVal { key, value, span } => reader.key_val(key, value, span)?,
        }
    }
    reader.finish()?;
    Some(reader.raw)
}

/// The ids of one table in a file, to send a duplicate to the full reader.
type Ids<'a> = std::collections::HashSet<&'a str, rustc_hash::FxBuildHasher>;

struct Reader<'a> {
    file: FileId,
    raw: RawOrg,
    target: Target,
    /// The keys of the current table already given (bits by schema field).
    seen: u32,
    unit_ids: Ids<'a>,
    kind_ids: Ids<'a>,
    body_ids: Ids<'a>,
    /// The unit or body whose sub-tables may follow: its id.
    current: Option<&'a str>,
    /// Whether `[organisation.limits]`, `[organisation.warnings]` were given.
    limits: bool,
    warnings: bool,
}

/// A `[[…]]` table's or a key's place: what the full reader gives it.
fn sp<T>(file: FileId, value: T, (start, end): (usize, usize)) -> Sp<T> {
    Sp {
        value,
        span: Span::new(file, start..end),
    }
}

impl<'a> Reader<'a> {
    fn span(&self, (start, end): (usize, usize)) -> Span {
        Span::new(self.file, start..end)
    }

    /// Starts the table a header names, if it is one of the usual shapes.
    fn header(&mut self, path: &[&'a str], array: bool, last: (usize, usize)) -> Option<()> {
        // The range of the whole header, `[[` to `]]`, for array tables.
        let whole = if array {
            let before: usize = path[..path.len() - 1].iter().map(|p| p.len() + 1).sum();
            (last.0 - before - 2, last.1 + 2)
        } else {
            last
        };
        let id_of_current = |id: &str| self.current == Some(id);
        self.target = match (path, array) {
            (["organisation"], false) if self.raw.organisations.is_empty() => {
                self.raw.organisations.push(RawOrganisation {
                    span: Some(self.span(last)),
                    ..RawOrganisation::default()
                });
                self.current = Some("organisation");
                Target::Organisation
            }
            (["organisation", "limits"], false) if id_of_current("organisation") => {
                self.take_once(Target::Limits)?
            }
            (["organisation", "warnings"], false) if id_of_current("organisation") => {
                self.take_once(Target::Warnings)?
            }
            (["output"], false) if self.raw.outputs.is_empty() => {
                self.raw.outputs.push(RawOutput {
                    span: Some(self.span(last)),
                    ..RawOutput::default()
                });
                self.current = None;
                Target::Output
            }
            (["kinds", id], false) if self.kind_ids.insert(id) => {
                self.raw.kinds.push(RawKind {
                    id: sp(self.file, id.to_string(), last),
                    label: None,
                    head: None,
                    placement: None,
                });
                self.current = None;
                Target::Kind
            }
            (["units", id], false) if self.unit_ids.insert(id) => {
                self.raw.units.push(Box::new(RawUnit {
                    id: sp(self.file, id.to_string(), last),
                    name: None,
                    short: None,
                    kind: None,
                    parent: None,
                    fte: None,
                    tags: Vec::new(),
                    tasks: Vec::new(),
                    description: None,
                    posts: Vec::new(),
                    life: Life::default(),
                    changes: Vec::new(),
                }));
                self.current = Some(id);
                Target::Unit
            }
            (["units", id, "posts"], true) if id_of_current(id) && self.in_unit() => {
                let span = self.span(whole);
                let posts = &mut self.unit()?.posts;
                // Most units have one post: room for four would be wasted.
                if posts.capacity() == 0 {
                    posts.reserve_exact(1);
                }
                posts.push(RawPost {
                    span,
                    title: None,
                    head: None,
                    holder: None,
                    fte: None,
                    vacant: None,
                    life: Life::default(),
                });
                Target::Post
            }
            (["units", id, "changes"], true) if id_of_current(id) && self.in_unit() => {
                let span = self.span(whole);
                self.unit()?.changes.push(RawChange {
                    span,
                    from: None,
                    parent: None,
                    name: None,
                    short: None,
                    kind: None,
                    fte: None,
                    tags: None,
                });
                Target::Change
            }
            (["bodies", id], false) if self.body_ids.insert(id) => {
                self.raw.bodies.push(RawBody {
                    id: sp(self.file, id.to_string(), last),
                    name: None,
                    short: None,
                    description: None,
                    relations: Vec::new(),
                    life: Life::default(),
                });
                self.current = Some(id);
                Target::Body
            }
            (["bodies", id, "relations"], true)
                if id_of_current(id) && matches!(self.target, Target::Body | Target::Relation) =>
            {
                self.raw.bodies.last_mut()?.relations.push(RawRelation {
                    to: None,
                    label: None,
                    life: Life::default(),
                });
                Target::Relation
            }
            (["links"], true) => {
                let span = self.span(whole);
                self.raw.links.push(RawLink {
                    span,
                    from: None,
                    to: None,
                    style: None,
                    label: None,
                    life: Life::default(),
                });
                self.current = None;
                Target::Link
            }
            (["transfers"], true) => {
                self.raw.transfers.push(RawTransfer {
                    task: None,
                    from: None,
                    to: None,
                    date: None,
                });
                self.current = None;
                Target::Transfer
            }
            (["views"], true) => {
                self.raw.views.push(RawView {
                    id: None,
                    title: None,
                    root: None,
                    depth: None,
                });
                self.current = None;
                Target::View
            }
            _ => return None,
        };
        self.seen = 0;
        Some(())
    }

    /// A sub-table of `[organisation]`, given at most once.
    fn take_once(&mut self, target: Target) -> Option<Target> {
        let taken = match target {
            Target::Limits => &mut self.limits,
            _ => &mut self.warnings,
        };
        if std::mem::replace(taken, true) {
            return None;
        }
        Some(target)
    }

    /// Whether the lines above belong to the current unit (not a body's).
    fn in_unit(&self) -> bool {
        matches!(self.target, Target::Unit | Target::Post | Target::Change)
    }

    fn unit(&mut self) -> Option<&mut RawUnit> {
        self.raw.units.last_mut().map(|u| &mut **u)
    }

    /// The end of a table: every required key given, else a message is due.
    fn finish(&mut self) -> Option<()> {
        let section = self.target.section();
        section
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.required)
            .all(|(i, _)| self.seen & (1 << i) != 0)
            .then_some(())
    }

    fn key_val(&mut self, key: &'a str, value: Val<'a>, span: (usize, usize)) -> Option<()> {
        let section = self.target.section();
        let index = section.fields.iter().position(|f| f.name == key)?;
        if self.target == Target::Root || self.seen & (1 << index) != 0 {
            return None;
        }
        self.seen |= 1 << index;
        let file = self.file;
        let text = |v: Val<'a>| match v {
            Val::Str(s) => Some(sp(file, s.to_string(), span)),
            _ => None,
        };
        let fte = |v: Val<'a>| match v {
            Val::Int(s) | Val::Float(s) if s.len() <= 30 => Some(sp(file, FteText(s.into()), span)),
            _ => None,
        };
        let day = |v: Val<'a>| match v {
            Val::Date(d) => Some(sp(file, Date::from_toml(&d)?, span)),
            _ => None,
        };
        let flag = |v: Val<'a>| match v {
            Val::Bool(b) => Some(sp(file, b, span)),
            _ => None,
        };
        let whole = |v: Val<'a>| match v {
            Val::Int(s) if s.len() <= 18 => Some(sp(file, s.parse::<i64>().ok()?, span)),
            _ => None,
        };
        let texts = |v: Val<'a>| match v {
            Val::Strs(items) => Some(
                items
                    .into_iter()
                    .map(|(s, start, end)| sp(file, s.to_string(), (start, end)))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        };
        let date = |v: Val<'a>| match v {
            Val::Date(d) => Some(sp::<Datetime>(file, d, span)),
            _ => None,
        };
        match self.target {
            Target::Root => return None,
            Target::Organisation => {
                let org = self.raw.organisations.last_mut()?;
                match key {
                    "name" => org.name = Some(text(value)?),
                    "short" => org.short = Some(text(value)?),
                    "root" => org.root = Some(text(value)?),
                    "locale" => org.locale = Some(text(value)?),
                    "contact" => org.contact = Some(text(value)?),
                    "site_url" => org.site_url = Some(text(value)?),
                    _ => return None,
                }
            }
            Target::Limits => {
                let org = self.raw.organisations.last_mut()?;
                match key {
                    "max_depth" => org.max_depth = Some(whole(value)?),
                    "max_span" => org.max_span = Some(whole(value)?),
                    _ => return None,
                }
            }
            Target::Warnings => {
                let org = self.raw.organisations.last_mut()?;
                org.allow = texts(value)?;
            }
            Target::Output => {
                let out = self.raw.outputs.last_mut()?;
                match key {
                    "pdf" => out.pdf = Some(flag(value)?),
                    "chart_pdfs" => out.chart_pdfs = Some(flag(value)?),
                    "png" => out.png = Some(flag(value)?),
                    "paper" => out.paper = Some(text(value)?),
                    "orientation" => out.orientation = Some(text(value)?),
                    _ => return None,
                }
            }
            Target::Kind => {
                let kind = self.raw.kinds.last_mut()?;
                match key {
                    "label" => kind.label = Some(text(value)?),
                    "head" => kind.head = Some(text(value)?),
                    "placement" => kind.placement = Some(text(value)?),
                    _ => return None,
                }
            }
            Target::Unit => {
                let unit = self.raw.units.last_mut()?;
                match key {
                    "name" => unit.name = Some(text(value)?),
                    "short" => unit.short = Some(text(value)?),
                    "kind" => unit.kind = Some(text(value)?),
                    "parent" => unit.parent = Some(text(value)?),
                    "fte" => unit.fte = Some(fte(value)?),
                    "tags" => unit.tags = texts(value)?,
                    "tasks" => unit.tasks = texts(value)?,
                    "description" => unit.description = Some(text(value)?),
                    "from" => unit.life.from = Some(day(value)?),
                    "until" => unit.life.until = Some(day(value)?),
                    // `posts` and `changes` as values, not headers.
                    _ => return None,
                }
            }
            Target::Post => {
                let post = self.raw.units.last_mut()?.posts.last_mut()?;
                match key {
                    "title" => post.title = Some(text(value)?),
                    "head" => post.head = Some(flag(value)?),
                    "holder" => post.holder = Some(text(value)?),
                    "fte" => post.fte = Some(fte(value)?),
                    "vacant" => post.vacant = Some(flag(value)?),
                    "from" => post.life.from = Some(day(value)?),
                    "until" => post.life.until = Some(day(value)?),
                    _ => return None,
                }
            }
            Target::Change => {
                let change = self.raw.units.last_mut()?.changes.last_mut()?;
                match key {
                    "from" => change.from = Some(day(value)?),
                    "parent" => change.parent = Some(text(value)?),
                    "name" => change.name = Some(text(value)?),
                    "short" => change.short = Some(text(value)?),
                    "kind" => change.kind = Some(text(value)?),
                    "fte" => change.fte = Some(fte(value)?),
                    "tags" => change.tags = Some(texts(value)?),
                    _ => return None,
                }
            }
            Target::Link => {
                let link = self.raw.links.last_mut()?;
                match key {
                    "from" => link.from = Some(text(value)?),
                    "to" => link.to = Some(text(value)?),
                    "style" => link.style = Some(text(value)?),
                    "label" => link.label = Some(text(value)?),
                    "since" => link.life.from = Some(day(value)?),
                    "until" => link.life.until = Some(day(value)?),
                    _ => return None,
                }
            }
            Target::Transfer => {
                let transfer = self.raw.transfers.last_mut()?;
                match key {
                    "task" => transfer.task = Some(text(value)?),
                    "from" => transfer.from = Some(text(value)?),
                    "to" => transfer.to = Some(text(value)?),
                    "date" => transfer.date = Some(date(value)?),
                    _ => return None,
                }
            }
            Target::Body => {
                let body = self.raw.bodies.last_mut()?;
                match key {
                    "name" => body.name = Some(text(value)?),
                    "short" => body.short = Some(text(value)?),
                    "description" => body.description = Some(text(value)?),
                    "from" => body.life.from = Some(day(value)?),
                    "until" => body.life.until = Some(day(value)?),
                    _ => return None,
                }
            }
            Target::Relation => {
                let relation = self.raw.bodies.last_mut()?.relations.last_mut()?;
                match key {
                    "to" => relation.to = Some(text(value)?),
                    "label" => relation.label = Some(text(value)?),
                    "from" => relation.life.from = Some(day(value)?),
                    "until" => relation.life.until = Some(day(value)?),
                    _ => return None,
                }
            }
            Target::View => {
                let view = self.raw.views.last_mut()?;
                match key {
                    "id" => view.id = Some(text(value)?),
                    "title" => view.title = Some(text(value)?),
                    "root" => view.root = Some(text(value)?),
                    "depth" => view.depth = Some(whole(value)?),
                    _ => return None,
                }
            }
        }
        Some(())
    }
}
