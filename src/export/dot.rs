//! Graphviz DOT: reporting lines as edges, links dotted or dashed.

use std::fmt::Write as _;

use crate::model::{LineStyle, Organisation, Placement};

/// A DOT string literal.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn write(org: &Organisation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&org.name));
    out.push_str("  graph [rankdir=TB, splines=ortho, nodesep=0.3];\n");
    out.push_str("  node [shape=box, style=rounded, fontname=\"DejaVu Sans\", fontsize=10];\n");
    for u in org.preorder(org.root) {
        let unit = &org.units[u];
        let mut label = unit.name.clone();
        let head = super::head_text(org, u);
        if !head.is_empty() {
            label.push('\n');
            label.push_str(&head);
        }
        if !unit.total_fte.is_zero() {
            label.push('\n');
            label.push_str(&org.locale.format_fte(unit.total_fte));
        }
        let _ = writeln!(out, "  {} [label={}];", quote(&unit.id), quote(&label));
    }
    for u in org.preorder(org.root) {
        let unit = &org.units[u];
        if let Some(p) = unit.parent {
            let style = match org.kinds[unit.kind].placement {
                Placement::Affiliated => " [style=dotted]",
                Placement::Side => " [arrowhead=none, constraint=false]",
                Placement::Below => "",
            };
            let _ = writeln!(
                out,
                "  {} -> {}{style};",
                quote(&org.units[p].id),
                quote(&unit.id)
            );
        }
    }
    for l in &org.links {
        let style = match l.style {
            LineStyle::Dotted => "dotted",
            LineStyle::Dashed => "dashed",
        };
        let label = l
            .label
            .as_deref()
            .map(|s| format!(", label={}", quote(s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} -> {} [style={style}, constraint=false, arrowhead=none{label}];",
            quote(&org.units[l.from].id),
            quote(&org.units[l.to].id)
        );
    }
    out.push_str("}\n");
    out
}
