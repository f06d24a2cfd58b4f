//! Linking records into one tree: each row to the row it reports to, one
//! top, no circles — in time linear in the number of rows, with the repair
//! policies applied and every problem reported once at its cell.

use std::collections::{HashMap, HashSet};

use super::group;
use super::index::IdIndex;
use super::reconcile::{Cause, Ledger};
use super::repair::{Cycles, Dangling, ParentBy, SelfParent};
use super::{MatchIds, Options, Record};
use crate::diagnostics::{Code, Diagnostic, Severity, did_you_mean};
use crate::source::{Sources, Span};

/// The records as a tree.
#[derive(Debug)]
pub struct Tree {
    /// Each record's parent; `None` for the tops.
    pub parent: Vec<Option<usize>>,
    /// The records reporting to no one: one, or several joined under the
    /// `--root-name` unit.
    pub tops: Vec<usize>,
    /// Records left out by `--dangling drop`.
    pub dropped: Vec<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Link {
    Top,
    Parent(usize),
    /// Repaired to report to the top.
    ToTop,
    Unknown,
    Dropped,
}

/// `1234567` → `1,234,567`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The circle as text, shortened when long: `a` → `b` → … 99,996 more … → `z` → `a`.
pub fn circle(ids: &[&str]) -> String {
    let q = |s: &str| format!("`{s}`");
    let mut parts: Vec<String> = if ids.len() <= 6 {
        ids.iter().map(|s| q(s)).collect()
    } else {
        let mut p: Vec<String> = ids[..3].iter().map(|s| q(s)).collect();
        p.push(format!("… {} more …", count(ids.len() - 4)));
        p.push(q(ids[ids.len() - 1]));
        p
    };
    parts.push(q(ids[0]));
    parts.join(" → ")
}

/// Numeric ids (`00109715`) are not misspelt words: no "did you mean".
fn is_numeric(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_digit())
}

fn describe(r: &Record) -> String {
    if r.name.is_empty() || r.name == r.id {
        format!("`{}`", r.id)
    } else {
        format!("`{}` ({})", r.id, r.name)
    }
}

fn warn(code: Code, message: String) -> Diagnostic {
    let mut d = Diagnostic::new(code, message);
    d.severity = Severity::Warning;
    d
}

/// Links the records. `in_doubt` are ids whose duplicates were reported:
/// problems that follow from them are not reported again. `None` when any
/// error was found.
pub fn link(
    records: &[Record],
    options: &Options,
    in_doubt: &HashSet<String>,
    ledger: &mut Ledger,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Tree> {
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
    let policies = &options.policies;
    let n = records.len();
    let index = IdIndex::new(records);
    // Ids that differ only loosely are most often one post written twice.
    if options.match_ids == MatchIds::Exact {
        let mut clashes: Vec<&[usize]> = index.clashes().collect();
        clashes.sort();
        for rows in clashes {
            let (a, b) = (&records[rows[0]], &records[rows[1]]);
            let d = Diagnostic::new(
                Code::LooseIds,
                format!("the ids `{}` and `{}` differ only in case or leading zeros", a.id, b.id),
            )
            .at(b.id_span.clone(), b.id_label.clone())
            .also(a.id_span.clone(), "the other row")
            .help("if they are the same post, import with `--match-ids loose`; if not, give one another id");
            diagnostics.push(policies.soften(d, "they are kept as two units"));
        }
    }
    let by_name: HashMap<String, Vec<usize>> =
        if policies.parent_by == ParentBy::Name || policies.lenient {
            let mut m: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, r) in records.iter().enumerate() {
                m.entry(r.name.to_lowercase()).or_default().push(i);
            }
            m
        } else {
            HashMap::new()
        };
    let unique = |v: Option<&[usize]>| v.filter(|v| v.len() == 1).map(|v| v[0]);

    let mut links = vec![Link::Top; n];
    // Grouped reports: (key) → places.
    let mut loose_matches: Vec<(Span, String)> = Vec::new();
    let mut by_name_matches: Vec<(Span, String)> = Vec::new();
    let mut dangling: Vec<(String, Vec<usize>)> = Vec::new();
    let mut dangling_index: HashMap<String, usize> = HashMap::new();
    let mut self_reports: Vec<usize> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let Some(p) = r.parent.as_deref() else {
            continue;
        };
        let found = if policies.parent_by == ParentBy::Name {
            unique(by_name.get(&p.to_lowercase()).map(Vec::as_slice))
        } else {
            index.exact(p).or_else(|| {
                if options.match_ids == MatchIds::Loose {
                    let j = unique(Some(index.loose(p)))?;
                    loose_matches.push((
                        r.parent_span.clone(),
                        format!("`{p}`, matched with `{}`", records[j].id),
                    ));
                    Some(j)
                } else if policies.lenient {
                    let j = unique(by_name.get(&p.to_lowercase()).map(Vec::as_slice))?;
                    by_name_matches.push((
                        r.parent_span.clone(),
                        format!("matched by name with `{}`", records[j].id),
                    ));
                    Some(j)
                } else {
                    None
                }
            })
        };
        links[i] = match found {
            Some(j) if j == i => {
                self_reports.push(i);
                match policies.self_parent() {
                    SelfParent::Error => Link::Unknown,
                    SelfParent::Top => Link::ToTop,
                }
            }
            Some(j) => Link::Parent(j),
            None => {
                let k = *dangling_index.entry(p.to_string()).or_insert_with(|| {
                    dangling.push((p.to_string(), Vec::new()));
                    dangling.len() - 1
                });
                dangling[k].1.push(i);
                match policies.dangling() {
                    Dangling::Error => Link::Unknown,
                    Dangling::AttachToTop => Link::ToTop,
                    Dangling::Drop => Link::Dropped,
                }
            }
        };
    }
    if !loose_matches.is_empty() {
        let d = warn(
            Code::LooseMatch,
            if loose_matches.len() == 1 {
                let (_, text) = &loose_matches[0];
                let r = records.iter().find(|r| r.parent_span == loose_matches[0].0);
                format!("`{}` reports to {text}", r.map_or("", |r| r.id.as_str()))
            } else {
                format!("{} rows report to an id matched loosely", loose_matches.len())
            },
        )
        .help("--match-ids loose matches ids that differ only in case or leading zeros; an exact match always wins");
        diagnostics.push(group::places(d, &loose_matches, sources));
    }
    if !by_name_matches.is_empty() {
        let d = warn(
            Code::Repaired,
            format!(
                "{} row(s) report to a name rather than an id, matched by name",
                by_name_matches.len()
            ),
        )
        .note("--lenient: a reports-to value that is no id but the name of exactly one row is matched with that row")
        .help("if the column holds names throughout, import with `--parent-by name`");
        diagnostics.push(group::places(d, &by_name_matches, sources));
    }
    for &i in &self_reports {
        let r = &records[i];
        let mut d = Diagnostic::new(Code::SelfReport, format!("post {} reports to itself", describe(r)))
            .at(r.parent_span.clone(), r.parent_label.clone())
            .help("if this is the top post, leave its reporting column empty (or XX); otherwise name the post it reports to; or import with `--self-parent top`");
        if policies.self_parent() == SelfParent::Top {
            d = warn(Code::Repaired, d.message.clone())
                .at(r.parent_span.clone(), r.parent_label.clone())
                .note("--self-parent top: it reports to the top instead");
        }
        diagnostics.push(d);
    }
    // "Did you mean" compares with every id: worth it for a few unknown ids,
    // not for thousands.
    const SUGGEST_FOR: usize = 20;
    for (k, (p, rows)) in dangling.iter().enumerate() {
        let places: Vec<(Span, String)> = rows
            .iter()
            .map(|&i| {
                (
                    records[i].parent_span.clone(),
                    records[i].parent_label.clone(),
                )
            })
            .collect();
        let message = if rows.len() == 1 {
            format!(
                "post {} reports to `{p}`, but no row has that id",
                describe(&records[rows[0]])
            )
        } else {
            format!(
                "{} rows report to `{p}`, but no row has that id",
                rows.len()
            )
        };
        let mut d = Diagnostic::new(Code::UnknownReportsTo, message);
        let loose: Vec<&str> = index
            .loose(p)
            .iter()
            .map(|&j| records[j].id.as_str())
            .collect();
        match policies.dangling() {
            Dangling::Error => {
                d = if let Some(other) = loose
                    .first()
                    .filter(|_| options.match_ids == MatchIds::Exact)
                {
                    d.help(format!("`{other}` differs only in case or leading zeros: import with `--match-ids loose` to match them"))
                } else if loose.len() > 1 {
                    d.note(format!(
                        "it matches {} ids loosely: {}",
                        loose.len(),
                        loose
                            .iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .help("write the id exactly as the row it reports to has it")
                } else {
                    let guess = (!is_numeric(p) && k < SUGGEST_FOR)
                        .then(|| did_you_mean(p, records.iter().map(|r| r.id.as_str())))
                        .flatten();
                    match guess {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.help("correct the id it reports to, or leave it empty for the top post; or import with `--dangling attach-to-top` or `--dangling drop`"),
                    }
                };
            }
            Dangling::AttachToTop => {
                d.code = Code::Repaired;
                d.severity = Severity::Warning;
                d = d.note("--dangling attach-to-top: reported to the top instead");
            }
            Dangling::Drop => {
                d.code = Code::Repaired;
                d.severity = Severity::Warning;
                d = d.note("--dangling drop: left out, with the rows below it");
            }
        }
        diagnostics.push(group::places(d, &places, sources));
    }

    // Circles: a walk up from each row, marking rows on the current path;
    // each row is walked once, so this is linear.
    let mut state = vec![0u8; n]; // 0 new, 1 on the path, 2 done
    let mut broken: Vec<(usize, usize)> = Vec::new(); // (cut row, length)
    let mut path: Vec<usize> = Vec::new();
    for start in 0..n {
        path.clear();
        let mut at = start;
        loop {
            match state[at] {
                2 => break,
                1 => {
                    let from = path.iter().rposition(|&p| p == at).unwrap_or(0);
                    let members = &path[from..];
                    if members.iter().any(|&m| in_doubt.contains(&records[m].id)) {
                        break; // an echo of a duplicate id, already reported
                    }
                    if policies.cycles() == Cycles::Break {
                        let cut = *members.iter().min().unwrap_or(&at);
                        links[cut] = Link::ToTop;
                        broken.push((cut, members.len()));
                        break;
                    }
                    let ids: Vec<&str> = members.iter().map(|&m| records[m].id.as_str()).collect();
                    let r = &records[at];
                    let mut d = Diagnostic::new(
                        Code::ImportCycle,
                        format!(
                            "these posts report to each other in a circle: {}",
                            circle(&ids)
                        ),
                    )
                    .at(r.parent_span.clone(), "the circle starts here");
                    for &m in members.iter().skip(1).take(3) {
                        d = d.also(
                            records[m].parent_span.clone(),
                            format!("`{}`", records[m].id),
                        );
                    }
                    if members.len() > 4 {
                        d = d.note(format!("the circle has {} posts", count(members.len())));
                    }
                    diagnostics.push(d.help(
                        "change the post one of them reports to; or import with `--cycles break`",
                    ));
                    break;
                }
                _ => {
                    state[at] = 1;
                    path.push(at);
                    match links[at] {
                        Link::Parent(j) => at = j,
                        _ => break,
                    }
                }
            }
        }
        for &p in &path {
            state[p] = 2;
        }
    }
    if !broken.is_empty() {
        let places: Vec<(Span, String)> = broken
            .iter()
            .map(|&(i, len)| {
                (
                    records[i].parent_span.clone(),
                    format!("a circle of {} posts cut here", count(len)),
                )
            })
            .collect();
        let d = warn(
            Code::Repaired,
            format!(
                "{} circle(s) of posts reporting to each other, cut",
                broken.len()
            ),
        )
        .note("--cycles break: the first row of each circle reports to the top instead");
        diagnostics.push(group::places(d, &places, sources));
    }

    // Rows below a dropped row go with it.
    let mut dropped = vec![false; n];
    if policies.dangling() == Dangling::Drop {
        let mut known = vec![false; n];
        for start in 0..n {
            let mut chain = Vec::new();
            let mut at = start;
            let verdict = loop {
                if known[at] {
                    break dropped[at];
                }
                chain.push(at);
                match links[at] {
                    Link::Parent(j) => at = j,
                    Link::Dropped => break true,
                    _ => break false,
                }
            };
            for c in chain {
                known[c] = true;
                dropped[c] = verdict;
            }
        }
        for (_, r) in records.iter().enumerate().filter(|(i, _)| dropped[*i]) {
            ledger.leave_out(Cause::Dangling, r.total_fte(), r.span.clone());
        }
    }

    // The top.
    let live = |i: &usize| !dropped[*i];
    let real_tops: Vec<usize> = (0..n)
        .filter(live)
        .filter(|&i| links[i] == Link::Top)
        .collect();
    let to_top: Vec<usize> = (0..n)
        .filter(live)
        .filter(|&i| links[i] == Link::ToTop)
        .collect();
    let mut parent: Vec<Option<usize>> = links
        .iter()
        .map(|l| match l {
            Link::Parent(j) => Some(*j),
            _ => None,
        })
        .collect();
    if real_tops.is_empty() && to_top.is_empty() && n > 0 && dropped.iter().all(|d| *d) {
        diagnostics.push(
            Diagnostic::new(
                Code::NoRows,
                "every row was left out: nothing is left to import",
            )
            .help("import without `--dangling drop` to see which rows report to unknown ids"),
        );
        return None;
    }
    let tops: Vec<usize> = if options.root_name.is_some() {
        real_tops
            .iter()
            .chain(&to_top)
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    } else {
        let top = match real_tops.first().or(to_top.first()) {
            Some(&t) => t,
            None => {
                if !records.is_empty() && in_doubt.is_empty() {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::NoTop,
                            "no row is the top of the organisation: every row reports to another",
                        )
                        .help("leave the reporting column empty (or XX) for the top post"),
                    );
                }
                0
            }
        };
        if real_tops.len() > 1 {
            let mut d = Diagnostic::new(
                Code::SeveralTops,
                format!(
                    "{} rows report to no one, but an organisation has one top",
                    real_tops.len()
                ),
            );
            let places: Vec<(Span, String)> = real_tops
                .iter()
                .map(|&t| {
                    (
                        records[t].parent_span.clone(),
                        format!("{} is a top", describe(&records[t])),
                    )
                })
                .collect();
            let names: Vec<String> = real_tops
                .iter()
                .take(8)
                .map(|&t| format!("`{}`", records[t].id))
                .collect();
            d = d
                .note(format!(
                    "the tops: {}{}",
                    names.join(", "),
                    if real_tops.len() > 8 { format!(" and {} more", real_tops.len() - 8) } else { String::new() }
                ))
                .help("correct the rows that should report to someone, or join the tops under one new top unit with `--root-name \"…\"`");
            let mut places = places;
            places.rotate_left(1);
            diagnostics.push(group::places(d, &places, sources));
        }
        for &t in &to_top {
            if t != top {
                parent[t] = Some(top);
            }
        }
        vec![top]
    };
    if diagnostics.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(Tree {
        parent,
        tops,
        dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_circles_are_shortened() {
        assert_eq!(circle(&["a", "b"]), "`a` → `b` → `a`");
        let ids: Vec<String> = (1..=100_000).map(|i| format!("u{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(
            circle(&ids),
            "`u1` → `u2` → `u3` → … 99,996 more … → `u100000` → `u1`"
        );
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
    }
}
