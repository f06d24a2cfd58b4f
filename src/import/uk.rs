//! `organogram import uk-organogram`: the UK government's "organogram of
//! staff roles and salaries" files — senior posts with their reporting
//! lines, and junior staff aggregated per senior post.
//!
//! One unit per senior post, named by its job title, with the post as its
//! head (grade and holder); the `Unit` column becomes a tag; junior FTE is
//! added to the unit of the senior post it reports to; the post reporting to
//! `XX` is the top.

use std::collections::HashMap;
use std::path::Path;

use super::{Head, MatchIds, Options, Record, csv_file, id_key, parse_fte};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Fte;
use crate::source::Sources;

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

/// A senior row, as read.
struct Senior {
    span: crate::source::Span,
    post: String,
    name: String,
    grade: String,
    title: String,
    unit: String,
    reports_to: String,
    fte: Option<Fte>,
}

fn is_top_marker(s: &str) -> bool {
    s.eq_ignore_ascii_case("xx")
}

/// Reads the senior (and junior) file into records.
pub fn records(
    senior: &Path,
    junior: Option<&Path>,
    options: &Options,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
    totals: &mut Totals,
) -> std::io::Result<Option<Vec<Record>>> {
    let Some(table) = csv_file::read(senior, sources, diagnostics)? else {
        return Ok(None);
    };
    let col = |names: &[&str], d: &mut Vec<Diagnostic>, s: &Sources| table.column(names, d, s);
    let post = col(&["Post Unique Reference"], diagnostics, sources);
    let name = col(&["Name"], diagnostics, sources);
    let grade = col(&["Grade (or equivalent)", "Grade"], diagnostics, sources);
    let title = col(&["Job Title"], diagnostics, sources);
    let reports = col(&["Reports to Senior Post"], diagnostics, sources);
    let fte = col(&["FTE"], diagnostics, sources);
    let unit = table.optional_column(&["Unit"]);
    let organisation = table.optional_column(&["Organisation"]);
    let (Some(post), Some(name), Some(grade), Some(title), Some(reports), Some(fte)) =
        (post, name, grade, title, reports, fte)
    else {
        return Ok(None);
    };
    totals.organisation = table
        .rows
        .first()
        .map(|r| r.get(organisation).to_string())
        .filter(|s| !s.is_empty());
    let mut seniors: Vec<Senior> = Vec::new();
    for row in &table.rows {
        totals.senior_rows += 1;
        let s = Senior {
            span: row.span.clone(),
            post: row.get(Some(post)).to_string(),
            name: row.get(Some(name)).to_string(),
            grade: row.get(Some(grade)).to_string(),
            title: row.get(Some(title)).to_string(),
            unit: row.get(unit).to_string(),
            reports_to: row.get(Some(reports)).to_string(),
            fte: parse_fte(
                row.get(Some(fte)),
                &row.span,
                &format!("post `{}`", row.get(Some(post))),
                diagnostics,
            ),
        };
        if s.fte.is_none() && row.get(Some(fte)).trim().is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    Code::BlankFte,
                    format!("post `{}` ({}) has no FTE; counted as 0", s.post, s.title),
                )
                .at(s.span.clone(), "blank FTE")
                .help("fill in the FTE column (1 for a full-time post)"),
            );
        }
        totals.senior_fte += s.fte.unwrap_or_default();
        if s.post.is_empty() || s.post == "0" {
            diagnostics.push(
                Diagnostic::new(
                    Code::SkippedRow,
                    format!(
                        "a row without a post reference (\"{}\") is left out",
                        s.post
                    ),
                )
                .at(s.span.clone(), "no post")
                .note("in these files, post 0 means staff paid but not in a post"),
            );
            continue;
        }
        if s.name.eq_ignore_ascii_case("eliminated") {
            diagnostics.push(
                Diagnostic::new(
                    Code::SkippedRow,
                    format!("post `{}` ({}) is eliminated and left out", s.post, s.title),
                )
                .at(s.span.clone(), "eliminated post"),
            );
            continue;
        }
        seniors.push(s);
    }
    // Job shares: several rows for one post, the same but for the person.
    let mut records: Vec<Record> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut first_row: Vec<usize> = Vec::new();
    for (i, s) in seniors.iter().enumerate() {
        let key = id_key(&s.post, MatchIds::Exact);
        if let Some(&r) = index.get(&key) {
            let first = &seniors[first_row[r]];
            if first.title == s.title && first.reports_to == s.reports_to && first.grade == s.grade
            {
                let rec = &mut records[r];
                if let Some(head) = &mut rec.head {
                    head.fte += s.fte.unwrap_or_default();
                    let holder = person(&s.name);
                    head.holder = match (head.holder.take(), holder) {
                        (Some(a), Some(b)) => Some(format!("{a} / {b}")),
                        (a, b) => a.or(b),
                    };
                    head.vacant &= s.name.eq_ignore_ascii_case("vacant");
                }
                diagnostics.push(
                    Diagnostic::new(
                        Code::JobShare,
                        format!(
                            "post `{}` ({}) is on several rows: a job share, merged",
                            s.post, s.title
                        ),
                    )
                    .at(s.span.clone(), "another row of the post")
                    .also(first.span.clone(), "first row"),
                );
            } else {
                diagnostics.push(
                    Diagnostic::new(Code::DuplicateRow, format!("post `{}` is on two rows that differ in job title, grade or reporting line", s.post))
                        .at(s.span.clone(), "again here")
                        .also(first.span.clone(), "first here")
                        .help("give each post its own reference; rows of a job share must be the same but for the person"),
                );
            }
            continue;
        }
        index.insert(key, records.len());
        first_row.push(i);
        let reports = s.reports_to.trim();
        records.push(Record {
            span: s.span.clone(),
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
    if let Some(junior) = junior {
        add_junior(junior, &mut records, options, sources, diagnostics, totals)?;
    }
    Ok(Some(records))
}

/// The holder of a post, unless the file hides or lacks one.
fn person(name: &str) -> Option<String> {
    let n = name.trim();
    let hidden =
        n.is_empty() || ["n/d", "vacant", "eliminated", "n/a"].contains(&n.to_lowercase().as_str());
    (!hidden).then(|| n.to_string())
}

fn add_junior(
    path: &Path,
    records: &mut [Record],
    options: &Options,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
    totals: &mut Totals,
) -> std::io::Result<()> {
    let Some(table) = csv_file::read(path, sources, diagnostics)? else {
        return Ok(());
    };
    let reports = table.column(&["Reporting Senior Post"], diagnostics, sources);
    let fte = table.column(&["Number of Posts in FTE"], diagnostics, sources);
    let (Some(reports), Some(fte)) = (reports, fte) else {
        return Ok(());
    };
    let by_key: HashMap<String, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (id_key(&r.id, options.match_ids), i))
        .collect();
    for row in &table.rows {
        totals.junior_rows += 1;
        let post = row.get(Some(reports));
        let Some(value) = parse_fte(
            row.get(Some(fte)),
            &row.span,
            &format!("junior staff of `{post}`"),
            diagnostics,
        ) else {
            continue;
        };
        totals.junior_fte += value;
        match by_key.get(&id_key(post, options.match_ids)) {
            Some(&i) => {
                let unit = &mut records[i];
                unit.fte = Some(unit.fte.unwrap_or_default() + value);
            }
            None => {
                let loose = records
                    .iter()
                    .find(|r| id_key(&r.id, MatchIds::Loose) == id_key(post, MatchIds::Loose));
                let mut d = Diagnostic::new(
                    Code::UnknownReportsTo,
                    if post.is_empty() {
                        "junior staff that report to no senior post".to_string()
                    } else {
                        format!("junior staff report to `{post}`, but there is no such senior post")
                    },
                )
                .at(row.span.clone(), "this row");
                d = match loose {
                    Some(r) => d.help(format!("`{}` differs only in case or leading zeros: import with `--match-ids loose`", r.id)),
                    None => d.help("every junior row must name the senior post its staff report to"),
                };
                diagnostics.push(d);
            }
        }
    }
    Ok(())
}

/// Imports the files into organisation files.
pub fn import(
    senior: &Path,
    junior: Option<&Path>,
    options: &Options,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
    totals: &mut Totals,
) -> std::io::Result<Option<super::Files>> {
    let Some(records) = records(senior, junior, options, sources, diagnostics, totals)? else {
        return Ok(None);
    };
    Ok(super::assemble(records, options, diagnostics))
}
