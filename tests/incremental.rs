//! Rebuilds do only what changed, and builds into one folder never mix.

mod common;
use common::copy_dir;

use std::fs;
use std::path::Path;

use organogram::compile::{self, BuildOptions};
use organogram::progress::Progress;

fn write_org(dir: &Path, units: usize) {
    fs::create_dir_all(dir).unwrap();
    for (name, text) in organogram::synthetic::files(units, 5) {
        fs::write(dir.join(name), text).unwrap();
    }
}

fn build(org: &Path, out: &Path) -> organogram::write::Changes {
    build_with(org, out, false)
}

/// A build, with the booklet of all charts if `booklet`.
fn build_with(org: &Path, out: &Path, booklet: bool) -> organogram::write::Changes {
    build_print(org, out, booklet, false)
}

/// A build, with the booklet if `booklet` and a PDF per chart if `chart_pdfs`.
fn build_print(
    org: &Path,
    out: &Path,
    booklet: bool,
    chart_pdfs: bool,
) -> organogram::write::Changes {
    let checked = compile::check_dir(org).unwrap();
    let model = checked.organisation.expect("valid");
    let options = BuildOptions {
        org_dir: Some(org.to_path_buf()),
        pdf: booklet,
        chart_pdfs,
        ..BuildOptions::default()
    };
    compile::build(
        &model,
        &checked.sources,
        &options,
        out,
        Progress::hidden(),
        &mut || {},
    )
    .expect("build")
}

fn count_files(dir: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn a_rebuild_with_nothing_changed_renders_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (org, out) = (dir.path().join("org"), dir.path().join("out"));
    write_org(&org, 300);
    let first = build(&org, &out);
    assert!(first.added.len() > 600, "{}", first.added.len());
    let second = build(&org, &out);
    assert!(second.is_empty());
    assert_eq!(second.unchanged, 0, "nothing was even looked at");
    // A file removed by hand is noticed: the folder no longer holds the build.
    fs::remove_file(out.join("html/index.html")).unwrap();
    let third = build(&org, &out);
    assert_eq!(third.added, ["html/index.html"]);
    assert!(third.reused > 600, "the rest was not rendered again");
}

/// A build of the dated fixture on `at`.
fn build_dated_on(out: &Path, at: &str) -> organogram::write::Changes {
    let org = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dated");
    let at = organogram::model::Date::parse(at).expect("a date");
    let checked = compile::check_dir_at(&org, at).unwrap();
    let model = checked.organisation.expect("valid");
    let options = BuildOptions {
        org_dir: Some(org.clone()),
        at: Some(at),
        ..BuildOptions::default()
    };
    compile::build(
        &model,
        &checked.sources,
        &options,
        out,
        Progress::hidden(),
        &mut || {},
    )
    .expect("build")
}

#[test]
fn the_date_of_a_build_matters_only_across_a_dated_change() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert!(!build_dated_on(&out, "2016-06-01").added.is_empty());
    // No change between 2015-03-01 and 2019-01-01: the same build.
    let same = build_dated_on(&out, "2018-12-31");
    assert!(same.is_empty());
    assert_eq!(same.unchanged, 0, "nothing was even looked at");
    // The merger of 2019-01-01 is past: pages change.
    let after = build_dated_on(&out, "2019-01-01");
    assert!(!after.is_empty(), "{after:?}");
}

#[test]
fn a_one_unit_edit_renders_only_the_pages_it_touches() {
    let dir = tempfile::tempdir().unwrap();
    let (org, out) = (dir.path().join("org"), dir.path().join("out"));
    write_org(&org, 1000);
    let first = build(&org, &out);
    let total = first.added.len();
    // Rename one unit deep in the tree.
    let file = org.join("directie-003.toml");
    let text = fs::read_to_string(&file).unwrap();
    let at = text.rfind("name = ").unwrap();
    let edited = format!("{}name = \"Hernoemde dienst\"{}", &text[..at], {
        let rest = &text[at..];
        &rest[rest.find('\n').unwrap()..]
    });
    fs::write(&file, edited).unwrap();
    let second = build(&org, &out);
    let written = second.added.len() + second.changed.len();
    assert!(!second.changed.is_empty());
    assert!(
        written * 20 < total,
        "{written} of {total} files were rewritten: {:?}",
        second.changed
    );
    assert!(
        second.reused * 2 > total,
        "only {} of {total} files were reused without rendering",
        second.reused
    );
    assert!(
        fs::read_to_string(out.join("html/assets/search-index.js"))
            .unwrap()
            .contains("Hernoemde dienst")
    );
}

/// Renames the last unit of `directie-003.toml` to `name`.
fn rename_last_unit(org: &Path, name: &str) {
    let file = org.join("directie-003.toml");
    let text = fs::read_to_string(&file).unwrap();
    let at = text.rfind("name = ").unwrap();
    let rest = &text[at..];
    let edited = format!(
        "{}name = \"{name}\"{}",
        &text[..at],
        &rest[rest.find('\n').unwrap()..]
    );
    fs::write(&file, edited).unwrap();
}

#[test]
fn after_an_edit_the_booklet_is_made_from_kept_sections_and_is_that_of_a_new_build() {
    let dir = tempfile::tempdir().unwrap();
    let (org, out) = (dir.path().join("org"), dir.path().join("out"));
    write_org(&org, 1000);
    build_with(&org, &out, true);
    let cache = dir.path().join(".out.cache/booklet");
    let sections = |cache: &Path| {
        let mut names: Vec<_> = fs::read_dir(cache)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = sections(&cache);
    assert!(before.len() > 1, "the booklet is kept in sections");
    rename_last_unit(&org, "Hernoemde dienst");
    let second = build_with(&org, &out, true);
    let booklet = "pdf/synthetische-stad.pdf";
    assert!(second.changed.iter().any(|p| p == booklet));
    let after = sections(&cache);
    assert_eq!(after.len(), before.len(), "the old section is removed");
    let made_again = after.iter().filter(|s| !before.contains(s)).count();
    assert_eq!(made_again, 1, "one section is made again");
    // A new build, with nothing kept, makes the very same file.
    let fresh = dir.path().join("fresh");
    build_with(&org, &fresh, true);
    assert!(fs::read(out.join(booklet)).unwrap() == fs::read(fresh.join(booklet)).unwrap());
    // A damaged section is noticed and made again.
    for name in &after {
        fs::write(cache.join(name), "damaged").unwrap();
    }
    rename_last_unit(&org, "Nog eens hernoemd");
    build_with(&org, &out, true);
    let fresh = dir.path().join("fresh2");
    build_with(&org, &fresh, true);
    assert!(fs::read(out.join(booklet)).unwrap() == fs::read(fresh.join(booklet)).unwrap());
}

#[test]
fn two_builds_into_one_new_folder_at_once_both_succeed_and_never_mix() {
    let dir = tempfile::tempdir().unwrap();
    let (org, out) = (dir.path().join("org"), dir.path().join("out"));
    write_org(&org, 200);
    let expected = {
        let alone = dir.path().join("alone");
        build(&org, &alone);
        count_files(&alone)
    };
    for _ in 0..3 {
        let _ = fs::remove_dir_all(&out);
        std::thread::scope(|s| {
            let a = s.spawn(|| build(&org, &out));
            let b = s.spawn(|| build(&org, &out));
            a.join().expect("first build");
            b.join().expect("second build");
        });
        assert_eq!(count_files(&out), expected, "out/ holds one complete build");
    }
}

#[test]
fn a_renamed_unit_is_renamed_on_the_charts_of_the_pages_above_it() {
    let dir = tempfile::tempdir().unwrap();
    let (org, out) = (dir.path().join("org"), dir.path().join("out"));
    copy_dir(Path::new("org"), &org);
    build(&org, &out);
    // SPM is two levels below the top unit: on its chart, not in its
    // page's tables.
    let page = "md/units/seg.md";
    assert!(
        fs::read_to_string(out.join(page))
            .unwrap()
            .contains(">SPM</text>")
    );
    let file = org.join("isb.toml");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("name = \"SPM\""));
    fs::write(&file, text.replace("name = \"SPM\"", "name = \"SPMX\"")).unwrap();
    build(&org, &out);
    let text = fs::read_to_string(out.join(page)).unwrap();
    assert!(text.contains(">SPMX</text>"), "{page} shows the old chart");
}

/// The PDFs under `dir/svg`, by name.
fn chart_pdfs(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir.join("svg"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_charts_pdfs_cut_out_of_the_booklet_are_those_of_a_new_build_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (org, out) = (dir.path().join("org"), dir.path().join("out"));
    write_org(&org, 1000);
    let first = build_print(&org, &out, true, true);
    let before = chart_pdfs(&out);
    assert!(before.len() > 10, "a PDF per chart");
    assert_eq!(
        first.added.iter().filter(|p| p.ends_with(".pdf")).count(),
        before.len() + 1,
        "and the booklet"
    );
    // Letters no other chart has: the fonts of the edited chart's section
    // change, and so the PDFs of all its charts.
    rename_last_unit(&org, "Dienst Øresund Ŋ Ʃ");
    let second = build_print(&org, &out, true, true);
    let rewritten = second
        .changed
        .iter()
        .filter(|p| p.starts_with("svg/") && p.ends_with(".pdf"))
        .count();
    // The edited chart's section (its fonts hold the letters of all its
    // charts), not every chart.
    assert!(
        rewritten >= 1 && rewritten * 2 < before.len(),
        "{rewritten} of {} chart PDFs rewritten",
        before.len()
    );
    let fresh = dir.path().join("fresh");
    build_print(&org, &fresh, true, true);
    assert!(chart_pdfs(&out) == chart_pdfs(&fresh));
    // A chart's PDF gone from the folder while the booklet is there: made
    // again from the kept section, the same file.
    let (name, _) = chart_pdfs(&fresh).into_iter().nth(3).unwrap();
    fs::remove_file(out.join("svg").join(&name)).unwrap();
    let third = build_print(&org, &out, true, true);
    assert_eq!(third.added, vec![format!("svg/{name}")]);
    assert!(chart_pdfs(&out) == chart_pdfs(&fresh));
    // And without the kept sections, made again from the charts.
    fs::remove_dir_all(dir.path().join(".out.cache")).unwrap();
    fs::remove_file(out.join("svg").join(&name)).unwrap();
    build_print(&org, &out, true, true);
    assert!(chart_pdfs(&out) == chart_pdfs(&fresh));
}
