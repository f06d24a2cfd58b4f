//! Every chart, fitted to A3 landscape, prints its smallest text at 7 pt or
//! more: for the default organisation, a synthetic one of 10,000 units, a
//! wide and flat one (many units without sub-units under one head, as
//! imports make them), a UK department imported from its published files,
//! a chain of 3,000 units and a team of 20,000. The sizes are read from
//! the SVG, as a printer would see them.

use std::path::Path;

use organogram::charts::{self, Chart, ChartOptions};
use organogram::compile;
use organogram::layout::paper::{MIN_TEXT_PT, Paper};
use organogram::model::Organisation;

/// Font sizes the stylesheet gives by class, for text without an attribute.
fn class_size(class: &str) -> Option<f64> {
    let by_rule = organogram::charts::LINE_STYLES
        .iter()
        .find(|(c, ..)| *c == class)
        .map(|(_, size, _)| f64::from(*size));
    by_rule.or(match class {
        "title" => Some(20.0),
        "legend-text" => Some(11.0),
        "label" => Some(10.0),
        _ => None,
    })
}

/// A size given inline (`style="font-size:9px;…"`).
fn style_size(style: &str) -> Option<f64> {
    style
        .split(';')
        .find_map(|d| d.trim().strip_prefix("font-size:"))
        .and_then(|v| v.trim().trim_end_matches("px").parse().ok())
}

/// Smallest text of the chart in px, and the size of its document.
fn smallest_text(chart: &Chart) -> (f64, f64, f64) {
    let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed SVG");
    let vb: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .expect("a viewBox")
        .split(' ')
        .map(|v| v.parse().expect("a number"))
        .collect();
    let smallest = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.attribute("style")
                .and_then(style_size)
                .or_else(|| n.attribute("font-size").and_then(|s| s.parse().ok()))
                .or_else(|| n.attribute("class").and_then(class_size))
                .unwrap_or_else(|| panic!("{}: text without a size", chart.id))
        })
        .fold(f64::INFINITY, f64::min);
    (smallest, vb[2], vb[3])
}

/// Checks every chart; returns the smallest printed size found, in points.
fn assert_legible(name: &str, charts: &[Chart]) -> f64 {
    let paper = Paper::default();
    let mut worst = f64::INFINITY;
    let mut bad = Vec::new();
    for chart in charts {
        let (px, w, h) = smallest_text(chart);
        let pt = paper.fit(w as f32, h as f32) as f64 * px;
        worst = worst.min(pt);
        if pt < MIN_TEXT_PT as f64 - 1e-3 {
            bad.push(format!("{} ({w} x {h} px): {pt:.1} pt", chart.id));
        }
    }
    assert!(
        bad.is_empty(),
        "{name}: {} of {} charts print text under {MIN_TEXT_PT} pt on A3:\n{}",
        bad.len(),
        charts.len(),
        bad.join("\n")
    );
    worst
}

fn load(dir: &Path) -> Organisation {
    compile::check_dir(dir)
        .expect("readable")
        .organisation
        .expect("valid")
}

/// An organisation folder from TOML text.
fn org_of(toml: &str) -> Organisation {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("org.toml"), toml).expect("written");
    load(dir.path())
}

const HEADER: &str = r#"
[organisation]
name = "Shape"
root = "top"
locale = "en"

[kinds.department]
label = "Department"
head = "optional"

[units.top]
name = "Department for Testing Shapes"
kind = "department"
"#;

#[test]
fn the_default_organisation_is_legible_on_a3() {
    let org = load(Path::new("org"));
    let all = charts::all_charts(&org, &ChartOptions::default());
    assert!(all.len() >= 12);
    assert_legible("org/", &all);
}

#[test]
fn a_synthetic_organisation_of_10000_units_is_legible_on_a3() {
    let org = organogram::synthetic::organisation(10_000, 42);
    let all = charts::all_charts(&org, &ChartOptions::default());
    assert_legible("synthetic 10k", &all);
}

#[test]
fn a_wide_flat_imported_organisation_is_legible_and_shows_its_structure() {
    // Under the top: 14 units of which 9 without sub-units (the row of the
    // issue), one with 300 units without sub-units, and teams of 12.
    let mut toml = HEADER.to_string();
    for i in 0..14 {
        toml.push_str(&format!(
            "[units.u{i}]\nname = \"Directorate of Corporate Services and Operational Delivery {i}\"\nkind = \"department\"\nparent = \"top\"\n"
        ));
        let team = match i {
            0 => 300,
            1..=4 => 12,
            _ => 0,
        };
        for j in 0..team {
            toml.push_str(&format!(
                "[units.u{i}-{j}]\nname = \"Senior Policy Advisor Team {j}\"\nkind = \"department\"\nparent = \"u{i}\"\n"
            ));
        }
    }
    let org = org_of(&toml);
    let all = charts::all_charts(&org, &ChartOptions::default());
    assert_legible("wide and flat", &all);
    // The overview shows the 14 units under the top with their names (as
    // boxes, or as boxes marked "→ continued"), and the top's 9 units
    // without sub-units as a list, not as a row of 14.
    let overview = &all[0];
    assert_eq!(overview.id, "organisation");
    for i in 0..14 {
        let name = format!("Delivery {i}");
        assert!(
            overview.svg.contains(&format!("{name} ("))
                || overview.svg.contains(&format!("{name}<")),
            "u{i} is shown on the overview"
        );
    }
    assert!(overview.svg.contains("→ continued"));
}

/// y of the top of every box marked continued on the chart.
fn continued_rows(chart: &Chart) -> std::collections::BTreeSet<i64> {
    let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|g| g.has_tag_name("g") && g.attribute("class") == Some("stub"))
        .filter_map(|g| g.descendants().find(|n| n.has_tag_name("rect")))
        .filter_map(|r| r.attribute("y")?.parse::<f64>().ok())
        .map(|y| y.round() as i64)
        .collect()
}

#[test]
fn a_department_with_many_top_posts_stands_in_rows_on_a3() {
    // Health Education England, 2013, imported under one new top unit: 24
    // senior posts report to it, each with a team of its own. As a list
    // under the top they made a chart of 558 x 1517 px (5.2 pt on A3).
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("hee");
    let uk = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uk-organograms");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_organogram"))
        .arg("import")
        .arg("uk-organogram")
        .arg(uk.join("Copy-of-HEE-organogram---September-2013-cleaned-senior.csv"))
        .arg(uk.join("Copy-of-HEE-organogram---September-2013-cleaned-junior.csv"))
        .args(["--lenient", "--root-name", "HEE", "--out"])
        .arg(&out)
        .output()
        .expect("run organogram");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let org = load(&out);
    let all = charts::all_charts(&org, &ChartOptions::default());
    assert_legible("HEE", &all);
    let overview = &all[0];
    assert_eq!(overview.id, "organisation");
    let (_, w, h) = smallest_text(overview);
    assert!(w > h, "the overview is landscape, as the page: {w} x {h}");
    let rows = continued_rows(overview);
    assert!(rows.len() >= 3, "the 24 teams stand in rows: {rows:?}");
    assert_eq!(overview.svg.matches("class=\"stub\"").count(), 24);
}

#[test]
fn a_chain_of_3000_units_pages_by_depth() {
    let mut toml = HEADER.to_string();
    let mut parent = "top".to_string();
    for i in 0..3000 {
        toml.push_str(&format!(
            "[units.c{i}]\nname = \"Level {i}\"\nkind = \"department\"\nparent = \"{parent}\"\n"
        ));
        parent = format!("c{i}");
    }
    let org = org_of(&toml);
    let all = charts::all_charts(&org, &ChartOptions::default());
    assert_legible("chain", &all);
    // Every unit is drawn; the only repeats are the units at the foot of a
    // page, drawn again at the top of the page they continue on.
    let drawn: Vec<&str> = all
        .iter()
        .flat_map(|c| c.svg.split("<g id=\"unit-").skip(1))
        .filter_map(|s| s.split('"').next())
        .collect();
    let distinct: std::collections::HashSet<&str> = drawn.iter().copied().collect();
    assert_eq!(distinct.len(), 3001, "every unit drawn");
    assert!(
        drawn.len() - distinct.len() < all.len(),
        "a unit repeats only at the top of a page"
    );
    let biggest = all.iter().map(|c| c.svg.len()).max().unwrap_or(0);
    assert!(biggest < 100_000, "pages stay small: {biggest} bytes");
    assert!(all.len() > 100, "pages of a few levels each: {}", all.len());
}

#[test]
fn a_team_of_20000_units_pages_its_list() {
    let mut toml = HEADER.to_string();
    for i in 0..20_000 {
        toml.push_str(&format!(
            "[units.t{i}]\nname = \"Team {i}\"\nkind = \"department\"\nparent = \"top\"\n"
        ));
    }
    let org = org_of(&toml);
    let all = charts::all_charts(&org, &ChartOptions::default());
    assert_legible("wide team", &all);
    let listed: usize = all
        .iter()
        .map(|c| c.svg.matches("<g id=\"unit-").count() - 1)
        .sum();
    assert_eq!(listed, 20_000, "every team member on exactly one part");
    let biggest = all.iter().map(|c| c.svg.len()).max().unwrap_or(0);
    assert!(biggest < 200_000, "parts stay small: {biggest} bytes");
}

/// A wide imported-style department of some 600 units: under the top, 14
/// directorates of which 9 without sub-units, one with 300 teams without
/// sub-units, and four with 12 teams of three to six units each. `changed`
/// gives the second version: teams added, removed and moved, FTE changed.
fn department(changed: bool) -> String {
    let mut toml = HEADER.to_string();
    let unit = |toml: &mut String, id: &str, name: &str, parent: &str, fte: u32| {
        toml.push_str(&format!(
            "[units.{id}]\nname = \"{name}\"\nkind = \"department\"\nparent = \"{parent}\"\nfte = {fte}\n"
        ));
    };
    for i in 0..14 {
        let name = format!("Directorate of Corporate Services and Operational Delivery {i}");
        unit(&mut toml, &format!("u{i}"), &name, "top", 1);
        let teams = match i {
            0 => 300,
            1..=4 => 12,
            _ => 0,
        };
        for j in 0..teams {
            // Removed in the new version: ten of the 300.
            if changed && i == 0 && j % 30 == 7 {
                continue;
            }
            // Moved: the first three teams of u1 go to u2.
            let parent = if changed && i == 1 && j < 3 {
                "u2".to_string()
            } else {
                format!("u{i}")
            };
            let fte = if changed && i == 3 && j == 5 { 4 } else { 2 };
            let id = format!("u{i}-{j}");
            unit(
                &mut toml,
                &id,
                &format!("Senior Policy Advisor Team {j}"),
                &parent,
                fte,
            );
            if i > 0 {
                for k in 0..(3 + j % 4) {
                    unit(
                        &mut toml,
                        &format!("{id}-{k}"),
                        &format!("Casework Unit {k}"),
                        &id,
                        1,
                    );
                }
            }
        }
        if changed && i == 4 {
            for j in 0..25 {
                unit(
                    &mut toml,
                    &format!("u4-new{j}"),
                    &format!("New Digital Team {j}"),
                    "u4",
                    3,
                );
            }
        }
    }
    toml
}

#[test]
fn the_diff_chart_of_two_versions_of_a_wide_department_is_legible() {
    let (old, new) = (org_of(&department(false)), org_of(&department(true)));
    assert!(old.units.len() > 550, "{} units", old.units.len());
    let changes = organogram::diff::diff(&old, &new);
    let set = organogram::diff::charts(&old, &new, &changes, Paper::default(), None);
    if let Ok(dir) = std::env::var("DIFF_CHARTS_TO") {
        // To look at them: DIFF_CHARTS_TO=folder cargo test --test legibility
        for c in &set.charts {
            std::fs::write(format!("{dir}/{}.svg", c.id), &c.svg).unwrap();
        }
    }
    // Sub-teams that join a long list count in its pages' height.
    assert_legible(
        "new version",
        &charts::all_charts(&new, &ChartOptions::default()),
    );
    let pt = assert_legible("diff of a wide department", &set.charts);
    assert!(pt >= MIN_TEXT_PT as f64 - 1e-3);
    assert!(
        set.charts.len() > 1,
        "paginated: {} pages",
        set.charts.len()
    );
    assert_eq!(set.charts[0].id, "organisation", "the overview comes first");
    // Every change is on a page, with its mark.
    let class_count = |class: &str| -> usize {
        set.charts
            .iter()
            .map(|c| c.svg.matches(&format!(" {class}\"")).count())
            .sum()
    };
    assert!(class_count("added") >= 25, "the 25 new teams");
    assert!(class_count("removed") >= 10, "the 10 removed teams");
    assert!(class_count("moved") >= 3, "the 3 moved teams");
    assert!(class_count("changed") >= 1);
    // Each page carries the legend of the kinds of change, in English here.
    for chart in &set.charts {
        assert!(chart.svg.contains("Changes</text>"), "{}", chart.id);
        for word in ["added", "moved", "changed", "removed"] {
            assert!(
                chart.svg.contains(&format!(">{word}</text>")),
                "{}: {word}",
                chart.id
            );
        }
    }
    // Unchanged divisions are left out: u5 … u13 have no pages of their own.
    assert!(set.charts.iter().all(|c| c.id != "unit-u7"));
}
