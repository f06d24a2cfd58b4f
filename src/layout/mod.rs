//! Pure geometry for organograms: measured boxes, positions and connector
//! paths. Nothing here knows SVG or the organisation model: the chart builder
//! hands in a [`Tree`] of boxes with text, and gets back a [`Layout`].
//!
//! The tree is laid out as a tidy tree (linear time, contours per level, in
//! the manner of Reingold–Tilford for boxes of any size) with org-chart
//! conventions: the parent centred over its children, siblings in written
//! order, one bus line per team, staff units beside the parent's line,
//! affiliated entities beside the parent on a dotted line, teams of leaf
//! units hung as a vertical list, and teams too wide for the page on
//! several rows under one line (see `wrap`).

mod dejavu;
pub mod links;
pub mod paginate;
pub mod paper;
pub mod text;
mod tidy;
mod wrap;

use std::sync::{Arc, OnceLock};

pub use text::Weight;

/// How a node hangs from its parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// In the row below, on the team's bus line.
    Below,
    /// A staff unit: beside the parent's vertical line.
    Side,
    /// An affiliated entity: beside the parent, on a dotted line.
    Affiliated,
}

/// One run of text in a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub text: String,
    pub size: f32,
    pub weight: Weight,
    /// CSS class of the text in the SVG.
    pub class: &'static str,
    /// Extra space above the block (a separator before a list).
    pub space_before: f32,
    /// Draw a thin rule above the block.
    pub rule_before: bool,
}

/// A box to lay out.
#[derive(Clone, Debug)]
pub struct Node {
    pub blocks: Vec<Block>,
    pub role: Role,
    pub children: Vec<usize>,
    /// Lay the row below out in rows of this many (see `wrap`); set by the
    /// paginator for teams wider than the page.
    pub wrap: Option<usize>,
    /// Stand in the parent's row even without sub-units, never in its list:
    /// a box marked continued in a team that wraps.
    pub keep_in_row: bool,
    /// The measured box, kept so that a box that appears on several charts
    /// is measured once (wrapping text is the costly part).
    measured: OnceLock<Arc<Content>>,
}

impl Node {
    pub fn new(blocks: Vec<Block>, role: Role) -> Node {
        Node {
            blocks,
            role,
            children: Vec::new(),
            wrap: None,
            keep_in_row: false,
            measured: OnceLock::new(),
        }
    }

    /// A box measured before, for another chart.
    pub fn measured(content: Arc<Content>, role: Role) -> Node {
        let node = Node::new(Vec::new(), role);
        let _ = node.measured.set(content);
        node
    }

    /// What the box holds, measured (once).
    pub fn content(&self, o: &Options) -> Arc<Content> {
        measure(self, o).content
    }
}

/// The boxes of one chart; `nodes[root]` is the top. Boxes beside their
/// parent (side, affiliated) are leaves: their sub-units belong on a chart
/// of their own.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub root: usize,
}

impl Tree {
    pub fn add(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }
}

/// Sizes and spacing, in pixels.
#[derive(Clone, Debug)]
pub struct Options {
    /// Text wraps to stay within this box width.
    pub max_box_width: f32,
    pub min_box_width: f32,
    pub padding: f32,
    /// Between neighbouring subtrees.
    pub h_gap: f32,
    /// Between rows (the bus line runs in the middle).
    pub v_gap: f32,
    /// A team of at least this many leaf units is hung as a vertical list.
    pub stack_threshold: usize,
    /// Page budget: charts larger than this are split (see [`paginate`]).
    pub page_width: f32,
    pub page_height: f32,
    /// Space around the drawing.
    pub margin: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options::for_paper(paper::Paper::default())
    }
}

/// Room a chart's document keeps beside the tree: the title above and a
/// legend of two rows below (see `render::svg`), and lines routed in the
/// right margin.
const TITLE_AND_LEGEND: f32 = 44.0 + 64.0;
const LINK_MARGIN: f32 = 60.0;

impl Options {
    /// Sizes for charts printed on `paper`: the page budget is what prints
    /// the smallest text at 7 pt or more (see [`paper::Paper::budget_px`]).
    pub fn for_paper(paper: paper::Paper) -> Options {
        let (w, h) = paper.budget_px();
        let margin = 24.0;
        Options {
            max_box_width: 200.0,
            min_box_width: 110.0,
            padding: 8.0,
            h_gap: 18.0,
            v_gap: 44.0,
            stack_threshold: 5,
            page_width: w - 2.0 * margin - LINK_MARGIN,
            page_height: h - 2.0 * margin - TITLE_AND_LEGEND,
            margin,
        }
    }
}

/// Distance between the parent's vertical line and staff or listed boxes.
pub(crate) const TRUNK_GAP: f32 = 16.0;
/// Vertical gap between staff rows and between listed boxes.
pub(crate) const STACK_GAP: f32 = 8.0;
/// Horizontal gap between a box and its affiliated entity.
const AFFILIATED_GAP: f32 = 44.0;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn center_x(&self) -> f32 {
        self.x + self.w / 2.0
    }
    /// Do the two rectangles share any interior point?
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
    /// The rectangle grown by `d` on every side.
    pub fn inflate(&self, d: f32) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            w: self.w + 2.0 * d,
            h: self.h + 2.0 * d,
        }
    }
    /// Does the segment from `a` to `b` pass through the rectangle (its
    /// interior or its edge)? The segment is clipped to each side in turn
    /// (Liang–Barsky).
    pub fn meets(&self, a: (f32, f32), b: (f32, f32)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0f32, 1f32);
        for (p, q) in [
            (-dx, a.0 - self.x),
            (dx, self.right() - a.0),
            (-dy, a.1 - self.y),
            (dy, self.bottom() - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// One line of text, relative to its box.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub size: f32,
    pub weight: Weight,
    pub class: &'static str,
    /// Measured width: never more than the box's inner width.
    pub width: f32,
}

/// What a box holds, measured once: lines and rules relative to the box's
/// top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    pub w: f32,
    pub h: f32,
    pub lines: Vec<Line>,
    /// y of thin rules inside the box (before lists).
    pub rules: Vec<f32>,
}

/// A box, placed. Its content is shared by every chart the box appears on.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub rect: Rect,
    pub content: Arc<Content>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Dotted,
    Dashed,
}

/// An orthogonal connector from a parent box to a child box.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub points: Vec<(f32, f32)>,
    pub stroke: Stroke,
    pub from: usize,
    pub to: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Index = node index of the tree.
    pub boxes: Vec<Placed>,
    /// The box stands at the top of a row (not beside or below another box),
    /// so the space just above it is free for lines.
    pub in_row: Vec<bool>,
    pub paths: Vec<Path>,
    pub width: f32,
    pub height: f32,
}

/// Measures a node's text: its lines relative to the box's top-left corner,
/// and the box size.
pub(crate) fn measure(node: &Node, o: &Options) -> Placed {
    let content = node
        .measured
        .get_or_init(|| Arc::new(measure_text(node, o)))
        .clone();
    Placed {
        rect: Rect {
            x: 0.0,
            y: 0.0,
            w: content.w,
            h: content.h,
        },
        content,
    }
}

fn measure_text(node: &Node, o: &Options) -> Content {
    let inner_max = o.max_box_width - 2.0 * o.padding;
    let mut lines = Vec::new();
    let mut rules = Vec::new();
    let mut y = o.padding;
    let mut widest: f32 = 0.0;
    for block in &node.blocks {
        y += block.space_before;
        if block.rule_before {
            rules.push(y - block.space_before / 2.0);
        }
        for text in text::wrap(&block.text, block.size, block.weight, inner_max) {
            let width = text::width(&text, block.size, block.weight);
            widest = widest.max(width);
            let line_height = block.size * 1.3;
            lines.push(Line {
                x: 0.0,
                baseline: y + block.size,
                text,
                size: block.size,
                weight: block.weight,
                class: block.class,
                width,
            });
            y += line_height;
        }
    }
    let w = (widest + 2.0 * o.padding).clamp(o.min_box_width, o.max_box_width);
    // Centre each line in the box.
    for line in &mut lines {
        line.x = (w - line.width) / 2.0;
    }
    Content {
        w,
        h: y + o.padding - 2.0,
        lines,
        rules,
    }
}

/// Where a node's own box, staff, affiliated and listed boxes sit relative to
/// its anchor (the centre of its top edge), and the extent of it all.
#[derive(Clone, Debug, Default)]
pub(crate) struct Composite {
    left: f32,
    right: f32,
    height: f32,
    /// (node, x, y) of every box in the composite, relative to the anchor.
    members: Vec<(usize, f32, f32)>,
    /// Children in the next row.
    row_children: Vec<usize>,
}

pub(crate) fn composite(tree: &Tree, n: usize, sizes: &[Placed], o: &Options) -> Composite {
    let node = &tree.nodes[n];
    let own = sizes[n].rect;
    let mut c = Composite {
        left: -own.w / 2.0,
        right: own.w / 2.0,
        height: own.h,
        members: vec![(n, -own.w / 2.0, 0.0)],
        row_children: Vec::new(),
    };
    let is_leaf = |m: usize| listable(&tree.nodes[m]);
    let below: Vec<usize> = node
        .children
        .iter()
        .copied()
        .filter(|&m| tree.nodes[m].role == Role::Below)
        .collect();
    // Staff units in pairs, left and right of the vertical line.
    let mut y = own.h;
    let side: Vec<usize> = node
        .children
        .iter()
        .copied()
        .filter(|&m| tree.nodes[m].role == Role::Side)
        .collect();
    for pair in side.chunks(2) {
        y += TRUNK_GAP * 0.75;
        let mut row_height: f32 = 0.0;
        for (i, &m) in pair.iter().enumerate() {
            let r = sizes[m].rect;
            let x = if i == 0 { -TRUNK_GAP - r.w } else { TRUNK_GAP };
            c.members.push((m, x, y));
            c.left = c.left.min(x);
            c.right = c.right.max(x + r.w);
            row_height = row_height.max(r.h);
        }
        y += row_height;
    }
    // Affiliated entities to the right of the box, level with it.
    let mut x = own.w / 2.0 + AFFILIATED_GAP;
    for &m in node
        .children
        .iter()
        .filter(|&&m| tree.nodes[m].role == Role::Affiliated)
    {
        let r = sizes[m].rect;
        c.members.push((m, x, 0.0));
        c.right = c.right.max(x + r.w);
        c.height = c.height.max(r.h);
        x += r.w + AFFILIATED_GAP;
    }
    // Units without sub-units hang as a list on the vertical line when
    // there are enough of them, even in a team that also has subtrees (the
    // subtrees then stay in the row below): a row of 14 with 9 leaves
    // becomes a list of 9 and a row of 5, much narrower.
    let (leaves, subtrees): (Vec<usize>, Vec<usize>) = below.iter().partition(|&&m| is_leaf(m));
    if listed(tree, n, o).is_some() {
        // A long list in two columns, left and right of the line, read row
        // by row: half as tall.
        let per_row = if leaves.len() > LONG_LIST { 2 } else { 1 };
        for pair in leaves.chunks(per_row) {
            y += STACK_GAP;
            let mut row_height: f32 = 0.0;
            for (i, &m) in pair.iter().enumerate() {
                let r = sizes[m].rect;
                let x = if per_row == 2 && i == 0 {
                    -TRUNK_GAP - r.w
                } else {
                    TRUNK_GAP
                };
                c.members.push((m, x, y));
                c.left = c.left.min(x);
                c.right = c.right.max(x + r.w);
                row_height = row_height.max(r.h);
            }
            y += row_height;
        }
        c.row_children = subtrees;
    } else {
        c.row_children = below;
    }
    c.height = c.height.max(y);
    c
}

/// The units of `n` that hang as a list (see [`composite`]), if any.
pub(crate) fn listed(tree: &Tree, n: usize, o: &Options) -> Option<Vec<usize>> {
    let leaves: Vec<usize> = tree.nodes[n]
        .children
        .iter()
        .copied()
        .filter(|&m| tree.nodes[m].role == Role::Below && listable(&tree.nodes[m]))
        .collect();
    (leaves.len() >= o.stack_threshold.max(1)).then_some(leaves)
}

/// A unit without sub-units on the chart, which may hang in a list.
fn listable(node: &Node) -> bool {
    node.children.is_empty() && !node.keep_in_row
}

/// A list of more leaf units than this hangs in two columns.
pub(crate) const LONG_LIST: usize = 6;

/// Lays the tree out.
pub fn layout(tree: &Tree, o: &Options) -> Layout {
    let n = tree.nodes.len();
    if n == 0 {
        return Layout::default();
    }
    let sizes: Vec<Placed> = tree.nodes.iter().map(|node| measure(node, o)).collect();
    // Composites of the nodes that stand in a row (reached through row children).
    let mut composites: Vec<Option<Composite>> = vec![None; n];
    let mut level = vec![0usize; n];
    let mut order = Vec::with_capacity(n);
    let mut stack = vec![tree.root];
    while let Some(m) = stack.pop() {
        order.push(m);
        let c = composite(tree, m, &sizes, o);
        stack.extend(c.row_children.iter().rev());
        composites[m] = Some(c);
    }
    let wrapped = wrap::levels(tree, &composites, &order, &mut level);
    let levels = order.iter().map(|&m| level[m]).max().unwrap_or(0) + 1;
    let mut row_height = vec![0f32; levels];
    for &m in &order {
        let h = composites[m].as_ref().map_or(0.0, |c| c.height);
        row_height[level[m]] = row_height[level[m]].max(h);
    }
    let mut row_y = vec![0f32; levels];
    for d in 1..levels {
        row_y[d] = row_y[d - 1] + row_height[d - 1] + o.v_gap;
    }
    // Horizontal positions of the anchors; wrapped teams add the nodes of
    // their line down (see `wrap`).
    let mut extents: Vec<(f32, f32)> = (0..n)
        .map(|m| {
            composites[m]
                .as_ref()
                .map_or((0.0, 0.0), |c| (c.left, c.right))
        })
        .collect();
    let team = |m: usize| {
        composites[m]
            .as_ref()
            .map_or(&[][..], |c| c.row_children.as_slice())
    };
    let down = wrap::LinesDown::new(&wrapped, team, |m| extents[m].1 - extents[m].0, n);
    extents.resize(down.pivot.len(), (0.0, 0.0));
    let mut children: Vec<&[usize]> = (0..n).map(team).collect();
    children.resize(extents.len(), &[]);
    for (m, row) in &down.rows {
        children[*m] = row;
    }
    let mut tidy_order = Vec::with_capacity(extents.len());
    for &m in &order {
        tidy_order.push(m);
        tidy_order.extend(down.lines.get(&m).into_iter().flatten());
    }
    let anchor_x = tidy::place(&tidy_order, &children, &extents, &down.pivot, o.h_gap);

    let mut boxes = sizes;
    let mut paths = Vec::new();
    for &m in &order {
        let c = composites[m]
            .as_ref()
            .expect("every row node has a composite");
        let (ax, ay) = (anchor_x[m], row_y[level[m]]);
        for &(member, dx, dy) in &c.members {
            boxes[member].rect.x = ax + dx;
            boxes[member].rect.y = ay + dy;
        }
        let own = boxes[m].rect;
        // Connectors inside the composite.
        for &(member, _, _) in &c.members[1..] {
            let r = boxes[member].rect;
            let (points, stroke) = match tree.nodes[member].role {
                Role::Affiliated => {
                    let y = own.y + own.h.min(r.h) / 2.0;
                    (vec![(own.right(), y), (r.x, y)], Stroke::Dotted)
                }
                Role::Side | Role::Below => {
                    let y = r.y + r.h / 2.0;
                    let edge = if r.x < ax { r.right() } else { r.x };
                    (vec![(ax, own.bottom()), (ax, y), (edge, y)], Stroke::Solid)
                }
            };
            paths.push(Path {
                points,
                stroke,
                from: m,
                to: member,
            });
        }
        // The team's bus line in the middle of the gap to the next row.
        // (Each row of a wrapped team has a bus of its own, on the same
        // line down from the parent.)
        if !c.row_children.is_empty() {
            // Below the staff band, if any.
            let start = own.bottom();
            for &child in &c.row_children {
                let next_y = row_y[level[child]];
                let bus = next_y - o.v_gap / 2.0;
                let cx = anchor_x[child];
                paths.push(Path {
                    points: vec![(ax, start), (ax, bus), (cx, bus), (cx, next_y)],
                    stroke: Stroke::Solid,
                    from: m,
                    to: child,
                });
            }
        }
    }
    // Shift everything into view.
    let min_x = boxes.iter().map(|b| b.rect.x).fold(f32::INFINITY, f32::min);
    let min_y = boxes.iter().map(|b| b.rect.y).fold(f32::INFINITY, f32::min);
    let (dx, dy) = (o.margin - min_x, o.margin - min_y);
    for b in &mut boxes {
        b.rect.x += dx;
        b.rect.y += dy;
    }
    for p in &mut paths {
        for point in &mut p.points {
            point.0 += dx;
            point.1 += dy;
        }
    }
    let width = boxes.iter().map(|b| b.rect.right()).fold(0.0, f32::max) + o.margin;
    let height = boxes.iter().map(|b| b.rect.bottom()).fold(0.0, f32::max) + o.margin;
    let mut in_row = vec![false; n];
    for &m in &order {
        in_row[m] = true;
        // Affiliated boxes stand level with their parent, at the row's top.
        for &k in &tree.nodes[m].children {
            if tree.nodes[k].role == Role::Affiliated {
                in_row[k] = true;
            }
        }
    }
    Layout {
        boxes,
        in_row,
        paths,
        width,
        height,
    }
}
