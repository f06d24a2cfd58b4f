//! The whole pipeline in one call: folder → validated model → output tree.

mod print_files;

use std::io;
use std::path::{Path, PathBuf};

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
    print_files::write(org, options, &config, &charts, sink, &mut |sink| {
        write_handbook(org, options, &templates, &config, &charts, sink)
    })
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
