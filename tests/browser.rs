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
        // A revision, which every page's footer reads from build-info.js.
        provenance: Some(organogram::provenance::Provenance::detect(
            Path::new("org"),
            &checked.sources,
            None,
        )),
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

/// The browser pieces, or `None` (with a message) outside CI when one is
/// missing; in CI a missing piece fails.
fn browser_or_skip() -> Option<(PathBuf, PathBuf)> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = manifest.join("tests/browser");
    let chromium = std::env::var_os("ORGANOGRAM_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let missing = missing_pieces(&browser_dir, &chromium);
    if missing.is_empty() {
        return Some((browser_dir, chromium));
    }
    let message = format!(
        "browser test cannot run, missing: {} (.ci/install-browser-deps installs them)",
        missing.join(", ")
    );
    assert!(!in_ci(), "{message}");
    eprintln!("skipped: {message}");
    None
}

/// Runs `tests/browser/publish.mjs` with `args` and fails with its report.
fn run_publish_script(browser_dir: &Path, chromium: &Path, args: &[&std::ffi::OsStr]) {
    let out = Command::new("node")
        .current_dir(browser_dir)
        .arg("publish.mjs")
        .args(args)
        .env("ORGANOGRAM_CHROMIUM", chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
}

#[test]
fn the_site_works_under_a_sub_path() {
    let Some((browser_dir, chromium)) = browser_or_skip() else {
        return;
    };
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let site = target.join("browser-site-subpath");
    let _ = std::fs::remove_dir_all(&site);
    let checked = organogram::compile::check_dir(Path::new("org")).unwrap();
    let org = checked.organisation.expect("org/ is valid");
    let options = organogram::compile::BuildOptions {
        org_dir: Some(PathBuf::from("org")),
        site_url: Some("https://example.org/handbook/".into()),
        provenance: Some(organogram::provenance::Provenance::detect(
            Path::new("org"),
            &checked.sources,
            None,
        )),
        ..Default::default()
    };
    let tree = organogram::compile::render(&org, &options).unwrap();
    organogram::write::write_tree(&site, &tree).unwrap();
    let html = site.join("html");
    let artifacts = target.join("browser-artifacts");
    run_publish_script(
        &browser_dir,
        &chromium,
        &["subpath".as_ref(), html.as_os_str(), artifacts.as_os_str()],
    );
}

/// Kills `organogram serve` when the test ends, whatever happens.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_recovers_on_a_unit_url_after_a_fix() {
    use std::io::BufRead;
    let Some((browser_dir, chromium)) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    std::fs::create_dir_all(&org).unwrap();
    for entry in std::fs::read_dir("org").unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, org.join(path.file_name().unwrap())).unwrap();
        }
    }
    // A new unit, and an error in the same file: nothing builds yet.
    let isb = org.join("isb.toml");
    let mut text = std::fs::read_to_string(&isb).unwrap();
    text.push_str(
        "\n[units.nieuw]\nname = \"Nieuwe dienst\"\nkind = \"dienst\"\nparent = \"isb\"\nfte = 2\nfrom = 2025-01-01\n",
    );
    text.push_str(
        "\n[units.kapot]\nname = \"Kapot\"\nkind = \"dienst\"\nparent = \"bestaat-niet\"\n",
    );
    std::fs::write(&isb, text).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_organogram"))
        .args(["serve", org.to_str().unwrap(), "--port", "0"])
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let _server = Server(child);
    let mut lines = std::io::BufReader::new(stderr).lines();
    let port = loop {
        let line = lines.next().expect("serve ended before it served").unwrap();
        if let Some(after) = line.split("serving http://127.0.0.1:").nth(1) {
            break after.split('/').next().unwrap().to_string();
        }
    };
    // Keep reading, so that serve never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts");
    run_publish_script(
        &browser_dir,
        &chromium,
        &[
            "serve".as_ref(),
            port.as_ref(),
            org.as_os_str(),
            artifacts.as_os_str(),
        ],
    );
}
