//! The whole pipeline in one call: folder → validated model → output tree.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::charts::{ChartFormat, chart_path};
use crate::diagnostics::{self, Code, Diagnostic};
use crate::model::{self, Date, Organisation};
use crate::output::{Key, KeyHasher, OutputTree, Sink, Under};
use crate::render::Templates;
use crate::source::Sources;

/// A checked organisation folder.
pub struct Checked {
    pub sources: Sources,
    /// Present only when there are no errors.
    pub organisation: Option<Organisation>,
    /// Errors and warnings in stable order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads and validates every TOML file under `dir`: the organisation of
/// today ([`Date::today`]).
///
/// `Err` only when the folder itself cannot be read; every problem inside it
/// is a diagnostic.
pub fn check_dir(dir: &Path) -> io::Result<Checked> {
    check_dir_at(dir, Date::today())
}

/// Loads and validates every TOML file under `dir`, on every date of its
/// history; the model is the organisation on `at`.
pub fn check_dir_at(dir: &Path, at: Date) -> io::Result<Checked> {
    check_loaded(crate::load::load_dir(dir)?, at)
}

/// Loads and validates a version of the organisation: a folder if `version`
/// names one, else a git revision whose `dir` folder is read.
pub fn check_version(version: &str, dir: &Path, at: Date) -> io::Result<Checked> {
    if Path::new(version).is_dir() {
        check_dir_at(Path::new(version), at)
    } else {
        check_loaded(crate::load::load_git(version, dir)?, at)
    }
}

fn check_loaded(loaded: crate::load::Loaded, at: Date) -> io::Result<Checked> {
    let mut diagnostics = loaded.diagnostics;
    // With a file that could not be read, the model would be incomplete and
    // every reference into that file a false alarm: report the reading only.
    // A link that leads nowhere or out of the folder is no such file: the
    // rest is checked, so its problems are reported in the same run.
    let blocks = |d: &Diagnostic| {
        d.is_error() && !matches!(d.code, Code::BrokenLink | Code::LinkNotFollowed)
    };
    let organisation = if diagnostics.iter().any(blocks) {
        None
    } else {
        let built = model::build_at(&loaded.sources, at);
        diagnostics.extend(built.diagnostics);
        // A valid rest does not make up for a file left out.
        built
            .organisation
            .filter(|_| !diagnostics.iter().any(Diagnostic::is_error))
    };
    diagnostics::sort(&mut diagnostics);
    Ok(Checked {
        sources: loaded.sources,
        organisation,
        diagnostics,
    })
}

/// What a build produces and how.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Leave out the names of post holders (for a public site).
    pub public: bool,
    /// A folder of templates that override the embedded ones.
    pub templates: Option<PathBuf>,
    /// The organisation folder, where the handbook's free pages are read
    /// from (`pages/*.md`). `None`: no free pages.
    pub org_dir: Option<PathBuf>,
    /// The date of the organisation to build (`None`: today).
    pub at: Option<Date>,
    /// Also write the booklet of all charts as PDF.
    pub pdf: bool,
    /// With `pdf`, also each chart as a PDF of its own (`svg/<id>.pdf`),
    /// the same page as in the booklet; without, the handbook links to the
    /// chart's page in the booklet. Unless the command line or `[output]`
    /// asks for them, an organisation of more than [`CHART_PDF_UNITS`] units
    /// gets none.
    pub chart_pdfs: bool,
    /// Also write each chart as PNG.
    pub png: bool,
    /// The paper the charts are fitted to (their page budget), and the
    /// booklet's date.
    pub print: crate::print::Booklet,
    /// The command line's print choices: they override the organisation's
    /// `[output]` table, which overrides `pdf`, `png` and `print.paper`.
    pub output: model::OutputSettings,
    /// The date and revision shown in the pages' footer
    /// ([`crate::provenance::Provenance::detect`]; `None`: the build's date
    /// and no revision). They are in one shared file that every page reads,
    /// so a new revision rewrites that file and the overview page only.
    pub provenance: Option<crate::provenance::Provenance>,
    /// The address the handbook is published at, ending in `/` (see
    /// [`crate::render::publish::site_url`]); wins over the organisation's
    /// `site_url`.
    pub site_url: Option<String>,
}

/// Above this many units a PDF per chart is left out unless asked for: the
/// booklet has every chart on a page of its own, and the handbook's PDF
/// links open that page. At 100,000 units the 15,000 charts' own PDFs would
/// be 260 MB, a quarter of the output (each carries its fonts).
pub const CHART_PDF_UNITS: usize = 20_000;

impl BuildOptions {
    /// The options in effect for `org`: the command line's choices over the
    /// organisation's `[output]` table over these options' own. Applying it
    /// twice changes nothing.
    pub fn for_org(&self, org: &Organisation) -> BuildOptions {
        let settings = org.output.under(self.output);
        let mut options = self.clone();
        options.pdf = settings.pdf.unwrap_or(self.pdf);
        options.chart_pdfs = settings
            .chart_pdfs
            .unwrap_or(self.chart_pdfs && org.units.len() <= CHART_PDF_UNITS);
        options.png = settings.png.unwrap_or(self.png);
        options.print.paper.size = settings.paper.unwrap_or(self.print.paper.size);
        options.print.paper.orientation =
            settings.orientation.unwrap_or(self.print.paper.orientation);
        options
    }
}

/// What the pages show about where they come from and where they live.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Publication {
    pub footer: crate::render::footer::Footer,
    /// The site's address: canonical links and a sitemap.
    pub site_url: Option<String>,
}

impl Publication {
    pub fn new(org: &Organisation, options: &BuildOptions) -> Publication {
        Publication {
            footer: crate::render::footer::Footer::new(org, options.provenance.as_ref()),
            site_url: options.site_url.clone().or_else(|| org.site_url.clone()),
        }
    }
}

/// Renders everything for a valid organisation into memory (tests, `serve`).
pub fn render(org: &Organisation, options: &BuildOptions) -> Result<OutputTree, String> {
    let options = &options.for_org(org);
    let mut tree = OutputTree::new();
    render_into(org, options, &mut tree)?;
    Ok(tree)
}

/// The hash of everything a build's output depends on besides the
/// organisation: this program (its version and source), the templates and
/// the options.
pub fn config_key(options: &BuildOptions, templates: &Templates) -> Key {
    let mut h = KeyHasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes())
        .update(env!("ORGANOGRAM_SOURCE_HASH").as_bytes())
        .update(&[u8::from(options.public)])
        // The print output: which files, on what paper, with what date.
        .update(
            format!(
                "{} {} {} {:?} {:?}",
                options.pdf,
                options.chart_pdfs,
                options.png,
                options.print.paper,
                options.print.date,
            )
            .as_bytes(),
        );
    templates.hash_into(&mut h);
    h.key()
}

/// The hash of a whole build of `org` (checked from `sources`): the
/// configuration, the organisation's files and the free pages. Equal keys
/// give equal output.
pub fn build_key(
    org: &Organisation,
    sources: &Sources,
    options: &BuildOptions,
) -> Result<Key, String> {
    let templates = Templates::load(options.templates.as_deref())?;
    let mut h = KeyHasher::new();
    h.update(&config_key(options, &templates));
    h.update(format!("{:?} {:?}", options.provenance, options.site_url).as_bytes());
    // Paths inside the folder, so that the key (kept in the output) is the
    // same wherever the folder is.
    for file in sources.ids().map(|id| sources.file(id)) {
        let path = options
            .org_dir
            .as_deref()
            .and_then(|dir| file.path.strip_prefix(dir).ok())
            .unwrap_or(&file.path);
        h.update(path.to_string_lossy().as_bytes())
            .update(file.text.as_bytes());
    }
    for page in free_pages(options)? {
        h.update(page.path.as_bytes()).update(page.plain.as_bytes());
        h.value(&page.body);
    }
    // The date matters only through the last dated change on or before it:
    // the output is the same from one change to the next. The check found
    // the changes (reading the files again for them cost a tenth of a
    // rebuild with nothing changed).
    let at = options.at.unwrap_or_else(Date::today);
    let epoch = org
        .history
        .events
        .iter()
        .map(|e| e.date)
        .filter(|&d| d <= at)
        .max();
    if let Some(epoch) = epoch {
        h.update(epoch.to_string().as_bytes());
    }
    Ok(h.key())
}

fn free_pages(options: &BuildOptions) -> Result<Vec<crate::handbook::FreePage>, String> {
    match &options.org_dir {
        Some(dir) => crate::handbook::pages::read_dir(&dir.join("pages")),
        None => Ok(vec![]),
    }
}

/// Renders everything for a valid organisation into `sink`, file by file.
pub fn render_into(
    org: &Organisation,
    options: &BuildOptions,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    let options = &options.for_org(org);
    let chart_options = crate::charts::ChartOptions {
        public: options.public,
        chart_href: Some("{id}.svg".to_string()),
        layout: crate::layout::Options::for_paper(options.print.paper),
        ..Default::default()
    };
    let charts = crate::charts::all_charts(org, &chart_options);
    let templates = Templates::load(options.templates.as_deref())?;
    let config = config_key(options, &templates);
    let booklet = options
        .pdf
        .then(|| BookletFile::new(org, &charts, &config, options.print.paper, sink.cache_dir()));
    let lang = org.locale.tag();
    let print_booklet = |b: &BookletFile, on_section: &mut crate::print::OnSection| {
        crate::print::booklet(org, &charts, &options.print, &b.sections, on_section)
    };
    // Each chart's own PDF is its page of the booklet, cut out of the
    // booklet's sections as they are joined: then the booklet is made
    // first, on this thread (its sections on every core).
    let cutting = booklet
        .as_ref()
        .filter(|b| options.chart_pdfs && !sink.holds(&b.path, b.key));
    if let Some(b) = cutting {
        sink.stage("booklet", charts.len() + 1);
        let pdf = print_booklet(b, &mut |range, section| {
            for (page, i) in range.enumerate() {
                let chart = &charts[i];
                sink.file(
                    &chart_path(&chart.id, ChartFormat::Pdf),
                    Some(b.chart_pdf_key(&config, chart, i, lang)),
                    &mut || crate::print::cut_page(section, page, &chart.title, lang),
                )?;
            }
            Ok(())
        });
        let mut pdf = Some(pdf);
        sink.file(&b.path, Some(b.key), &mut || {
            pdf.take()
                .unwrap_or_else(|| print_booklet(b, &mut |_, _| Ok(())))
        })?;
    }
    std::thread::scope(|scope| {
        // Otherwise the booklet is one file, printed on threads of its own
        // while everything else is made (unless the sink holds it already).
        let printing = booklet
            .as_ref()
            .filter(|b| cutting.is_none() && !sink.holds(&b.path, b.key))
            .map(|b| scope.spawn(|| print_booklet(b, &mut |_, _| Ok(()))));
        let pdfs = options.pdf && options.chart_pdfs && cutting.is_none();
        write_chart_files(
            org,
            options,
            &config,
            &charts,
            booklet.as_ref().filter(|_| pdfs),
            sink,
        )?;
        write_handbook(org, options, &templates, &config, &charts, sink)?;
        if let Some(b) = booklet.as_ref().filter(|_| cutting.is_none()) {
            let mut printed = printing.map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            sink.file(&b.path, Some(b.key), &mut || {
                printed
                    .take()
                    .unwrap_or_else(|| print_booklet(b, &mut |_, _| Ok(())))
            })?;
        }
        Ok(())
    })
}

/// The key of a print file: the configuration, what it is, and the chart
/// it is made from. Print files are slow to make: keyed so, a rebuild makes
/// again only those of the charts that changed.
fn print_key(config: &Key, what: &str, chart: Option<&crate::charts::Chart>) -> KeyHasher {
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
        charts: &[crate::charts::Chart],
        config: &Key,
        paper: crate::layout::paper::Paper,
        cache: Option<std::path::PathBuf>,
    ) -> BookletFile {
        // The title page shows the name, the total FTE and the unit count.
        let mut h = print_key(config, "booklet", None);
        h.update(org.name.as_bytes())
            .update(org.locale.tag().as_bytes())
            .update(org.units[org.root].total_fte.to_string().as_bytes())
            .update(&(org.units.len() as u64).to_le_bytes());
        for chart in charts {
            chart_key(&mut h, chart);
        }
        let store = match cache {
            Some(dir) => crate::print::sections::Store::at(&dir.join("booklet")),
            None => crate::print::sections::Store::none(),
        };
        BookletFile {
            path: crate::charts::booklet_path(org),
            key: h.key(),
            sections: crate::print::sections::Sections::new(charts, paper, store),
        }
    }

    /// The key of the PDF of `chart`, chart `i` of the booklet: its page of
    /// its section, whose fonts also hold the letters of the section's other
    /// charts, so the section's key is part of it.
    fn chart_pdf_key(
        &self,
        config: &Key,
        chart: &crate::charts::Chart,
        i: usize,
        lang: &str,
    ) -> Key {
        print_key(config, "pdf", Some(chart))
            .update(&self.sections.keys[self.sections.of(i)])
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
    charts: &[crate::charts::Chart],
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

/// The handbook: its pages in both books, and each book's other files.
fn write_handbook(
    org: &Organisation,
    options: &BuildOptions,
    templates: &Templates,
    config: &Key,
    charts: &[crate::charts::Chart],
    sink: &mut dyn Sink,
) -> Result<(), String> {
    // The footer's words and the site's address are on every page (and on
    // no chart): part of the key that every page's key starts from. The
    // date and revision are not (see render::footer): the pages that show
    // them add them to their own keys.
    let publication = Publication::new(org, options);
    let page_config = KeyHasher::new()
        .update(config)
        .value(&publication.footer.shared())
        .value(&publication.site_url)
        .key();
    let free_pages = free_pages(options)?;
    let mut book = crate::handbook::Handbook::build(org, &free_pages, options.public);
    book.downloads = crate::handbook::Downloads {
        pdf: options.pdf,
        png: options.png,
        chart_pdfs: options.chart_pdfs,
    };
    let chart_files = crate::render::chart_files::ChartFiles::new(
        charts,
        book.downloads,
        &crate::charts::booklet_path(org),
    );
    let md = crate::render::markdown::BookPages::new(&book, templates, &page_config)?;
    let html = crate::render::html::SitePages::new(
        org,
        &book,
        templates,
        &page_config,
        &chart_files,
        &publication,
    )?;
    // The search index is made beside the pages, not after them all: it
    // needs only the book, and would otherwise be a tail on one core.
    let search_index = std::thread::scope(|scope| -> Result<String, String> {
        let index = scope.spawn(|| crate::handbook::search::script(&book.search()));
        crate::render::pages::render(org, &book, &md, &html, sink)?;
        Ok(index
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    crate::render::markdown::render_book(
        &book,
        templates,
        &publication,
        &mut Under { prefix: "md", sink },
    )?;
    crate::render::html::render_site(
        &book,
        templates,
        &publication,
        search_index,
        &mut Under {
            prefix: "html",
            sink,
        },
    )
}

/// Adds everything a chart's print files are made from to `h`.
fn chart_key(h: &mut KeyHasher, chart: &crate::charts::Chart) {
    h.update(chart.id.as_bytes())
        .update(chart.title.as_bytes())
        .update(chart.svg.as_bytes())
        .update(format!("{:?} {:?}", chart.kind, chart.parent).as_bytes())
        .update(&chart.width.to_le_bytes())
        .update(&chart.height.to_le_bytes());
    for link in &chart.links {
        h.update(format!("{:?}", link.rect).as_bytes())
            .update(link.target.as_bytes());
    }
}

/// Builds a valid organisation into the folder `out`: only what changed is
/// rendered and written, nothing at all when the folder holds this build
/// already, and `out` is left as it was when anything fails.
pub fn build(
    org: &Organisation,
    sources: &Sources,
    options: &BuildOptions,
    out: &Path,
    progress: crate::progress::Progress,
    on_wait: &mut dyn FnMut(),
) -> Result<crate::write::Changes, String> {
    let options = &options.for_org(org);
    let key = build_key(org, sources, options)?;
    let cannot = |e: io::Error| format!("cannot write `{}`: {e}", out.display());
    let mut staging = crate::write::Staging::begin(out, key, progress, on_wait).map_err(cannot)?;
    if staging.is_current() {
        return staging.commit().map_err(cannot);
    }
    crate::allocator::small_pages();
    render_into(org, options, &mut staging)?;
    staging.written()?;
    staging.commit().map_err(cannot)
}

/// Compares what a build would write with the folder `out`, writing nothing.
pub fn check_output(
    org: &Organisation,
    options: &BuildOptions,
    out: &Path,
) -> Result<crate::write::Changes, String> {
    let options = &options.for_org(org);
    let mut checker = crate::write::Checker::new(out);
    render_into(org, options, &mut checker)?;
    checker
        .finish()
        .map_err(|e| format!("cannot read `{}`: {e}", out.display()))
}
