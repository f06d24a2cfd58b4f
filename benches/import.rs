//! How long `organogram import csv` takes on large exports: reading the file,
//! checking the rows as a tree and making the TOML files (in memory), for a
//! clean balanced file and for one whose rows all report in one circle.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use organogram::import::{Options, generic};
use organogram::source::Sources;

/// A CSV export of `rows` units: ids `HR-000001`…, eight sub-units each,
/// FTE with two decimals; with `circle`, the top reports to the last row.
fn export(rows: usize, circle: bool) -> String {
    let mut text = String::from("Code,Reports To,Name,FTE,Kind\n");
    for i in 1..=rows {
        let parent = match i {
            1 if circle => format!("HR-{rows:06}"),
            1 => String::new(),
            _ => format!("HR-{:06}", (i - 2) / 8 + 1),
        };
        let kind = if i % 8 == 0 { "Team" } else { "Section" };
        text.push_str(&format!(
            "HR-{i:06},{parent},\"Unit {i}, {kind}\",{}.{:02},{kind}\n",
            i % 7,
            i % 100
        ));
    }
    text
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let columns = generic::Columns {
        id: "Code".into(),
        parent: "Reports To".into(),
        name: "Name".into(),
        fte: Some("FTE".into()),
        kind: Some("Kind".into()),
        ..Default::default()
    };
    let options = Options {
        name: "Bench".into(),
        ..Default::default()
    };
    let mut group = c.benchmark_group("import_csv");
    group.sample_size(10);
    for (rows, circle) in [(10_000, false), (100_000, false), (100_000, true)] {
        let path = dir.path().join(format!("{rows}-{circle}.csv"));
        std::fs::write(&path, export(rows, circle)).unwrap();
        group.throughput(Throughput::Elements(rows as u64));
        let name = if circle { "circle" } else { "clean" };
        group.bench_with_input(BenchmarkId::new(name, rows), &path, |b, path| {
            b.iter(|| {
                let mut sources = Sources::default();
                let mut diagnostics = Vec::new();
                let outcome =
                    generic::import(path, &columns, &options, &mut sources, &mut diagnostics)
                        .unwrap();
                assert_eq!(outcome.files.is_some(), !circle, "{diagnostics:?}");
                outcome
            })
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
