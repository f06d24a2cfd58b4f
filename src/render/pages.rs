//! The handbook's pages, in both books: each page's model and chart are
//! made once for its Markdown and its HTML file, pages are made on every
//! core a batch at a time (memory stays bounded), and handed to the sink in
//! order, so the output is the same whatever the number of cores.

use super::html::SitePages;
use super::markdown::BookPages;
use crate::handbook::Handbook;
use crate::model::Organisation;
use crate::output::{Holdings, Key, Nothing, Sink};

/// A file of a page, as made on a worker thread.
pub(crate) struct File {
    /// From the output folder's root (`html/units/dirsa.html`).
    pub path: String,
    pub key: Option<Key>,
    /// `None`: not made, since the sink holds the file for its key.
    pub content: Option<Result<Vec<u8>, String>>,
}

impl File {
    pub fn made(path: String, content: Vec<u8>) -> File {
        File {
            path,
            key: None,
            content: Some(Ok(content)),
        }
    }
}

/// A page as both books make their file of it.
pub(crate) struct Made<'p> {
    pub page: &'p crate::handbook::Page,
    /// The page's model as JSON, which both files' keys start from.
    pub json: &'p [u8],
    /// Its chart, as [`super::page_chart`] draws it for the page.
    pub chart: Option<&'p str>,
}

/// Pages made and not yet handed to the sink, at most, per thread.
const AHEAD_PER_THREAD: usize = 16;

/// Writes every page of `book` as Markdown and as HTML to `sink`.
pub(crate) fn render(
    org: &Organisation,
    book: &Handbook,
    md: &BookPages,
    html: &SitePages,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    let make = |i: usize, holds: &dyn Holdings| -> Vec<File> {
        let page = book.page(i);
        // The same chart for both: links relative to the page, to the
        // unit pages (`units/`) of either book.
        let chart = super::page_chart(
            org,
            &page,
            book.public,
            &super::prefix_to(&page.path, "units/"),
        );
        let json = serde_json::to_vec(&page).unwrap_or_default();
        let made = Made {
            page: &page,
            json: &json,
            chart: chart.as_deref(),
        };
        let mut files = md.page_file(org, &made, holds);
        files.push(html.page_file(org, book, i, &made, holds));
        files
    };
    sink.stage("pages", 2 * book.pages.len());
    let pages: Vec<usize> = (0..book.pages.len()).collect();
    let holdings = sink.holdings();
    let ahead = AHEAD_PER_THREAD * crate::parallel::threads();
    crate::parallel::pipeline(
        &pages,
        ahead,
        |&i| make(i, holdings.as_ref()),
        |i, files| {
            for (k, mut file) in files.into_iter().enumerate() {
                sink.file(&file.path, file.key, &mut || match file.content.take() {
                    Some(content) => content,
                    // Held by its key, yet not as it was on disk: made again.
                    None => make(i, &Nothing)
                        .swap_remove(k)
                        .content
                        .unwrap_or_else(|| Ok(Vec::new())),
                })?;
            }
            Ok(())
        },
    )
}
