//! A team too wide for the page, whose members have nothing in a row below
//! them (each is a box with at most a list of units under it, or a box
//! marked "→ continued"), is drawn on several rows under one line instead
//! of being cut or hung as a list taller than the page. Each row but the
//! last is split by the parent's line, which goes on down to the next.
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

/// The teams that wrap, as (parent, members a row), and each member's
/// level moved down to its row: those the paginator asked to wrap whose
/// members have no row of their own.
pub(crate) fn levels(
    tree: &Tree,
    composites: &[Option<Composite>],
    level: &mut [usize],
) -> Vec<(usize, usize)> {
    let mut wrapped = Vec::new();
    for (m, c) in composites.iter().enumerate() {
        let (Some(c), Some(k)) = (c, tree.nodes[m].wrap) else {
            continue;
        };
        let team = &c.row_children;
        let flat = team.iter().all(|&a| {
            composites[a]
                .as_ref()
                .is_some_and(|c| c.row_children.is_empty())
        });
        if flat && k >= 2 && k < team.len() {
            for (r, range) in rows(team.len(), k).enumerate() {
                for &a in &team[range] {
                    level[a] += r;
                }
            }
            wrapped.push((m, k));
        }
    }
    wrapped
}

/// The tidy tree of the wrapped teams: each row but the last holds a node
/// of no width where the parent's line passes down (numbered after the
/// tree's nodes), whose team is the next row; the parent and each such
/// node stand over the line, not centred over their row.
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
        wrapped: &[(usize, usize)],
        team: impl Fn(usize) -> &'a [usize],
        width: impl Fn(usize) -> f32,
        nodes: usize,
    ) -> LinesDown {
        let mut down = LinesDown {
            rows: Vec::new(),
            lines: HashMap::new(),
            pivot: vec![None; nodes],
        };
        for &(m, k) in wrapped {
            let team = team(m);
            let mut above = m;
            let mut lines = Vec::new();
            let last = team.len().div_ceil(k) - 1;
            for (r, range) in rows(team.len(), k).enumerate() {
                let mut row = team[range].to_vec();
                if r < last {
                    let widths: Vec<f32> = row.iter().map(|&a| width(a)).collect();
                    let j = corridor(&widths);
                    let line = down.pivot.len();
                    down.pivot.push(None);
                    row.insert(j, line);
                    down.pivot[above] = Some(j);
                    lines.push(line);
                    down.rows.push((above, row));
                    above = line;
                } else {
                    down.rows.push((above, row));
                }
            }
            down.lines.insert(m, lines);
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

/// How many of a team go on a row so that it fits `width` × `height`: the
/// fewest rows (of at least two) that fit, or `None`. `widths` and
/// `heights` are the members' in written order; `height` is what the rows
/// may take, each row costing its tallest member and `gap_y`.
pub(crate) fn choose(
    widths: &[f32],
    heights: &[f32],
    gap: f32,
    gap_y: f32,
    width: f32,
    height: f32,
) -> Option<usize> {
    let n = widths.len();
    if n < 3 {
        return None;
    }
    // Rows at least this tall: never more rows than fit the height, so
    // that a team of thousands costs as much as one that fits.
    let lowest = heights.iter().copied().fold(f32::INFINITY, f32::min) + gap_y;
    let most = ((height / lowest) as usize).min(n);
    for r in 2..=most {
        let k = n.div_ceil(r);
        if k < 2 {
            break;
        }
        let tall: f32 = rows(n, k)
            .map(|range| heights[range].iter().copied().fold(0.0, f32::max) + gap_y)
            .sum();
        if tall > height {
            break;
        }
        let (l, r) = extent(widths, gap, k);
        if l + r <= width {
            return Some(k);
        }
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
        let heights = [50.0; 12];
        // Two rows of 6 are 660 wide; three rows of 4, 440.
        assert_eq!(
            choose(&widths, &heights, 10.0, 40.0, 700.0, 1000.0),
            Some(6)
        );
        assert_eq!(
            choose(&widths, &heights, 10.0, 40.0, 500.0, 1000.0),
            Some(4)
        );
        // Not tall enough for three rows.
        assert_eq!(choose(&widths, &heights, 10.0, 40.0, 500.0, 200.0), None);
        assert_eq!(
            choose(&widths[..2], &heights[..2], 10.0, 40.0, 50.0, 1000.0),
            None
        );
    }

    #[test]
    fn a_team_of_thousands_is_refused_quickly() {
        let widths = vec![100.0; 20_000];
        let heights = vec![50.0; 20_000];
        assert_eq!(choose(&widths, &heights, 10.0, 40.0, 1500.0, 1000.0), None);
    }
}
