//! The raw definitions: what the files say, with the place of every value,
//! before any rule is checked.

use toml::value::Datetime;

use crate::model::date::Date;
use crate::source::Span;

/// A value with the place it was written.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

/// When something exists: `from` and `until`, both inclusive, both optional
/// (without them: always).
#[derive(Clone, Debug, Default)]
pub struct Life {
    pub from: Option<Sp<Date>>,
    pub until: Option<Sp<Date>>,
}

impl Life {
    /// Whether it exists on `date`.
    pub fn contains(&self, date: Date) -> bool {
        self.from.as_ref().is_none_or(|f| f.value <= date)
            && self.until.as_ref().is_none_or(|u| date <= u.value)
    }
}

/// A dated change of a unit (`[[units.ID.changes]]`): from its date on, the
/// keys it gives replace the unit's.
#[derive(Clone, Debug)]
pub struct RawChange {
    /// The `[[…changes]]` entry.
    pub span: Span,
    pub from: Option<Sp<Date>>,
    pub parent: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub short: Option<Sp<String>>,
    pub kind: Option<Sp<String>>,
    pub fte: Option<Sp<FteText>>,
    pub tags: Option<Vec<Sp<String>>>,
}

/// An FTE figure as written (`52.86`), parsed later into an exact decimal.
#[derive(Clone, Debug)]
pub struct FteText(pub String);

#[derive(Clone, Debug, Default)]
pub struct RawOrganisation {
    pub span: Option<Span>,
    pub name: Option<Sp<String>>,
    pub short: Option<Sp<String>>,
    pub root: Option<Sp<String>>,
    pub locale: Option<Sp<String>>,
    pub contact: Option<Sp<String>>,
    pub site_url: Option<Sp<String>>,
    pub max_depth: Option<Sp<i64>>,
    pub max_span: Option<Sp<i64>>,
    pub allow: Vec<Sp<String>>,
}

/// The `[output]` table.
#[derive(Clone, Debug, Default)]
pub struct RawOutput {
    pub span: Option<Span>,
    pub pdf: Option<Sp<bool>>,
    pub chart_pdfs: Option<Sp<bool>>,
    pub png: Option<Sp<bool>>,
    pub paper: Option<Sp<String>>,
    pub orientation: Option<Sp<String>>,
}

#[derive(Clone, Debug)]
pub struct RawKind {
    pub id: Sp<String>,
    pub label: Option<Sp<String>>,
    pub head: Option<Sp<String>>,
    pub placement: Option<Sp<String>>,
}

#[derive(Clone, Debug)]
pub struct RawPost {
    pub span: Span,
    pub title: Option<Sp<String>>,
    pub head: Option<Sp<bool>>,
    pub holder: Option<Sp<String>>,
    pub fte: Option<Sp<FteText>>,
    pub vacant: Option<Sp<bool>>,
    pub life: Life,
}

#[derive(Clone, Debug)]
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
    pub life: Life,
    /// In written order, which must be the order of their dates.
    pub changes: Vec<RawChange>,
}

#[derive(Clone, Debug)]
pub struct RawLink {
    pub span: Span,
    pub from: Option<Sp<String>>,
    pub to: Option<Sp<String>>,
    pub style: Option<Sp<String>>,
    pub label: Option<Sp<String>>,
    /// `since` and `until` (`from` names the unit the line starts at).
    pub life: Life,
}

#[derive(Clone, Debug)]
pub struct RawTransfer {
    pub task: Option<Sp<String>>,
    pub from: Option<Sp<String>>,
    pub to: Option<Sp<String>>,
    pub date: Option<Sp<Datetime>>,
}

#[derive(Clone, Debug)]
pub struct RawRelation {
    pub to: Option<Sp<String>>,
    pub label: Option<Sp<String>>,
    pub life: Life,
}

#[derive(Clone, Debug)]
pub struct RawBody {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub short: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub relations: Vec<RawRelation>,
    pub life: Life,
}

#[derive(Clone, Debug)]
pub struct RawView {
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub root: Option<Sp<String>>,
    pub depth: Option<Sp<i64>>,
}

/// Everything defined in all files, in file order and, within a file, in
/// written order.
#[derive(Clone, Debug, Default)]
pub struct RawOrg {
    pub organisations: Vec<RawOrganisation>,
    pub outputs: Vec<RawOutput>,
    pub kinds: Vec<RawKind>,
    /// Boxed: a unit's definition is large, and the units of every file
    /// are moved into one list.
    #[allow(clippy::vec_box)]
    pub units: Vec<Box<RawUnit>>,
    pub links: Vec<RawLink>,
    pub transfers: Vec<RawTransfer>,
    pub bodies: Vec<RawBody>,
    pub views: Vec<RawView>,
}

impl RawOrg {
    /// Adds what `other` defines after what this one does (the next file).
    pub fn extend(&mut self, other: RawOrg) {
        // Taken apart field by field, so that a new table cannot be left out.
        let RawOrg {
            organisations,
            outputs,
            kinds,
            units,
            links,
            transfers,
            bodies,
            views,
        } = other;
        self.organisations.extend(organisations);
        self.outputs.extend(outputs);
        self.kinds.extend(kinds);
        self.units.extend(units);
        self.links.extend(links);
        self.transfers.extend(transfers);
        self.bodies.extend(bodies);
        self.views.extend(views);
    }
}
