//! The labels of dotted lines never lie on a connector, a line, a box or
//! another label: checked from each chart's layout for the default
//! organisation and a synthetic one.

use std::path::Path;

use organogram::charts::{self, Chart, ChartOptions};
use organogram::compile;
use organogram::layout::Rect;

/// Does the segment from `a` to `b` touch the rectangle? Checked by
/// walking the segment in steps of a quarter pixel (independent of the
/// clipping the layout uses).
fn touches(r: &Rect, a: (f32, f32), b: (f32, f32)) -> bool {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let steps = (len * 4.0).ceil().max(1.0) as usize;
    (0..=steps).any(|i| {
        let t = i as f32 / steps as f32;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom()
    })
}

/// Every clash of a label with a line, a box or another label.
fn clashes(chart: &Chart) -> Vec<String> {
    let g = &chart.geometry;
    let mut out = Vec::new();
    for (i, (text, r)) in g.labels.iter().enumerate() {
        for line in &g.lines {
            if line.windows(2).any(|s| touches(r, s[0], s[1])) {
                out.push(format!(
                    "{}: `{text}` {r:?} lies on a line {line:?}",
                    chart.id
                ));
            }
        }
        for b in &g.boxes {
            if b.overlaps(r) {
                out.push(format!("{}: `{text}` lies on a box {b:?}", chart.id));
            }
        }
        for (other, o) in &g.labels[i + 1..] {
            if o.overlaps(r) {
                out.push(format!("{}: `{text}` lies on `{other}`", chart.id));
            }
        }
    }
    out
}

fn check(name: &str, all: &[Chart]) -> usize {
    let labels: usize = all.iter().map(|c| c.geometry.labels.len()).sum();
    let bad: Vec<String> = all.iter().flat_map(clashes).collect();
    assert!(bad.is_empty(), "{name}:\n{}", bad.join("\n"));
    labels
}

#[test]
fn no_label_of_the_default_organisation_lies_on_a_line_or_a_box() {
    let org = compile::check_dir(Path::new("org"))
        .unwrap()
        .organisation
        .expect("org/ is valid");
    let all = charts::all_charts(&org, &ChartOptions::default());
    // "afstemming" and the other labels of org/'s links are on its charts.
    let labels = check("org/", &all);
    assert!(labels > 0, "the default organisation's charts have labels");
    let dirsa = all
        .iter()
        .find(|c| c.id == "unit-dirsa")
        .expect("DirSa's chart");
    assert!(dirsa.geometry.labels.iter().any(|(t, _)| t == "afstemming"));
}

#[test]
fn no_label_of_a_synthetic_organisation_lies_on_a_line_or_a_box() {
    // A synthetic organisation with labelled links: between the first and
    // last unit of every team, and from each team's first unit to the next
    // team's (side by side, or rows apart).
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in organogram::synthetic::files(2_000, 7) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let org = compile::check_dir(dir.path())
        .unwrap()
        .organisation
        .expect("valid");
    let labels = ["afstemming", "overleg", "rapportering", "gedeelde dienst"];
    let mut toml = String::new();
    let teams: Vec<&[usize]> = org
        .units
        .iter()
        .map(|u| u.children.as_slice())
        .filter(|c| c.len() >= 2)
        .collect();
    for (i, team) in teams.iter().enumerate() {
        let mut link = |a: usize, b: usize, k: usize| {
            toml.push_str(&format!(
                "[[links]]\nfrom = \"{}\"\nto = \"{}\"\nlabel = \"{}\"\n",
                org.units[a].id,
                org.units[b].id,
                labels[k % labels.len()]
            ));
        };
        link(team[0], team[team.len() - 1], i);
        if let Some(next) = teams.get(i + 1) {
            link(team[0], next[0], i + 1);
        }
    }
    std::fs::write(dir.path().join("zz-links.toml"), toml).unwrap();
    let org = compile::check_dir(dir.path())
        .unwrap()
        .organisation
        .expect("valid");
    let all = charts::all_charts(&org, &ChartOptions::default());
    let labels = check("synthetic", &all);
    assert!(labels > 100, "the synthetic charts have labels: {labels}");
}
