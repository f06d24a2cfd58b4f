//! `organogram diff` between folders and between git revisions.

mod common;
use common::{media_box, mm};

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn organogram(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_organogram"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run organogram")
}

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn markdown_report_of_the_fixture_pair() {
    let o = organogram(
        here(),
        &["diff", "tests/fixtures/diff/old", "tests/fixtures/diff/new"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    insta::assert_snapshot!("diff_markdown", text(&o));
}

#[test]
fn json_report_of_the_fixture_pair() {
    let o = organogram(
        here(),
        &[
            "diff",
            "tests/fixtures/diff/old",
            "tests/fixtures/diff/new",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!(json["added"][0]["id"], "ict");
    assert_eq!(json["removed"][0]["id"], "archief");
    assert_eq!(json["moved"][0]["new"][1], "Directie Burger");
    assert_eq!(json["total_old"], 17.8);
    assert_eq!(json["total_new"], 19.05);
    insta::assert_snapshot!("diff_json", text(&o));
}

#[test]
fn html_report_escapes_names() {
    let o = organogram(
        here(),
        &[
            "diff",
            "tests/fixtures/diff/old",
            "tests/fixtures/diff/new",
            "--format",
            "html",
        ],
    );
    let html = text(&o);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("ICT &lt;&amp;&gt; data"));
    assert!(!html.contains("ICT <&> data"));
}

#[test]
fn exit_code_says_whether_anything_changed() {
    let changed = organogram(
        here(),
        &[
            "diff",
            "tests/fixtures/diff/old",
            "tests/fixtures/diff/new",
            "--exit-code",
        ],
    );
    assert_eq!(changed.status.code(), Some(1));
    let same = organogram(here(), &["diff", "org", "org", "--exit-code"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(text(&same).contains("No changes."));
}

#[test]
fn an_invalid_version_is_reported_not_compared() {
    let o = organogram(here(), &["diff", "org", "tests/fixtures/invalid/cycle"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error[E0028]"));
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn compares_two_commits_of_a_repository() {
    let repo = tempfile::tempdir().unwrap();
    let org = repo.path().join("org");
    fs::create_dir_all(&org).unwrap();
    git(repo.path(), &["init", "-q"]);
    let copy = |from: &str| {
        fs::copy(
            here().join(from).join("organisation.toml"),
            org.join("organisation.toml"),
        )
        .unwrap();
    };
    copy("tests/fixtures/diff/old");
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "old"]);
    copy("tests/fixtures/diff/new");
    git(repo.path(), &["commit", "-q", "-am", "new"]);
    let o = organogram(repo.path(), &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let from_folders = organogram(
        here(),
        &["diff", "tests/fixtures/diff/old", "tests/fixtures/diff/new"],
    );
    assert_eq!(text(&o), text(&from_folders));
    // A revision against the working tree.
    let o = organogram(repo.path(), &["diff", "HEAD~1", "org", "--exit-code"]);
    assert_eq!(o.status.code(), Some(1));
    // Not a revision, not a folder.
    let o = organogram(repo.path(), &["diff", "no-such-rev", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("neither a folder nor a git revision"));
    // A good revision, and an organisation folder outside the repository:
    // the folder is what is wrong.
    let o = organogram(
        repo.path(),
        &["diff", "HEAD", "HEAD", "--org-dir", "../../etc"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "cannot read the organisation folder `../../etc` (--org-dir) at revision `HEAD`"
        ) && !err.contains("neither a folder nor a git revision"),
        "{err}"
    );
}

#[test]
fn a_link_in_a_revision_is_reported_not_read() {
    let repo = tempfile::tempdir().unwrap();
    let org = repo.path().join("org");
    fs::create_dir_all(&org).unwrap();
    git(repo.path(), &["init", "-q"]);
    fs::copy(
        here().join("tests/fixtures/diff/old/organisation.toml"),
        org.join("organisation.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../../../etc/passwd", org.join("passwd.toml")).unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "with a link"]);
    let o = organogram(repo.path(), &["diff", "HEAD", "HEAD"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error[E0005]: `HEAD:org/passwd.toml` is a link, and links are not followed"),
        "{err}"
    );
    assert!(!err.contains("E0010"), "the link was read as TOML: {err}");
}

/// A chain of `units` units, each below the one before, as a folder.
fn chain(dir: &Path, units: usize) {
    let mut toml = String::from(
        "[organisation]\nname = \"Keten\"\nroot = \"c0\"\nlocale = \"en\"\n[kinds.k]\n",
    );
    for i in 0..units {
        toml.push_str(&format!(
            "[units.c{i}]\nname = \"Unit {i}\"\nkind = \"k\"\nfte = 1\n"
        ));
        if i > 0 {
            toml.push_str(&format!("parent = \"c{}\"\n", i - 1));
        }
    }
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("org.toml"), toml).unwrap();
}

#[test]
fn the_report_on_two_deep_chains_grows_with_the_units_not_their_square() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    chain(&old, 1_000);
    chain(&new, 4_000);
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let o = organogram(here(), &["diff", old, new, "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Each of 3,000 added and 1,000 changed units: a place of at most
    // eight names. With full places it would be some 70 MB.
    assert!(o.stdout.len() < 4_000 * 400, "{} bytes", o.stdout.len());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let added = json["added"].as_array().expect("added units");
    assert_eq!(added.len(), 3_000);
    let place: Vec<&str> = added[2_999]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        place,
        [
            "Unit 0",
            "… 3993 more …",
            "Unit 3994",
            "Unit 3995",
            "Unit 3996",
            "Unit 3997",
            "Unit 3998",
            "Unit 3999"
        ]
    );
    let chart = dir.path().join("diff.svg");
    let o = organogram(
        here(),
        &["diff", old, new, "--chart", chart.to_str().unwrap()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.contains("Unit 0 › … 3993 more … › Unit 3994 › "),
        "shortened places"
    );
    // Paginated like the other charts: the first page in the file asked
    // for, the others beside it; together they mark every added unit once
    // (a unit at the foot of a page is drawn again at the top of the next).
    let pages: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    assert!(pages.len() > 100, "pages of a few levels: {}", pages.len());
    let marked: std::collections::HashSet<&str> = pages
        .iter()
        .flat_map(|svg| svg.split("<g id=\"unit-").skip(1))
        .filter(|g| g.split('>').next().unwrap_or("").contains(" added\""))
        .filter_map(|g| g.split('"').next())
        .collect();
    assert_eq!(marked.len(), 3_000);
    // Every "→ continued" box links to a page that was written.
    for svg in &pages {
        for href in svg
            .split("href=\"")
            .skip(1)
            .filter_map(|h| h.split('"').next())
        {
            assert!(dir.path().join(href).is_file(), "{href} leads nowhere");
        }
    }
    assert!(pages.iter().any(|svg| svg.contains("href=\"diff-")));
    let biggest = pages.iter().map(String::len).max().unwrap();
    assert!(
        biggest < 100_000,
        "no page is one huge drawing: {biggest} bytes"
    );
}

#[test]
fn the_diff_chart_marks_added_moved_changed_and_removed_units() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("diff.svg");
    let o = organogram(
        here(),
        &[
            "diff",
            "tests/fixtures/diff/old",
            "tests/fixtures/diff/new",
            "--chart",
            chart.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = fs::read_to_string(&chart).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let class_of = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .and_then(|n| n.attribute("class"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        class_of("unit-ict").ends_with(" added"),
        "{}",
        class_of("unit-ict")
    );
    assert!(class_of("unit-archief").ends_with(" removed"));
    assert!(class_of("unit-communicatie").ends_with(" moved"));
    assert!(class_of("unit-onthaal").ends_with(" changed"));
    assert!(!class_of("unit-burgerzaken").contains("added"));
    assert!(svg.contains("Δ 4,50 → 5,25"));
    // The legend of the kinds of change, in the organisation's language.
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for word in [
        "Wijzigingen",
        "toegevoegd",
        "verplaatst",
        "gewijzigd",
        "verwijderd",
    ] {
        assert!(texts.contains(&word), "{word} in the legend: {texts:?}");
    }
}

#[test]
fn the_diff_chart_pages_link_to_each_other_and_make_a_pdf_with_bookmarks() {
    use lopdf::Document;
    let dir = tempfile::tempdir().unwrap();
    let (chart, pdf) = (dir.path().join("diff.svg"), dir.path().join("diff.pdf"));
    let o = organogram(
        here(),
        &[
            "diff",
            "tests/fixtures/diff/old",
            "tests/fixtures/diff/new",
            "--chart",
            chart.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The first page is the file asked for; the division with changes is
    // on its own page beside it.
    let mut files: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["diff-unit-burger.svg", "diff.pdf", "diff.svg"]);

    let doc = Document::load(&pdf).expect("a PDF");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 2, "a page per chart");
    for &page in pages.values() {
        let (w, h) = media_box(&doc, page);
        assert_eq!((mm(w), mm(h)), (420, 297), "A3 landscape");
    }
    // Fonts are embedded (a FontFile2 in every font descriptor).
    let mut fonts = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").ok().and_then(|t| t.as_name().ok())
                == Some(b"FontDescriptor".as_slice())
        {
            fonts += 1;
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "an embedded font"
            );
        }
    }
    assert!(fonts > 0, "the PDF has fonts");
    // Bookmarks: one per page, the division's under the organisation's.
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let top = doc
        .get_dictionary(outlines.get(b"First").unwrap().as_reference().unwrap())
        .unwrap();
    // Text strings are UTF-16 with a byte order mark, or plain.
    let title = |d: &lopdf::Dictionary| {
        let bytes = d.get(b"Title").unwrap().as_str().unwrap();
        match bytes.strip_prefix(b"\xFE\xFF") {
            Some(utf16) => String::from_utf16_lossy(
                &utf16
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            ),
            None => String::from_utf8_lossy(bytes).into_owned(),
        }
    };
    assert_eq!(title(top), "Organigram Gemeente Voorbeeld");
    let child = doc
        .get_dictionary(top.get(b"First").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(title(child), "Organigram Directie Burger");
}

/// A second chart with fewer pages removes the pages of the first that it
/// does not make again, and only those: other files beside it stay.
#[test]
fn a_second_diff_chart_removes_its_old_pages_only() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("diff.svg");
    let run = |new: &str| {
        let o = organogram(
            here(),
            &[
                "diff",
                "tests/fixtures/diff/old",
                new,
                "--chart",
                chart.to_str().unwrap(),
            ],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run("tests/fixtures/diff/new");
    assert!(dir.path().join("diff-unit-burger.svg").exists());
    fs::write(dir.path().join("diff-notes.svg"), "<svg/>").unwrap();
    // No changes: the whole organisation on one page.
    run("tests/fixtures/diff/old");
    let mut files: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["diff-notes.svg", "diff.svg"]);
}
