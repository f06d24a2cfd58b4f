//! The charts' files and the booklet: each chart's SVG, PNG and PDF, and
//! the booklet of all charts, printed on threads of its own while the rest
//! of the build goes on. A chart's PDF is its page of the booklet, cut out
//! as the booklet's sections are joined and handed to the sink between the
//! build's other files.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::BuildOptions;
use crate::charts::{Chart, ChartFormat, chart_path};
use crate::model::Organisation;
use crate::output::{Holdings, Key, KeyHasher, Sink};

/// Chart PDFs cut and not yet handed to the sink, at most.
const CUT_AHEAD: usize = 64;

/// Writes the charts' files and the booklet to `sink`, and everything else
/// with `rest`, which runs meanwhile.
pub(super) fn write(
    org: &Organisation,
    options: &BuildOptions,
    config: &Key,
    charts: &[Chart],
    sink: &mut dyn Sink,
    rest: &mut dyn FnMut(&mut dyn Sink) -> Result<(), String>,
) -> Result<(), String> {
    let booklet = options
        .pdf
        .then(|| BookletFile::new(org, charts, config, options.print.paper, sink.cache_dir()));
    let lang = org.locale.tag();
    let print_booklet = |b: &BookletFile, on_section: &mut crate::print::OnSection| {
        crate::print::booklet(org, charts, &options.print, &b.sections, on_section)
    };
    // The booklet is made unless the sink holds it already, and then the
    // charts' PDFs are cut out of it; else they are made here (only those
    // the sink does not hold).
    let printed = booklet.as_ref().filter(|b| !sink.holds(&b.path, b.key));
    let cutting = options.chart_pdfs && printed.is_some();
    std::thread::scope(|scope| {
        let (cut, cut_out) = cutting.then(|| sync_channel(CUT_AHEAD)).unzip();
        let holdings = sink.holdings();
        let printing = printed.map(|b| {
            scope.spawn(move || {
                let mut hand_over = |range: Range<usize>, section: &lopdf::Document| {
                    cut.as_ref().map_or(Ok(()), |to| {
                        cut_pdfs(charts, config, lang, b, range, section, &*holdings, to)
                    })
                };
                print_booklet(b, &mut hand_over)
            })
        });
        // A chart PDF the booklet did not cut (the sink said it held it,
        // then did not): its page of its section, cut here.
        let remake = |i: usize| {
            let b = booklet
                .as_ref()
                .expect("chart PDFs are cut from the booklet");
            crate::print::section_page(charts, i, options.print.paper, &b.sections, lang)
        };
        let mut merged = WithCut {
            sink,
            cut: cut_out,
            remake: &remake,
        };
        let pdfs = booklet.as_ref().filter(|_| options.chart_pdfs && !cutting);
        write_chart_files(org, options, config, charts, pdfs, &mut merged)?;
        rest(&mut merged)?;
        merged.finish()?;
        if let Some(b) = &booklet {
            let mut made = printing.map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            merged.sink.file(&b.path, Some(b.key), &mut || {
                made.take()
                    .unwrap_or_else(|| print_booklet(b, &mut |_, _| Ok(())))
            })?;
        }
        Ok(())
    })
}

/// A chart's PDF cut out of its section, on its way to the sink; `content`
/// is `None` when the sink holds the file already.
struct CutPdf {
    chart: usize,
    path: String,
    key: Key,
    content: Option<Result<Vec<u8>, String>>,
}

/// Cuts the PDFs of the charts `range` (a section of the booklet) out of
/// `section` (those `holdings` has are not cut) and sends them on.
#[allow(clippy::too_many_arguments)]
fn cut_pdfs(
    charts: &[Chart],
    config: &Key,
    lang: &str,
    booklet: &BookletFile,
    range: Range<usize>,
    section: &lopdf::Document,
    holdings: &dyn Holdings,
    to: &SyncSender<CutPdf>,
) -> Result<(), String> {
    // The section's pages, found once for all its charts.
    let pages = section.get_pages();
    if pages.len() != range.len() {
        return Err(format!(
            "a booklet section has {} pages for {} charts",
            pages.len(),
            range.len()
        ));
    }
    for (page, i) in pages.into_values().zip(range) {
        let chart = &charts[i];
        let path = chart_path(&chart.id, ChartFormat::Pdf);
        let key = booklet.chart_pdf_key(config, chart, i, lang);
        let content = (!holdings.holds(&path, key))
            .then(|| crate::print::cut_page(section, page, &chart.title, lang));
        let pdf = CutPdf {
            chart: i,
            path,
            key,
            content,
        };
        // Refused only when the build stopped: nothing left to hand over.
        to.send(pdf).map_err(|_| "the build stopped".to_string())?;
    }
    Ok(())
}

/// The build's sink, with the chart PDFs cut on the booklet's thread added
/// as they come: before each file of this thread's own, and the rest at
/// the end ([`WithCut::finish`]).
struct WithCut<'s, 'r> {
    sink: &'s mut dyn Sink,
    cut: Option<Receiver<CutPdf>>,
    remake: &'r dyn Fn(usize) -> Result<Vec<u8>, String>,
}

impl WithCut<'_, '_> {
    fn add(&mut self, pdf: CutPdf) -> Result<(), String> {
        let (remake, mut content) = (self.remake, pdf.content);
        self.sink.file(&pdf.path, Some(pdf.key), &mut || {
            content.take().unwrap_or_else(|| remake(pdf.chart))
        })
    }

    /// Adds the PDFs cut so far.
    fn take_ready(&mut self) -> Result<(), String> {
        while let Some(pdf) = self.cut.as_ref().and_then(|from| from.try_recv().ok()) {
            self.add(pdf)?;
        }
        Ok(())
    }

    /// Adds every PDF still to come, until the booklet is done.
    fn finish(&mut self) -> Result<(), String> {
        if let Some(from) = self.cut.take() {
            for pdf in from {
                self.add(pdf)?;
            }
        }
        Ok(())
    }
}

impl Sink for WithCut<'_, '_> {
    fn file(
        &mut self,
        path: &str,
        key: Option<Key>,
        render: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        self.take_ready()?;
        self.sink.file(path, key, render)
    }

    fn holds(&self, path: &str, key: Key) -> bool {
        self.sink.holds(path, key)
    }

    fn holdings(&self) -> std::sync::Arc<dyn Holdings> {
        self.sink.holdings()
    }

    fn stage(&mut self, name: &str, files: usize) {
        self.sink.stage(name, files);
    }

    fn cache_dir(&self) -> Option<std::path::PathBuf> {
        self.sink.cache_dir()
    }
}

/// The key of a print file: the configuration, what it is, and the chart
/// it is made from. Print files are slow to make: keyed so, a rebuild makes
/// again only those of the charts that changed.
fn print_key(config: &Key, what: &str, chart: Option<&Chart>) -> KeyHasher {
    let mut h = KeyHasher::new();
    h.update(config).update(what.as_bytes());
    if let Some(chart) = chart {
        chart_key(&mut h, chart);
    }
    h
}

/// The booklet's file: where, its key, and its sections.
struct BookletFile {
    path: String,
    key: Key,
    sections: crate::print::sections::Sections,
}

impl BookletFile {
    fn new(
        org: &Organisation,
        charts: &[Chart],
        config: &Key,
        paper: crate::layout::paper::Paper,
        cache: Option<std::path::PathBuf>,
    ) -> BookletFile {
        let store = match cache {
            Some(dir) => crate::print::sections::Store::at(&dir.join("booklet")),
            None => crate::print::sections::Store::none(),
        };
        let sections = crate::print::sections::Sections::new(charts, paper, store);
        // The title page shows the name, the total FTE and the unit count;
        // the sections' keys cover the charts' drawings, and the bookmarks
        // and links are made from the rest of what describes each chart.
        let mut h = print_key(config, "booklet", None);
        h.update(org.name.as_bytes())
            .update(org.locale.tag().as_bytes())
            .update(org.units[org.root].total_fte.to_string().as_bytes())
            .update(&(org.units.len() as u64).to_le_bytes());
        for key in &sections.keys {
            h.update(key);
        }
        for chart in charts {
            chart_place(&mut h, chart);
        }
        BookletFile {
            path: crate::charts::booklet_path(org),
            key: h.key(),
            sections,
        }
    }

    /// The key of the PDF of `chart`, chart `i` of the booklet: its page of
    /// its section, whose fonts also hold the letters of the section's other
    /// charts, so the section's key is part of it.
    fn chart_pdf_key(&self, config: &Key, chart: &Chart, i: usize, lang: &str) -> Key {
        // The section's key covers the drawings of its pages; which page and
        // the metadata are the rest.
        let section = self.sections.of(i);
        print_key(config, "pdf", None)
            .update(&self.sections.keys[section])
            .update(&((i - self.sections.ranges[section].start) as u64).to_le_bytes())
            .update(chart.title.as_bytes())
            .update(lang.as_bytes())
            .key()
    }
}

/// Every chart's SVG and, as asked, its PNG, and its PDF when `booklet` is
/// given (its page of the booklet, when the booklet is not made again).
fn write_chart_files(
    org: &Organisation,
    options: &BuildOptions,
    config: &Key,
    charts: &[Chart],
    booklet: Option<&BookletFile>,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    sink.stage("charts", charts.len());
    let lang = org.locale.tag();
    let make = |i: usize, format: ChartFormat| match (format, booklet) {
        (ChartFormat::Pdf, Some(b)) => {
            crate::print::section_page(charts, i, options.print.paper, &b.sections, lang)
        }
        _ => crate::print::png(&charts[i].svg),
    };
    let mut formats = Vec::new();
    if booklet.is_some() {
        formats.push(ChartFormat::Pdf);
    }
    if options.png {
        formats.push(ChartFormat::Png);
    }
    // The print files the sink does not hold yet are made on every core, a
    // batch of charts at a time (memory stays bounded), then added in order.
    let batch_size = 8 * crate::parallel::threads();
    for (b, batch) in charts.chunks(batch_size).enumerate() {
        let first = b * batch_size;
        // Each print file of the batch, chart by chart: its chart (by its
        // number), format, path and key.
        let files: Vec<_> = (first..first + batch.len())
            .flat_map(|i| {
                formats.iter().map(move |&format| {
                    let chart = &charts[i];
                    let key = match (format, booklet) {
                        (ChartFormat::Pdf, Some(b)) => b.chart_pdf_key(config, chart, i, lang),
                        _ => print_key(config, "png", Some(chart)).key(),
                    };
                    (i, format, chart_path(&chart.id, format), key)
                })
            })
            .collect();
        let wanted: Vec<_> = files
            .iter()
            .filter(|(_, _, path, key)| !sink.holds(path, *key))
            .collect();
        let mut made: HashMap<&str, Result<Vec<u8>, String>> = wanted
            .iter()
            .map(|(_, _, path, _)| path.as_str())
            .zip(crate::parallel::map(&wanted, |(i, format, _, _)| {
                make(*i, *format)
            }))
            .collect();
        let per_chart = formats.len();
        for (j, chart) in batch.iter().enumerate() {
            for (i, format, path, key) in &files[j * per_chart..(j + 1) * per_chart] {
                sink.file(path, Some(*key), &mut || {
                    made.remove(path.as_str())
                        .unwrap_or_else(|| make(*i, *format))
                })?;
            }
            sink.put(
                &chart_path(&chart.id, ChartFormat::Svg),
                chart.svg.clone().into_bytes(),
            )?;
        }
    }
    Ok(())
}

/// Adds everything a chart's print files are made from to `h`: its
/// drawing and [`chart_place`].
fn chart_key(h: &mut KeyHasher, chart: &Chart) {
    h.update(chart.svg.as_bytes())
        .update(&chart.width.to_le_bytes())
        .update(&chart.height.to_le_bytes());
    chart_place(h, chart);
}

/// Adds what a chart is besides its drawing to `h`: its id and title,
/// where it stands among the charts, and its links to others.
fn chart_place(h: &mut KeyHasher, chart: &Chart) {
    h.update(chart.id.as_bytes())
        .update(chart.title.as_bytes())
        .update(format!("{:?} {:?}", chart.kind, chart.parent).as_bytes());
    for link in &chart.links {
        h.update(format!("{:?}", link.rect).as_bytes())
            .update(link.target.as_bytes());
    }
}
