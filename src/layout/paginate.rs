//! Splits a chart that would not fit the page budget into several charts.
//!
//! Width: bottom-up, when a unit's team is wider than the page, its widest
//! sub-teams are cut off into charts of their own, each replaced by a small
//! stub box that points to it. Height: when a chart has more rows than fit
//! the page, the teams below the last row that fits continue on the chart
//! of their parent. A chart rooted at a unit is always the same whichever
//! chart points to it, so a set of charts has no duplicates.

use super::{Node, Options, Role, Tree, composite, measure};

/// Why a stub box is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StubKind {
    /// The sub-team rooted at this node continues on its own chart.
    Team,
    /// The teams below this node continue on the chart of this node.
    Below,
}

/// One chart's share of the tree.
#[derive(Clone, Debug)]
pub struct Page {
    pub tree: Tree,
    /// For each node of the page: the node of the full tree it shows, or
    /// `None` for a stub.
    pub origin: Vec<Option<usize>>,
    /// (stub node in the page, node of the full tree whose chart it points to).
    pub stubs: Vec<(usize, usize)>,
}

/// Cutting decisions for one tree, made once.
pub struct Paginator<'t> {
    tree: &'t Tree,
    options: &'t Options,
    /// Nodes in a row below their parent (not listed, not beside it).
    row_children: Vec<Vec<usize>>,
    in_row: Vec<bool>,
    height: Vec<f32>,
    /// The node's team is cut off into its own chart.
    cut: Vec<bool>,
}

/// Width of a stub box, for the estimate.
const STUB_WIDTH: f32 = 150.0;

impl<'t> Paginator<'t> {
    pub fn new(tree: &'t Tree, options: &'t Options) -> Paginator<'t> {
        let n = tree.nodes.len();
        let sizes: Vec<_> = tree
            .nodes
            .iter()
            .map(|node| measure(node, options))
            .collect();
        let mut row_children = vec![Vec::new(); n];
        let mut width = vec![0f32; n];
        let mut height = vec![0f32; n];
        let mut order = Vec::with_capacity(n);
        if n > 0 {
            let mut stack = vec![tree.root];
            while let Some(m) = stack.pop() {
                order.push(m);
                let c = composite(tree, m, &sizes, options);
                width[m] = c.right - c.left;
                height[m] = c.height;
                stack.extend(c.row_children.iter().rev());
                row_children[m] = c.row_children;
            }
        }
        let mut in_row = vec![false; n];
        for kids in &row_children {
            for &k in kids {
                in_row[k] = true;
            }
        }
        // Estimated width of each subtree, bottom-up, cutting as needed.
        let mut cut = vec![false; n];
        let mut subtree = vec![0f32; n];
        for &m in order.iter().rev() {
            let kids = &row_children[m];
            let team = |cut: &[bool]| -> f32 {
                let sum: f32 = kids
                    .iter()
                    .map(|&k| if cut[k] { STUB_WIDTH } else { subtree[k] })
                    .sum();
                sum + options.h_gap * kids.len().saturating_sub(1) as f32
            };
            if team(&cut) > options.page_width {
                let mut widest: Vec<usize> = kids.clone();
                widest.sort_by(|&a, &b| subtree[b].total_cmp(&subtree[a]).then(a.cmp(&b)));
                for k in widest {
                    if team(&cut) <= options.page_width || subtree[k] <= STUB_WIDTH {
                        break;
                    }
                    cut[k] = true;
                }
            }
            subtree[m] = width[m].max(team(&cut));
        }
        Paginator {
            tree,
            options,
            row_children,
            in_row,
            height,
            cut,
        }
    }

    /// The chart rooted at `root`. `stub(node, kind)` makes the box that
    /// points to the chart of `node`.
    pub fn page(&self, root: usize, stub: impl Fn(usize, StubKind) -> Node) -> Page {
        let tree = self.tree;
        // Rows that fit the page height, counting from this root.
        let mut last_row = usize::MAX;
        let mut row = vec![root];
        let mut y = 0.0;
        let mut depth = 0;
        while !row.is_empty() {
            let h = row.iter().map(|&m| self.height[m]).fold(0.0, f32::max);
            y += h + self.options.v_gap;
            if depth >= 2 && y > self.options.page_height {
                last_row = depth - 1;
                break;
            }
            row = row
                .iter()
                .flat_map(|&m| self.row_children[m].iter().copied())
                .filter(|&k| !self.cut[k])
                .collect();
            depth += 1;
        }
        // Copy the nodes, parents first.
        let mut page = Page {
            tree: Tree::default(),
            origin: Vec::new(),
            stubs: Vec::new(),
        };
        let copy = |page: &mut Page, m: usize| -> usize {
            let node = &tree.nodes[m];
            let mut copy = node.clone();
            copy.children.clear();
            if m == root {
                copy.role = Role::Below;
            }
            let i = page.tree.add(copy);
            page.origin.push(Some(m));
            i
        };
        let add_stub = |page: &mut Page, parent: usize, target: usize, kind: StubKind| {
            let mut node = stub(target, kind);
            node.role = Role::Below;
            node.children.clear();
            let i = page.tree.add(node);
            page.origin.push(None);
            page.stubs.push((i, target));
            page.tree.nodes[parent].children.push(i);
        };
        let top = copy(&mut page, root);
        page.tree.root = top;
        let mut stack = vec![(root, top, 0usize)];
        while let Some((m, at, depth)) = stack.pop() {
            let mut pending = Vec::new();
            // When the team below continues on this node's own chart, all of
            // it does (staff and listed units too), so nothing is drawn twice.
            let cut_below = depth >= last_row
                && tree.nodes[m]
                    .children
                    .iter()
                    .any(|&k| self.in_row[k] && !self.cut[k]);
            if cut_below {
                add_stub(&mut page, at, m, StubKind::Below);
                continue;
            }
            for &k in &tree.nodes[m].children {
                let in_row = self.in_row[k];
                if in_row && self.cut[k] {
                    add_stub(&mut page, at, k, StubKind::Team);
                } else {
                    let i = copy(&mut page, k);
                    page.tree.nodes[at].children.push(i);
                    pending.push((k, i, if in_row { depth + 1 } else { depth }));
                }
            }
            stack.extend(pending.into_iter().rev());
        }
        page
    }
}
