//! The Markdown handbook as mdBook renders it: charts whose boxes are links,
//! text that reads as written.

mod support;

use support::{build, text};

/// The HTML a CommonMark renderer (pulldown-cmark, which mdBook uses) makes of a page.
fn rendered(md: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

#[test]
fn charts_are_inline_svg_whose_boxes_link_to_the_pages() {
    let tree = build("org", false, None).unwrap();
    let index = rendered(&text(&tree, "md/index.md"));
    let svg = &index[index.find("<svg ").expect("inline chart")..];
    let svg = &svg[..svg.find("</svg>").expect("whole chart")];
    // From the top page: units/…; mdBook writes .html pages.
    assert!(
        svg.contains("<a href=\"units/dirsa.html\">"),
        "{}",
        &svg[..400]
    );
    let unit = rendered(&text(&tree, "md/units/dirsa.md"));
    // From a unit page: the file beside it.
    assert!(unit.contains("<a href=\"burgerzaken.html\">"));
    // The governance diagram's boxes lead to the cards on the same page.
    let bodies = text(&tree, "md/bodies.md");
    let html = rendered(&bodies);
    assert!(html.contains("<a href=\"#body-vast-bureau-title\">"));
    assert!(bodies.contains("<a id=\"body-vast-bureau-title\"></a>"));
    assert!(
        bodies.contains("- [Burgemeester](#body-burgemeester-title): voorzitter"),
        "incoming relations listed"
    );
    // No id twice: the boxes' ids differ from the cards' anchors.
    let ids = support::ids(&html);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids on bodies.md");
}

/// The page without its inline charts.
fn without_charts(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(start) = rest.find("<div class=\"organogram-chart\">") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</div>")
            .map_or(rest.len(), |e| start + e + 6);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn ampersands_read_as_written() {
    let tree = build("org", false, None).unwrap();
    let md = text(&tree, "md/units/dirsa.md");
    assert!(md.contains("Afdeling preventie & veiligheid"), "{md}");
    for (page, md) in support::files(&tree, "md", ".md") {
        // The inline charts are HTML, where `&amp;` is right.
        let prose = without_charts(&md);
        assert!(!prose.contains("&amp;"), "{page} has &amp;");
        // And the rendered page shows the ampersand itself.
        if md.contains("preventie & veiligheid") {
            assert!(
                rendered(&md).contains("preventie &amp; veiligheid"),
                "{page}"
            );
        }
    }
}

#[test]
fn counts_and_holders_read_right() {
    let tree = build("org", false, None).unwrap();
    let index = text(&tree, "md/index.md");
    assert!(
        index.contains("· 21 eenheden · 209,75 VTE · 1 vacature\n"),
        "{index}"
    );
    let html = text(&tree, "html/index.html");
    assert!(html.contains("· 1 vacature</p>") && !html.contains("1 vacatures"));
    // A post without a named holder says so; the vacant head says vacant.
    let unit = text(&tree, "md/units/burgerzaken.md");
    assert!(unit.contains("| *vacant* |"), "{unit}");
    let dirsa = text(&tree, "md/units/dirsa.md");
    assert!(
        dirsa.contains("| Directeur (leiding) | *naam niet vermeld* |"),
        "{dirsa}"
    );
    let html = text(&tree, "html/units/dirsa.html");
    assert!(!html.contains("<td></td>"), "an empty cell on dirsa.html");
    let public = build("org", true, None).unwrap();
    assert!(!text(&public, "html/units/seg.html").contains("Erik Laga"));
}
