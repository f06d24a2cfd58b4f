//! What changed between two versions of an organisation, matched by id.

mod chart;
mod report;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{Fte, Organisation, UnitId};

pub use chart::{DiffCharts, charts, page_href, write_pages};
pub use report::{Format, render};

/// A unit as the reviewer sees it in a report.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
    /// Names from the top unit down to this unit; deeper than
    /// [`PATH_SHOWN`] levels, shortened to the top unit, `… N more …` and the
    /// last levels.
    pub path: Vec<String>,
}

/// Levels of a place shown in full; a deeper one is shortened, so that a
/// report on a long chain of units grows with the units, not their square.
pub const PATH_SHOWN: usize = 8;

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Head {
    pub title: String,
    pub holder: Option<String>,
    pub vacant: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Change<T> {
    pub unit: UnitRef,
    pub old: T,
    pub new: T,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FteChange {
    pub unit: UnitRef,
    pub old_own: Fte,
    pub new_own: Fte,
    pub old_total: Fte,
    pub new_total: Fte,
}

/// A division's total before and after (`None`: not a division in that version).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DivisionFte {
    pub id: String,
    pub name: String,
    pub old: Option<Fte>,
    pub new: Option<Fte>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct TransferRef {
    pub task: String,
    pub from: String,
    pub to: String,
    pub date: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkRef {
    pub from: String,
    pub to: String,
    pub style: String,
    pub label: Option<String>,
}

/// Everything that differs between two organisations.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Diff {
    pub name_old: String,
    pub name_new: String,
    pub units_old: usize,
    pub units_new: usize,
    pub added: Vec<UnitRef>,
    pub removed: Vec<UnitRef>,
    pub renamed: Vec<Change<String>>,
    /// Parent changed: old and new path.
    pub moved: Vec<Change<Vec<String>>>,
    pub kind_changed: Vec<Change<String>>,
    pub head_changed: Vec<Change<Option<Head>>>,
    pub fte_changed: Vec<FteChange>,
    pub divisions: Vec<DivisionFte>,
    pub total_old: Fte,
    pub total_new: Fte,
    pub transfers_added: Vec<TransferRef>,
    pub transfers_removed: Vec<TransferRef>,
    pub links_added: Vec<LinkRef>,
    pub links_removed: Vec<LinkRef>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.moved.is_empty()
            && self.kind_changed.is_empty()
            && self.head_changed.is_empty()
            && self.fte_changed.is_empty()
            && self.transfers_added.is_empty()
            && self.transfers_removed.is_empty()
            && self.links_added.is_empty()
            && self.links_removed.is_empty()
    }

    /// How a unit fared, if its own figures or place changed, for charts.
    pub fn status_of(&self, id: &str) -> Option<Status> {
        self.statuses().get(id).copied()
    }

    /// Every unit whose own figures or place changed, by id: one pass over
    /// the lists rather than one per unit.
    pub fn statuses(&self) -> HashMap<&str, Status> {
        let mut out = HashMap::new();
        // Weakest first: a stronger status overwrites a weaker one.
        let changed = self
            .fte_changed
            .iter()
            .filter(|c| c.old_own != c.new_own)
            .map(|c| &c.unit)
            .chain(self.renamed.iter().map(|c| &c.unit))
            .chain(self.kind_changed.iter().map(|c| &c.unit))
            .chain(self.head_changed.iter().map(|c| &c.unit));
        for (units, status) in [
            (changed.collect::<Vec<_>>(), Status::Changed),
            (self.moved.iter().map(|c| &c.unit).collect(), Status::Moved),
            (self.removed.iter().collect(), Status::Removed),
            (self.added.iter().collect(), Status::Added),
        ] {
            for u in units {
                out.insert(u.id.as_str(), status);
            }
        }
        out
    }
}

/// How a unit fared between two versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Moved,
    Changed,
}

fn unit_ref(org: &Organisation, u: UnitId) -> UnitRef {
    UnitRef {
        id: org.units[u].id.clone(),
        name: org.units[u].name.clone(),
        path: path(org, u),
    }
}

/// The unit's place: names from the top unit down, shortened when deep.
/// Walks up at most [`PATH_SHOWN`] levels, whatever the depth.
fn path(org: &Organisation, u: UnitId) -> Vec<String> {
    let levels = org.units[u].depth + 1;
    let last = if levels <= PATH_SHOWN {
        levels
    } else {
        PATH_SHOWN - 2
    };
    let mut names = Vec::with_capacity(last + 2);
    let mut current = Some(u);
    for _ in 0..last {
        let Some(c) = current else { break };
        names.push(org.units[c].name.clone());
        current = org.units[c].parent;
    }
    if levels > PATH_SHOWN {
        names.push(format!("… {} more …", levels - last - 1));
        names.push(org.units[org.root].name.clone());
    }
    names.reverse();
    names
}

fn head(org: &Organisation, u: UnitId) -> Option<Head> {
    org.units[u].head().map(|p| Head {
        title: p.title.clone(),
        holder: p.holder.clone(),
        vacant: p.vacant,
    })
}

fn transfers(org: &Organisation) -> Vec<TransferRef> {
    let mut out: Vec<TransferRef> = org
        .transfers
        .iter()
        .map(|t| TransferRef {
            task: t.task.clone(),
            from: org.units[t.from].id.clone(),
            to: org.units[t.to].id.clone(),
            date: t.date.map(|d| d.to_string()),
        })
        .collect();
    out.sort();
    out
}

fn links(org: &Organisation) -> Vec<LinkRef> {
    let mut out: Vec<LinkRef> = org
        .links
        .iter()
        .map(|l| LinkRef {
            from: org.units[l.from].id.clone(),
            to: org.units[l.to].id.clone(),
            style: l.style.name().to_string(),
            label: l.label.clone(),
        })
        .collect();
    out.sort();
    out
}

/// Items of `a` not in `b` (both sorted).
fn minus<T: Ord + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter()
        .filter(|x| b.binary_search(x).is_err())
        .cloned()
        .collect()
}

/// Compares two organisations unit by unit (matched by id), in the new
/// organisation's tree order; removed units in the old one's.
pub fn diff(old: &Organisation, new: &Organisation) -> Diff {
    let mut d = Diff {
        name_old: old.name.clone(),
        name_new: new.name.clone(),
        units_old: old.units.len(),
        units_new: new.units.len(),
        total_old: old.units[old.root].total_fte,
        total_new: new.units[new.root].total_fte,
        ..Diff::default()
    };
    for u in new.preorder(new.root) {
        let unit = &new.units[u];
        let Some(o) = old.find(&unit.id) else {
            d.added.push(unit_ref(new, u));
            continue;
        };
        let before = &old.units[o];
        let here = unit_ref(new, u);
        if before.name != unit.name {
            d.renamed.push(Change {
                unit: here.clone(),
                old: before.name.clone(),
                new: unit.name.clone(),
            });
        }
        let parent_id =
            |org: &Organisation, x: UnitId| org.units[x].parent.map(|p| org.units[p].id.clone());
        if parent_id(old, o) != parent_id(new, u) {
            d.moved.push(Change {
                unit: here.clone(),
                old: path(old, o),
                new: path(new, u),
            });
        }
        let old_kind = &old.kinds[before.kind].label;
        let new_kind = &new.kinds[unit.kind].label;
        if old.kinds[before.kind].id != new.kinds[unit.kind].id {
            d.kind_changed.push(Change {
                unit: here.clone(),
                old: old_kind.clone(),
                new: new_kind.clone(),
            });
        }
        let (old_head, new_head) = (head(old, o), head(new, u));
        if old_head != new_head {
            d.head_changed.push(Change {
                unit: here.clone(),
                old: old_head,
                new: new_head,
            });
        }
        if before.own_fte != unit.own_fte || before.total_fte != unit.total_fte {
            d.fte_changed.push(FteChange {
                unit: here,
                old_own: before.own_fte,
                new_own: unit.own_fte,
                old_total: before.total_fte,
                new_total: unit.total_fte,
            });
        }
    }
    for u in old.preorder(old.root) {
        if new.find(&old.units[u].id).is_none() {
            d.removed.push(unit_ref(old, u));
        }
    }
    // Divisions of either version whose total changed, in the new tree order.
    let mut divisions: BTreeMap<String, DivisionFte> = BTreeMap::new();
    let mut order = Vec::new();
    for (org, is_new) in [(new, true), (old, false)] {
        for u in org.divisions() {
            let unit = &org.units[u];
            let entry = divisions.entry(unit.id.clone()).or_insert_with(|| {
                order.push(unit.id.clone());
                DivisionFte {
                    id: unit.id.clone(),
                    name: unit.name.clone(),
                    old: None,
                    new: None,
                }
            });
            if is_new {
                entry.new = Some(unit.total_fte);
            } else {
                entry.old = Some(unit.total_fte);
            }
        }
    }
    for id in order {
        if let Some(div) = divisions.remove(&id)
            && div.old != div.new
        {
            d.divisions.push(div);
        }
    }
    let (old_t, new_t) = (transfers(old), transfers(new));
    d.transfers_added = minus(&new_t, &old_t);
    d.transfers_removed = minus(&old_t, &new_t);
    let (old_l, new_l) = (links(old), links(new));
    d.links_added = minus(&new_l, &old_l);
    d.links_removed = minus(&old_l, &new_l);
    d
}
