//! Writes charts as SVG: well-formed, accessible, print-friendly and
//! byte-for-byte deterministic.

use std::fmt::Write as _;

use crate::charts::LINE_STYLES;
use crate::layout::{Layout, Line, Stroke, Weight};

/// What the SVG says about one box besides its geometry.
#[derive(Clone, Debug, Default)]
pub struct BoxMeta {
    /// `unit-<id>` for units; `None` for stubs.
    pub dom_id: Option<String>,
    /// Extra CSS classes (`vacant`, `kind-directie`, `stub`, `added`, …).
    pub classes: Vec<String>,
    /// The accessible name of the box.
    pub title: String,
    pub href: Option<String>,
    /// Colour of the tag band across the top, as an index into the palette.
    pub band: Option<usize>,
}

/// A secondary line (dotted link, governance relation).
#[derive(Clone, Debug)]
pub struct Connection {
    pub points: Vec<(f32, f32)>,
    /// Draw as a smooth curve through the points (control points in between).
    pub curved: bool,
    pub stroke: Stroke,
    pub label: Option<String>,
    pub label_at: (f32, f32),
    pub arrow: bool,
    pub class: &'static str,
}

/// A whole chart to write.
pub struct Drawing<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub lang: &'a str,
    pub layout: &'a Layout,
    pub meta: &'a [BoxMeta],
    pub connections: &'a [Connection],
    /// (palette index, text) for the legend.
    pub legend: &'a [(usize, String)],
    pub legend_title: &'a str,
    /// (CSS class, text) of the kinds of change a diff chart marks, for a
    /// second legend; empty on other charts.
    pub changes: &'a [(&'static str, &'a str)],
    pub changes_title: &'a str,
}

/// Print-friendly tag colours.
pub const PALETTE: &[&str] = &[
    "#2e86c1", "#28b463", "#d68910", "#8e44ad", "#c0392b", "#17a589", "#7f8c8d", "#a04000",
];

const FONT: &str = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";
const TITLE_HEIGHT: f32 = 44.0;

fn style() -> &'static str {
    static STYLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STYLE.get_or_init(|| build_style(""))
}

/// The rules of every chart, as `(selectors, declarations)`, in the
/// order they are written: the one look of the SVG files, the pages' inline
/// charts and the PDFs drawn from them (`print::draw`).
pub(crate) fn rules() -> Vec<(String, String)> {
    let mut rules: Vec<(&'static str, String)> = [
        ("text", format!("font-family:{FONT};fill:#1c2833")),
        (
            ".box",
            "fill:#ffffff;stroke:#34495e;stroke-width:1.2".into(),
        ),
        (
            ".unit a:hover .box,.unit a:focus .box",
            "fill:#eaf2f8".into(),
        ),
        (".stub .box", "fill:#f4f6f7;stroke-dasharray:5 3".into()),
        (".affiliated .box", "stroke-dasharray:2 2".into()),
        (".head,.holder,.fte", "fill:#424949".into()),
        (".vacancy", "fill:#b03a2e;font-weight:bold".into()),
        (".task", "fill:#273746".into()),
        // Upright: the grey, dashed box says "continued" well enough, and a
        // third face would be a third font in every chart's PDF.
        (".more,.stub-text", "fill:#515a5a".into()),
        (".note", "fill:#1a5276".into()),
        (".rule", "stroke:#aab7b8;stroke-width:0.8".into()),
        (".conn", "fill:none;stroke:#566573;stroke-width:1.2".into()),
        (".dotted", "stroke-dasharray:2 3".into()),
        (".dashed", "stroke-dasharray:6 4".into()),
        (".link", "fill:none;stroke:#7d3c98;stroke-width:1.2".into()),
        (
            ".relation",
            "fill:none;stroke:#34495e;stroke-width:1.2".into(),
        ),
        (".label", "font-size:10px;fill:#4a235a".into()),
        (".title", "font-size:20px;font-weight:bold".into()),
        (".legend-text", "font-size:11px".into()),
        (
            ".added .box",
            "fill:#e9f7ef;stroke:#1e8449;stroke-width:2.4".into(),
        ),
        (
            ".moved .box",
            "fill:#fef5e7;stroke:#b9770e;stroke-width:2.4".into(),
        ),
        (".changed .box", "stroke:#2874a6;stroke-width:2.4".into()),
        (".removed", "opacity:0.45".into()),
        (".removed .box", "stroke-dasharray:4 3".into()),
    ]
    .into();
    const BANDS: [&str; 8] = [
        ".band-0", ".band-1", ".band-2", ".band-3", ".band-4", ".band-5", ".band-6", ".band-7",
    ];
    for (band, colour) in BANDS.iter().zip(PALETTE) {
        rules.push((band, format!("fill:{colour}")));
    }
    let mut rules: Vec<(String, String)> = rules
        .into_iter()
        .map(|(selectors, declarations)| (selectors.to_string(), declarations))
        .collect();
    for (class, size, weight) in LINE_STYLES {
        rules.push((
            format!(".{class}"),
            format!("font-size:{}px;font-weight:{}", n(size), weight_css(weight)),
        ));
    }
    rules
}

/// The charts' CSS with every selector under `scope` (`""`: none, as in a
/// chart file; `.chart-frame svg`: the stylesheet of a page whose inline
/// charts carry no style of their own, and whose other elements it must not
/// touch).
pub fn build_style(scope: &str) -> String {
    let scoped = |selectors: &str| -> String {
        if scope.is_empty() {
            return selectors.to_string();
        }
        selectors
            .split(',')
            .map(|s| format!("{scope} {s}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut css = String::new();
    for (selectors, declarations) in rules() {
        let _ = write!(css, "{}{{{declarations}}}", scoped(&selectors));
    }
    let _ = write!(
        css,
        "@media print{{{}{{fill:#ffffff}}}}",
        scoped(".unit a:hover .box")
    );
    css
}

/// `svg` without its `<style>` element, for a page whose stylesheet has
/// the charts' rules ([`build_style`]): the same drawing, 1.5 KB smaller.
///
/// The element is the first `<style>` of the chart (text is escaped): it is
/// found by its opening tag and compared, not searched for whole (a search
/// for the 1.5 KB element set up its searcher for every chart of a page).
pub fn without_style(svg: &str) -> String {
    static ELEMENT: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("<style>{}</style>\n", style()));
    match memchr::memmem::find(svg.as_bytes(), b"<style>") {
        Some(at) if svg[at..].starts_with(ELEMENT.as_str()) => {
            let mut out = String::with_capacity(svg.len() - ELEMENT.len());
            out.push_str(&svg[..at]);
            out.push_str(&svg[at + ELEMENT.len()..]);
            out
        }
        _ => svg.to_string(),
    }
}

/// Escapes text for SVG content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// [`escape`] of a string of one's own: itself when nothing needs escaping
/// (as for almost every link).
pub fn escape_owned(s: String) -> String {
    if needs_escaping(&s) { escape(&s) } else { s }
}

/// Whether `s` holds a character that text or an attribute must not hold
/// as it is: one pass over the bytes (every one of them is ASCII).
fn needs_escaping(s: &str) -> bool {
    s.bytes()
        .any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
}

/// Appends `s` escaped, without an intermediate string.
fn push_escaped(out: &mut String, s: &str) {
    if !needs_escaping(s) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A coordinate written with at most one decimal, without `-0`, and
/// without allocating (charts of large organisations hold millions).
#[derive(Clone, Copy)]
struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(digits(self.0, &mut [0; 24]))
    }
}

fn n(v: f32) -> Num {
    Num(v)
}

/// Appends `v` as [`Num`] writes it: the charts' numbers are most of their
/// text, and the formatting machinery was most of the time writing them.
fn push_num(out: &mut String, v: f32) {
    out.push_str(digits(v, &mut [0; 24]));
}

/// `v` rounded to tenths, in `buf`: the digits, a point and the tenth
/// unless it is 0, and a minus sign unless it rounds to 0.
fn digits(v: f32, buf: &mut [u8; 24]) -> &str {
    let tenths = (f64::from(v) * 10.0).round() as i64;
    let mut t = tenths.unsigned_abs();
    let mut i = buf.len();
    let mut put = |b: u8| {
        i -= 1;
        buf[i] = b;
    };
    let tenth = (t % 10) as u8;
    if tenth != 0 {
        put(b'0' + tenth);
        put(b'.');
    }
    t /= 10;
    loop {
        put(b'0' + (t % 10) as u8);
        t /= 10;
        if t == 0 {
            break;
        }
    }
    if tenths < 0 {
        put(b'-');
    }
    // At most 19 digits, a point, a tenth and a sign: ASCII, in the buffer.
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// Appends `pieces`: text as it is, numbers as [`push_num`] writes them.
fn push_all(out: &mut String, pieces: &[Piece]) {
    for piece in pieces {
        match *piece {
            Piece::S(s) => out.push_str(s),
            Piece::N(v) => push_num(out, v),
        }
    }
}

/// A piece of an element written by [`push_all`].
enum Piece<'a> {
    S(&'a str),
    N(f32),
}
use Piece::{N, S};

fn weight_css(weight: Weight) -> &'static str {
    match weight {
        Weight::Bold => "bold",
        Weight::Regular => "normal",
    }
}

fn text_line(out: &mut String, line: &Line, x: f32, y: f32) {
    push_all(
        out,
        &[
            S("<text class=\""),
            S(line.class),
            S("\" x=\""),
            N(x + line.x),
            S("\" y=\""),
            N(y + line.baseline),
            S("\""),
        ],
    );
    let bold = line.weight == Weight::Bold;
    match LINE_STYLES.iter().find(|(class, ..)| *class == line.class) {
        // The style's rule for the class beats an attribute: an inline style does not.
        Some((_, size, weight)) => {
            if *size != line.size || *weight != line.weight {
                push_all(
                    out,
                    &[
                        S(" style=\"font-size:"),
                        N(line.size),
                        S("px;font-weight:"),
                        S(weight_css(line.weight)),
                        S("\""),
                    ],
                );
            }
        }
        None => {
            push_all(out, &[S(" font-size=\""), N(line.size), S("\"")]);
            if bold {
                out.push_str(" font-weight=\"bold\"");
            }
        }
    }
    // The measured length, which a reader's browser without DejaVu Sans
    // keeps by spacing its own font's letters (the print files have the font).
    push_all(out, &[S(" textLength=\""), N(line.width), S("\">")]);
    push_escaped(out, &line.text);
    out.push_str("</text>");
}

/// Appends the `d` of a path through `points`.
fn path_data(out: &mut String, points: &[(f32, f32)], curved: bool) {
    if curved && points.len() >= 4 && (points.len() - 1).is_multiple_of(3) {
        push_all(out, &[S("M"), N(points[0].0), S(" "), N(points[0].1)]);
        for c in points[1..].chunks(3) {
            for (k, &(x, y)) in c.iter().enumerate() {
                push_all(
                    out,
                    &[S(if k == 0 { " C" } else { " " }), N(x), S(" "), N(y)],
                );
            }
        }
        return;
    }
    for (i, &(x, y)) in points.iter().enumerate() {
        push_all(
            out,
            &[S(if i == 0 { "M" } else { " L" }), N(x), S(" "), N(y)],
        );
    }
}

fn stroke_class(s: Stroke) -> &'static str {
    match s {
        Stroke::Solid => "",
        Stroke::Dotted => " dotted",
        Stroke::Dashed => " dashed",
    }
}

/// Height of the legend of `entries` tags (0 without tags).
pub fn legend_height(entries: usize) -> f32 {
    if entries == 0 {
        0.0
    } else {
        24.0 + 20.0 * entries.div_ceil(TAG_COLUMNS) as f32
    }
}

/// Width and height of the document (its `viewBox`) for drawing `d`. The
/// layout's coordinates sit [`TOP`] below the document's.
pub fn canvas(d: &Drawing) -> (f32, f32) {
    let title_width = crate::layout::text::width(d.title, 20.0, Weight::Bold) + 48.0;
    let width = d
        .layout
        .width
        .max(title_width)
        .max(MIN_WIDTH)
        // The legend of changes is one row.
        .max(legend_width(changes_column(d), d.changes.len(), usize::MAX))
        .max(legend_width(tags_column(d), d.legend.len(), TAG_COLUMNS));
    let height = d.layout.height
        + TITLE_HEIGHT
        + legend_height(d.legend.len())
        + legend_height(d.changes.len().min(1));
    (width, height)
}

/// A legend of tags has up to this many columns.
const TAG_COLUMNS: usize = 4;

/// Width of a column of a legend: its swatch (with the gap after it), its
/// widest label and the gap to the next column.
fn legend_column<'a>(labels: impl Iterator<Item = &'a str>, swatch: f32) -> f32 {
    let widest = labels
        .map(|label| crate::layout::text::width(label, 11.0, Weight::Regular))
        .fold(0.0, f32::max);
    swatch + widest + 24.0
}

/// The width a legend of `entries` needs, `per_row` columns of `column` a
/// row: the document is at least that wide, so that no label is cut off or
/// runs into the next.
fn legend_width(column: f32, entries: usize, per_row: usize) -> f32 {
    if entries == 0 {
        return 0.0;
    }
    48.0 + column * entries.min(per_row) as f32
}

fn tags_column(d: &Drawing) -> f32 {
    legend_column(d.legend.iter().map(|(_, label)| &label[..]), 20.0)
}

fn changes_column(d: &Drawing) -> f32 {
    legend_column(d.changes.iter().map(|(_, label)| &label[..]), 28.0)
}

/// The drawing sits this far below the top of the document (under the title).
pub const TOP: f32 = TITLE_HEIGHT;
/// Narrowest document, so that a chart of one box still has room for its title.
const MIN_WIDTH: f32 = 420.0;

/// The SVG document.
pub fn write(d: &Drawing) -> String {
    let layout = d.layout;
    let (width, height) = canvas(d);
    let mut out = String::with_capacity(1024 + layout.boxes.len() * 600);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xml:lang=\"{}\">",
        n(width),
        n(height),
        n(width),
        n(height),
        escape(d.lang)
    );
    let _ = writeln!(out, "<title id=\"chart-title\">{}</title>", escape(d.title));
    let _ = writeln!(
        out,
        "<desc id=\"chart-desc\">{}</desc>",
        escape(d.description)
    );
    let _ = writeln!(out, "<style>{}</style>", style());
    out.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"#34495e\"/></marker></defs>\n");
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        out,
        "<text class=\"title\" x=\"24\" y=\"30\">{}</text>",
        escape(d.title)
    );
    let _ = writeln!(out, "<g transform=\"translate(0 {})\">", n(TITLE_HEIGHT));
    out.push_str("<g class=\"connectors\">\n");
    for p in &layout.paths {
        push_all(
            &mut out,
            &[
                S("<path class=\"conn"),
                S(stroke_class(p.stroke)),
                S("\" d=\""),
            ],
        );
        path_data(&mut out, &p.points, false);
        out.push_str("\"/>\n");
    }
    out.push_str("</g>\n<g class=\"units\">\n");
    let no_meta = BoxMeta::default();
    for (i, placed) in layout.boxes.iter().enumerate() {
        let meta = d.meta.get(i).unwrap_or(&no_meta);
        let r = placed.rect;
        out.push_str("<g");
        if let Some(id) = &meta.dom_id {
            out.push_str(" id=\"");
            push_escaped(&mut out, id);
            out.push('"');
        }
        out.push_str(" class=\"");
        let mut classes = match &meta.dom_id {
            Some(id) if id.starts_with("unit-") => Some("unit"),
            Some(_) => None,
            None => Some("stub"),
        }
        .into_iter()
        .chain(meta.classes.iter().map(String::as_str));
        if let Some(first) = classes.next() {
            push_escaped(&mut out, first);
        }
        for class in classes {
            out.push(' ');
            push_escaped(&mut out, class);
        }
        out.push_str("\"><title>");
        push_escaped(&mut out, &meta.title);
        out.push_str("</title>");
        if let Some(href) = &meta.href {
            out.push_str("<a href=\"");
            push_escaped(&mut out, href);
            out.push_str("\">");
        }
        push_all(
            &mut out,
            &[
                S("<rect class=\"box\" x=\""),
                N(r.x),
                S("\" y=\""),
                N(r.y),
                S("\" width=\""),
                N(r.w),
                S("\" height=\""),
                N(r.h),
                S("\" rx=\"3\"/>"),
            ],
        );
        if let Some(band) = meta.band {
            let _ = write!(out, "<rect class=\"band band-{}\"", band % PALETTE.len());
            push_all(
                &mut out,
                &[
                    S(" x=\""),
                    N(r.x + 0.6),
                    S("\" y=\""),
                    N(r.y + 0.6),
                    S("\" width=\""),
                    N(r.w - 1.2),
                    S("\" height=\"4\"/>"),
                ],
            );
        }
        for rule in &placed.content.rules {
            let rule = r.y + rule;
            push_all(
                &mut out,
                &[
                    S("<line class=\"rule\" x1=\""),
                    N(r.x + 6.0),
                    S("\" y1=\""),
                    N(rule),
                    S("\" x2=\""),
                    N(r.right() - 6.0),
                    S("\" y2=\""),
                    N(rule),
                    S("\"/>"),
                ],
            );
        }
        for line in &placed.content.lines {
            text_line(&mut out, line, r.x, r.y);
        }
        if meta.href.is_some() {
            out.push_str("</a>");
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"connections\">\n");
    for c in d.connections {
        let marker = if c.arrow {
            " marker-end=\"url(#arrow)\""
        } else {
            ""
        };
        push_all(
            &mut out,
            &[
                S("<path class=\""),
                S(c.class),
                S(stroke_class(c.stroke)),
                S("\" d=\""),
            ],
        );
        path_data(&mut out, &c.points, c.curved);
        push_all(&mut out, &[S("\""), S(marker), S("/>\n")]);
        if let Some(label) = &c.label {
            let w = crate::layout::text::width(label, 10.0, Weight::Regular);
            let _ = writeln!(
                out,
                "<text class=\"label\" x=\"{}\" y=\"{}\" font-size=\"10\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                n(c.label_at.0 - w / 2.0),
                n(c.label_at.1 - 3.0),
                n(w),
                escape(label)
            );
        }
    }
    out.push_str("</g>\n</g>\n");
    if !d.legend.is_empty() {
        let top = TITLE_HEIGHT + layout.height;
        let _ = writeln!(
            out,
            "<g class=\"legend\"><text class=\"legend-text\" x=\"24\" y=\"{}\" font-weight=\"bold\">{}</text>",
            n(top + 14.0),
            escape(d.legend_title)
        );
        let column = tags_column(d);
        for (k, (colour, label)) in d.legend.iter().enumerate() {
            let (x, y) = (
                24.0 + column * (k % TAG_COLUMNS) as f32,
                top + 24.0 + 20.0 * (k / TAG_COLUMNS) as f32,
            );
            let _ = writeln!(
                out,
                "<rect class=\"band-{}\" x=\"{}\" y=\"{}\" width=\"14\" height=\"10\"/><text class=\"legend-text\" x=\"{}\" y=\"{}\">{}</text>",
                colour % PALETTE.len(),
                n(x),
                n(y),
                n(x + 20.0),
                n(y + 9.0),
                escape(label)
            );
        }
        out.push_str("</g>\n");
    }
    if !d.changes.is_empty() {
        // Below the tags' legend: each kind of change as a small box drawn
        // the way the chart draws it.
        let top = TITLE_HEIGHT + layout.height + legend_height(d.legend.len());
        let _ = writeln!(
            out,
            "<g class=\"legend changes\"><text class=\"legend-text\" x=\"24\" y=\"{}\" font-weight=\"bold\">{}</text>",
            n(top + 14.0),
            escape(d.changes_title)
        );
        let column = changes_column(d);
        for (k, (class, label)) in d.changes.iter().enumerate() {
            let (x, y) = (24.0 + column * k as f32, top + 24.0);
            let _ = writeln!(
                out,
                "<g class=\"{}\"><rect class=\"box\" x=\"{}\" y=\"{}\" width=\"22\" height=\"12\" rx=\"2\"/></g><text class=\"legend-text\" x=\"{}\" y=\"{}\">{}</text>",
                escape(class),
                n(x),
                n(y - 1.0),
                n(x + 28.0),
                n(y + 9.0),
                escape(label)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_one_decimal_and_no_negative_zero() {
        for (v, written) in [
            (0.0, "0"),
            (0.04, "0"),
            (-0.04, "0"),
            (0.05, "0.1"),
            (12.0, "12"),
            (-12.34, "-12.3"),
            (-1.25, "-1.3"),
            (1234.96, "1235"),
            (1.0e9, "1000000000"),
        ] {
            let mut out = String::from("x");
            push_num(&mut out, v);
            assert_eq!(out, format!("x{written}"), "{v}");
            assert_eq!(n(v).to_string(), written, "{v}");
        }
    }
}
