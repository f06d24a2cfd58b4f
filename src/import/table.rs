//! A table as read from a CSV file or a spreadsheet sheet: a header and rows
//! of cells, each cell with the place it came from, so a problem can be shown
//! at the very cell and named by its column.

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::source::{FileId, Sources, Span};

pub struct Cell {
    pub text: String,
    pub span: Span,
}

pub struct Row {
    /// The line in the file, or the row number in the sheet (1-based).
    pub number: usize,
    /// The whole row.
    pub span: Span,
    pub cells: Vec<Cell>,
}

pub struct Table {
    pub file: FileId,
    pub headers: Vec<String>,
    pub header_span: Span,
    pub rows: Vec<Row>,
    /// For sheets: the column letter of the first column (0 = `A`), so a
    /// cell can be named `C12`; `None` for CSV files.
    pub sheet_first_column: Option<u32>,
}

/// `0` → `A`, `27` → `AB`.
pub fn column_letters(mut index: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn normalised(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Table {
    /// The index of the first column named one of `names` (case and spaces
    /// ignored); a diagnostic when there is none.
    pub fn column(
        &self,
        names: &[&str],
        diagnostics: &mut Vec<Diagnostic>,
        sources: &Sources,
    ) -> Option<usize> {
        let found = self.optional_column(names);
        if found.is_none() {
            let mut d = Diagnostic::new(
                Code::MissingColumn,
                format!(
                    "`{}` has no column `{}`",
                    sources.file(self.file).path.display(),
                    names[0]
                ),
            )
            .at(self.header_span.clone(), "the header row");
            d = match did_you_mean(names[0], self.headers.iter().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!(
                    "the columns are: {}",
                    self.headers
                        .iter()
                        .filter(|h| !h.is_empty())
                        .map(|h| format!("`{h}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            diagnostics.push(d);
        }
        found
    }

    /// The optional column named one of `names`, without a diagnostic.
    pub fn optional_column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.iter().any(|n| normalised(h) == normalised(n)))
    }

    /// The text of a cell; empty when the row is short or there is no column.
    pub fn get<'a>(&self, row: &'a Row, column: Option<usize>) -> &'a str {
        column
            .and_then(|c| row.cells.get(c))
            .map_or("", |c| c.text.as_str())
    }

    /// Where a cell is: the cell itself, or the end of a row too short to
    /// have it.
    pub fn span(&self, row: &Row, column: Option<usize>) -> Span {
        match column.and_then(|c| row.cells.get(c)) {
            Some(cell) => cell.span.clone(),
            None => Span::new(row.span.file, row.span.range().end..row.span.range().end),
        }
    }

    /// A label naming the cell: `column "Reports to" = 00109715`, with the
    /// cell reference (`C12`) in a sheet.
    pub fn label(&self, row: &Row, column: usize) -> String {
        let header = self.headers.get(column).map_or("", String::as_str);
        let value = self.get(row, Some(column));
        let mut label = if value.is_empty() {
            format!("column \"{header}\" is empty")
        } else {
            format!("column \"{header}\" = {value}")
        };
        if let Some(first) = self.sheet_first_column {
            label.push_str(&format!(
                " (cell {}{})",
                column_letters(first + column as u32),
                row.number
            ));
        }
        label
    }

    /// Rows with fewer or more cells than the header: an error, or with
    /// `lenient` a warning (missing cells read as empty, extra ones ignored).
    pub fn check_shape(&self, lenient: bool, diagnostics: &mut Vec<Diagnostic>) {
        let expected = self.headers.len();
        for row in &self.rows {
            let found = row.cells.len();
            if found == expected {
                continue;
            }
            let (message, span, label) = if found < expected {
                (
                    format!("this row has {found} fields, but the header has {expected}"),
                    Span::new(row.span.file, row.span.range().end..row.span.range().end),
                    format!(
                        "column \"{}\" and after are missing",
                        self.headers.get(found).map_or("", String::as_str)
                    ),
                )
            } else {
                let extra = &row.cells[expected];
                (
                    format!("this row has {found} fields, but the header has {expected}"),
                    Span::new(
                        row.span.file,
                        extra.span.range().start..row.span.range().end,
                    ),
                    format!("{} field(s) beyond the last column", found - expected),
                )
            };
            let mut d = Diagnostic::new(Code::RaggedRow, message).at(span, label);
            if lenient {
                d.severity = crate::diagnostics::Severity::Warning;
                d = d.note(if found < expected {
                    "--lenient: the missing fields are read as empty"
                } else {
                    "--lenient: the extra fields are ignored"
                });
            }
            diagnostics.push(d.help(
                "a comma inside a value needs quotes (\"Smith, J\"); check the row in a spreadsheet",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_columns_like_a_spreadsheet() {
        let l = super::column_letters;
        assert_eq!(
            (l(0), l(2), l(25), l(26), l(27)),
            ("A".into(), "C".into(), "Z".into(), "AA".into(), "AB".into())
        );
        assert_eq!(l(701), "ZZ");
        assert_eq!(l(702), "AAA");
    }
}
