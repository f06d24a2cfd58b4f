//! Which charts exist and what their boxes say: the whole organisation, one
//! per division, one per `[[views]]` entry, the continuation charts that
//! pagination asks for, and the governance bodies. Ties the model to
//! `layout` (geometry) and `render::svg` (the file).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use crate::layout::paginate::{Paginator, StubKind};
use crate::layout::{self, Block, Node, Role, Stroke, Tree, Weight, links};
use crate::model::{LineStyle, Locale, Organisation, Placement, UnitId};
use crate::render::svg::{self, BoxMeta, Connection, Drawing};

pub mod governance;

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
    /// Extra CSS classes per unit id (`added`, `moved`, …), for diff charts.
    pub unit_classes: HashMap<String, String>,
    /// An extra line per unit id (what changed), for diff charts.
    pub unit_notes: HashMap<String, String>,
    pub layout: layout::Options,
}

/// One chart, ready to be written to `svg/<id>.svg`.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
}

/// Words of the charts in the organisation's language.
struct Words {
    vacancy: &'static str,
    continued: &'static str,
    chart_of: &'static str,
    more_tasks: &'static str,
    sub_units: &'static str,
    legend: &'static str,
    units: &'static str,
    total: &'static str,
}

fn words(locale: Locale) -> Words {
    match locale {
        Locale::NlBe => Words {
            vacancy: "vacature",
            continued: "→ vervolg:",
            chart_of: "Organigram",
            more_tasks: "meer",
            sub_units: "onderliggende eenheden",
            legend: "Labels",
            units: "eenheden",
            total: "Totaal",
        },
        Locale::En => Words {
            vacancy: "vacant",
            continued: "→ continued:",
            chart_of: "Organisation chart",
            more_tasks: "more",
            sub_units: "sub-units",
            legend: "Tags",
            units: "units",
            total: "Total",
        },
    }
}

/// Most tasks listed in a box; the rest are counted.
const MAX_TASKS: usize = 12;

/// Chart id of the chart that starts at `unit`.
pub fn chart_id(org: &Organisation, unit: UnitId) -> String {
    if unit == org.root {
        "organisation".to_string()
    } else {
        format!("unit-{}", crate::output::names::stem(&org.units[unit].id))
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
    let tags: BTreeSet<&str> = org
        .units
        .iter()
        .flat_map(|u| u.tags.iter().map(String::as_str))
        .collect();
    tags.into_iter().enumerate().map(|(i, t)| (t, i)).collect()
}

/// The units below `root` as a tree of boxes, `depth` levels deep.
struct UnitTree {
    tree: Tree,
    unit_of: Vec<UnitId>,
    /// Units drawn beside their parent whose sub-units go to their own chart.
    continued: Vec<UnitId>,
    /// Per node: its unit is one of `continued`.
    is_continued: Vec<bool>,
}

fn block(text: String, size: f32, weight: Weight, class: &'static str) -> Block {
    Block {
        text,
        size,
        weight,
        class,
        space_before: 0.0,
        rule_before: false,
    }
}

fn unit_blocks(
    org: &Organisation,
    u: UnitId,
    opts: &ChartOptions,
    show_tasks: bool,
    hidden: usize,
) -> Vec<Block> {
    let w = words(org.locale);
    let unit = &org.units[u];
    let mut blocks = vec![block(unit.name.clone(), 12.5, Weight::Bold, "name")];
    if unit.name.chars().count() > 70
        && let Some(short) = &unit.short
    {
        blocks[0].text = short.clone();
    }
    if let Some(head) = unit.head() {
        blocks.push(block(head.title.clone(), 10.5, Weight::Regular, "head"));
        if !opts.public
            && let Some(holder) = &head.holder
        {
            blocks.push(block(holder.clone(), 10.5, Weight::Regular, "holder"));
        }
    }
    if !unit.total_fte.is_zero() {
        blocks.push(block(
            org.locale.format_fte(unit.total_fte),
            10.5,
            Weight::Regular,
            "fte",
        ));
    }
    let vacant: Vec<&str> = unit.vacancies().map(|p| p.title.as_str()).collect();
    if !vacant.is_empty() {
        blocks.push(block(
            format!("● {}: {}", w.vacancy, vacant.join(", ")),
            10.5,
            Weight::Bold,
            "vacancy",
        ));
    }
    if show_tasks && !unit.tasks.is_empty() {
        for (i, task) in unit.tasks.iter().take(MAX_TASKS).enumerate() {
            let mut b = block(format!("• {task}"), 10.0, Weight::Regular, "task");
            if i == 0 {
                b.space_before = 6.0;
                b.rule_before = true;
            }
            blocks.push(b);
        }
        if unit.tasks.len() > MAX_TASKS {
            blocks.push(block(
                format!("+{} {}", unit.tasks.len() - MAX_TASKS, w.more_tasks),
                10.0,
                Weight::Regular,
                "more",
            ));
        }
    }
    if let Some(note) = opts.unit_notes.get(&unit.id) {
        blocks.push(block(note.clone(), 10.0, Weight::Bold, "note"));
    }
    if hidden > 0 {
        blocks.push(block(
            format!("+{hidden} {}", w.sub_units),
            10.0,
            Weight::Regular,
            "more",
        ));
    }
    blocks
}

fn unit_tree(
    org: &Organisation,
    root: UnitId,
    depth: Option<usize>,
    opts: &ChartOptions,
) -> UnitTree {
    let mut out = UnitTree {
        tree: Tree::default(),
        unit_of: Vec::new(),
        continued: Vec::new(),
        is_continued: Vec::new(),
    };
    // (unit, its node, levels below the root)
    let mut stack: Vec<(UnitId, Option<usize>, usize)> = vec![(root, None, 0)];
    while let Some((u, parent, level)) = stack.pop() {
        let unit = &org.units[u];
        let placement = org.kind_of(u).placement;
        let role = match (parent, placement) {
            (None, _) | (_, Placement::Below) => Role::Below,
            (_, Placement::Side) => Role::Side,
            (_, Placement::Affiliated) => Role::Affiliated,
        };
        let beside = parent.is_some() && role != Role::Below;
        let depth_reached = depth.is_some_and(|d| level >= d);
        let hidden = if beside || depth_reached {
            unit.children.len()
        } else {
            0
        };
        if beside && hidden > 0 {
            out.continued.push(u);
        }
        let show_tasks = unit.children.is_empty() || hidden > 0;
        let node = out.tree.add(Node::new(
            unit_blocks(org, u, opts, show_tasks, hidden),
            role,
        ));
        out.unit_of.push(u);
        out.is_continued.push(beside && hidden > 0);
        match parent {
            Some(p) => out.tree.nodes[p].children.push(node),
            None => out.tree.root = node,
        }
        if hidden == 0 {
            for &c in unit.children.iter().rev() {
                stack.push((c, Some(node), level + 1));
            }
        }
    }
    // Children were pushed in reverse; nodes were added parents first, in
    // written order, so each child list is already in written order.
    out
}

fn stub_node(org: &Organisation, target: UnitId) -> Node {
    let w = words(org.locale);
    Node::new(
        vec![
            block(w.continued.to_string(), 10.5, Weight::Regular, "stub-text"),
            block(chart_title(org, target), 11.0, Weight::Bold, "stub-text"),
        ],
        Role::Below,
    )
}

fn href(pattern: &Option<String>, id: &str) -> Option<String> {
    pattern.as_ref().map(|p| p.replace("{id}", id))
}

/// A unit box's link: `{file}` is the unit's file name, `{id}` its id.
fn unit_href(pattern: &Option<String>, id: &str) -> Option<String> {
    pattern.as_ref().map(|p| {
        p.replace("{file}", &crate::output::names::stem(id))
            .replace("{id}", id)
    })
}

/// What every chart of one organisation shares.
struct Drawer<'a> {
    org: &'a Organisation,
    opts: &'a ChartOptions,
    /// Tag → colour, computed once for all charts.
    colours: BTreeMap<&'a str, usize>,
}

impl<'a> Drawer<'a> {
    fn new(org: &'a Organisation, opts: &'a ChartOptions) -> Drawer<'a> {
        Drawer {
            org,
            opts,
            colours: tag_colours(org),
        }
    }

    /// Draws the page of `ut` that starts at node `root`. Returns the chart
    /// and the units whose charts its stubs point to.
    fn page(
        &self,
        ut: &UnitTree,
        paginator: &Paginator,
        root: usize,
        id: &str,
        title: &str,
    ) -> (Chart, Vec<UnitId>) {
        let (org, opts, colours) = (self.org, self.opts, &self.colours);

        let page = paginator.page(root, |node, _kind: StubKind| {
            stub_node(org, ut.unit_of[node])
        });
        let mut layout = layout::layout(&page.tree, &opts.layout);
        let mut targets: Vec<UnitId> = page.stubs.iter().map(|&(_, t)| ut.unit_of[t]).collect();
        let mut drawn: HashMap<UnitId, usize> = HashMap::new();
        let mut meta = Vec::with_capacity(page.tree.nodes.len());
        let mut legend: BTreeSet<usize> = BTreeSet::new();
        for (i, origin) in page.origin.iter().enumerate() {
            match origin {
                Some(node) => {
                    let u = ut.unit_of[*node];
                    drawn.insert(u, i);
                    let unit = &org.units[u];
                    let kind = org.kind_of(u);
                    let mut classes = vec![format!("kind-{}", kind.id)];
                    if unit.head().is_some_and(|h| h.vacant) {
                        classes.push("vacant".into());
                    }
                    if kind.placement == Placement::Affiliated && u != ut.unit_of[root] {
                        classes.push("affiliated".into());
                    }
                    if let Some(extra) = opts.unit_classes.get(&unit.id) {
                        classes.push(extra.clone());
                    }
                    let band = unit
                        .tags
                        .first()
                        .and_then(|t| colours.get(t.as_str()).copied());
                    legend.extend(band);
                    let mut accessible = format!("{} ({})", unit.name, kind.label);
                    if let Some(head) = unit.head() {
                        accessible.push_str(&format!(", {}", head.title));
                    }
                    if !unit.total_fte.is_zero() {
                        accessible
                            .push_str(&format!(", {}", org.locale.format_fte(unit.total_fte)));
                    }
                    // Without unit pages to link to, a box whose sub-units
                    // continue elsewhere links to their chart.
                    let link = unit_href(&opts.unit_href, &unit.id).or_else(|| {
                        ut.is_continued[*node]
                            .then(|| href(&opts.chart_href, &chart_id(org, u)))
                            .flatten()
                    });
                    meta.push(BoxMeta {
                        dom_id: Some(format!("unit-{}", unit.id)),
                        classes,
                        title: accessible,
                        href: link,
                        band,
                    });
                }
                None => {
                    let target = page
                        .stubs
                        .iter()
                        .find(|&&(s, _)| s == i)
                        .map(|&(_, t)| ut.unit_of[t]);
                    let target = target.unwrap_or(org.root);
                    let chart = chart_id(org, target);
                    meta.push(BoxMeta {
                        dom_id: None,
                        classes: Vec::new(),
                        title: chart_title(org, target),
                        href: href(&opts.chart_href, &chart),
                        band: None,
                    });
                }
            }
        }
        targets.extend(ut.continued.iter().filter(|u| drawn.contains_key(u)));
        // Dotted lines between units on this chart.
        let mut connections = Vec::new();
        for (lane, l) in org.links.iter().enumerate() {
            if let (Some(&a), Some(&b)) = (drawn.get(&l.from), drawn.get(&l.to)) {
                let routed = links::route(&mut layout, a, b, lane);
                connections.push(Connection {
                    points: routed.points,
                    curved: false,
                    stroke: match l.style {
                        LineStyle::Dotted => Stroke::Dotted,
                        LineStyle::Dashed => Stroke::Dashed,
                    },
                    label: l.label.clone(),
                    label_at: routed.label_at,
                    arrow: false,
                    class: "link",
                });
            }
        }
        let w = words(org.locale);
        let total = ut
            .unit_of
            .first()
            .map(|&u| org.units[u].total_fte)
            .unwrap_or_default();
        let description = format!(
            "{title}: {} {}. {}: {}.",
            drawn.len(),
            w.units,
            w.total,
            org.locale.format_fte(total)
        );
        let legend: Vec<(usize, String)> = colours
            .iter()
            .filter(|(_, i)| legend.contains(i))
            .map(|(t, &i)| (i, t.to_string()))
            .collect();
        let svg = svg::write(&Drawing {
            title,
            description: &description,
            lang: org.locale.tag(),
            layout: &layout,
            meta: &meta,
            connections: &connections,
            legend: &legend,
            legend_title: w.legend,
        });
        (
            Chart {
                id: id.to_string(),
                title: title.to_string(),
                svg,
            },
            targets,
        )
    }
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
        .page(&ut, &paginator, ut.tree.root, &id, &chart_title(org, unit))
        .0
}

/// The governance bodies and their relations, if the organisation has any.
pub fn governance_chart(org: &Organisation, opts: &ChartOptions) -> Option<Chart> {
    governance::chart(org, opts)
}

/// Every chart of the organisation: the whole organisation (`organisation`),
/// one per division (`unit-<id>`), one per view (`view-<id>`), the
/// continuation charts pagination asks for (`unit-<id>`), and `governance`.
pub fn all_charts(org: &Organisation, opts: &ChartOptions) -> Vec<Chart> {
    let mut charts: BTreeMap<String, Chart> = BTreeMap::new();
    let drawer = Drawer::new(org, opts);
    let trees = AnchorTrees::new(org, opts);
    let paginators: Vec<Paginator> = trees
        .trees
        .iter()
        .map(|ut| Paginator::new(&ut.tree, &opts.layout))
        .collect();
    let mut queue: VecDeque<UnitId> = VecDeque::from([org.root]);
    queue.extend(org.divisions());
    let mut views = Vec::new();
    for view in &org.views {
        let ut = unit_tree(org, view.root, view.depth, opts);
        let p = Paginator::new(&ut.tree, &opts.layout);
        let (chart, targets) = drawer.page(
            &ut,
            &p,
            ut.tree.root,
            &format!("view-{}", crate::output::names::stem(&view.id)),
            &view.title,
        );
        views.push(chart);
        queue.extend(targets);
    }
    while let Some(u) = queue.pop_front() {
        let id = chart_id(org, u);
        if charts.contains_key(&id) {
            continue;
        }
        // Cutting decisions depend only on the subtree below a node, so the
        // chart of `u` is the same whichever chart points to it.
        let (tree, node) = trees.place[&u];
        let (chart, targets) = drawer.page(
            &trees.trees[tree],
            &paginators[tree],
            node,
            &id,
            &chart_title(org, u),
        );
        charts.insert(id, chart);
        queue.extend(targets);
    }
    for chart in views {
        charts.insert(chart.id.clone(), chart);
    }
    if let Some(g) = governance_chart(org, opts) {
        charts.insert(g.id.clone(), g);
    }
    charts.into_values().collect()
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
    trees: Vec<UnitTree>,
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
            let continued: BTreeSet<UnitId> = units.continued.iter().copied().collect();
            for (node, &u) in units.unit_of.iter().enumerate() {
                if !continued.contains(&u) {
                    out.place.insert(u, (index, node));
                }
            }
            anchors.extend(continued);
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
    let mut queue = VecDeque::from([full.tree.root]);
    let mut done = vec![false; full.tree.nodes.len()];
    while let Some(root) = queue.pop_front() {
        if std::mem::replace(&mut done[root], true) {
            continue;
        }
        let page = paginator.page(root, |node, _| stub_node(org, full.unit_of[node]));
        boxes += layout::layout(&page.tree, &opts.layout).boxes.len();
        queue.extend(page.stubs.iter().map(|&(_, target)| target));
    }
    boxes
}
