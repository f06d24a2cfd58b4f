//! Where a page sits: its breadcrumb, its navigation and mdBook's summary.
//!
//! All of it is bounded whatever the shape of the organisation, so that a
//! page of a chain thousands deep or of a team thousands wide stays small:
//! a breadcrumb shows the top, "…" and the last few levels; the navigation
//! shows the last few levels of the page's branch, a window of siblings on
//! each, and a "more" link to the full list.

use super::{Handbook, More, NavNode, PageOf, PageRef, SummaryEntry, list_path, unit_path};
use crate::model::{Organisation, UnitId};

/// Ancestors shown in a breadcrumb above the page itself (besides the top).
const CRUMBS: usize = 3;
/// Levels of a page's branch shown in its navigation (besides the top).
const TRAIL: usize = 1;
/// Siblings listed around the open entry on each level of the navigation.
const WINDOW: usize = 7;
/// Up to this many units and levels, every page carries the whole unit tree
/// (folded): a reader can browse the whole organisation from any page.
const FULL_UNITS: usize = 400;
const FULL_DEPTH: usize = 6;
/// Deepest nesting of `SUMMARY.md`; deeper pages are listed at this level.
const SUMMARY_DEPTH: usize = 8;

fn unit_ref(org: &Organisation, u: UnitId) -> PageRef {
    PageRef {
        title: org.units[u].name.clone(),
        path: unit_path(org, u),
    }
}

/// The units from `u` up, at most `n` of them, `u` first.
fn up(org: &Organisation, u: UnitId, n: usize) -> Vec<UnitId> {
    let mut out = Vec::with_capacity(n);
    let mut current = Some(u);
    while let Some(c) = current.filter(|_| out.len() < n) {
        out.push(c);
        current = org.units[c].parent;
    }
    out
}

/// Home, the top unit, "…" where levels are skipped, and the last ancestors
/// of `u`; with `include_unit` (a list page), `u` itself too.
pub fn breadcrumb(org: &Organisation, u: UnitId, include_unit: bool) -> Vec<PageRef> {
    let home = PageRef {
        title: org.name.clone(),
        path: super::INDEX.into(),
    };
    let start = if include_unit {
        Some(u)
    } else {
        org.units[u].parent
    };
    let Some(start) = start else {
        return vec![home];
    };
    let mut last = up(org, start, CRUMBS);
    last.reverse();
    let mut crumbs = vec![home];
    if last[0] != org.root {
        crumbs.push(unit_ref(org, org.root));
        if org.units[last[0]].parent != Some(org.root) {
            crumbs.push(PageRef {
                title: "…".into(),
                path: String::new(),
            });
        }
    }
    crumbs.extend(last.into_iter().map(|a| unit_ref(org, a)));
    crumbs
}

/// Ids of the units whose branch is open on the page of `unit`: its last
/// levels and the top (bounded).
pub fn open(org: &Organisation, unit: Option<UnitId>) -> Vec<String> {
    let mut ids: Vec<String> = match unit {
        Some(u) => up(org, u, FULL_DEPTH.max(TRAIL) + 1)
            .into_iter()
            .map(|a| org.units[a].id.clone())
            .collect(),
        None => vec![],
    };
    let root = &org.units[org.root].id;
    if !ids.contains(root) {
        ids.push(root.clone());
    }
    ids
}

fn leaf(org: &Organisation, u: UnitId) -> NavNode {
    NavNode {
        id: org.units[u].id.clone(),
        title: org.units[u].name.clone(),
        path: unit_path(org, u),
        children: Vec::new(),
        more: None,
    }
}

/// Whether every page carries the whole unit tree.
pub fn is_full(org: &Organisation) -> bool {
    org.units.len() <= FULL_UNITS && org.units.iter().all(|u| u.depth <= FULL_DEPTH)
}

/// The whole unit tree (for small organisations, see [`is_full`]); built
/// without recursion.
pub fn whole(org: &Organisation) -> NavNode {
    let order = org.preorder(org.root);
    let mut built: Vec<Option<NavNode>> = vec![None; org.units.len()];
    for &v in order.iter().rev() {
        let children = org.units[v]
            .children
            .iter()
            .filter_map(|&c| built[c].take())
            .collect();
        built[v] = Some(NavNode {
            children,
            ..leaf(org, v)
        });
    }
    built[org.root]
        .take()
        .unwrap_or_else(|| leaf(org, org.root))
}

/// A window of at most [`WINDOW`] of `u`'s sub-units around `keep` (or the
/// first ones), with `keep`'s entry replaced by `below`; the rest counted.
fn window(
    book: &Handbook,
    u: UnitId,
    keep: Option<UnitId>,
    mut below: Option<NavNode>,
) -> (Vec<NavNode>, Option<More>) {
    let org = book.org;
    let children = &org.units[u].children;
    let at = keep
        .and_then(|k| children.iter().position(|&c| c == k))
        .unwrap_or(0);
    // A "1 more" link would take the room of the one entry it hides.
    let shown = if children.len() <= WINDOW + 1 {
        children.len()
    } else {
        WINDOW
    };
    let start = at
        .saturating_sub(shown / 2)
        .min(children.len().saturating_sub(shown));
    let end = (start + shown).min(children.len());
    let nodes = children[start..end]
        .iter()
        .map(|&c| match below.take() {
            Some(b) if Some(c) == keep => b,
            other => {
                below = other;
                leaf(org, c)
            }
        })
        .collect();
    let hidden = children.len() - (end - start);
    let more = (hidden > 0).then(|| More {
        count: super::text::count(book.locale, hidden),
        path: if super::list_count(org, u) > 0 {
            list_path(org, u, 0)
        } else {
            unit_path(org, u)
        },
    });
    (nodes, more)
}

/// The navigation of a page about `unit` (or of another page, `None`): the
/// whole tree for a small organisation, else the top, "…", the last levels
/// of the page's branch, each with a window of its siblings, and the first
/// sub-units of the unit itself.
pub fn for_page(book: &Handbook, whole_tree: Option<&NavNode>, unit: Option<UnitId>) -> NavNode {
    if let Some(tree) = whole_tree {
        return tree.clone();
    }
    let org = book.org;
    let branch = match unit {
        Some(u) => up(org, u, TRAIL + 1),
        None => vec![org.root],
    };
    // From the page's unit up: each level's window, holding the one below.
    let mut below: Option<NavNode> = None;
    let mut keep: Option<UnitId> = None;
    for &a in &branch {
        let (children, more) = window(book, a, keep, below.take());
        below = Some(NavNode {
            children,
            more,
            ..leaf(org, a)
        });
        keep = Some(a);
    }
    let top = *branch.last().expect("a branch has a unit");
    let mut node = below.expect("a branch has a unit");
    if top == org.root {
        return node;
    }
    if org.units[top].parent != Some(org.root) {
        node = NavNode {
            id: String::new(),
            title: "…".into(),
            path: String::new(),
            children: vec![node],
            more: None,
        };
    }
    NavNode {
        children: vec![node],
        ..leaf(org, org.root)
    }
}

/// The unit pages and their list pages for `SUMMARY.md`, in reading order,
/// nested by depth up to `SUMMARY_DEPTH`.
pub fn summary(book: &Handbook) -> Vec<SummaryEntry> {
    let org = book.org;
    book.pages
        .iter()
        .filter_map(|p| match p.of {
            PageOf::Unit(u) => Some((org.units[u].depth, p)),
            PageOf::List(u, _) => Some((org.units[u].depth + 1, p)),
            _ => None,
        })
        .map(|(depth, p)| SummaryEntry {
            level: depth.min(SUMMARY_DEPTH),
            title: p.title.clone(),
            path: p.path.clone(),
        })
        .collect()
}
