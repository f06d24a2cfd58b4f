//! The booklet: a title page, then every chart on a page of its own in
//! reading order, with bookmarks that follow the chart tree and every
//! "→ continued" box a link to the page it continues on.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use krilla::Document;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};

use super::cut;
use super::deflate;
use super::join::{self, Bookmark};
use super::pdf::{Placement, draw, finish, page_settings};
use super::sections::Sections;
use crate::charts::Chart;
use crate::charts::words::words;
use crate::layout::paper::Paper;
use crate::model::Organisation;
use crate::render::svg::escape;

/// How the booklet is printed.
#[derive(Clone, Debug, Default)]
pub struct Booklet {
    pub paper: Paper,
    /// The date on the title page (as written, e.g. `2026-12-01`); none
    /// when not given, so the same input always makes the same file.
    pub date: Option<String>,
}

/// Bookmarks nest at most this deep; the charts of a very deep chain are
/// listed under the last level instead of one level each.
const MAX_OUTLINE_DEPTH: usize = 6;

/// What is done with each section of the booklet, in order, before it is
/// joined: its charts (a range of the booklet's charts, chart `i` of the
/// range on page `i` of the section) and the section itself. A chart's
/// own PDF is cut out of it ([`super::cut::page_pdf`]).
pub type OnSection<'a> = dyn FnMut(Range<usize>, &lopdf::Document) -> Result<(), String> + 'a;

/// The booklet of `charts` (in reading order) of `org`. Its chart pages
/// are made a section at a time ([`super::sections`]); those kept in `sections`'
/// store are not made again. The file is the same whichever sections were
/// kept. Each section is handed to `on_section` once.
pub fn booklet(
    org: &Organisation,
    charts: &[Chart],
    options: &Booklet,
    sections: &Sections,
    on_section: &mut OnSection,
) -> Result<Vec<u8>, String> {
    let paper = options.paper;
    let (pw, ph) = paper.size_pt();
    let mut document = Document::new();
    let mut title_page = document.start_page_with(page_settings(paper));
    let svg = title_svg(org, charts.len(), options.date.as_deref(), pw, ph);
    let whole = Placement {
        x: 0.0,
        y: 0.0,
        scale: 1.0,
    };
    draw(&mut title_page, &svg, whole)?;
    title_page.finish();
    let title = finish(
        document,
        Metadata::new()
            .title(format!("{} {}", words(org.locale).chart_of, org.name))
            .language(org.locale.tag().to_string())
            .creator("organogram".to_string()),
    )?;
    let (ranges, keys, store) = (&sections.ranges, &sections.keys, &sections.store);
    let links = links(charts, paper, 1);
    let bookmarks = bookmarks(charts, 1);
    // Sections handed over already, should the booklet be joined again;
    // and whether `on_section` failed (then the booklet is not).
    let mut handed = vec![false; ranges.len()];
    let refused = std::cell::Cell::new(false);
    // Sections are joined in order as they are made (on every core, each
    // on one) or read from the store: none is held once it is joined.
    let mut join = |kept: &[bool]| -> Result<Vec<u8>, String> {
        let order: Vec<usize> = (0..ranges.len()).collect();
        let mut joiner = join::Joiner::new(&links, &bookmarks, ph);
        joiner.add(&title)?;
        crate::parallel::pipeline(
            &order,
            2 * crate::parallel::threads(),
            |&i| (!kept[i]).then(|| section(&charts[ranges[i].clone()], paper)),
            |i, made| {
                let doc = match made {
                    Some(made) => {
                        let (doc, pdf) = made?;
                        store.put(keys[i], &pdf);
                        doc
                    }
                    None => match store.get(keys[i]) {
                        Some(pdf) => join::read(&pdf)?,
                        // Gone since: made here.
                        None => section(&charts[ranges[i].clone()], paper)?.0,
                    },
                };
                if !std::mem::replace(&mut handed[i], true) {
                    on_section(ranges[i].clone(), &doc).inspect_err(|_| refused.set(true))?;
                }
                joiner.add_document(doc)
            },
        )?;
        joiner.finish()
    };
    let kept: Vec<bool> = keys.iter().map(|&k| store.holds(k)).collect();
    let pdf = match join(&kept) {
        // A kept section that cannot be read (damaged on disk): all again.
        Err(_) if kept.contains(&true) && !refused.get() => join(&vec![false; kept.len()])?,
        other => other?,
    };
    store.forget_unused();
    Ok(pdf)
}

/// A section of the booklet: a page per chart, without links (the joined
/// booklet adds them) or anything else; as a document and as its file.
fn section(charts: &[Chart], paper: Paper) -> Result<(lopdf::Document, Vec<u8>), String> {
    // The pages' drawings are deflated afterwards, faster ([`deflate`]).
    let mut document = Document::new_with(krilla::SerializeSettings {
        compress_content_streams: false,
        ..krilla::SerializeSettings::default()
    });
    for chart in charts {
        let mut page = document.start_page_with(page_settings(paper));
        draw(
            &mut page,
            &chart.svg,
            Placement::of(paper, chart.width, chart.height),
        )?;
        page.finish();
    }
    deflate::content(&finish(document, Metadata::new())?)
}

/// Chart `chart` of `charts` (the booklet's, in reading order) as a PDF of
/// its own: its page of its booklet section, the section read from
/// `sections`' store or made. (A build cuts the charts' PDFs out of the
/// sections as it joins them; this is for a chart whose PDF is missing
/// when the booklet itself is not made again.)
pub fn section_page(
    charts: &[Chart],
    chart: usize,
    paper: Paper,
    sections: &Sections,
    lang: &str,
) -> Result<Vec<u8>, String> {
    let i = sections.of(chart);
    let range = sections.ranges[i].clone();
    // A kept section that cannot be read is made again.
    let doc = match sections
        .store
        .get(sections.keys[i])
        .map(|pdf| join::read(&pdf))
    {
        Some(Ok(doc)) => doc,
        _ => section(&charts[range.clone()], paper)?.0,
    };
    cut_page(&doc, chart - range.start, &charts[chart].title, lang)
}

/// `chart` alone as a PDF: the page a booklet of it alone would have.
pub fn chart_pdf(chart: &Chart, paper: Paper, lang: &str) -> Result<Vec<u8>, String> {
    let (doc, _) = section(std::slice::from_ref(chart), paper)?;
    cut_page(&doc, 0, &chart.title, lang)
}

/// Page `page` (0-based) of `section` as a PDF of its own.
fn cut_page(
    section: &lopdf::Document,
    page: usize,
    title: &str,
    lang: &str,
) -> Result<Vec<u8>, String> {
    let id = *section
        .get_pages()
        .get(&(page as u32 + 1))
        .ok_or_else(|| format!("a booklet section has no page {}", page + 1))?;
    cut::page_pdf(section, id, title, lang)
}

/// Every "→ continued" box of `charts` as a link to the page of its chart
/// (chart i on page `first + i`), in the PDF's coordinates.
fn links(charts: &[Chart], paper: Paper, first: usize) -> Vec<join::Link> {
    let page_of: HashMap<&str, usize> = charts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i + first))
        .collect();
    let (_, ph) = paper.size_pt();
    let mut out = Vec::new();
    for (i, chart) in charts.iter().enumerate() {
        let at = Placement::of(paper, chart.width, chart.height);
        for link in &chart.links {
            let Some(&target) = page_of.get(link.target.as_str()) else {
                continue;
            };
            let r = link.rect;
            let (a, b) = (at.point(r.x, r.y), at.point(r.right(), r.bottom()));
            if Rect::from_ltrb(a.x, a.y, b.x, b.y).is_none() {
                continue;
            }
            out.push(join::Link {
                page: i + first,
                // From the page's bottom, as PDF counts.
                rect: [a.x, ph - b.y, b.x, ph - a.y],
                target,
                title: charts[target - first].title.clone(),
            });
        }
    }
    out
}

/// `charts` (in reading order) on pages of their own and nothing else,
/// with bookmarks and links between them, e.g. the pages of a diff chart.
pub fn charts_pdf(
    charts: &[Chart],
    paper: Paper,
    title: &str,
    lang: &str,
) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    chart_pages(&mut document, charts, paper, 0)?;
    document.set_outline(outline(&bookmarks(charts, 0)));
    finish(
        document,
        Metadata::new()
            .title(title.to_string())
            .language(lang.to_string())
            .creator("organogram".to_string()),
    )
}

/// Adds a page per chart, the first being page `first` (0-based) of the
/// document; every "→ continued" box links to the page of its chart.
fn chart_pages(
    document: &mut Document,
    charts: &[Chart],
    paper: Paper,
    first: usize,
) -> Result<(), String> {
    let page_of: HashMap<&str, usize> = charts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i + first))
        .collect();
    for chart in charts {
        let mut page = document.start_page_with(page_settings(paper));
        let at = Placement::of(paper, chart.width, chart.height);
        draw(&mut page, &chart.svg, at)?;
        for link in &chart.links {
            let Some(&target) = page_of.get(link.target.as_str()) else {
                continue;
            };
            let r = link.rect;
            let (a, b) = (at.point(r.x, r.y), at.point(r.right(), r.bottom()));
            let Some(rect) = Rect::from_ltrb(a.x, a.y, b.x, b.y) else {
                continue;
            };
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Destination(Destination::Xyz(top_of(target)))),
                Some(charts[target - first].title.clone()),
            ));
        }
        page.finish();
    }
    Ok(())
}

fn top_of(page: usize) -> XyzDestination {
    XyzDestination::new(page, Point::from_xy(0.0, 0.0))
}

/// Bookmarks: each chart under its parent chart, in reading order; charts
/// without a parent (the whole organisation, views, governance) at the top,
/// unfolded. Chart i is on page `first + i`.
fn bookmarks(charts: &[Chart], first: usize) -> Vec<Bookmark> {
    let index: HashMap<&str, usize> = charts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = charts
        .iter()
        .map(|c| c.parent.as_deref().and_then(|p| index.get(p).copied()))
        .collect();
    // Depth of each chart in the tree, resolved once each (no recursion,
    // so a chain of thousands of charts is no risk).
    let mut depth: Vec<Option<usize>> = vec![None; charts.len()];
    for start in 0..charts.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        let mut base = 0;
        while let Some(i) = at {
            if let Some(d) = depth[i] {
                base = d + 1;
                break;
            }
            path.push(i);
            at = parent[i];
            // A parent chart listed after its child cannot loop: parents
            // are units above, and the unit tree has no cycles.
        }
        for (k, &i) in path.iter().rev().enumerate() {
            depth[i] = Some(base + k);
        }
    }
    // Past the last level, a chart goes under its ancestor on that level.
    let depth: Vec<usize> = depth.into_iter().map(|d| d.unwrap_or(0)).collect();
    let mut shallow_first: Vec<usize> = (0..charts.len()).collect();
    shallow_first.sort_by_key(|&i| depth[i]);
    let mut attach: Vec<Option<usize>> = vec![None; charts.len()];
    for &i in &shallow_first {
        attach[i] = parent[i].map(|p| {
            if depth[p] < MAX_OUTLINE_DEPTH {
                p
            } else {
                attach[p].unwrap_or(p)
            }
        });
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); charts.len()];
    let mut roots = Vec::new();
    for (i, a) in attach.iter().enumerate() {
        match a {
            Some(p) => children[*p].push(i),
            None => roots.push(i),
        }
    }
    // Deepest first, so every node's children are built before it.
    let mut by_depth: Vec<usize> = (0..charts.len()).collect();
    by_depth.sort_by_key(|&i| std::cmp::Reverse(depth[i].min(MAX_OUTLINE_DEPTH)));
    let mut nodes: Vec<Option<Bookmark>> = (0..charts.len()).map(|_| None).collect();
    for &i in &by_depth {
        let children = children[i]
            .iter()
            .filter_map(|&k| nodes[k].take())
            .collect();
        nodes[i] = Some(Bookmark {
            title: charts[i].title.clone(),
            page: i + first,
            open: false,
            children,
        });
    }
    roots
        .into_iter()
        .filter_map(|i| nodes[i].take())
        .map(|b| Bookmark { open: true, ..b })
        .collect()
}

/// `bookmarks` as krilla writes them.
fn outline(bookmarks: &[Bookmark]) -> Outline {
    fn node(b: &Bookmark) -> OutlineNode {
        let mut made = OutlineNode::new(b.title.clone(), top_of(b.page)).with_open(b.open);
        for child in &b.children {
            made.push_child(node(child));
        }
        made
    }
    let mut outline = Outline::new();
    for b in bookmarks {
        outline.push_child(node(b));
    }
    outline
}

/// The title page, as an SVG of the page's size in points.
fn title_svg(org: &Organisation, charts: usize, date: Option<&str>, w: f32, h: f32) -> String {
    let w_ = words(org.locale);
    let root = &org.units[org.root];
    let mut lines: Vec<(f32, bool, String)> = vec![
        (36.0, true, org.name.clone()),
        (20.0, false, w_.charts_title.to_string()),
    ];
    if let Some(date) = date {
        lines.push((16.0, false, date.to_string()));
    }
    lines.push((
        16.0,
        false,
        format!("{}: {}", w_.total, org.locale.format_fte(root.total_fte)),
    ));
    lines.push((
        16.0,
        false,
        format!(
            "{} {}, {charts} {}",
            org.units.len(),
            w_.units,
            w_.charts_count
        ),
    ));
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
    );
    let mut y = h * 0.38;
    for (i, (size, bold, text)) in lines.iter().enumerate() {
        let weight = if *bold { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{y}\" font-family=\"DejaVu Sans\" font-size=\"{size}\"{weight} fill=\"#1c2833\">{}</text>",
            w * 0.1,
            escape(text)
        );
        y += size * if i == 0 { 2.0 } else { 1.6 };
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::sections::Store;

    #[test]
    fn each_section_is_handed_over_once_in_order_and_a_refusal_fails_the_booklet() {
        let org = crate::synthetic::organisation(400, 7);
        let charts = crate::charts::all_charts(&org, &crate::charts::ChartOptions::default());
        let dir = tempfile::tempdir().unwrap();
        let sections = Sections::new(&charts, Paper::default(), Store::at(dir.path()));
        assert!(
            sections.ranges.len() > 2,
            "{} sections",
            sections.ranges.len()
        );
        let mut seen = Vec::new();
        booklet(
            &org,
            &charts,
            &Booklet::default(),
            &sections,
            &mut |range, doc| {
                assert_eq!(doc.get_pages().len(), range.len());
                seen.push(range);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, sections.ranges);
        // Kept sections, read back: a refusal is the booklet's error, not
        // taken for a damaged section and joined again.
        let mut handed = 0;
        let refused = booklet(
            &org,
            &charts,
            &Booklet::default(),
            &sections,
            &mut |_, _| {
                handed += 1;
                if handed == 2 {
                    Err("refused".to_string())
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(refused, Err("refused".to_string()));
        assert_eq!(handed, 2);
    }
}
