//! Horizontal placement of a tidy tree of variable-width nodes.
//!
//! Every subtree keeps a contour: for each row below its root, the leftmost
//! and rightmost x it occupies, relative to its root's anchor. Siblings are
//! placed left to right as close as their contours allow; the parent is
//! centred over its first and last child. Contours are merged by touching
//! only the rows two subtrees share, and shifted lazily, so the whole tree
//! costs time linear in its size (as Reingold–Tilford), even for a chain of
//! 100,000 levels; nothing recurses.

use std::collections::VecDeque;

/// Left and right extent per row, each stored minus `shift`.
struct Contour {
    rows: VecDeque<(f32, f32)>,
    shift: f32,
}

impl Contour {
    fn left(&self, row: usize) -> f32 {
        self.rows[row].0 + self.shift
    }

    fn right(&self, row: usize) -> f32 {
        self.rows[row].1 + self.shift
    }

    /// The space `right` must move right of `left` (both anchored at 0) so
    /// that they keep `gap` apart in every row they share.
    fn separation(left: &Contour, right: &Contour, gap: f32) -> f32 {
        let shared = left.rows.len().min(right.rows.len());
        (0..shared)
            .map(|r| left.right(r) - right.left(r) + gap)
            .fold(f32::NEG_INFINITY, f32::max)
    }

    /// The contour of `left` and `right` side by side, `right` moved by `dx`.
    fn merge(left: Contour, mut right: Contour, dx: f32) -> Contour {
        right.shift += dx;
        if right.rows.len() >= left.rows.len() {
            let mut base = right;
            for r in 0..left.rows.len() {
                base.rows[r].0 = left.left(r) - base.shift;
            }
            base
        } else {
            let mut base = left;
            for r in 0..right.rows.len() {
                base.rows[r].1 = right.right(r) - base.shift;
            }
            base
        }
    }
}

/// Absolute anchor x of every node. `order` lists the nodes in the tree
/// parents first; `children[n]` are the nodes in the row below `n`;
/// `extents[n]` is the (left, right) of `n` around its anchor; a node with
/// a `pivot` is placed over that child instead of centred over its row.
pub fn place(
    order: &[usize],
    children: &[&[usize]],
    extents: &[(f32, f32)],
    pivot: &[Option<usize>],
    gap: f32,
) -> Vec<f32> {
    let n = extents.len();
    // Offset of each node's anchor from its parent's.
    let mut offset = vec![0f32; n];
    let mut contours: Vec<Option<Contour>> = (0..n).map(|_| None).collect();
    for &m in order.iter().rev() {
        let kids = children[m];
        let mut merged: Option<Contour> = None;
        let mut positions = Vec::with_capacity(kids.len());
        for &k in kids {
            let contour = contours[k]
                .take()
                .expect("children are placed before their parent");
            match merged.take() {
                None => {
                    positions.push(0.0);
                    merged = Some(contour);
                }
                Some(acc) => {
                    let dx = Contour::separation(&acc, &contour, gap).max(0.0);
                    positions.push(dx);
                    merged = Some(Contour::merge(acc, contour, dx));
                }
            }
        }
        let mut contour = match merged {
            Some(mut acc) => {
                // Centre the parent over its first and last child.
                let mid = match pivot[m] {
                    Some(p) => positions[p],
                    None => (positions[0] + positions[positions.len() - 1]) / 2.0,
                };
                for (&k, &p) in kids.iter().zip(&positions) {
                    offset[k] = p - mid;
                }
                acc.shift -= mid;
                acc
            }
            None => Contour {
                rows: VecDeque::new(),
                shift: 0.0,
            },
        };
        let (l, r) = extents[m];
        contour
            .rows
            .push_front((l - contour.shift, r - contour.shift));
        contours[m] = Some(contour);
    }
    // Parents first: absolute positions.
    let mut x = vec![0f32; n];
    for &m in order {
        for &k in children[m] {
            x[k] = x[m] + offset[k];
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centres_the_parent_and_separates_siblings() {
        // 0 → 1, 2, 3; widths 100 each.
        let children: Vec<&[usize]> = vec![&[1, 2, 3], &[], &[], &[]];
        let extents = vec![(-50.0, 50.0); 4];
        let x = place(&[0, 1, 2, 3], &children, &extents, &[None; 4], 10.0);
        assert_eq!(x[0], 0.0);
        assert_eq!(x[2], 0.0);
        assert_eq!(x[1], -110.0);
        assert_eq!(x[3], 110.0);
    }

    #[test]
    fn subtrees_nest_by_contour_not_by_bounding_box() {
        // 0 → 1, 2; 1 → 3, 4 (wide below), 2 is a narrow leaf: 2 may sit
        // close to 1 in row 1, since its contour has no row 2.
        let children: Vec<&[usize]> = vec![&[1, 2], &[3, 4], &[], &[], &[]];
        let extents = vec![
            (-20.0, 20.0),
            (-20.0, 20.0),
            (-20.0, 20.0),
            (-100.0, 100.0),
            (-100.0, 100.0),
        ];
        let x = place(&[0, 1, 3, 4, 2], &children, &extents, &[None; 5], 10.0);
        assert_eq!(x[2] - x[1], 50.0);
        assert_eq!(x[4] - x[3], 210.0);
    }

    #[test]
    fn a_long_chain_is_linear_and_flat() {
        let n = 100_000;
        let kids: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let children: Vec<&[usize]> = kids.iter().map(Vec::as_slice).collect();
        let order: Vec<usize> = (0..n).collect();
        let x = place(
            &order,
            &children,
            &vec![(-10.0, 10.0); n],
            &vec![None; n],
            5.0,
        );
        assert!(x.iter().all(|&v| v == 0.0));
    }
}
