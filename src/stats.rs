//! Figures about an organisation: size, shape and FTE.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Fte, Organisation, UnitId};

/// Span of control of the units that have sub-units.
pub struct SpanStats {
    pub min: usize,
    pub median: usize,
    pub max: usize,
    /// Units above the organisation's `max_span`, with their span.
    pub over_limit: Vec<(UnitId, usize)>,
}

pub struct DivisionFte {
    pub unit: UnitId,
    pub own: Fte,
    pub total: Fte,
}

pub struct Stats {
    pub units: usize,
    /// Kind label → number of units, in the order the kinds are declared.
    pub per_kind: Vec<(String, usize)>,
    /// Levels below the top unit of the deepest unit.
    pub depth: usize,
    pub span: Option<SpanStats>,
    pub divisions: Vec<DivisionFte>,
    pub total_fte: Fte,
    /// Tag → own FTE of the units carrying it.
    pub per_tag: BTreeMap<String, Fte>,
    /// (unit, post title) of every vacant post.
    pub vacancies: Vec<(UnitId, String, Fte)>,
}

impl Stats {
    pub fn of(org: &Organisation) -> Stats {
        let order = org.preorder(org.root);
        let per_kind = org
            .kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                (
                    k.label.clone(),
                    order.iter().filter(|&&u| org.units[u].kind == i).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let depth = order.iter().map(|&u| org.units[u].depth).max().unwrap_or(0);
        let mut spans: Vec<(UnitId, usize)> = order
            .iter()
            .map(|&u| (u, org.units[u].children.len()))
            .filter(|(_, n)| *n > 0)
            .collect();
        let span = if spans.is_empty() {
            None
        } else {
            let mut sizes: Vec<usize> = spans.iter().map(|(_, n)| *n).collect();
            sizes.sort_unstable();
            spans.retain(|(_, n)| org.limits.max_span.is_some_and(|m| *n > m));
            Some(SpanStats {
                min: sizes[0],
                median: sizes[sizes.len() / 2],
                max: sizes[sizes.len() - 1],
                over_limit: spans,
            })
        };
        let divisions = org
            .divisions()
            .into_iter()
            .map(|u| DivisionFte {
                unit: u,
                own: org.units[u].own_fte,
                total: org.units[u].total_fte,
            })
            .collect();
        let mut per_tag: BTreeMap<String, Fte> = BTreeMap::new();
        let mut vacancies = Vec::new();
        for &u in &order {
            let unit = &org.units[u];
            for tag in &unit.tags {
                *per_tag.entry(tag.clone()).or_default() += unit.own_fte;
            }
            for post in unit.vacancies() {
                vacancies.push((u, post.title.clone(), post.fte));
            }
        }
        Stats {
            units: order.len(),
            per_kind,
            depth,
            span,
            divisions,
            total_fte: org.units[org.root].total_fte,
            per_tag,
            vacancies,
        }
    }

    /// A plain-text report, with units named by id and name.
    pub fn render(&self, org: &Organisation) -> String {
        let locale = org.locale;
        let fte = |f: Fte| locale.format_fte(f);
        let name = |u: UnitId| format!("{} ({})", org.units[u].id, org.units[u].name);
        let mut out = String::new();
        let _ = writeln!(out, "{}", org.name);
        let _ = writeln!(out, "\nUnits: {}", self.units);
        for (kind, n) in &self.per_kind {
            let _ = writeln!(out, "  {kind:<40} {n:>6}");
        }
        let _ = writeln!(out, "\nDepth: {} levels below the top unit", self.depth);
        if let Some(limit) = org.limits.max_depth {
            let _ = writeln!(out, "  limit: {limit}");
        }
        if let Some(span) = &self.span {
            let _ = writeln!(
                out,
                "\nSpan of control (direct sub-units): min {}, median {}, max {}",
                span.min, span.median, span.max
            );
            if let Some(limit) = org.limits.max_span {
                let _ = writeln!(
                    out,
                    "  limit: {limit}; units above it: {}",
                    span.over_limit.len()
                );
            }
            for (u, n) in &span.over_limit {
                let _ = writeln!(out, "  {:<50} {n:>6}", name(*u));
            }
        }
        let _ = writeln!(
            out,
            "\n{:<47}{:>16}{:>16}",
            "FTE per division", "own", "total"
        );
        for d in &self.divisions {
            let _ = writeln!(
                out,
                "  {:<45}{:>16}{:>16}",
                truncate(&name(d.unit), 45),
                fte(d.own),
                fte(d.total)
            );
        }
        let _ = writeln!(
            out,
            "  {:<45}{:>16}{:>16}",
            "whole organisation",
            "",
            fte(self.total_fte)
        );
        if !self.per_tag.is_empty() {
            let _ = writeln!(out, "\nFTE per tag (own FTE of the units with the tag)");
            for (tag, f) in &self.per_tag {
                let _ = writeln!(out, "  {tag:<45}{:>16}", fte(*f));
            }
        }
        let _ = writeln!(out, "\nVacancies: {}", self.vacancies.len());
        for (u, title, f) in &self.vacancies {
            let _ = writeln!(
                out,
                "  {:<45}{:>16}",
                truncate(&format!("{title}, {}", name(*u)), 45),
                fte(*f)
            );
        }
        out
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}
