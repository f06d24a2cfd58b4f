//! Draws one page of a unit tree: boxes with their classes and links, the
//! dotted lines between units on the page, the legend, and the SVG.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::boxes::{UnitTree, stub_node};
use super::words::words;
use super::{Chart, ChartKind, ChartLink, ChartOptions, part_id, part_title, tag_colours};
use crate::layout::paginate::{Paginator, StubKind};
use crate::layout::{self, Stroke, links};
use crate::model::{LineStyle, Organisation, Placement, UnitId};
use crate::render::svg::{self, BoxMeta, Connection, Drawing};

/// A link to the chart `id`, if charts are linked and that one is written.
fn chart_href(opts: &ChartOptions, id: &str) -> Option<String> {
    if opts
        .only_charts
        .as_ref()
        .is_some_and(|only| !only.contains(id))
    {
        return None;
    }
    opts.chart_href.as_ref().map(|p| p.replace("{id}", id))
}

/// A unit box's link: `{file}` is the unit's file name, `{id}` its id.
fn unit_href(pattern: &Option<String>, id: &str) -> Option<String> {
    pattern.as_ref().map(|p| {
        p.replace("{file}", &crate::output::names::stem(id))
            .replace("{id}", id)
    })
}

/// What every chart of one organisation shares.
pub(super) struct Drawer<'a> {
    org: &'a Organisation,
    opts: &'a ChartOptions,
    /// Tag → colour, computed once for all charts.
    colours: BTreeMap<&'a str, usize>,
}

impl<'a> Drawer<'a> {
    pub fn new(org: &'a Organisation, opts: &'a ChartOptions) -> Drawer<'a> {
        Drawer {
            org,
            opts,
            colours: tag_colours(org),
        }
    }

    /// Draws part `part` of the page of `ut` that starts at node `root`.
    /// Returns the chart and the charts (unit, part) its stubs point to.
    pub fn page(
        &self,
        ut: &UnitTree,
        paginator: &Paginator,
        root: usize,
        part: usize,
        id: &str,
        title: &str,
    ) -> (Chart, Vec<(UnitId, usize)>) {
        let (org, opts, colours) = (self.org, self.opts, &self.colours);

        let page = paginator.page(root, part, |node, part, kind: StubKind| {
            stub_node(org, opts, ut.unit_of[node], part, kind)
        });
        let mut layout = layout::layout(&page.tree, &opts.layout);
        let stub_of: HashMap<usize, (UnitId, usize, StubKind)> = page
            .stubs
            .iter()
            .map(|s| (s.at, (ut.unit_of[s.target], s.part, s.kind)))
            .collect();
        let mut targets: Vec<(UnitId, usize)> = page
            .stubs
            .iter()
            .map(|s| (ut.unit_of[s.target], s.part))
            .collect();
        let mut drawn: HashMap<UnitId, usize> = HashMap::new();
        let mut meta = Vec::with_capacity(page.tree.nodes.len());
        let mut legend: BTreeSet<usize> = BTreeSet::new();
        for (i, origin) in page.origin.iter().enumerate() {
            match origin {
                Some(node) => {
                    let u = ut.unit_of[*node];
                    drawn.insert(u, i);
                    let unit = &org.units[u];
                    let kind = org.kind_of(u);
                    let mut classes = vec![format!("kind-{}", kind.id)];
                    if unit.head().is_some_and(|h| h.vacant) {
                        classes.push("vacant".into());
                    }
                    if kind.placement == Placement::Affiliated && u != ut.unit_of[root] {
                        classes.push("affiliated".into());
                    }
                    if let Some(extra) = opts.unit_classes.get(&unit.id) {
                        classes.push(extra.clone());
                    }
                    let band = unit
                        .tags
                        .first()
                        .and_then(|t| colours.get(t.as_str()).copied());
                    legend.extend(band);
                    let mut accessible = format!("{} ({})", unit.name, kind.label);
                    if let Some(head) = unit.head() {
                        accessible.push_str(&format!(", {}", head.title));
                    }
                    if !unit.total_fte.is_zero() {
                        accessible
                            .push_str(&format!(", {}", org.locale.format_fte(unit.total_fte)));
                    }
                    meta.push(BoxMeta {
                        dom_id: Some(format!("unit-{}", unit.id)),
                        classes,
                        title: accessible,
                        // Without unit pages to link to, a box whose
                        // sub-units continue elsewhere links to their chart.
                        href: unit_href(&opts.unit_href, &unit.id).or_else(|| {
                            ut.continued[*node]
                                .then(|| chart_href(opts, &part_id(org, u, 0)))
                                .flatten()
                        }),
                        band,
                    });
                }
                None => {
                    let (target, part, kind) =
                        stub_of
                            .get(&i)
                            .copied()
                            .unwrap_or((org.root, 0, StubKind::Below));
                    let chart = part_id(org, target, part);
                    // A unit's box marked as continued leads to the unit's
                    // page where there are pages, else to its chart.
                    let link = match kind {
                        StubKind::Team => unit_href(&opts.unit_href, &org.units[target].id),
                        _ => None,
                    }
                    .or_else(|| chart_href(opts, &chart));
                    meta.push(BoxMeta {
                        dom_id: None,
                        classes: Vec::new(),
                        title: part_title(org, target, part),
                        href: link,
                        band: None,
                    });
                }
            }
        }
        // Units drawn here whose sub-units are on a chart of their own.
        let continued: Vec<(UnitId, usize)> = page
            .origin
            .iter()
            .enumerate()
            .filter_map(|(i, o)| o.filter(|&n| ut.continued[n]).map(|n| (ut.unit_of[n], i)))
            .collect();
        targets.extend(continued.iter().map(|&(u, _)| (u, 0)));
        // Dotted lines between units on this chart; their labels go where
        // they cross no line or box, once all lines are routed.
        let mut connections = Vec::new();
        for (lane, l) in org.links.iter().enumerate() {
            if let (Some(&a), Some(&b)) = (drawn.get(&l.from), drawn.get(&l.to)) {
                let routed = links::route(&mut layout, a, b, lane);
                connections.push(Connection {
                    points: routed.points,
                    curved: false,
                    stroke: match l.style {
                        LineStyle::Dotted => Stroke::Dotted,
                        LineStyle::Dashed => Stroke::Dashed,
                    },
                    label: l.label.clone(),
                    label_at: routed.label_at,
                    arrow: false,
                    class: "link",
                });
            }
        }
        let mut labels: Vec<(String, layout::Rect)> = Vec::new();
        let lines: Vec<Vec<(f32, f32)>> = connections.iter().map(|c| c.points.clone()).collect();
        let line_refs: Vec<&[(f32, f32)]> = lines.iter().map(Vec::as_slice).collect();
        for c in &mut connections {
            let Some(label) = &c.label else { continue };
            let taken: Vec<layout::Rect> = labels.iter().map(|(_, r)| *r).collect();
            c.label_at = links::place_label(&layout, &line_refs, &taken, &c.points, label);
            labels.push((label.clone(), links::label_rect(label, c.label_at)));
        }
        let geometry = crate::charts::Geometry {
            boxes: layout.boxes.iter().map(|b| b.rect).collect(),
            lines: layout
                .paths
                .iter()
                .map(|p| p.points.clone())
                .chain(lines)
                .collect(),
            labels,
        };
        let w = words(org.locale);
        let total = ut
            .unit_of
            .first()
            .map(|&u| org.units[u].total_fte)
            .unwrap_or_default();
        let description = format!(
            "{title}: {} {}. {}: {}.",
            drawn.len(),
            if drawn.len() == 1 { w.unit } else { w.units },
            w.total,
            org.locale.format_fte(total)
        );
        let legend: Vec<(usize, String)> = colours
            .iter()
            .filter(|(_, i)| legend.contains(i))
            .map(|(t, &i)| (i, t.to_string()))
            .collect();
        let changes: Vec<(&'static str, &str)> = if opts.changes_legend {
            ["added", "moved", "changed", "removed"]
                .into_iter()
                .zip(w.change_kinds)
                .collect()
        } else {
            Vec::new()
        };
        // Stubs, and units whose sub-units are drawn elsewhere, lead to
        // other charts (links inside a PDF).
        let top = svg::TOP;
        let mut chart_links: Vec<ChartLink> = page
            .stubs
            .iter()
            .map(|s| (s.at, ut.unit_of[s.target], s.part))
            .chain(continued.iter().map(|&(u, i)| (i, u, 0)))
            .map(|(i, u, part)| {
                let mut rect = layout.boxes[i].rect;
                rect.y += top;
                ChartLink {
                    rect,
                    target: part_id(org, u, part),
                }
            })
            .filter(|l| {
                opts.only_charts
                    .as_ref()
                    .is_none_or(|only| only.contains(&l.target))
            })
            .collect();
        chart_links.sort_by(|a, b| {
            a.rect
                .y
                .total_cmp(&b.rect.y)
                .then(a.rect.x.total_cmp(&b.rect.x))
        });
        let drawing = Drawing {
            title,
            description: &description,
            lang: org.locale.tag(),
            layout: &layout,
            meta: &meta,
            connections: &connections,
            legend: &legend,
            legend_title: w.legend,
            changes: &changes,
            changes_title: w.changes,
        };
        let mut chart = Chart::new(id, title, ChartKind::Continuation, &drawing, chart_links);
        chart.geometry = geometry;
        chart.units = page
            .origin
            .iter()
            .flatten()
            .map(|&node| org.units[ut.unit_of[node]].id.clone())
            .collect();
        (chart, targets)
    }
}
