//! The `[output]` table of an organisation: what a build writes and on what
//! paper, with the command line's choices over it.

mod common;
use common::{media_box, mm};

use std::path::{Path, PathBuf};

use lopdf::Document;
use organogram::charts::booklet_path;
use organogram::compile::{self, BuildOptions};
use organogram::layout::paper::{Orientation, PaperSize};
use organogram::model::{Organisation, OutputSettings};
use organogram::output::OutputTree;

/// `org/` copied with `output` added to its first file.
fn org_with(output: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    std::fs::create_dir_all(&org).unwrap();
    let mut first = true;
    let mut files: Vec<PathBuf> = std::fs::read_dir("org")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for path in files {
        let mut text = std::fs::read_to_string(&path).unwrap();
        if first {
            text.push_str(output);
            first = false;
        }
        std::fs::write(org.join(path.file_name().unwrap()), text).unwrap();
    }
    (dir, org)
}

fn model(dir: &Path) -> Organisation {
    let checked = compile::check_dir(dir).unwrap();
    assert!(
        checked.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        checked.diagnostics
    );
    checked.organisation.expect("valid")
}

/// As `organogram build` makes them: the booklet and a PDF per chart, no
/// PNGs, unless told otherwise.
fn build_options(output: OutputSettings) -> BuildOptions {
    BuildOptions {
        pdf: true,
        chart_pdfs: true,
        png: false,
        output,
        ..Default::default()
    }
}

/// Files directly in the output's chart folders (`svg/`, `png/`, `pdf/`).
fn count(tree: &OutputTree, suffix: &str) -> usize {
    tree.iter()
        .filter(|(p, _)| {
            p.ends_with(suffix) && ["svg/", "png/", "pdf/"].iter().any(|d| p.starts_with(d))
        })
        .count()
}

/// The width and height of the booklet's first page, in mm.
fn first_page_mm(tree: &OutputTree, org: &Organisation) -> (i64, i64) {
    let doc = Document::load_mem(tree.get(&booklet_path(org)).expect("a booklet")).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let (w, h) = media_box(&doc, page);
    (mm(w), mm(h))
}

#[test]
fn the_output_table_turns_pdfs_off_and_pngs_on() {
    let (_dir, org_dir) = org_with("\n[output]\npdf = false\npng = true\n");
    let org = model(&org_dir);
    assert_eq!(org.output.pdf, Some(false));
    let tree = compile::render(&org, &build_options(OutputSettings::default())).unwrap();
    assert_eq!(count(&tree, ".pdf"), 0, "no PDFs with pdf = false");
    let svgs = count(&tree, ".svg");
    assert!(svgs > 0);
    assert_eq!(count(&tree, ".png"), svgs, "a PNG of every chart");

    // The command line wins: `--pdf --no-png`.
    let tree = compile::render(
        &org,
        &build_options(OutputSettings {
            pdf: Some(true),
            png: Some(false),
            ..Default::default()
        }),
    )
    .unwrap();
    assert_eq!(count(&tree, ".png"), 0);
    assert_eq!(
        count(&tree, ".pdf"),
        svgs + 1,
        "a PDF per chart and the booklet"
    );
    // `--no-chart-pdfs`: the booklet alone.
    let tree = compile::render(
        &org,
        &build_options(OutputSettings {
            pdf: Some(true),
            chart_pdfs: Some(false),
            ..Default::default()
        }),
    )
    .unwrap();
    assert_eq!(count(&tree, ".pdf"), 1, "the booklet");
}

#[test]
fn the_output_table_turns_the_pdf_per_chart_off() {
    let (_dir, org_dir) = org_with("\n[output]\nchart_pdfs = false\n");
    let org = model(&org_dir);
    assert_eq!(org.output.chart_pdfs, Some(false));
    let tree = compile::render(&org, &build_options(OutputSettings::default())).unwrap();
    assert_eq!(count(&tree, ".pdf"), 1, "the booklet alone");
    // Each chart's PDF link opens its page of the booklet instead.
    let page = String::from_utf8_lossy(tree.get("html/units/dirsa.html").expect("DirSa's page"));
    assert!(!page.contains(".pdf\""), "no link to a PDF of its own");
    assert!(
        page.contains(".pdf#page="),
        "a link to its page of the booklet"
    );
    // And `--chart-pdfs` brings them back.
    let tree = compile::render(
        &org,
        &build_options(OutputSettings {
            chart_pdfs: Some(true),
            ..Default::default()
        }),
    )
    .unwrap();
    assert!(count(&tree, ".pdf") > 1);
}

#[test]
fn the_output_table_sets_the_paper_and_the_command_line_overrides_it() {
    let (_dir, org_dir) = org_with("\n[output]\npaper = \"a4\"\norientation = \"portrait\"\n");
    let org = model(&org_dir);
    let tree = compile::render(&org, &build_options(OutputSettings::default())).unwrap();
    assert_eq!(first_page_mm(&tree, &org), (210, 297), "A4 portrait");

    let over = OutputSettings {
        paper: Some(PaperSize::A3),
        orientation: Some(Orientation::Landscape),
        ..Default::default()
    };
    let tree = compile::render(&org, &build_options(over)).unwrap();
    assert_eq!(first_page_mm(&tree, &org), (420, 297), "A3 landscape");

    // The effective options are part of the build key, so that an
    // incremental build after a change of paper renders everything again.
    let templates = organogram::render::Templates::load(None).unwrap();
    let a4 = compile::config_key(
        &build_options(OutputSettings::default()).for_org(&org),
        &templates,
    );
    let a3 = compile::config_key(&build_options(over).for_org(&org), &templates);
    assert_ne!(a4, a3);
}

#[test]
fn output_may_be_given_only_once() {
    let (_dir, org_dir) = org_with("\n[output]\npng = true\n");
    let other = org_dir.join("zz-output.toml");
    std::fs::write(&other, "[output]\npng = false\n").unwrap();
    let checked = compile::check_dir(&org_dir).unwrap();
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(
        d.message.contains("[output] is defined more than once"),
        "{}",
        d.message
    );
    assert!(checked.organisation.is_none());
}

/// A very large organisation gets the booklet's pages as its charts' PDFs,
/// unless the command line or `[output]` asks for a PDF per chart.
#[test]
fn a_pdf_per_chart_above_the_limit_only_when_asked() {
    let org = organogram::synthetic::organisation(compile::CHART_PDF_UNITS + 1, 7);
    let defaults = BuildOptions {
        chart_pdfs: true,
        ..BuildOptions::default()
    };
    assert!(!defaults.for_org(&org).chart_pdfs);
    let asked = BuildOptions {
        output: OutputSettings {
            chart_pdfs: Some(true),
            ..OutputSettings::default()
        },
        ..defaults.clone()
    };
    assert!(asked.for_org(&org).chart_pdfs);
    let small = organogram::synthetic::organisation(1_000, 7);
    assert!(defaults.for_org(&small).chart_pdfs);
}
