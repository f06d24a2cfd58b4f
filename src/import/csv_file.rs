//! Reading a CSV file into a [`Table`] whose cells remember their byte
//! ranges. `csv_core` does the parsing (quotes, doubled quotes, line breaks
//! inside quotes, CRLF or LF); it tells how many input bytes each field took,
//! which is what puts every caret on its cell.

use std::io;
use std::path::Path;

use super::encoding::{self, Encoding};
use super::table::{Cell, Row, Table};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Sources, Span};

/// Reads `path` into `sources`; the encoding used is returned for the report.
/// `None` (with a diagnostic) for a file with no header or no data rows.
pub fn read(
    path: &Path,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> io::Result<(Option<Table>, Encoding)> {
    let (text, encoding) = encoding::decode(&std::fs::read(path)?);
    let file = sources.add(path.to_path_buf(), text);
    if encoding == Encoding::Windows1252 {
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
    let source = sources.file(file);
    let mut records = split(&source.text, file).into_iter();
    let Some(header) = records.next() else {
        diagnostics.push(
            Diagnostic::new(
                Code::NoRows,
                format!("`{}` is empty: it has no header row", path.display()),
            )
            .help("export the sheet again with its header row and its data"),
        );
        return Ok((None, encoding));
    };
    let rows: Vec<Row> = records
        .filter(|r| r.cells.iter().any(|c| !c.text.is_empty()))
        .map(|mut r| {
            r.number = source.line_index(r.span.start as usize) + 1;
            r
        })
        .collect();
    let table = Table {
        file,
        headers: header.cells.into_iter().map(|c| c.text).collect(),
        header_span: header.span,
        rows,
        sheet_first_column: None,
    };
    Ok((Some(table), encoding))
}

/// The field separator: the one of `,` `;` tab that is most frequent in the
/// first line (outside quotes); Excel writes `;` where the decimal sign is a
/// comma, and tabs in "Unicode text".
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'\n' if !quoted => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Every record of `text` with its cells (trimmed) and their spans.
fn split(text: &str, file: crate::source::FileId) -> Vec<Row> {
    let bytes = text.as_bytes();
    let mut reader = csv_core::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .build();
    let mut rows = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut value: Vec<u8> = Vec::new();
    let mut out = [0u8; 4096];
    let mut pos = 0;
    let mut field_start = 0;
    loop {
        // An empty slice tells the reader the input has ended.
        let (result, nin, nout) = reader.read_field(&bytes[pos..], &mut out);
        pos += nin;
        value.extend_from_slice(&out[..nout]);
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                // A record's first field starts after the previous line break.
                if cells.is_empty() {
                    while field_start < pos && matches!(bytes[field_start], b'\r' | b'\n') {
                        field_start += 1;
                    }
                }
                let mut end = pos;
                if record_end {
                    while end > field_start && matches!(bytes[end - 1], b'\r' | b'\n') {
                        end -= 1;
                    }
                } else if end > field_start {
                    end -= 1; // the delimiter
                }
                let raw = String::from_utf8_lossy(&value);
                cells.push(Cell {
                    text: raw.trim().to_string(),
                    span: Span::new(file, field_start..end.max(field_start)),
                });
                value.clear();
                field_start = pos;
                if record_end {
                    let start = cells[0].span.range().start;
                    let end = cells.last().map_or(start, |c| c.span.range().end);
                    // The next row most likely has as many cells.
                    let next = Vec::with_capacity(cells.len());
                    rows.push(Row {
                        number: 0,
                        span: Span::new(file, start..end),
                        cells: std::mem::replace(&mut cells, next),
                    });
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<(String, String)>> {
        split(text, crate::source::FileId(0))
            .into_iter()
            .map(|r| {
                r.cells
                    .into_iter()
                    .map(|c| (c.text, text[c.span.range()].to_string()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn spans_cover_each_cell_with_any_line_ending() {
        for eol in ["\n", "\r\n"] {
            let text = format!("id,parent,name{eol}a,,Top{eol}b,\"a\",\"B, b\"{eol}");
            let rows = cells(&text);
            assert_eq!(rows.len(), 3, "{eol:?}");
            assert_eq!(rows[1][0], ("a".into(), "a".into()));
            assert_eq!(rows[1][1], ("".into(), "".into()));
            assert_eq!(rows[1][2], ("Top".into(), "Top".into()));
            assert_eq!(rows[2][1], ("a".into(), "\"a\"".into()));
            assert_eq!(rows[2][2], ("B, b".into(), "\"B, b\"".into()));
        }
    }

    #[test]
    fn a_last_line_without_a_break_and_quoted_breaks() {
        let rows = cells("id,name\nx,\"two\nlines\"\ny,Y");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1].0, "two\nlines");
        assert_eq!(rows[2][1], ("Y".into(), "Y".into()));
    }

    #[test]
    fn semicolons_and_tabs_are_recognised() {
        assert_eq!(sniff_delimiter("id;naam;vte\n1;A;1,5\n"), b';');
        assert_eq!(sniff_delimiter("id\tname\n"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(cells("id;vte\n1;1,5\n")[1][1].0, "1,5");
    }
}
