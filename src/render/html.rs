//! The handbook as a static HTML site (`OUT/html/`).
//!
//! Every page links relatively and loads only local files, so the site works
//! from `file://` and offline. The search index is a script file (not JSON to
//! fetch), because browsers refuse `fetch` on `file://`.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use super::{Templates, render, root_for};
use crate::handbook::chart::{self, ChartOptions};
use crate::handbook::{Content, Handbook, NavNode, Page, PageRef, SearchEntry, UNIT_CHART_DEPTH};
use crate::model::Organisation;
use crate::output::OutputTree;

/// What every page shares.
#[derive(Serialize)]
pub(crate) struct Site<'a> {
    pub title: &'a str,
    pub short: Option<&'a str>,
    pub public: bool,
    pub free_pages: &'a [PageRef],
    pub overview_pages: &'a [PageRef],
}

impl<'a> Site<'a> {
    pub fn of(book: &'a Handbook) -> Site<'a> {
        Site {
            title: &book.title,
            short: book.short.as_deref(),
            public: book.public,
            free_pages: &book.free_pages,
            overview_pages: &book.overview_pages,
        }
    }
}

/// A chart with links must not be `role="img"` inline: an image's children
/// are presentational, so its links would be hidden from assistive
/// technology (axe: nested-interactive). The root element loses the role;
/// its title and description still label it.
fn interactive(svg: String) -> String {
    if !svg.contains("<a ") {
        return svg;
    }
    match svg.find('>') {
        Some(end) if svg[..end].contains(" role=\"img\"") => {
            format!(
                "{}{}",
                svg[..end].replacen(" role=\"img\"", "", 1),
                &svg[end..]
            )
        }
        _ => svg,
    }
}

/// The inline SVG chart of a page, with its boxes linking to unit pages.
fn chart_svg(org: &Organisation, page: &Page, root: &str, public: bool) -> Option<String> {
    let opts = ChartOptions {
        public,
        unit_href: Some(format!("{root}units/{{id}}.html")),
        chart_href: None,
        ..ChartOptions::default()
    };
    let svg = match &page.content {
        Content::Index(_) => Some(chart::unit_chart(org, org.root, None, &opts).svg),
        Content::Unit(u) => org
            .find(&u.unit.id)
            .map(|id| chart::unit_chart(org, id, Some(UNIT_CHART_DEPTH), &opts).svg),
        Content::Bodies(_) => chart::governance_chart(org, &opts).map(|c| c.svg),
        _ => None,
    };
    svg.map(interactive)
}

/// The search index as a script that sets `window.ORGANOGRAM_SEARCH`.
/// `<`, `>` and `&` are written as `\u003c`… so that no text in it can ever
/// close a script element or start markup, wherever the file is included.
pub fn search_script(entries: &[SearchEntry]) -> String {
    let json = serde_json::to_string(entries).unwrap_or_else(|_| "[]".into());
    let mut out = String::with_capacity(json.len() + 64);
    out.push_str("window.ORGANOGRAM_SEARCH = ");
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out.push_str(";\n");
    out
}

/// Up to this many units, every page carries the whole unit tree (folded);
/// beyond, a page carries the branches that lead to it, so that pages stay
/// small and the site grows linearly with the organisation.
const FULL_NAVIGATION_UNITS: usize = 400;

fn count(tree: &NavNode) -> usize {
    let mut n = 0;
    let mut stack = vec![tree];
    while let Some(node) = stack.pop() {
        n += 1;
        stack.extend(&node.children);
    }
    n
}

/// The navigation of one page: the root and, down the open branches, each
/// open unit's sub-units (closed ones without theirs). Built without
/// recursion.
fn pruned(tree: &NavNode, open: &[String]) -> NavNode {
    let mut path: Vec<&NavNode> = vec![tree];
    while let Some(next) = path
        .last()
        .and_then(|n| n.children.iter().find(|c| open.contains(&c.id)))
    {
        path.push(next);
    }
    let leaf = |n: &NavNode| NavNode {
        id: n.id.clone(),
        title: n.title.clone(),
        path: n.path.clone(),
        children: Vec::new(),
    };
    let mut below: Option<NavNode> = None;
    for node in path.iter().rev() {
        let children = node
            .children
            .iter()
            .map(|c| match below.take() {
                Some(b) if b.id == c.id => b,
                other => {
                    below = other;
                    leaf(c)
                }
            })
            .collect();
        below = Some(NavNode {
            children,
            ..leaf(node)
        });
    }
    below.unwrap_or_else(|| leaf(tree))
}

pub fn render_site(
    org: &Organisation,
    book: &Handbook,
    templates: &Templates,
) -> Result<OutputTree, String> {
    let env = templates.environment("html/", ".html")?;
    let site = Value::from(Serde(Site::of(book)));
    let t = Value::from(Serde(book.labels));
    let mut tree = OutputTree::new();
    let full_navigation = count(&book.tree) <= FULL_NAVIGATION_UNITS;
    let whole = Value::from(Serde(&book.tree));
    for page in &book.pages {
        let nav = if full_navigation {
            whole.clone()
        } else {
            Value::from(Serde(pruned(&book.tree, &page.open)))
        };
        let root = root_for(&page.path);
        let chart = chart_svg(org, page, &root, book.public).map(Value::from_safe_string);
        let ctx = context! {
            site => site.clone(),
            t => t.clone(),
            page => Value::from(Serde(page)),
            nav => nav,
            c => Value::from(Serde(&page.content)),
            // Only `../` repeated: no need to escape (which would write `&#x2f;`).
            root => Value::from_safe_string(root),
            chart_svg => chart,
        };
        let name = format!("html/{}.html", page.content.template());
        let html = render(&env, &name, ctx)?;
        tree.add(format!("{}.html", page.path), html);
    }
    tree.add("assets/style.css", templates.get("assets/style.css"));
    tree.add("assets/handbook.js", templates.get("assets/handbook.js"));
    tree.add("assets/search-index.js", search_script(&book.search));
    Ok(tree)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_index_cannot_close_a_script() {
        let js = search_script(&[SearchEntry {
            t: "</script><script>alert('x')</script>".into(),
            p: "units/x".into(),
            k: "\"quoted\"".into(),
            w: vec!["a & b".into()],
            d: "\u{2028}".into(),
        }]);
        assert!(
            !js.contains('<') && !js.contains('>') && !js.contains('&'),
            "{js}"
        );
        assert!(js.contains("\\\"quoted\\\""), "{js}");
    }
}
