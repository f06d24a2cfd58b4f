//! The organisation over time: from the dated definitions to the
//! organisation on one date, a pure step before validation.
//!
//! A unit keeps one id across its history: `from`/`until` bound its life and
//! its `[[units.ID.changes]]` replace keys from their date on. Resolving a
//! date filters what exists on it and applies the changes; the result is an
//! ordinary, undated organisation that the existing rules check. `rules`
//! checks the dates themselves, `sweep` checks every date on which anything
//! starts, ends or changes, `events` lists those changes for the timeline.

mod events;
mod rules;
mod sweep;

use std::collections::{BTreeMap, HashMap};

use super::build::Absence;
use super::date::Date;
use super::decode::{RawOrg, RawUnit, Sp};

pub use events::{Event, EventKind, UnitRef, timeline};
pub(crate) use sweep::check_every_date;

/// What starts, ends or changes on one date (indices into the raw lists).
#[derive(Debug, Default)]
struct Touched {
    /// Units with any event: their life, a change, one of their posts.
    units: Vec<usize>,
    /// Units that start or end on this date.
    existence: Vec<usize>,
    links: Vec<usize>,
}

/// The dated definitions, indexed for resolving dates.
struct Index<'r> {
    raw: &'r RawOrg,
    /// Unit id → its definitions (more than one only for a duplicate id).
    by_id: HashMap<&'r str, Vec<usize>>,
    /// Unit id → the units that name it as parent on some date.
    children: HashMap<&'r str, Vec<usize>>,
    links_of: HashMap<&'r str, Vec<usize>>,
    transfers_of: HashMap<&'r str, Vec<usize>>,
    events: BTreeMap<Date, Touched>,
}

/// Which definitions take part in a partial check.
struct Selection {
    units: Vec<bool>,
    links: Vec<bool>,
    transfers: Vec<bool>,
}

impl<'r> Index<'r> {
    fn new(raw: &'r RawOrg) -> Index<'r> {
        let mut index = Index {
            raw,
            by_id: HashMap::new(),
            children: HashMap::new(),
            links_of: HashMap::new(),
            transfers_of: HashMap::new(),
            events: BTreeMap::new(),
        };
        for (i, u) in raw.units.iter().enumerate() {
            index.by_id.entry(&u.id.value).or_default().push(i);
            let parents = u
                .parent
                .iter()
                .chain(u.changes.iter().filter_map(|c| c.parent.as_ref()));
            for p in parents {
                index.children.entry(&p.value).or_default().push(i);
            }
            for day in [bound_from(&u.life.from), bound_after(&u.life.until)]
                .into_iter()
                .flatten()
            {
                let t = index.events.entry(day).or_default();
                t.units.push(i);
                t.existence.push(i);
            }
            let post_days = u
                .posts
                .iter()
                .flat_map(|p| [bound_from(&p.life.from), bound_after(&p.life.until)]);
            let change_days = u.changes.iter().map(|c| bound_from(&c.from));
            for day in post_days.chain(change_days).flatten() {
                index.events.entry(day).or_default().units.push(i);
            }
        }
        for (i, l) in raw.links.iter().enumerate() {
            for end in l.from.iter().chain(&l.to) {
                index.links_of.entry(&end.value).or_default().push(i);
            }
            for day in [bound_from(&l.life.from), bound_after(&l.life.until)]
                .into_iter()
                .flatten()
            {
                index.events.entry(day).or_default().links.push(i);
            }
        }
        for (i, t) in raw.transfers.iter().enumerate() {
            for end in t.from.iter().chain(&t.to) {
                index.transfers_of.entry(&end.value).or_default().push(i);
            }
        }
        for b in &raw.bodies {
            let lives = std::iter::once(&b.life).chain(b.relations.iter().map(|r| &r.life));
            for life in lives {
                for day in [bound_from(&life.from), bound_after(&life.until)]
                    .into_iter()
                    .flatten()
                {
                    index.events.entry(day).or_default();
                }
            }
        }
        index
    }

    fn exists(&self, id: &str, date: Date) -> bool {
        self.by_id
            .get(id)
            .is_some_and(|all| all.iter().any(|&i| self.raw.units[i].life.contains(date)))
    }

    /// Why `id` names no unit on `date`, when it names one on other dates.
    fn absence(&self, id: &str, date: Date) -> Option<Absence> {
        let all = self.by_id.get(id)?;
        if self.exists(id, date) {
            return None;
        }
        let unit = &self.raw.units[all[0]];
        let name = unit.name.as_ref().map_or(id, |n| &n.value).to_string();
        let (bound, ended) = match (&unit.life.until, &unit.life.from) {
            (Some(until), _) if until.value < date => (until.clone(), true),
            (_, Some(from)) => (from.clone(), false),
            _ => return None,
        };
        Some(Absence { name, bound, ended })
    }

    /// The organisation on `date`: what exists on it, with the changes up to
    /// it applied. With a selection, only the selected definitions.
    fn resolve(&self, date: Date, only: Option<&Selection>) -> RawOrg {
        let raw = self.raw;
        let picked = |list: fn(&Selection) -> &Vec<bool>, i: usize| only.is_none_or(|s| list(s)[i]);
        let units: Vec<Box<RawUnit>> = raw
            .units
            .iter()
            .enumerate()
            .filter(|&(i, u)| picked(|s| &s.units, i) && u.life.contains(date))
            .map(|(_, u)| Box::new(unit_on(u, date)))
            .collect();
        let links = raw
            .links
            .iter()
            .enumerate()
            .filter(|&(i, l)| picked(|s| &s.links, i) && l.life.contains(date))
            .map(|(_, l)| l.clone())
            .collect();
        // A transfer is history: it is shown on the dates both its units
        // exist (the giving unit often closes on the day the task moves); a
        // dated one is checked on its own day (see `rules`). Unknown ids stay
        // in, to be reported.
        let transfers = raw
            .transfers
            .iter()
            .enumerate()
            .filter(|&(i, _)| picked(|s| &s.transfers, i))
            .filter(|(_, t)| {
                [&t.from, &t.to].iter().all(|end| {
                    end.as_ref().is_none_or(|e| {
                        self.exists(&e.value, date) || !self.by_id.contains_key(e.value.as_str())
                    })
                })
            })
            .map(|(_, t)| t.clone())
            .collect();
        let bodies = raw
            .bodies
            .iter()
            .filter(|b| b.life.contains(date))
            .map(|b| {
                let mut b = b.clone();
                b.relations.retain(|r| r.life.contains(date));
                b
            })
            .collect();
        // A view is drawn on the dates its unit exists.
        let views = raw
            .views
            .iter()
            .filter(|v| {
                v.root.as_ref().is_none_or(|r| match only {
                    None => {
                        self.exists(&r.value, date) || !self.by_id.contains_key(r.value.as_str())
                    }
                    Some(s) => self.by_id.get(r.value.as_str()).is_some_and(|all| {
                        all.iter()
                            .any(|&i| s.units[i] && raw.units[i].life.contains(date))
                    }),
                })
            })
            .cloned()
            .collect();
        RawOrg {
            organisations: raw.organisations.clone(),
            outputs: raw.outputs.clone(),
            kinds: raw.kinds.clone(),
            units,
            links,
            transfers,
            bodies,
            views,
        }
    }

    /// What a check of `date` must look at to find every problem that is new
    /// on it: what changes, the units that depend on what starts or ends,
    /// the ends of links and transfers involved, and the chain of parents of
    /// all of these up to the top unit.
    fn selection(&self, date: Date, touched: &Touched) -> Selection {
        let raw = self.raw;
        let mut s = Selection {
            units: vec![false; raw.units.len()],
            links: vec![false; raw.links.len()],
            transfers: vec![false; raw.transfers.len()],
        };
        let mut seeds = touched.units.clone();
        let mut links = touched.links.clone();
        let mut transfers: Vec<usize> = Vec::new();
        for &u in &touched.existence {
            let id = raw.units[u].id.value.as_str();
            seeds.extend(self.children.get(id).into_iter().flatten());
            links.extend(self.links_of.get(id).into_iter().flatten());
            transfers.extend(self.transfers_of.get(id).into_iter().flatten());
        }
        let ends_of = |a: &Option<Sp<String>>, b: &Option<Sp<String>>, seeds: &mut Vec<usize>| {
            for end in a.iter().chain(b) {
                seeds.extend(self.by_id.get(end.value.as_str()).into_iter().flatten());
            }
        };
        for l in links {
            s.links[l] = true;
            ends_of(&raw.links[l].from, &raw.links[l].to, &mut seeds);
        }
        for t in transfers {
            s.transfers[t] = true;
            ends_of(&raw.transfers[t].from, &raw.transfers[t].to, &mut seeds);
        }
        if let Some(root) = raw.organisations.first().and_then(|o| o.root.as_ref()) {
            seeds.extend(self.by_id.get(root.value.as_str()).into_iter().flatten());
        }
        for seed in seeds {
            self.select_chain(seed, date, &mut s.units);
        }
        s
    }

    /// Selects a unit and its parents on `date`, up to one already selected.
    fn select_chain(&self, mut unit: usize, date: Date, selected: &mut [bool]) {
        loop {
            if selected[unit] {
                return;
            }
            selected[unit] = true;
            let u = &self.raw.units[unit];
            if !u.life.contains(date) {
                return;
            }
            let Some(parent) = parent_on(u, date) else {
                return;
            };
            let Some(all) = self.by_id.get(parent.value.as_str()) else {
                return;
            };
            let mut next = None;
            for &p in all {
                if self.raw.units[p].life.contains(date) {
                    match next {
                        None => next = Some(p),
                        Some(_) => selected[p] = true,
                    }
                }
            }
            match next {
                Some(p) => unit = p,
                None => return,
            }
        }
    }
}

/// The day something written with `from = D` starts to matter: D.
fn bound_from(from: &Option<Sp<Date>>) -> Option<Date> {
    from.as_ref().map(|d| d.value)
}

/// The day something written with `until = D` has ended: the day after D.
fn bound_after(until: &Option<Sp<Date>>) -> Option<Date> {
    until.as_ref().map(|d| d.value.next())
}

fn transfer_day(t: &super::decode::RawTransfer) -> Option<Date> {
    t.date.as_ref().and_then(|d| Date::from_toml(&d.value))
}

/// The parent a unit has on `date`.
fn parent_on(unit: &RawUnit, date: Date) -> Option<&Sp<String>> {
    let mut parent = unit.parent.as_ref();
    for c in &unit.changes {
        if c.from.as_ref().is_some_and(|f| f.value <= date)
            && let Some(p) = &c.parent
        {
            parent = Some(p);
        }
    }
    parent
}

/// A unit as it is on `date`: its changes up to then applied, its posts of
/// that date. The result has no dates left.
fn unit_on(unit: &RawUnit, date: Date) -> RawUnit {
    let mut u = RawUnit {
        id: unit.id.clone(),
        name: unit.name.clone(),
        short: unit.short.clone(),
        kind: unit.kind.clone(),
        parent: unit.parent.clone(),
        fte: unit.fte.clone(),
        tags: unit.tags.clone(),
        tasks: unit.tasks.clone(),
        description: unit.description.clone(),
        posts: unit
            .posts
            .iter()
            .filter(|p| p.life.contains(date))
            .cloned()
            .collect(),
        life: Default::default(),
        changes: Vec::new(),
    };
    for c in &unit.changes {
        if c.from.as_ref().is_none_or(|f| f.value > date) {
            continue;
        }
        let replace = |to: &mut Option<Sp<String>>, from: &Option<Sp<String>>| {
            if from.is_some() {
                to.clone_from(from);
            }
        };
        replace(&mut u.parent, &c.parent);
        replace(&mut u.name, &c.name);
        replace(&mut u.short, &c.short);
        replace(&mut u.kind, &c.kind);
        if c.fte.is_some() {
            u.fte.clone_from(&c.fte);
        }
        if let Some(tags) = &c.tags {
            u.tags.clone_from(tags);
        }
    }
    u
}
