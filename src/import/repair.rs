//! Repair policies for messy data. Each is opt-in, and every row a policy
//! changes gets a warning; `--lenient` picks a safe choice for each policy
//! that was not given. Without them, each of these problems is an error.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::Record;
use super::group;
use super::reconcile::{Cause, Ledger};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Sources, Span};

/// Rows that report to an id no row has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Dangling {
    Error,
    /// Report to the top instead (their FTE is kept).
    AttachToTop,
    /// Leave the row, and the rows below it, out.
    Drop,
}

/// Several rows with one id (that are not a job share).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Duplicates {
    Error,
    /// Keep the first row, leave out the others.
    KeepFirst,
    /// Keep every row, as `id`, `id-2`, `id-3`, …
    Number,
}

/// A row that reports to itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SelfParent {
    Error,
    /// Report to the top instead (or be the top when there is none).
    Top,
}

/// What the reports-to column holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ParentBy {
    /// The id of the row reported to.
    #[default]
    Id,
    /// The name of the row reported to.
    Name,
}

/// Rows that report to each other in a circle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Cycles {
    Error,
    /// Cut each circle at its first row, which then reports to the top.
    Break,
}

/// The repairs asked for; `None` is "not given".
#[derive(Clone, Copy, Debug, Default)]
pub struct Policies {
    pub lenient: bool,
    pub dangling: Option<Dangling>,
    pub duplicates: Option<Duplicates>,
    pub self_parent: Option<SelfParent>,
    pub parent_by: ParentBy,
    pub cycles: Option<Cycles>,
}

impl Policies {
    pub fn dangling(&self) -> Dangling {
        self.dangling.unwrap_or(if self.lenient {
            Dangling::AttachToTop
        } else {
            Dangling::Error
        })
    }

    pub fn duplicates(&self) -> Duplicates {
        self.duplicates.unwrap_or(if self.lenient {
            Duplicates::Number
        } else {
            Duplicates::Error
        })
    }

    pub fn self_parent(&self) -> SelfParent {
        self.self_parent.unwrap_or(if self.lenient {
            SelfParent::Top
        } else {
            SelfParent::Error
        })
    }

    pub fn cycles(&self) -> Cycles {
        self.cycles.unwrap_or(if self.lenient {
            Cycles::Break
        } else {
            Cycles::Error
        })
    }

    /// A problem that `--lenient` turns into a warning: its severity, and a
    /// note saying what was done.
    pub fn soften(&self, mut d: Diagnostic, done: &str) -> Diagnostic {
        if self.lenient {
            d.severity = crate::diagnostics::Severity::Warning;
            d = d.note(format!("--lenient: {done}"));
        }
        d
    }
}

/// Resolves ids on several rows by the duplicates policy. Returns the ids
/// still in doubt (reported as errors), whose follow-on problems — a loop, a
/// missing top — are echoes of the duplicate and not reported again.
pub fn duplicates(
    records: &mut Vec<Record>,
    policies: &Policies,
    ledger: &mut Ledger,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashSet<String> {
    // The first row of each id; a list of rows only for ids that repeat.
    let mut first_of: FxHashMap<&str, usize> = FxHashMap::default();
    first_of.reserve(records.len());
    let mut repeats: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, r) in records.iter().enumerate() {
        let first = *first_of.entry(r.id.as_str()).or_insert(i);
        if first != i {
            repeats.entry(first).or_insert_with(|| vec![first]).push(i);
        }
    }
    drop(first_of);
    let mut repeated: Vec<Vec<usize>> = repeats.into_values().collect();
    repeated.sort();
    let mut in_doubt = HashSet::new();
    let mut remove: HashSet<usize> = HashSet::new();
    // The ids taken, for numbering repeats: only made when there are some.
    let mut taken: HashSet<String> = if repeated.is_empty() {
        HashSet::new()
    } else {
        records.iter().map(|r| r.id.clone()).collect()
    };
    let policy = policies.duplicates();
    for rows in repeated {
        let first = &records[rows[0]];
        let id = first.id.clone();
        let places: Vec<(Span, String)> = rows[1..]
            .iter()
            .map(|&i| (records[i].id_span.clone(), "again here".to_string()))
            .chain(std::iter::once((
                first.id_span.clone(),
                "first here".to_string(),
            )))
            .collect();
        let n = rows.len();
        let message = if n == 2 {
            format!("the id `{id}` is on two rows")
        } else {
            format!("the id `{id}` is on {n} rows")
        };
        let d = Diagnostic::new(Code::DuplicateRow, message);
        let d = match policy {
            Duplicates::Error => {
                in_doubt.insert(id.clone());
                remove.extend(&rows[1..]);
                d.help("give each unit its own id, or remove the repeated rows; or import with `--duplicates keep-first` or `--duplicates number`")
            }
            Duplicates::KeepFirst => {
                for &i in &rows[1..] {
                    let r = &records[i];
                    ledger.leave_out(Cause::Duplicate, r.total_fte(), r.span.clone());
                }
                remove.extend(&rows[1..]);
                let mut d = d.note(
                    "--duplicates keep-first: the first row is kept, the others are left out",
                );
                d.code = Code::Repaired;
                d.severity = crate::diagnostics::Severity::Warning;
                d
            }
            Duplicates::Number => {
                let mut renamed = Vec::new();
                for &i in &rows[1..] {
                    let mut k = 2;
                    let new = loop {
                        let candidate = format!("{id}-{k}");
                        if !taken.contains(&candidate) {
                            break candidate;
                        }
                        k += 1;
                    };
                    taken.insert(new.clone());
                    renamed.push(format!("`{new}`"));
                    records[i].id = new;
                }
                let mut d = d.note(format!(
                    "--duplicates number: the rows after the first are kept as {}; rows reporting to `{id}` report to the first",
                    if renamed.len() > 3 { format!("{} … {}", renamed[0], renamed[renamed.len() - 1]) } else { renamed.join(", ") }
                ));
                d.code = Code::Repaired;
                d.severity = crate::diagnostics::Severity::Warning;
                d
            }
        };
        diagnostics.push(group::places(d, &places, sources));
    }
    if !remove.is_empty() {
        let mut i = 0;
        records.retain(|_| {
            i += 1;
            !remove.contains(&(i - 1))
        });
    }
    in_doubt
}
