//! How long `organogram check` takes: parsing, decoding and validating
//! synthetic organisations of 1k, 10k and 100k units (files in memory).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use organogram::{model, synthetic};

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

criterion_group!(benches, check, check_dated);
criterion_main!(benches);
