//! The content of each page, from the model.

use std::collections::{BTreeMap, BTreeSet};

use super::model::*;
use super::text::{self, Rich};
use super::{Labels, unit_path};
use crate::model::{Fte, HeadRule, Organisation, Placement, UnitId};

/// Makes the content of each page; indexes built once, so that each page
/// costs time in its own size only.
pub(super) struct Builder<'a> {
    org: &'a Organisation,
    labels: &'static Labels,
    public: bool,
    /// Per unit: the transfers and links it takes part in, by index.
    transfers: Vec<Vec<usize>>,
    links: Vec<Vec<usize>>,
    /// Per unit: vacancies in it and below it.
    vacancies: Vec<usize>,
}

impl<'a> Builder<'a> {
    pub fn new(org: &'a Organisation, labels: &'static Labels, public: bool) -> Builder<'a> {
        let n = org.units.len();
        let mut transfers = vec![Vec::new(); n];
        for (i, t) in org.transfers.iter().enumerate() {
            transfers[t.from].push(i);
            if t.to != t.from {
                transfers[t.to].push(i);
            }
        }
        let mut links = vec![Vec::new(); n];
        for (i, l) in org.links.iter().enumerate() {
            links[l.from].push(i);
            if l.to != l.from {
                links[l.to].push(i);
            }
        }
        let mut vacancies: Vec<usize> = org.units.iter().map(|u| u.vacancies().count()).collect();
        for &u in org.preorder(org.root).iter().rev() {
            if let Some(p) = org.units[u].parent {
                vacancies[p] += vacancies[u];
            }
        }
        Builder {
            org,
            labels,
            public,
            transfers,
            links,
            vacancies,
        }
    }

    fn count(&self, n: usize) -> String {
        text::count(self.org.locale, n)
    }

    fn fte(&self, fte: Fte) -> String {
        self.org.locale.format_fte(fte)
    }

    fn unit_ref(&self, u: UnitId) -> UnitRef {
        let unit = &self.org.units[u];
        UnitRef {
            id: unit.id.clone(),
            name: unit.name.clone(),
            short: unit.short.clone(),
            path: unit_path(self.org, u),
            kind: self.org.kind_of(u).label.clone(),
            own_fte: self.fte(unit.own_fte),
            total_fte: self.fte(unit.total_fte),
            depth: unit.depth,
        }
    }

    fn post(&self, post: &crate::model::Post) -> PostRow {
        PostRow {
            title: post.title.clone(),
            head: post.head,
            holder: if self.public {
                None
            } else {
                post.holder.clone()
            },
            fte: self.fte(post.fte),
            vacant: post.vacant,
        }
    }

    fn date(&self, date: &toml::value::Datetime) -> DateText {
        match date.date {
            Some(d) => {
                let month = self
                    .labels
                    .months
                    .get(usize::from(d.month).wrapping_sub(1))
                    .copied()
                    .unwrap_or("");
                DateText {
                    iso: format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
                    text: format!("{} {} {}", d.day, month, d.year),
                }
            }
            None => DateText {
                iso: String::new(),
                text: date.to_string(),
            },
        }
    }

    pub fn unit(&self, u: UnitId) -> UnitPage {
        let org = self.org;
        let unit = &org.units[u];
        let kind = org.kind_of(u);
        // A team of thousands: the first sub-units here, all on list pages.
        let lists = super::list_count(org, u);
        let shown = if lists > 0 {
            &unit.children[..super::LIST_THRESHOLD]
        } else {
            &unit.children[..]
        };
        let by_placement = |p: Placement| -> Vec<UnitRef> {
            shown
                .iter()
                .filter(|&&c| org.kind_of(c).placement == p)
                .map(|&c| self.unit_ref(c))
                .collect()
        };
        let transfers = || self.transfers[u].iter().map(|&i| &org.transfers[i]);
        let links = || self.links[u].iter().map(|&i| &org.links[i]);
        let transfer = |t: &crate::model::Transfer, other: UnitId| TransferRow {
            task: t.task.clone(),
            other: self.unit_ref(other),
            date: t.date.as_ref().map(|d| self.date(d)),
        };
        let link = |l: &crate::model::Link, other: UnitId| LinkRow {
            other: self.unit_ref(other),
            label: l.label.clone(),
            style: l.style.name(),
        };
        UnitPage {
            unit: self.unit_ref(u),
            kind_label: kind.label.clone(),
            placement: match kind.placement {
                Placement::Below => "below",
                Placement::Side => "side",
                Placement::Affiliated => "affiliated",
            },
            tags: unit.tags.clone(),
            parent: unit.parent.map(|p| self.unit_ref(p)),
            heads: unit
                .posts
                .iter()
                .filter(|p| p.head)
                .map(|p| self.post(p))
                .collect(),
            posts: unit.posts.iter().map(|p| self.post(p)).collect(),
            extra_fte: (!unit.extra_fte.is_zero()).then(|| self.fte(unit.extra_fte)),
            subunits: by_placement(Placement::Below),
            staff: by_placement(Placement::Side),
            affiliated: by_placement(Placement::Affiliated),
            lists: self.list_refs(u),
            child_count: self.count(unit.children.len()),
            tasks: unit.tasks.clone(),
            transfers_in: transfers()
                .filter(|t| t.to == u)
                .map(|t| transfer(t, t.from))
                .collect(),
            transfers_out: transfers()
                .filter(|t| t.from == u)
                .map(|t| transfer(t, t.to))
                .collect(),
            links_out: links()
                .filter(|l| l.from == u)
                .map(|l| link(l, l.to))
                .collect(),
            links_in: links()
                .filter(|l| l.to == u)
                .map(|l| link(l, l.from))
                .collect(),
            description: unit.description.as_deref().map(Rich::from_markdown),
            // A unit without sub-units would get a chart of its own box
            // alone, which shows nothing the page does not say in words.
            chart: lists == 0 && !unit.children.is_empty(),
            chart_depth: if unit.children.iter().any(|&c| super::list_count(org, c) > 0) {
                1
            } else {
                super::UNIT_CHART_DEPTH
            },
            chart_title: format!("{} {}", self.labels.chart_of, unit.name),
            history: super::timeline::unit_history(org, &unit.id, self.labels),
        }
    }

    pub fn index(&self) -> IndexPage {
        let org = self.org;
        let mut total_vacancies = 0;
        let divisions = org
            .divisions()
            .into_iter()
            .map(|d| {
                let vacancies = self.vacancies[d];
                DivisionRow {
                    unit: self.unit_ref(d),
                    head: org.units[d].head().map(|p| self.post(p)),
                    vacancies,
                }
            })
            .collect();
        total_vacancies += self.vacancies[org.root];
        let root = &org.units[org.root];
        IndexPage {
            description: root.description.as_deref().map(Rich::from_markdown),
            divisions,
            total_fte: self.fte(root.total_fte),
            total_vacancies,
            unit_count: org.units.len(),
            units_text: text::counted(
                org.locale,
                org.units.len(),
                self.labels.unit_one,
                self.labels.unit_many,
            ),
            vacancies_text: text::counted(
                org.locale,
                total_vacancies,
                self.labels.vacancy_one,
                self.labels.vacancy_many,
            ),
            chart_title: format!("{} {}", self.labels.chart_of, org.name),
        }
    }

    pub fn tasks(&self) -> TasksPage {
        let org = self.org;
        let mut entries: Vec<(String, String, String, UnitId)> = Vec::new();
        for u in org.preorder(org.root) {
            let mut seen = BTreeSet::new();
            for task in &org.units[u].tasks {
                if seen.insert(task.as_str()) {
                    entries.push((
                        text::sort_key(task),
                        task.clone(),
                        org.units[u].name.clone(),
                        u,
                    ));
                }
            }
        }
        entries.sort();
        let count = entries.len();
        let mut groups: Vec<LetterGroup> = Vec::new();
        for (key, task, _, u) in entries {
            let letter = key
                .chars()
                .next()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_uppercase().to_string())
                .unwrap_or_else(|| "#".into());
            let entry = TaskEntry {
                task,
                unit: self.unit_ref(u),
            };
            match groups.last_mut() {
                Some(g) if g.letter == letter => g.entries.push(entry),
                _ => groups.push(LetterGroup {
                    anchor: if letter == "#" {
                        "letter-other".into()
                    } else {
                        format!("letter-{}", letter.to_ascii_lowercase())
                    },
                    letter,
                    entries: vec![entry],
                }),
            }
        }
        // `#` sorts before letters by key; keep it last, as indexes do.
        if groups.first().is_some_and(|g| g.letter == "#") {
            let other = groups.remove(0);
            groups.push(other);
        }
        TasksPage { groups, count }
    }

    pub fn fte_page(&self) -> FtePage {
        let org = self.org;
        // Units whose FTE counts in the organisation's total: all but
        // affiliated entities and what lies below them, which stand apart.
        let mut counted = vec![false; org.units.len()];
        let mut apart_roots = Vec::new();
        let mut stack = vec![org.root];
        while let Some(u) = stack.pop() {
            counted[u] = true;
            for &c in &org.units[u].children {
                if org.kind_of(c).placement == Placement::Affiliated {
                    apart_roots.push(c);
                } else {
                    stack.push(c);
                }
            }
        }
        let order = org.preorder(org.root);
        // The table's rows: divisions and staff units; the other units
        // (services, teams) in one row, so that the own FTE adds up.
        let rows: Vec<UnitId> = order
            .iter()
            .copied()
            .filter(|&u| counted[u])
            .filter(|&u| {
                let kind = org.kind_of(u);
                kind.head == HeadRule::Required || kind.placement == Placement::Side
            })
            .collect();
        let rows_own: Fte = rows.iter().map(|&u| org.units[u].own_fte).sum();
        let total = org.units[org.root].total_fte;
        let counted_units = counted.iter().filter(|&&c| c).count();
        let others = counted_units - rows.len();
        let other = (others > 0).then(|| OtherRow {
            units: text::counted(
                org.locale,
                others,
                self.labels.unit_one,
                self.labels.unit_many,
            ),
            fte: self.fte(total - rows_own),
        });

        let mut per_tag: BTreeMap<String, (usize, Fte)> = BTreeMap::new();
        for u in (0..org.units.len()).filter(|&u| counted[u]) {
            let unit = &org.units[u];
            let tags: BTreeSet<&String> = unit.tags.iter().collect();
            let empty = String::new();
            for tag in if tags.is_empty() {
                vec![&empty]
            } else {
                tags.into_iter().collect()
            } {
                let e = per_tag.entry(tag.clone()).or_default();
                e.0 += 1;
                e.1 += unit.own_fte;
            }
        }
        let untagged = per_tag.remove("");
        let mut tags: Vec<TagRow> = per_tag
            .into_iter()
            .map(|(tag, (units, fte))| TagRow {
                tag,
                units,
                fte: self.fte(fte),
            })
            .collect();
        if let Some((units, fte)) = untagged {
            tags.push(TagRow {
                tag: self.labels.no_tag.into(),
                units,
                fte: self.fte(fte),
            });
        }
        let apart_units: usize = org.units.len() - counted_units;
        if apart_units > 0 {
            let fte: Fte = (0..org.units.len())
                .filter(|&u| !counted[u])
                .map(|u| org.units[u].own_fte)
                .sum();
            tags.push(TagRow {
                tag: self.labels.affiliated_apart.into(),
                units: apart_units,
                fte: self.fte(fte),
            });
        }
        FtePage {
            divisions: rows.iter().map(|&u| self.unit_ref(u)).collect(),
            other,
            sum_own: self.fte(total),
            tags,
            total: self.fte(total),
            affiliated: apart_roots.iter().map(|&u| self.unit_ref(u)).collect(),
            has_affiliated: !apart_roots.is_empty(),
            unit_count: self.count(org.units.len()),
        }
    }

    pub fn bodies(&self) -> BodiesPage {
        let org = self.org;
        let mut incoming: Vec<Vec<BodyRelation>> = vec![Vec::new(); org.bodies.len()];
        for from in &org.bodies {
            for r in &from.relations {
                if let Some(list) = incoming.get_mut(r.to) {
                    list.push(BodyRelation {
                        to_id: from.id.clone(),
                        to_name: from.name.clone(),
                        label: r.label.clone(),
                    });
                }
            }
        }
        BodiesPage {
            bodies: org
                .bodies
                .iter()
                .zip(incoming)
                .map(|(b, incoming)| BodyRow {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    short: b.short.clone(),
                    description: b
                        .description
                        .as_deref()
                        .map(|d| Rich::scoped(d, &format!("body-{}", b.id))),
                    relations: b
                        .relations
                        .iter()
                        .filter_map(|r| org.bodies.get(r.to).map(|to| (r, to)))
                        .map(|(r, to)| BodyRelation {
                            to_id: to.id.clone(),
                            to_name: to.name.clone(),
                            label: r.label.clone(),
                        })
                        .collect(),
                    incoming,
                })
                .collect(),
            has_chart: true,
        }
    }

    /// The list pages of `u`, titled by the numbers they hold.
    fn list_refs(&self, u: UnitId) -> Vec<PageRef> {
        let total = self.org.units[u].children.len();
        (0..super::list_count(self.org, u))
            .map(|part| {
                let first = part * super::LIST_PAGE_SIZE + 1;
                let last = ((part + 1) * super::LIST_PAGE_SIZE).min(total);
                PageRef {
                    title: format!("{}–{}", self.count(first), self.count(last)),
                    path: super::list_path(self.org, u, part),
                }
            })
            .collect()
    }

    pub fn list(&self, u: UnitId, part: usize) -> ListPage {
        let children = &self.org.units[u].children;
        let first = part * super::LIST_PAGE_SIZE;
        let last = ((part + 1) * super::LIST_PAGE_SIZE).min(children.len());
        ListPage {
            unit: self.unit_ref(u),
            first: self.count(first + 1),
            last: self.count(last),
            total: self.count(children.len()),
            units: children[first.min(last)..last]
                .iter()
                .map(|&c| self.unit_ref(c))
                .collect(),
            lists: self.list_refs(u),
        }
    }
}
