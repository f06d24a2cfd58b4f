//! Reading the values of cells: FTE figures as people type them.

use crate::diagnostics::{Code, Diagnostic};
use std::borrow::Cow;

use crate::model::Fte;
use crate::model::fte::FteError;
use crate::source::Span;

/// The decimal text of an FTE cell: `52,86` (decimal comma), `1,234.50` or
/// `1.234,50` (with thousands separators) all become `…` with a point.
fn normalise(t: &str) -> Cow<'_, str> {
    // Most cells are plain figures already (`0.8`): nothing to copy.
    if !t.contains(|c: char| c == ',' || c.is_whitespace()) {
        return Cow::Borrowed(t);
    }
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    Cow::Owned(match (t.rfind(','), t.rfind('.')) {
        // `1,234.50`: the commas group thousands.
        (Some(c), Some(d)) if c < d => t.replace(',', ""),
        // `1.234,50`: the points group thousands.
        (Some(_), Some(_)) => t.replace('.', "").replace(',', "."),
        // `52,86`: a decimal comma (one comma only).
        (Some(_), None) if t.matches(',').count() == 1 => t.replace(',', "."),
        _ => t,
    })
}

/// An FTE figure from a spreadsheet cell; blank is `None`. More than two
/// decimals are rounded (half away from zero), with a warning. `what` names
/// the row in a diagnostic (only made into text when there is one).
pub fn parse_fte(
    text: &str,
    span: &Span,
    what: &dyn std::fmt::Display,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Fte> {
    let original = text.trim();
    if original.is_empty() {
        return None;
    }
    let t = normalise(original);
    match Fte::parse(&t) {
        Ok(f) => Some(f),
        Err(FteError::TooPrecise) => {
            let rounded = round(&t)?;
            diagnostics.push(
                Diagnostic::new(Code::RoundedFte, format!("the FTE {original} of {what} has more than two decimals; rounded to {rounded}"))
                    .at(span.clone(), "this FTE")
                    .help("organogram keeps FTE in hundredths; write the figure with two decimals to avoid rounding"),
            );
            Some(rounded)
        }
        Err(_) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::ImportFte,
                    format!("the FTE \"{original}\" of {what} is not a number of staff"),
                )
                .at(span.clone(), "not a number")
                .help("write a number of 0 or more, such as 1 or 0.8"),
            );
            None
        }
    }
}

/// Rounds a plain decimal (`0.333`, `2.5E-3` is not expected here) to hundredths.
fn round(t: &str) -> Option<Fte> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let mut hundredths: i64 = format!("{int}{:0<2}", &frac[..2.min(frac.len())])
        .parse()
        .ok()?;
    if frac.as_bytes().get(2).is_some_and(|d| *d >= b'5') {
        hundredths += 1;
    }
    Some(Fte::from_hundredths(hundredths))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fte(text: &str) -> (Option<i64>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let span = Span::new(crate::source::FileId(0), 0..0);
        let f = parse_fte(text, &span, &"x", &mut d);
        (f.map(Fte::hundredths), d)
    }

    #[test]
    fn reads_the_ways_people_write_numbers() {
        assert_eq!(fte("52,86").0, Some(5286));
        assert_eq!(fte("1,234.50").0, Some(123_450));
        assert_eq!(fte("1.234,50").0, Some(123_450));
        assert_eq!(fte(" 0.8 ").0, Some(80));
        assert_eq!(fte("").0, None);
        let (rounded, d) = fte("0.335");
        assert_eq!(rounded, Some(34));
        assert_eq!(d[0].code, Code::RoundedFte);
    }

    #[test]
    fn a_bad_value_is_quoted_as_written() {
        let (f, d) = fte("1,2,3");
        assert_eq!(f, None);
        assert!(d[0].message.contains("\"1,2,3\""), "{}", d[0].message);
    }
}
