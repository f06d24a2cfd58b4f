//! A Mermaid flowchart, for Markdown renderers that draw Mermaid.

use std::fmt::Write as _;

use crate::model::{Organisation, Placement};

/// Mermaid label text: quotes and markup characters as entity codes.
fn label(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(org: &Organisation) -> String {
    let mut out = String::from("flowchart TD\n");
    // Node ids by position: unit ids may hold `-`, which Mermaid reads as an edge.
    let node = |u: usize| format!("u{u}");
    for u in org.preorder(org.root) {
        let unit = &org.units[u];
        let mut text = unit.name.clone();
        let head = super::head_text(org, u);
        if !head.is_empty() {
            text.push('\n');
            text.push_str(&head);
        }
        if !unit.total_fte.is_zero() {
            text.push('\n');
            text.push_str(&org.locale.format_fte(unit.total_fte));
        }
        let _ = writeln!(out, "  {}[\"{}\"]", node(u), label(&text));
    }
    for u in org.preorder(org.root) {
        if let Some(p) = org.units[u].parent {
            let arrow = match org.kinds[org.units[u].kind].placement {
                Placement::Affiliated => "-.-",
                Placement::Side => "---",
                Placement::Below => "-->",
            };
            let _ = writeln!(out, "  {} {arrow} {}", node(p), node(u));
        }
    }
    for l in &org.links {
        // Mermaid draws one kind of dotted line for both styles.
        let arrow = "-.-";
        match &l.label {
            Some(text) => {
                let _ = writeln!(
                    out,
                    "  {} {arrow}|\"{}\"| {}",
                    node(l.from),
                    label(text),
                    node(l.to)
                );
            }
            None => {
                let _ = writeln!(out, "  {} {arrow} {}", node(l.from), node(l.to));
            }
        }
    }
    out
}
