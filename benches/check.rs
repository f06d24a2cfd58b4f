//! How long `organogram check` takes: parsing, decoding and validating
//! synthetic organisations of 1k, 10k and 100k units (files in memory), and
//! organisations whose units all report to each other in one circle.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use organogram::{model, synthetic};

/// The allocator of the `organogram` command, so the figures are its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for units in [1_000, 10_000, 100_000] {
        let sources = synthetic::sources(units, 42);
        group.throughput(Throughput::Elements(units as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(units),
            &sources,
            |b, sources| {
                b.iter(|| {
                    let built = model::build(sources);
                    assert!(built.organisation.is_some());
                    built
                })
            },
        );
    }
    group.finish();
}

/// `check` of an organisation with a history: every date on which something
/// starts, ends or changes is checked.
fn check_dated(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_dated");
    group.sample_size(10);
    for (units, events) in [(10_000, 1_000), (100_000, 10_000)] {
        let sources = synthetic::dated_sources(units, events, 42);
        let at = model::Date::from_ymd(2026, 12, 1).unwrap();
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{units} units, {events} events")),
            &sources,
            |b, sources| {
                b.iter(|| {
                    let built = model::build_at(sources, at);
                    assert!(built.organisation.is_some());
                    built
                })
            },
        );
    }
    group.finish();
}

/// `u1 → u2 → … → u1`: every unit but the top one in one circle.
fn circle(units: usize) -> organogram::source::Sources {
    let mut text = String::from(
        "[organisation]\nname = \"Ring\"\nroot = \"top\"\n[kinds.d]\n[units.top]\nname = \"Top\"\nkind = \"d\"\n",
    );
    for i in 1..units {
        let parent = if i == 1 { units - 1 } else { i - 1 };
        text.push_str(&format!(
            "[units.u{i}]\nname = \"U{i}\"\nkind = \"d\"\nparent = \"u{parent}\"\n"
        ));
    }
    let mut sources = organogram::source::Sources::default();
    sources.add("ring.toml".into(), text);
    sources
}

fn check_circle(c: &mut Criterion) {
    let mut group = c.benchmark_group("check-circle");
    group.sample_size(10);
    for units in [10_000, 100_000] {
        let sources = circle(units);
        group.throughput(Throughput::Elements(units as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(units),
            &sources,
            |b, sources| {
                b.iter(|| {
                    let built = model::build(sources);
                    // One problem for the whole circle, printed in a few lines.
                    assert_eq!(built.diagnostics.len(), 1);
                    organogram::diagnostics::render_human(&built.diagnostics[0], sources, false)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, check, check_dated, check_circle);
criterion_main!(benches);
