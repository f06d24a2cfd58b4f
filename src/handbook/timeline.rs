//! The handbook's timeline page ("Tijdlijn") and each unit's own history,
//! from the organisation's dated changes. Changes after the handbook's date
//! are announced ("vanaf 1 januari 2030: …").

use serde::Serialize;

use super::{DateText, Labels};
use crate::model::{Date, Event, EventKind, Locale, Organisation, UnitRef as Named};

/// Path of the timeline page.
pub const TIMELINE: &str = "timeline";

/// A piece of a sentence, linked to a unit's page when that unit has one.
#[derive(Clone, Debug, Serialize)]
pub struct Segment {
    pub text: String,
    pub path: Option<String>,
}

/// One change, as a sentence.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub date: DateText,
    pub segments: Vec<Segment>,
}

/// The changes of one date.
#[derive(Clone, Debug, Serialize)]
pub struct Day {
    pub date: DateText,
    /// After the handbook's date.
    pub announced: bool,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelinePage {
    /// The last change on or before the handbook's date: the organisation
    /// shown is the one of that day. (Not the date itself, so that the
    /// output stays the same from day to day.)
    pub as_of: Option<DateText>,
    pub days: Vec<Day>,
}

/// A unit's own history and announced changes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct UnitHistory {
    pub past: Vec<Item>,
    pub announced: Vec<Item>,
}

pub fn date_text(date: Date, labels: &Labels) -> DateText {
    let (y, m, d) = date.ymd();
    DateText {
        iso: date.to_string(),
        text: format!("{d} {} {y}", labels.months[m as usize - 1]),
    }
}

fn announced(org: &Organisation, date: Date) -> bool {
    org.history.date.is_some_and(|at| date > at)
}

pub fn page(org: &Organisation, labels: &Labels) -> TimelinePage {
    let mut days: Vec<Day> = Vec::new();
    for e in &org.history.events {
        let item = item(org, e, labels);
        match days.last_mut() {
            Some(day) if day.date.iso == item.date.iso => day.items.push(item),
            _ => days.push(Day {
                date: item.date.clone(),
                announced: announced(org, e.date),
                items: vec![item],
            }),
        }
    }
    TimelinePage {
        as_of: org
            .history
            .events
            .iter()
            .map(|e| e.date)
            .filter(|&d| !announced(org, d))
            .max()
            .map(|d| date_text(d, labels)),
        days,
    }
}

pub fn unit_history(org: &Organisation, unit: &str, labels: &Labels) -> UnitHistory {
    let mut history = UnitHistory::default();
    for e in &org.history.events {
        if !e.kind.units().contains(&unit) {
            continue;
        }
        let item = item(org, e, labels);
        if announced(org, e.date) {
            history.announced.push(item);
        } else {
            history.past.push(item);
        }
    }
    history
}

fn item(org: &Organisation, e: &Event, labels: &Labels) -> Item {
    Item {
        date: date_text(e.date, labels),
        segments: sentence(org, &e.kind, org.locale, labels),
    }
}

fn text(t: impl Into<String>) -> Segment {
    Segment {
        text: t.into(),
        path: None,
    }
}

/// A unit's name, linked when the unit is in this handbook.
fn unit(org: &Organisation, u: &Named) -> Segment {
    Segment {
        text: u.name.clone(),
        path: org.find(&u.id).map(|_| format!("units/{}", u.id)),
    }
}

fn sentence(org: &Organisation, kind: &EventKind, locale: Locale, labels: &Labels) -> Vec<Segment> {
    let nl = locale == Locale::NlBe;
    let pick = |nl_text: &str, en: &str| text(if nl { nl_text } else { en });
    let last = |d: &Date| date_text(*d, labels).text;
    match kind {
        EventKind::UnitStarts { unit: u, parent } => {
            let mut s = vec![unit(org, u), pick(" start", " starts")];
            if let Some(p) = parent {
                s.extend([pick(", onder ", ", under "), unit(org, p)]);
            }
            s
        }
        EventKind::UnitEnds { unit: u, last_day } => vec![
            unit(org, u),
            text(if nl {
                format!(" houdt op te bestaan (laatste dag {})", last(last_day))
            } else {
                format!(" ends (last day {})", last(last_day))
            }),
        ],
        EventKind::UnitMoves { unit: u, from, to } => {
            let mut s = vec![unit(org, u)];
            match from {
                Some(f) => s.extend([
                    pick(" gaat van ", " moves from "),
                    unit(org, f),
                    pick(" naar ", " to "),
                    unit(org, to),
                ]),
                None => s.extend([pick(" valt onder ", " reports to "), unit(org, to)]),
            }
            s
        }
        EventKind::UnitRenamed { unit: u, old_name } => vec![
            text(old_name.clone()),
            pick(" heet voortaan ", " is renamed "),
            unit(org, u),
        ],
        EventKind::UnitChanges { unit: u, keys } => {
            vec![unit(org, u), text(format!(": {}", keys.join("; ")))]
        }
        EventKind::PostStarts { unit: u, title } => vec![
            text(if nl {
                format!("Nieuwe post {title} bij ")
            } else {
                format!("New post {title} in ")
            }),
            unit(org, u),
        ],
        EventKind::PostEnds {
            unit: u,
            title,
            last_day,
        } => vec![
            text(if nl {
                format!("De post {title} bij ")
            } else {
                format!("The post {title} in ")
            }),
            unit(org, u),
            text(if nl {
                format!(" vervalt (laatste dag {})", last(last_day))
            } else {
                format!(" ends (last day {})", last(last_day))
            }),
        ],
        EventKind::LinkStarts { from, to } => vec![
            pick("Stippellijn van ", "Dotted line from "),
            unit(org, from),
            pick(" naar ", " to "),
            unit(org, to),
        ],
        EventKind::LinkEnds { from, to, last_day } => vec![
            pick("De stippellijn van ", "The dotted line from "),
            unit(org, from),
            pick(" naar ", " to "),
            unit(org, to),
            text(if nl {
                format!(" vervalt (laatste dag {})", last(last_day))
            } else {
                format!(" ends (last day {})", last(last_day))
            }),
        ],
        EventKind::Transfer { task, from, to } => vec![
            text(if nl {
                format!("De taak {task} gaat van ")
            } else {
                format!("The task {task} moves from ")
            }),
            unit(org, from),
            pick(" naar ", " to "),
            unit(org, to),
        ],
        EventKind::BodyStarts { name, .. } => vec![text(name.clone()), pick(" start", " starts")],
        EventKind::BodyEnds { name, last_day, .. } => vec![
            text(name.clone()),
            text(if nl {
                format!(" houdt op te bestaan (laatste dag {})", last(last_day))
            } else {
                format!(" ends (last day {})", last(last_day))
            }),
        ],
    }
}
