//! `organogram timeline`: every dated change of the organisation in date
//! order, as Markdown (for people) or JSON (for tools).

use std::fmt::Write as _;

use crate::handbook::text::escape_markdown;
use crate::model::{Event, EventKind, UnitRef};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Markdown,
    Json,
}

pub fn render(events: &[Event], format: Format) -> String {
    match format {
        Format::Markdown => markdown(events),
        Format::Json => {
            let json = serde_json::json!({
                "format": "organogram-timeline/1",
                "events": events,
            });
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
        }
    }
}

/// One heading per date, one line per change.
pub fn markdown(events: &[Event]) -> String {
    let mut out = String::from("# Timeline\n");
    if events.is_empty() {
        out.push_str("\nNothing in the organisation is dated: it is the same on every date.\n");
        return out;
    }
    let mut date = None;
    for e in events {
        if date != Some(e.date) {
            let _ = write!(out, "\n## {}\n\n", e.date);
            date = Some(e.date);
        }
        let _ = writeln!(out, "- {}", sentence(&e.kind));
    }
    out
}

fn unit(u: &UnitRef) -> String {
    format!("`{}` ({})", u.id, escape_markdown(&u.name))
}

/// The change in plain words.
pub fn sentence(kind: &EventKind) -> String {
    match kind {
        EventKind::UnitStarts { unit: u, parent } => match parent {
            Some(p) => format!("{} starts, under {}", unit(u), unit(p)),
            None => format!("{} starts", unit(u)),
        },
        EventKind::UnitEnds { unit: u, last_day } => {
            format!("{} has ended (last day {last_day})", unit(u))
        }
        EventKind::UnitMoves { unit: u, from, to } => match from {
            Some(f) => format!("{} moves from {} to {}", unit(u), unit(f), unit(to)),
            None => format!("{} reports to {}", unit(u), unit(to)),
        },
        EventKind::UnitRenamed { unit: u, old_name } => format!(
            "`{}` is renamed from {} to {}",
            u.id,
            escape_markdown(old_name),
            escape_markdown(&u.name)
        ),
        EventKind::UnitChanges { unit: u, keys } => {
            format!("{} changes: {}", unit(u), escape_markdown(&keys.join("; ")))
        }
        EventKind::PostStarts { unit: u, title } => {
            format!("post {} of {} starts", escape_markdown(title), unit(u))
        }
        EventKind::PostEnds {
            unit: u,
            title,
            last_day,
        } => format!(
            "post {} of {} has ended (last day {last_day})",
            escape_markdown(title),
            unit(u)
        ),
        EventKind::LinkStarts { from, to } => {
            format!("dotted line from {} to {} starts", unit(from), unit(to))
        }
        EventKind::LinkEnds { from, to, last_day } => format!(
            "dotted line from {} to {} has ended (last day {last_day})",
            unit(from),
            unit(to)
        ),
        EventKind::Transfer { task, from, to } => format!(
            "task {} moves from {} to {}",
            escape_markdown(task),
            unit(from),
            unit(to)
        ),
        EventKind::BodyStarts { id, name } => {
            format!("body `{id}` ({}) starts", escape_markdown(name))
        }
        EventKind::BodyEnds { id, name, last_day } => format!(
            "body `{id}` ({}) has ended (last day {last_day})",
            escape_markdown(name)
        ),
    }
}
