//! Routing of secondary relations (dotted lines) between placed boxes.
//!
//! A line leaves a box at its top, runs in the free band just above the
//! box's row, and reaches the other box the same way; between rows it runs
//! down the right margin of the chart. The bands above rows and the margin
//! hold no boxes, so the line crosses none. Boxes that do not stand at the
//! top of a row (staff units, listed units) are joined directly.

use super::{Layout, Rect};

/// A routed line and where its label goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Routed {
    pub points: Vec<(f32, f32)>,
    /// Middle of the longest horizontal run (label above it).
    pub label_at: (f32, f32),
}

/// Routes a line from box `a` to box `b`; `lane` spreads several lines apart.
/// Widens `layout` when the line uses the margin.
pub fn route(layout: &mut Layout, a: usize, b: usize, lane: usize) -> Routed {
    let (ra, rb) = (layout.boxes[a].rect, layout.boxes[b].rect);
    let lane_offset = 5.0 * (lane % 4) as f32;
    let points = if layout.in_row[a] && layout.in_row[b] {
        let xa = exit_x(&ra, rb.center_x() >= ra.center_x());
        let xb = exit_x(&rb, ra.center_x() > rb.center_x());
        let (ya, yb) = (ra.y - 8.0 - lane_offset, rb.y - 8.0 - lane_offset);
        if (ra.y - rb.y).abs() < 0.5 {
            vec![(xa, ra.y), (xa, ya), (xb, yb), (xb, rb.y)]
        } else {
            let margin = layout.width + 6.0 + 2.0 * lane_offset;
            layout.width = layout.width.max(margin + 18.0);
            vec![
                (xa, ra.y),
                (xa, ya),
                (margin, ya),
                (margin, yb),
                (xb, yb),
                (xb, rb.y),
            ]
        }
    } else {
        // Straight between the nearest sides.
        let (xa, xb) = if ra.center_x() <= rb.center_x() {
            (ra.right(), rb.x)
        } else {
            (ra.x, rb.right())
        };
        let (ya, yb) = (ra.y + ra.h / 2.0, rb.y + rb.h / 2.0);
        vec![(xa, ya), (xb, yb)]
    };
    let label_at = points
        .windows(2)
        .max_by(|p, q| {
            let len = |s: &[(f32, f32)]| (s[1].0 - s[0].0).abs() + (s[1].1 - s[0].1).abs() * 0.2;
            len(p).total_cmp(&len(q))
        })
        .map(|s| ((s[0].0 + s[1].0) / 2.0, (s[0].1 + s[1].1) / 2.0))
        .unwrap_or((0.0, 0.0));
    Routed { points, label_at }
}

/// Leaves the box off-centre, on the side towards the other box, so the line
/// does not run on top of the connector that enters the box at its centre.
fn exit_x(r: &Rect, towards_right: bool) -> f32 {
    if towards_right {
        r.x + r.w * 0.8
    } else {
        r.x + r.w * 0.2
    }
}
