//! The handbook as Markdown (`OUT/md/`): one CommonMark file per page, a
//! `SUMMARY.md` and a `book.toml`, so that `mdbook build` works on the folder
//! as it is. Charts are inline SVG, so that their boxes are links in the
//! book mdBook makes; the overview's and the bodies' also SVG files under
//! `charts/`.

use minijinja::value::Serde;
use minijinja::{Value, context};

use super::html::Site;
use super::{Templates, folder_of, render, root_for};
use crate::handbook::{Content, Handbook, Page};
use crate::model::Organisation;
use crate::output::{Holdings, Key, KeyHasher, Sink};

/// Path of the whole-organisation chart under the output folder.
pub const ORG_CHART: &str = "charts/_organisation.svg";
/// Path of the governance diagram.
pub const BODIES_CHART: &str = "charts/_bodies.svg";

/// The file of its own that a page's chart also has: only the overview's
/// and the bodies page's, to open the large drawing on its own; a unit's
/// chart is on its page only (a second copy for every unit would double the
/// book).
fn chart_path(page: &Page) -> Option<&'static str> {
    match page.content {
        Content::Index(_) => Some(ORG_CHART),
        Content::Bodies(_) => Some(BODIES_CHART),
        _ => None,
    }
}

/// The footer's line, which every page includes.
pub const FOOTER: &str = "footer.md";

/// The stylesheet of the inline charts, which book.toml gives mdBook
/// (`additional-css`): their rules once, instead of in every page.
pub const CHART_CSS: &str = "chart.css";

/// An SVG as one raw HTML block of CommonMark: a `<div>` block ends at the
/// first blank line, so the drawing must have none.
fn inline_html(svg: &str) -> String {
    let mut out = String::from("<div class=\"organogram-chart\">\n");
    for line in svg.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("</div>");
    out
}

/// TOML string literal of `text`, for book.toml.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// What every page of the book shares, for making its pages on any thread.
pub(crate) struct BookPages<'a> {
    env: minijinja::Environment<'a>,
    site: Value,
    t: Value,
    config: &'a Key,
    public: bool,
}

impl<'a> BookPages<'a> {
    pub fn new(
        book: &Handbook,
        templates: &'a Templates,
        config: &'a Key,
    ) -> Result<BookPages<'a>, String> {
        Ok(BookPages {
            env: templates.environment("md/", ".md")?,
            site: Value::from(Serde(Site::of(book))),
            t: super::lookup_table(book.labels),
            config,
            public: book.public,
        })
    }

    /// The file of a page (`md/<page>.md`), and its chart's own file if it
    /// has one. Its content is made unless `holds` has the file.
    pub fn page_file(
        &self,
        org: &Organisation,
        made: &super::pages::Made,
        holds: &dyn Holdings,
    ) -> Vec<super::pages::File> {
        let (page, chart) = (made.page, made.chart);
        let root = root_for(&page.path);
        // The chart inline, its links relative to the page, its style in
        // chart.css, its boxes leading to the pages of the HTML book mdBook
        // makes; a chart with a file of its own links from there.
        let own = chart_path(page).filter(|_| chart.is_some());
        let chart_src = own.map(|path| format!("{root}{path}"));
        // The chart's own file differs from the inline chart only in the way
        // its links lead to the unit pages: keyed by it, it is drawn only
        // when it changed.
        let file = own.map(|path| {
            let path = format!("md/{path}");
            let key = KeyHasher::new()
                .update(self.config)
                .update(path.as_bytes())
                .update(&made.chart_key)
                .key();
            let content = (!holds.holds(&path, key)).then(|| {
                let svg = super::page_chart(org, page, self.public, "../units/", made.boxes);
                Ok(svg.unwrap_or_default().into_bytes())
            });
            super::pages::File { path, key, content }
        });
        // The chart draws sub-units two levels down, which the page's own
        // model does not hold: its text is part of the key.
        let key = KeyHasher::new()
            .update(self.config)
            .update(&made.model_key)
            .update(&made.chart_key)
            .key();
        let path = format!("md/{}.md", page.path);
        let content = (!holds.holds(&path, key)).then(|| {
            let name = format!("md/{}.md", page.content.template());
            let (page_value, content) = made.values();
            let ctx = context! {
                site => self.site.clone(),
                t => self.t.clone(),
                page => page_value,
                c => content,
                root => root.clone(),
                here => folder_of(&page.path),
                chart_src => chart_src,
                chart_svg => chart.map(inline_html),
            };
            // The footer under every page, after a rule.
            render(&self.env, &name, ctx).map(|text| {
                format!("{}\n---\n\n{{{{#include {root}{FOOTER}}}}}\n", tidy(&text)).into_bytes()
            })
        });
        let mut files = vec![super::pages::File { path, key, content }];
        files.extend(file);
        files
    }
}

/// Writes the book's files besides its pages ([`super::pages`]): the
/// footer's line, `SUMMARY.md`, `book.toml` and the charts' stylesheet.
pub fn render_book(
    book: &Handbook,
    templates: &Templates,
    publication: &crate::compile::Publication,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    let env = templates.environment("md/", ".md")?;
    // The footer's line is in one file that every page includes (mdBook's
    // `{{#include}}`), so that a new date or revision rewrites that file only.
    sink.put(
        FOOTER,
        format!("{}\n", publication.footer.markdown()).into_bytes(),
    )?;
    let site = Value::from(Serde(Site::of(book)));
    let t = super::lookup_table(book.labels);
    let ctx = context! {
        site => site,
        t => t,
        summary => Value::from(Serde(book.summary())),
        root => "",
        title_toml => toml_string(&book.title),
        language_toml => toml_string(book.labels.lang.split('-').next().unwrap_or("en")),
    };
    let summary = tidy(&render(&env, "md/SUMMARY.md", ctx.clone())?);
    sink.put("SUMMARY.md", summary.into_bytes())?;
    sink.put("book.toml", render(&env, "md/book.toml", ctx)?.into_bytes())?;
    sink.put(
        CHART_CSS,
        super::svg::build_style(".organogram-chart svg").into_bytes(),
    )?;
    Ok(())
}

/// No runs of blank lines, no trailing spaces, one final newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in super::lines(text) {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}
