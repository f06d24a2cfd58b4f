//! Renderers: turn the model (and the handbook's page model) into text.
//!
//! Templates live in `templates/` at the top of the repository and are
//! embedded in the binary; `--templates DIR` overrides them file by file.

pub mod chart_files;
pub mod footer;
pub mod html;
pub mod markdown;
pub mod pages;
pub mod publish;
mod sidebar;
pub mod svg;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, State, Value};

/// Every template and asset, by its name under `templates/`.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "html/base.html",
        include_str!("../../templates/html/base.html"),
    ),
    (
        "html/index.html",
        include_str!("../../templates/html/index.html"),
    ),
    (
        "html/unit.html",
        include_str!("../../templates/html/unit.html"),
    ),
    (
        "html/tasks.html",
        include_str!("../../templates/html/tasks.html"),
    ),
    (
        "html/fte.html",
        include_str!("../../templates/html/fte.html"),
    ),
    (
        "html/bodies.html",
        include_str!("../../templates/html/bodies.html"),
    ),
    (
        "html/page.html",
        include_str!("../../templates/html/page.html"),
    ),
    (
        "html/timeline.html",
        include_str!("../../templates/html/timeline.html"),
    ),
    (
        "html/chart.html",
        include_str!("../../templates/html/chart.html"),
    ),
    (
        "html/list.html",
        include_str!("../../templates/html/list.html"),
    ),
    (
        "html/footer.html",
        include_str!("../../templates/html/footer.html"),
    ),
    (
        "md/SUMMARY.md",
        include_str!("../../templates/md/SUMMARY.md"),
    ),
    ("md/book.toml", include_str!("../../templates/md/book.toml")),
    ("md/index.md", include_str!("../../templates/md/index.md")),
    ("md/unit.md", include_str!("../../templates/md/unit.md")),
    ("md/tasks.md", include_str!("../../templates/md/tasks.md")),
    ("md/fte.md", include_str!("../../templates/md/fte.md")),
    ("md/bodies.md", include_str!("../../templates/md/bodies.md")),
    ("md/page.md", include_str!("../../templates/md/page.md")),
    ("md/list.md", include_str!("../../templates/md/list.md")),
    (
        "md/timeline.md",
        include_str!("../../templates/md/timeline.md"),
    ),
    (
        "assets/style.css",
        include_str!("../../templates/assets/style.css"),
    ),
    (
        "assets/handbook.js",
        include_str!("../../templates/assets/handbook.js"),
    ),
    (
        "assets/search.js",
        include_str!("../../templates/assets/search.js"),
    ),
    (
        "assets/reader.css",
        include_str!("../../templates/assets/reader.css"),
    ),
    (
        "assets/chart-view.js",
        include_str!("../../templates/assets/chart-view.js"),
    ),
    (
        "assets/page-tools.js",
        include_str!("../../templates/assets/page-tools.js"),
    ),
];

/// The templates of one build: the embedded ones, each replaced by the file
/// of the same name in the override folder where there is one.
#[derive(Clone, Debug)]
pub struct Templates {
    sources: BTreeMap<&'static str, String>,
}

impl Templates {
    /// The embedded templates only.
    pub fn embedded() -> Templates {
        Templates {
            sources: EMBEDDED
                .iter()
                .map(|(name, source)| (*name, (*source).to_string()))
                .collect(),
        }
    }

    /// The embedded templates, overridden from `dir` file by file.
    pub fn load(dir: Option<&Path>) -> Result<Templates, String> {
        let mut templates = Templates::embedded();
        let Some(dir) = dir else {
            return Ok(templates);
        };
        if !dir.is_dir() {
            return Err(format!(
                "the templates folder `{}` does not exist",
                dir.display()
            ));
        }
        for (name, source) in templates.sources.iter_mut() {
            let file = dir.join(name);
            if file.is_file() {
                *source = std::fs::read_to_string(&file)
                    .map_err(|e| format!("cannot read the template `{}`: {e}", file.display()))?;
            }
        }
        Ok(templates)
    }

    /// Adds every template's name and text to `h`.
    pub fn hash_into(&self, h: &mut crate::output::KeyHasher) {
        for (name, source) in &self.sources {
            h.update(name.as_bytes()).update(source.as_bytes());
        }
    }

    /// Names of every template, e.g. `html/unit.html`.
    pub fn names() -> impl Iterator<Item = &'static str> {
        EMBEDDED.iter().map(|(name, _)| *name)
    }

    pub fn get(&self, name: &str) -> &str {
        self.sources.get(name).map(String::as_str).unwrap_or("")
    }

    /// An environment with the templates under `prefix/` and the filters of
    /// the handbook. `ext` is the extension page links get (`.html`, `.md`).
    pub(crate) fn environment(
        &self,
        prefix: &str,
        ext: &'static str,
    ) -> Result<Environment<'static>, String> {
        let mut env = Environment::new();
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| e.to_string())?;
        env.set_syntax(syntax);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        for (name, source) in &self.sources {
            if name.starts_with(prefix) {
                env.add_template_owned(name.to_string(), source.clone())
                    .map_err(|e| template_error(name, &e))?;
            }
        }
        // Marked safe after escaping only what an attribute needs: the
        // default HTML escaping would also write `/` as `&#x2f;`.
        env.add_filter("href", move |state: &State, path: Value| -> Value {
            // Read in place: this runs for every link of every page.
            let root = state.lookup("root").unwrap_or_default();
            let here = state.lookup("here").unwrap_or_default();
            let link = href(&text_of(&root), &text_of(&here), &text_of(&path), ext);
            if *state.auto_escape() == AutoEscape::Html {
                Value::from_safe_string(svg::escape_owned(link))
            } else {
                Value::from(link)
            }
        });
        // An absolute address in an attribute, escaped the same way.
        env.add_filter("attr", |state: &State, text: Value| -> Value {
            let text = text_of(&text).into_owned();
            if *state.auto_escape() == AutoEscape::Html {
                Value::from_safe_string(svg::escape_owned(text))
            } else {
                Value::from(text)
            }
        });
        env.add_filter("md", |text: Value| -> Value {
            let source = text_of(&text);
            match crate::handbook::text::escape_markdown(&source) {
                // Most text needs no escaping: a string stays the value it is.
                Cow::Borrowed(_) if text.as_str().is_some() => text.clone(),
                escaped => Value::from(escaped.into_owned()),
            }
        });
        Ok(env)
    }
}

/// A filter's argument as text: a string as it is, nothing (an undefined
/// value or none) as `""`, anything else as it is shown.
fn text_of(value: &Value) -> Cow<'_, str> {
    match value.as_str() {
        Some(text) => text.into(),
        None if value.is_undefined() || value.is_none() => "".into(),
        None => value.to_string().into(),
    }
}

/// `value` (a struct of many fields, like the labels) for templates that
/// look its fields up by name on every page: sorted by name, so that a
/// lookup is a binary search instead of a comparison with every field.
pub(crate) fn lookup_table(value: &impl serde::Serialize) -> Value {
    let value = Value::from(minijinja::value::Serde(value));
    let Ok(keys) = value.try_iter() else {
        return value;
    };
    let table: BTreeMap<std::sync::Arc<str>, Value> = keys
        .filter_map(|key| {
            Some((
                std::sync::Arc::from(key.as_str()?),
                value.get_item(&key).ok()?,
            ))
        })
        .collect();
    Value::from_object(table)
}

/// The link to `path` (`units/dirsa#tasks`) from a page whose root is
/// `root` (`../`) and whose folder is `here` (`units/`): within the page's
/// own folder just the file (`dirsa.html#tasks`), which keeps the tens of
/// links of a unit page short; elsewhere through the root
/// (`../lists/dirsa-1.html`).
pub fn href(root: &str, here: &str, path: &str, ext: &str) -> String {
    let (page, anchor) = match path.split_once('#') {
        Some(("", anchor)) => return format!("#{anchor}"),
        Some((page, anchor)) => (page, Some(anchor)),
        None => (path, None),
    };
    let parts = match page.strip_prefix(here) {
        Some(file) if !here.is_empty() && !file.contains('/') => ["", file, ext],
        _ => [root, page, ext],
    };
    // Joined by hand: a link is made for every link of every page, and
    // `format!` took several times as long.
    let length = parts.iter().map(|p| p.len()).sum::<usize>() + anchor.map_or(0, |a| a.len() + 1);
    let mut link = String::with_capacity(length);
    for part in parts {
        link.push_str(part);
    }
    if let Some(anchor) = anchor {
        link.push('#');
        link.push_str(anchor);
    }
    link
}

/// The relative prefix that leads from the page at `path` back to the top:
/// `""` for `index`, `"../"` for `units/dirsa`.
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The folder of the page at `path`, with its `/`: `units/` for
/// `units/dirsa`, `""` for `index`.
pub fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// The prefix of links from the page at `page` to the files of `folder`
/// (`units/`): none from a page in that folder, else through the root.
pub fn prefix_to(page: &str, folder: &str) -> String {
    if folder_of(page) == folder {
        String::new()
    } else {
        format!("{}{folder}", root_for(page))
    }
}

/// A template error with its template name and line, in one line.
pub(crate) fn template_error(name: &str, e: &minijinja::Error) -> String {
    let mut text = format!("template `{name}`: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

/// Renders one template of `env` with `ctx`.
pub(crate) fn render(env: &Environment<'_>, name: &str, ctx: Value) -> Result<String, String> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| template_error(name, &e))
}

/// The lines of `text`, as [`str::lines`] gives them (without their `\n`
/// or `\r\n`), found with memchr's vector search: the pages are split
/// into lines to tidy them, and [`str::lines`] took a share of that.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(i) = memchr::memchr(b'\n', rest.as_bytes()) else {
            // The last line, without a line break: kept whole.
            return Some(std::mem::take(&mut rest));
        };
        let line = &rest[..i];
        rest = &rest[i + 1..];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The chart a page of either book shows, with its boxes linking to unit
/// pages through `units` (the way from where the chart is to the unit
/// pages' folder, e.g. `""` from a unit page, `../units/` from a file under
/// `charts/`); the governance diagram's boxes lead to the cards on its own
/// page. See [`inline`] for the chart in the page. Its boxes are measured
/// once in `boxes` for all pages.
pub(crate) fn page_chart(
    org: &crate::model::Organisation,
    page: &crate::handbook::Page,
    public: bool,
    units: &str,
    boxes: &std::sync::Arc<crate::charts::BoxCache>,
) -> Option<String> {
    use crate::handbook::Content;
    use crate::handbook::chart::{self, ChartOptions};
    let opts = ChartOptions {
        public,
        unit_href: Some(format!("{units}{{file}}.html")),
        chart_href: None,
        body_href: Some("#body-{id}-title".into()),
        boxes: Some(boxes.clone()),
        ..ChartOptions::default()
    };
    match &page.content {
        Content::Index(_) => Some(chart::unit_chart(org, org.root, None, &opts).svg),
        Content::Unit(u) if u.chart => org
            .find(&u.unit.id)
            .map(|id| chart::unit_chart(org, id, Some(u.chart_depth), &opts).svg),
        Content::Bodies(_) => chart::governance_chart(org, &opts).map(|c| c.svg),
        _ => None,
    }
}

/// A chart as a page holds it: its style left to the book's stylesheet, its
/// links open to assistive technology.
pub(crate) fn inline(svg: &str) -> String {
    html::interactive(svg::without_style(svg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\n",
            "x\r",
            "\r\n\r",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn links_are_relative() {
        assert_eq!(root_for("index"), "");
        assert_eq!(root_for("units/dirsa"), "../");
        assert_eq!(href("../", "lists/", "units/x", ".html"), "../units/x.html");
        assert_eq!(
            href("../", "units/", "units/x#tasks", ".html"),
            "x.html#tasks"
        );
        assert_eq!(href("../", "units/", "index", ".html"), "../index.html");
        assert_eq!(href("", "", "tasks#letter-a", ".md"), "tasks.md#letter-a");
        assert_eq!(href("", "", "#top", ".md"), "#top");
        assert_eq!(folder_of("units/dirsa"), "units/");
        assert_eq!(prefix_to("units/dirsa", "units/"), "");
        assert_eq!(prefix_to("lists/dirsa-1", "units/"), "../units/");
        assert_eq!(prefix_to("index", "units/"), "units/");
    }
}
