//! How long the charts take for synthetic organisations of 1k, 10k and 100k
//! units: the layout alone (every page of the whole organisation), and
//! every chart laid out and written as SVG (`all_charts`); and for 10k units
//! the print output made from those SVGs: one PDF per chart, the booklet,
//! and the PNGs.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use organogram::charts::{self, ChartOptions};
use organogram::layout::paper::Paper;
use organogram::print::{self, Booklet};
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

fn print_bench(c: &mut Criterion) {
    let units = 10_000;
    let org = synthetic::organisation(units, 42);
    let all = charts::all_charts(&org, &ChartOptions::default());
    let mut group = c.benchmark_group("print");
    group.sample_size(10);
    group.throughput(Throughput::Elements(units as u64));
    let paper = Paper::default();
    group.bench_function(BenchmarkId::new("pdf-per-chart", units), |b| {
        b.iter(|| {
            all.iter()
                .map(|chart| print::chart_pdf(chart, paper, "en").expect("a PDF").len())
                .sum::<usize>()
        })
    });
    let sections = || print::sections::Sections::new(&all, paper, print::sections::Store::none());
    group.bench_function(BenchmarkId::new("booklet", units), |b| {
        b.iter(|| {
            print::booklet(&org, &all, &Booklet::default(), &sections(), &mut |_, _| {
                Ok(())
            })
            .expect("a booklet")
            .len()
        })
    });
    // As a build with a PDF per chart makes them: each cut out of the
    // booklet as its section is joined.
    group.bench_function(BenchmarkId::new("booklet-and-pdf-per-chart", units), |b| {
        b.iter(|| {
            let mut cut = 0;
            let booklet = print::booklet(
                &org,
                &all,
                &Booklet::default(),
                &sections(),
                &mut |range, section| {
                    for (page, i) in section.get_pages().into_values().zip(range) {
                        cut += print::cut_page(section, page, &all[i].title, "en")?.len();
                    }
                    Ok(())
                },
            )
            .expect("a booklet");
            booklet.len() + cut
        })
    });
    group.bench_function(BenchmarkId::new("png", units), |b| {
        b.iter(|| {
            all.iter()
                .map(|chart| print::png(&chart.svg).expect("a PNG").len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, charts_bench, print_bench);
criterion_main!(benches);
