//! Command-line interface: parses arguments and calls the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diagnostics::{self, Code, Diagnostic, MessageFormat, Severity};
use crate::model::{Date, Organisation};
use crate::source::Sources;
use crate::stats;

/// Exit code when the organisation has errors.
const EXIT_INVALID: u8 = 1;
/// Exit code for usage and I/O problems.
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "organogram",
    version,
    about = "Compiles an organisation described in TOML into validated organograms and a handbook"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
struct CheckArgs {
    /// The organisation folder: every *.toml file under it is read.
    #[arg(default_value = "org")]
    org_dir: PathBuf,
    /// How to print problems: `human` (like rustc), `json` (one object a line) or `github`.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// The organisation on this date (YYYY-MM-DD; default: today, or the day of `SOURCE_DATE_EPOCH`).
    #[arg(long, value_name = "DATE")]
    at: Option<Date>,
}

impl CheckArgs {
    fn date(&self) -> Date {
        self.at.unwrap_or_else(Date::today)
    }
}

#[derive(Args)]
struct LiveArgs {
    /// The organisation folder.
    #[arg(default_value = "org")]
    org_dir: PathBuf,
    /// Leave out the names of post holders (for a public site).
    #[arg(long)]
    public: bool,
    /// A folder of templates that override the embedded ones (watched too).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Build the organisation of this date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    at: Option<Date>,
    #[command(flatten)]
    print: PrintArgs,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    live: LiveArgs,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 3000)]
    port: u16,
}

#[derive(Args)]
struct WatchArgs {
    #[command(flatten)]
    live: LiveArgs,
    /// The output folder.
    #[arg(long, default_value = "out")]
    out: PathBuf,
}

#[derive(Subcommand)]
enum ImportCommand {
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
struct ImportArgs {
    /// The organisation folder to create.
    #[arg(long)]
    out: PathBuf,
    /// The organisation's name (default: from the file, or its file name).
    #[arg(long = "org-name")]
    org_name: Option<String>,
    /// Join several top posts under one new top unit with this name.
    #[arg(long)]
    root_name: Option<String>,
    /// How ids are matched: `exact`, or `loose` (ignoring case and leading zeros).
    #[arg(long, value_enum, default_value_t = crate::import::MatchIds::Exact)]
    match_ids: crate::import::MatchIds,
    /// Apply a safe repair to each problem that has one, with a warning for every row changed.
    #[arg(long)]
    lenient: bool,
    /// Rows reporting to an id no row has.
    #[arg(long, value_enum)]
    dangling: Option<crate::import::repair::Dangling>,
    /// Several rows with one id.
    #[arg(long, value_enum)]
    duplicates: Option<crate::import::repair::Duplicates>,
    /// Rows that report to themselves.
    #[arg(long, value_enum)]
    self_parent: Option<crate::import::repair::SelfParent>,
    /// What the reports-to column holds: ids, or names.
    #[arg(long, value_enum, default_value_t = crate::import::repair::ParentBy::Id)]
    parent_by: crate::import::repair::ParentBy,
    /// Rows that report to each other in a circle.
    #[arg(long, value_enum)]
    cycles: Option<crate::import::repair::Cycles>,
    /// Language of the organisation's labels: nl-BE or en.
    #[arg(long, default_value = "en")]
    locale: String,
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    input: CheckArgs,
    /// The format to write.
    #[arg(long, value_enum)]
    format: crate::export::Format,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Args)]
struct TimelineArgs {
    #[command(flatten)]
    input: CheckArgs,
    /// The format to write.
    #[arg(long, value_enum, default_value_t = crate::timeline::Format::Markdown)]
    format: crate::timeline::Format,
}

#[derive(Args)]
struct DiffArgs {
    /// OLD and NEW: organisation folders or git revisions (`HEAD~1`, `main`, a tag).
    /// With `--at A --at B`, one version (default: the --org-dir folder) at two dates.
    #[arg(num_args = 0..=2, value_name = "VERSION")]
    versions: Vec<String>,
    /// The date of both versions, or with two `--at`, of the old and the new one (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    at: Vec<Date>,
    /// For git revisions: the organisation folder inside the repository.
    #[arg(long, default_value = "org")]
    org_dir: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t = crate::diff::Format::Markdown)]
    format: crate::diff::Format,
    /// Also draw the changes: the first page (the whole organisation) to this
    /// SVG file, the other pages beside it as `<name>-<chart>.svg`.
    #[arg(long)]
    chart: Option<PathBuf>,
    /// Also write the pages of the diff chart as one PDF, with bookmarks.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// The paper the diff chart is fitted to: `a3` or `a4` (default: the new
    /// version's `[output]`, else a3).
    #[arg(long, value_parser = parse_paper)]
    paper: Option<crate::layout::paper::PaperSize>,
    /// `landscape` or `portrait` (default: the new version's `[output]`, else landscape).
    #[arg(long, value_parser = parse_orientation)]
    orientation: Option<crate::layout::paper::Orientation>,
    /// Exit with 1 when there are changes (like `git diff --exit-code`).
    #[arg(long)]
    exit_code: bool,
    /// How to print problems in either version.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    input: CheckArgs,
    /// The output folder.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Leave out the names of post holders (for a public site).
    #[arg(long)]
    public: bool,
    /// A folder of templates that override the embedded ones (file by file).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Write nothing; exit 1 and list the files that are out of date or missing.
    #[arg(long = "check")]
    up_to_date: bool,
    /// No progress display (it shows only on a terminal, for builds longer than a second).
    #[arg(long, short)]
    quiet: bool,
    /// The address the handbook is published at (https://host/handbook/): canonical links and sitemap.xml.
    #[arg(long, value_name = "URL", value_parser = crate::render::publish::site_url)]
    site_url: Option<String>,
    /// The source revision shown in the footer (default: ORGANOGRAM_REVISION, else the git commit, else a hash of the files).
    #[arg(long, value_name = "REV")]
    revision: Option<String>,
    #[command(flatten)]
    print: PrintArgs,
}

#[derive(Args, Clone)]
struct PrintArgs {
    /// Also write a PNG of every chart (at 2x), in `png/` (overrides `[output] png`).
    #[arg(long, overrides_with = "no_png")]
    png: bool,
    /// Write no PNGs, whatever `[output]` says.
    #[arg(long, overrides_with = "png")]
    no_png: bool,
    /// Write the PDF booklet of all charts (`serve` leaves it out unless asked).
    #[arg(long, overrides_with = "no_pdf")]
    pdf: bool,
    /// Write no PDFs, whatever `[output]` says.
    #[arg(long, overrides_with = "pdf")]
    no_pdf: bool,
    /// With the booklet, also a PDF of each chart beside its SVG
    /// (`svg/<id>.pdf`, the default; overrides `[output] chart_pdfs`).
    #[arg(long, overrides_with = "no_chart_pdfs")]
    chart_pdfs: bool,
    /// No PDF per chart: a chart's PDF link opens its page of the booklet.
    #[arg(long, overrides_with = "chart_pdfs")]
    no_chart_pdfs: bool,
    /// The paper the charts are fitted to: `a3` (default) or `a4` (overrides `[output] paper`).
    #[arg(long, value_parser = parse_paper)]
    paper: Option<crate::layout::paper::PaperSize>,
    /// `landscape` (default) or `portrait` (overrides `[output] orientation`).
    #[arg(long, value_parser = parse_orientation)]
    orientation: Option<crate::layout::paper::Orientation>,
    /// The date on the PDF booklet's title page (default: SOURCE_DATE_EPOCH, else none).
    #[arg(long)]
    date: Option<String>,
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
    fn options(&self) -> (crate::print::Booklet, crate::model::OutputSettings) {
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

fn build(args: &BuildArgs) -> ExitCode {
    let (org, sources) = match check_with_sources(&args.input) {
        Ok(checked) => checked,
        Err(code) => return ExitCode::from(code),
    };
    let (print, output) = args.print.options();
    let options = crate::compile::BuildOptions {
        public: args.public,
        templates: args.templates.clone(),
        org_dir: Some(args.input.org_dir.clone()),
        at: Some(args.input.date()),
        pdf: true,
        chart_pdfs: true,
        png: false,
        print,
        output,
        provenance: Some(crate::provenance::Provenance::detect(
            &args.input.org_dir,
            &sources,
            args.revision.clone(),
        )),
        site_url: args.site_url.clone(),
    };
    let out = args.out.display();
    if args.up_to_date {
        return match crate::compile::check_output(&org, &options, &args.out) {
            Ok(changes) if changes.is_empty() => {
                eprintln!("`{out}` is up to date ({} files)", changes.unchanged);
                ExitCode::SUCCESS
            }
            Ok(changes) => {
                for path in &changes.changed {
                    println!("out of date: {out}/{path}");
                }
                for path in &changes.added {
                    println!("missing:     {out}/{path}");
                }
                for path in &changes.removed {
                    println!("left over:   {out}/{path}");
                }
                eprintln!(
                    "error: `{out}` is not up to date with the organisation: run `organogram build` and commit the result"
                );
                ExitCode::from(EXIT_INVALID)
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(EXIT_USAGE)
            }
        };
    }
    let progress = crate::progress::Progress::new(!args.quiet);
    let mut on_wait = || eprintln!("waiting for another build into `{out}` to finish…");
    match crate::compile::build(&org, &sources, &options, &args.out, progress, &mut on_wait) {
        Ok(changes) if changes.is_empty() && changes.unchanged == 0 => {
            eprintln!("`{out}` is up to date: nothing to build")
        }
        Ok(changes) => eprintln!(
            "wrote `{out}`: {} new, {} changed, {} removed, {} unchanged",
            changes.added.len(),
            changes.changed.len(),
            changes.removed.len(),
            changes.unchanged
        ),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    ExitCode::SUCCESS
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => match check(&args) {
            Ok(_) => ExitCode::SUCCESS,
            Err(code) => ExitCode::from(code),
        },
        Command::Stats(args) => match check(&args) {
            Ok(org) => {
                print!("{}", stats::Stats::of(&org).render(&org));
                ExitCode::SUCCESS
            }
            Err(code) => ExitCode::from(code),
        },
        Command::Build(args) => build(&args),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Diff(args) => diff(&args),
        Command::Timeline(args) => timeline(&args),
        Command::Import(command) => import(*command),
        Command::Export(args) => match check(&args.input) {
            Ok(org) => {
                let text = crate::export::export(&org, args.format);
                match &args.out {
                    None => {
                        print!("{text}");
                        ExitCode::SUCCESS
                    }
                    Some(path) => match std::fs::write(path, text) {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) => {
                            eprintln!("error: cannot write `{}`: {e}", path.display());
                            ExitCode::from(EXIT_USAGE)
                        }
                    },
                }
            }
            Err(code) => ExitCode::from(code),
        },
        Command::Serve(args) => serve(&args),
        Command::Watch(args) => watch(&args),
        Command::Schema => {
            let schema = crate::model::schema::json_schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Command::Init { dir } => match crate::init::init(&dir) {
            Ok(files) => {
                for f in files {
                    eprintln!("created {}", f.display());
                }
                eprintln!("next: `organogram check {}`", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(EXIT_USAGE)
            }
        },
    }
}

/// Loads and validates the organisation, printing diagnostics. Returns the
/// organisation, or the exit code to end with.
fn check(args: &CheckArgs) -> Result<Organisation, u8> {
    check_with_sources(args).map(|(org, _)| org)
}

/// As [`check`], with the files read (a build's key is made from them).
fn check_with_sources(args: &CheckArgs) -> Result<(Organisation, Sources), u8> {
    let checked = match crate::compile::check_dir_at(&args.org_dir, args.date()) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!(
                "error: cannot read the organisation folder `{}`: {e}",
                args.org_dir.display()
            );
            return Err(EXIT_USAGE);
        }
    };
    let mut diagnostics = checked.diagnostics;
    if args.deny_warnings {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    print_diagnostics(&diagnostics, &checked.sources, args.message_format);
    let (errors, warnings) = diagnostics::tally(&diagnostics);
    let io_error = diagnostics.iter().any(|d| d.code == Code::Io);
    if args.message_format == MessageFormat::Human {
        summarise(&args.org_dir, errors, warnings);
    }
    match checked.organisation {
        Some(org) if errors == 0 => Ok((org, checked.sources)),
        _ if io_error => Err(EXIT_USAGE),
        _ => Err(EXIT_INVALID),
    }
}

impl LiveArgs {
    fn options(&self) -> crate::compile::BuildOptions {
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

    fn watched(&self) -> Vec<PathBuf> {
        let mut paths = vec![self.org_dir.clone()];
        paths.extend(self.templates.clone());
        paths
    }
}

fn serve(args: &ServeArgs) -> ExitCode {
    use crate::live;
    if !args.live.org_dir.is_dir() {
        eprintln!("error: `{}` is not a folder", args.live.org_dir.display());
        return ExitCode::from(EXIT_USAGE);
    }
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {e}", args.port);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(args.port);
    let watch = match live::Watch::new(&args.live.watched()) {
        Ok(watch) => watch,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let state = live::Shared::default();
    let mut options = args.live.options();
    // A live preview rebuilds on every save: the PDFs and PNGs, the slow
    // part of a build, only when asked for on its command line.
    options.output.pdf = Some(args.live.print.pdf);
    options.output.png = Some(args.live.print.png);
    eprintln!(
        "{}",
        live::apply(&state, live::build_once(&args.live.org_dir, &options))
    );
    eprintln!("serving http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    let http_state = state.clone();
    std::thread::spawn(move || live::serve_http(server, http_state));
    watch.run(|| {
        eprintln!(
            "{}",
            live::apply(&state, live::build_once(&args.live.org_dir, &options))
        );
        true
    });
    ExitCode::SUCCESS
}

fn watch(args: &WatchArgs) -> ExitCode {
    use crate::live::{self, Outcome};
    if !args.live.org_dir.is_dir() {
        eprintln!("error: `{}` is not a folder", args.live.org_dir.display());
        return ExitCode::from(EXIT_USAGE);
    }
    let watch = match live::Watch::new(&args.live.watched()) {
        Ok(watch) => watch,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let options = args.live.options();
    let once = || match live::build_once(&args.live.org_dir, &options) {
        Outcome::Built(tree, warnings, _) => {
            for w in warnings {
                eprintln!("{w}\n");
            }
            match crate::write::write_tree(&args.out, &tree) {
                Ok(c) => eprintln!(
                    "wrote `{}`: {} new, {} changed, {} removed",
                    args.out.display(),
                    c.added.len(),
                    c.changed.len(),
                    c.removed.len()
                ),
                Err(e) => eprintln!("error: cannot write `{}`: {e}", args.out.display()),
            }
        }
        Outcome::Invalid(errors, _) => {
            for e in errors {
                eprintln!("{e}\n");
            }
            eprintln!(
                "the organisation has errors; `{}` is left as it was",
                args.out.display()
            );
        }
    };
    once();
    eprintln!(
        "watching `{}` (Ctrl-C to stop)",
        args.live.org_dir.display()
    );
    watch.run(|| {
        once();
        true
    });
    ExitCode::SUCCESS
}

fn import(command: ImportCommand) -> ExitCode {
    use crate::import::{self, Options, Policies, generic, uk};
    let (common, file) = match &command {
        ImportCommand::UkOrganogram { common, senior, .. } => (common, senior.clone()),
        ImportCommand::Csv { common, file, .. } => (common, file.clone()),
    };
    let Some(locale) = crate::model::Locale::parse(&common.locale) else {
        eprintln!("error: `--locale {}` is not nl-BE or en", common.locale);
        return ExitCode::from(EXIT_USAGE);
    };
    let mut options = Options {
        name: common.org_name.clone().unwrap_or_default(),
        root_name: common.root_name.clone(),
        match_ids: common.match_ids,
        locale,
        policies: Policies {
            lenient: common.lenient,
            dangling: common.dangling,
            duplicates: common.duplicates,
            self_parent: common.self_parent,
            parent_by: common.parent_by,
            cycles: common.cycles,
        },
        sheet: None,
    };
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let result = match &command {
        ImportCommand::UkOrganogram { senior, junior, .. } => uk::import(
            senior,
            junior.as_deref(),
            &options,
            &mut sources,
            &mut diagnostics,
        ),
        ImportCommand::Csv {
            file,
            id,
            parent,
            name,
            fte,
            kind,
            head,
            holder,
            tags,
            sheet,
            ..
        } => {
            if options.name.is_empty() {
                options.name = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
            }
            options.sheet = sheet.clone();
            let columns = generic::Columns {
                id: id.clone(),
                parent: parent.clone(),
                name: name.clone(),
                fte: fte.clone(),
                kind: kind.clone(),
                head: head.clone(),
                holder: holder.clone(),
                tags: tags.clone(),
            };
            generic::import(file, &columns, &options, &mut sources, &mut diagnostics)
        }
    };
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", file.display());
            return ExitCode::from(EXIT_USAGE);
        }
    };
    diagnostics::sort(&mut diagnostics);
    print_diagnostics(&diagnostics, &sources, common.message_format);
    let (errors, warnings) = diagnostics::tally(&diagnostics);
    for line in &outcome.summary {
        eprintln!("{line}");
    }
    let Some(files) = outcome.files.filter(|_| errors == 0) else {
        eprintln!(
            "error: the import found {errors} problem(s) and {warnings} warning(s) in the data; nothing was written"
        );
        return ExitCode::from(EXIT_INVALID);
    };
    for line in outcome.ledger.report(locale, &sources) {
        eprintln!("{line}");
    }
    if let Err(e) = import::write_folder(&common.out, &files) {
        eprintln!("error: {e}");
        return ExitCode::from(EXIT_USAGE);
    }
    eprintln!("wrote {} files to `{}`", files.len(), common.out.display());
    // The result must pass the same checks as any organisation.
    let args = CheckArgs {
        org_dir: common.out.clone(),
        message_format: common.message_format,
        deny_warnings: false,
        at: None,
    };
    match check(&args) {
        Ok(org) => {
            eprintln!(
                "{} units, {} in all",
                org.units.len(),
                org.locale.format_fte(org.units[org.root].total_fte)
            );
            ExitCode::SUCCESS
        }
        Err(code) => ExitCode::from(code),
    }
}

fn timeline(args: &TimelineArgs) -> ExitCode {
    if let Err(code) = check(&args.input) {
        return ExitCode::from(code);
    }
    let loaded = match crate::load::load_dir(&args.input.org_dir) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let events = crate::model::timeline_of(&loaded.sources);
    print!("{}", crate::timeline::render(&events, args.format));
    ExitCode::SUCCESS
}

/// The two versions and dates a diff compares.
fn diff_sides(args: &DiffArgs) -> Result<[(String, Date); 2], String> {
    let folder = || args.org_dir.display().to_string();
    let today = Date::today();
    match (args.versions.as_slice(), args.at.as_slice()) {
        ([old, new], []) => Ok([(old.clone(), today), (new.clone(), today)]),
        ([old, new], [at]) => Ok([(old.clone(), *at), (new.clone(), *at)]),
        ([old, new], [a, b]) => Ok([(old.clone(), *a), (new.clone(), *b)]),
        ([one], [a, b]) => Ok([(one.clone(), *a), (one.clone(), *b)]),
        ([], [a, b]) => Ok([(folder(), *a), (folder(), *b)]),
        (_, ats) if ats.len() > 2 => Err("give `--at` at most twice".into()),
        _ => Err(
            "compare two versions (`diff OLD NEW`), or one version at two dates (`diff --at A --at B [VERSION]`)"
                .into(),
        ),
    }
}

fn diff(args: &DiffArgs) -> ExitCode {
    let sides = match diff_sides(args) {
        Ok(sides) => sides,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut versions = Vec::new();
    for (version, at) in &sides {
        let checked = match crate::compile::check_version(version, &args.org_dir, *at) {
            Ok(checked) => checked,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        };
        let errors: Vec<Diagnostic> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if !errors.is_empty() {
            print_diagnostics(&errors, &checked.sources, args.message_format);
            eprintln!("error: the version `{version}` has errors; fix them before comparing");
            return ExitCode::from(EXIT_INVALID);
        }
        match checked.organisation {
            Some(org) => versions.push(org),
            None => return ExitCode::from(EXIT_INVALID),
        }
    }
    let (old, new) = (&versions[0], &versions[1]);
    let changes = crate::diff::diff(old, new);
    print!("{}", crate::diff::render(&changes, args.format, new.locale));
    if (args.chart.is_some() || args.pdf.is_some())
        && let Err(e) = write_diff_chart(args, old, new, &changes)
    {
        eprintln!("error: {e}");
        return ExitCode::from(EXIT_USAGE);
    }
    if args.exit_code && !changes.is_empty() {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes the pages of the diff chart (`--chart`) and their PDF (`--pdf`).
fn write_diff_chart(
    args: &DiffArgs,
    old: &Organisation,
    new: &Organisation,
    changes: &crate::diff::Diff,
) -> Result<(), String> {
    let settings = new.output.under(crate::model::OutputSettings {
        paper: args.paper,
        orientation: args.orientation,
        ..Default::default()
    });
    let paper = crate::layout::paper::Paper {
        size: settings.paper.unwrap_or_default(),
        orientation: settings.orientation.unwrap_or_default(),
    };
    let href = args.chart.as_deref().map(crate::diff::page_href);
    let set = crate::diff::charts(old, new, changes, paper, href);
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
    };
    if let Some(file) = &args.chart {
        for (path, svg) in crate::diff::page_files(file, &set) {
            write(&path, svg.as_bytes())?;
        }
    }
    if let Some(file) = &args.pdf {
        let pdf = crate::print::charts_pdf(&set.charts, paper, &set.title, set.lang)?;
        write(file, &pdf)?;
    }
    Ok(())
}

fn print_diagnostics(diagnostics: &[Diagnostic], sources: &Sources, format: MessageFormat) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    for d in diagnostics {
        // A closed pipe (`| head`) is not worth a panic.
        let _ = match format {
            MessageFormat::Human => {
                eprintln!("{}\n", diagnostics::render_human(d, sources, color));
                Ok(())
            }
            MessageFormat::Json => {
                let json = diagnostics::to_json(d, sources);
                serde_json::to_string(&json)
                    .map_err(std::io::Error::other)
                    .and_then(|line| writeln!(stdout, "{line}"))
            }
            MessageFormat::Github => writeln!(stdout, "{}", diagnostics::render_github(d, sources)),
        };
    }
}

fn summarise(dir: &Path, errors: usize, warnings: usize) {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match (errors, warnings) {
        (0, 0) => eprintln!("`{}` is valid", dir.display()),
        (0, w) => eprintln!(
            "`{}` is valid, with {}",
            dir.display(),
            plural(w, "warning")
        ),
        (e, 0) => eprintln!("error: `{}` has {}", dir.display(), plural(e, "error")),
        (e, w) => eprintln!(
            "error: `{}` has {} and {}",
            dir.display(),
            plural(e, "error"),
            plural(w, "warning")
        ),
    }
}

fn explain(code: Option<&str>) -> ExitCode {
    match code {
        None => {
            for c in Code::ALL {
                println!("{}  {:<24} {}", c.code(), c.name(), c.summary());
            }
            ExitCode::SUCCESS
        }
        Some(text) => match Code::find(text) {
            Some(c) => {
                let severity = match c.default_severity() {
                    Severity::Error => "error",
                    Severity::Warning => {
                        "warning (allow it with `allow = [\"…\"]` in [organisation.warnings])"
                    }
                };
                println!("{} {}: {}\n{}", c.code(), c.name(), c.summary(), severity);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "error: there is no diagnostic `{text}`; `organogram explain` lists them all"
                );
                ExitCode::from(EXIT_USAGE)
            }
        },
    }
}
