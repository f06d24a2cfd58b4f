//! The size of the handbook's search index (`assets/search-index.js`) and
//! the time to make it, for synthetic organisations: as generated (names,
//! short names, tags, heads), and "rich", where every unit also carries six
//! tasks, four posts with holders and a 400-character description, so that
//! every field reaches its cap.
//!
//! `cargo bench --bench search -- [UNITS...]` (default: 1000 10000 100000).
//! Prints Markdown table rows for BENCHMARKS.md; the gzip size is what a
//! web server that compresses sends.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use organogram::handbook::{Handbook, search};
use organogram::model::{Fte, Organisation, Post};

fn enrich(org: &mut Organisation) {
    for (i, unit) in org.units.iter_mut().enumerate() {
        unit.tasks = (0..6)
            .map(|t| format!("Dienstverlening {i}-{t}: aanvragen, loketten en opvolging"))
            .collect();
        let span = unit.span.clone();
        for p in 0..4 {
            unit.posts.push(Post {
                title: format!("Medewerker dossierbeheer {p}"),
                head: false,
                holder: Some(format!("Voornaam{i} Achternaam{p}")),
                fte: Fte::from_hundredths(100),
                vacant: p == 3,
                span: span.clone(),
            });
        }
        unit.description = Some("De eenheid zorgt voor de dienstverlening aan burgers en organisaties, volgt dossiers op van aanvraag tot beslissing, werkt samen met de andere afdelingen van de directie en rapporteert aan het managementteam over de resultaten en de planning van het volgende jaar, met aandacht voor een klantvriendelijke en toegankelijke werking.".into());
    }
}

fn gzip_len(bytes: &[u8]) -> Option<usize> {
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    // Written from a thread: gzip's output must be read while it runs, or
    // both wait on a full pipe.
    let mut stdin = child.stdin.take()?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    Some(out.stdout.len())
}

fn row(label: &str, units: usize, org: &Organisation) {
    let start = Instant::now();
    let book = Handbook::build(org, &[], false);
    let js = search::script(&book.search());
    let elapsed = start.elapsed();
    let gz = gzip_len(js.as_bytes())
        .map(|n| format!("{:.2} MB", n as f64 / 1e6))
        .unwrap_or_else(|| "n/a".into());
    println!(
        "| {units} | {label} | {:.2} MB | {} bytes | {gz} | {:.0} ms |",
        js.len() as f64 / 1e6,
        js.len() / units,
        elapsed.as_secs_f64() * 1000.0
    );
}

fn main() {
    let sizes = common::sizes(&[1_000, 10_000, 100_000]);
    println!("| units | content | index | per unit | gzip | time to make |");
    println!("|--:|---|--:|--:|--:|--:|");
    for units in sizes {
        let mut org = organogram::synthetic::organisation(units, 42);
        row("as generated", units, &org);
        enrich(&mut org);
        row("rich (every field capped)", units, &org);
    }
}
