//! The handbook's pages, in both books: each page's model and chart are
//! made once for its Markdown and its HTML file; pages are made on every
//! core, a bounded number ahead, and handed to the sink in order, so the
//! output is the same whatever the number of cores.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::Serde;

use super::html::SitePages;
use super::markdown::BookPages;
use crate::charts::BoxCache;
use crate::handbook::{Handbook, PageOf};
use crate::model::Organisation;
use crate::output::{Holdings, Key, KeyHasher, Nothing, Sink};

/// A file of a page, as made on a worker thread.
pub(crate) struct File {
    /// From the output folder's root (`html/units/dirsa.html`).
    pub path: String,
    pub key: Key,
    /// `None`: not made, since the sink holds the file for its key.
    pub content: Option<Result<Vec<u8>, String>>,
}

/// A page as both books make their file of it.
pub(crate) struct Made<'p> {
    pub page: &'p crate::handbook::Page,
    /// The hash of the page's model, which both files' keys start from.
    pub model_key: Key,
    /// Its chart as the page holds it: drawn by [`super::page_chart`],
    /// made [`super::inline`].
    pub chart: Option<&'p str>,
    /// The hash of the chart's text (of `""` without one).
    pub chart_key: Key,
    /// The unit the page is about (its own page or a list of its sub-units).
    pub unit: Option<crate::model::UnitId>,
    /// The boxes of every page's chart, measured once.
    pub boxes: &'p Arc<BoxCache>,
    /// The page and its content as template values: made once for both
    /// books, and only when a file of the page is made.
    values: std::cell::OnceCell<(Value, Value)>,
}

impl Made<'_> {
    /// `page` and `c` of the templates.
    pub fn values(&self) -> (Value, Value) {
        self.values
            .get_or_init(|| {
                let page = Value::from(Serde(self.page));
                let content = page.get_attr("content").unwrap_or_default();
                (page, content)
            })
            .clone()
    }
}

/// Batches of pages (of [`BATCH`]) made and not yet handed to the sink, at
/// most, per thread. With 2 the makers waited whenever handing over slowed
/// down (after an edit, when most pages are only looked up on disk): 8 made
/// a one-unit edit of 10,000 units about 12% faster. A batch is some tens of
/// KB, so memory stays small.
const AHEAD_PER_THREAD: usize = 8;
/// Pages a thread makes at a time: handing over each page on its own woke
/// the threads up hundreds of thousands of times in a large build.
const BATCH: usize = 8;

/// Writes every page of `book` as Markdown and as HTML to `sink`.
pub(crate) fn render(
    org: &Organisation,
    book: &Handbook,
    md: &BookPages,
    html: &SitePages,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    let boxes = Arc::new(BoxCache::new(org));
    let make = |i: usize, holds: &dyn Holdings| -> Vec<File> {
        let page = book.page(i);
        // The same chart for both: links relative to the page, to the
        // unit pages (`units/`) of either book.
        let chart = super::page_chart(
            org,
            &page,
            book.public,
            &super::prefix_to(&page.path, "units/"),
            &boxes,
        )
        .map(|svg| super::inline(&svg));
        let made = Made {
            page: &page,
            model_key: KeyHasher::new().value(&page).key(),
            chart: chart.as_deref(),
            chart_key: KeyHasher::new()
                .update(chart.as_deref().unwrap_or("").as_bytes())
                .key(),
            unit: match book.pages[i].of {
                PageOf::Unit(u) | PageOf::List(u, _) => Some(u),
                _ => None,
            },
            boxes: &boxes,
            values: std::cell::OnceCell::new(),
        };
        let mut files = md.page_file(org, &made, holds);
        files.push(html.page_file(org, book, &made, holds));
        files
    };
    sink.stage("pages", 2 * book.pages.len());
    // The overview pages (tasks, FTE, ...) come last and each lists every
    // unit: made last, they were the build's tail on one core. They are
    // made on a thread of their own from the start instead, and handed
    // over in their turn.
    let overviews = book.overviews_from();
    let batches: Vec<std::ops::Range<usize>> = (0..overviews)
        .step_by(BATCH)
        .map(|start| start..(start + BATCH).min(overviews))
        .collect();
    let holdings = sink.holdings();
    let ahead = AHEAD_PER_THREAD * crate::parallel::threads();
    let mut hand_over = |i: usize, files: Vec<File>| -> Result<(), String> {
        for (k, mut file) in files.into_iter().enumerate() {
            sink.file(
                &file.path,
                Some(file.key),
                &mut || match file.content.take() {
                    Some(content) => content,
                    // Held by its key, yet not as it was on disk: made again.
                    None => make(i, &Nothing)
                        .swap_remove(k)
                        .content
                        .unwrap_or_else(|| Ok(Vec::new())),
                },
            )?;
        }
        Ok(())
    };
    let make_overviews = || {
        (overviews..book.pages.len())
            .map(|i| (i, make(i, holdings.as_ref())))
            .collect::<Vec<_>>()
    };
    std::thread::scope(|scope| {
        let early = (crate::parallel::threads() > 1).then(|| scope.spawn(make_overviews));
        crate::parallel::pipeline(
            &batches,
            ahead,
            |batch| {
                batch
                    .clone()
                    .map(|i| (i, make(i, holdings.as_ref())))
                    .collect::<Vec<_>>()
            },
            |_, made| {
                made.into_iter()
                    .try_for_each(|(i, files)| hand_over(i, files))
            },
        )?;
        let made = match early {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => make_overviews(),
        };
        for (i, files) in made {
            hand_over(i, files)?;
        }
        Ok(())
    })
}
