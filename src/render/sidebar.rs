//! The sidebar's unit tree of a site page as HTML (`nav_html` in the
//! templates), made here rather than by a recursive template loop: it is on
//! every page, and looping over it in the template took about a tenth of a
//! large build. The tree stays in the templates' context as `nav`, for a
//! template that draws it its own way.

use std::fmt::Write as _;

use minijinja::HtmlEscape;

use super::svg::escape_owned;
use crate::handbook::{NavNode, Page};

/// Where the page is, for its links.
pub(crate) struct Here<'a> {
    pub root: &'a str,
    pub folder: &'a str,
}

/// `<li>` items of `nav` (the tree from the top unit down) as the page
/// `page` shows them: its own unit marked current, the branches in
/// `page.open` unfolded, `more` (the label of the "… more" link) after a
/// shortened list. Walked with a stack, not recursion: the whole tree of a
/// small organisation may be deep.
pub(crate) fn tree(nav: &NavNode, page: &Page, here: &Here, more: &str) -> String {
    let mut out = String::with_capacity(2048);
    let link = |path: &str| escape_owned(super::href(here.root, here.folder, path, ".html"));
    // A node to open, or the closing of a node's list of children.
    enum Step<'n> {
        Open(&'n NavNode),
        Close(&'n NavNode),
    }
    let mut steps = vec![Step::Open(nav)];
    while let Some(step) = steps.pop() {
        match step {
            Step::Open(node) => {
                out.push_str("<li>");
                if node.path.is_empty() {
                    let _ = write!(
                        out,
                        "<span class=\"nav-gap\">{}</span>",
                        HtmlEscape(&node.title)
                    );
                } else {
                    let _ = write!(out, "<a href=\"{}\"", link(&node.path));
                    if page.current_unit.as_deref() == Some(node.id.as_str()) {
                        out.push_str(" aria-current=\"page\"");
                    }
                    let _ = write!(out, ">{}</a>", HtmlEscape(&node.title));
                }
                if node.children.is_empty() {
                    out.push_str("</li>\n");
                    continue;
                }
                let id = if node.id.is_empty() { "gap" } else { &node.id };
                let _ = write!(out, "<ul id=\"nav-{}\"", HtmlEscape(id));
                if !node.path.is_empty() && !page.open.contains(&node.id) {
                    out.push_str(" class=\"nav-closed\"");
                }
                out.push('>');
                steps.push(Step::Close(node));
                steps.extend(node.children.iter().rev().map(Step::Open));
            }
            Step::Close(node) => {
                if let Some(m) = &node.more {
                    let _ = write!(
                        out,
                        "<li class=\"nav-more\"><a href=\"{}\">{} {}</a></li>",
                        link(&m.path),
                        HtmlEscape(&m.count),
                        HtmlEscape(more)
                    );
                }
                out.push_str("</ul></li>\n");
            }
        }
    }
    out
}
