//! The staff handbook as a page model, shared by the Markdown and HTML renderers.
//!
//! [`Handbook::build`] decides which pages exist and in which reading order;
//! [`Handbook::page`] makes one page's content when a renderer asks for it, so
//! that a large organisation's handbook is never all in memory. It knows
//! nothing of file formats. A page is named by its *path*: a slash-separated
//! name without extension (`index`, `units/dirsa`, `pages/missie`); each
//! renderer adds its own extension and makes links relative.
//!
//! Nothing here is recursive on the depth of the tree or quadratic in a span
//! or a depth: breadcrumbs and the navigation are bounded (see [`nav`]), and a
//! unit with very many sub-units gets list pages.

pub mod anchors;
mod builder;
pub mod chart;
pub mod labels;
pub mod model;
pub mod nav;
pub mod pages;
pub mod search;
pub mod text;
pub mod timeline;

use crate::model::{Locale, Organisation, UnitId};
use crate::output::names;

pub use labels::Labels;
pub use model::*;
pub use pages::FreePage;
pub use text::Rich;

use builder::Builder;

/// Levels of sub-units drawn on a unit's own chart.
pub const UNIT_CHART_DEPTH: usize = 2;

/// A unit with more direct sub-units than this lists the first of them on
/// its page and all of them on list pages.
pub const LIST_THRESHOLD: usize = 100;
/// Sub-units on one list page.
pub const LIST_PAGE_SIZE: usize = 500;

/// Paths of the fixed pages.
pub const INDEX: &str = "index";
pub const TASKS: &str = "tasks";
pub const FTE: &str = "fte";
pub const BODIES: &str = "bodies";

/// The page of a unit: `units/<file name>`.
pub fn unit_path(org: &Organisation, unit: UnitId) -> String {
    format!("units/{}", names::stem(&org.units[unit].id))
}

/// The `part`-th (0-based) list page of a unit's sub-units.
pub fn list_path(org: &Organisation, unit: UnitId, part: usize) -> String {
    format!("lists/{}-{}", names::stem(&org.units[unit].id), part + 1)
}

/// How many list pages a unit has (0 for most).
pub fn list_count(org: &Organisation, unit: UnitId) -> usize {
    let n = org.units[unit].children.len();
    if n > LIST_THRESHOLD {
        n.div_ceil(LIST_PAGE_SIZE)
    } else {
        0
    }
}

/// What a page is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageOf {
    Index,
    Free(usize),
    Unit(UnitId),
    /// A unit's `n`-th list page of sub-units.
    List(UnitId, usize),
    Tasks,
    Fte,
    Bodies,
    Timeline,
}

/// A page in the reading order, before its content is made.
#[derive(Clone, Debug)]
pub struct PageSpec {
    pub path: String,
    pub title: String,
    pub of: PageOf,
}

/// The whole handbook: its pages in reading order, and what they share.
pub struct Handbook<'a> {
    pub(crate) org: &'a Organisation,
    free: &'a [FreePage],
    /// The organisation's name.
    pub title: String,
    pub short: Option<String>,
    pub public: bool,
    /// The print files the build writes beside the charts, so that pages
    /// link only to files that exist (`serve` leaves them out by default).
    pub downloads: Downloads,
    pub locale: Locale,
    pub labels: &'static Labels,
    /// Every page in reading order (the order of previous/next and of SUMMARY.md).
    pub pages: Vec<PageSpec>,
    /// Free pages, overview pages: title and path, in order, for navigation.
    pub free_pages: Vec<PageRef>,
    pub overview_pages: Vec<PageRef>,
    builder: Builder<'a>,
}

/// Which print files a build writes: the booklet of every chart, and with
/// `chart_pdfs` also a PDF beside each chart's SVG (`svg/<id>.pdf`); a PNG
/// of each chart (`png/<id>.png`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Downloads {
    pub pdf: bool,
    pub png: bool,
    /// A PDF of its own for every chart. Without, a chart's PDF link leads
    /// to its page in the booklet, which holds the very same page.
    pub chart_pdfs: bool,
}

impl<'a> Handbook<'a> {
    pub fn build(org: &'a Organisation, free: &'a [FreePage], public: bool) -> Handbook<'a> {
        let labels = labels::for_locale(org.locale);
        let mut pages = vec![PageSpec {
            path: INDEX.into(),
            title: org.name.clone(),
            of: PageOf::Index,
        }];
        for (i, p) in free.iter().enumerate() {
            pages.push(PageSpec {
                path: p.path.clone(),
                title: p.title.clone(),
                of: PageOf::Free(i),
            });
        }
        for u in org.preorder(org.root) {
            let name = &org.units[u].name;
            pages.push(PageSpec {
                path: unit_path(org, u),
                title: name.clone(),
                of: PageOf::Unit(u),
            });
            for part in 0..list_count(org, u) {
                pages.push(PageSpec {
                    path: list_path(org, u, part),
                    title: format!("{} {} ({})", labels.subunits, name, part + 1),
                    of: PageOf::List(u, part),
                });
            }
        }
        let mut overview = vec![
            (TASKS, labels.who_does_what, PageOf::Tasks),
            (FTE, labels.fte_overview, PageOf::Fte),
        ];
        if !org.bodies.is_empty() {
            overview.push((BODIES, labels.bodies, PageOf::Bodies));
        }
        if !org.history.events.is_empty() {
            overview.push((timeline::TIMELINE, labels.timeline, PageOf::Timeline));
        }
        let mut overview_pages = Vec::new();
        for (path, title, of) in overview {
            overview_pages.push(PageRef {
                title: title.into(),
                path: path.into(),
            });
            pages.push(PageSpec {
                path: path.into(),
                title: title.into(),
                of,
            });
        }
        Handbook {
            org,
            free,
            title: org.name.clone(),
            short: org.short.clone(),
            public,
            downloads: Downloads::default(),
            locale: org.locale,
            labels,
            free_pages: free
                .iter()
                .map(|p| PageRef {
                    title: p.title.clone(),
                    path: p.path.clone(),
                })
                .collect(),
            overview_pages,
            pages,
            builder: Builder::new(org, labels, public),
        }
    }

    /// The first of the overview pages (tasks, FTE, ...), which come after
    /// all others in the reading order and each list every unit.
    pub fn overviews_from(&self) -> usize {
        self.pages.len() - self.overview_pages.len()
    }

    fn page_ref(&self, i: usize) -> PageRef {
        PageRef {
            title: self.pages[i].title.clone(),
            path: self.pages[i].path.clone(),
        }
    }

    /// The `i`-th page of the reading order, with its content.
    pub fn page(&self, i: usize) -> Page {
        let spec = &self.pages[i];
        let b = &self.builder;
        let home = vec![self.page_ref(0)];
        let (breadcrumb, unit, content) = match spec.of {
            PageOf::Index => (vec![], None, Content::Index(b.index())),
            PageOf::Free(f) => (
                home,
                None,
                Content::Free(FreePageContent {
                    body: self.free[f].body.clone(),
                }),
            ),
            PageOf::Unit(u) => (
                nav::breadcrumb(self.org, u, false),
                Some(u),
                Content::Unit(Box::new(b.unit(u))),
            ),
            PageOf::List(u, part) => (
                nav::breadcrumb(self.org, u, true),
                Some(u),
                Content::List(b.list(u, part)),
            ),
            PageOf::Tasks => (home, None, Content::Tasks(b.tasks())),
            PageOf::Fte => (home, None, Content::Fte(b.fte_page())),
            PageOf::Bodies => (home, None, Content::Bodies(b.bodies())),
            PageOf::Timeline => (
                home,
                None,
                Content::Timeline(timeline::page(self.org, self.labels)),
            ),
        };
        Page {
            path: spec.path.clone(),
            title: spec.title.clone(),
            breadcrumb,
            prev: i.checked_sub(1).map(|j| self.page_ref(j)),
            next: (i + 1 < self.pages.len()).then(|| self.page_ref(i + 1)),
            open: nav::open(self.org, unit),
            current_unit: unit.map(|u| self.org.units[u].id.clone()),
            content,
        }
    }

    /// What the search finds.
    pub fn search(&self) -> search::Index {
        search::index(self.org, self.free, self.labels, self.public)
    }

    /// The lines of mdBook's `SUMMARY.md` for the unit pages.
    pub fn summary(&self) -> Vec<SummaryEntry> {
        nav::summary(self)
    }
}
