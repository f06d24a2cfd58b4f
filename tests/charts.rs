//! Every generated SVG, parsed as a reader would: well-formed (an SVG
//! renderer accepts it), every text inside its box, no two boxes overlapping,
//! every connector from a parent's box to a child's box, and every unit
//! exactly once across the charts of the whole organisation.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use organogram::charts::{self, Chart, ChartOptions};
use organogram::model::Organisation;
use organogram::{load, model, synthetic};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        const E: f64 = 0.05;
        self.x + E < o.x + o.w
            && o.x + E < self.x + self.w
            && self.y + E < o.y + o.h
            && o.y + E < self.y + self.h
    }

    /// Does the straight segment from `a` to `b` (level or upright, as the
    /// connectors are) pass through the inside of the box?
    fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        const E: f64 = 0.5;
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        x0 < self.x + self.w - E && x1 > self.x + E && y0 < self.y + self.h - E && y1 > self.y + E
    }

    /// Is the point on the box's border (within rounding)?
    fn on_border(&self, (px, py): (f64, f64)) -> bool {
        const E: f64 = 0.15;
        let inside_x = px >= self.x - E && px <= self.x + self.w + E;
        let inside_y = py >= self.y - E && py <= self.y + self.h + E;
        let on_x = (px - self.x).abs() <= E || (px - self.x - self.w).abs() <= E;
        let on_y = (py - self.y).abs() <= E || (py - self.y - self.h).abs() <= E;
        (inside_x && on_y) || (inside_y && on_x)
    }
}

fn num(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("<{}> without a numeric {name}", node.tag_name().name()))
}

fn path_points(d: &str) -> Vec<(f64, f64)> {
    let nums: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number in the path"))
        .collect();
    nums.chunks(2).map(|c| (c[0], c[1])).collect()
}

/// Checks one chart; returns the unit ids it draws (as `unit-…` boxes).
fn check_chart(chart: &Chart) -> Vec<String> {
    let svg = &chart.svg;
    usvg::Tree::from_str(svg, &usvg::Options::default())
        .unwrap_or_else(|e| panic!("{}: an SVG renderer refuses it: {e}", chart.id));
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(
        root.attribute("viewBox").is_some(),
        "{}: no viewBox",
        chart.id
    );
    assert_eq!(root.attribute("role"), Some("img"));
    let first: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .take(2)
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(
        first,
        ["title", "desc"],
        "{}: title and desc first",
        chart.id
    );

    let mut boxes: HashMap<String, Rect> = HashMap::new();
    let mut units = Vec::new();
    for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
        let class = g.attribute("class").unwrap_or("");
        let classes: Vec<&str> = class.split(' ').collect();
        let is_box =
            classes.contains(&"unit") || classes.contains(&"stub") || classes.contains(&"body");
        if !is_box {
            continue;
        }
        if classes.contains(&"unit") {
            let id = g.attribute("id").unwrap_or_default();
            assert!(
                id.starts_with("unit-"),
                "{}: unit group id {id:?}",
                chart.id
            );
            units.push(id.to_string());
            let title = g.children().find(|n| n.is_element());
            assert!(
                title.is_some_and(|t| t.has_tag_name("title")),
                "{}: {id} has no own <title> first",
                chart.id
            );
        }
        // The first shape is the box.
        let rect = g
            .descendants()
            .find(|n| {
                n.is_element()
                    && matches!(
                        n.tag_name().name(),
                        "rect" | "circle" | "path" | "line" | "text" | "ellipse" | "polygon"
                    )
            })
            .unwrap_or_else(|| panic!("{}: a box without shapes", chart.id));
        assert!(
            rect.has_tag_name("rect"),
            "{}: first shape of {class} is <{}>",
            chart.id,
            rect.tag_name().name()
        );
        let r = Rect {
            x: num(rect, "x"),
            y: num(rect, "y"),
            w: num(rect, "width"),
            h: num(rect, "height"),
        };
        // No text wider than its box: each line's measured length, from
        // its start, stays inside the box.
        for t in g.descendants().filter(|n| n.has_tag_name("text")) {
            let x = num(t, "x");
            let len = num(t, "textLength");
            let y = num(t, "y");
            assert!(
                x >= r.x - 0.1 && x + len <= r.x + r.w + 0.1,
                "{}: text {:?} ({x}..{}) overflows its box ({}..{})",
                chart.id,
                t.text(),
                x + len,
                r.x,
                r.x + r.w
            );
            assert!(
                y > r.y && y <= r.y + r.h + 0.1,
                "{}: text {:?} below its box",
                chart.id,
                t.text()
            );
        }
        boxes.insert(boxes.len().to_string(), r);
    }
    // No two boxes overlap (sweep along x).
    let mut all: Vec<(&String, &Rect)> = boxes.iter().collect();
    all.sort_by(|a, b| a.1.x.total_cmp(&b.1.x).then(a.0.cmp(b.0)));
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            if all[j].1.x >= all[i].1.x + all[i].1.w {
                break;
            }
            assert!(
                !all[i].1.overlaps(all[j].1),
                "{}: boxes {} and {} overlap: {:?} {:?}",
                chart.id,
                all[i].0,
                all[j].0,
                all[i].1,
                all[j].1
            );
        }
    }
    // Connectors join two boxes: each starts on the border of one and ends
    // on the border of another; every box but the chart's top is joined.
    let mut joined: HashSet<String> = HashSet::new();
    for p in doc.descendants().filter(|n| {
        n.has_tag_name("path")
            && n.parent_element()
                .and_then(|g| g.attribute("class"))
                .is_some_and(|c| c == "connectors")
    }) {
        let pts = path_points(p.attribute("d").unwrap_or_default());
        let (start, end) = (pts[0], pts[pts.len() - 1]);
        let on = |point: (f64, f64), not: Option<&String>| {
            boxes
                .iter()
                .find(|(k, r)| Some(*k) != not && r.on_border(point))
                .map(|(k, _)| k.clone())
        };
        let from = on(start, None)
            .unwrap_or_else(|| panic!("{}: a connector starts on no box: {pts:?}", chart.id));
        let to = on(end, Some(&from))
            .unwrap_or_else(|| panic!("{}: a connector ends on no box: {pts:?}", chart.id));
        joined.insert(to.clone());
        // Nor through any other box on its way.
        for (other, r) in &boxes {
            if *other == from || *other == to {
                continue;
            }
            for seg in pts.windows(2) {
                assert!(
                    !r.crossed_by(seg[0], seg[1]),
                    "{}: connector {from} → {to} crosses box {other}",
                    chart.id
                );
            }
        }
    }
    let mut loose: Vec<&String> = boxes
        .keys()
        .filter(|k| *k != "0" && !joined.contains(*k))
        .collect();
    loose.sort();
    // (The governance diagram's bodies are joined by relations instead.)
    let governance = doc.descendants().any(|n| {
        n.has_tag_name("g")
            && n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "body"))
    });
    assert!(
        governance || loose.is_empty(),
        "{}: boxes {loose:?} have no connector",
        chart.id
    );
    units
}

/// The valid organisation in the folder `dir`.
fn valid_org(dir: &str) -> Organisation {
    let loaded = load::load_dir(Path::new(dir)).expect("the folder");
    model::build(&loaded.sources)
        .organisation
        .expect("a valid organisation")
}

/// Checks every chart, and that the whole organisation's chart with its
/// continuation charts shows every unit exactly once.
fn check_all(org: &Organisation) -> Vec<Chart> {
    let opts = ChartOptions {
        chart_href: Some("{id}.svg".into()),
        ..ChartOptions::default()
    };
    let all = charts::all_charts(org, &opts);
    let by_id: HashMap<&str, &Chart> = all.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut drawn: HashMap<String, Vec<String>> = HashMap::new();
    for chart in &all {
        let units = check_chart(chart);
        let unique: HashSet<&String> = units.iter().collect();
        assert_eq!(
            unique.len(),
            units.len(),
            "{}: a unit drawn twice",
            chart.id
        );
        drawn.insert(chart.id.clone(), units);
    }
    // Follow the continuation links from the whole organisation's chart.
    let mut seen_units: HashMap<String, String> = HashMap::new();
    let mut todo = vec!["organisation".to_string()];
    let mut visited = HashSet::new();
    while let Some(id) = todo.pop() {
        if !visited.insert(id.clone()) {
            continue;
        }
        let chart = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("a stub points to a missing chart {id}"));
        // A continuation chart may repeat its root: the unit its stub hangs
        // from; so may the later parts of a chart (`unit-x.2`, `organisation.3`).
        let chart_of = match id.rsplit_once('.') {
            Some((base, part)) if part.parse::<usize>().is_ok() => base,
            _ => id.as_str(),
        };
        let root = match chart_of {
            "organisation" => format!("unit-{}", org.units[org.root].id),
            other => other.to_string(),
        };
        for u in &drawn[&id] {
            if *u == root && seen_units.contains_key(u) {
                continue;
            }
            if let Some(other) = seen_units.insert(u.clone(), id.clone()) {
                panic!("{u} appears on both {other} and {id}");
            }
        }
        // Stubs link to continuation charts, and so do the boxes of units
        // drawn beside their parent whose sub-units continue elsewhere.
        let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed");
        for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
            let href = a.attribute("href").unwrap_or_default();
            todo.push(href.trim_end_matches(".svg").to_string());
        }
    }
    for unit in &org.units {
        assert!(
            seen_units.contains_key(&format!("unit-{}", unit.id)),
            "unit {} is on no chart of the organisation",
            unit.id
        );
    }
    all
}

#[test]
fn the_default_organisation_draws_correct_charts() {
    let org = valid_org("org");
    let all = check_all(&org);
    let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert!(
        ids.contains(&"organisation") && ids.contains(&"governance"),
        "{ids:?}"
    );
    // Deterministic: the same bytes again.
    assert_eq!(all, check_all(&org));
}

#[test]
fn units_beside_their_parent_continue_with_their_sub_units() {
    // A division under a staff unit once made the build panic.
    let dir = "tests/fixtures/charts/beside-with-sub-units";
    let org = valid_org(dir);
    let all = check_all(&org);
    let units_on = |id: &str| -> Vec<String> {
        let chart = all.iter().find(|c| c.id == id).expect(id);
        let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed");
        doc.descendants()
            .filter(|n| {
                n.has_tag_name("g")
                    && n.attribute("class")
                        .is_some_and(|c| c.split(' ').any(|c| c == "unit"))
            })
            .filter_map(|n| n.attribute("id").map(str::to_string))
            .collect()
    };
    assert_eq!(
        units_on("unit-office"),
        ["unit-office", "unit-audit", "unit-press", "unit-audit-it"]
    );
    assert_eq!(units_on("unit-audit"), ["unit-audit", "unit-audit-it"]);
    assert_eq!(units_on("unit-press"), ["unit-press", "unit-press-web"]);
    assert_eq!(units_on("unit-agb"), ["unit-agb", "unit-agb-ops"]);
    let tree = organogram::compile::render(&org, &Default::default()).expect("a build");
    for file in [
        "svg/unit-audit.svg",
        "svg/unit-agb-ops.svg",
        "html/index.html",
    ] {
        assert!(tree.get(file).is_some(), "no {file}");
    }
}

/// y of the top of the box of each unit, by unit id.
fn box_tops(chart: &Chart) -> HashMap<String, i64> {
    let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed");
    doc.descendants()
        .filter(|g| {
            g.has_tag_name("g") && g.attribute("id").is_some_and(|i| i.starts_with("unit-"))
        })
        .filter_map(|g| {
            let rect = g.descendants().find(|n| n.has_tag_name("rect"))?;
            Some((
                g.attribute("id")?.to_string(),
                num(rect, "y").round() as i64,
            ))
        })
        .collect()
}

#[test]
fn a_team_too_wide_for_the_page_wraps_onto_rows_under_one_line() {
    // Six departments, each with seven services: as one row, 2,700 px,
    // wider than A3 allows; on two rows under the director's line, every
    // unit stays on the overview, none is cut off.
    let mut toml = String::from(
        "[organisation]\nname = \"Breed\"\nroot = \"top\"\n[kinds.d]\nlabel = \"D\"\n[units.top]\nname = \"Director\"\nkind = \"d\"\n",
    );
    for i in 0..6 {
        toml.push_str(&format!(
            "[units.a{i}]\nname = \"Department number {i} with a longer name\"\nkind = \"d\"\nparent = \"top\"\n"
        ));
        for j in 0..7 {
            toml.push_str(&format!(
                "[units.a{i}-{j}]\nname = \"Service {i}.{j}\"\nkind = \"d\"\nparent = \"a{i}\"\n"
            ));
        }
    }
    let mut sources = organogram::source::Sources::default();
    sources.add("org.toml".into(), toml);
    let org = model::build(&sources).organisation.expect("valid");
    let all = check_all(&org);
    let overview = &all[0];
    assert_eq!(overview.id, "organisation");
    assert!(!overview.svg.contains("class=\"stub\""), "nothing is cut");
    let tops = box_tops(overview);
    assert_eq!(tops.len(), 1 + 6 + 42, "every unit is on the overview");
    let rows: HashSet<i64> = (0..6).map(|i| tops[&format!("unit-a{i}")]).collect();
    assert_eq!(rows.len(), 2, "the departments stand on two rows: {rows:?}");
    assert!(overview.width < 1600.0, "{} px wide", overview.width);
}

#[test]
fn the_legend_of_tags_fits_the_chart() {
    // A chart of two small boxes with four long tags: the legend's labels
    // neither run into each other nor past the document's edge.
    let tags = [
        "Gemeenschappelijke dienstverlening Stad en Sociaal Huis",
        "Integratie en inburgering",
        "Dienstverlening aan burgers en ondernemers",
        "Ondersteunende diensten",
    ];
    let mut toml = String::from(
        "[organisation]\nname = \"Smal\"\nroot = \"top\"\n[kinds.d]\nlabel = \"D\"\n[units.top]\nname = \"Top\"\nkind = \"d\"\n",
    );
    for (i, tag) in tags.iter().enumerate() {
        toml.push_str(&format!(
            "[units.u{i}]\nname = \"U{i}\"\nkind = \"d\"\nparent = \"top\"\ntags = [\"{tag}\"]\n"
        ));
    }
    let mut sources = organogram::source::Sources::default();
    sources.add("org.toml".into(), toml);
    let org = model::build(&sources).organisation.expect("valid");
    let chart = &check_all(&org)[0];
    let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed");
    let legend = doc
        .descendants()
        .find(|n| n.has_tag_name("g") && n.attribute("class") == Some("legend"))
        .expect("a legend of tags");
    let mut spans: Vec<(f64, f64)> = legend
        .children()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight").is_none())
        .map(|t| {
            let x = num(t, "x");
            let w = organogram::layout::text::width(
                t.text().unwrap_or_default(),
                11.0,
                organogram::layout::Weight::Regular,
            ) as f64;
            (x, x + w)
        })
        .collect();
    assert_eq!(spans.len(), 4);
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in spans.windows(2) {
        assert!(
            pair[0].1 < pair[1].0,
            "labels run into each other: {spans:?}"
        );
    }
    let last = spans.last().unwrap().1;
    assert!(
        last <= chart.width as f64,
        "a label runs past the edge: {last} > {}",
        chart.width
    );
}

#[test]
fn a_large_organisation_is_paginated_into_readable_charts() {
    let org = synthetic::organisation(3000, 7);
    let all = check_all(&org);
    assert!(all.len() > 10);
    for chart in &all {
        let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed");
        let w: f64 = doc
            .root_element()
            .attribute("width")
            .and_then(|w| w.parse().ok())
            .unwrap_or(0.0);
        assert!(w < 20_000.0, "{} is {w} px wide", chart.id);
    }
}

/// The handbook's page charts share their measured boxes: a unit's box,
/// measured for one chart, must be the box every other chart would draw.
#[test]
fn charts_sharing_measured_boxes_are_the_charts_drawn_alone() {
    let org = synthetic::organisation(1500, 11);
    let alone = ChartOptions {
        unit_href: Some("{file}.html".into()),
        ..ChartOptions::default()
    };
    let shared = ChartOptions {
        boxes: Some(std::sync::Arc::new(charts::BoxCache::new(&org))),
        ..alone.clone()
    };
    // The whole organisation first (every unit measured as it shows its
    // sub-units), then each unit two levels deep (those at the bottom count
    // theirs), the way the handbook's pages draw them.
    let whole = |o: &ChartOptions| charts::unit_chart(&org, org.root, None, o).svg;
    assert_eq!(whole(&shared), whole(&alone));
    for unit in 0..org.units.len() {
        for depth in [1, 2] {
            assert_eq!(
                charts::unit_chart(&org, unit, Some(depth), &shared).svg,
                charts::unit_chart(&org, unit, Some(depth), &alone).svg,
                "the chart of `{}`, {depth} levels deep",
                org.units[unit].id
            );
        }
    }
}

#[test]
fn a_deep_chain_does_not_overflow_the_stack() {
    let mut toml = String::from(
        "[organisation]\nname = \"Keten\"\nroot = \"c0\"\n[kinds.k]\nlabel = \"K\"\nhead = \"optional\"\n",
    );
    let n = 3000;
    for i in 0..n {
        toml.push_str(&format!(
            "[units.c{i}]\nname = \"Eenheid {i}\"\nkind = \"k\"\n"
        ));
        if i > 0 {
            toml.push_str(&format!("parent = \"c{}\"\n", i - 1));
        }
    }
    let mut sources = organogram::source::Sources::default();
    sources.add("chain.toml".into(), toml);
    let org = model::build(&sources).organisation.expect("valid");
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || charts::all_charts(&org, &ChartOptions::default()).len())
        .expect("thread");
    assert!(handle.join().expect("no stack overflow") > 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn random_organisations_draw_correct_charts(units in 1usize..2000, seed in any::<u64>()) {
        let org = synthetic::organisation(units, seed);
        check_all(&org);
    }
}

#[test]
fn inline_charts_lose_exactly_their_style_element() {
    use organogram::render::svg::without_style;
    let org = valid_org("org");
    let all = check_all(&org);
    // Every chart carries the same stylesheet.
    let first = &all[0].svg;
    let start = first.find("<style>").expect("a style element");
    let end = first.find("</style>\n").expect("its end") + "</style>\n".len();
    let element = &first[start..end];
    for chart in &all {
        assert!(chart.svg.contains(element), "{}", chart.id);
        let inline = without_style(&chart.svg);
        assert_eq!(inline, chart.svg.replacen(element, "", 1), "{}", chart.id);
        assert!(!inline.contains("<style>"), "{}", chart.id);
    }
    // A chart without the element, or with another style, stays as it is.
    for svg in [
        "<svg><g/></svg>",
        "<svg><style>.x{fill:red}</style>\n<g/></svg>",
        "<svg><text>&lt;style&gt;</text></svg>",
    ] {
        assert_eq!(without_style(svg), svg);
    }
}
