//! One diagnostic for many rows with the same problem, instead of a flood:
//! the first places are shown, the rest are counted and listed by line.

use crate::diagnostics::Diagnostic;
use crate::source::{Sources, Span};

/// Places shown with their source line; the rest are listed by number.
const SHOWN: usize = 4;
/// Line numbers listed in the note before "and N more".
const LISTED: usize = 12;

/// Adds the places to `d`: the first as the primary label, the next few as
/// secondary labels, and a note with the lines of all the others.
pub fn places(mut d: Diagnostic, places: &[(Span, String)], sources: &Sources) -> Diagnostic {
    let Some((first, label)) = places.first() else {
        return d;
    };
    d = d.at(first.clone(), label.clone());
    for (span, label) in places.iter().skip(1).take(SHOWN - 1) {
        d = d.also(span.clone(), label.clone());
    }
    if places.len() > SHOWN {
        let rest = &places[SHOWN..];
        d = d.note(format!(
            "and {} more {}: {}",
            rest.len(),
            if rest.len() == 1 { "row" } else { "rows" },
            line_list(rest.iter().map(|(s, _)| s), sources)
        ));
    }
    d
}

/// `lines 40-42, 97 and 3 more`: the lines of the spans, runs joined.
pub fn line_list<'a>(spans: impl Iterator<Item = &'a Span>, sources: &Sources) -> String {
    let mut lines: Vec<usize> = spans
        .map(|s| sources.line_col(s.file, s.start as usize).0)
        .collect();
    lines.sort_unstable();
    lines.dedup();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for l in &lines {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == *l => *end = *l,
            _ => runs.push((*l, *l)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .take(LISTED)
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let word = if lines.len() == 1 { "line" } else { "lines" };
    let mut text = format!("{word} {}", shown.join(", "));
    if runs.len() > LISTED {
        let more: usize = runs[LISTED..].iter().map(|(a, b)| b - a + 1).sum();
        text.push_str(&format!(" and {more} more"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_listed_in_runs() {
        let mut sources = Sources::default();
        let text: String = (1..=200).map(|i| format!("row {i}\n")).collect();
        let f = sources.add("t.csv".into(), text.clone());
        let at = |line: usize| {
            let start = text
                .match_indices('\n')
                .nth(line - 2)
                .map_or(0, |(i, _)| i + 1);
            Span::new(f, start..start)
        };
        let spans: Vec<Span> = [40, 41, 42, 97].into_iter().map(at).collect();
        assert_eq!(line_list(spans.iter(), &sources), "lines 40-42, 97");
        let many: Vec<Span> = (1..=30).map(|i| at(i * 3)).collect();
        assert_eq!(
            line_list(many.iter(), &sources),
            "lines 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36 and 18 more"
        );
    }
}
