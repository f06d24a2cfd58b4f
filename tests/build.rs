//! `organogram build`: all or nothing, only what changed, and `--check`.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::*;

/// Every file under `dir` with its content, inode and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u64, i64, i64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = fs::metadata(&path).unwrap();
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(
                    rel,
                    (
                        fs::read(&path).unwrap(),
                        meta.ino(),
                        meta.mtime(),
                        meta.mtime_nsec(),
                    ),
                );
            }
        }
    }
    out
}

struct Fixture {
    _dir: tempfile::TempDir,
    org: PathBuf,
    out: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    copy_dir(Path::new("org"), &org);
    let out = dir.path().join("out");
    Fixture {
        org,
        out,
        _dir: dir,
    }
}

fn build(f: &Fixture, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        f.org.to_str().unwrap(),
        "--out",
        f.out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    organogram(&args)
}

#[test]
fn builds_charts_markdown_and_html() {
    let f = fixture();
    let o = build(&f, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for file in [
        "svg/organisation.svg",
        "svg/unit-dirsa.svg",
        "svg/governance.svg",
        "svg/view-seg.svg",
        ".organogram-output",
    ] {
        assert!(f.out.join(file).is_file(), "{file} missing");
    }
    let summary = fs::read_to_string(f.out.join("md/SUMMARY.md")).unwrap();
    assert!(
        summary.contains("    - [Afdeling burgerzaken](units/burgerzaken.md)"),
        "{summary}"
    );
}

#[test]
fn a_failed_build_leaves_the_output_byte_identical() {
    let f = fixture();
    assert!(build(&f, &[]).status.success());
    let before = snapshot(&f.out);
    let file = f.org.join("isb.toml");
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str(
        "\n[units.kapot]\nname = \"Kapot\"\nkind = \"dienst\"\nparent = \"bestaat-niet\"\n",
    );
    fs::write(&file, text).unwrap();
    let o = build(&f, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        snapshot(&f.out),
        before,
        "the output changed after a failed build"
    );
}

#[test]
fn a_rebuild_without_changes_rewrites_nothing() {
    let f = fixture();
    assert!(build(&f, &[]).status.success());
    let before = snapshot(&f.out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = build(&f, &[]);
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("nothing to build"), "{said}");
    assert_eq!(snapshot(&f.out), before, "a no-op rebuild touched files");
}

#[test]
fn an_edit_rewrites_only_what_it_changes_and_removes_what_is_gone() {
    let f = fixture();
    assert!(build(&f, &[]).status.success());
    let before = snapshot(&f.out);
    // Rename one afdeling: its own chart and the charts above it change.
    let file = f.org.join("dirsa.toml");
    let text = fs::read_to_string(&file).unwrap().replace(
        "name = \"Afdeling burgerzaken\"",
        "name = \"Afdeling burgerzaken en bevolking\"",
    );
    fs::write(&file, text).unwrap();
    assert!(build(&f, &[]).status.success());
    let after = snapshot(&f.out);
    let rewritten: Vec<_> = after
        .iter()
        .filter(|(p, v)| before.get(*p).is_none_or(|b| b.1 != v.1))
        .map(|(p, _)| p)
        .collect();
    assert!(
        rewritten
            .iter()
            .any(|p| p.ends_with("unit-burgerzaken.svg"))
    );
    assert!(
        !rewritten.iter().any(|p| p.ends_with("unit-isb.svg")),
        "an unrelated chart was rewritten"
    );
    // Remove a division: its chart is deleted.
    let text = fs::read_to_string(&file).unwrap();
    let start = text.find("[units.burgerzaken]").unwrap();
    let end = text.find("# --- Stippellijnen").unwrap();
    fs::write(&file, format!("{}{}", &text[..start], &text[end..])).unwrap();
    assert!(build(&f, &[]).status.success());
    assert!(!f.out.join("svg/unit-burgerzaken.svg").exists());
}

#[test]
fn check_lists_stale_and_missing_files() {
    let f = fixture();
    assert!(build(&f, &[]).status.success());
    assert_eq!(build(&f, &["--check"]).status.code(), Some(0));
    fs::write(f.out.join("svg/unit-dirsa.svg"), "stale").unwrap();
    fs::remove_file(f.out.join("svg/unit-isb.svg")).unwrap();
    let before = snapshot(&f.out);
    let o = build(&f, &["--check"]);
    assert_eq!(o.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(
        listed.contains("out of date: ") && listed.contains("svg/unit-dirsa.svg"),
        "{listed}"
    );
    assert!(
        listed.contains("missing:") && listed.contains("svg/unit-isb.svg"),
        "{listed}"
    );
    assert_eq!(snapshot(&f.out), before, "--check wrote something");
}

/// The date the committed `out/` is built for. It pins the footer's "last
/// changed" and the PDF's title page, so that `out/` is the same on every
/// machine and in every clone (shallow, or without git). Regenerate it with
///
///     SOURCE_DATE_EPOCH=1796083200 cargo run --release -- build
const COMMITTED_EPOCH: &str = "1796083200"; // 2026-12-01

#[test]
fn the_committed_output_is_up_to_date() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_organogram"))
        .args(["build", "--check"])
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", COMMITTED_EPOCH)
        .env_remove("ORGANOGRAM_REVISION")
        .output()
        .expect("run organogram");
    assert_eq!(
        o.status.code(),
        Some(0),
        "out/ is not what `organogram build` makes of org/: run \
         `SOURCE_DATE_EPOCH={COMMITTED_EPOCH} cargo run --release -- build` and commit out/\n{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let (a, b) = (fixture(), fixture());
    assert!(build(&a, &[]).status.success());
    assert!(build(&b, &[]).status.success());
    let strip = |s: BTreeMap<PathBuf, (Vec<u8>, u64, i64, i64)>| {
        s.into_iter()
            .map(|(p, v)| (p, v.0))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(strip(snapshot(&a.out)), strip(snapshot(&b.out)));
}

#[test]
fn a_large_organisation_gets_pages_of_bounded_size() {
    // Beyond a few hundred units, a page's navigation holds only the
    // branches that lead to it: the site grows linearly, not quadratically.
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    fs::create_dir_all(&org).unwrap();
    for (name, text) in organogram::synthetic::files(1200, 7) {
        fs::write(org.join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    let o = organogram(&[
        "build",
        org.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let largest = fs::read_dir(out.join("html/units"))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .max()
        .unwrap();
    assert!(largest < 200_000, "a unit page of {largest} bytes");
    // A unit's page links the top and the units around it, not all 1,200.
    let page = fs::read_to_string(out.join("html/units/u1.html")).unwrap();
    // (Unit pages link each other by file name: they are in one folder.)
    assert!(page.contains("href=\"u0.html\""), "the top is linked");
    let linked = page.matches("href=\"u").count();
    assert!((2..200).contains(&linked), "{linked} unit links");
}
