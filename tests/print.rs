//! The print output read back as a reader's software would: the booklet's
//! pages, paper size, embedded fonts, bookmarks and links (with lopdf), one
//! PDF per chart, and PNG pictures that are neither blank nor of the wrong size.

mod common;
use common::media_box;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use lopdf::{Document, Object, ObjectId};
use organogram::charts::{self, ChartFormat, chart_path};
use organogram::compile::{self, BuildOptions};
use organogram::layout::paper::{Orientation, Paper, PaperSize};
use organogram::model::Organisation;
use organogram::output::OutputTree;
use organogram::print::{self, Booklet};

fn default_org() -> Organisation {
    compile::check_dir(Path::new("org"))
        .expect("org/ can be read")
        .organisation
        .expect("org/ is valid")
}

fn render(org: &Organisation, png: bool, paper: Paper) -> OutputTree {
    compile::render(
        org,
        &BuildOptions {
            pdf: true,
            // A PDF of every chart too, beside the booklet.
            chart_pdfs: true,
            png,
            print: Booklet {
                paper,
                date: Some("2026-12-01".into()),
            },
            ..Default::default()
        },
    )
    .expect("the build renders")
}

fn chart_ids(tree: &OutputTree) -> Vec<String> {
    tree.iter()
        .filter_map(|(p, _)| p.strip_prefix("svg/")?.strip_suffix(".svg"))
        .map(str::to_string)
        .collect()
}

/// Names of the fonts embedded as font files.
fn embedded_fonts(doc: &Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor"))
        .filter(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
        .filter_map(|d| d.get(b"FontName").and_then(Object::as_name).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

/// (page number, page it links to) of every link on every page.
fn links(doc: &Document) -> Vec<(u32, u32)> {
    let pages = doc.get_pages();
    let number: HashMap<ObjectId, u32> = pages.iter().map(|(&n, &id)| (id, n)).collect();
    let mut out = Vec::new();
    for (&n, &id) in &pages {
        for annot in doc.get_page_annotations(id).unwrap_or_default() {
            if annot.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
                continue;
            }
            let dest = annot
                .get(b"Dest")
                .ok()
                .or_else(|| {
                    annot
                        .get(b"A")
                        .ok()
                        .and_then(|a| a.as_dict().ok()?.get(b"D").ok())
                })
                .expect("a link with a destination");
            let (_, dest) = doc.dereference(dest).expect("a destination");
            let target = dest.as_array().expect("an explicit destination")[0]
                .as_reference()
                .expect("a page reference");
            out.push((n, number[&target]));
        }
    }
    out
}

fn text_of(o: &Object) -> String {
    let bytes = o.as_str().expect("a string");
    if let Some(utf16) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// (level, title, page number) of every bookmark, in order, read by
/// following the outline's First and Next entries.
fn bookmarks(doc: &Document) -> Vec<(usize, String, u32)> {
    let number: HashMap<ObjectId, u32> = doc.get_pages().iter().map(|(&n, &id)| (id, n)).collect();
    let catalog = doc.catalog().expect("a catalog");
    let outlines = catalog
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("the booklet has bookmarks");
    let first = |id: ObjectId| {
        doc.get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"First").ok()?.as_reference().ok())
    };
    let mut out = Vec::new();
    let mut stack: Vec<(ObjectId, usize)> = first(outlines).map(|f| (f, 1)).into_iter().collect();
    while let Some((id, level)) = stack.pop() {
        let item = doc.get_dictionary(id).expect("a bookmark");
        let dest = item
            .get(b"Dest")
            .ok()
            .or_else(|| {
                item.get(b"A")
                    .ok()
                    .and_then(|a| a.as_dict().ok()?.get(b"D").ok())
            })
            .expect("a bookmark with a destination");
        let (_, dest) = doc.dereference(dest).expect("a destination");
        let page = dest.as_array().expect("an explicit destination")[0]
            .as_reference()
            .expect("a page");
        out.push((
            level,
            text_of(item.get(b"Title").expect("a title")),
            number[&page],
        ));
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push((next, level));
        }
        if let Some(child) = first(id) {
            stack.push((child, level + 1));
        }
    }
    out
}

#[test]
fn the_booklet_has_a_title_page_and_every_chart_with_bookmarks_and_links() {
    let org = default_org();
    let tree = render(&org, false, Paper::default());
    let ids = chart_ids(&tree);
    let pdf = tree
        .get(&charts::booklet_path(&org))
        .expect("the booklet is written");
    assert_eq!(charts::booklet_path(&org), "pdf/groep-mechelen.pdf");
    let doc = Document::load_mem(pdf).expect("lopdf reads the booklet");
    let pages = doc.get_pages();
    assert_eq!(
        pages.len(),
        ids.len() + 1,
        "a title page and one page per chart"
    );
    for &id in pages.values() {
        let (w, h) = media_box(&doc, id);
        assert!(
            (w - 1190.55).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "A3 landscape: {w} x {h}"
        );
    }
    let fonts = embedded_fonts(&doc);
    assert!(
        fonts.iter().any(|f| f.ends_with("DejaVuSans"))
            && fonts.iter().any(|f| f.ends_with("DejaVuSans-Bold")),
        "DejaVu Sans and its bold are embedded: {fonts:?}"
    );
    let toc = bookmarks(&doc);
    assert_eq!(toc.len(), ids.len(), "one bookmark per chart");
    assert_eq!(toc[0], (1, "Organigram Groep Mechelen".to_string(), 2));
    assert!(
        toc.iter().any(|t| t.0 == 2),
        "divisions nest under the organisation"
    );
    let mut pages_linked: Vec<u32> = toc.iter().map(|t| t.2).collect();
    pages_linked.sort();
    assert_eq!(
        pages_linked,
        (2..ids.len() as u32 + 2).collect::<Vec<_>>(),
        "a bookmark for every chart page"
    );
    let mut titles: Vec<String> = toc.iter().map(|t| t.1.clone()).collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), ids.len(), "every chart has its own bookmark");
    // The text of the title page is there, in the organisation's words.
    // (Text extraction may put each glyph on a line of its own.)
    let title_page: String = doc
        .extract_text(&[1])
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert!(
        title_page.contains("GroepMechelen") && title_page.contains("2026-12-01"),
        "{title_page}"
    );
    // A chart's text is text (searchable, copyable), a line as one run:
    // the whole organisation's page has its units' names and figures.
    let chart_page = doc.extract_text(&[2]).unwrap_or_default();
    for name in [
        "Stad en Sociaal Huis",
        "Ambtenaar noodplanning",
        "209,75 VTE",
    ] {
        assert!(chart_page.contains(name), "{name} in: {chart_page}");
    }
}

#[test]
fn continued_boxes_link_to_the_page_they_continue_on() {
    let org = organogram::synthetic::organisation(300, 7);
    let tree = render(&org, false, Paper::default());
    let all = charts::all_charts(&org, &charts::ChartOptions::default());
    let pdf = tree.get(&charts::booklet_path(&org)).expect("a booklet");
    let doc = Document::load_mem(pdf).expect("lopdf reads it");
    let links = links(&doc);
    let expected: usize = all.iter().map(|c| c.links.len()).sum();
    assert!(expected > 0, "a chart of 300 units is continued");
    assert_eq!(links.len(), expected, "every continued box is a link");
    let page_of: BTreeMap<&str, u32> = all
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i as u32 + 2))
        .collect();
    let mut want: Vec<(u32, u32)> = all
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.links
                .iter()
                .map(move |l| (i as u32 + 2, l.target.clone()))
        })
        .map(|(p, t)| (p, page_of[t.as_str()]))
        .collect();
    let mut got = links;
    want.sort();
    got.sort();
    assert_eq!(
        got, want,
        "each link leads to the page of the chart it names"
    );
    assert!(got.iter().all(|&(from, to)| from != to));
}

#[test]
fn every_chart_has_a_pdf_of_one_page_beside_its_svg() {
    let org = default_org();
    let a4 = Paper {
        size: PaperSize::A4,
        orientation: Orientation::Portrait,
    };
    let tree = render(&org, false, a4);
    for id in chart_ids(&tree) {
        let pdf = tree
            .get(&chart_path(&id, ChartFormat::Pdf))
            .unwrap_or_else(|| panic!("no PDF for {id}"));
        let doc = Document::load_mem(pdf).expect("lopdf reads it");
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1, "{id}");
        let (w, h) = media_box(&doc, pages[&1]);
        assert!(
            (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "{id}: A4 portrait, not {w} x {h}"
        );
        assert!(!embedded_fonts(&doc).is_empty(), "{id}: fonts embedded");
    }
}

/// Every object `doc` refers to, at any depth, from its trailer on: none
/// of them missing.
fn all_references_resolve(doc: &Document) -> bool {
    let mut stack: Vec<&Object> = doc.trailer.iter().map(|(_, v)| v).collect();
    stack.extend(doc.objects.values());
    while let Some(object) = stack.pop() {
        match object {
            Object::Reference(id) if !doc.objects.contains_key(id) => return false,
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    true
}

#[test]
fn a_charts_pdf_is_its_page_of_the_booklet_with_a_title_and_language_of_its_own() {
    let org = default_org();
    let paper = Paper::default();
    let tree = render(&org, false, paper);
    let booklet = Document::load_mem(tree.get(&charts::booklet_path(&org)).unwrap()).unwrap();
    let booklet_pages = booklet.get_pages();
    // The charts in the booklet's order (after its title page).
    let options = charts::ChartOptions {
        layout: organogram::layout::Options::for_paper(paper),
        ..Default::default()
    };
    let all = charts::all_charts(&org, &options);
    assert_eq!(booklet_pages.len(), all.len() + 1);
    for (i, chart) in all.iter().enumerate() {
        let bytes = tree.get(&chart_path(&chart.id, ChartFormat::Pdf)).unwrap();
        let pdf = Document::load_mem(bytes).expect("lopdf reads it");
        let pages = pdf.get_pages();
        assert_eq!(pages.len(), 1, "{}", chart.id);
        let drawing = pdf.get_page_content(pages[&1]);
        assert!(
            drawing.windows(2).any(|w| w == b"TJ"),
            "{}: text drawn",
            chart.id
        );
        assert_eq!(
            drawing,
            booklet.get_page_content(booklet_pages[&(i as u32 + 2)]),
            "{}: the drawing of its page of the booklet",
            chart.id
        );
        assert_eq!(embedded_fonts(&pdf).len(), 2, "{}: both fonts", chart.id);
        assert!(all_references_resolve(&pdf), "{}", chart.id);
        // Nothing of the other pages of its section came along.
        assert!(
            pdf.objects.len() < 30,
            "{}: {} objects",
            chart.id,
            pdf.objects.len()
        );
        let info = pdf
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .unwrap();
        let info = pdf.get_dictionary(info).unwrap();
        assert_eq!(text_of(info.get(b"Title").unwrap()), chart.title);
        let catalog = pdf.catalog().unwrap();
        assert_eq!(text_of(catalog.get(b"Lang").unwrap()), "nl-BE");
        let metadata = catalog
            .get(b"Metadata")
            .and_then(Object::as_reference)
            .unwrap();
        let xmp = pdf.get_object(metadata).unwrap().as_stream().unwrap();
        let xmp = String::from_utf8_lossy(&xmp.content);
        assert!(xmp.contains(&chart.title.replace('&', "&amp;")), "{xmp}");
    }
}

#[test]
fn by_default_a_charts_pdf_link_opens_its_page_of_the_booklet() {
    let org = default_org();
    let options = BuildOptions {
        pdf: true,
        ..Default::default()
    };
    let tree = compile::render(&org, &options).unwrap();
    assert!(
        !tree
            .iter()
            .any(|(p, _)| p.starts_with("svg/") && p.ends_with(".pdf")),
        "a PDF per chart, the booklet's pages written twice"
    );
    let booklet = charts::booklet_path(&org);
    let doc = Document::load_mem(tree.get(&booklet).expect("the booklet")).unwrap();
    let toc = bookmarks(&doc);
    for (page, chart) in [
        ("index.html", "organisation"),
        ("units/dirsa.html", "unit-dirsa"),
        ("bodies.html", "governance"),
    ] {
        let html = String::from_utf8(tree.get(&format!("html/{page}")).unwrap().to_vec()).unwrap();
        let root = "../".repeat(page.matches('/').count());
        let start = format!("class=\"chart-pdf\" href=\"{root}../{booklet}#page=");
        let at = html
            .find(&start)
            .unwrap_or_else(|| panic!("{page}: no PDF link"));
        let rest = &html[at + start.len()..];
        let number: u32 = rest[..rest.find('"').unwrap()].parse().unwrap();
        let svg =
            String::from_utf8(tree.get(&format!("svg/{chart}.svg")).unwrap().to_vec()).unwrap();
        let title = &svg[svg.find("<title id=\"chart-title\">").unwrap() + 24..];
        let title = &title[..title.find("</title>").unwrap()];
        assert!(
            toc.iter().any(|(_, t, n)| t == title && *n == number),
            "{page}: page {number} of the booklet is not `{title}`: {toc:?}"
        );
    }
}

#[test]
fn pngs_are_drawn_at_twice_the_size_and_are_not_blank() {
    let org = default_org();
    let tree = render(&org, true, Paper::default());
    let mut all = charts::all_charts(&org, &charts::ChartOptions::default());
    for chart in &all {
        assert!(
            tree.get(&chart_path(&chart.id, ChartFormat::Png)).is_some(),
            "no PNG for {}",
            chart.id
        );
    }
    // Painting is slow in a debug build: look closely at the three smallest.
    all.sort_by(|a, b| (a.width * a.height).total_cmp(&(b.width * b.height)));
    for chart in all.iter().take(3) {
        let png = tree
            .get(&chart_path(&chart.id, ChartFormat::Png))
            .expect("a PNG");
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("a PNG");
        assert_eq!(
            pixmap.width(),
            (chart.width * print::PNG_SCALE).ceil() as u32,
            "{}",
            chart.id
        );
        assert_eq!(
            pixmap.height(),
            (chart.height * print::PNG_SCALE).ceil() as u32,
            "{}",
            chart.id
        );
        // Dark pixels (text, lines) on a white background, but mostly white.
        let pixels = pixmap.pixels();
        let dark = pixels
            .iter()
            .filter(|p| p.red() < 128 && p.green() < 128)
            .count();
        let white = pixels
            .iter()
            .filter(|p| p.red() == 255 && p.green() == 255 && p.blue() == 255)
            .count();
        assert!(dark > pixels.len() / 1000, "{}: nothing drawn", chart.id);
        assert!(white > pixels.len() / 2, "{}: not on white", chart.id);
        assert_eq!(
            print::png(&chart.svg).as_deref(),
            Ok(png),
            "{}: the same picture twice",
            chart.id
        );
    }
}

#[test]
fn pdfs_are_byte_identical_from_run_to_run() {
    let org = default_org();
    let a = render(&org, false, Paper::default());
    let b = render(&org, false, Paper::default());
    for (path, content) in a.iter().filter(|(p, _)| p.ends_with(".pdf")) {
        assert!(
            b.get(path) == Some(content),
            "{path} differs between two runs"
        );
    }
}
