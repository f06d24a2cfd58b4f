//! Errors and warnings about an organisation, printed like rustc's.
//!
//! Every problem has a stable code (`E0026`), a short name (`unknown-parent`),
//! a message that names the units involved, the place in the file, and a
//! `help:` line that tells an HR editor what to change.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::{Sources, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $name:literal, $severity:ident, $summary:literal; )*) => {
        /// Every kind of problem `organogram` reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable code, e.g. `E0026`.
            pub fn code(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The short name, e.g. `unknown-parent`; warnings are allowed by this name.
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// One line on what the rule is about.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    Io = "E0001", "io", Error, "a file or folder could not be read";
    NotUtf8 = "E0002", "not-utf8", Error, "a file is not UTF-8 text";
    NoFiles = "E0003", "no-files", Error, "the folder holds no .toml files";
    BrokenLink = "E0004", "broken-link", Error, "a .toml file is a link to a file that does not exist";
    LinkNotFollowed = "E0005", "link-not-followed", Error, "a link not followed: it leads out of the organisation folder, or lies in a git revision";
    Syntax = "E0010", "syntax", Error, "the file is not valid TOML";
    UnknownKey = "E0011", "unknown-key", Error, "a key that the format does not have";
    WrongType = "E0012", "wrong-type", Error, "a value of the wrong type (text where a number belongs, …)";
    MissingKey = "E0013", "missing-key", Error, "a required key is missing";
    InvalidValue = "E0014", "invalid-value", Error, "a value that is not one of the allowed choices";
    InvalidId = "E0015", "invalid-id", Error, "an id that is not a slug (lowercase letters, digits, - and _)";
    DuplicateId = "E0020", "duplicate-id", Error, "two definitions with the same id";
    NoOrganisation = "E0021", "no-organisation", Error, "no [organisation] table";
    DuplicateOrganisation = "E0022", "duplicate-organisation", Error, "more than one [organisation] or [output] table";
    UnknownRoot = "E0023", "unknown-root", Error, "[organisation] root names no unit";
    RootHasParent = "E0024", "root-has-parent", Error, "the top unit has a parent";
    UnknownKind = "E0025", "unknown-kind", Error, "a unit's kind is not declared under [kinds]";
    UnknownParent = "E0026", "unknown-parent", Error, "a unit's parent is not a unit";
    MissingParent = "E0027", "missing-parent", Error, "a unit other than the top unit has no parent (an orphan)";
    Cycle = "E0028", "cycle", Error, "units that report to each other in a circle";
    MissingHead = "E0029", "missing-head", Error, "a division without a head post";
    MultipleHeads = "E0030", "multiple-heads", Error, "a unit with more than one head post";
    InvalidFte = "E0031", "invalid-fte", Error, "an FTE value that is negative, not a number, or has more than two decimals";
    UnknownLinkEnd = "E0032", "unknown-link-end", Error, "a [[links]] entry names an unknown unit";
    UnknownTransferEnd = "E0033", "unknown-transfer-end", Error, "a [[transfers]] entry names an unknown unit";
    UnknownViewRoot = "E0034", "unknown-view-root", Error, "a [[views]] entry starts from an unknown unit";
    UnknownBody = "E0035", "unknown-body", Error, "a body's relation names an unknown body";
    UnknownWarning = "E0036", "unknown-warning", Error, "[organisation.warnings] allow names no warning";
    NotOnDate = "E0040", "not-on-date", Error, "a unit is named on a date on which it does not exist (it has not started yet or has ended)";
    DatesOutOfOrder = "E0041", "dates-out-of-order", Error, "`until` before `from`, or a unit's changes not in date order";
    OutsideLife = "E0042", "outside-life", Error, "a post or change dated outside the life of its unit";
    CsvSyntax = "E0101", "csv-syntax", Error, "an imported file is not readable CSV";
    MissingColumn = "E0102", "missing-column", Error, "an imported file lacks a column the import needs";
    EmptyId = "E0103", "empty-id", Error, "an imported row has no id";
    DuplicateRow = "E0104", "duplicate-row", Error, "two imported rows have the same id but differ";
    UnknownReportsTo = "E0105", "unknown-reports-to", Error, "an imported row reports to an id no row has";
    SeveralTops = "E0106", "several-tops", Error, "imported rows with no one to report to: more than one top";
    SelfReport = "E0107", "self-report", Error, "an imported row reports to itself";
    ImportCycle = "E0108", "import-cycle", Error, "imported rows that report to each other in a circle";
    ImportFte = "E0109", "import-fte", Error, "an imported FTE value that is not a number of staff";
    LooseIds = "E0110", "loose-ids", Error, "imported ids that differ only in case or leading zeros";
    NoTop = "E0111", "no-top", Error, "no imported row is the top of the organisation";
    NoRows = "E0112", "no-rows", Error, "an imported file or sheet has no data rows";
    RaggedRow = "E0113", "ragged-row", Error, "an imported row with fewer or more fields than the header";
    EmptyName = "E0114", "empty-name", Error, "an imported row has no name";
    MissingSheet = "E0115", "missing-sheet", Error, "an imported workbook has no sheet of the name given with --sheet";
    VacantHead = "W0001", "vacant-head", Warning, "a head post is vacant";
    SpanOfControl = "W0002", "span-of-control", Warning, "a unit has more direct sub-units than [organisation.limits] max_span";
    TooDeep = "W0003", "too-deep", Warning, "a unit lies deeper than [organisation.limits] max_depth";
    NoFte = "W0004", "no-fte", Warning, "a unit with no FTE at all, in itself or below it";
    TransferTaskMissing = "W0005", "transfer-task-missing", Warning, "a transferred task is not among the receiving unit's tasks";
    Windows1252 = "W0101", "windows-1252", Warning, "an imported file is not UTF-8; it was read as Windows-1252";
    JobShare = "W0102", "job-share", Warning, "imported rows for one post shared by several people, merged";
    SkippedRow = "W0103", "skipped-row", Warning, "an imported row left out (an eliminated post, or no post)";
    BlankFte = "W0104", "blank-fte", Warning, "an imported row with no FTE";
    RoundedFte = "W0105", "rounded-fte", Warning, "an imported FTE with more than two decimals, rounded";
    LooseMatch = "W0106", "loose-match", Warning, "an imported id matched another that differs in case or leading zeros";
    Repaired = "W0107", "repaired", Warning, "an imported row changed by a repair option (--lenient, --dangling, …)";
    OverFullPost = "W0108", "over-full-post", Warning, "an imported post whose merged rows hold more than 1 FTE";
}

impl Code {
    /// Looks a code up by its code (`W0001`) or name (`vacant-head`).
    pub fn find(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.code().eq_ignore_ascii_case(text) || c.name() == text)
    }
}

/// A place in a file with a short text pointing at it.
#[derive(Clone, Debug)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One problem found in an organisation.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Where the problem is; `None` for problems of the whole folder.
    pub primary: Option<Label>,
    /// Other places involved (the first definition of a duplicate, …).
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: code.default_severity(),
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label {
            span,
            text: label.into(),
        });
        self
    }

    pub fn also(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label {
            span,
            text: label.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Stable order: by file, then position, then code, so output does not
    /// depend on the order in which the checks ran.
    fn sort_key(&self) -> (Option<(u32, u32)>, Code, &str) {
        (
            self.primary.as_ref().map(|l| (l.span.file.0, l.span.start)),
            self.code,
            &self.message,
        )
    }
}

/// Sorts diagnostics into their stable reporting order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// Like rustc: the source line with the problem underlined.
    #[default]
    Human,
    /// One JSON object a line, for CI annotations.
    Json,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
}

/// Renders one diagnostic the way rustc does.
pub fn render_human(d: &Diagnostic, sources: &Sources, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.code.code()));
    // One snippet a file, with all labels of that file in it, primary file first.
    let mut labels: Vec<(&Label, bool)> = d.primary.iter().map(|l| (l, true)).collect();
    labels.extend(d.secondary.iter().map(|l| (l, false)));
    let mut files: Vec<_> = Vec::new();
    for (label, _) in &labels {
        if !files.contains(&label.span.file) {
            files.push(label.span.file);
        }
    }
    for file in files {
        let source = sources.file(file);
        let path = source.path.display().to_string();
        let here: Vec<_> = labels.iter().filter(|(l, _)| l.span.file == file).collect();
        // Hand the renderer only the lines involved, not the whole file: a
        // large organisation with many warnings would otherwise be rescanned
        // for each one.
        let ranges: Vec<_> = here
            .iter()
            .map(|(l, _)| clamp(&source.text, l.span.range()))
            .collect();
        let first = ranges
            .iter()
            .map(|r| source.line_index(r.start))
            .min()
            .unwrap_or(0);
        let last = ranges
            .iter()
            .map(|r| source.line_index(r.end))
            .max()
            .unwrap_or(0);
        let window = source.line_range(first, last);
        let mut snippet = Snippet::source(&source.text[window.clone()])
            .line_start(first + 1)
            .path(path)
            .fold(true);
        for ((label, primary), range) in here.iter().zip(ranges) {
            let kind = if *primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let local = range.start - window.start..range.end.min(window.end) - window.start;
            snippet = snippet.annotation(kind.span(local).label(label.text.as_str()));
        }
        group = group.element(snippet);
    }
    for note in &d.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Keeps a span inside the text and on character boundaries.
fn clamp(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = range.start.min(text.len());
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The machine-readable form of a diagnostic (`--message-format json`).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub name: &'static str,
    pub message: &'a str,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub label: Option<&'a str>,
    pub notes: &'a [String],
    pub help: Option<&'a str>,
    /// The whole message as `human` would print it, without colours.
    pub rendered: String,
}

pub fn to_json<'a>(d: &'a Diagnostic, sources: &Sources) -> JsonDiagnostic<'a> {
    let place = d.primary.as_ref().map(|l| {
        let (line, column) = sources.line_col(l.span.file, l.span.start as usize);
        let (end_line, end_column) = sources.line_col(l.span.file, l.span.end as usize);
        let file = sources.file(l.span.file).path.display().to_string();
        (file, line, column, end_line, end_column)
    });
    JsonDiagnostic {
        severity: d.severity,
        code: d.code.code(),
        name: d.code.name(),
        message: &d.message,
        file: place.as_ref().map(|p| p.0.clone()),
        line: place.as_ref().map(|p| p.1),
        column: place.as_ref().map(|p| p.2),
        end_line: place.as_ref().map(|p| p.3),
        end_column: place.as_ref().map(|p| p.4),
        label: d.primary.as_ref().map(|l| l.text.as_str()),
        notes: &d.notes,
        help: d.help.as_deref(),
        rendered: render_human(d, sources, false),
    }
}

/// A GitHub Actions workflow command that shows the diagnostic on the pull request.
pub fn render_github(d: &Diagnostic, sources: &Sources) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("::{command} ");
    if let Some(l) = &d.primary {
        let (line, col) = sources.line_col(l.span.file, l.span.start as usize);
        let (end_line, end_col) = sources.line_col(l.span.file, l.span.end as usize);
        let file = sources.file(l.span.file).path.display().to_string();
        let _ = write!(
            out,
            "file={},line={line},col={col},endLine={end_line},endColumn={end_col},",
            escape_property(&file)
        );
    }
    let _ = write!(out, "title={}::", escape_property(d.code.code()));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    out.push_str(&escape_data(&message));
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Suggests the candidate closest to a misspelt word, if one is close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&word_lower, &candidate.to_lowercase());
        let close = score >= 0.8
            || strsim::damerau_levenshtein(&word_lower, &candidate.to_lowercase())
                <= (word.chars().count() / 3).max(1);
        if close && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Counts errors and warnings.
pub fn tally(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique() {
        for (i, a) in Code::ALL.iter().enumerate() {
            for b in &Code::ALL[i + 1..] {
                assert_ne!(a.code(), b.code());
                assert_ne!(a.name(), b.name());
            }
        }
    }

    #[test]
    fn suggests_close_words_only() {
        let ids = ["dirsa", "seg", "isb", "sociale-dienst"];
        assert_eq!(did_you_mean("dirs", ids), Some("dirsa"));
        assert_eq!(did_you_mean("socale-dienst", ids), Some("sociale-dienst"));
        assert_eq!(did_you_mean("zorgbedrijf", ids), None);
    }
}
