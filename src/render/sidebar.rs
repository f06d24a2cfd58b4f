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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handbook::model::{Content, FreePageContent, More};
    use crate::handbook::text::Rich;

    fn node(id: &str, title: &str, children: Vec<NavNode>) -> NavNode {
        NavNode {
            id: id.into(),
            title: title.into(),
            path: if id.is_empty() {
                String::new()
            } else {
                format!("units/{id}")
            },
            children,
            more: None,
        }
    }

    fn page(current: &str, open: &[&str]) -> Page {
        Page {
            path: format!("units/{current}"),
            title: current.into(),
            breadcrumb: vec![],
            prev: None,
            next: None,
            open: open.iter().map(|s| s.to_string()).collect(),
            current_unit: Some(current.into()),
            content: Content::Free(FreePageContent {
                body: Rich {
                    markdown: String::new(),
                    html: String::new(),
                },
            }),
        }
    }

    #[test]
    fn the_tree_marks_the_page_folds_closed_branches_and_escapes() {
        let mut team = node("team", "R&D <Team>", vec![node("a", "A/B", vec![])]);
        team.more = Some(More {
            count: "4.980".into(),
            path: "lists/team-1".into(),
        });
        let nav = node(
            "top",
            "Top",
            vec![
                node("", "…", vec![team]),
                node("other", "Other", vec![node("x", "X", vec![])]),
            ],
        );
        let here = Here {
            root: "../",
            folder: "units/",
        };
        let html = tree(&nav, &page("a", &["top", "team"]), &here, "more");
        assert_eq!(
            html,
            "<li><a href=\"top.html\">Top</a><ul id=\"nav-top\">\
             <li><span class=\"nav-gap\">…</span><ul id=\"nav-gap\">\
             <li><a href=\"team.html\">R&amp;D &lt;Team&gt;</a><ul id=\"nav-team\">\
             <li><a href=\"a.html\" aria-current=\"page\">A&#x2f;B</a></li>\n\
             <li class=\"nav-more\"><a href=\"../lists/team-1.html\">4.980 more</a></li></ul></li>\n\
             </ul></li>\n\
             <li><a href=\"other.html\">Other</a><ul id=\"nav-other\" class=\"nav-closed\">\
             <li><a href=\"x.html\">X</a></li>\n</ul></li>\n\
             </ul></li>\n"
        );
    }

    #[test]
    fn a_deep_tree_is_walked_without_recursion() {
        let mut nav = node("u0", "U0", vec![]);
        for i in 1..20_000 {
            nav = node(&format!("u{i}"), "U", vec![nav]);
        }
        let html = tree(
            &nav,
            &page("u0", &[]),
            &Here {
                root: "../",
                folder: "units/",
            },
            "more",
        );
        assert_eq!(html.matches("<li>").count(), 20_000);
        assert!(html.contains("aria-current"));
        // A NavNode this deep would overflow the stack when dropped
        // recursively: unwind it by hand.
        let mut stack = vec![nav];
        while let Some(mut n) = stack.pop() {
            stack.append(&mut n.children);
        }
    }
}
