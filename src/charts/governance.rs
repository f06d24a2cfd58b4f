//! The governance diagram: bodies and their relations are a general graph,
//! not a tree. layout-rs (a layered graph layout) places the boxes and routes
//! the relations; the drawing is ours, in the style of the organograms.

use layout_rs::core::base::Orientation;
use layout_rs::core::format::{ClipHandle, RenderBackend};
use layout_rs::core::geometry::Point;
use layout_rs::core::style::{LineStyleKind, StyleAttr};
use layout_rs::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout_rs::topo::layout::VisualGraph;

use super::{Chart, ChartKind, ChartOptions, styled};
use crate::layout::{self, Layout, Node, Role, Stroke, Weight};
use crate::model::{Locale, Organisation};
use crate::render::svg::{BoxMeta, Connection, Drawing};

/// Keeps the relations layout-rs routes, and nothing else it would draw.
#[derive(Default)]
struct Capture {
    /// Cubic Bézier points (start, then three per segment) and the label.
    arrows: Vec<(Vec<(f32, f32)>, String)>,
    /// Edge labels, drawn by layout-rs as text at a point of the edge.
    texts: Vec<((f32, f32), String)>,
}

fn p(point: Point) -> (f32, f32) {
    (point.x as f32, point.y as f32)
}

impl RenderBackend for Capture {
    fn draw_rect(
        &mut self,
        _: Point,
        _: Point,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, xy: Point, text: &str, _: &StyleAttr) {
        if !text.is_empty() {
            self.texts.push((p(xy), text.to_string()));
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _dashed: bool,
        _head: (bool, bool),
        _look: &StyleAttr,
        _properties: Option<String>,
        text: &str,
    ) {
        if path.len() < 2 {
            return;
        }
        // layout-rs gives "M p0 C c1, c2, p1" then smooth segments "S c2, p":
        // spell the smooth ones out as full cubic segments.
        let mut points = vec![p(path[0].0), p(path[0].1), p(path[1].0), p(path[1].1)];
        for seg in &path[2..] {
            let (prev_c2, prev_end) = (points[points.len() - 2], points[points.len() - 1]);
            let c1 = (2.0 * prev_end.0 - prev_c2.0, 2.0 * prev_end.1 - prev_c2.1);
            points.extend([c1, p(seg.0), p(seg.1)]);
        }
        self.arrows.push((points, text.to_string()));
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

fn title(locale: Locale) -> &'static str {
    match locale {
        Locale::NlBe => "Politieke organisatie",
        Locale::En => "Governance bodies",
    }
}

/// The governance chart, or `None` when there are no bodies.
pub fn chart(org: &Organisation, opts: &ChartOptions) -> Option<Chart> {
    if org.bodies.is_empty() {
        return None;
    }
    let o = &opts.layout;
    let mut placed: Vec<layout::Placed> = org
        .bodies
        .iter()
        .map(|b| {
            let mut blocks = vec![styled(b.name.clone(), "name")];
            if let Some(short) = &b.short {
                blocks.push(styled(short.clone(), "head"));
            }
            layout::measure(&Node::new(blocks, Role::Below), o)
        })
        .collect();
    let mut graph = VisualGraph::new(Orientation::TopToBottom);
    let handles: Vec<_> = placed
        .iter()
        .map(|b| {
            let size = Point::new(b.rect.w as f64, b.rect.h as f64);
            graph.add_node(Element::create(
                ShapeKind::new_box(""),
                StyleAttr::simple(),
                Orientation::TopToBottom,
                size,
            ))
        })
        .collect();
    for (i, body) in org.bodies.iter().enumerate() {
        for r in &body.relations {
            let label = r.label.clone().unwrap_or_default();
            let arrow = Arrow::new(
                LineEndKind::None,
                LineEndKind::Arrow,
                LineStyleKind::Normal,
                &label,
                &StyleAttr::simple(),
                &None,
                &None,
            );
            graph.add_edge(arrow, handles[i], handles[r.to]);
        }
    }
    let mut capture = Capture::default();
    graph.do_it(false, false, false, &mut capture);
    for (b, &h) in placed.iter_mut().zip(&handles) {
        let (top_left, _) = graph.pos(h).bbox(false);
        b.rect.x = top_left.x as f32;
        b.rect.y = top_left.y as f32;
    }
    // Shift into view, and text into place.
    let xs = placed.iter().map(|b| b.rect.x).chain(
        capture
            .arrows
            .iter()
            .flat_map(|(pts, _)| pts.iter().map(|p| p.0)),
    );
    let ys = placed.iter().map(|b| b.rect.y).chain(
        capture
            .arrows
            .iter()
            .flat_map(|(pts, _)| pts.iter().map(|p| p.1)),
    );
    let (min_x, min_y) = (
        xs.fold(f32::INFINITY, f32::min),
        ys.fold(f32::INFINITY, f32::min),
    );
    let (dx, dy) = (o.margin - min_x, o.margin - min_y);
    for b in &mut placed {
        b.rect.x += dx;
        b.rect.y += dy;
    }
    let mut connections: Vec<Connection> = Vec::new();
    for (points, label) in &capture.arrows {
        let points: Vec<(f32, f32)> = points.iter().map(|&(x, y)| (x + dx, y + dy)).collect();
        let mid = points[points.len() / 2];
        connections.push(Connection {
            curved: true,
            stroke: Stroke::Solid,
            label: (!label.is_empty()).then(|| label.clone()),
            label_at: (mid.0, mid.1),
            arrow: true,
            class: "relation",
            points,
        });
    }
    // A labelled edge runs through a point where layout-rs put its text:
    // give the label to the edge that passes nearest.
    for ((x, y), text) in &capture.texts {
        let (x, y) = (x + dx, y + dy);
        let nearest = connections
            .iter_mut()
            .filter(|c| c.label.is_none())
            .min_by(|a, b| {
                let d = |c: &Connection| {
                    c.points
                        .iter()
                        .map(|p| (p.0 - x).powi(2) + (p.1 - y).powi(2))
                        .fold(f32::INFINITY, f32::min)
                };
                d(a).total_cmp(&d(b))
            });
        if let Some(c) = nearest {
            c.label = Some(text.clone());
            c.label_at = (
                x + crate::layout::text::width(text, 10.0, Weight::Regular) / 2.0 + 4.0,
                y + 4.0,
            );
        }
    }
    let label_right = |c: &Connection| {
        c.label
            .as_ref()
            .map(|l| c.label_at.0 + crate::layout::text::width(l, 10.0, Weight::Regular) / 2.0)
    };
    let max_x = placed
        .iter()
        .map(|b| b.rect.right())
        .chain(
            connections
                .iter()
                .flat_map(|c| c.points.iter().map(|p| p.0)),
        )
        .chain(connections.iter().filter_map(label_right))
        .fold(0.0, f32::max);
    let max_y = placed
        .iter()
        .map(|b| b.rect.bottom())
        .chain(
            connections
                .iter()
                .flat_map(|c| c.points.iter().map(|p| p.1)),
        )
        .fold(0.0, f32::max);
    let n = placed.len();
    let layout = Layout {
        boxes: placed,
        in_row: vec![false; n],
        paths: Vec::new(),
        width: max_x + o.margin,
        height: max_y + o.margin,
    };
    let meta: Vec<BoxMeta> = org
        .bodies
        .iter()
        .map(|b| BoxMeta {
            dom_id: Some(format!("body-{}", b.id)),
            classes: vec!["body".to_string()],
            title: b.name.clone(),
            href: opts.body_href.as_ref().map(|h| h.replace("{id}", &b.id)),
            band: None,
        })
        .collect();
    let title = title(org.locale);
    let description = format!(
        "{title}: {}",
        org.bodies
            .iter()
            .map(|b| b.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let drawing = Drawing {
        title,
        description: &description,
        lang: org.locale.tag(),
        layout: &layout,
        meta: &meta,
        connections: &connections,
        legend: &[],
        legend_title: "",
        changes: &[],
        changes_title: "",
    };
    Some(Chart::new(
        "governance",
        title,
        ChartKind::Governance,
        &drawing,
        Vec::new(),
    ))
}
