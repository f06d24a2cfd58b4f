//! Every dated change in order, for `organogram timeline` and the handbook.

use serde::Serialize;

use super::super::date::Date;
use super::super::decode::{Life, RawOrg, RawUnit, Sp};
use super::{Index, parent_on, transfer_day, unit_on};
use crate::source::Span;

/// One dated change. Things that end are listed on the day after their last
/// day, the day on which the organisation is different.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub date: Date,
    #[serde(flatten)]
    pub kind: EventKind,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// A unit as the timeline names it: id and name on that date.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum EventKind {
    /// A unit starts, under `parent`.
    UnitStarts {
        unit: UnitRef,
        parent: Option<UnitRef>,
    },
    /// A unit ended on `last_day`.
    UnitEnds {
        unit: UnitRef,
        last_day: Date,
    },
    /// A unit reports to another unit from now on.
    UnitMoves {
        unit: UnitRef,
        from: Option<UnitRef>,
        to: UnitRef,
    },
    /// A unit is renamed.
    UnitRenamed {
        unit: UnitRef,
        old_name: String,
    },
    /// Other keys of a unit change (`kind`, `short`, `fte`, `tags`).
    UnitChanges {
        unit: UnitRef,
        keys: Vec<String>,
    },
    PostStarts {
        unit: UnitRef,
        title: String,
    },
    PostEnds {
        unit: UnitRef,
        title: String,
        last_day: Date,
    },
    LinkStarts {
        from: UnitRef,
        to: UnitRef,
    },
    LinkEnds {
        from: UnitRef,
        to: UnitRef,
        last_day: Date,
    },
    /// A task moves from one unit to another.
    Transfer {
        task: String,
        from: UnitRef,
        to: UnitRef,
    },
    BodyStarts {
        id: String,
        name: String,
    },
    BodyEnds {
        id: String,
        name: String,
        last_day: Date,
    },
}

impl EventKind {
    /// The units the event is about (for a unit's own history).
    pub fn units(&self) -> Vec<&str> {
        match self {
            EventKind::UnitStarts { unit, .. }
            | EventKind::UnitEnds { unit, .. }
            | EventKind::UnitRenamed { unit, .. }
            | EventKind::UnitChanges { unit, .. }
            | EventKind::PostStarts { unit, .. }
            | EventKind::PostEnds { unit, .. } => vec![&unit.id],
            EventKind::UnitMoves { unit, from, to } => {
                let mut all = vec![unit.id.as_str(), to.id.as_str()];
                all.extend(from.iter().map(|f| f.id.as_str()));
                all
            }
            EventKind::LinkStarts { from, to }
            | EventKind::LinkEnds { from, to, .. }
            | EventKind::Transfer { from, to, .. } => vec![&from.id, &to.id],
            EventKind::BodyStarts { .. } | EventKind::BodyEnds { .. } => vec![],
        }
    }
}

/// Every dated change of the definitions, by date and then in written order.
pub fn timeline(raw: &RawOrg) -> Vec<Event> {
    let index = Index::new(raw);
    let name_on = |id: &str, date: Date| -> UnitRef {
        let all = index.by_id.get(id).map(Vec::as_slice).unwrap_or(&[]);
        let unit = all
            .iter()
            .map(|&i| &raw.units[i])
            .find(|u| u.life.contains(date))
            .or_else(|| all.first().map(|&i| &raw.units[i]));
        let name = unit
            .map(|u| unit_on(u, date))
            .and_then(|u| u.name.map(|n| n.value))
            .unwrap_or_else(|| id.to_string());
        UnitRef {
            id: id.to_string(),
            name,
        }
    };
    let mut out = Vec::new();
    let mut push = |date: Date, span: &Span, kind: EventKind| {
        out.push(Event {
            date,
            kind,
            span: span.clone(),
        })
    };
    for u in &raw.units {
        let id = u.id.value.as_str();
        if let Some(from) = &u.life.from {
            let parent = parent_on(u, from.value).map(|p| name_on(&p.value, from.value));
            let unit = name_on(id, from.value);
            push(
                from.value,
                &from.span,
                EventKind::UnitStarts { unit, parent },
            );
        }
        if let Some(until) = &u.life.until {
            let unit = name_on(id, until.value);
            let kind = EventKind::UnitEnds {
                unit,
                last_day: until.value,
            };
            push(until.value.next(), &until.span, kind);
        }
        for c in &u.changes {
            let Some(from) = &c.from else { continue };
            let date = from.value;
            let before = date.previous();
            let unit = name_on(id, date);
            if let Some(parent) = &c.parent {
                let old = parent_on(u, before).filter(|p| p.value != parent.value);
                if old.is_some() || parent_on(u, before).is_none() {
                    let kind = EventKind::UnitMoves {
                        unit: unit.clone(),
                        from: old.map(|p| name_on(&p.value, before)),
                        to: name_on(&parent.value, date),
                    };
                    push(date, &parent.span, kind);
                }
            }
            if let Some(name) = &c.name {
                let old_name = unit_on(u, before).name.map(|n| n.value).unwrap_or_default();
                if old_name != name.value {
                    let kind = EventKind::UnitRenamed {
                        unit: unit.clone(),
                        old_name,
                    };
                    push(date, &name.span, kind);
                }
            }
            let keys = changed_keys(u, c, before);
            if !keys.is_empty() {
                push(date, &c.span, EventKind::UnitChanges { unit, keys });
            }
        }
        for p in &u.posts {
            let title = p
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default();
            let Life { from, until } = &p.life;
            if let Some(from) = from {
                let unit = name_on(id, from.value);
                let kind = EventKind::PostStarts {
                    unit,
                    title: title.clone(),
                };
                push(from.value, &from.span, kind);
            }
            if let Some(until) = until {
                let unit = name_on(id, until.value);
                let kind = EventKind::PostEnds {
                    unit,
                    title,
                    last_day: until.value,
                };
                push(until.value.next(), &until.span, kind);
            }
        }
    }
    for l in &raw.links {
        let (Some(a), Some(b)) = (&l.from, &l.to) else {
            continue;
        };
        if let Some(since) = &l.life.from {
            let (from, to) = (
                name_on(&a.value, since.value),
                name_on(&b.value, since.value),
            );
            push(since.value, &since.span, EventKind::LinkStarts { from, to });
        }
        if let Some(until) = &l.life.until {
            let (from, to) = (
                name_on(&a.value, until.value),
                name_on(&b.value, until.value),
            );
            let kind = EventKind::LinkEnds {
                from,
                to,
                last_day: until.value,
            };
            push(until.value.next(), &until.span, kind);
        }
    }
    for t in &raw.transfers {
        let (Some(task), Some(a), Some(b), Some(day)) = (&t.task, &t.from, &t.to, transfer_day(t))
        else {
            continue;
        };
        let kind = EventKind::Transfer {
            task: task.value.clone(),
            from: name_on(&a.value, day.previous()),
            to: name_on(&b.value, day),
        };
        push(day, &task.span, kind);
    }
    for b in &raw.bodies {
        let name = b.name.as_ref().map_or(&b.id.value, |n| &n.value).clone();
        if let Some(from) = &b.life.from {
            let kind = EventKind::BodyStarts {
                id: b.id.value.clone(),
                name: name.clone(),
            };
            push(from.value, &from.span, kind);
        }
        if let Some(until) = &b.life.until {
            let kind = EventKind::BodyEnds {
                id: b.id.value.clone(),
                name,
                last_day: until.value,
            };
            push(until.value.next(), &until.span, kind);
        }
    }
    out.sort_by_key(|e| (e.date, e.span.file.0, e.span.start));
    out
}

/// The keys other than parent and name that a change gives a new value.
fn changed_keys(u: &RawUnit, c: &super::super::decode::RawChange, before: Date) -> Vec<String> {
    let old = unit_on(u, before);
    let differs = |new: &Option<Sp<String>>, old: &Option<Sp<String>>| {
        new.as_ref()
            .is_some_and(|n| old.as_ref().is_none_or(|o| o.value != n.value))
    };
    let mut keys = Vec::new();
    if differs(&c.kind, &old.kind) {
        keys.push(format!(
            "kind = {}",
            c.kind.as_ref().map_or("", |k| &k.value)
        ));
    }
    if differs(&c.short, &old.short) {
        keys.push(format!(
            "short = {}",
            c.short.as_ref().map_or("", |k| &k.value)
        ));
    }
    if let Some(fte) = &c.fte
        && old.fte.as_ref().is_none_or(|o| o.value.0 != fte.value.0)
    {
        keys.push(format!("fte = {}", fte.value.0));
    }
    if let Some(tags) = &c.tags {
        let new: Vec<&str> = tags.iter().map(|t| t.value.as_str()).collect();
        let was: Vec<&str> = old.tags.iter().map(|t| t.value.as_str()).collect();
        if new != was {
            keys.push(format!("tags = {}", new.join(", ")));
        }
    }
    keys
}
