//! What the boxes say: the units below a chart's root as a tree of boxes
//! with their text blocks, and the stub boxes that point to other charts.

use std::sync::{Arc, OnceLock};

use super::words::words;
use super::{ChartOptions, part_title};
use crate::layout::paginate::StubKind;
use crate::layout::{Block, Content, Node, Role, Tree, Weight};
use crate::model::{Organisation, Placement, UnitId};

/// Most tasks listed in a box; the rest are counted.
const MAX_TASKS: usize = 12;

/// The units below `root` as a tree of boxes, `depth` levels deep.
pub(super) struct UnitTree {
    pub tree: Tree,
    pub unit_of: Vec<UnitId>,
    /// By node: a unit drawn beside its parent whose sub-units go to its
    /// own chart.
    pub continued: Vec<bool>,
}

/// The measured boxes of an organisation's units, by unit: as a box that
/// shows its sub-units and as one that counts them (the chart stops at it).
pub struct BoxCache(Vec<[OnceLock<Arc<Content>>; 2]>);

impl BoxCache {
    pub fn new(org: &Organisation) -> BoxCache {
        BoxCache((0..org.units.len()).map(|_| Default::default()).collect())
    }
}

impl std::fmt::Debug for BoxCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BoxCache({} units)", self.0.len())
    }
}

/// The size and weight of a box's lines by class. The charts' style gives
/// them (`render::svg`), so that the thousands of lines of a large chart
/// need not each repeat them; a line of another size says so itself.
pub const LINE_STYLES: [(&str, f32, Weight); 7] = [
    ("name", 12.5, Weight::Bold),
    ("head", 10.5, Weight::Regular),
    ("holder", 10.5, Weight::Regular),
    ("fte", 10.5, Weight::Regular),
    ("task", 10.0, Weight::Regular),
    ("more", 10.0, Weight::Regular),
    ("note", 10.0, Weight::Bold),
];

/// A line of `class` in its size and weight of [`LINE_STYLES`].
pub(super) fn styled(text: String, class: &'static str) -> Block {
    let (_, size, weight) = LINE_STYLES
        .iter()
        .find(|(c, ..)| *c == class)
        .expect("a class of LINE_STYLES");
    block(text, *size, *weight, class)
}

pub(super) fn block(text: String, size: f32, weight: Weight, class: &'static str) -> Block {
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
    let mut blocks = vec![styled(unit.name.clone(), "name")];
    if unit.name.chars().count() > 70
        && let Some(short) = &unit.short
    {
        blocks[0].text = short.clone();
    }
    if let Some(head) = unit.head() {
        blocks.push(styled(head.title.clone(), "head"));
        if !opts.public
            && let Some(holder) = &head.holder
        {
            blocks.push(styled(holder.clone(), "holder"));
        }
    }
    if !unit.total_fte.is_zero() {
        blocks.push(styled(org.locale.format_fte(unit.total_fte), "fte"));
    }
    let vacant: Vec<&str> = unit.vacancies().map(|p| p.title.as_str()).collect();
    if !vacant.is_empty() {
        blocks.push(block(
            format!(
                "● {}: {}",
                if vacant.len() == 1 {
                    w.vacancy
                } else {
                    w.vacancies
                },
                vacant.join(", ")
            ),
            10.5,
            Weight::Bold,
            "vacancy",
        ));
    }
    if show_tasks && !unit.tasks.is_empty() {
        for (i, task) in unit.tasks.iter().take(MAX_TASKS).enumerate() {
            let mut b = styled(format!("• {task}"), "task");
            if i == 0 {
                b.space_before = 6.0;
                b.rule_before = true;
            }
            blocks.push(b);
        }
        if unit.tasks.len() > MAX_TASKS {
            blocks.push(styled(
                format!("+{} {}", unit.tasks.len() - MAX_TASKS, w.more_tasks),
                "more",
            ));
        }
    }
    if let Some(note) = opts.unit_notes.get(&unit.id) {
        blocks.push(styled(note.clone(), "note"));
    }
    if hidden > 0 {
        blocks.push(styled(
            format!(
                "+{hidden} {}",
                if hidden == 1 { w.sub_unit } else { w.sub_units }
            ),
            "more",
        ));
    }
    blocks
}

/// A box to make: its unit, its parent's node and what it shows.
struct Wanted {
    unit: UnitId,
    parent: Option<usize>,
    role: Role,
    show_tasks: bool,
    hidden: usize,
}

/// Trees of at least this many boxes have their boxes made on every core
/// (a handbook page's small chart is made on one, beside other pages).
const BOXES_ON_EVERY_CORE: usize = 2048;

pub(super) fn unit_tree(
    org: &Organisation,
    root: UnitId,
    depth: Option<usize>,
    opts: &ChartOptions,
) -> UnitTree {
    let mut out = UnitTree {
        tree: Tree::default(),
        unit_of: Vec::new(),
        continued: Vec::new(),
    };
    // First the tree's shape, parents before children; then the boxes,
    // whose text is wrapped and measured: most of the work.
    let mut wanted: Vec<Wanted> = Vec::new();
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
        out.continued.push(beside && hidden > 0);
        out.unit_of.push(u);
        let node = wanted.len();
        wanted.push(Wanted {
            unit: u,
            parent,
            role,
            show_tasks: unit.children.is_empty() || hidden > 0,
            hidden,
        });
        if hidden == 0 {
            for &c in unit.children.iter().rev() {
                stack.push((c, Some(node), level + 1));
            }
        }
    }
    let make = |w: &Wanted| {
        let blocks = || unit_blocks(org, w.unit, opts, w.show_tasks, w.hidden);
        match opts.boxes.as_deref() {
            Some(cache) => {
                let content = cache.0[w.unit][usize::from(w.hidden > 0)]
                    .get_or_init(|| Node::new(blocks(), w.role).content(&opts.layout));
                Node::measured(content.clone(), w.role)
            }
            None => Node::new(blocks(), w.role),
        }
    };
    let nodes = if wanted.len() >= BOXES_ON_EVERY_CORE {
        crate::parallel::map(&wanted, make)
    } else {
        wanted.iter().map(make).collect()
    };
    for (w, node) in wanted.iter().zip(nodes) {
        let node = out.tree.add(node);
        match w.parent {
            Some(p) => out.tree.nodes[p].children.push(node),
            None => out.tree.root = node,
        }
    }
    // Children were pushed in reverse; nodes were added parents first, in
    // written order, so each child list is already in written order.
    out
}

/// The box that points to part `part` of the chart of `target`. A team cut
/// off into its own chart keeps its top unit's box (name, head, FTE) with
/// the mark; other stubs name the chart they continue on.
pub(super) fn stub_node(
    org: &Organisation,
    opts: &ChartOptions,
    target: UnitId,
    part: usize,
    kind: StubKind,
) -> Node {
    let w = words(org.locale);
    let blocks = match kind {
        StubKind::Team => {
            let mut blocks = unit_blocks(org, target, opts, false, 0);
            blocks.push(block(
                w.continued_mark.to_string(),
                10.5,
                Weight::Bold,
                "stub-text",
            ));
            blocks
        }
        StubKind::Below | StubKind::More => vec![
            block(w.continued.to_string(), 10.5, Weight::Regular, "stub-text"),
            block(
                part_title(org, target, part),
                11.0,
                Weight::Bold,
                "stub-text",
            ),
        ],
    };
    Node::new(blocks, Role::Below)
}
