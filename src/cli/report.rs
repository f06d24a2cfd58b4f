//! What the commands print: diagnostics, the one-line summary of a check,
//! and `organogram explain`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::EXIT_USAGE;
use crate::diagnostics::{self, Code, Diagnostic, MessageFormat, Severity};
use crate::source::Sources;

pub(super) fn print_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    format: MessageFormat,
) {
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

pub(super) fn summarise(dir: &Path, errors: usize, warnings: usize) {
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

pub(super) fn explain(code: Option<&str>) -> ExitCode {
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
