//! The handbook's page types: what each page says, for the templates.

use serde::Serialize;

use super::text::Rich;

#[derive(Clone, Debug, Serialize)]
pub struct PageRef {
    pub title: String,
    pub path: String,
}

/// An entry of the navigation tree. A page's navigation is bounded: deep
/// branches are shortened to an entry without a path ("…"), and long lists
/// of sub-units end in `more`.
#[derive(Clone, Debug, Serialize)]
pub struct NavNode {
    pub id: String,
    pub title: String,
    /// Empty for the "…" entry that stands for skipped levels.
    pub path: String,
    pub children: Vec<NavNode>,
    /// Sub-units not listed here, and the page that lists them all.
    pub more: Option<More>,
}

#[derive(Clone, Debug, Serialize)]
pub struct More {
    /// How many are not listed, formatted (`4.980`).
    pub count: String,
    pub path: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Page {
    pub path: String,
    pub title: String,
    /// Links from the top page down to this page's parent; a link without a
    /// path stands for skipped levels ("…").
    pub breadcrumb: Vec<PageRef>,
    pub prev: Option<PageRef>,
    pub next: Option<PageRef>,
    /// Ids of the units whose navigation branch is open on this page.
    pub open: Vec<String>,
    /// The unit this page is about, if any (for the navigation).
    pub current_unit: Option<String>,
    pub content: Content,
}

/// What a page shows; the renderer picks the template by `kind`.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    Index(IndexPage),
    Unit(Box<UnitPage>),
    Tasks(TasksPage),
    Fte(FtePage),
    Bodies(BodiesPage),
    Free(FreePageContent),
    List(ListPage),
    Timeline(super::timeline::TimelinePage),
}

impl Content {
    pub fn template(&self) -> &'static str {
        match self {
            Content::Index(_) => "index",
            Content::Unit(_) => "unit",
            Content::Tasks(_) => "tasks",
            Content::Fte(_) => "fte",
            Content::Bodies(_) => "bodies",
            Content::Free(_) => "page",
            Content::List(_) => "list",
            Content::Timeline(_) => "timeline",
        }
    }
}

/// A unit as others mention it.
#[derive(Clone, Debug, Serialize)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub path: String,
    pub kind: String,
    pub own_fte: String,
    pub total_fte: String,
    pub depth: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct PostRow {
    pub title: String,
    pub head: bool,
    /// `None` also on a public build.
    pub holder: Option<String>,
    pub fte: String,
    pub vacant: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct DateText {
    /// `2017-09-01`
    pub iso: String,
    /// `1 september 2017`
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TransferRow {
    pub task: String,
    /// The unit on the other side.
    pub other: UnitRef,
    pub date: Option<DateText>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkRow {
    pub other: UnitRef,
    pub label: Option<String>,
    pub style: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnitPage {
    pub unit: UnitRef,
    pub kind_label: String,
    pub placement: &'static str,
    pub tags: Vec<String>,
    pub parent: Option<UnitRef>,
    /// Head posts (at most one, by the rules) and the other posts.
    pub heads: Vec<PostRow>,
    pub posts: Vec<PostRow>,
    /// Staff counted in the unit's `fte` key, formatted, when not zero.
    pub extra_fte: Option<String>,
    pub subunits: Vec<UnitRef>,
    pub staff: Vec<UnitRef>,
    pub affiliated: Vec<UnitRef>,
    /// A unit with very many sub-units lists the first ones here and all of
    /// them on list pages: these, in order. Empty otherwise.
    pub lists: Vec<PageRef>,
    /// How many sub-units the unit has (of every placement), formatted.
    pub child_count: String,
    pub tasks: Vec<String>,
    pub transfers_in: Vec<TransferRow>,
    pub transfers_out: Vec<TransferRow>,
    pub links_out: Vec<LinkRow>,
    pub links_in: Vec<LinkRow>,
    pub description: Option<Rich>,
    /// Whether the unit page shows a chart of its own: every unit with
    /// sub-units but one with list pages, whose thousands of boxes no page
    /// could show legibly (its chart in `svg/` continues over as many pages
    /// as it needs). A unit without sub-units has none: its chart would be
    /// its own box alone, which repeats the page's facts.
    pub chart: bool,
    /// Levels of sub-units the chart draws: [`super::UNIT_CHART_DEPTH`], or
    /// one where a sub-unit has list pages (its team is too wide to draw).
    pub chart_depth: usize,
    pub chart_title: String,
    /// The unit's dated changes, past and announced.
    pub history: super::timeline::UnitHistory,
}

#[derive(Clone, Debug, Serialize)]
pub struct DivisionRow {
    pub unit: UnitRef,
    pub head: Option<PostRow>,
    pub vacancies: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndexPage {
    pub description: Option<Rich>,
    pub divisions: Vec<DivisionRow>,
    pub total_fte: String,
    pub total_vacancies: usize,
    pub unit_count: usize,
    /// "21 eenheden", "1 vacature": the counts with their nouns.
    pub units_text: String,
    pub vacancies_text: String,
    pub chart_title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TaskEntry {
    pub task: String,
    pub unit: UnitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct LetterGroup {
    /// `A`…`Z`, or `#` for the rest.
    pub letter: String,
    /// Anchor id.
    pub anchor: String,
    pub entries: Vec<TaskEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TasksPage {
    pub groups: Vec<LetterGroup>,
    pub count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct TagRow {
    pub tag: String,
    pub units: usize,
    pub fte: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FtePage {
    /// Divisions and staff units, in tree order (not those inside an
    /// affiliated entity).
    pub divisions: Vec<UnitRef>,
    /// The units in no row (services, teams), so that the own FTE adds up.
    pub other: Option<OtherRow>,
    /// The sum of the own FTE column: the organisation's total.
    pub sum_own: String,
    /// Per tag, over the units counted in the total; affiliated entities
    /// (and their sub-units) last, in one row of their own.
    pub tags: Vec<TagRow>,
    pub total: String,
    /// Affiliated entities, whose FTE is apart from the total.
    pub affiliated: Vec<UnitRef>,
    pub has_affiliated: bool,
    /// How many units there are, formatted, as the index counts them.
    pub unit_count: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OtherRow {
    /// "5 eenheden"
    pub units: String,
    pub fte: String,
}

/// A relation between two bodies, as one of them shows it: `to_…` is the
/// other body (the one it goes to, or for an incoming relation the one it
/// comes from).
#[derive(Clone, Debug, Serialize)]
pub struct BodyRelation {
    pub to_id: String,
    pub to_name: String,
    pub label: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyRow {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub description: Option<Rich>,
    pub relations: Vec<BodyRelation>,
    /// Relations of other bodies to this one (the mayor chairs the Vast bureau).
    pub incoming: Vec<BodyRelation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodiesPage {
    pub bodies: Vec<BodyRow>,
    pub has_chart: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct FreePageContent {
    pub body: Rich,
}

/// One page of the sub-units of a unit with very many.
#[derive(Clone, Debug, Serialize)]
pub struct ListPage {
    pub unit: UnitRef,
    /// `1`-based numbers of the first and last sub-unit listed, formatted.
    pub first: String,
    pub last: String,
    pub total: String,
    pub units: Vec<UnitRef>,
    /// Every list page of the unit, this one included.
    pub lists: Vec<PageRef>,
}

/// One line of mdBook's `SUMMARY.md`.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryEntry {
    /// Nesting level, bounded: deeper pages are listed at the deepest level.
    pub level: usize,
    pub title: String,
    pub path: String,
}
