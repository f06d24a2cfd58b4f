//! The command line's arguments (clap), and the build options they make.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diagnostics::MessageFormat;
use crate::model::Date;

#[derive(Parser)]
#[command(
    name = "organogram",
    version,
    about = "Compiles an organisation described in TOML into validated organograms and a handbook"
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand)]
pub(super) enum Command {
    /// Check the organisation and report every problem.
    Check(CheckArgs),
    /// Show figures: units per kind, depth, span of control, FTE, vacancies.
    Stats(CheckArgs),
    /// Check the organisation and write the output (charts and handbook).
    Build(BuildArgs),
    /// Build, serve the handbook on 127.0.0.1 and rebuild on every change (live preview).
    Serve(ServeArgs),
    /// Build into the output folder and rebuild on every change.
    Watch(WatchArgs),
    /// Show what changed between two versions of the organisation.
    Diff(DiffArgs),
    /// Make an organisation folder from a spreadsheet or HR export.
    #[command(subcommand)]
    Import(Box<ImportCommand>),
    /// List every dated change of the organisation in date order.
    Timeline(TimelineArgs),
    /// Write the validated model as JSON, CSV, Graphviz DOT or a Mermaid flowchart.
    Export(ExportArgs),
    /// Print the JSON Schema of the format (for editor completion and validation).
    Schema,
    /// Start a new organisation folder with a small working example.
    Init {
        /// The folder to create.
        #[arg(default_value = "org")]
        dir: PathBuf,
    },
    /// Explain a diagnostic code (`E0026`) or list them all.
    Explain {
        /// A code such as `E0026` or a name such as `unknown-parent`.
        code: Option<String>,
    },
}

#[derive(Args)]
pub(super) struct CheckArgs {
    /// The organisation folder: every *.toml file under it is read.
    #[arg(default_value = "org")]
    pub(super) org_dir: PathBuf,
    /// How to print problems: `human` (like rustc), `json` (one object a line) or `github`.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub(super) message_format: MessageFormat,
    /// Treat warnings as errors.
    #[arg(long)]
    pub(super) deny_warnings: bool,
    /// The organisation on this date (YYYY-MM-DD; default: today, or the day of `SOURCE_DATE_EPOCH`).
    #[arg(long, value_name = "DATE")]
    pub(super) at: Option<Date>,
}

impl CheckArgs {
    pub(super) fn date(&self) -> Date {
        self.at.unwrap_or_else(Date::today)
    }
}

#[derive(Args)]
pub(super) struct LiveArgs {
    /// The organisation folder.
    #[arg(default_value = "org")]
    pub(super) org_dir: PathBuf,
    /// Leave out the names of post holders (for a public site).
    #[arg(long)]
    pub(super) public: bool,
    /// A folder of templates that override the embedded ones (watched too).
    #[arg(long)]
    pub(super) templates: Option<PathBuf>,
    /// Build the organisation of this date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub(super) at: Option<Date>,
    #[command(flatten)]
    pub(super) print: PrintArgs,
}

#[derive(Args)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    pub(super) live: LiveArgs,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 3000)]
    pub(super) port: u16,
}

#[derive(Args)]
pub(super) struct WatchArgs {
    #[command(flatten)]
    pub(super) live: LiveArgs,
    /// The output folder.
    #[arg(long, default_value = "out")]
    pub(super) out: PathBuf,
}

#[derive(Subcommand)]
pub(super) enum ImportCommand {
    /// The UK government's organogram files: senior posts, and junior staff per senior post.
    UkOrganogram {
        /// The senior posts file, or a workbook with senior and junior sheets.
        senior: PathBuf,
        /// The junior staff file.
        junior: Option<PathBuf>,
        #[command(flatten)]
        common: ImportArgs,
    },
    /// Any CSV with a column for the id, the id reported to, and the name.
    Csv {
        file: PathBuf,
        /// Column with each unit's id.
        #[arg(long)]
        id: String,
        /// Column with the id of the unit it reports to (empty for the top).
        #[arg(long)]
        parent: String,
        /// Column with the unit's name.
        #[arg(long)]
        name: String,
        /// Column with the unit's FTE.
        #[arg(long)]
        fte: Option<String>,
        /// Column with the kind of unit.
        #[arg(long)]
        kind: Option<String>,
        /// Column with the title of the unit's head.
        #[arg(long)]
        head: Option<String>,
        /// Column with the person holding the head post.
        #[arg(long)]
        holder: Option<String>,
        /// Column with tags, separated by `;`.
        #[arg(long)]
        tags: Option<String>,
        /// For a workbook (.xlsx, .xls, .ods): the sheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        #[command(flatten)]
        common: ImportArgs,
    },
}

#[derive(Args)]
pub(super) struct ImportArgs {
    /// The organisation folder to create.
    #[arg(long)]
    pub(super) out: PathBuf,
    /// The organisation's name (default: from the file, or its file name).
    #[arg(long = "org-name")]
    pub(super) org_name: Option<String>,
    /// Join several top posts under one new top unit with this name.
    #[arg(long)]
    pub(super) root_name: Option<String>,
    /// How ids are matched: `exact`, or `loose` (ignoring case and leading zeros).
    #[arg(long, value_enum, default_value_t = crate::import::MatchIds::Exact)]
    pub(super) match_ids: crate::import::MatchIds,
    /// Apply a safe repair to each problem that has one, with a warning for every row changed.
    #[arg(long)]
    pub(super) lenient: bool,
    /// Rows reporting to an id no row has.
    #[arg(long, value_enum)]
    pub(super) dangling: Option<crate::import::repair::Dangling>,
    /// Several rows with one id.
    #[arg(long, value_enum)]
    pub(super) duplicates: Option<crate::import::repair::Duplicates>,
    /// Rows that report to themselves.
    #[arg(long, value_enum)]
    pub(super) self_parent: Option<crate::import::repair::SelfParent>,
    /// What the reports-to column holds: ids, or names.
    #[arg(long, value_enum, default_value_t = crate::import::repair::ParentBy::Id)]
    pub(super) parent_by: crate::import::repair::ParentBy,
    /// Rows that report to each other in a circle.
    #[arg(long, value_enum)]
    pub(super) cycles: Option<crate::import::repair::Cycles>,
    /// Language of the organisation's labels: nl-BE or en.
    #[arg(long, default_value = "en")]
    pub(super) locale: String,
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub(super) message_format: MessageFormat,
}

#[derive(Args)]
pub(super) struct ExportArgs {
    #[command(flatten)]
    pub(super) input: CheckArgs,
    /// The format to write.
    #[arg(long, value_enum)]
    pub(super) format: crate::export::Format,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub(super) out: Option<PathBuf>,
}

#[derive(Args)]
pub(super) struct TimelineArgs {
    #[command(flatten)]
    pub(super) input: CheckArgs,
    /// The format to write.
    #[arg(long, value_enum, default_value_t = crate::timeline::Format::Markdown)]
    pub(super) format: crate::timeline::Format,
}

#[derive(Args)]
pub(super) struct DiffArgs {
    /// OLD and NEW: organisation folders or git revisions (`HEAD~1`, `main`, a tag).
    /// With `--at A --at B`, one version (default: the --org-dir folder) at two dates.
    #[arg(num_args = 0..=2, value_name = "VERSION")]
    pub(super) versions: Vec<String>,
    /// The date of both versions, or with two `--at`, of the old and the new one (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(super) at: Vec<Date>,
    /// For git revisions: the organisation folder inside the repository.
    #[arg(long, default_value = "org")]
    pub(super) org_dir: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t = crate::diff::Format::Markdown)]
    pub(super) format: crate::diff::Format,
    /// Also draw the changes: the first page (the whole organisation) to this
    /// SVG file, the other pages beside it as `<name>-<chart>.svg`.
    #[arg(long)]
    pub(super) chart: Option<PathBuf>,
    /// Also write the pages of the diff chart as one PDF, with bookmarks.
    #[arg(long, value_name = "FILE")]
    pub(super) pdf: Option<PathBuf>,
    /// The paper the diff chart is fitted to: `a3` or `a4` (default: the new
    /// version's `[output]`, else a3).
    #[arg(long, value_parser = parse_paper)]
    pub(super) paper: Option<crate::layout::paper::PaperSize>,
    /// `landscape` or `portrait` (default: the new version's `[output]`, else landscape).
    #[arg(long, value_parser = parse_orientation)]
    pub(super) orientation: Option<crate::layout::paper::Orientation>,
    /// Exit with 1 when there are changes (like `git diff --exit-code`).
    #[arg(long)]
    pub(super) exit_code: bool,
    /// How to print problems in either version.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub(super) message_format: MessageFormat,
}

#[derive(Args)]
pub(super) struct BuildArgs {
    #[command(flatten)]
    pub(super) input: CheckArgs,
    /// The output folder.
    #[arg(long, default_value = "out")]
    pub(super) out: PathBuf,
    /// Leave out the names of post holders (for a public site).
    #[arg(long)]
    pub(super) public: bool,
    /// A folder of templates that override the embedded ones (file by file).
    #[arg(long)]
    pub(super) templates: Option<PathBuf>,
    /// Write nothing; exit 1 and list the files that are out of date or missing.
    #[arg(long = "check")]
    pub(super) up_to_date: bool,
    /// No progress display (it shows only on a terminal, for builds longer than a second).
    #[arg(long, short)]
    pub(super) quiet: bool,
    /// The address the handbook is published at (https://host/handbook/): canonical links and sitemap.xml.
    #[arg(long, value_name = "URL", value_parser = crate::render::publish::site_url)]
    pub(super) site_url: Option<String>,
    /// The source revision shown in the footer (default: ORGANOGRAM_REVISION, else the git commit, else a hash of the files).
    #[arg(long, value_name = "REV")]
    pub(super) revision: Option<String>,
    #[command(flatten)]
    pub(super) print: PrintArgs,
}

#[derive(Args, Clone)]
pub(super) struct PrintArgs {
    /// Also write a PNG of every chart (at 2x), in `png/` (overrides `[output] png`).
    #[arg(long, overrides_with = "no_png")]
    pub(super) png: bool,
    /// Write no PNGs, whatever `[output]` says.
    #[arg(long, overrides_with = "png")]
    pub(super) no_png: bool,
    /// Write the PDF booklet of all charts (`serve` leaves it out unless asked).
    #[arg(long, overrides_with = "no_pdf")]
    pub(super) pdf: bool,
    /// Write no PDFs, whatever `[output]` says.
    #[arg(long, overrides_with = "pdf")]
    pub(super) no_pdf: bool,
    /// With the booklet, also a PDF of each chart beside its SVG
    /// (`svg/<id>.pdf`; the default up to 20,000 units; overrides `[output] chart_pdfs`).
    #[arg(long, overrides_with = "no_chart_pdfs")]
    pub(super) chart_pdfs: bool,
    /// No PDF per chart: a chart's PDF link opens its page of the booklet.
    #[arg(long, overrides_with = "chart_pdfs")]
    pub(super) no_chart_pdfs: bool,
    /// The paper the charts are fitted to: `a3` (default) or `a4` (overrides `[output] paper`).
    #[arg(long, value_parser = parse_paper)]
    pub(super) paper: Option<crate::layout::paper::PaperSize>,
    /// `landscape` (default) or `portrait` (overrides `[output] orientation`).
    #[arg(long, value_parser = parse_orientation)]
    pub(super) orientation: Option<crate::layout::paper::Orientation>,
    /// The date on the PDF booklet's title page (default: SOURCE_DATE_EPOCH, else none).
    #[arg(long)]
    pub(super) date: Option<String>,
}

fn parse_paper(text: &str) -> Result<crate::layout::paper::PaperSize, String> {
    crate::layout::paper::PaperSize::parse(text).ok_or_else(|| "the paper is `a3` or `a4`".into())
}

fn parse_orientation(text: &str) -> Result<crate::layout::paper::Orientation, String> {
    crate::layout::paper::Orientation::parse(text)
        .ok_or_else(|| "the orientation is `landscape` or `portrait`".into())
}

impl PrintArgs {
    /// The build's print options: PDFs and no PNGs unless the organisation's
    /// `[output]` table or the command line say otherwise.
    pub(super) fn options(&self) -> (crate::print::Booklet, crate::model::OutputSettings) {
        let flag = |yes: bool, no: bool| {
            if yes {
                Some(true)
            } else if no {
                Some(false)
            } else {
                None
            }
        };
        let booklet = crate::print::Booklet {
            paper: crate::layout::paper::Paper::default(),
            date: self.date.clone().or_else(crate::print::source_date),
        };
        let chosen = crate::model::OutputSettings {
            pdf: flag(self.pdf, self.no_pdf),
            chart_pdfs: flag(self.chart_pdfs, self.no_chart_pdfs),
            png: flag(self.png, self.no_png),
            paper: self.paper,
            orientation: self.orientation,
        };
        (booklet, chosen)
    }
}

impl LiveArgs {
    pub(super) fn options(&self) -> crate::compile::BuildOptions {
        let (print, output) = self.print.options();
        crate::compile::BuildOptions {
            public: self.public,
            templates: self.templates.clone(),
            org_dir: Some(self.org_dir.clone()),
            at: self.at,
            pdf: true,
            chart_pdfs: true,
            png: false,
            print,
            output,
            // Found again for every build, from the folder as it is then.
            provenance: None,
            site_url: None,
        }
    }

    pub(super) fn watched(&self) -> Vec<PathBuf> {
        let mut paths = vec![self.org_dir.clone()];
        paths.extend(self.templates.clone());
        paths
    }
}
