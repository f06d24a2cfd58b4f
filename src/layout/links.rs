//! Routing of secondary relations (dotted lines) between placed boxes.
//!
//! A line leaves a box at its top, runs in the free band just above the
//! box's row, and reaches the other box the same way; between rows it runs
//! down the right margin of the chart. The bands above rows and the margin
//! hold no boxes, so the line crosses none. Boxes that do not stand at the
//! top of a row (staff units, listed units) are joined directly.

use super::{Layout, Rect, Weight};

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

/// Text size of a line's label, in px.
pub const LABEL_SIZE: f32 = 10.0;
/// A label's baseline sits this far above the point it is placed at.
const LABEL_RISE: f32 = 3.0;
/// Steps away from the line tried for a label, and their size in px.
const MAX_STEPS: usize = 30;
const LABEL_STEP: f32 = 4.0;
/// Room kept free around a label's text.
const LABEL_CLEARANCE: f32 = 1.5;

/// The box the label `text` covers when placed at `at` (its text centred
/// on `at.0`, its baseline `LABEL_RISE` above `at.1`): from the ascent of
/// DejaVu Sans (0.76 em) to its descent (0.24 em).
pub fn label_rect(text: &str, at: (f32, f32)) -> Rect {
    let w = super::text::width(text, LABEL_SIZE, Weight::Regular);
    let baseline = at.1 - LABEL_RISE;
    Rect {
        x: at.0 - w / 2.0,
        y: baseline - 0.76 * LABEL_SIZE,
        w,
        h: LABEL_SIZE,
    }
}

/// Where the label `text` of the line `points` goes: the first of several
/// places along the line (the middle of its longest runs first, then
/// further along; above or below a level run, beside an upright one) whose
/// box crosses no connector of `layout`, no line of `lines`, no box and no
/// label already placed (`taken`). When none is free, the middle of the
/// longest run.
pub fn place_label(
    layout: &Layout,
    lines: &[&[(f32, f32)]],
    taken: &[Rect],
    points: &[(f32, f32)],
    text: &str,
) -> (f32, f32) {
    let w = super::text::width(text, LABEL_SIZE, Weight::Regular);
    let mut runs: Vec<[(f32, f32); 2]> = points.windows(2).map(|s| [s[0], s[1]]).collect();
    let weight = |s: &[(f32, f32); 2]| (s[1].0 - s[0].0).abs() + (s[1].1 - s[0].1).abs() * 0.2;
    // Longest first; among equals, the first along the line.
    runs.sort_by(|p, q| weight(q).total_cmp(&weight(p)));
    let fallback = runs
        .first()
        .map(|s| ((s[0].0 + s[1].0) / 2.0, (s[0].1 + s[1].1) / 2.0))
        .unwrap_or((0.0, 0.0));
    let free = |at: (f32, f32)| {
        let r = label_rect(text, at).inflate(LABEL_CLEARANCE);
        // Inside the drawing: not over the title, not cut off at a side.
        r.x >= 0.0
            && r.y >= 0.0
            && r.right() <= layout.width
            && r.bottom() <= layout.height
            && !layout.boxes.iter().any(|b| b.rect.overlaps(&r))
            && !taken.iter().any(|t| t.overlaps(&r))
            && !layout
                .paths
                .iter()
                .any(|p| p.points.windows(2).any(|s| r.meets(s[0], s[1])))
            && !lines
                .iter()
                .any(|l| l.windows(2).any(|s| r.meets(s[0], s[1])))
    };
    // Nearest first: right at the line, then stepping away from it, so
    // that a label crowded out of the band above its line (by a team's bus
    // line there) stands just beyond that bus.
    let fractions = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9];
    let below = LABEL_RISE + 0.76 * LABEL_SIZE + 2.0 * LABEL_CLEARANCE + 1.0;
    let beside = w / 2.0 + 4.0;
    for step in 0..=MAX_STEPS {
        let away = LABEL_STEP * step as f32;
        for s in &runs {
            let level = (s[1].1 - s[0].1).abs() < 0.5;
            let upright = (s[1].0 - s[0].0).abs() < 0.5;
            for f in fractions {
                let (x, y) = (
                    s[0].0 + (s[1].0 - s[0].0) * f,
                    s[0].1 + (s[1].1 - s[0].1) * f,
                );
                let spots = if upright {
                    [
                        (x + beside + away, y + 4.0),
                        (x - beside - away, y + 4.0),
                        (x + beside, y + 4.0 - away),
                        (x - beside, y + 4.0 + away),
                    ]
                } else if level {
                    [
                        (x, y - away),
                        (x, y + below + away),
                        (x + beside + away, y - away),
                        (x - beside - away, y + below + away),
                    ]
                } else {
                    // A slanting line between boxes beside the trunk: in
                    // any direction, the nearest gap.
                    [
                        (x, y - away),
                        (x, y + below + away),
                        (x + beside + away, y + 4.0),
                        (x - beside - away, y + 4.0),
                    ]
                };
                if let Some(&at) = spots.iter().find(|&&at| free(at)) {
                    return at;
                }
            }
        }
    }
    fallback
}
