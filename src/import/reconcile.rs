//! Accounting for every FTE an import reads: what was read, what is in the
//! organisation, and each difference with its cause and its rows.

use std::collections::BTreeMap;

use super::group::line_list;
use crate::model::{Fte, Locale};
use crate::source::{Sources, Span};

/// Why rows were left out, as (one row, several rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    NoPost,
    Eliminated,
    NoId,
    Duplicate,
    Dangling,
    UnknownJuniorPost,
}

impl Cause {
    fn words(self, n: usize) -> String {
        let (one, many) = match self {
            Cause::NoPost => ("row without a post", "rows without a post"),
            Cause::Eliminated => ("eliminated post", "eliminated posts"),
            Cause::NoId => ("row without an id", "rows without an id"),
            Cause::Duplicate => ("repeated row left out", "repeated rows left out"),
            Cause::Dangling => (
                "row reporting to an unknown id, dropped",
                "rows reporting to an unknown id, dropped",
            ),
            Cause::UnknownJuniorPost => (
                "junior row for an unknown senior post",
                "junior rows for an unknown senior post",
            ),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// The FTE read and the FTE left out, row by row.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub read: Fte,
    pub left_out: Vec<(Cause, Fte, Span)>,
    /// The FTE of the organisation written (set once the import is done).
    pub in_organisation: Fte,
}

impl Ledger {
    pub fn read(&mut self, fte: Fte) {
        self.read += fte;
    }

    pub fn leave_out(&mut self, cause: Cause, fte: Fte, span: Span) {
        self.left_out.push((cause, fte, span));
    }

    pub fn left_out_total(&self) -> Fte {
        self.left_out.iter().map(|(_, f, _)| *f).sum()
    }

    /// FTE neither in the organisation nor explained: zero unless the import
    /// has a bug, which the tests would catch.
    pub fn unexplained(&self) -> i64 {
        self.read.hundredths()
            - self.left_out_total().hundredths()
            - self.in_organisation.hundredths()
    }

    /// The report, e.g. `FTE read: 1,000.00; in the organisation: 987.50;
    /// 12.50 FTE left out: 3 rows without a post (lines 40-42); …`.
    pub fn report(&self, locale: Locale, sources: &Sources) -> Vec<String> {
        let fte = |f: Fte| locale.format_fte(f);
        let mut lines = vec![format!(
            "FTE read: {}; in the organisation: {}",
            fte(self.read),
            fte(self.in_organisation)
        )];
        let mut by_cause: BTreeMap<Cause, (Fte, Vec<&Span>)> = BTreeMap::new();
        for (cause, f, span) in &self.left_out {
            let e = by_cause.entry(*cause).or_default();
            e.0 += *f;
            e.1.push(span);
        }
        if !by_cause.is_empty() {
            let parts: Vec<String> = by_cause
                .iter()
                .map(|(cause, (f, spans))| {
                    format!(
                        "{} ({}, {})",
                        cause.words(spans.len()),
                        fte(*f),
                        line_list(spans.iter().copied(), sources)
                    )
                })
                .collect();
            lines.push(format!(
                "{} left out: {}",
                fte(self.left_out_total()),
                parts.join("; ")
            ));
        }
        let gap = self.unexplained();
        if gap != 0 {
            lines.push(format!(
                "{} not accounted for{}",
                fte(Fte::from_hundredths(gap.abs())),
                if gap < 0 {
                    " (more in the organisation than read)"
                } else {
                    ""
                }
            ));
        }
        lines
    }
}
