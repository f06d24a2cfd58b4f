//! `organogram import csv`: any spreadsheet export with an id and a
//! reports-to column.

use std::collections::HashMap;
use std::path::Path;

use super::{Head, Options, Record, csv_file, parse_fte};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Fte;
use crate::source::Sources;

/// Which columns hold what (by header name).
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub id: String,
    pub parent: String,
    pub name: String,
    pub fte: Option<String>,
    pub kind: Option<String>,
    pub head: Option<String>,
    pub holder: Option<String>,
    pub tags: Option<String>,
}

/// Reads the rows of `path` as units.
pub fn records(
    path: &Path,
    columns: &Columns,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<Option<Vec<Record>>> {
    let Some(table) = csv_file::read(path, sources, diagnostics)? else {
        return Ok(None);
    };
    let mut col = |name: &Option<String>| {
        name.as_ref()
            .map(|n| table.column(&[n.as_str()], diagnostics, sources))
    };
    let (id, parent, name) = (
        col(&Some(columns.id.clone())).flatten(),
        col(&Some(columns.parent.clone())).flatten(),
        col(&Some(columns.name.clone())).flatten(),
    );
    let (fte, kind, head, holder, tags) = (
        col(&columns.fte),
        col(&columns.kind),
        col(&columns.head),
        col(&columns.holder),
        col(&columns.tags),
    );
    let missing = [fte, kind, head, holder, tags]
        .iter()
        .any(|c| matches!(c, Some(None)));
    let (Some(id), Some(parent), Some(name)) = (id, parent, name) else {
        return Ok(None);
    };
    if missing {
        return Ok(None);
    }
    let (fte, kind, head, holder, tags) = (
        fte.flatten(),
        kind.flatten(),
        head.flatten(),
        holder.flatten(),
        tags.flatten(),
    );
    let mut out: Vec<Record> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let row_id = row.get(Some(id));
        if row_id.is_empty() {
            diagnostics.push(
                Diagnostic::new(Code::EmptyId, "this row has no id")
                    .at(row.span.clone(), "no id")
                    .help(format!("fill in the `{}` column", columns.id)),
            );
            continue;
        }
        if let Some(&first) = seen.get(row_id) {
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateRow,
                    format!("the id `{row_id}` is on two rows"),
                )
                .at(row.span.clone(), "again here")
                .also(out[first].span.clone(), "first here")
                .help("give each unit its own id, or remove one of the rows"),
            );
            continue;
        }
        let unit_name = row.get(Some(name));
        let what = format!("`{row_id}`");
        let head = head
            .map(|h| row.get(Some(h)))
            .filter(|t| !t.is_empty())
            .map(|title| Head {
                title: title.to_string(),
                holder: holder
                    .map(|c| row.get(Some(c)))
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
                // The unit's FTE is carried by the unit, so the head post adds none.
                fte: Fte::ZERO,
                vacant: false,
            });
        seen.insert(row_id.to_string(), out.len());
        out.push(Record {
            span: row.span.clone(),
            id: row_id.to_string(),
            parent: Some(row.get(Some(parent)).to_string()).filter(|p| !p.is_empty()),
            name: if unit_name.is_empty() {
                row_id.to_string()
            } else {
                unit_name.to_string()
            },
            kind: kind
                .map(|k| row.get(Some(k)))
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            fte: fte.and_then(|f| parse_fte(row.get(Some(f)), &row.span, &what, diagnostics)),
            head,
            tags: tags
                .map(|t| {
                    row.get(Some(t))
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    Ok(Some(out))
}

/// Imports `path` into organisation files.
pub fn import(
    path: &Path,
    columns: &Columns,
    options: &Options,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<Option<super::Files>> {
    let Some(records) = records(path, columns, sources, diagnostics)? else {
        return Ok(None);
    };
    Ok(super::assemble(records, options, diagnostics))
}
