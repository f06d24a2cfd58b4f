//! What publishing adds to a build: finding the footer's date and revision
//! (git asked three times, or a hash of the files), and the sitemap.
//!
//! `cargo bench --bench publish -- [UNITS...]` (default: 10000). Prints
//! Markdown table rows for BENCHMARKS.md.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use organogram::provenance::Provenance;

/// The mean time of `runs` calls of `f`.
fn mean(runs: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed() / runs
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let sizes = common::sizes(&[10_000]);
    // This repository's own org/, in git (clean or not, as it is now).
    let org = Path::new("org");
    let sources = organogram::load::load_dir(org).expect("org/").sources;
    let git = mean(20, || {
        Provenance::detect(org, &sources, None);
    });
    println!("| what | units | time | size |");
    println!("|---|--:|--:|--:|");
    println!(
        "| footer's date and revision of `org/` (git) | 21 | {} | |",
        ms(git)
    );
    for units in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in organogram::synthetic::files(units, 42) {
            std::fs::write(dir.path().join(name), text).expect("write org");
        }
        let sources = organogram::load::load_dir(dir.path())
            .expect("read")
            .sources;
        let hash = mean(5, || {
            Provenance::detect(dir.path(), &sources, None);
        });
        println!(
            "| footer's date and revision, no git (a hash of the files) | {units} | {} | |",
            ms(hash)
        );
        let checked = organogram::compile::check_dir(dir.path()).expect("read");
        let model = checked.organisation.expect("valid");
        let book = organogram::handbook::Handbook::build(&model, &[], false);
        let paths: Vec<String> = book.pages.iter().map(|p| p.path.clone()).collect();
        let mut tree = organogram::output::OutputTree::new();
        let time = mean(5, || {
            tree = organogram::output::OutputTree::new();
            organogram::render::publish::write_sitemap(
                "https://example.org/handbook/",
                &paths,
                "2026-12-01",
                &mut tree,
            )
            .expect("sitemap");
        });
        let size = tree.get("sitemap.xml").map_or(0, <[u8]>::len);
        println!(
            "| `sitemap.xml` ({} pages) | {units} | {} | {} KB |",
            paths.len(),
            ms(time),
            size / 1024
        );
    }
}
