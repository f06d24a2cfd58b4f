//! The handbook as Markdown (`OUT/md/`): one CommonMark file per page, a
//! `SUMMARY.md` and a `book.toml`, so that `mdbook build` works on the folder
//! as it is. Charts are SVG files under `charts/`.

use minijinja::value::Serde;
use minijinja::{Value, context};

use super::html::Site;
use super::{Templates, render, root_for};
use crate::handbook::chart::{self, ChartOptions};
use crate::handbook::{Content, Handbook, Page, UNIT_CHART_DEPTH};
use crate::model::Organisation;
use crate::output::OutputTree;

/// Path of the whole-organisation chart under the output folder.
pub const ORG_CHART: &str = "charts/_organisation.svg";
/// Path of the governance diagram.
pub const BODIES_CHART: &str = "charts/_bodies.svg";

/// The chart file a page shows, with its content; boxes link to the pages
/// of the HTML book that mdBook builds beside them.
fn chart_file(org: &Organisation, page: &Page, public: bool) -> Option<(String, String)> {
    let opts = ChartOptions {
        public,
        unit_href: Some("../units/{id}.html".into()),
        chart_href: None,
        ..ChartOptions::default()
    };
    match &page.content {
        Content::Index(_) => Some((
            ORG_CHART.into(),
            chart::unit_chart(org, org.root, None, &opts).svg,
        )),
        Content::Unit(u) => org.find(&u.unit.id).map(|id| {
            (
                format!("charts/{}.svg", u.unit.id),
                chart::unit_chart(org, id, Some(UNIT_CHART_DEPTH), &opts).svg,
            )
        }),
        Content::Bodies(_) => {
            chart::governance_chart(org, &opts).map(|c| (BODIES_CHART.into(), c.svg))
        }
        _ => None,
    }
}

/// TOML string literal of `text`, for book.toml.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

pub fn render_book(
    org: &Organisation,
    book: &Handbook,
    templates: &Templates,
) -> Result<OutputTree, String> {
    let env = templates.environment("md/", ".md")?;
    let site = Value::from(Serde(Site::of(book)));
    let t = Value::from(Serde(book.labels));
    let mut tree = OutputTree::new();
    for page in &book.pages {
        let root = root_for(&page.path);
        let chart = chart_file(org, page, book.public);
        let chart_src = chart.as_ref().map(|(path, _)| format!("{root}{path}"));
        let ctx = context! {
            site => site.clone(),
            t => t.clone(),
            page => Value::from(Serde(page)),
            c => Value::from(Serde(&page.content)),
            root => root,
            chart_src => chart_src,
        };
        let name = format!("md/{}.md", page.content.template());
        let text = render(&env, &name, ctx)?;
        tree.add(format!("{}.md", page.path), tidy(&text));
        if let Some((path, svg)) = chart {
            tree.add(path, svg);
        }
    }
    let pages: Vec<Value> = book.pages.iter().map(|p| Value::from(Serde(p))).collect();
    let ctx = context! {
        site => site.clone(),
        t => t.clone(),
        pages => pages,
        nav => Value::from(Serde(&book.tree)),
        root => "",
        title_toml => toml_string(&book.title),
        language_toml => toml_string(book.labels.lang.split('-').next().unwrap_or("en")),
    };
    tree.add(
        "SUMMARY.md",
        tidy(&render(&env, "md/SUMMARY.md", ctx.clone())?),
    );
    tree.add("book.toml", render(&env, "md/book.toml", ctx)?);
    Ok(tree)
}

/// No runs of blank lines, no trailing spaces, one final newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
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
