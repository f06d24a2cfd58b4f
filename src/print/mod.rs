//! Print-ready charts: a PDF per chart, a PDF booklet of all charts, and
//! PNG pictures. Charts are drawn from their SVG with the bundled DejaVu
//! fonts (the ones the layout measures with), so the output is the same on
//! every machine: the PDFs are drawn with krilla by a reader of the charts'
//! own SVG (`draw`), the PNGs are painted by resvg.

use resvg::usvg;

mod booklet;
mod cut;
mod deflate;
mod draw;
mod fonts;
mod join;
mod objects;
mod pdf;
mod png;
pub mod sections;
mod style;

pub use booklet::{Booklet, OnSection, booklet, chart_pdf, charts_pdf, section_page};
pub use cut::page_pdf as cut_page;
pub use png::{PNG_SCALE, png};

/// Reads a chart's SVG with the bundled fonts, for resvg.
fn parse(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &fonts::svg_options())
        .map_err(|e| format!("a chart could not be read back for printing: {e}"))
}

/// The date of `SOURCE_DATE_EPOCH` (seconds since 1970, the convention of
/// reproducible builds) as `YYYY-MM-DD`, if it is set.
pub fn source_date() -> Option<String> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(civil_date(secs.div_euclid(86_400)))
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_from_days_since_1970() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(20_423), "2025-12-01");
        assert_eq!(super::civil_date(11_016), "2000-02-29");
    }
}
