//! Splits a chart that would not fit the page budget into several charts.
//!
//! Width: bottom-up, when a unit's team is wider than the page, it wraps
//! onto rows when its members have nothing below them (see `wrap`); else
//! its widest sub-teams are cut off into charts of their own, each replaced
//! by a small stub box that points to it. Height: when a chart has more rows than fit
//! the page, the teams below the last row that fits continue on the chart
//! of their parent. A chart rooted at a unit is always the same whichever
//! chart points to it, so a set of charts has no duplicates.

use std::collections::{HashMap, VecDeque};

use super::{
    LONG_LIST, Node, Options, Role, STACK_GAP, TRUNK_GAP, Tree, composite, listed, measure, wrap,
};

/// Why a stub box is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StubKind {
    /// The sub-team rooted at this node continues on its own chart.
    Team,
    /// The teams below this node continue on the chart of this node.
    Below,
    /// The list of this node's units continues on the next part of its chart.
    More,
}

/// A stub box on a page and the chart it points to: the chart of `target`
/// (a node of the full tree), its part `part` (0: the first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stub {
    pub at: usize,
    pub target: usize,
    pub part: usize,
    pub kind: StubKind,
}

/// One chart's share of the tree.
#[derive(Clone, Debug)]
pub struct Page {
    pub tree: Tree,
    /// For each node of the page: the node of the full tree it shows, or
    /// `None` for a stub.
    pub origin: Vec<Option<usize>>,
    pub stubs: Vec<Stub>,
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
    /// The node's team wraps onto rows of this many.
    wrap: Vec<Option<usize>>,
    /// Levels of the node's subtree on a page (its own included).
    sub_depth: Vec<usize>,
    /// Nodes whose list of units is longer than a page: the listed units,
    /// and where each part of the list after the first begins.
    parts: HashMap<usize, Parts>,
    /// Position of a node in its parent's long list (`usize::MAX`: none).
    list_pos: Vec<usize>,
    /// The node's list makes it taller than a third of the page.
    tall: Vec<bool>,
    own_height: Vec<f32>,
}

struct Parts {
    listed: Vec<usize>,
    /// Index into `listed` of the first unit of parts 1, 2, …
    starts: Vec<usize>,
}

impl Parts {
    /// The listed units of part `k`.
    fn part(&self, k: usize) -> &[usize] {
        let start = if k == 0 { 0 } else { self.starts[k - 1] };
        let end = self.starts.get(k).copied().unwrap_or(self.listed.len());
        &self.listed[start..end]
    }
}

/// The "→ continued" line a stub adds to a unit's box, for the estimate.
const MARK_HEIGHT: f32 = 14.0;
/// Height of the stub below a unit whose list continues elsewhere, for the estimate.
const TALL_STUB: f32 = 60.0;

impl<'t> Paginator<'t> {
    pub fn new(tree: &'t Tree, options: &'t Options) -> Paginator<'t> {
        let n = tree.nodes.len();
        let sizes: Vec<_> = tree
            .nodes
            .iter()
            .map(|node| measure(node, options))
            .collect();
        let mut row_children = vec![Vec::new(); n];
        let mut comp_left = vec![0f32; n];
        let mut comp_right = vec![0f32; n];
        let mut height = vec![0f32; n];
        let mut order = Vec::with_capacity(n);
        if n > 0 {
            let mut stack = vec![tree.root];
            while let Some(m) = stack.pop() {
                order.push(m);
                let c = composite(tree, m, &sizes, options);
                comp_left[m] = -c.left;
                comp_right[m] = c.right;
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
        // Estimated extent of each subtree left and right of its anchor,
        // bottom-up, cutting as needed. A running sum keeps a team of
        // thousands linear.
        let stub = options.max_box_width;
        let threshold = options.stack_threshold.max(1);
        let mut cut = vec![false; n];
        let mut left = vec![0f32; n];
        let mut right = vec![0f32; n];
        // Height the boxes that join a unit's list on the page add to it.
        let mut joined = vec![0f32; n];
        let mut wraps: Vec<Option<usize>> = vec![None; n];
        let mut tall = vec![false; n];
        // Height of each level of the node's subtree on a page, as a member
        // of its parent's team (for the rows of wrapped teams), as many
        // levels as a page holds; and how many levels it has.
        let page_levels = (options.page_height / options.v_gap).ceil() as usize + 1;
        let mut profile: Vec<Vec<f32>> = vec![Vec::new(); n];
        let mut sub_depth = vec![1usize; n];
        let is_leaf = |k: usize| tree.nodes[k].children.is_empty();
        for &m in order.iter().rev() {
            let kids = &row_children[m];
            let w = |k: usize, cut: &[bool]| if cut[k] { stub } else { left[k] + right[k] };
            let stub_height = |k: usize| sizes[k].rect.h + MARK_HEIGHT;
            // The level heights of a row of the team.
            let row_levels = |members: &[usize], cut: &[bool]| {
                let mut levels = Vec::new();
                for &k in members {
                    match cut[k] {
                        true => wrap::merge(&mut levels, &[stub_height(k)]),
                        false => wrap::merge(&mut levels, &profile[k]),
                    }
                }
                levels
            };
            let wrapping = |cut: &[bool]| {
                let widths: Vec<f32> = kids.iter().map(|&k| w(k, cut)).collect();
                let row_height = |r: std::ops::Range<usize>| {
                    wrap::height(&row_levels(&kids[r], cut), options.v_gap)
                };
                let room = options.page_height - height[m] - options.v_gap;
                let (gap, width) = (options.h_gap, options.page_width);
                wrap::choose(&widths, row_height, gap, options.v_gap, width, room)
            };
            let mut sum: f32 = kids.iter().map(|&k| w(k, &cut)).sum::<f32>()
                + options.h_gap * kids.len().saturating_sub(1) as f32;
            // Too wide: rows before cutting.
            if sum > options.page_width {
                wraps[m] = wrapping(&cut);
            }
            if sum > options.page_width && wraps[m].is_none() {
                let mut widest: Vec<usize> = kids.clone();
                widest.sort_by(|&a, &b| w(b, &cut).total_cmp(&w(a, &cut)).then(a.cmp(&b)));
                for k in widest {
                    let wk = w(k, &cut);
                    if sum <= options.page_width || wk <= stub {
                        break;
                    }
                    sum -= wk - stub;
                    cut[k] = true;
                }
                if sum > options.page_width {
                    // Too many sub-teams for one row even as stubs: each
                    // continues on its own chart, and their boxes hang as a
                    // list instead of a row; or stand in rows, when the
                    // list would be taller than the page.
                    for &k in kids {
                        cut[k] = true;
                    }
                    let list: f32 = kids
                        .chunks(2)
                        .map(|pair| {
                            let h = pair.iter().map(|&k| stub_height(k));
                            h.fold(0.0, f32::max) + STACK_GAP
                        })
                        .sum();
                    if height[m] + list > options.page_height - options.v_gap {
                        wraps[m] = wrapping(&cut);
                    }
                }
            }
            let member_depth = |k: usize| if cut[k] { 1 } else { sub_depth[k] };
            if let Some(k) = wraps[m] {
                let widths: Vec<f32> = kids.iter().map(|&k| w(k, &cut)).collect();
                let (wl, wr) = wrap::extent(&widths, options.h_gap, k);
                left[m] = comp_left[m].max(wl);
                right[m] = comp_right[m].max(wr);
                let mut levels = vec![height[m]];
                let mut depth = 1;
                for r in wrap::rows(kids.len(), k) {
                    let row = &kids[r];
                    levels.extend(row_levels(row, &cut));
                    depth += row.iter().map(|&k| member_depth(k)).max().unwrap_or(1);
                }
                levels.truncate(page_levels);
                (profile[m], sub_depth[m]) = (levels, depth);
                continue;
            }
            // On the page, stubs have no sub-units: with the units already
            // listed, enough of them hang as a list too (see `composite`),
            // and the row keeps the rest.
            let already = listed(tree, m, options).map_or(0, |l| l.len());
            let on_list: Vec<usize> = kids
                .iter()
                .copied()
                .filter(|&k| cut[k] || is_leaf(k))
                .collect();
            let (mut list_left, mut list_right) = (0f32, 0f32);
            let row: Vec<usize> = if !on_list.is_empty() && on_list.len() + already >= threshold {
                let per_row = if on_list.len() + already > LONG_LIST {
                    2
                } else {
                    1
                };
                let rows: f32 = on_list
                    .chunks(per_row)
                    .map(|pair| {
                        let h = pair.iter().map(|&k| sizes[k].rect.h).fold(0.0, f32::max);
                        h + STACK_GAP + MARK_HEIGHT
                    })
                    .sum();
                height[m] += rows;
                joined[m] = rows;
                list_right = TRUNK_GAP + stub;
                if per_row == 2 {
                    list_left = TRUNK_GAP + stub;
                }
                kids.iter()
                    .copied()
                    .filter(|&k| !(cut[k] || is_leaf(k)))
                    .collect()
            } else {
                kids.clone()
            };
            sum = row.iter().map(|&k| w(k, &cut)).sum::<f32>()
                + options.h_gap * row.len().saturating_sub(1) as f32;
            let (l, r) = (comp_left[m].max(list_left), comp_right[m].max(list_right));
            // A list taller than a third of the page continues on the unit's
            // own chart when the unit is not a chart's top (see `page`).
            tall[m] = already > 0 && height[m] > options.page_height / 3.0;
            (profile[m], sub_depth[m]) = if tall[m] {
                // The list continues on the unit's own chart (see `page`).
                (vec![sizes[m].rect.h + TALL_STUB], 2)
            } else {
                let mut levels = vec![height[m]];
                levels.extend(row_levels(&row, &cut));
                levels.truncate(page_levels);
                let depth = row.iter().map(|&k| member_depth(k)).max().unwrap_or(0);
                (levels, 1 + depth)
            };
            if let (Some(&first), Some(&last)) = (row.first(), row.last()) {
                // The parent is centred between its first and last child.
                let half = |k: usize, side: &[f32]| if cut[k] { stub / 2.0 } else { side[k] };
                let team_left = (half(first, &left) + sum - half(last, &right)) / 2.0;
                left[m] = l.max(team_left);
                right[m] = r.max(sum - team_left);
            } else {
                left[m] = l;
                right[m] = r;
            }
        }
        // Long lists: cut into parts that fit the page's height, counting
        // rows of two (the list's two columns).
        let mut parts = HashMap::new();
        let mut list_pos = vec![usize::MAX; n];
        for m in 0..n {
            let Some(list) = listed(tree, m, options).filter(|_| wraps[m].is_none()) else {
                continue;
            };
            // The first part also holds the boxes of sub-teams that joined
            // the list (continued on charts of their own).
            let mut budget = options.page_height - sizes[m].rect.h - options.v_gap - joined[m];
            if !row_children[m].is_empty() {
                // Leave the row of subtrees below the list some room.
                budget -= options.page_height / 4.0;
            }
            let mut starts = Vec::new();
            let mut used = 0.0;
            for (i, pair) in list.chunks(2).enumerate() {
                let h = pair.iter().map(|&k| sizes[k].rect.h).fold(0.0, f32::max) + STACK_GAP;
                if used + h > budget && used > 0.0 {
                    starts.push(2 * i);
                    used = 0.0;
                    // Later parts show only the list under the unit's box.
                    budget = options.page_height - sizes[m].rect.h - options.v_gap;
                }
                used += h;
            }
            if !starts.is_empty() {
                for (i, &k) in list.iter().enumerate() {
                    list_pos[k] = i;
                }
                parts.insert(
                    m,
                    Parts {
                        listed: list,
                        starts,
                    },
                );
            }
        }
        Paginator {
            tree,
            options,
            row_children,
            in_row,
            height,
            cut,
            wrap: wraps,
            sub_depth,
            parts,
            list_pos,
            tall,
            own_height: sizes.iter().map(|p| p.rect.h).collect(),
        }
    }

    /// Levels a member of a wrapped team takes on the page.
    fn member_depth(&self, k: usize) -> usize {
        if self.cut[k] { 1 } else { self.sub_depth[k] }
    }

    /// How many charts (parts) the chart rooted at `node` has.
    pub fn parts(&self, node: usize) -> usize {
        self.parts.get(&node).map_or(1, |p| p.starts.len() + 1)
    }

    /// Part `part` of the chart rooted at `root`. `stub(node, part, kind)`
    /// makes the box that points to that part of the chart of `node`.
    pub fn page(
        &self,
        root: usize,
        part: usize,
        stub: impl Fn(usize, usize, StubKind) -> Node,
    ) -> Page {
        let tree = self.tree;
        // Rows that fit the page height, counting from this root.
        let mut last_row = usize::MAX;
        let mut row = vec![root];
        // The later rows of wrapped teams, one row further down each.
        let mut ahead: VecDeque<Vec<usize>> = VecDeque::new();
        let mut y = 0.0;
        let mut depth = 0;
        // (A level may be empty: a row of a wrapped team can start below
        // levels that hold only boxes marked continued.)
        while !row.is_empty() || !ahead.is_empty() {
            let h = row
                .iter()
                .map(|&m| {
                    if m != root && self.cut[m] {
                        // A box marked continued, in a wrapped team's row.
                        self.own_height[m] + MARK_HEIGHT
                    } else if m != root && self.tall[m] {
                        self.own_height[m] + TALL_STUB
                    } else {
                        self.height[m]
                    }
                })
                .fold(0.0, f32::max);
            y += h + self.options.v_gap;
            if depth >= 2 && y > self.options.page_height {
                last_row = depth - 1;
                break;
            }
            let mut next = ahead.pop_front().unwrap_or_default();
            for &m in row.iter().filter(|&&m| m == root || !self.cut[m]) {
                match self.wrap[m] {
                    Some(k) => {
                        // Each row below the deepest subtree of the row above.
                        let team = &self.row_children[m];
                        let mut offset = 0;
                        for range in wrap::rows(team.len(), k) {
                            let row = &team[range];
                            if offset == 0 {
                                next.extend(row);
                            } else {
                                if ahead.len() < offset {
                                    ahead.resize(offset, Vec::new());
                                }
                                ahead[offset - 1].extend(row);
                            }
                            offset += row.iter().map(|&a| self.member_depth(a)).max().unwrap_or(1);
                        }
                    }
                    None => next.extend(
                        self.row_children[m]
                            .iter()
                            .copied()
                            .filter(|&k| !self.cut[k]),
                    ),
                }
            }
            row = next;
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
            copy.wrap = None;
            if m == root {
                copy.role = Role::Below;
            }
            let i = page.tree.add(copy);
            page.origin.push(Some(m));
            i
        };
        let add_stub =
            |page: &mut Page, parent: usize, target: usize, part: usize, kind: StubKind| {
                let mut node = stub(target, part, kind);
                node.role = Role::Below;
                node.children.clear();
                let i = page.tree.add(node);
                page.origin.push(None);
                page.stubs.push(Stub {
                    at: i,
                    target,
                    part,
                    kind,
                });
                page.tree.nodes[parent].children.push(i);
            };
        let top = copy(&mut page, root);
        page.tree.root = top;
        let mut stack = vec![(root, top, 0usize)];
        while let Some((m, at, depth)) = stack.pop() {
            let mut pending = Vec::new();
            // When the team below continues on this node's own chart, all of
            // it does (staff and listed units too), so nothing is drawn twice.
            // So does a long list under a unit that is not this chart's top:
            // the unit's box stays in its row, its list moves on.
            // A wrapped team needs the levels of all its rows.
            let (rows, has_team) = match self.wrap[m] {
                Some(_) => (self.sub_depth[m] - 1, true),
                None => (
                    1,
                    tree.nodes[m]
                        .children
                        .iter()
                        .any(|&k| self.in_row[k] && !self.cut[k]),
                ),
            };
            let cut_below = (m != root && self.tall[m])
                || (m != root && depth + rows > last_row && has_team)
                || (depth >= last_row && has_team);
            if cut_below {
                add_stub(&mut page, at, m, 0, StubKind::Below);
                continue;
            }
            page.tree.nodes[at].wrap = self.wrap[m];
            // Where each row of a wrapped team starts, in levels below `m`.
            let mut row_start = Vec::new();
            if let Some(k) = self.wrap[m] {
                let team = &self.row_children[m];
                let mut offset = 0;
                for range in wrap::rows(team.len(), k) {
                    row_start.extend(std::iter::repeat_n(offset, range.len()));
                    offset += team[range]
                        .iter()
                        .map(|&a| self.member_depth(a))
                        .max()
                        .unwrap_or(1);
                }
            }
            let mut in_team = 0;
            // Of a long list, this page shows one part: the root's `part`,
            // the first part of any other unit.
            let this_part = if m == root { part } else { 0 };
            let parts = self.parts.get(&m);
            // Later parts show the list alone under the unit's box; the
            // first shows everything but the rest of the list. Each part
            // looks only at what it shows, so a team of thousands costs
            // time linear in its size over all its parts.
            let children: &[usize] = match parts {
                Some(p) if this_part > 0 => p.part(this_part),
                _ => &tree.nodes[m].children,
            };
            let first_part = parts.map_or(usize::MAX, |p| p.part(0).len());
            for &k in children {
                if this_part == 0
                    && self.list_pos[k] >= first_part
                    && self.list_pos[k] != usize::MAX
                {
                    continue;
                }
                let in_row = self.in_row[k];
                // A wrapped team's member stands in its row.
                let below = match row_start.get(in_team) {
                    Some(start) if in_row => 1 + start,
                    _ if in_row => 1,
                    _ => 0,
                };
                in_team += usize::from(in_row);
                if in_row && self.cut[k] {
                    add_stub(&mut page, at, k, 0, StubKind::Team);
                    if self.wrap[m].is_some() {
                        let stub = page.tree.nodes.len() - 1;
                        page.tree.nodes[stub].keep_in_row = true;
                    }
                } else {
                    let i = copy(&mut page, k);
                    page.tree.nodes[at].children.push(i);
                    pending.push((k, i, depth + below));
                }
            }
            if parts.is_some_and(|p| this_part < p.starts.len()) {
                add_stub(&mut page, at, m, this_part + 1, StubKind::More);
            }
            stack.extend(pending.into_iter().rev());
        }
        page
    }
}
