//! The validated organisation: units on a petgraph graph, with exact FTE.
//!
//! [`build`] turns the loaded documents into an [`Organisation`] and checks
//! every rule of the format. Nothing downstream ever sees an invalid model:
//! when there are errors, there is no `Organisation`.

mod build;
pub mod date;
mod dated;
mod decode;
pub mod fte;
mod rules;
pub mod schema;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use toml::value::Datetime;

pub use build::{Built, build, build_at, is_slug, slugify, timeline_of};
pub use date::Date;
use dated::timeline;
pub use dated::{Event, EventKind, UnitRef};
pub use fte::Fte;

use crate::source::Span;

/// Index of a unit in [`Organisation::units`]; also its node in the graph.
pub type UnitId = usize;

/// The language of labels and the number format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    /// Dutch (Belgium): `52,86 VTE`.
    #[default]
    NlBe,
    /// English: `52.86 FTE`.
    En,
}

impl Locale {
    pub const CHOICES: &'static [&'static str] = &["nl-BE", "en"];

    pub fn parse(text: &str) -> Option<Locale> {
        match text {
            "nl-BE" | "nl" => Some(Locale::NlBe),
            "en" | "en-GB" | "en-US" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::NlBe => "nl-BE",
            Locale::En => "en",
        }
    }

    pub fn decimal_separator(self) -> char {
        match self {
            Locale::NlBe => ',',
            Locale::En => '.',
        }
    }

    /// `52,86 VTE` or `52.86 FTE`.
    pub fn format_fte(self, fte: Fte) -> String {
        let unit = match self {
            Locale::NlBe => "VTE",
            Locale::En => "FTE",
        };
        format!("{} {unit}", fte.format_with(self.decimal_separator()))
    }
}

/// Limits the organisation sets for itself; going beyond them is a warning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Levels below the top unit (the top unit is level 0).
    pub max_depth: Option<usize>,
    /// Direct sub-units of one unit.
    pub max_span: Option<usize>,
}

/// The `[output]` table: what a build writes besides the SVG charts and the
/// handbook. `None`: the table does not say (the command line or the
/// default decides).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutputSettings {
    pub pdf: Option<bool>,
    pub chart_pdfs: Option<bool>,
    pub png: Option<bool>,
    pub paper: Option<crate::layout::paper::PaperSize>,
    pub orientation: Option<crate::layout::paper::Orientation>,
}

impl OutputSettings {
    /// These settings, with `over`'s wherever it has one.
    pub fn under(self, over: OutputSettings) -> OutputSettings {
        OutputSettings {
            pdf: over.pdf.or(self.pdf),
            chart_pdfs: over.chart_pdfs.or(self.chart_pdfs),
            png: over.png.or(self.png),
            paper: over.paper.or(self.paper),
            orientation: over.orientation.or(self.orientation),
        }
    }
}

/// Whether a kind of unit needs a head post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadRule {
    /// A division: exactly one head post.
    Required,
    /// Zero or one head post.
    Optional,
}

/// Where units of a kind are drawn relative to their parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Placement {
    /// In the row below the parent.
    #[default]
    Below,
    /// Beside the parent's vertical line (staff units).
    Side,
    /// Beside the parent on a dotted line: an affiliated entity outside the
    /// line of command, whose FTE is not added to the parent's.
    Affiliated,
}

impl Placement {
    pub const CHOICES: &'static [&'static str] = &["below", "side", "affiliated"];
}

#[derive(Clone, Debug)]
pub struct Kind {
    pub id: String,
    pub label: String,
    pub head: HeadRule,
    pub placement: Placement,
}

#[derive(Clone, Debug)]
pub struct Post {
    pub title: String,
    pub head: bool,
    pub holder: Option<String>,
    pub fte: Fte,
    pub vacant: bool,
    /// Where the post is written (its title).
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    /// Index into [`Organisation::kinds`].
    pub kind: usize,
    pub parent: Option<UnitId>,
    /// Sub-units in the order they are written in the files.
    pub children: Vec<UnitId>,
    /// Levels below the top unit.
    pub depth: usize,
    /// The unit's own `fte` key: staff not listed as posts.
    pub extra_fte: Fte,
    /// `extra_fte` plus the FTE of the posts.
    pub own_fte: Fte,
    /// `own_fte` plus the total FTE of every sub-unit (affiliated entities excepted).
    pub total_fte: Fte,
    pub tags: Vec<String>,
    pub tasks: Vec<String>,
    pub description: Option<String>,
    pub posts: Vec<Post>,
    /// Where the unit is defined (its `[units.ID]` key).
    pub span: Span,
}

impl Unit {
    pub fn head(&self) -> Option<&Post> {
        self.posts.iter().find(|p| p.head)
    }

    /// The short name where there is one, else the name.
    pub fn short_or_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    pub fn vacancies(&self) -> impl Iterator<Item = &Post> {
        self.posts.iter().filter(|p| p.vacant)
    }
}

/// Line style of a secondary relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LineStyle {
    #[default]
    Dotted,
    Dashed,
}

impl LineStyle {
    pub const CHOICES: &'static [&'static str] = &["dotted", "dashed"];

    pub fn name(self) -> &'static str {
        match self {
            LineStyle::Dotted => "dotted",
            LineStyle::Dashed => "dashed",
        }
    }
}

/// A secondary relation between two units (a dotted line).
#[derive(Clone, Debug)]
pub struct Link {
    pub from: UnitId,
    pub to: UnitId,
    pub style: LineStyle,
    pub label: Option<String>,
    /// Where the link is written.
    pub span: Span,
}

/// A task moved from one unit to another.
#[derive(Clone, Debug)]
pub struct Transfer {
    pub task: String,
    pub from: UnitId,
    pub to: UnitId,
    pub date: Option<Datetime>,
    /// Where the transfer is written.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Relation {
    /// Index into [`Organisation::bodies`].
    pub to: usize,
    pub label: Option<String>,
}

/// A governance body (council, board, committee).
#[derive(Clone, Debug)]
pub struct Body {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub description: Option<String>,
    pub relations: Vec<Relation>,
}

/// An extra chart to draw.
#[derive(Clone, Debug)]
pub struct View {
    pub id: String,
    pub title: String,
    pub root: UnitId,
    pub depth: Option<usize>,
}

/// An edge of the organisation graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Parent → sub-unit.
    ReportsTo,
    /// A `[[links]]` entry, by index into [`Organisation::links`].
    Link(usize),
}

/// The organisation's dated changes, and the date it is the organisation of.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// The date the model was resolved for (`--at`, default today).
    pub date: Option<Date>,
    /// Every dated change of the files, in date order (past and announced).
    pub events: Vec<Event>,
}

/// A validated organisation.
#[derive(Clone, Debug)]
pub struct Organisation {
    pub name: String,
    pub short: Option<String>,
    /// Who to ask about the organogram (the handbook's footer).
    pub contact: Option<String>,
    /// Where the handbook is published, ending in `/` (checked).
    pub site_url: Option<String>,
    pub locale: Locale,
    pub limits: Limits,
    /// The `[output]` table.
    pub output: OutputSettings,
    pub kinds: Vec<Kind>,
    /// Every unit; index = [`UnitId`].
    pub units: Vec<Unit>,
    pub root: UnitId,
    pub links: Vec<Link>,
    pub transfers: Vec<Transfer>,
    pub bodies: Vec<Body>,
    pub views: Vec<View>,
    /// Units as nodes (node index = unit id), reporting lines and links as edges.
    pub graph: DiGraph<UnitId, Edge>,
    /// What changes over time; empty for an organisation without dates.
    pub history: History,
    by_id: HashMap<String, UnitId>,
    /// Every tag of the units, sorted, once: each chart colours its tags
    /// by their place here, and must not scan every unit to find them.
    tags: Vec<String>,
}

impl Organisation {
    /// Every tag of the units, sorted, each once.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    pub fn unit(&self, id: UnitId) -> &Unit {
        &self.units[id]
    }

    /// Looks a unit up by its id in the files.
    pub fn find(&self, id: &str) -> Option<UnitId> {
        self.by_id.get(id).copied()
    }

    pub fn kind_of(&self, unit: UnitId) -> &Kind {
        &self.kinds[self.units[unit].kind]
    }

    /// Divisions: units whose kind requires a head, in tree order.
    pub fn divisions(&self) -> Vec<UnitId> {
        self.preorder(self.root)
            .into_iter()
            .filter(|&u| self.kind_of(u).head == HeadRule::Required)
            .collect()
    }

    /// The unit and everything below it, parents before children, siblings in
    /// written order. Iterative, so depth is no risk to the stack.
    pub fn preorder(&self, from: UnitId) -> Vec<UnitId> {
        let mut order = Vec::new();
        let mut stack = vec![from];
        while let Some(u) = stack.pop() {
            order.push(u);
            stack.extend(self.units[u].children.iter().rev());
        }
        order
    }

    /// The path from the top unit down to `unit`, both included.
    pub fn ancestry(&self, unit: UnitId) -> Vec<UnitId> {
        let mut path = vec![unit];
        let mut current = unit;
        while let Some(parent) = self.units[current].parent {
            path.push(parent);
            current = parent;
        }
        path.reverse();
        path
    }

    /// Adds a unit under `parent` (for drawings that show units from another
    /// version, such as the removed units of a diff). Depth follows the
    /// parent; FTE totals are left as the unit has them.
    pub fn insert_unit(&mut self, mut unit: Unit, parent: UnitId) -> UnitId {
        let id = self.units.len();
        unit.parent = Some(parent);
        unit.children.clear();
        unit.depth = self.units[parent].depth + 1;
        self.by_id.insert(unit.id.clone(), id);
        self.units.push(unit);
        self.units[parent].children.push(id);
        let node = self.graph.add_node(id);
        self.graph
            .add_edge(NodeIndex::new(parent), node, Edge::ReportsTo);
        id
    }

    pub fn node(&self, unit: UnitId) -> NodeIndex {
        NodeIndex::new(unit)
    }
}
