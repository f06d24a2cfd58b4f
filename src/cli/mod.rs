//! Command-line interface: parses arguments and calls the library.

mod args;
mod report;

use std::process::ExitCode;

use clap::Parser;

use crate::diagnostics::{self, Code, Diagnostic, MessageFormat, Severity};
use crate::model::{Date, Organisation};
use crate::source::Sources;
use crate::stats;

use args::*;
use report::{explain, print_diagnostics, summarise};

/// Exit code when the organisation has errors.
const EXIT_INVALID: u8 = 1;
/// Exit code for usage and I/O problems.
const EXIT_USAGE: u8 = 2;
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
            Ok(org) => {
                // The process ends here: the system takes the memory back at
                // once, where freeing a large model piece by piece is slow.
                std::mem::forget(org);
                ExitCode::SUCCESS
            }
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
    let once = || {
        let last = live::last_build(&state);
        live::apply(&state, live::build_once(&args.live.org_dir, &options, last))
    };
    eprintln!("{}", once());
    eprintln!("serving http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    let http_state = state.clone();
    std::thread::spawn(move || live::serve_http(server, http_state));
    watch.run(|| {
        eprintln!("{}", once());
        true
    });
    ExitCode::SUCCESS
}

fn watch(args: &WatchArgs) -> ExitCode {
    use crate::live;
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
    let once = || {
        eprintln!(
            "{}",
            live::build_into(&args.live.org_dir, &options, &args.out)
        )
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
    if let Some(file) = &args.chart {
        crate::diff::write_pages(file, &set)?;
    }
    if let Some(file) = &args.pdf {
        let pdf = crate::print::charts_pdf(&set.charts, paper, &set.title, set.lang)?;
        std::fs::write(file, &pdf)
            .map_err(|e| format!("cannot write `{}`: {e}", file.display()))?;
    }
    Ok(())
}
