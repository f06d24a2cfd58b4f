//! The staff handbook as a page model, shared by the Markdown and HTML renderers.
//!
//! [`Handbook::build`] decides which pages exist, in which reading order, and
//! what each one says; it knows nothing of file formats. A page is named by
//! its *path*: a slash-separated name without extension (`index`,
//! `units/dirsa`, `pages/missie`); each renderer adds its own extension and
//! makes links relative.

pub mod chart;
pub mod labels;
pub mod pages;
pub mod text;
pub mod timeline;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{Fte, HeadRule, Locale, Organisation, Placement, UnitId};

pub use labels::Labels;
pub use pages::FreePage;
pub use text::Rich;

/// Levels of sub-units drawn on a unit's own chart.
pub const UNIT_CHART_DEPTH: usize = 2;

/// The whole handbook, ready to render.
#[derive(Clone, Debug, Serialize)]
pub struct Handbook {
    /// The organisation's name.
    pub title: String,
    pub short: Option<String>,
    pub public: bool,
    #[serde(skip)]
    pub locale: Locale,
    #[serde(skip)]
    pub labels: &'static Labels,
    /// Every page in reading order (the order of previous/next and of SUMMARY.md).
    pub pages: Vec<Page>,
    /// The unit tree for the navigation.
    pub tree: NavNode,
    /// Free pages, overview pages: title and path, in order, for navigation.
    pub free_pages: Vec<PageRef>,
    pub overview_pages: Vec<PageRef>,
    /// What the search finds.
    pub search: Vec<SearchEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PageRef {
    pub title: String,
    pub path: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NavNode {
    pub id: String,
    pub title: String,
    pub path: String,
    pub children: Vec<NavNode>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Page {
    pub path: String,
    pub title: String,
    /// Links from the top page down to this page's parent.
    pub breadcrumb: Vec<PageRef>,
    pub prev: Option<PageRef>,
    pub next: Option<PageRef>,
    /// Ids of the units whose navigation branch is open on this page.
    pub open: Vec<String>,
    /// The unit this page is about, if any (for the navigation).
    pub current_unit: Option<String>,
    pub content: Content,
}

/// What a page shows; the renderer picks the template by `kind`.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    Index(IndexPage),
    Unit(Box<UnitPage>),
    Tasks(TasksPage),
    Fte(FtePage),
    Bodies(BodiesPage),
    Free(FreePageContent),
    Timeline(timeline::TimelinePage),
}

impl Content {
    pub fn template(&self) -> &'static str {
        match self {
            Content::Index(_) => "index",
            Content::Unit(_) => "unit",
            Content::Tasks(_) => "tasks",
            Content::Fte(_) => "fte",
            Content::Bodies(_) => "bodies",
            Content::Free(_) => "page",
            Content::Timeline(_) => "timeline",
        }
    }
}

/// A unit as others mention it.
#[derive(Clone, Debug, Serialize)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub path: String,
    pub kind: String,
    pub own_fte: String,
    pub total_fte: String,
    pub depth: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct PostRow {
    pub title: String,
    pub head: bool,
    /// `None` also on a public build.
    pub holder: Option<String>,
    pub fte: String,
    pub vacant: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct DateText {
    /// `2017-09-01`
    pub iso: String,
    /// `1 september 2017`
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TransferRow {
    pub task: String,
    /// The unit on the other side.
    pub other: UnitRef,
    pub date: Option<DateText>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkRow {
    pub other: UnitRef,
    pub label: Option<String>,
    pub style: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnitPage {
    pub unit: UnitRef,
    pub kind_label: String,
    pub placement: &'static str,
    pub tags: Vec<String>,
    pub parent: Option<UnitRef>,
    /// Head posts (at most one, by the rules) and the other posts.
    pub heads: Vec<PostRow>,
    pub posts: Vec<PostRow>,
    /// Staff counted in the unit's `fte` key, formatted, when not zero.
    pub extra_fte: Option<String>,
    pub subunits: Vec<UnitRef>,
    pub staff: Vec<UnitRef>,
    pub affiliated: Vec<UnitRef>,
    pub tasks: Vec<String>,
    pub transfers_in: Vec<TransferRow>,
    pub transfers_out: Vec<TransferRow>,
    pub links_out: Vec<LinkRow>,
    pub links_in: Vec<LinkRow>,
    pub description: Option<Rich>,
    /// The unit's own chart: its id, for the renderer to draw.
    pub chart: String,
    pub chart_title: String,
    /// The unit's dated changes, past and announced.
    pub history: timeline::UnitHistory,
}

#[derive(Clone, Debug, Serialize)]
pub struct DivisionRow {
    pub unit: UnitRef,
    pub head: Option<PostRow>,
    pub vacancies: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndexPage {
    pub description: Option<Rich>,
    pub divisions: Vec<DivisionRow>,
    pub total_fte: String,
    pub total_vacancies: usize,
    pub unit_count: usize,
    pub chart_title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TaskEntry {
    pub task: String,
    pub unit: UnitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct LetterGroup {
    /// `A`…`Z`, or `#` for the rest.
    pub letter: String,
    /// Anchor id.
    pub anchor: String,
    pub entries: Vec<TaskEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TasksPage {
    pub groups: Vec<LetterGroup>,
    pub count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct TagRow {
    pub tag: String,
    pub units: usize,
    pub fte: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FtePage {
    pub divisions: Vec<UnitRef>,
    pub tags: Vec<TagRow>,
    pub total: String,
    pub has_affiliated: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyRelation {
    pub to_id: String,
    pub to_name: String,
    pub label: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyRow {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub description: Option<Rich>,
    pub relations: Vec<BodyRelation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodiesPage {
    pub bodies: Vec<BodyRow>,
    pub has_chart: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct FreePageContent {
    pub body: Rich,
}

/// One search hit target.
#[derive(Clone, Debug, Serialize)]
pub struct SearchEntry {
    /// Title shown.
    pub t: String,
    /// Page path (no extension).
    pub p: String,
    /// Kind or page type, shown under the title.
    pub k: String,
    /// Further words searched: short name, tasks, heads, tags.
    pub w: Vec<String>,
    /// Description as plain text (shortened).
    pub d: String,
}

/// Paths of the fixed pages.
pub const INDEX: &str = "index";
pub const TASKS: &str = "tasks";
pub const FTE: &str = "fte";
pub const BODIES: &str = "bodies";

pub fn unit_path(org: &Organisation, unit: UnitId) -> String {
    format!("units/{}", org.units[unit].id)
}

impl Handbook {
    pub fn build(org: &Organisation, free: &[FreePage], public: bool) -> Handbook {
        let labels = labels::for_locale(org.locale);
        let b = Builder {
            org,
            labels,
            public,
        };
        let order = org.preorder(org.root);

        let mut pages: Vec<Page> = Vec::new();
        pages.push(b.page(INDEX, &org.name, vec![], None, Content::Index(b.index())));
        let home = PageRef {
            title: org.name.clone(),
            path: INDEX.into(),
        };
        for p in free {
            pages.push(b.page(
                &p.path,
                &p.title,
                vec![home.clone()],
                None,
                Content::Free(FreePageContent {
                    body: p.body.clone(),
                }),
            ));
        }
        for &u in &order {
            let mut crumbs = vec![home.clone()];
            let ancestry = org.ancestry(u);
            for &a in &ancestry[..ancestry.len() - 1] {
                crumbs.push(PageRef {
                    title: org.units[a].name.clone(),
                    path: unit_path(org, a),
                });
            }
            let mut page = b.page(
                &unit_path(org, u),
                &org.units[u].name,
                crumbs,
                Some(u),
                Content::Unit(Box::new(b.unit(u))),
            );
            page.open = ancestry.iter().map(|&a| org.units[a].id.clone()).collect();
            pages.push(page);
        }
        let overview = [
            (TASKS, labels.who_does_what, Content::Tasks(b.tasks())),
            (FTE, labels.fte_overview, Content::Fte(b.fte_page())),
        ];
        for (path, title, content) in overview {
            pages.push(b.page(path, title, vec![home.clone()], None, content));
        }
        if !org.bodies.is_empty() {
            pages.push(b.page(
                BODIES,
                labels.bodies,
                vec![home.clone()],
                None,
                Content::Bodies(b.bodies()),
            ));
        }
        if !org.history.events.is_empty() {
            pages.push(b.page(
                timeline::TIMELINE,
                labels.timeline,
                vec![home.clone()],
                None,
                Content::Timeline(timeline::page(org, labels)),
            ));
        }
        let refs: Vec<PageRef> = pages
            .iter()
            .map(|p| PageRef {
                title: p.title.clone(),
                path: p.path.clone(),
            })
            .collect();
        for (i, page) in pages.iter_mut().enumerate() {
            page.prev = i.checked_sub(1).map(|j| refs[j].clone());
            page.next = refs.get(i + 1).cloned();
        }
        let overview_pages = refs
            .iter()
            .filter(|r| [TASKS, FTE, BODIES, timeline::TIMELINE].contains(&r.path.as_str()))
            .cloned()
            .collect();
        let free_pages = free
            .iter()
            .map(|p| PageRef {
                title: p.title.clone(),
                path: p.path.clone(),
            })
            .collect();
        Handbook {
            title: org.name.clone(),
            short: org.short.clone(),
            public,
            locale: org.locale,
            labels,
            tree: b.nav(org.root),
            search: b.search(&order, free),
            pages,
            free_pages,
            overview_pages,
        }
    }
}

struct Builder<'a> {
    org: &'a Organisation,
    labels: &'static Labels,
    public: bool,
}

impl Builder<'_> {
    fn page(
        &self,
        path: &str,
        title: &str,
        breadcrumb: Vec<PageRef>,
        unit: Option<UnitId>,
        content: Content,
    ) -> Page {
        Page {
            path: path.into(),
            title: title.into(),
            breadcrumb,
            prev: None,
            next: None,
            open: vec![self.org.units[self.org.root].id.clone()],
            current_unit: unit.map(|u| self.org.units[u].id.clone()),
            content,
        }
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

    fn unit(&self, u: UnitId) -> UnitPage {
        let org = self.org;
        let unit = &org.units[u];
        let kind = org.kind_of(u);
        let by_placement = |p: Placement| -> Vec<UnitRef> {
            unit.children
                .iter()
                .filter(|&&c| org.kind_of(c).placement == p)
                .map(|&c| self.unit_ref(c))
                .collect()
        };
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
            tasks: unit.tasks.clone(),
            transfers_in: org
                .transfers
                .iter()
                .filter(|t| t.to == u)
                .map(|t| transfer(t, t.from))
                .collect(),
            transfers_out: org
                .transfers
                .iter()
                .filter(|t| t.from == u)
                .map(|t| transfer(t, t.to))
                .collect(),
            links_out: org
                .links
                .iter()
                .filter(|l| l.from == u)
                .map(|l| link(l, l.to))
                .collect(),
            links_in: org
                .links
                .iter()
                .filter(|l| l.to == u)
                .map(|l| link(l, l.from))
                .collect(),
            description: unit.description.as_deref().map(Rich::from_markdown),
            chart: unit.id.clone(),
            chart_title: format!("{} {}", self.labels.chart_of, unit.name),
            history: timeline::unit_history(org, &unit.id, self.labels),
        }
    }

    fn index(&self) -> IndexPage {
        let org = self.org;
        let mut total_vacancies = 0;
        let divisions = org
            .divisions()
            .into_iter()
            .map(|d| {
                let vacancies = org
                    .preorder(d)
                    .iter()
                    .map(|&u| org.units[u].vacancies().count())
                    .sum();
                DivisionRow {
                    unit: self.unit_ref(d),
                    head: org.units[d].head().map(|p| self.post(p)),
                    vacancies,
                }
            })
            .collect();
        for &u in &org.preorder(org.root) {
            total_vacancies += org.units[u].vacancies().count();
        }
        let root = &org.units[org.root];
        IndexPage {
            description: root.description.as_deref().map(Rich::from_markdown),
            divisions,
            total_fte: self.fte(root.total_fte),
            total_vacancies,
            unit_count: org.units.len(),
            chart_title: format!("{} {}", self.labels.chart_of, org.name),
        }
    }

    fn tasks(&self) -> TasksPage {
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

    fn fte_page(&self) -> FtePage {
        let org = self.org;
        let mut per_tag: BTreeMap<String, (usize, Fte)> = BTreeMap::new();
        let mut has_affiliated = false;
        // Units whose FTE counts in the organisation's total: not inside an affiliated entity.
        let mut stack = vec![org.root];
        while let Some(u) = stack.pop() {
            let unit = &org.units[u];
            if unit.tags.is_empty() {
                let e = per_tag.entry(String::new()).or_default();
                e.0 += 1;
                e.1 += unit.own_fte;
            }
            for tag in unit.tags.iter().collect::<BTreeSet<_>>() {
                let e = per_tag.entry(tag.clone()).or_default();
                e.0 += 1;
                e.1 += unit.own_fte;
            }
            for &c in &unit.children {
                if org.kind_of(c).placement == Placement::Affiliated {
                    has_affiliated = true;
                } else {
                    stack.push(c);
                }
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
        FtePage {
            divisions: org
                .preorder(org.root)
                .into_iter()
                .filter(|&u| org.kind_of(u).head == HeadRule::Required)
                .map(|u| self.unit_ref(u))
                .collect(),
            tags,
            total: self.fte(org.units[org.root].total_fte),
            has_affiliated,
        }
    }

    fn bodies(&self) -> BodiesPage {
        let org = self.org;
        BodiesPage {
            bodies: org
                .bodies
                .iter()
                .map(|b| BodyRow {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    short: b.short.clone(),
                    description: b.description.as_deref().map(Rich::from_markdown),
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
                })
                .collect(),
            has_chart: true,
        }
    }

    fn nav(&self, u: UnitId) -> NavNode {
        // Iterative build: depth is no risk to the stack.
        let org = self.org;
        let order = org.preorder(u);
        let mut built: BTreeMap<UnitId, NavNode> = BTreeMap::new();
        for &v in order.iter().rev() {
            let children = org.units[v]
                .children
                .iter()
                .filter_map(|c| built.remove(c))
                .collect();
            built.insert(
                v,
                NavNode {
                    id: org.units[v].id.clone(),
                    title: org.units[v].name.clone(),
                    path: unit_path(org, v),
                    children,
                },
            );
        }
        built.remove(&u).unwrap_or(NavNode {
            id: org.units[u].id.clone(),
            title: org.units[u].name.clone(),
            path: unit_path(org, u),
            children: vec![],
        })
    }

    fn search(&self, order: &[UnitId], free: &[FreePage]) -> Vec<SearchEntry> {
        let org = self.org;
        let mut out = Vec::new();
        for &u in order {
            let unit = &org.units[u];
            let mut words: Vec<String> = Vec::new();
            words.extend(unit.short.clone());
            words.extend(unit.tasks.iter().cloned());
            for post in &unit.posts {
                words.push(post.title.clone());
                if !self.public {
                    words.extend(post.holder.clone());
                }
            }
            words.extend(unit.tags.iter().cloned());
            out.push(SearchEntry {
                t: unit.name.clone(),
                p: unit_path(org, u),
                k: org.kind_of(u).label.clone(),
                w: words,
                d: unit
                    .description
                    .as_deref()
                    .map(|d| text::shorten(&text::plain(d), 240))
                    .unwrap_or_default(),
            });
        }
        for p in free {
            out.push(SearchEntry {
                t: p.title.clone(),
                p: p.path.clone(),
                k: self.labels.pages.into(),
                w: vec![],
                d: text::shorten(&p.plain, 240),
            });
        }
        out
    }
}
