//! A team too wide for the page is drawn on several rows under one line
//! instead of being cut, when its rows fit the page; and so are the boxes
//! marked "→ continued" of a unit whose sub-teams all continue elsewhere,
//! when as a list they would be taller than the page. Each row but the
//! last is split by the parent's line, which goes on down, past the row's
//! subtrees, to the next.
//!
//! ```text
//!              [parent]
//!     ┌────┬───────┼────┬────┐
//!    [a]  [b]      │   [c]  [d]
//!          ┌────┬──┴─┬────┐
//!         [e]  [f]  [g]  [h]
//! ```
//!
//! The paginator decides which teams wrap and into rows of how many (from
//! its estimates); the layout places the rows from the boxes' real widths.

use std::collections::HashMap;

use super::{Composite, Tree};

/// A team laid out in rows.
pub(crate) struct Wrapped {
    pub parent: usize,
    pub per_row: usize,
    /// How many levels each row spans (its deepest member's subtree).
    pub spans: Vec<usize>,
}

/// The teams that wrap, with each node's level: a wrapped team's row
/// starts below the deepest subtree of the row above. `order` lists the
/// nodes that stand in rows, parents first.
pub(crate) fn levels(
    tree: &Tree,
    composites: &[Option<Composite>],
    order: &[usize],
    level: &mut [usize],
) -> Vec<Wrapped> {
    let team = |m: usize| {
        composites[m]
            .as_ref()
            .map_or(&[][..], |c| c.row_children.as_slice())
    };
    let per_row = |m: usize| tree.nodes[m].wrap.filter(|&k| k >= 2 && k < team(m).len());
    let deepest = |row: &[usize], span: &[usize]| row.iter().map(|&a| span[a]).max().unwrap_or(0);
    // Levels each subtree spans, bottom-up.
    let mut span = vec![1usize; composites.len()];
    for &m in order.iter().rev() {
        let t = team(m);
        span[m] = 1 + match per_row(m) {
            Some(k) => rows(t.len(), k).map(|r| deepest(&t[r], &span)).sum(),
            None => deepest(t, &span),
        };
    }
    let mut wrapped = Vec::new();
    for &m in order {
        let t = team(m);
        match per_row(m) {
            Some(k) => {
                let mut spans = Vec::new();
                let mut offset = 0;
                for r in rows(t.len(), k) {
                    for &a in &t[r.clone()] {
                        level[a] = level[m] + 1 + offset;
                    }
                    let rows_span = deepest(&t[r], &span);
                    spans.push(rows_span);
                    offset += rows_span;
                }
                wrapped.push(Wrapped {
                    parent: m,
                    per_row: k,
                    spans,
                });
            }
            None => {
                for &a in t {
                    level[a] = level[m] + 1;
                }
            }
        }
    }
    wrapped
}

/// The tidy tree of the wrapped teams: each row but the last holds a node
/// of no width where the parent's line passes down (numbered after the
/// tree's nodes), continued by one such node on every further level the
/// row spans; the last of them has the next row as its team. The parent
/// and those nodes stand over the line, not centred over their row.
pub(crate) struct LinesDown {
    /// The row below a wrapped parent or a line node, line node included.
    pub rows: Vec<(usize, Vec<usize>)>,
    /// The line nodes of each wrapped parent, top down.
    pub lines: HashMap<usize, Vec<usize>>,
    /// For every node, line nodes included: the child it stands over.
    pub pivot: Vec<Option<usize>>,
}

impl LinesDown {
    pub fn new<'a>(
        wrapped: &[Wrapped],
        team: impl Fn(usize) -> &'a [usize],
        width: impl Fn(usize) -> f32,
        nodes: usize,
    ) -> LinesDown {
        let mut down = LinesDown {
            rows: Vec::new(),
            lines: HashMap::new(),
            pivot: vec![None; nodes],
        };
        for w in wrapped {
            let team = team(w.parent);
            let mut above = w.parent;
            let mut lines = Vec::new();
            let last = team.len().div_ceil(w.per_row) - 1;
            for (r, range) in rows(team.len(), w.per_row).enumerate() {
                let mut row = team[range].to_vec();
                if r == last {
                    down.rows.push((above, row));
                    break;
                }
                let widths: Vec<f32> = row.iter().map(|&a| width(a)).collect();
                let j = corridor(&widths);
                let mut line = down.pivot.len();
                down.pivot.push(None);
                row.insert(j, line);
                down.pivot[above] = Some(j);
                down.rows.push((above, row));
                lines.push(line);
                for _ in 1..w.spans[r] {
                    let next = down.pivot.len();
                    down.pivot.push(None);
                    down.rows.push((line, vec![next]));
                    lines.push(next);
                    line = next;
                }
                above = line;
            }
            down.lines.insert(w.parent, lines);
        }
        down
    }
}

/// The rows of a team of `n` wrapped `k` to a row.
pub(crate) fn rows(n: usize, k: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..n.div_ceil(k)).map(move |r| r * k..((r + 1) * k).min(n))
}

/// Where the parent's line passes through a row: after this many of its
/// `widths`, so that the row is as balanced about the line as it can be.
pub(crate) fn corridor(widths: &[f32]) -> usize {
    let total: f32 = widths.iter().sum();
    let mut left = 0.0;
    let mut best = (f32::INFINITY, 1);
    for (j, w) in widths
        .iter()
        .enumerate()
        .take(widths.len().saturating_sub(1))
    {
        left += w;
        let off = (2.0 * left - total).abs();
        if off < best.0 {
            best = (off, j + 1);
        }
    }
    best.1
}

/// The extent left and right of the parent's line of a team wrapped `k`
/// to a row: every row but the last split by the line, the last centred
/// under it.
pub(crate) fn extent(widths: &[f32], gap: f32, k: usize) -> (f32, f32) {
    let (mut left, mut right) = (0f32, 0f32);
    let last = widths.len().div_ceil(k) - 1;
    for (r, range) in rows(widths.len(), k).enumerate() {
        let row = &widths[range];
        if r == last {
            let w = row.iter().sum::<f32>() + gap * (row.len() - 1) as f32;
            left = left.max(w / 2.0);
            right = right.max(w / 2.0);
        } else {
            let j = corridor(row);
            left = left.max(row[..j].iter().sum::<f32>() + gap * j as f32);
            right = right.max(row[j..].iter().sum::<f32>() + gap * (row.len() - j) as f32);
        }
    }
    (left, right)
}

/// Merges the level heights of a subtree into those of its row: each level
/// is as tall as its tallest box.
pub(crate) fn merge(into: &mut Vec<f32>, levels: &[f32]) {
    for (i, &h) in levels.iter().enumerate() {
        match into.get_mut(i) {
            Some(x) => *x = x.max(h),
            None => into.push(h),
        }
    }
}

/// The height of levels of these heights, each with `gap_y` below it.
pub(crate) fn height(levels: &[f32], gap_y: f32) -> f32 {
    levels.iter().map(|h| h + gap_y).sum()
}

/// How many of a team go on a row so that it fits `width` × `height`: the
/// fewest rows (of at least two) that fit, or `None`. `widths` are the
/// members' in written order; `row_height` is the height a row of the
/// members in a range takes; each row takes at least `gap_y`.
pub(crate) fn choose(
    widths: &[f32],
    row_height: impl Fn(std::ops::Range<usize>) -> f32,
    gap: f32,
    gap_y: f32,
    width: f32,
    height: f32,
) -> Option<usize> {
    let n = widths.len();
    if n < 3 {
        return None;
    }
    // Never more rows than fit the height, so that a team of thousands
    // costs as much as one that fits.
    let most = ((height / gap_y) as usize).min(n);
    for r in 2..=most {
        let k = n.div_ceil(r);
        if k < 2 {
            break;
        }
        let (l, right) = extent(widths, gap, k);
        if l + right > width {
            continue;
        }
        // The first that fits the width is the least tall.
        let tall: f32 = rows(n, k).map(&row_height).sum();
        return (tall <= height).then_some(k);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_hold_k_and_the_rest() {
        let r: Vec<_> = rows(7, 3).collect();
        assert_eq!(r, [0..3, 3..6, 6..7]);
    }

    #[test]
    fn the_line_passes_through_the_middle_of_a_row() {
        assert_eq!(corridor(&[100.0; 4]), 2);
        assert_eq!(corridor(&[300.0, 100.0, 100.0, 100.0]), 1);
        assert_eq!(corridor(&[100.0, 100.0]), 1);
    }

    #[test]
    fn the_extent_is_that_of_the_widest_row() {
        // 4 | 4: two on each side of the line, the last row centred.
        assert_eq!(extent(&[100.0; 8], 10.0, 4), (220.0, 220.0));
        // 1 | 2 over 2: the first row is off-centre.
        assert_eq!(extent(&[100.0; 5], 10.0, 3), (110.0, 220.0));
    }

    #[test]
    fn the_fewest_rows_that_fit_are_chosen() {
        let widths = [100.0; 12];
        let row = |_| 90.0;
        // Two rows of 6 are 660 wide; three rows of 4, 440.
        assert_eq!(choose(&widths, row, 10.0, 40.0, 700.0, 1000.0), Some(6));
        assert_eq!(choose(&widths, row, 10.0, 40.0, 500.0, 1000.0), Some(4));
        // Not tall enough for three rows.
        assert_eq!(choose(&widths, row, 10.0, 40.0, 500.0, 200.0), None);
        assert_eq!(choose(&widths[..2], row, 10.0, 40.0, 50.0, 1000.0), None);
    }

    #[test]
    fn a_row_is_as_tall_as_its_tallest_box_on_each_level() {
        let mut row = Vec::new();
        merge(&mut row, &[50.0, 30.0]);
        merge(&mut row, &[40.0, 60.0, 20.0]);
        assert_eq!(row, [50.0, 60.0, 20.0]);
        assert_eq!(height(&row, 10.0), 160.0);
    }

    #[test]
    fn a_team_of_thousands_is_refused_quickly() {
        let widths = vec![100.0; 20_000];
        assert_eq!(choose(&widths, |_| 90.0, 10.0, 40.0, 1500.0, 1000.0), None);
    }
}
