//! Reading a sheet of an `.xlsx`, `.xls` or `.ods` workbook (with calamine)
//! into a [`Table`].
//!
//! Diagnostics show a source line, so each sheet is given a text form: one
//! line per sheet row, at the line of the row's number, its cells written as
//! CSV. A problem in cell C12 is thus shown on line 12 of
//! `file.xlsx [sheet]`, and its label names the cell.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use super::table::{Cell, Row, Table};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Sources, Span};

/// Whether `path` is a workbook (by its extension).
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// The names of the sheets, in workbook order.
pub fn sheet_names(path: &Path) -> std::io::Result<Vec<String>> {
    let workbook = calamine::open_workbook_auto(path).map_err(std::io::Error::other)?;
    Ok(workbook.sheet_names())
}

/// The sheet whose name is `wanted` (case ignored), else the first sheet;
/// a diagnostic when no sheet has the wanted name.
pub fn choose_sheet(
    path: &Path,
    names: &[String],
    wanted: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match wanted {
        None => names.first().cloned(),
        Some(w) => {
            let found = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(w.trim()))
                .cloned();
            if found.is_none() {
                diagnostics.push(
                    Diagnostic::new(
                        Code::MissingSheet,
                        format!("`{}` has no sheet named `{w}`", path.display()),
                    )
                    .help(format!(
                        "the sheets are: {}",
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
            found
        }
    }
}

/// The text of a cell as a person reads it: whole numbers without `.0`.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
    .trim()
    .to_string()
}

/// A cell as CSV writes it: quoted when it holds a separator or quote.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A cell's text and its byte range in the sheet's text form.
type LaidOut = (String, std::ops::Range<usize>);

/// Reads one sheet; `None` (with a diagnostic) when it cannot be read or
/// holds no header row.
pub fn read(
    path: &Path,
    sheet: &str,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<Option<Table>> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(std::io::Error::other)?;
    let range = match workbook.worksheet_range(sheet) {
        Ok(range) => range,
        Err(e) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::CsvSyntax,
                    format!(
                        "the sheet `{sheet}` of `{}` cannot be read: {e}",
                        path.display()
                    ),
                )
                .help("open the workbook in a spreadsheet and save it again"),
            );
            return Ok(None);
        }
    };
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut text = "\n".repeat(first_row as usize);
    // Cell ranges within the text, per row: (row number, [(text, range)]).
    let mut laid_out: Vec<(usize, Vec<LaidOut>)> = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let number = first_row as usize + i + 1;
        let mut cells = Vec::with_capacity(row.len());
        for (c, data) in row.iter().enumerate() {
            if c > 0 {
                text.push(',');
            }
            let value = cell_text(data);
            let start = text.len();
            text.push_str(&csv_field(&value));
            cells.push((value, start..text.len()));
        }
        // Trailing empty cells are the sheet's width, not the row's.
        while cells.len() > 1 && cells.last().is_some_and(|(v, _)| v.is_empty()) {
            cells.pop();
        }
        text.push('\n');
        laid_out.push((number, cells));
    }
    let name = PathBuf::from(format!("{} [{sheet}]", path.display()));
    let file = sources.add(name, text);
    let mut rows = laid_out.into_iter().map(|(number, cells)| {
        let cells: Vec<Cell> = cells
            .into_iter()
            .map(|(text, r)| Cell {
                text,
                span: Span::new(file, r),
            })
            .collect();
        let start = cells.first().map_or(0, |c| c.span.range().start);
        let end = cells.last().map_or(start, |c| c.span.range().end);
        Row {
            number,
            span: Span::new(file, start..end),
            cells,
        }
    });
    let Some(header) = rows.next() else {
        diagnostics.push(
            Diagnostic::new(
                Code::NoRows,
                format!("the sheet `{sheet}` of `{}` is empty", path.display()),
            )
            .help("choose the sheet with the data with `--sheet NAME`"),
        );
        return Ok(None);
    };
    let headers: Vec<String> = header.cells.iter().map(|c| c.text.clone()).collect();
    let width = headers.len();
    let rows = rows
        .filter(|r| r.cells.iter().any(|c| !c.text.is_empty()))
        .map(|mut r| {
            // A sheet's rows all have its width: pad short rows, which a
            // spreadsheet writes without their empty trailing cells.
            while r.cells.len() < width {
                let at = r.span.range().end;
                r.cells.push(Cell {
                    text: String::new(),
                    span: Span::new(file, at..at),
                });
            }
            r
        })
        .collect();
    Ok(Some(Table {
        file,
        headers,
        header_span: header.span,
        rows,
        sheet_first_column: Some(first_column),
    }))
}
