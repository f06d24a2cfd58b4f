//! Reading a CSV file into rows that remember where they are, so every
//! problem can be shown at its line.

use std::io;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::source::{FileId, Sources, Span};

pub struct Row {
    pub span: Span,
    pub fields: Vec<String>,
}

pub struct Table {
    pub file: FileId,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// Reads `path` (UTF-8, or Windows-1252 with a warning, as spreadsheet
/// exports often are) into `sources`.
pub fn read(
    path: &Path,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> io::Result<Option<Table>> {
    let bytes = std::fs::read(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let (text, windows) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), false),
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            true,
        ),
    };
    let file = sources.add(path.to_path_buf(), text);
    if windows {
        diagnostics.push(
            Diagnostic::new(
                Code::Windows1252,
                format!(
                    "`{}` is not UTF-8; it was read as Windows-1252",
                    path.display()
                ),
            )
            .help("check that accented letters came through; save the file as UTF-8 to be sure"),
        );
    }
    let text = &sources.file(file).text;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            diagnostics.push(csv_error(file, text, &e));
            return Ok(None);
        }
    };
    let mut rows: Vec<Row> = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                let end = if text[..end].ends_with('\r') {
                    end - 1
                } else {
                    end
                };
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                rows.push(Row {
                    span: Span::new(file, start..end.max(start)),
                    fields: record.iter().map(|f| f.trim().to_string()).collect(),
                });
            }
            Err(e) => {
                diagnostics.push(csv_error(file, text, &e));
                return Ok(None);
            }
        }
    }
    Ok(Some(Table {
        file,
        headers,
        rows,
    }))
}

fn csv_error(file: FileId, text: &str, e: &csv::Error) -> Diagnostic {
    let mut d = Diagnostic::new(
        Code::CsvSyntax,
        format!("this file is not readable CSV: {e}"),
    )
    .help("open it in a spreadsheet and save it again as CSV");
    if let Some(pos) = e.position() {
        let start = (pos.byte() as usize).min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        d = d.at(Span::new(file, start..end), "here");
    }
    d
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
        let norm = |s: &str| {
            s.to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let found = self
            .headers
            .iter()
            .position(|h| names.iter().any(|n| norm(h) == norm(n)));
        if found.is_none() {
            let header_end = sources.file(self.file).text.find('\n').unwrap_or(0);
            let mut d = Diagnostic::new(
                Code::MissingColumn,
                format!(
                    "`{}` has no column `{}`",
                    sources.file(self.file).path.display(),
                    names[0]
                ),
            )
            .at(Span::new(self.file, 0..header_end), "the header row");
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
        let norm = |s: &str| {
            s.to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        self.headers
            .iter()
            .position(|h| names.iter().any(|n| norm(h) == norm(n)))
    }
}

impl Row {
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.fields.get(c))
            .map_or("", String::as_str)
    }
}
