//! The charts the handbook shows, behind one small seam.
//!
//! Until the chart renderer is part of the crate, a plain outline drawing
//! stands in for it, with the same shape of API and the same SVG contract
//! (`<g id="unit-ID" class="unit">` around each box, linked to the unit's
//! page). Swapping in the real renderer is a change of the `use` below.

use std::fmt::Write as _;

use crate::model::{Organisation, UnitId};

#[derive(Clone, Debug, Default)]
pub struct ChartOptions {
    pub public: bool,
    /// Link target of a unit's box, with `{id}` for the unit id.
    pub unit_href: Option<String>,
    pub chart_href: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
}

/// The chart of `unit` and `depth` levels below it.
pub fn unit_chart(
    org: &Organisation,
    unit: UnitId,
    depth: Option<usize>,
    opts: &ChartOptions,
) -> Chart {
    let base = org.units[unit].depth;
    let rows: Vec<UnitId> = org
        .preorder(unit)
        .into_iter()
        .filter(|&u| depth.is_none_or(|d| org.units[u].depth - base <= d))
        .collect();
    let title = org.units[unit].name.clone();
    let mut svg = String::new();
    let row_h = 30;
    let height = rows.len() * row_h + 10;
    let width = 560;
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\"><title>{}</title>",
        esc(&title)
    );
    for (i, &u) in rows.iter().enumerate() {
        let x = 5 + (org.units[u].depth - base) * 24;
        let y = 5 + i * row_h;
        let unit = &org.units[u];
        let label = unit.short_or_name();
        let _ = write!(svg, "<g id=\"unit-{}\" class=\"unit\">", unit.id);
        if let Some(href) = &opts.unit_href {
            let _ = write!(svg, "<a href=\"{}\">", esc(&href.replace("{id}", &unit.id)));
        }
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"24\" rx=\"3\" fill=\"#eef3f8\" stroke=\"#2f5d8a\"/>\
             <text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"13\" fill=\"#10243a\">{}</text>",
            width - 10 - x,
            x + 8,
            y + 17,
            esc(label)
        );
        if opts.unit_href.is_some() {
            svg.push_str("</a>");
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    Chart {
        id: unit.to_string(),
        title,
        svg,
    }
}

/// The diagram of the governance bodies, if there are any.
pub fn governance_chart(org: &Organisation, _opts: &ChartOptions) -> Option<Chart> {
    if org.bodies.is_empty() {
        return None;
    }
    let row_h = 30;
    let height = org.bodies.len() * row_h + 10;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 560 {height}\" \
         width=\"560\" height=\"{height}\">"
    );
    for (i, body) in org.bodies.iter().enumerate() {
        let y = 5 + i * row_h;
        let _ = write!(
            svg,
            "<g id=\"body-{}\" class=\"body\"><rect x=\"5\" y=\"{y}\" width=\"550\" height=\"24\" rx=\"3\" \
             fill=\"#f5efe6\" stroke=\"#8a5a2f\"/><text x=\"13\" y=\"{}\" font-family=\"sans-serif\" \
             font-size=\"13\" fill=\"#2a1a08\">{}</text></g>",
            body.id,
            y + 17,
            esc(&body.name)
        );
    }
    svg.push_str("</svg>");
    Some(Chart {
        id: "governance".into(),
        title: "governance".into(),
        svg,
    })
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
