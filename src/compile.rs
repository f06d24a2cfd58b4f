//! The whole pipeline in one call: folder → validated model → output tree.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic};
use crate::model::{self, Date, Organisation};
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
    let organisation = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        let built = model::build_at(&loaded.sources, at);
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
    /// The date of the organisation to build (`None`: today).
    pub at: Option<Date>,
}

/// Renders everything for a valid organisation. Pure: writes nothing.
pub fn render(org: &Organisation, options: &BuildOptions) -> Result<OutputTree, String> {
    let mut tree = OutputTree::new();
    let chart_options = crate::charts::ChartOptions {
        public: options.public,
        chart_href: Some("{id}.svg".to_string()),
        ..Default::default()
    };
    for chart in crate::charts::all_charts(org, &chart_options) {
        tree.add(format!("svg/{}.svg", chart.id), chart.svg);
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
