//! Which charts exist and what their boxes say: the whole organisation, one
//! per division, one per `[[views]]` entry, the continuation charts that
//! pagination asks for, and the governance bodies. Ties the model to
//! `layout` (geometry) and `render::svg` (the file).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use crate::layout::{self, paginate::Paginator};
use crate::model::{HeadRule, Organisation, UnitId};
use crate::render::svg;

mod boxes;
pub mod governance;
mod page;
pub(crate) mod words;

pub use boxes::{BoxCache, LINE_STYLES};
use boxes::{stub_node, styled, unit_tree};
use page::Drawer;
use words::words;

/// How charts are drawn and linked.
#[derive(Clone, Debug, Default)]
pub struct ChartOptions {
    /// Leave out the names of post holders.
    pub public: bool,
    /// Link pattern for unit boxes, with `{file}` for the unit's file name
    /// (e.g. `../units/{file}.html`) and `{id}` for its id; `None`: no links.
    pub unit_href: Option<String>,
    /// Link pattern for continuation stubs, with `{id}` for the chart id
    /// (e.g. `{id}.svg`); `None`: no links.
    pub chart_href: Option<String>,
    /// Link pattern for the boxes of the governance diagram, with `{id}` for
    /// the body's id (e.g. `#body-{id}-title`); `None`: no links.
    pub body_href: Option<String>,
    /// Extra CSS classes per unit id (`added`, `moved`, …), for diff charts.
    pub unit_classes: HashMap<String, String>,
    /// An extra line per unit id (what changed), for diff charts.
    pub unit_notes: HashMap<String, String>,
    /// A diff chart: a legend of the kinds of change.
    pub changes_legend: bool,
    /// The charts that are written, when not all are: links to the others
    /// are left out, so that none leads nowhere.
    pub only_charts: Option<BTreeSet<String>>,
    pub layout: layout::Options,
    /// Boxes measured once for every chart drawn with these options (the
    /// handbook's: a unit is in its own page's chart, its parent's and its
    /// grandparent's). Only for charts whose options differ in their links
    /// alone: a box's text does not depend on them.
    pub boxes: Option<std::sync::Arc<BoxCache>>,
}

/// What a chart shows; also its place in a booklet's reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChartKind {
    Organisation,
    Division,
    View,
    /// Part of a larger chart, continued on a chart of its own.
    Continuation,
    Governance,
}

/// A box that stands for another chart (a "→ continued" stub, or a unit
/// whose sub-units are drawn elsewhere), in the document's coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLink {
    pub rect: layout::Rect,
    /// Id of the chart it leads to.
    pub target: String,
}

/// Where a chart's boxes, lines and labels are, in the drawing's
/// coordinates (below the title): for checks of the layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    pub boxes: Vec<layout::Rect>,
    /// Connectors and dotted lines, as polylines.
    pub lines: Vec<Vec<(f32, f32)>>,
    /// The labels of the dotted lines, with the box their text covers.
    pub labels: Vec<(String, layout::Rect)>,
}

/// One chart, ready to be written (see [`chart_path`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
    pub kind: ChartKind,
    /// The chart of the nearest unit above this chart's top unit, if any:
    /// bookmarks follow it.
    pub parent: Option<String>,
    /// Size of the document (its `viewBox`), in px.
    pub width: f32,
    pub height: f32,
    pub links: Vec<ChartLink>,
    /// Ids of the units drawn as boxes, in drawing order.
    pub units: Vec<String>,
    pub geometry: Geometry,
}

impl Chart {
    /// Writes `drawing` as the chart's SVG.
    pub(crate) fn new(
        id: &str,
        title: &str,
        kind: ChartKind,
        drawing: &svg::Drawing,
        links: Vec<ChartLink>,
    ) -> Chart {
        let (width, height) = svg::canvas(drawing);
        // As the SVG writes them (one decimal), so every reader agrees.
        let (width, height) = (
            (width * 10.0).round() / 10.0,
            (height * 10.0).round() / 10.0,
        );
        Chart {
            id: id.to_string(),
            title: title.to_string(),
            svg: svg::write(drawing),
            kind,
            parent: None,
            width,
            height,
            links,
            units: Vec::new(),
            geometry: Geometry::default(),
        }
    }
}

/// The files a chart is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartFormat {
    Svg,
    Pdf,
    Png,
}

/// Path of a chart's file in the output folder: the one place chart file
/// names are made, so links, writers and tests agree.
pub fn chart_path(id: &str, format: ChartFormat) -> String {
    match format {
        ChartFormat::Svg => format!("svg/{id}.svg"),
        // Beside the SVG, so the two versions of a chart are found together.
        ChartFormat::Pdf => format!("svg/{id}.pdf"),
        ChartFormat::Png => format!("png/{id}.png"),
    }
}

/// Path of the booklet of all charts: `pdf/<organisation name>.pdf`.
pub fn booklet_path(org: &Organisation) -> String {
    let mut name = crate::model::slugify(&org.name);
    // Slugs are ASCII: a byte bound is a character bound.
    name.truncate(64);
    let name = name.trim_matches('-');
    format!(
        "pdf/{}.pdf",
        if name.is_empty() {
            "organisation"
        } else {
            name
        }
    )
}

/// Chart id of the chart that starts at `unit`.
pub fn chart_id(org: &Organisation, unit: UnitId) -> String {
    if unit == org.root {
        "organisation".to_string()
    } else {
        format!("unit-{}", crate::output::names::stem(&org.units[unit].id))
    }
}

/// Chart id of part `part` of the chart that starts at `unit`: a list too
/// long for one page continues on `<id>.2`, `<id>.3`, … (a dot is never in
/// an id, so these never clash with a unit's chart).
pub fn part_id(org: &Organisation, unit: UnitId, part: usize) -> String {
    match part {
        0 => chart_id(org, unit),
        k => format!("{}.{}", chart_id(org, unit), k + 1),
    }
}

fn part_title(org: &Organisation, unit: UnitId, part: usize) -> String {
    match part {
        0 => chart_title(org, unit),
        k => format!("{} ({})", chart_title(org, unit), k + 1),
    }
}

fn chart_title(org: &Organisation, unit: UnitId) -> String {
    let w = words(org.locale);
    if unit == org.root {
        format!("{} {}", w.chart_of, org.name)
    } else {
        format!("{} {}", w.chart_of, org.units[unit].short_or_name())
    }
}

/// Tags in sorted order: their index is their colour.
fn tag_colours(org: &Organisation) -> BTreeMap<&str, usize> {
    org.tags()
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect()
}

/// The chart that starts at `unit`, `depth` levels deep (all when `None`).
/// Its stubs point to the full charts of the units cut off.
pub fn unit_chart(
    org: &Organisation,
    unit: UnitId,
    depth: Option<usize>,
    opts: &ChartOptions,
) -> Chart {
    let ut = unit_tree(org, unit, depth, opts);
    let paginator = Paginator::new(&ut.tree, &opts.layout);
    let id = match depth {
        None => chart_id(org, unit),
        Some(d) => format!("{}-depth-{d}", chart_id(org, unit)),
    };
    Drawer::new(org, opts)
        .page(
            &ut,
            &paginator,
            ut.tree.root,
            0,
            &id,
            &chart_title(org, unit),
        )
        .0
}

/// The governance bodies and their relations, if the organisation has any.
pub fn governance_chart(org: &Organisation, opts: &ChartOptions) -> Option<Chart> {
    governance::chart(org, opts)
}

/// Every chart of the organisation, in reading order: the whole organisation
/// (`organisation`), one per division (`unit-<id>`), one per view
/// (`view-<id>`), the continuation charts pagination asks for (`unit-<id>`),
/// and `governance`.
pub fn all_charts(org: &Organisation, opts: &ChartOptions) -> Vec<Chart> {
    let drawer = Drawer::new(org, opts);
    let trees = AnchorTrees::new(org, opts);
    // Measuring every box of a large organisation is a step of its own:
    // on every core.
    let tree_ids: Vec<usize> = (0..trees.trees.len()).collect();
    let paginators: Vec<Paginator> = crate::parallel::map(&tree_ids, |&t| {
        Paginator::new(&trees.trees[t].tree, &opts.layout)
    });
    // The first round: the whole organisation, the divisions and what the
    // views continue to.
    let mut round: Vec<(UnitId, usize)> = vec![(org.root, 0)];
    round.extend(org.divisions().into_iter().map(|u| (u, 0)));
    let mut views = Vec::new();
    for view in &org.views {
        let ut = unit_tree(org, view.root, view.depth, opts);
        let p = Paginator::new(&ut.tree, &opts.layout);
        let (mut chart, targets) = drawer.page(
            &ut,
            &p,
            ut.tree.root,
            0,
            &format!("view-{}", crate::output::names::stem(&view.id)),
            &view.title,
        );
        chart.kind = ChartKind::View;
        views.push(chart);
        round.extend(targets);
    }
    // By unit: the parts of its chart, in order. The charts are drawn a
    // round at a time, each round on every core: the charts the last round's
    // "→ continued" boxes lead to. Cutting decisions depend only on the
    // subtree below a node, so the chart of `u` is the same whichever chart
    // points to it, and the charts are the same in any order.
    let mut by_unit: Vec<Vec<Option<Chart>>> = vec![Vec::new(); org.units.len()];
    while !round.is_empty() {
        let mut wanted: Vec<(UnitId, usize, usize, usize)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (u, part) in round {
            let Some(&(t, node)) = trees.place.get(&u) else {
                continue;
            };
            let parts = &mut by_unit[u];
            if parts.is_empty() {
                parts.resize(paginators[t].parts(node), None);
            }
            if part < parts.len() && parts[part].is_none() && seen.insert((u, part)) {
                wanted.push((u, part, t, node));
            }
        }
        let drawn = crate::parallel::map(&wanted, |&(u, part, t, node)| {
            drawer.page(
                &trees.trees[t],
                &paginators[t],
                node,
                part,
                &part_id(org, u, part),
                &part_title(org, u, part),
            )
        });
        round = Vec::new();
        for (&(u, part, _, _), (chart, targets)) in wanted.iter().zip(drawn) {
            by_unit[u][part] = Some(chart);
            round.extend(targets);
        }
    }
    // Parents before children: each chart's parent is the chart of the
    // nearest unit above it that has one (a later part: the part before).
    let order = org.preorder(org.root);
    let has_chart: Vec<bool> = by_unit.iter().map(|parts| !parts.is_empty()).collect();
    let mut nearest: Vec<Option<UnitId>> = vec![None; org.units.len()];
    let (mut divisions, mut continued) = (Vec::new(), Vec::new());
    for &u in &order {
        if let Some(p) = org.units[u].parent {
            nearest[u] = if has_chart[p] { Some(p) } else { nearest[p] };
        }
        let kind = if u == org.root {
            ChartKind::Organisation
        } else if org.kind_of(u).head == HeadRule::Required {
            ChartKind::Division
        } else {
            ChartKind::Continuation
        };
        for (part, chart) in std::mem::take(&mut by_unit[u]).into_iter().enumerate() {
            let Some(mut chart) = chart else { continue };
            chart.parent = match part {
                0 => nearest[u].map(|p| chart_id(org, p)),
                k => Some(part_id(org, u, k - 1)),
            };
            chart.kind = if part == 0 {
                kind
            } else {
                ChartKind::Continuation
            };
            match chart.kind {
                ChartKind::Continuation => continued.push(chart),
                _ => divisions.push(chart),
            }
        }
    }
    let mut charts = divisions;
    charts.extend(views);
    charts.extend(continued);
    charts.extend(governance_chart(org, opts));
    charts
}

/// The full-depth trees that, together, draw every unit with its sub-units.
///
/// The tree from the top unit stops at units drawn beside their parent (staff
/// units, affiliated entities): their sub-units continue on a chart of their
/// own, so each such unit *anchors* a tree of its own. Each unit is placed in
/// the tree of exactly one anchor — its nearest ancestor (or itself) that is
/// the top unit or drawn beside — so all trees together hold each unit once
/// with its sub-units, plus each anchor once more as a box without them.
struct AnchorTrees {
    trees: Vec<boxes::UnitTree>,
    /// Unit → (tree, node), for units whose sub-units that tree draws.
    place: HashMap<UnitId, (usize, usize)>,
}

impl AnchorTrees {
    fn new(org: &Organisation, opts: &ChartOptions) -> AnchorTrees {
        let mut out = AnchorTrees {
            trees: Vec::new(),
            place: HashMap::new(),
        };
        let mut anchors = vec![org.root];
        while let Some(anchor) = anchors.pop() {
            let units = unit_tree(org, anchor, None, opts);
            let index = out.trees.len();
            for (node, &u) in units.unit_of.iter().enumerate() {
                if units.continued[node] {
                    anchors.push(u);
                } else {
                    out.place.insert(u, (index, node));
                }
            }
            out.trees.push(units);
        }
        out
    }
}

/// Lays out every page of the whole-organisation chart and its continuations
/// without writing SVG; returns the number of boxes placed. For benchmarks:
/// the geometry alone.
pub fn layout_pages(org: &Organisation, opts: &ChartOptions) -> usize {
    let full = unit_tree(org, org.root, None, opts);
    let paginator = Paginator::new(&full.tree, &opts.layout);
    let mut boxes = 0;
    let mut queue = VecDeque::from([(full.tree.root, 0)]);
    let mut done = std::collections::HashSet::new();
    while let Some((root, part)) = queue.pop_front() {
        if !done.insert((root, part)) {
            continue;
        }
        let page = paginator.page(root, part, |node, part, kind| {
            stub_node(org, opts, full.unit_of[node], part, kind)
        });
        boxes += layout::layout(&page.tree, &opts.layout).boxes.len();
        queue.extend(page.stubs.iter().map(|s| (s.target, s.part)));
    }
    boxes
}
