//! `organogram import csv`: any spreadsheet export (CSV, or a sheet of a
//! workbook) with an id and a reports-to column.

use std::path::Path;

use super::reconcile::{Cause, Ledger};
use super::table::Table;
use super::{Head, Options, Outcome, Record, parse_fte, read_table, toml_out};
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

/// Reads the rows of `table` as units.
pub fn records(
    table: &Table,
    columns: &Columns,
    options: &Options,
    ledger: &mut Ledger,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Record>> {
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
        return None;
    };
    if missing {
        return None;
    }
    let (fte, kind, head, holder, tags) = (
        fte.flatten(),
        kind.flatten(),
        head.flatten(),
        holder.flatten(),
        tags.flatten(),
    );
    if table.rows.is_empty() {
        diagnostics.push(super::no_rows(table, sources));
        return None;
    }
    table.check_shape(options.policies.lenient, diagnostics);
    let policies = &options.policies;
    let mut out: Vec<Record> = Vec::new();
    for row in &table.rows {
        let row_id = table.get(row, Some(id));
        let value = fte.and_then(|f| {
            parse_fte(
                table.get(row, Some(f)),
                &table.span(row, Some(f)),
                &format_args!("`{row_id}`"),
                diagnostics,
            )
        });
        ledger.read(value.unwrap_or_default());
        if row_id.is_empty() {
            let d = Diagnostic::new(Code::EmptyId, "this row has no id")
                .at(table.span(row, Some(id)), table.label(row, id))
                .help(format!("fill in the `{}` column", columns.id));
            diagnostics.push(policies.soften(d, "the row is left out"));
            ledger.leave_out(Cause::NoId, value.unwrap_or_default(), row.span.clone());
            continue;
        }
        let mut unit_name = table.get(row, Some(name)).to_string();
        if unit_name.is_empty() {
            let d = Diagnostic::new(
                Code::EmptyName,
                format!("the row of `{row_id}` has no name"),
            )
            .at(table.span(row, Some(name)), table.label(row, name))
            .help(format!("fill in the `{}` column", columns.name));
            diagnostics.push(policies.soften(d, "the id is used as its name"));
            unit_name = row_id.to_string();
        }
        let head = head
            .map(|h| table.get(row, Some(h)))
            .filter(|t| !t.is_empty())
            .map(|title| Head {
                title: title.to_string(),
                holder: holder
                    .map(|c| table.get(row, Some(c)))
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
                // The unit's FTE is carried by the unit, so the head post adds none.
                fte: Fte::ZERO,
                vacant: false,
            });
        out.push(Record {
            span: row.span.clone(),
            id_span: table.span(row, Some(id)),
            parent_span: table.span(row, Some(parent)),
            id_label: table.label(row, id),
            parent_label: table.label(row, parent),
            id: row_id.to_string(),
            parent: Some(table.get(row, Some(parent)).to_string()).filter(|p| !p.is_empty()),
            name: unit_name,
            kind: kind
                .map(|k| table.get(row, Some(k)))
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            fte: value,
            head,
            tags: tags
                .map(|t| {
                    table
                        .get(row, Some(t))
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    Some(out)
}

/// Imports `path` (a CSV file or a workbook sheet) into organisation files.
pub fn import(
    path: &Path,
    columns: &Columns,
    options: &Options,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::default();
    let Some(table) = read_table(
        path,
        options.sheet.as_deref(),
        sources,
        diagnostics,
        &mut outcome.summary,
    )?
    else {
        return Ok(outcome);
    };
    let Some(records) = records(
        &table,
        columns,
        options,
        &mut outcome.ledger,
        sources,
        diagnostics,
    ) else {
        return Ok(outcome);
    };
    outcome
        .summary
        .push(format!("read {} rows", table.rows.len()));
    let extra = toml_out::Extra {
        has_fte: columns.fte.is_some(),
        top_fte: Fte::ZERO,
    };
    outcome.files = super::assemble(
        records,
        options,
        &extra,
        &mut outcome.ledger,
        sources,
        diagnostics,
    );
    Ok(outcome)
}
