//! The rules of the dates themselves, checked once: `until` not before
//! `from`, changes in date order within their unit's life, posts within it.

use super::super::date::Date;
use super::super::decode::{Life, RawOrg, RawUnit, Sp};
use super::{Index, transfer_day};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::build::not_on_date;

/// A task moves on its date: the giving unit has it up to the day before,
/// the receiving unit from that day on, so each must exist on its day.
pub(super) fn transfers(index: &Index, diagnostics: &mut Vec<Diagnostic>) {
    for t in &index.raw.transfers {
        let Some(day) = transfer_day(t) else { continue };
        let ends = [
            (
                &t.from,
                day.previous(),
                "this transfer's `from` (the unit that has the task up to the day before) names",
            ),
            (
                &t.to,
                day,
                "this transfer's `to` (the unit that has the task from its date on) names",
            ),
        ];
        for (end, date, what) in ends {
            if let Some(end) = end
                && let Some(absence) = index.absence(&end.value, date)
            {
                let mut d = not_on_date(what, end, &absence);
                d.message = format!("on {date}, {}", d.message);
                diagnostics.push(d);
            }
        }
    }
}

pub(super) fn check(raw: &RawOrg, diagnostics: &mut Vec<Diagnostic>) {
    let undated = |life: &Life| life.from.is_none() && life.until.is_none();
    for u in &raw.units {
        // Without a date, no rule of dates applies: no message to name it in.
        if undated(&u.life) && u.changes.is_empty() && u.posts.iter().all(|p| undated(&p.life)) {
            continue;
        }
        let what = format!("unit `{}`", u.id.value);
        order(&u.life, &what, "from", diagnostics);
        changes(u, &what, diagnostics);
        for p in &u.posts {
            let title = p.title.as_ref().map_or("", |t| &t.value);
            let post = format!("post \"{title}\" of {what}");
            order(&p.life, &post, "from", diagnostics);
            within(&p.life, &u.life, &post, &what, diagnostics);
        }
    }
    for l in &raw.links {
        order(&l.life, "this link", "since", diagnostics);
    }
    for b in &raw.bodies {
        let what = format!("body `{}`", b.id.value);
        order(&b.life, &what, "from", diagnostics);
        for r in &b.relations {
            order(
                &r.life,
                &format!("a relation of {what}"),
                "from",
                diagnostics,
            );
        }
    }
}

/// A diagnostic about two dates: the wrong one, and the one it clashes with.
fn clash(
    code: Code,
    message: String,
    (wrong, label): (&Sp<Date>, &str),
    (other, other_label): (&Sp<Date>, &str),
    help: &str,
) -> Diagnostic {
    Diagnostic::new(code, message)
        .at(wrong.span.clone(), label)
        .also(other.span.clone(), other_label)
        .help(help)
}

/// `until` must not come before `from`.
fn order(life: &Life, what: &str, from_key: &str, diagnostics: &mut Vec<Diagnostic>) {
    if let (Some(from), Some(until)) = (&life.from, &life.until)
        && until.value < from.value
    {
        diagnostics.push(clash(
            Code::DatesOutOfOrder,
            format!(
                "{what} ends on {} (`until`), before it starts on {} (`{from_key}`)",
                until.value, from.value
            ),
            (until, "the last day"),
            (from, "the first day"),
            "swap the two dates, or correct the one that is wrong; both days are included",
        ));
    }
}

/// Changes come after the unit starts, on or before it ends, in date order.
fn changes(u: &RawUnit, what: &str, diagnostics: &mut Vec<Diagnostic>) {
    let mut previous: Option<&Sp<Date>> = None;
    for c in &u.changes {
        let Some(from) = &c.from else { continue };
        if let Some(start) = &u.life.from
            && from.value <= start.value
        {
            diagnostics.push(clash(
                Code::OutsideLife,
                format!(
                    "a change of {what} holds from {}, but the unit only starts on {}",
                    from.value, start.value
                ),
                (from, "not after the unit's first day"),
                (start, "the unit starts here"),
                "write what holds from the first day in the unit itself, and date the change after it",
            ));
        }
        if let Some(end) = &u.life.until
            && from.value > end.value
        {
            diagnostics.push(clash(
                Code::OutsideLife,
                format!(
                    "a change of {what} holds from {}, after the unit ends on {}",
                    from.value, end.value
                ),
                (from, "after the unit's last day"),
                (end, "the unit ends here"),
                "remove the change, or move the unit's `until` to a later day",
            ));
        }
        if let Some(before) = previous
            && from.value <= before.value
        {
            diagnostics.push(clash(
                Code::DatesOutOfOrder,
                format!(
                    "the changes of {what} are not in date order: {} comes after {}",
                    from.value, before.value
                ),
                (from, "not later than the change before it"),
                (before, "the change before it"),
                "write the changes in the order of their dates, each on a later day (merge two changes of one day into one)",
            ));
        }
        previous = Some(from);
    }
}

/// A post lives within its unit's life.
fn within(
    post: &Life,
    unit: &Life,
    what: &str,
    unit_what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let starts_early = match (&post.from, &unit.from) {
        (Some(p), Some(u)) if p.value < u.value => Some((p, u, "starts", "before", "starts")),
        _ => None,
    };
    let ends_late = match (&post.until, &unit.until) {
        (Some(p), Some(u)) if p.value > u.value => Some((p, u, "ends", "after", "ends")),
        _ => None,
    };
    // A post starting after its unit ended (or ending before it started) is
    // outside it too.
    let after_end = match (&post.from, &unit.until) {
        (Some(p), Some(u)) if p.value > u.value => Some((p, u, "starts", "after", "ends")),
        _ => None,
    };
    let before_start = match (&post.until, &unit.from) {
        (Some(p), Some(u)) if p.value < u.value => Some((p, u, "ends", "before", "starts")),
        _ => None,
    };
    for (p, u, verb, relation, unit_verb) in [starts_early, ends_late, after_end, before_start]
        .into_iter()
        .flatten()
    {
        diagnostics.push(clash(
            Code::OutsideLife,
            format!(
                "{what} {verb} on {}, {relation} {unit_what} {unit_verb} on {}",
                p.value, u.value
            ),
            (p, "outside the unit's life"),
            (u, "the unit's date"),
            "a post exists only while its unit does: correct the post's date, or the unit's",
        ));
    }
}
