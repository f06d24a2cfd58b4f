//! Warnings: things that are allowed but worth a look.

use super::{Organisation, Placement};
use crate::diagnostics::{Code, Diagnostic};

/// `` `ID` (name) ``, for a message.
struct Name<'a>(&'a str, &'a str);

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` ({})", self.0, self.1)
    }
}

/// Every warning for a valid organisation, before the `allow` list applies.
pub fn warnings(org: &Organisation) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in org.preorder(org.root) {
        let unit = &org.units[u];
        // Made into text only for a unit with a warning.
        let name = Name(&unit.id, &unit.name);
        if let Some(head) = unit.head().filter(|h| h.vacant) {
            out.push(
                Diagnostic::new(Code::VacantHead, format!("the head post \"{}\" of {name} is vacant", head.title))
                    .at(head.span.clone(), "vacant head post")
                    .help("this is only a reminder; it disappears when the post is filled (remove `vacant = true`)"),
            );
        }
        let span = unit
            .children
            .iter()
            .filter(|&&c| org.kind_of(c).placement != Placement::Affiliated)
            .count();
        if let Some(max) = org.limits.max_span.filter(|&m| span > m) {
            out.push(
                Diagnostic::new(
                    Code::SpanOfControl,
                    format!("{name} has {span} direct sub-units, more than the limit of {max}"),
                )
                .at(unit.span.clone(), format!("{span} sub-units"))
                .help("group some sub-units under an intermediate unit, or raise `max_span` in [organisation.limits]"),
            );
        }
        if let Some(max) = org.limits.max_depth.filter(|&m| unit.depth > m) {
            out.push(
                Diagnostic::new(
                    Code::TooDeep,
                    format!(
                        "{name} lies {} levels below the top unit, deeper than the limit of {max}",
                        unit.depth
                    ),
                )
                .at(unit.span.clone(), format!("level {}", unit.depth))
                .help("attach the unit higher up, or raise `max_depth` in [organisation.limits]"),
            );
        }
        if unit.total_fte.is_zero() {
            out.push(
                Diagnostic::new(Code::NoFte, format!("{name} has no FTE, neither itself nor in its sub-units"))
                    .at(unit.span.clone(), "0 FTE")
                    .help("add `fte = …` or posts to the unit, or allow the warning with `allow = [\"no-fte\"]` in [organisation.warnings]"),
            );
        }
    }
    for t in &org.transfers {
        let to = &org.units[t.to];
        if !to
            .tasks
            .iter()
            .any(|task| task.eq_ignore_ascii_case(&t.task))
        {
            out.push(
                Diagnostic::new(
                    Code::TransferTaskMissing,
                    format!("the task \"{}\" moves to `{}` ({}), which does not list it among its tasks", t.task, to.id, to.name),
                )
                .at(t.span.clone(), "this task")
                .also(to.span.clone(), "receiving unit")
                .help(format!("add \"{}\" to `tasks` of unit `{}`", t.task, to.id)),
            );
        }
    }
    out
}
