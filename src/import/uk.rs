//! `organogram import uk-organogram`: the UK government's "organogram of
//! staff roles and salaries" — senior posts with their reporting lines, and
//! junior staff aggregated per senior post — as two CSV files or as one
//! workbook with a senior and a junior sheet.
//!
//! One unit per senior post, named by its job title, with the post as its
//! head (grade and holder); the `Unit` column becomes a tag; junior FTE is
//! added to the unit of the senior post it reports to; the post reporting to
//! `XX` is the top.

use std::collections::HashMap;
use std::path::Path;

use super::reconcile::{Cause, Ledger};
use super::repair::Dangling;
use super::table::Table;
use super::{Head, MatchIds, Options, Outcome, Record, group, parse_fte, read_table};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::model::Fte;
use crate::source::{Sources, Span};

/// What an import found, for the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub senior_rows: usize,
    pub junior_rows: usize,
    pub senior_fte: Fte,
    pub junior_fte: Fte,
    /// The organisation named in the files (first row).
    pub organisation: Option<String>,
}

fn is_top_marker(s: &str) -> bool {
    s.eq_ignore_ascii_case("xx")
}

/// The holder of a post, unless the file hides or lacks one.
fn person(name: &str) -> Option<String> {
    let n = name.trim();
    let hidden =
        n.is_empty() || ["n/d", "vacant", "eliminated", "n/a"].contains(&n.to_lowercase().as_str());
    (!hidden).then(|| n.to_string())
}

/// The sheets of a UK organogram workbook: the senior and junior ones
/// (`(final data) senior`, …), preferring the final data over references.
fn workbook_sheets(path: &Path) -> std::io::Result<(Option<String>, Option<String>)> {
    let names = super::spreadsheet::sheet_names(path)?;
    let find = |word: &str| {
        let mut matching: Vec<&String> = names
            .iter()
            .filter(|n| n.to_lowercase().contains(word))
            .collect();
        matching.sort_by_key(|n| !n.to_lowercase().contains("final"));
        matching.first().map(|s| s.to_string())
    };
    Ok((
        find("senior").or_else(|| names.first().cloned()),
        find("junior"),
    ))
}

/// A senior row, as read.
struct Senior {
    span: Span,
    post_span: Span,
    reports_span: Span,
    post_label: String,
    reports_label: String,
    post: String,
    name: String,
    grade: String,
    title: String,
    unit: String,
    reports_to: String,
    fte: Option<Fte>,
}

/// Reads the senior table into records: job shares merged, rows without a
/// post and eliminated posts left out.
fn senior_records(
    table: &Table,
    options: &Options,
    ledger: &mut Ledger,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
    totals: &mut Totals,
) -> Option<Vec<Record>> {
    let col = |names: &[&str], d: &mut Vec<Diagnostic>| table.column(names, d, sources);
    let post = col(&["Post Unique Reference"], diagnostics);
    let name = col(&["Name"], diagnostics);
    let grade = col(&["Grade (or equivalent)", "Grade"], diagnostics);
    let title = col(&["Job Title"], diagnostics);
    let reports = col(&["Reports to Senior Post"], diagnostics);
    let fte = col(&["FTE"], diagnostics);
    let unit = table.optional_column(&["Unit"]);
    let organisation = table.optional_column(&["Organisation"]);
    let (Some(post), Some(name), Some(grade), Some(title), Some(reports), Some(fte)) =
        (post, name, grade, title, reports, fte)
    else {
        return None;
    };
    if table.rows.is_empty() {
        diagnostics.push(super::no_rows(table, sources));
        return None;
    }
    table.check_shape(options.policies.lenient, diagnostics);
    totals.organisation = table
        .rows
        .first()
        .map(|r| table.get(r, organisation).to_string())
        .filter(|s| !s.is_empty());
    let mut seniors: Vec<Senior> = Vec::new();
    let mut blank_fte: Vec<(Span, String)> = Vec::new();
    let mut no_post: Vec<(Span, String)> = Vec::new();
    let mut no_post_value = String::new();
    let mut eliminated: Vec<(Span, String, String)> = Vec::new();
    for row in &table.rows {
        totals.senior_rows += 1;
        let get = |c: usize| table.get(row, Some(c)).to_string();
        let s = Senior {
            span: row.span.clone(),
            post_span: table.span(row, Some(post)),
            reports_span: table.span(row, Some(reports)),
            post_label: table.label(row, post),
            reports_label: table.label(row, reports),
            post: get(post),
            name: get(name),
            grade: get(grade),
            title: get(title),
            unit: table.get(row, unit).to_string(),
            reports_to: get(reports),
            fte: parse_fte(
                table.get(row, Some(fte)),
                &table.span(row, Some(fte)),
                &format_args!("post `{}`", get(post)),
                diagnostics,
            ),
        };
        if table.get(row, Some(fte)).is_empty() {
            blank_fte.push((table.span(row, Some(fte)), format!("post `{}`", s.post)));
        }
        let value = s.fte.unwrap_or_default();
        totals.senior_fte += value;
        ledger.read(value);
        if s.post.is_empty() || s.post == "0" {
            ledger.leave_out(Cause::NoPost, value, s.span.clone());
            no_post_value = s.post.clone();
            no_post.push((s.post_span.clone(), s.post_label.clone()));
            continue;
        }
        if s.name.eq_ignore_ascii_case("eliminated") {
            ledger.leave_out(Cause::Eliminated, value, s.span.clone());
            eliminated.push((s.post_span.clone(), s.post.clone(), s.title.clone()));
            continue;
        }
        seniors.push(s);
    }
    if !blank_fte.is_empty() {
        let d = Diagnostic::new(
            Code::BlankFte,
            if blank_fte.len() == 1 {
                format!("{} has no FTE; counted as 0", blank_fte[0].1)
            } else {
                format!("{} posts have no FTE; counted as 0", blank_fte.len())
            },
        )
        .help("fill in the FTE column (1 for a full-time post)");
        let places: Vec<(Span, String)> = blank_fte
            .into_iter()
            .map(|(s, _)| (s, "blank FTE".to_string()))
            .collect();
        diagnostics.push(group::places(d, &places, sources));
    }
    if !no_post.is_empty() {
        let d = Diagnostic::new(
            Code::SkippedRow,
            if no_post.len() == 1 {
                format!("a row without a post reference (\"{no_post_value}\") is left out")
            } else {
                format!(
                    "{} rows without a post reference are left out",
                    no_post.len()
                )
            },
        )
        .note("in these files, post 0 means staff paid but not in a post");
        diagnostics.push(group::places(d, &no_post, sources));
    }
    if !eliminated.is_empty() {
        let d = Diagnostic::new(
            Code::SkippedRow,
            if eliminated.len() == 1 {
                format!(
                    "post `{}` ({}) is eliminated and left out",
                    eliminated[0].1, eliminated[0].2
                )
            } else {
                format!("{} posts are eliminated and left out", eliminated.len())
            },
        );
        let places: Vec<(Span, String)> = eliminated
            .into_iter()
            .map(|(s, p, _)| (s, format!("post `{p}`, eliminated")))
            .collect();
        diagnostics.push(group::places(d, &places, sources));
    }
    Some(merge_job_shares(seniors, sources, diagnostics))
}

/// Job shares: several rows for one post, the same but for the person, are
/// one post. Rows that differ otherwise stay apart, for the duplicates policy.
fn merge_job_shares(
    seniors: Vec<Senior>,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    let mut first_of: HashMap<(String, String, String, String), usize> = HashMap::new();
    let mut shares: Vec<Vec<Span>> = Vec::new();
    let mut share_of: HashMap<usize, usize> = HashMap::new();
    for s in seniors {
        let key = (
            s.post.clone(),
            s.title.clone(),
            s.reports_to.clone(),
            s.grade.clone(),
        );
        if let Some(&r) = first_of.get(&key) {
            let rec = &mut records[r];
            if let Some(head) = &mut rec.head {
                head.fte += s.fte.unwrap_or_default();
                head.holder = match (head.holder.take(), person(&s.name)) {
                    (Some(a), Some(b)) => Some(format!("{a} / {b}")),
                    (a, b) => a.or(b),
                };
                head.vacant &= s.name.eq_ignore_ascii_case("vacant");
            }
            let k = *share_of.entry(r).or_insert_with(|| {
                shares.push(vec![rec.id_span.clone()]);
                shares.len() - 1
            });
            shares[k].push(s.post_span.clone());
            continue;
        }
        first_of.insert(key, records.len());
        let reports = s.reports_to.trim();
        records.push(Record {
            span: s.span.clone(),
            id_span: s.post_span.clone(),
            parent_span: s.reports_span.clone(),
            id_label: s.post_label.clone(),
            parent_label: s.reports_label.clone(),
            id: s.post.clone(),
            parent: (!reports.is_empty() && !is_top_marker(reports)).then(|| reports.to_string()),
            name: if s.title.is_empty() {
                s.post.clone()
            } else {
                s.title.clone()
            },
            kind: Some("Senior post".to_string()),
            fte: None,
            head: Some(Head {
                title: if s.grade.is_empty() {
                    s.title.clone()
                } else {
                    format!("{} ({})", s.title, s.grade)
                },
                holder: person(&s.name),
                fte: s.fte.unwrap_or_default(),
                vacant: s.name.eq_ignore_ascii_case("vacant"),
            }),
            tags: if s.unit.is_empty() {
                Vec::new()
            } else {
                vec![s.unit.clone()]
            },
        });
    }
    let mut merged: Vec<(usize, usize)> = share_of.into_iter().collect();
    merged.sort();
    for (r, k) in merged {
        let rec = &records[r];
        let fte = rec.head.as_ref().map_or(Fte::ZERO, |h| h.fte);
        let places: Vec<(Span, String)> = shares[k]
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    s.clone(),
                    if i == 0 {
                        "first row".into()
                    } else {
                        "another row of the post".into()
                    },
                )
            })
            .collect();
        let mut places = places;
        places.rotate_left(1);
        let d = Diagnostic::new(
            Code::JobShare,
            format!(
                "post `{}` ({}) is on several rows: a job share, merged",
                rec.id, rec.name
            ),
        );
        diagnostics.push(group::places(d, &places, sources));
        if fte > Fte::ONE {
            let d = Diagnostic::new(
                Code::OverFullPost,
                format!(
                    "the job share of post `{}` ({}) holds {} FTE, more than one post",
                    rec.id, rec.name, fte
                ),
            )
            .help(
                "check the FTE of each row: the people sharing a post together hold at most 1 FTE",
            );
            diagnostics.push(group::places(d, &places, sources));
        }
    }
    records
}

/// Adds the junior staff to the senior posts they report to. Returns the
/// FTE attached to the top (by `--dangling attach-to-top`).
#[allow(clippy::too_many_arguments)]
fn add_junior(
    table: &Table,
    records: &mut [Record],
    options: &Options,
    ledger: &mut Ledger,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
    totals: &mut Totals,
) -> Fte {
    let reports = table.column(&["Reporting Senior Post"], diagnostics, sources);
    let fte = table.column(&["Number of Posts in FTE"], diagnostics, sources);
    let (Some(reports), Some(fte)) = (reports, fte) else {
        return Fte::ZERO;
    };
    table.check_shape(options.policies.lenient, diagnostics);
    let index = super::index::IdIndex::new(records);
    let mut adds: Vec<(usize, Fte)> = Vec::new();
    let mut loose: Vec<(Span, String)> = Vec::new();
    // Junior rows per unknown senior post: (cell, label, FTE), with the row
    // of a senior post whose id differs only loosely.
    type Rows = Vec<(Span, String, Fte)>;
    let mut unknown: Vec<(String, Option<usize>, Rows)> = Vec::new();
    let mut unknown_index: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        totals.junior_rows += 1;
        let post = table.get(row, Some(reports));
        let Some(value) = parse_fte(
            table.get(row, Some(fte)),
            &table.span(row, Some(fte)),
            &format_args!("junior staff of `{post}`"),
            diagnostics,
        ) else {
            continue;
        };
        totals.junior_fte += value;
        ledger.read(value);
        let loose_match = || {
            let v = index.loose(post);
            (options.match_ids == MatchIds::Loose && v.len() == 1).then(|| v[0])
        };
        let found = index.exact(post).filter(|_| !post.is_empty());
        match found.or_else(|| loose_match().filter(|_| !post.is_empty())) {
            Some(i) => {
                if found.is_none() {
                    loose.push((
                        table.span(row, Some(reports)),
                        format!("`{post}`, matched with `{}`", records[i].id),
                    ));
                }
                adds.push((i, value));
            }
            None => {
                let k = *unknown_index.entry(post.to_string()).or_insert_with(|| {
                    let other = index.loose(post).first().copied();
                    unknown.push((post.to_string(), other, Vec::new()));
                    unknown.len() - 1
                });
                unknown[k].2.push((
                    table.span(row, Some(reports)),
                    table.label(row, reports),
                    value,
                ));
            }
        }
    }
    for (i, value) in adds {
        let unit = &mut records[i];
        unit.fte = Some(unit.fte.unwrap_or_default() + value);
    }
    if !loose.is_empty() {
        let mut d = Diagnostic::new(
            Code::LooseMatch,
            format!("{} junior row(s) report to a senior post matched loosely", loose.len()),
        )
        .help("--match-ids loose matches ids that differ only in case or leading zeros; an exact match always wins");
        d.severity = Severity::Warning;
        diagnostics.push(group::places(d, &loose, sources));
    }
    let mut top_fte = Fte::ZERO;
    let policy = options.policies.dangling();
    for (post, other, rows) in unknown {
        let total: Fte = rows.iter().map(|r| r.2).sum();
        let message = match (post.is_empty(), rows.len()) {
            (true, _) => format!("junior staff that report to no senior post ({} FTE)", total),
            (false, 1) => {
                format!("junior staff report to `{post}`, but there is no such senior post")
            }
            (false, n) => {
                format!("{n} junior rows report to `{post}`, but there is no such senior post")
            }
        };
        let mut d = Diagnostic::new(Code::UnknownReportsTo, message);
        match policy {
            Dangling::Error => {
                d = match other.filter(|_| !post.is_empty()) {
                    Some(r) => d.help(format!(
                        "`{}` differs only in case or leading zeros: import with `--match-ids loose`",
                        records[r].id
                    )),
                    None => d.help("every junior row must name the senior post its staff report to; or import with `--dangling attach-to-top` or `--dangling drop`"),
                };
            }
            Dangling::AttachToTop => {
                top_fte += total;
                d.code = Code::Repaired;
                d.severity = Severity::Warning;
                d = d.note(format!(
                    "--dangling attach-to-top: their {total} FTE are counted at the top"
                ));
            }
            Dangling::Drop => {
                for (span, _, f) in &rows {
                    ledger.leave_out(Cause::UnknownJuniorPost, *f, span.clone());
                }
                d.code = Code::Repaired;
                d.severity = Severity::Warning;
                d = d.note(format!("--dangling drop: their {total} FTE are left out"));
            }
        }
        let places: Vec<(Span, String)> = rows.into_iter().map(|(s, l, _)| (s, l)).collect();
        diagnostics.push(group::places(d, &places, sources));
    }
    top_fte
}

/// Imports the files (or the workbook) into organisation files. The
/// organisation's name comes from the files unless `options` gives one.
pub fn import(
    senior: &Path,
    junior: Option<&Path>,
    options: &Options,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut totals = Totals::default();
    let (senior_sheet, junior_sheet) = if super::spreadsheet::is_workbook(senior) {
        workbook_sheets(senior)?
    } else {
        (None, None)
    };
    let Some(table) = read_table(
        senior,
        senior_sheet.as_deref(),
        sources,
        diagnostics,
        &mut outcome.summary,
    )?
    else {
        return Ok(outcome);
    };
    let mut ledger = Ledger::default();
    let Some(mut records) = senior_records(
        &table,
        options,
        &mut ledger,
        sources,
        diagnostics,
        &mut totals,
    ) else {
        outcome.ledger = ledger;
        return Ok(outcome);
    };
    let mut options = options.clone();
    if options.name.is_empty() {
        options.name = totals.organisation.clone().unwrap_or_else(|| {
            senior
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    }
    let in_doubt = super::repair::duplicates(
        &mut records,
        &options.policies,
        &mut ledger,
        sources,
        diagnostics,
    );
    // The junior staff: a second file, or the workbook's junior sheet.
    let junior_table = match (junior, &junior_sheet) {
        (Some(path), _) => read_table(path, None, sources, diagnostics, &mut outcome.summary)?,
        (None, Some(sheet)) => read_table(
            senior,
            Some(sheet),
            sources,
            diagnostics,
            &mut outcome.summary,
        )?,
        (None, None) => None,
    };
    let top_fte = match &junior_table {
        Some(t) => add_junior(
            t,
            &mut records,
            &options,
            &mut ledger,
            sources,
            diagnostics,
            &mut totals,
        ),
        None => Fte::ZERO,
    };
    let f = |x: Fte| options.locale.format_fte(x);
    outcome.summary.push(format!(
        "read {} senior rows ({}) and {} junior rows ({}): {} in all",
        count(totals.senior_rows),
        f(totals.senior_fte),
        count(totals.junior_rows),
        f(totals.junior_fte),
        f(totals.senior_fte + totals.junior_fte)
    ));
    let extra = super::toml_out::Extra {
        has_fte: true,
        top_fte,
    };
    outcome.files = super::finish(
        &records,
        &in_doubt,
        &options,
        &extra,
        &mut ledger,
        sources,
        diagnostics,
    );
    outcome.ledger = ledger;
    Ok(outcome)
}

/// `5792` → `5,792`.
fn count(n: usize) -> String {
    super::tree::count(n)
}
