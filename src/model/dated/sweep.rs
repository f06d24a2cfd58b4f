//! `check` on every date: the organisation before the first dated change,
//! then on each date on which something starts, ends or changes.
//!
//! Between two such dates nothing differs, so those dates are all there is
//! to check. A date is checked incrementally: only what changes on it, what
//! depends on it and their parents, which is enough to find every problem
//! that is new on that date (the others were found on an earlier one). So a
//! history of a thousand dates costs a thousand small checks, not a
//! thousand checks of the whole organisation.

use std::collections::HashSet;

use super::super::Organisation;
use super::super::build::validate;
use super::super::date::Date;
use super::super::decode::RawOrg;
use super::{Index, rules};
use crate::diagnostics::{Code, Diagnostic};

/// What makes two diagnostics of different dates the same problem.
type Key = (Code, String, Option<(u32, u32)>);

/// Checks the organisation on every date; returns its model on `at` (with
/// the warnings of that date).
pub(crate) fn check_every_date(
    raw: RawOrg,
    at: Date,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Organisation> {
    rules::check(&raw, diagnostics);
    if undated(&raw) {
        return check_undated(raw, at, diagnostics);
    }
    let raw = &raw;
    let index = Index::new(raw);
    rules::transfers(&index, diagnostics);
    let mut seen: HashSet<Key> = HashSet::new();
    // `date`: the prefix that says when a problem holds ("from 2019-01-01").
    let mut keep = |found: Vec<Diagnostic>, date: Option<String>, out: &mut Vec<Diagnostic>| {
        for mut d in found {
            let key = (
                d.code,
                d.message.clone(),
                d.primary.as_ref().map(|l| (l.span.file.0, l.span.start)),
            );
            if !seen.insert(key) {
                continue;
            }
            if let Some(date) = &date
                && d.is_error()
            {
                d.message = format!("{date}, {}", d.message);
            }
            out.push(d);
        }
    };
    if let Some(&first) = index.events.keys().next() {
        let before = first.previous();
        let mut found = Vec::new();
        let elsewhere = |id: &str| index.absence(id, before);
        validate(index.resolve(before, None), &elsewhere, false, &mut found);
        // Before the first date, only a missing unit is a matter of dates.
        for d in &mut found {
            if d.code == Code::NotOnDate {
                d.message = format!("before {first}, {}", d.message);
            }
        }
        keep(found, None, diagnostics);
        for (&date, touched) in &index.events {
            let selection = index.selection(date, touched);
            let mut found = Vec::new();
            let elsewhere = |id: &str| index.absence(id, date);
            validate(
                index.resolve(date, Some(&selection)),
                &elsewhere,
                false,
                &mut found,
            );
            keep(found, Some(format!("from {date}")), diagnostics);
        }
    }
    // Warnings only for an organisation without errors: they would repeat
    // or confuse what the errors say.
    let warnings = !diagnostics.iter().any(Diagnostic::is_error);
    let mut found = Vec::new();
    let elsewhere = |id: &str| index.absence(id, at);
    let organisation = validate(index.resolve(at, None), &elsewhere, warnings, &mut found);
    let dated = (!index.events.is_empty()).then(|| format!("on {at}"));
    keep(found, dated, diagnostics);
    organisation.map(|mut org| {
        org.history = super::super::History {
            date: Some(at),
            events: if index.events.is_empty() {
                Vec::new()
            } else {
                super::timeline(raw)
            },
        };
        org
    })
}

/// Whether nothing in the organisation starts, ends or changes: then it is
/// the same on every date, and its definitions are checked as they are.
fn undated(raw: &RawOrg) -> bool {
    let no_life = |life: &super::super::decode::Life| life.from.is_none() && life.until.is_none();
    raw.units.iter().all(|u| {
        no_life(&u.life) && u.changes.is_empty() && u.posts.iter().all(|p| no_life(&p.life))
    }) && raw.links.iter().all(|l| no_life(&l.life))
        && raw
            .bodies
            .iter()
            .all(|b| no_life(&b.life) && b.relations.iter().all(|r| no_life(&r.life)))
}

/// [`check_every_date`] for an organisation without dates: one check, of the
/// definitions themselves (resolving a date would copy them unchanged), with
/// the same diagnostics.
fn check_undated(raw: RawOrg, at: Date, diagnostics: &mut Vec<Diagnostic>) -> Option<Organisation> {
    let warnings = !diagnostics.iter().any(Diagnostic::is_error);
    let mut found = Vec::new();
    let organisation = validate(raw, &|_| None, warnings, &mut found);
    let mut seen: HashSet<Key> = HashSet::new();
    diagnostics.extend(found.into_iter().filter(|d| {
        seen.insert((
            d.code,
            d.message.clone(),
            d.primary.as_ref().map(|l| (l.span.file.0, l.span.start)),
        ))
    }));
    organisation.map(|mut org| {
        org.history = super::super::History {
            date: Some(at),
            events: Vec::new(),
        };
        org
    })
}
