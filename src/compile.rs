//! The whole pipeline in one call: folder → validated model → output tree.

use std::io;
use std::path::{Path, PathBuf};

use crate::charts::{ChartFormat, chart_path};
use crate::diagnostics::{self, Diagnostic};
use crate::model::{self, Organisation};
use crate::output::OutputTree;
use crate::source::Sources;

/// A checked organisation folder.
pub struct Checked {
    pub sources: Sources,
    /// Present only when there are no errors.
    pub organisation: Option<Organisation>,
    /// Errors and warnings in stable order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads and validates every TOML file under `dir`.
///
/// `Err` only when the folder itself cannot be read; every problem inside it
/// is a diagnostic.
pub fn check_dir(dir: &Path) -> io::Result<Checked> {
    check_loaded(crate::load::load_dir(dir)?)
}

/// Loads and validates a version of the organisation: a folder if `version`
/// names one, else a git revision whose `dir` folder is read.
pub fn check_version(version: &str, dir: &Path) -> io::Result<Checked> {
    if Path::new(version).is_dir() {
        check_dir(Path::new(version))
    } else {
        check_loaded(crate::load::load_git(version, dir)?)
    }
}

fn check_loaded(loaded: crate::load::Loaded) -> io::Result<Checked> {
    let mut diagnostics = loaded.diagnostics;
    // With a file that could not be read, the model would be incomplete and
    // every reference into that file a false alarm: report the reading only.
    let organisation = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        let built = model::build(&loaded.sources);
        diagnostics.extend(built.diagnostics);
        built.organisation
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
    /// Also write each chart as PDF, and the booklet of all charts.
    pub pdf: bool,
    /// Also write each chart as PNG.
    pub png: bool,
    /// The paper the charts are fitted to (their page budget), and the
    /// booklet's date.
    pub print: crate::print::Booklet,
}

/// Renders everything for a valid organisation. Pure: writes nothing.
pub fn render(org: &Organisation, options: &BuildOptions) -> Result<OutputTree, String> {
    let mut tree = OutputTree::new();
    let chart_options = crate::charts::ChartOptions {
        public: options.public,
        chart_href: Some("{id}.svg".to_string()),
        layout: crate::layout::Options::for_paper(options.print.paper),
        ..Default::default()
    };
    let charts = crate::charts::all_charts(org, &chart_options);
    for chart in &charts {
        if options.pdf {
            let pdf = crate::print::chart_pdf(chart, options.print.paper, org.locale.tag())?;
            tree.add(chart_path(&chart.id, ChartFormat::Pdf), pdf);
        }
        if options.png {
            tree.add(
                chart_path(&chart.id, ChartFormat::Png),
                crate::print::png(&chart.svg)?,
            );
        }
        tree.add(chart_path(&chart.id, ChartFormat::Svg), chart.svg.clone());
    }
    if options.pdf {
        let booklet = crate::print::booklet(org, &charts, &options.print)?;
        tree.add(crate::charts::booklet_path(org), booklet);
    }
    let templates = crate::render::Templates::load(options.templates.as_deref())?;
    let free_pages = match &options.org_dir {
        Some(dir) => crate::handbook::pages::read_dir(&dir.join("pages"))?,
        None => vec![],
    };
    let book = crate::handbook::Handbook::build(org, &free_pages, options.public);
    tree.merge_under(
        "md",
        crate::render::markdown::render_book(org, &book, &templates)?,
    );
    tree.merge_under(
        "html",
        crate::render::html::render_site(org, &book, &templates)?,
    );
    Ok(tree)
}
