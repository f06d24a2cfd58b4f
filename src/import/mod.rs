//! Importing organisations from what HR systems, spreadsheets and
//! governments export.
//!
//! The pipeline: [`read_table`] (a CSV file in any common encoding, or a
//! workbook sheet) → a front end (`generic`, `uk`) turns rows into
//! [`Record`]s → [`repair`] resolves duplicates → [`tree`] links the records
//! into one tree (with the opt-in repairs of [`Policies`]) → [`toml_out`]
//! writes the organisation, and [`output`] puts the files in place, all or
//! nothing. Every FTE read is accounted for in a [`reconcile::Ledger`].
//! Data problems are reported at their cell; nothing is mended unless asked.

pub mod csv_file;
pub mod encoding;
pub mod generic;
pub mod group;
pub mod index;
pub mod output;
pub mod reconcile;
pub mod repair;
pub mod spreadsheet;
pub mod table;
pub mod toml_out;
pub mod tree;
pub mod uk;
pub mod values;

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::{Fte, Locale};
use crate::source::{Sources, Span};

pub use output::write_folder;
pub use repair::Policies;
pub use values::parse_fte;

/// One unit to be, with the place it came from.
#[derive(Clone, Debug)]
pub struct Record {
    /// The row (for job shares: the first row).
    pub span: Span,
    /// The cells of the id and of the id reported to.
    pub id_span: Span,
    pub parent_span: Span,
    /// How the cells are named in labels (`column "…" = …`).
    pub id_label: String,
    pub parent_label: String,
    pub id: String,
    pub parent: Option<String>,
    pub name: String,
    pub kind: Option<String>,
    /// FTE counted at the unit (not in a post).
    pub fte: Option<Fte>,
    pub head: Option<Head>,
    pub tags: Vec<String>,
}

impl Record {
    /// All FTE the record brings: its own and its head post's.
    pub fn total_fte(&self) -> Fte {
        self.fte.unwrap_or_default() + self.head.as_ref().map_or(Fte::ZERO, |h| h.fte)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    pub title: String,
    pub holder: Option<String>,
    pub fte: Fte,
    pub vacant: bool,
}

/// How ids are matched between rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MatchIds {
    /// Exactly as written.
    #[default]
    Exact,
    /// Ignoring case and leading zeros in numbers (`EoE-007` = `EOE-7`);
    /// an exact match always wins over a loose one.
    Loose,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The organisation's name.
    pub name: String,
    /// Join several tops under one new top unit of this name.
    pub root_name: Option<String>,
    pub match_ids: MatchIds,
    pub locale: Locale,
    pub policies: Policies,
    /// The sheet to read from a workbook (default: the first).
    pub sheet: Option<String>,
}

/// The TOML files of an imported organisation: (file name, text).
pub type Files = Vec<(String, String)>;

/// What an import made, for the caller to report and write.
#[derive(Debug, Default)]
pub struct Outcome {
    /// `None` when the data has errors: then nothing may be written.
    pub files: Option<Files>,
    /// Lines for the report: the encodings and sheets read, the rows found.
    pub summary: Vec<String>,
    pub ledger: reconcile::Ledger,
}

/// Reads a CSV file or, for a workbook, the sheet `sheet` (default: the
/// first), and says in `summary` what was read.
pub fn read_table(
    path: &Path,
    sheet: Option<&str>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
    summary: &mut Vec<String>,
) -> std::io::Result<Option<table::Table>> {
    if spreadsheet::is_workbook(path) {
        let names = spreadsheet::sheet_names(path)?;
        let Some(sheet) = spreadsheet::choose_sheet(path, &names, sheet, diagnostics) else {
            return Ok(None);
        };
        summary.push(format!("read the sheet `{sheet}` of `{}`", path.display()));
        return spreadsheet::read(path, &sheet, sources, diagnostics);
    }
    let (table, encoding) = csv_file::read(path, sources, diagnostics)?;
    summary.push(format!("read `{}` as {}", path.display(), encoding.label()));
    Ok(table)
}

/// Resolves duplicate ids, then links and writes the records.
pub fn assemble(
    mut records: Vec<Record>,
    options: &Options,
    extra: &toml_out::Extra,
    ledger: &mut reconcile::Ledger,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Files> {
    let in_doubt = repair::duplicates(
        &mut records,
        &options.policies,
        ledger,
        sources,
        diagnostics,
    );
    finish(
        &records,
        &in_doubt,
        options,
        extra,
        ledger,
        sources,
        diagnostics,
    )
}

/// Links and writes records whose duplicates are resolved; `None` when the
/// data has any error (then nothing may be written).
pub fn finish(
    records: &[Record],
    in_doubt: &std::collections::HashSet<String>,
    options: &Options,
    extra: &toml_out::Extra,
    ledger: &mut reconcile::Ledger,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Files> {
    if records.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                crate::diagnostics::Code::NoRows,
                "no row is left to import: every row was left out",
            )
            .help("see the warnings above for why each row was left out"),
        );
        return None;
    }
    let tree = tree::link(records, options, in_doubt, ledger, sources, diagnostics)?;
    ledger.in_organisation = toml_out::organisation_fte(records, &tree, extra);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(toml_out::write(records, &tree, options, extra))
}

/// The error for a table with a header and no data rows.
pub fn no_rows(table: &table::Table, sources: &Sources) -> Diagnostic {
    Diagnostic::new(
        crate::diagnostics::Code::NoRows,
        format!(
            "`{}` has a header row but no data rows",
            sources.file(table.file).path.display()
        ),
    )
    .at(
        table.header_span.clone(),
        "the header, and nothing below it",
    )
    .help("export the data again, with its rows; nothing was written")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A record with this id and nothing else.
    pub(crate) fn record(id: &str) -> Record {
        let span = Span::new(crate::source::FileId(0), 0..0);
        Record {
            span: span.clone(),
            id_span: span.clone(),
            parent_span: span,
            id_label: String::new(),
            parent_label: String::new(),
            id: id.to_string(),
            parent: None,
            name: id.to_string(),
            kind: None,
            fte: None,
            head: None,
            tags: Vec::new(),
        }
    }
}
