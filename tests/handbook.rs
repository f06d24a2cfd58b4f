//! The handbook (OUT/md and OUT/html): content, links, escaping, templates.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{Event, Parser, Tag};
use support::{broken_html_links, build, files, resolve, tags, text};

const HOSTILE: &str = "tests/fixtures/handbook/hostile";

fn html_site(
    tree: &organogram::output::OutputTree,
) -> (BTreeMap<String, String>, BTreeSet<String>) {
    let site = files(tree, "html", ".html");
    // Files beside the site's folder (the charts' SVG, PDF and PNG) are
    // reached through `../`.
    let assets = tree
        .iter()
        .map(|(p, _)| match p.strip_prefix("html/") {
            Some(inside) => inside.to_string(),
            None => format!("../{p}"),
        })
        .filter(|p| !p.ends_with(".html"))
        .collect();
    (site, assets)
}

#[test]
fn every_internal_link_and_anchor_of_the_site_resolves() {
    for (dir, public) in [("org", false), ("org", true), (HOSTILE, false)] {
        let tree = build(dir, public, None).unwrap();
        let (site, assets) = html_site(&tree);
        assert!(site.len() > 5, "{dir}: only {} pages", site.len());
        let broken = broken_html_links(&site, &assets);
        assert!(
            broken.is_empty(),
            "{dir}: broken links:\n{}",
            broken.join("\n")
        );
    }
}

#[test]
fn ids_are_unique_on_every_page() {
    for dir in ["org", HOSTILE] {
        let tree = build(dir, false, None).unwrap();
        for (page, html) in files(&tree, "html", ".html") {
            let mut seen = BTreeSet::new();
            for id in support::ids(&html) {
                assert!(seen.insert(id.clone()), "{dir}/{page}: duplicate id `{id}`");
            }
        }
    }
}

#[test]
fn every_markdown_link_resolves_and_summary_lists_every_page() {
    for dir in ["org", HOSTILE] {
        let tree = build(dir, false, None).unwrap();
        let book: BTreeMap<String, String> = files(&tree, "md", "");
        let summary = text(&tree, "md/SUMMARY.md");
        for (page, md) in files(&tree, "md", ".md") {
            // footer.md is no chapter: every page includes it.
            if page != "SUMMARY.md" && page != "footer.md" {
                assert!(
                    summary.contains(&format!("]({page})")),
                    "{dir}: SUMMARY.md misses {page}"
                );
            }
            for event in Parser::new(&md) {
                if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                    event
                {
                    let url = dest_url.to_string();
                    if url.starts_with("http") || url.starts_with("mailto:") {
                        continue;
                    }
                    let (file, anchor) = url.split_once('#').unwrap_or((&url, ""));
                    let target = if file.is_empty() {
                        page.clone()
                    } else {
                        resolve(&page, file)
                    };
                    assert!(
                        book.contains_key(&target),
                        "{dir}/{page}: link to missing {url}"
                    );
                    if !anchor.is_empty() {
                        let html_anchor = format!("<a id=\"{anchor}\"></a>");
                        assert!(
                            book[&target].contains(&html_anchor),
                            "{dir}/{page}: no anchor {url}"
                        );
                    }
                }
            }
        }
        let toml = text(&tree, "md/book.toml");
        let parsed: toml::Table = toml::from_str(&toml).expect("book.toml parses");
        assert_eq!(parsed["book"]["src"].as_str(), Some("."));
    }
}

#[test]
fn a_unit_page_shows_what_the_issue_asks() {
    let tree = build("org", false, None).unwrap();
    let html = text(&tree, "html/units/burgerzaken.html");
    for needle in [
        "Afdeling burgerzaken",
        "Huwelijk en echtscheiding",
        "Directie Samen Leven", // breadcrumb and parent
        "Afdeling",             // kind
        "Afdelingshoofd",       // head post
        "vacant (aanwerving)",
        "VTE",
        "aria-label=\"Kruimelpad\"",
    ] {
        assert!(html.contains(needle), "burgerzaken.html lacks {needle}");
    }
    let dirsa = text(&tree, "html/units/dirsa.html");
    assert!(dirsa.contains("201,75 VTE"), "total FTE in nl-BE format");
    assert!(dirsa.contains("Overgedragen taken"), "transfers out");
    assert!(dirsa.contains("Secretariaat + Front office"), "staff unit");
    // A unit without sub-units has no chart: it would be its own box alone.
    assert!(!html.contains("<svg"), "burgerzaken.html has a chart");
    assert!(
        dirsa.contains("id=\"unit-burgerzaken\""),
        "dirsa's chart, inline"
    );
    // Its style is the site's, once: not in every page.
    assert!(!dirsa.contains("<style>text{"), "the chart's style inline");
    // One stylesheet and one script (with the search index read on demand).
    assert!(dirsa.contains("href=\"../assets/style.css\""));
    assert_eq!(dirsa.matches("<link rel=\"stylesheet\"").count(), 1);
    assert_eq!(
        dirsa.matches("<script ").count(),
        2,
        "handbook.js and build-info.js"
    );
    assert!(!dirsa.contains("search-index.js"));
    // Links to pages in the same folder are the file's name alone.
    assert!(dirsa.contains("<a href=\"burgerzaken.html\">"));
    let css = text(&tree, "html/assets/style.css");
    assert!(css.contains(".chart-frame svg .box{fill:#ffffff;"), "{css}");
    assert!(
        !css.contains("}.box{"),
        "a chart rule outside the charts: {css}"
    );
    let js = text(&tree, "html/assets/handbook.js");
    assert!(
        js.starts_with("window.ORGANOGRAM_LABELS = {"),
        "{}",
        &js[..80]
    );
    assert!(js.contains("\"search_placeholder\":\"Zoek een dienst"));
    let md = text(&tree, "md/units/burgerzaken.md");
    assert!(md.contains("- Huwelijk en echtscheiding"));
    assert!(!md.contains("<svg"));
    // The chart inline, so that mdBook's page has links; one copy only.
    let md = text(&tree, "md/units/dirsa.md");
    assert!(md.contains("<div class=\"organogram-chart\">\n<svg "));
    assert!(!md.contains("<style>"));
    assert!(tree.get("md/charts/dirsa.svg").is_none());
    assert!(text(&tree, "md/book.toml").contains("additional-css = [\"chart.css\"]"));
    assert!(text(&tree, "md/chart.css").contains(".organogram-chart svg .box{"));
}

#[test]
fn who_does_what_sends_a_citizen_to_the_right_unit() {
    let tree = build("org", false, None).unwrap();
    let html = text(&tree, "html/tasks.html");
    let at = html.find("Huwelijk en echtscheiding").expect("task listed");
    let after = &html[at..];
    let link = after
        .find("href=\"units/burgerzaken.html\"")
        .expect("links to burgerzaken");
    assert!(
        link < after.find("</div>").unwrap(),
        "the link belongs to the task's entry"
    );
    // Alphabetical, ignoring case and accents.
    let tasks: Vec<String> = tags(&html)
        .into_iter()
        .filter(|t| t.name == "dt")
        .map(|_| String::new())
        .collect();
    assert!(tasks.len() > 30, "only {} tasks", tasks.len());
    let search = text(&tree, "html/assets/search-index.js");
    assert!(search.contains("Huwelijk en echtscheiding"));
}

#[test]
fn fte_overview_totals_are_exact_and_localised() {
    let tree = build("org", false, None).unwrap();
    let html = text(&tree, "html/fte.html");
    for needle in [
        "52,86 VTE",
        "93,47 VTE",
        "40,92 VTE",
        "209,75 VTE",
        "gemeenschappelijk",
        "stad",
    ] {
        assert!(html.contains(needle), "fte.html lacks {needle}");
    }
    let hostile = build(HOSTILE, false, None).unwrap();
    let html = text(&hostile, "html/fte.html");
    // 1.25 + 0.5 + 2.10 + 0.15, the affiliated partner's 7 left out.
    assert!(html.contains("4.00 FTE"), "English format and exact sum");
    assert!(html.contains("Organisation total"), "English labels");
}

#[test]
fn index_page_has_chart_overview_and_links_to_divisions() {
    let tree = build("org", false, None).unwrap();
    let html = text(&tree, "html/index.html");
    // Directie Samen Leven continues on its own chart (the overview fits
    // A3), its box still named and linked to its page.
    assert!(html.contains("Directie Samen Leven"));
    assert!(html.contains("href=\"units/dirsa.html\""));
    assert!(html.contains("Directies en afdelingen"));
    assert!(
        html.contains("Erik Laga"),
        "head holder on the internal build"
    );
    let bodies = text(&tree, "html/bodies.html");
    assert!(bodies.contains("Gemeenteraad") && bodies.contains("<svg"));
    let principles = text(&tree, "html/pages/organisatieprincipes.html");
    assert!(principles.contains("<h1>De 12 organisatieprincipes</h1>"));
}

#[test]
fn a_public_build_names_no_post_holder_anywhere() {
    let tree = build("org", true, None).unwrap();
    for (path, content) in tree.iter() {
        let content = String::from_utf8_lossy(content);
        assert!(!content.contains("Erik Laga"), "{path} names a holder");
    }
    let hostile = build(HOSTILE, true, None).unwrap();
    for (path, content) in hostile.iter() {
        assert!(
            !String::from_utf8_lossy(content).contains("Mallory"),
            "{path} names a holder"
        );
    }
}

#[test]
fn hostile_text_stays_text_in_html() {
    let tree = build(HOSTILE, false, None).unwrap();
    let (site, _) = html_site(&tree);
    assert!(site.len() >= 8);
    for (page, html) in &site {
        for tag in tags(html) {
            assert!(
                !["iframe", "img", "object", "embed", "b", "i"].contains(&tag.name.as_str()),
                "{page}: <{}> came through",
                tag.name
            );
            if tag.name == "script" {
                let src = tag
                    .attrs
                    .iter()
                    .find(|(k, _)| k == "src")
                    .map(|(_, v)| v.as_str());
                assert!(
                    src.is_some_and(|s| s.contains("assets/")) && tag.attrs.len() <= 2,
                    "{page}: foreign script {:?}",
                    tag.attrs
                );
            }
            for (key, value) in &tag.attrs {
                assert!(
                    !key.starts_with("on"),
                    "{page}: event handler {key} on <{}>",
                    tag.name
                );
                assert!(
                    !key.starts_with("data-x"),
                    "{page}: injected attribute {key}"
                );
                let v = value.trim().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{page}: {key}={value}");
            }
        }
        assert!(!html.contains("<script>alert"), "{page}");
    }
    // The text itself is shown, escaped.
    let top = &site["units/top.html"];
    assert!(
        top.contains("Top &lt;img src=x onerror=alert(&#x27;name&#x27;)&gt;"),
        "name escaped"
    );
    assert!(
        top.contains("href=\"https://example.org/\""),
        "safe links survive"
    );
    assert!(
        !top.contains("<h1>A heading"),
        "description headings stay below the page's h1"
    );
    // The search index is data, not markup.
    let js = text(&tree, "html/assets/search-index.js");
    assert!(
        !js.contains('<') && !js.contains('>'),
        "search index carries markup"
    );
    let json = js
        .trim()
        .strip_prefix("window.ORGANOGRAM_SEARCH = ")
        .and_then(|s| s.strip_suffix(';'))
        .expect("one assignment");
    let entries: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let all = entries.to_string();
    assert!(
        all.contains("Weddings </script><script>alert('task')</script>"),
        "text kept exactly"
    );
}

#[test]
fn hostile_text_stays_text_in_markdown() {
    let tree = build(HOSTILE, false, None).unwrap();
    for (page, md) in files(&tree, "md", ".md") {
        // The inline charts are the only other raw HTML: SVG whose text is escaped.
        let mut in_chart = false;
        for event in Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES) {
            match event {
                Event::Html(h) | Event::InlineHtml(h) => {
                    let h = h.trim();
                    if h.starts_with("<div class=\"organogram-chart\">") {
                        in_chart = true;
                    }
                    assert!(
                        h.starts_with("<a id=\"") || h == "</a>" || in_chart,
                        "{page}: raw HTML {h}"
                    );
                    // Every tag (text is escaped, so each `<` starts one): no
                    // script, no event handler, no javascript: link.
                    for tag in h.split('<').skip(1) {
                        let tag = tag.split('>').next().unwrap_or("").to_ascii_lowercase();
                        assert!(!tag.starts_with("script"), "{page}: <{tag}>");
                        assert!(!tag.contains("javascript:"), "{page}: <{tag}>");
                        for attr in tag.split_whitespace().skip(1) {
                            assert!(!attr.starts_with("on"), "{page}: <{tag}>");
                        }
                    }
                    if h.ends_with("</div>") {
                        in_chart = false;
                    }
                }
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    assert!(
                        !dest_url.to_ascii_lowercase().contains("javascript:"),
                        "{page}: {dest_url}"
                    );
                }
                _ => {}
            }
        }
    }
    let summary = text(&tree, "md/SUMMARY.md");
    assert!(
        summary.contains("[Top \\<img src=x onerror=alert('name')\\>](units/top.md)"),
        "{summary}"
    );
    let toml = text(&tree, "md/book.toml");
    let parsed: toml::Table = toml::from_str(&toml).expect("book.toml parses");
    assert_eq!(
        parsed["book"]["title"].as_str(),
        Some("Evil <script>alert('org')</script> & Co")
    );
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let a = build("org", false, None).unwrap();
    let b = build("org", false, None).unwrap();
    assert_eq!(a, b);
    let a = build(HOSTILE, false, None).unwrap();
    let b = build(HOSTILE, false, None).unwrap();
    assert_eq!(a, b);
}

#[test]
fn one_template_can_be_overridden_and_the_rest_stay_embedded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("html")).unwrap();
    std::fs::write(
        dir.path().join("html/page.html"),
        "{% extends \"html/base.html\" %}{% block content %}<h1>Custom {{ page.title }}</h1>{% endblock %}",
    )
    .unwrap();
    let tree = build("org", false, Some(dir.path().to_path_buf())).unwrap();
    let page = text(&tree, "html/pages/missie.html");
    assert!(
        page.contains("<h1>Custom Over Groep Mechelen</h1>"),
        "{page}"
    );
    assert!(
        page.contains("class=\"sidebar\""),
        "the embedded base is still used"
    );
    let unit = text(&tree, "html/units/dirsa.html");
    assert!(unit.contains("Directie Samen Leven"));
}

#[test]
fn template_problems_are_errors_not_panics() {
    let missing = build(
        "org",
        false,
        Some("tests/fixtures/no-such-templates".into()),
    );
    assert!(missing.unwrap_err().contains("does not exist"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("md")).unwrap();
    std::fs::write(dir.path().join("md/unit.md"), "{% if %}").unwrap();
    let err = build("org", false, Some(dir.path().to_path_buf())).unwrap_err();
    assert!(err.contains("md/unit.md"), "{err}");
    std::fs::write(
        dir.path().join("md/unit.md"),
        "{{ nothing.at.all }}{{ 1 / 0 }}",
    )
    .unwrap();
    let err = build("org", false, Some(dir.path().to_path_buf())).unwrap_err();
    assert!(err.contains("md/unit.md"), "{err}");
}

#[test]
fn a_page_that_links_out_of_the_folder_is_refused_not_published() {
    let Err(err) = build("tests/fixtures/handbook/page-link-outside", false, None) else {
        panic!("the build is refused");
    };
    assert!(
        err.contains("leak.md") && err.contains("outside the organisation folder"),
        "{err}"
    );
    assert!(!err.contains("SECRET-MARKER"), "{err}");
}

#[test]
fn chart_pages_link_the_chart_files_the_build_makes() {
    use organogram::compile::{self, BuildOptions};
    let checked = compile::check_dir(std::path::Path::new("org")).unwrap();
    let org = checked.organisation.unwrap();
    for (pdf, png) in [(false, false), (true, false), (true, true)] {
        let options = BuildOptions {
            pdf,
            png,
            ..Default::default()
        };
        let tree = compile::render(&org, &options).unwrap();
        for (page, chart) in [
            ("index.html", "organisation"),
            ("units/dirsa.html", "unit-dirsa"),
            ("bodies.html", "governance"),
        ] {
            let html = text(&tree, &format!("html/{page}"));
            let links: Vec<(String, String)> = tags(&html)
                .into_iter()
                .filter(|t| t.name == "a")
                .filter_map(|t| {
                    let get =
                        |k: &str| t.attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                    Some((get("class")?, get("href")?))
                })
                .filter(|(class, _)| class.starts_with("chart-"))
                .collect();
            let classes: Vec<&str> = links.iter().map(|(c, _)| c.as_str()).collect();
            let mut expected = vec!["chart-open"];
            if pdf {
                expected.push("chart-pdf");
            }
            if png {
                expected.push("chart-png");
            }
            assert_eq!(classes, expected, "{page} with pdf={pdf} png={png}");
            for (class, href) in &links {
                // The PDF is the chart's page of the booklet (tests/print.rs
                // checks that the page is the chart's).
                let (href, page_number) = match href.split_once("#page=") {
                    Some((file, n)) => (file, n.parse::<usize>().ok()),
                    None => (href.as_str(), None),
                };
                let file = resolve(&format!("html/{page}"), href);
                assert!(tree.get(&file).is_some(), "{page}: {href} → no file {file}");
                if class == "chart-pdf" {
                    assert_eq!(file, organogram::charts::booklet_path(&org), "{page}");
                    assert!(page_number.is_some_and(|n| n >= 2), "{page}: {href}");
                } else {
                    assert!(
                        file.contains(chart),
                        "{page}: {href} is not the page's chart"
                    );
                }
            }
        }
        // A unit without sub-units has no chart, and no chart files to offer.
        let plain = text(&tree, "html/units/fb.html");
        assert!(!plain.contains("chart-frame"), "fb has an inline chart");
        assert!(!plain.contains("chart-open"), "fb links a chart");
    }
}

#[test]
fn free_page_headings_have_ids_to_link_to() {
    let tree = build("org", false, None).unwrap();
    let page = text(&tree, "html/pages/missie.html");
    assert!(
        page.contains("<h2 id=\"een-inclusief-mechelen\">Een inclusief Mechelen</h2>"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"bestuurlijk-kader\">"), "{page}");
}

#[test]
fn the_overview_pages_come_after_all_others() {
    use organogram::handbook::{Handbook, PageOf};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dated");
    let org = organogram::compile::check_dir(&dir)
        .unwrap()
        .organisation
        .expect("valid");
    let book = Handbook::build(&org, &[], false);
    let from = book.overviews_from();
    let overview = |of: &PageOf| {
        matches!(
            of,
            PageOf::Tasks | PageOf::Fte | PageOf::Bodies | PageOf::Timeline
        )
    };
    assert!(book.pages[..from].iter().all(|p| !overview(&p.of)));
    let last: Vec<_> = book.pages[from..].iter().map(|p| &p.path).collect();
    assert!(
        book.pages[from..].iter().all(|p| overview(&p.of)),
        "{last:?}"
    );
    // Tasks, FTE and, for this organisation with dates, the timeline.
    assert!(last.len() >= 3, "{last:?}");
}
