//! The handbook as a static HTML site (`OUT/html/`).
//!
//! Every page links relatively and loads only local files, so the site works
//! from `file://` and offline. The search index is a script file (not JSON to
//! fetch), because browsers refuse `fetch` on `file://`.

use std::sync::{Arc, OnceLock};

use minijinja::value::{Enumerator, Object, Serde};
use minijinja::{Value, context};
use serde::Serialize;

use super::chart_files::{ChartFiles, ChartLinks};
use super::{Templates, folder_of, render, root_for};
use crate::handbook::{Handbook, PageRef, nav};
use crate::model::Organisation;
use crate::output::{Holdings, Key, KeyHasher, Sink};

/// What every page shares.
#[derive(Serialize)]
pub(crate) struct Site<'a> {
    pub title: &'a str,
    pub short: Option<&'a str>,
    pub public: bool,
    /// The print files this build made (`site.downloads.pdf`,
    /// `site.downloads.png`): link to them only when true.
    pub downloads: crate::handbook::Downloads,
    /// The booklet's path from the output folder's root.
    pub booklet: String,
    pub free_pages: &'a [PageRef],
    pub overview_pages: &'a [PageRef],
}

impl<'a> Site<'a> {
    pub fn of(book: &'a Handbook<'_>) -> Site<'a> {
        Site {
            title: &book.title,
            short: book.short.as_deref(),
            public: book.public,
            downloads: book.downloads,
            booklet: crate::charts::booklet_path(book.org),
            free_pages: &book.free_pages,
            overview_pages: &book.overview_pages,
        }
    }
}

/// A chart with links must not be `role="img"` inline: an image's children
/// are presentational, so its links would be hidden from assistive
/// technology (axe: nested-interactive). The root element loses the role;
/// its title and description still label it.
pub(crate) fn interactive(svg: String) -> String {
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

/// The date and revision of the build, which every page's footer shows.
pub const BUILD_INFO: &str = "assets/build-info.js";

/// The site's one stylesheet: the templates' `assets/style.css` and
/// `assets/reader.css`, then the rules of the inline charts (once for the
/// site instead of in every chart). One file is one line in every page.
pub const STYLESHEET: &str = "assets/style.css";

fn stylesheet(templates: &Templates) -> String {
    let mut css = String::new();
    for name in ["assets/style.css", "assets/reader.css"] {
        css.push_str(templates.get(name));
        css.push('\n');
    }
    css.push_str(&super::svg::build_style(".chart-frame svg"));
    css
}

/// The site's one script: the words the scripts show, in the handbook's
/// language (instead of attributes on every page), then the templates'
/// scripts, each on its own. The search index is read by the search script
/// only when a reader searches.
pub const SCRIPT: &str = "assets/handbook.js";

fn script(templates: &Templates, t: &crate::handbook::labels::Labels) -> String {
    let labels = serde_json::json!({
        "fold": t.fold,
        "permalink": t.permalink,
        "on_this_page": t.on_this_page,
        "back_to_top": t.back_to_top,
        "table_scroll": t.table_scroll,
        "zoom_in": t.zoom_in,
        "zoom_out": t.zoom_out,
        "zoom_reset": t.zoom_reset,
        "zoom_hint": t.zoom_hint,
        "search": t.search,
        "search_placeholder": t.search_placeholder,
        "search_no_results": t.search_no_results,
        "result_one": t.result_one,
        "result_many": t.result_many,
    });
    let mut js = format!("window.ORGANOGRAM_LABELS = {labels};\n");
    for name in [
        "assets/handbook.js",
        // Before the scripts that measure the top bar, which the box it
        // makes may make taller.
        "assets/search.js",
        "assets/chart-view.js",
        "assets/page-tools.js",
    ] {
        js.push_str(templates.get(name));
        js.push_str("\n;\n");
    }
    js
}

/// A chart's links for the templates, escaped for an attribute and marked
/// safe (the default escaping would also write `/` as `&#x2f;`).
fn links_value(links: &ChartLinks) -> Value {
    let safe = |link: &str| Value::from_safe_string(super::svg::escape(link));
    context! {
        svg => safe(&links.svg),
        pdf => links.pdf.as_deref().map(safe),
        png => links.png.as_deref().map(safe),
    }
}

/// `html` without the templates' indentation and blank lines, which are
/// some 5% of a page and mean nothing to a browser: a line break between
/// two elements stays, so the page looks the same. Text inside `<pre>` (a
/// description's code block) is kept exactly.
pub(crate) fn compact(html: &str) -> String {
    static PRE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("pre"));
    static OPEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("<pre"));
    // Almost no page has a `<pre>`: one search of the whole page spares
    // every line its own (a line's `</pre>` only ends what a `<pre` began).
    let has_pre = OPEN.find(html.as_bytes()).is_some();
    let mut out = String::with_capacity(html.len());
    let mut in_pre = false;
    for line in super::lines(html) {
        let kept = if in_pre { line } else { line.trim_start() };
        if !in_pre && kept.is_empty() {
            continue;
        }
        out.push_str(kept);
        out.push('\n');
        // A `<pre>` opens and closes within a line or across lines. (Most
        // lines have neither: one quick search for `pre` rules both out.)
        if !has_pre || PRE.find(line.as_bytes()).is_none() {
            continue;
        }
        if let (Some(open), close) = (line.rfind("<pre"), line.rfind("</pre>")) {
            in_pre = close.is_none_or(|c| c < open);
        } else if line.contains("</pre>") {
            in_pre = false;
        }
    }
    out
}

/// What every page of the site shares, for making its pages on any thread.
pub(crate) struct SitePages<'a> {
    env: minijinja::Environment<'a>,
    site: Value,
    t: Value,
    config: &'a Key,
    /// The overview carries the whole footer; every other page the shared
    /// one, whose date and revision come from assets/build-info.js.
    full_footer: Value,
    shared_footer: Value,
    publication: &'a crate::compile::Publication,
    /// The whole unit tree, for the sidebars of a small organisation.
    whole: Option<crate::handbook::NavNode>,
    chart_files: &'a ChartFiles,
}

impl<'a> SitePages<'a> {
    pub fn new(
        org: &Organisation,
        book: &Handbook,
        templates: &'a Templates,
        config: &'a Key,
        chart_files: &'a ChartFiles,
        publication: &'a crate::compile::Publication,
    ) -> Result<SitePages<'a>, String> {
        Ok(SitePages {
            env: templates.environment("html/", ".html")?,
            site: Value::from(Serde(Site::of(book))),
            t: super::lookup_table(book.labels),
            config,
            full_footer: Value::from(Serde(&publication.footer)),
            shared_footer: Value::from(Serde(publication.footer.shared())),
            publication,
            whole: nav::is_full(org).then(|| nav::whole(org)),
            chart_files,
        })
    }

    /// The file of a page of `book` (`html/<page>.html`). Its content is
    /// made unless `holds` has the file.
    pub fn page_file(
        &self,
        org: &Organisation,
        book: &Handbook,
        made: &super::pages::Made,
        holds: &dyn Holdings,
    ) -> super::pages::File {
        let (page, chart) = (made.page, made.chart);
        let nav = nav::for_page(book, self.whole.as_ref(), made.unit);
        let root = root_for(&page.path);
        let chart_links = chart.and_then(|_| self.chart_files.for_page(org, page, &root));
        let overview = page.path == crate::handbook::INDEX;
        let mut key = KeyHasher::new();
        key.update(self.config)
            .update(&made.model_key)
            .value(&nav)
            .value(&chart_links)
            .update(&made.chart_key);
        if overview {
            key.value(&self.publication.footer);
        }
        let key = key.key();
        let path = format!("html/{}.html", page.path);
        let content = (!holds.holds(&path, key)).then(|| {
            let footer = if overview {
                &self.full_footer
            } else {
                &self.shared_footer
            };
            let name = format!("html/{}.html", page.content.template());
            let site_url = self.publication.site_url.as_deref();
            let (page_value, content) = made.values();
            let ctx = context! {
                site => self.site.clone(),
                t => self.t.clone(),
                page => page_value,
                nav_html => Value::from_safe_string(super::sidebar::tree(
                    &nav,
                    page,
                    &super::sidebar::Here { root: &root, folder: folder_of(&page.path) },
                    book.labels.more,
                )),
                nav => Value::from_object(LazyNav { nav, value: OnceLock::new() }),
                c => content,
                // Only `../` repeated: no need to escape (which would write `&#x2f;`).
                root => Value::from_safe_string(root.clone()),
                here => folder_of(&page.path),
                chart_svg => chart.map(|svg| Value::from_safe_string(svg.to_string())),
                chart_files => chart_links.as_ref().map(links_value),
                footer => footer.clone(),
                canonical => site_url.map(|site| super::publish::page_url(site, &page.path)),
            };
            render(&self.env, &name, ctx).map(|html| compact(&html).into_bytes())
        });
        super::pages::File { path, key, content }
    }
}

/// The sidebar's tree (`nav`) as a template value made only when a template
/// reads it: the built-in ones show `nav_html` instead.
#[derive(Debug)]
struct LazyNav {
    nav: crate::handbook::NavNode,
    value: OnceLock<Value>,
}

/// The fields of a [`crate::handbook::NavNode`], as it serializes.
const NAV_FIELDS: &[&str] = &["id", "title", "path", "children", "more"];

impl LazyNav {
    fn value(&self) -> &Value {
        self.value.get_or_init(|| Value::from(Serde(&self.nav)))
    }
}

impl Object for LazyNav {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.value()
            .get_item(key)
            .ok()
            .filter(|v| !v.is_undefined())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(NAV_FIELDS)
    }
}

/// Writes the site's files besides its pages ([`super::pages`]): its
/// stylesheet and script, the build's date, the search index and the
/// sitemap. `search_index` is the book's search index as a script
/// ([`crate::handbook::search::script`]), made beside the pages.
pub fn render_site(
    book: &Handbook,
    templates: &Templates,
    publication: &crate::compile::Publication,
    search_index: String,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    sink.put(STYLESHEET, stylesheet(templates).into_bytes())?;
    sink.put(SCRIPT, script(templates, book.labels).into_bytes())?;
    sink.put(BUILD_INFO, publication.footer.script().into_bytes())?;
    sink.put("assets/search-index.js", search_index.into_bytes())?;
    if let Some(site) = publication.site_url.as_deref() {
        let paths: Vec<String> = book.pages.iter().map(|p| p.path.clone()).collect();
        super::publish::write_sitemap(site, &paths, &publication.footer.date, sink)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn the_lazy_sidebar_tree_reads_as_the_tree_itself() {
        use super::{LazyNav, NAV_FIELDS, Serde, Value};
        let leaf = |id: &str| crate::handbook::NavNode {
            id: id.into(),
            title: format!("Unit {id}"),
            path: format!("units/{id}"),
            children: vec![],
            more: None,
        };
        let nav = crate::handbook::NavNode {
            children: vec![leaf("b"), leaf("c")],
            ..leaf("a")
        };
        let fields: Vec<String> = match serde_json::to_value(&nav).unwrap() {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            _ => unreachable!(),
        };
        let mut expected: Vec<&str> = NAV_FIELDS.to_vec();
        expected.sort_unstable();
        let mut fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, expected);
        let eager = Value::from(Serde(&nav));
        let lazy = Value::from_object(LazyNav {
            nav,
            value: Default::default(),
        });
        let env = minijinja::Environment::new();
        let template = "{{ nav.title }}|{% for n in nav.children %}{{ n.id }} {% endfor %}|{{ nav.more }}|{{ nav|length }}|{% for k, v in nav|items %}{{ k }}={{ v }};{% endfor %}|{{ nav is mapping }}";
        let render = |nav: &Value| {
            env.render_str(template, minijinja::context! { nav => nav.clone() })
                .unwrap()
        };
        assert!(
            render(&eager).starts_with("Unit a|b c |"),
            "{}",
            render(&eager)
        );
        assert_eq!(render(&lazy), render(&eager));
    }

    #[test]
    fn compact_drops_indentation_but_keeps_preformatted_text() {
        let page = "<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>\n<pre><code>fn x() {\n    y\n\n}\n</code></pre>\n  <p>c</p>\n";
        assert_eq!(
            compact(page),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code>fn x() {\n    y\n\n}\n</code></pre>\n<p>c</p>\n"
        );
        assert_eq!(
            compact("  <pre>one</pre>\n  <p>x</p>\n"),
            "<pre>one</pre>\n<p>x</p>\n"
        );
        // Without any `<pre`, every line is trimmed (a pager's `prev` is no
        // `<pre>`), Windows line ends too.
        assert_eq!(
            compact("  <a rel=\"prev\">p</a>\n\n\t<p>  x</p>\r\n   \n"),
            "<a rel=\"prev\">p</a>\n<p>  x</p>\n"
        );
    }
}
