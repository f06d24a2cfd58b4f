//! The reporting tree: the root, the parents, cycles and cut-off units, and
//! the FTE roll-up.

use std::collections::HashMap;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::units::Pending;
use super::{Absence, Builder, OrgHeader, did_you_mean};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::decode::Sp;
use crate::model::{Edge, Organisation, Placement, UnitId, UnitIds};

impl Builder<'_> {
    /// The unit `[organisation] root` names.
    pub(super) fn resolve_root(
        &mut self,
        org: &OrgHeader,
        pending: &[Pending],
        by_id: &UnitIds,
    ) -> Option<UnitId> {
        org.root.as_ref().and_then(|r| match by_id.get(r.value.as_str()) {
            Some(&u) => Some(u),
            None => {
                let mut d = Diagnostic::new(
                    Code::UnknownRoot,
                    format!(
                        "the top unit `{}` named in [organisation] is not defined",
                        r.value
                    ),
                )
                .at(r.span.clone(), "no unit has this id");
                let parentless: Vec<&str> = pending
                    .iter()
                    .filter(|p| p.parent.is_none())
                    .map(|p| p.unit.id.as_str())
                    .collect();
                d = match (did_you_mean(&r.value, pending.iter().map(|p| p.unit.id.as_str())), parentless.as_slice()) {
                    (Some(s), _) => d.help(format!("did you mean `{s}`?")),
                    (None, [only]) => d.help(format!("the only unit without a parent is `{only}`: did you mean `root = \"{only}\"`?")),
                    _ => d.help("name the id of the unit at the top, as written in its `[units.ID]` header"),
                };
                self.report(d);
                None
            }
        })
    }

    /// Sets each unit's parent. Returns, for each unit cut off from the top,
    /// the index of the diagnostic that says why.
    pub(super) fn link_parents(
        &mut self,
        pending: &mut [Pending],
        by_id: &UnitIds,
        root: Option<UnitId>,
    ) -> Vec<Option<usize>> {
        let mut cut_off: Vec<Option<usize>> = vec![None; pending.len()];
        for i in 0..pending.len() {
            let is_root = root == Some(i);
            // Nearly every unit names a parent that exists: linked without a copy.
            if !is_root
                && let Some(&p) = pending[i]
                    .parent
                    .as_ref()
                    .and_then(|parent| by_id.get(&parent.value))
            {
                pending[i].unit.parent = Some(p);
                continue;
            }
            let Some(parent) = pending[i].parent.clone() else {
                // Without a valid root, a unit without parent is most likely the
                // intended top unit: the unknown root says so already.
                if !is_root && !pending[i].damaged && root.is_some() {
                    let unit = &pending[i].unit;
                    let mut d = Diagnostic::new(
                        Code::MissingParent,
                        format!(
                            "unit `{}` ({}) has no parent, so it hangs loose from the organisation",
                            unit.id, unit.name
                        ),
                    )
                    .at(unit.span.clone(), "no `parent` for this unit");
                    d = match root {
                        Some(r) => d.help(format!(
                            "add `parent = \"…\"` with the id of the unit it reports to; only the top unit `{}` has no parent",
                            pending[r].unit.id
                        )),
                        None => d.help("add `parent = \"…\"` with the id of the unit it reports to"),
                    };
                    self.report(d);
                    cut_off[i] = Some(self.diagnostics.len() - 1);
                }
                continue;
            };
            if is_root {
                let unit = &pending[i].unit;
                self.report(
                    Diagnostic::new(
                        Code::RootHasParent,
                        format!("unit `{}` is the top unit of the organisation, so it cannot have a parent", unit.id),
                    )
                    .at(parent.span.clone(), "the top unit reports to nobody")
                    .help("remove this `parent` line, or make another unit the top one with `root = \"…\"` in [organisation]".to_string()),
                );
                continue;
            }
            match by_id.get(&parent.value) {
                Some(&p) => pending[i].unit.parent = Some(p),
                None if let Some(absence) = (self.elsewhere)(&parent.value) => {
                    let unit = &pending[i].unit;
                    let what = format!("unit `{}` ({}) reports to", unit.id, unit.name);
                    self.report(not_on_date(&what, &parent, &absence));
                    cut_off[i] = Some(self.diagnostics.len() - 1);
                }
                None => {
                    let unit = &pending[i].unit;
                    let mut d = Diagnostic::new(
                        Code::UnknownParent,
                        format!(
                            "unit `{}` ({}) reports to `{}`, but there is no unit with that id",
                            unit.id, unit.name, parent.value
                        ),
                    )
                    .at(parent.span.clone(), "unknown unit");
                    d = self.suggest_unit(d, &parent.value, pending);
                    self.report(d);
                    cut_off[i] = Some(self.diagnostics.len() - 1);
                }
            }
        }
        cut_off
    }

    pub(super) fn suggest_unit(
        &self,
        d: Diagnostic,
        word: &str,
        pending: &[Pending],
    ) -> Diagnostic {
        match did_you_mean(word, pending.iter().map(|p| p.unit.id.as_str())) {
            Some(s) => {
                let name = &pending
                    .iter()
                    .find(|p| p.unit.id == s)
                    .map(|p| p.unit.name.clone())
                    .unwrap_or_default();
                d.help(format!("did you mean `{s}` ({name})?"))
            }
            None => d.help("use the id of a unit, as written in its `[units.ID]` header"),
        }
    }

    pub(super) fn check_cycles(
        &mut self,
        graph: &DiGraph<UnitId, Edge>,
        pending: &[Pending],
        root: Option<UnitId>,
        cut_off: &mut [Option<usize>],
    ) {
        for component in kosaraju_scc(graph) {
            let is_cycle = component.len() > 1
                || component
                    .iter()
                    .any(|&n| pending[n.index()].unit.parent == Some(n.index()));
            if !is_cycle {
                continue;
            }
            // Walk the cycle along the parent lines, from its first written unit.
            let start = component.iter().map(|n| n.index()).min().unwrap_or(0);
            let mut cycle = vec![start];
            let mut current = start;
            while let Some(parent) = pending[current].unit.parent {
                if parent == start || cycle.len() > component.len() {
                    break;
                }
                cycle.push(parent);
                current = parent;
            }
            let first = &pending[start];
            let parent_span = first
                .parent
                .as_ref()
                .map(|p| p.span.clone())
                .unwrap_or(first.unit.span.clone());
            let mut d = Diagnostic::new(
                Code::Cycle,
                if cycle.len() == 1 {
                    format!(
                        "unit `{}` ({}) reports to itself",
                        first.unit.id, first.unit.name
                    )
                } else {
                    let ids: Vec<&str> =
                        cycle.iter().map(|&u| pending[u].unit.id.as_str()).collect();
                    format!(
                        "these units report to each other in a circle: {}",
                        circle_text(&ids)
                    )
                },
            )
            .at(
                parent_span,
                format!(
                    "`{}` reports to `{}`",
                    first.unit.id,
                    pending[cycle.get(1).copied().unwrap_or(start)].unit.id
                ),
            );
            // Point at the parent lines of the units the message names; a
            // circle of thousands would bury the diagnostic in its own lines.
            for (i, &u) in cycle.iter().enumerate().skip(1) {
                if !circle_shows(i, cycle.len()) {
                    continue;
                }
                if let Some(p) = &pending[u].parent {
                    d = d.also(
                        p.span.clone(),
                        format!("`{}` reports to `{}`", pending[u].unit.id, p.value),
                    );
                }
            }
            let root_hint = root
                .map(|r| format!(" (the top unit is `{}`)", pending[r].unit.id))
                .unwrap_or_default();
            d = d
                .note("every unit must reach the top unit by following its parents, and a circle never does")
                .help(format!("change the `parent` of one of these units to a unit above them{root_hint}"));
            self.report(d);
            for &u in &cycle {
                cut_off[u] = Some(self.diagnostics.len() - 1);
            }
        }
        // Units hanging below a problem already reported are cut off too; say
        // so on that problem instead of repeating it for every unit.
        let Some(root) = root else { return };
        let mut reaches = vec![false; pending.len()];
        let mut dfs = petgraph::visit::Dfs::new(graph, petgraph::graph::NodeIndex::new(root));
        while let Some(n) = dfs.next(graph) {
            reaches[n.index()] = true;
        }
        // The reported problem each unit hangs below, found once per unit:
        // a walk up stops at the first unit whose answer is known.
        let mut hangs_below: Vec<Option<Option<usize>>> = vec![None; pending.len()];
        let mut walked = Vec::new();
        let mut below: HashMap<usize, Vec<UnitId>> = HashMap::new();
        for i in 0..pending.len() {
            if reaches[i] || cut_off[i].is_some() || pending[i].damaged {
                continue;
            }
            let mut current = i;
            let found = loop {
                if let Some(known) = hangs_below[current] {
                    break known;
                }
                if let Some(diagnostic) = cut_off[current] {
                    break Some(diagnostic);
                }
                // Every circle is cut off above, so the walk ends; the bound
                // is a guard, not a limit that is ever reached.
                match pending[current].unit.parent {
                    Some(parent) if walked.len() <= pending.len() => {
                        walked.push(current);
                        current = parent;
                    }
                    _ => break None,
                }
            };
            for u in walked.drain(..) {
                hangs_below[u] = Some(found);
            }
            hangs_below[current].get_or_insert(found);
            if let Some(diagnostic) = found {
                below.entry(diagnostic).or_default().push(i);
            }
        }
        for (diagnostic, mut units) in below {
            units.sort();
            let names: Vec<String> = units
                .iter()
                .take(10)
                .map(|&u| format!("`{}`", pending[u].unit.id))
                .collect();
            let more = if units.len() > 10 {
                format!(" and {} more", units.len() - 10)
            } else {
                String::new()
            };
            self.diagnostics[diagnostic].notes.push(format!(
                "{} unit(s) below it are cut off from the organisation too: {}{more}",
                units.len(),
                names.join(", ")
            ));
        }
    }
}

/// Units of a circle named in full before it is shortened.
const CIRCLE_SHOWN: usize = 8;

/// Is the `i`-th unit of a circle of `len` named in its message? All of a
/// short circle; the first five and the last two of a long one.
fn circle_shows(i: usize, len: usize) -> bool {
    len <= CIRCLE_SHOWN || i < 5 || i + 2 >= len
}

/// The circle as `a` → `b` → … → `a`, shortened in the middle when long:
/// "`u1` → `u2` → … 99,993 more … → `u1`".
fn circle_text(ids: &[&str]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if circle_shows(i, ids.len()) {
            parts.push(format!("`{id}`"));
        } else if i == 5 {
            parts.push(format!("… {} more …", thousands(ids.len() - 7)));
        }
    }
    if let Some(first) = ids.first() {
        parts.push(format!("`{first}`"));
    }
    parts.join(" → ")
}

/// 99996 → "99,996".
fn thousands(n: usize) -> String {
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

/// The reporting lines as a graph: node i is unit i, edges parent → child.
pub(super) fn reporting_graph(pending: &[Pending]) -> DiGraph<UnitId, Edge> {
    let mut graph: DiGraph<UnitId, Edge> = DiGraph::with_capacity(pending.len(), pending.len());
    for i in 0..pending.len() {
        graph.add_node(i);
    }
    for (i, p) in pending.iter().enumerate() {
        if let Some(parent) = p.unit.parent {
            graph.add_edge(NodeIndex::new(parent), NodeIndex::new(i), Edge::ReportsTo);
        }
    }
    graph
}

/// Depths and total FTE, bottom-up, without recursion.
pub(super) fn roll_up(org: &mut Organisation) {
    let order = org.preorder(org.root);
    for &u in &order {
        org.units[u].depth = org.units[u].parent.map_or(0, |p| org.units[p].depth + 1);
    }
    for &u in order.iter().rev() {
        let mut total = org.units[u].own_fte;
        for &c in &org.units[u].children {
            if org.kinds[org.units[c].kind].placement != Placement::Affiliated {
                total += org.units[c].total_fte;
            }
        }
        org.units[u].total_fte = total;
    }
}

/// "… reports to `welzijn`, which ends on 2018-12-31", pointing at the
/// reference and at the date that ends (or starts) the unit named.
pub(crate) fn not_on_date(what: &str, named: &Sp<String>, absence: &Absence) -> Diagnostic {
    let (verb, label, help) = if absence.ended {
        (
            "ends",
            format!("`{}` ends here", named.value),
            "name the unit that takes over from it, or let the two end on the same day",
        )
    } else {
        (
            "starts",
            format!("`{}` starts here", named.value),
            "date this from the same day on, or let the other unit start earlier",
        )
    };
    Diagnostic::new(
        Code::NotOnDate,
        format!(
            "{what} `{}` ({}), which {verb} on {}",
            named.value, absence.name, absence.bound.value
        ),
    )
    .at(named.span.clone(), "does not exist on this date")
    .also(absence.bound.span.clone(), label)
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_circle_is_shortened_in_the_middle() {
        let ids: Vec<String> = (1..=100_000).map(|i| format!("u{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(
            circle_text(&ids),
            "`u1` → `u2` → `u3` → `u4` → `u5` → … 99,993 more … → `u99999` → `u100000` → `u1`"
        );
        assert_eq!(circle_text(&ids[..3]), "`u1` → `u2` → `u3` → `u1`");
        let eight = circle_text(&ids[..8]);
        assert!(eight.ends_with("`u7` → `u8` → `u1`") && !eight.contains('…'));
        assert!(circle_text(&ids[..9]).contains("… 2 more …"));
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
