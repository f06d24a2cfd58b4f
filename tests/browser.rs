//! The HTML handbook in a real browser: headless Chromium driven by
//! `tests/browser/run.mjs` (playwright-core and axe-core from npm).
//!
//! Needs `/usr/bin/chromium` (or `ORGANOGRAM_CHROMIUM`), node, and
//! `npm ci` in `tests/browser/`; `.ci/install-browser-deps` sets all up.
//! Outside CI a missing piece skips the test with a message; in CI
//! (`CI=true`) it fails. Screenshots, a PDF of the print layout and the axe
//! report are kept in `target/browser-artifacts/`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn missing_pieces(browser_dir: &Path, chromium: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !chromium.is_file() {
        missing.push(format!("Chromium at {}", chromium.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node".into());
    }
    for package in ["playwright-core", "axe-core"] {
        if !browser_dir.join("node_modules").join(package).is_dir() {
            missing.push(format!("{package} (run `npm ci` in tests/browser)"));
        }
    }
    missing
}

#[test]
fn the_site_works_in_headless_chromium() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = manifest.join("tests/browser");
    let chromium = std::env::var_os("ORGANOGRAM_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let missing = missing_pieces(&browser_dir, &chromium);
    if !missing.is_empty() {
        let message = format!(
            "browser test cannot run, missing: {} (.ci/install-browser-deps installs them)",
            missing.join(", ")
        );
        assert!(!in_ci(), "{message}");
        eprintln!("skipped: {message}");
        return;
    }
    let target = manifest.join("target");
    let site = target.join("browser-site");
    let artifacts = target.join("browser-artifacts");
    let _ = std::fs::remove_dir_all(&site);
    // With every chart file, so that the pages' links to them are checked.
    let checked = organogram::compile::check_dir(Path::new("org")).unwrap();
    let options = organogram::compile::BuildOptions {
        org_dir: Some(PathBuf::from("org")),
        pdf: true,
        png: true,
        ..Default::default()
    };
    let tree = organogram::compile::render(&checked.organisation.unwrap(), &options).unwrap();
    organogram::write::write_tree(&site, &tree).unwrap();
    let out = Command::new("node")
        .current_dir(&browser_dir)
        .arg("run.mjs")
        .arg(site.join("html"))
        .arg(&artifacts)
        .env("ORGANOGRAM_CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
    for shot in [
        "index.png",
        "unit-dirsa-light.png",
        "unit-dirsa.pdf",
        "reader-index-1366.png",
        "reader-index-phone.png",
        "reader-fte-phone.png",
    ] {
        assert!(artifacts.join(shot).is_file(), "no artifact {shot}");
    }
}
