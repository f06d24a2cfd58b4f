//! How long the charts take for synthetic organisations of 1k, 10k and 100k
//! units: the layout alone (every page of the whole organisation), and
//! every chart laid out and written as SVG (`all_charts`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use organogram::charts::{self, ChartOptions};
use organogram::synthetic;

fn charts_bench(c: &mut Criterion) {
    let opts = ChartOptions::default();
    for (name, all) in [("layout", false), ("layout+svg", true)] {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        for units in [1_000, 10_000, 100_000] {
            let org = synthetic::organisation(units, 42);
            group.throughput(Throughput::Elements(units as u64));
            group.bench_with_input(BenchmarkId::from_parameter(units), &org, |b, org| {
                b.iter(|| {
                    if all {
                        charts::all_charts(org, &opts).len()
                    } else {
                        charts::layout_pages(org, &opts)
                    }
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, charts_bench);
criterion_main!(benches);
