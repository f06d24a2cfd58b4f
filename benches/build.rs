//! The whole build, as a user runs it: a full build into an empty folder,
//! `cp -r` of its output (the cost of the volume alone), a rebuild with
//! nothing changed, and a rebuild after a one-unit edit.
//!
//! `cargo bench --bench build -- [UNITS...] [--pdf]` (default: 10000). With
//! `--pdf`, the build is the command line's default: the booklet and a PDF
//! per chart. With `--serve`, the builds are those of `organogram serve`:
//! in memory, each against the last, without print files. Prints one Markdown table row per size, for BENCHMARKS.md. Peak memory is the
//! process's high-water mark (Linux), so run one size per call to read it.

mod common;

// The command's allocator and its settings (in `main`), so that the
// figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use organogram::compile::{self, BuildOptions};
use organogram::progress::Progress;

fn build(org: &Path, out: &Path) -> (Duration, usize) {
    let start = Instant::now();
    let checked = compile::check_dir(org).expect("read");
    let model = checked.organisation.expect("valid");
    let pdf = std::env::args().any(|a| a == "--pdf");
    let options = BuildOptions {
        org_dir: Some(org.to_path_buf()),
        pdf,
        chart_pdfs: pdf,
        ..BuildOptions::default()
    };
    let changes = compile::build(
        &model,
        &checked.sources,
        &options,
        out,
        Progress::hidden(),
        &mut || {},
    )
    .expect("build");
    (start.elapsed(), changes.added.len() + changes.changed.len())
}

/// Files and bytes (apparent size) under `dir`.
fn volume(dir: &Path) -> (usize, u64) {
    let (mut files, mut bytes) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(d).expect("list") {
            let e = e.expect("entry");
            let meta = e.metadata().expect("stat");
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                files += 1;
                bytes += meta.len();
            }
        }
    }
    (files, bytes)
}

fn peak_memory_mb() -> String {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map(|kb| format!("{} MB", kb / 1024))
        .unwrap_or_else(|| "n/a".into())
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// Renames the last unit of one branch file.
fn rename_a_unit(org: &Path) {
    let file = org.join("directie-002.toml");
    let text = fs::read_to_string(&file).expect("read");
    let at = text.rfind("name = ").expect("a unit");
    let end = at + text[at..].find('\n').expect("line");
    fs::write(
        &file,
        format!("{}name = \"Hernoemd\"{}", &text[..at], &text[end..]),
    )
    .expect("edit");
}

/// `serve`'s builds: the first, one with nothing changed, one after an edit.
fn serve(sizes: &[usize]) {
    use organogram::live::{Outcome, build_once};
    use std::sync::Arc;
    println!(
        "| units | first build | no-op rebuild (files changed) | one-unit edit (files changed) | edit ÷ first |"
    );
    println!("|--:|--:|--:|--:|--:|");
    for &units in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let org = dir.path().join("org");
        fs::create_dir_all(&org).expect("org dir");
        for (name, text) in organogram::synthetic::files(units, 42) {
            fs::write(org.join(name), text).expect("write org");
        }
        let options = BuildOptions {
            org_dir: Some(org.clone()),
            ..BuildOptions::default()
        };
        let mut last = Arc::default();
        let mut run = || {
            let start = Instant::now();
            let outcome = build_once(&org, &options, Arc::clone(&last));
            let took = start.elapsed();
            match outcome {
                Outcome::Built(kept, changed, _, _) => {
                    last = kept;
                    (took, changed)
                }
                Outcome::Invalid(errors, _) => panic!("{errors:?}"),
            }
        };
        let (first, _) = run();
        let (noop, unchanged) = run();
        rename_a_unit(&org);
        let (edit, changed) = run();
        println!(
            "| {units} | {} | {} ({unchanged}) | {} ({changed}) | {:.0}% |",
            secs(first),
            secs(noop),
            secs(edit),
            100.0 * edit.as_secs_f64() / first.as_secs_f64(),
        );
    }
}

fn main() {
    organogram::allocator::keep_freed_memory();
    let sizes = common::sizes(&[10_000]);
    if std::env::args().any(|a| a == "--serve") {
        return serve(&sizes);
    }
    println!(
        "| units | full build | `cp -r` of the output | ratio | files | output | no-op rebuild | one-unit edit (files rewritten) | peak memory |"
    );
    println!("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for units in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let (org, out) = (dir.path().join("org"), dir.path().join("out"));
        fs::create_dir_all(&org).expect("org dir");
        for (name, text) in organogram::synthetic::files(units, 42) {
            fs::write(org.join(name), text).expect("write org");
        }
        let (full, _) = build(&org, &out);
        let (files, bytes) = volume(&out);
        let copy = {
            let start = Instant::now();
            let status = Command::new("cp")
                .args([
                    "-r",
                    out.to_str().expect("path"),
                    dir.path().join("copy").to_str().expect("path"),
                ])
                .status()
                .expect("cp");
            assert!(status.success());
            start.elapsed()
        };
        let (noop, _) = build(&org, &out);
        rename_a_unit(&org);
        let (edit, rewritten) = build(&org, &out);
        println!(
            "| {units} | {} | {} | {:.1}× | {files} | {:.0} MB | {} ({:.1}%) | {} ({rewritten}, {:.0}%) | {} |",
            secs(full),
            secs(copy),
            full.as_secs_f64() / copy.as_secs_f64(),
            bytes as f64 / 1e6,
            secs(noop),
            100.0 * noop.as_secs_f64() / full.as_secs_f64(),
            secs(edit),
            100.0 * edit.as_secs_f64() / full.as_secs_f64(),
            peak_memory_mb(),
        );
    }
}
