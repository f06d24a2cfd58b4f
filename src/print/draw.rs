//! Draws a chart's SVG on a PDF page with krilla, straight from the SVG.
//!
//! The charts are written by `render::svg` in a small vocabulary (groups,
//! rectangles, lines, paths of straight lines and curves, lines of text, one
//! arrow marker) under one stylesheet, and their text is laid out already:
//! each line of text has its place and its measured length. So a chart is
//! read as XML and drawn element by element, each line of text as one run of
//! glyphs in the bundled fonts. A general SVG renderer lays the text out
//! again and draws every glyph on its own, which made printing the booklet
//! most of a large build's time.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use roxmltree::Node;

use super::style::{Element, Rgb, Sheet, Style};

/// A face of the bundled fonts: krilla's handle (what the PDF embeds) and
/// its tables (which glyph each character is, and how wide).
struct Face {
    font: Font,
    tables: ttf_parser::Face<'static>,
    /// The glyph and advance (in em) of every character below [`TABLED`],
    /// looked up once: nearly all the charts' text, whose every letter the
    /// booklet draws (the font's own tables are searched per look-up).
    tabled: Vec<Metrics>,
}

/// A glyph and its advance in em.
type Metrics = (u16, f32);

/// Basic Latin, Latin-1 and Latin Extended-A and -B.
const TABLED: u32 = 0x250;

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let tables = ttf_parser::Face::parse(data, 0).expect("the bundled fonts are valid");
        Face {
            font: Font::new(data.into(), 0).expect("the bundled fonts are valid"),
            tabled: (0..TABLED)
                .map(|c| look_up(&tables, char::from_u32(c).unwrap_or('\0')))
                .collect(),
            tables,
        }
    }

    fn metrics(&self, c: char) -> Metrics {
        match self.tabled.get(c as usize) {
            Some(&m) => m,
            None => look_up(&self.tables, c),
        }
    }
}

/// `c`'s glyph and advance in the font's own tables.
fn look_up(tables: &ttf_parser::Face, c: char) -> Metrics {
    let id = tables.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    let advance = tables.glyph_hor_advance(id).unwrap_or(0);
    (id.0, f32::from(advance) / f32::from(tables.units_per_em()))
}

fn face(bold: bool) -> &'static Face {
    static FACES: OnceLock<[Face; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| [super::fonts::REGULAR, super::fonts::BOLD].map(Face::new));
    &faces[usize::from(bold)]
}

/// A marker (the arrowhead of a relation) as a path in its own box.
struct Marker {
    points: Vec<Segment>,
    fill: Option<Rgb>,
    /// The point of the marker's box that sits on the line's end.
    reference: (f32, f32),
    /// Marker size over box size, times the line's width.
    scale: f32,
}

/// What a chart holds that the drawer did not understand: nothing, for
/// the charts this program writes (the tests check that).
#[derive(Debug, Default)]
pub struct Unknown(pub Vec<String>);

/// Draws the SVG `svg` on `surface`, its `viewBox` mapped by `transform`.
pub fn draw(surface: &mut Surface, svg: &str, transform: Transform) -> Result<Unknown, String> {
    let document = roxmltree::Document::parse(svg)
        .map_err(|e| format!("a chart could not be read back for printing: {e}"))?;
    let root = document.root_element();
    let view_box: Vec<f32> = root
        .attribute("viewBox")
        .unwrap_or("0 0 0 0")
        .split([' ', ','])
        .filter_map(|s| s.parse().ok())
        .collect();
    let size = match view_box[..] {
        [_, _, w, h] => (w, h),
        _ => (0.0, 0.0),
    };
    let mut drawer = Drawer {
        surface,
        sheet: Sheet::charts(),
        markers: markers(&document),
        size,
        ancestors: Vec::new(),
        unknown: Unknown::default(),
    };
    drawer.surface.push_transform(&transform);
    drawer.children(root, &Style::default());
    drawer.surface.pop();
    Ok(drawer.unknown)
}

struct Drawer<'s, 'p, 'd> {
    surface: &'s mut Surface<'p>,
    sheet: &'static Sheet,
    markers: HashMap<String, Marker>,
    /// The document's size, for lengths in percent.
    size: (f32, f32),
    ancestors: Vec<Element<'d>>,
    unknown: Unknown,
}

impl<'d> Drawer<'_, '_, 'd> {
    fn children(&mut self, node: Node<'d, 'd>, style: &Style) {
        for child in node.children().filter(Node::is_element) {
            self.element(child, style);
        }
    }

    fn element(&mut self, node: Node<'d, 'd>, parent: &Style) {
        let name = node.tag_name().name();
        let element = Element {
            name,
            classes: node
                .attribute("class")
                .unwrap_or("")
                .split_whitespace()
                .collect(),
        };
        let style = self.style(node, &element, parent);
        match name {
            "g" | "a" => {
                let translate = node.attribute("transform").and_then(translation);
                if let Some((x, y)) = translate {
                    self.surface
                        .push_transform(&Transform::from_translate(x, y));
                }
                let see_through = style.opacity < 1.0;
                if see_through {
                    self.surface.push_opacity(
                        NormalizedF32::new(style.opacity).unwrap_or(NormalizedF32::ONE),
                    );
                }
                self.ancestors.push(element);
                self.children(node, &style.inherited());
                self.ancestors.pop();
                if see_through {
                    self.surface.pop();
                }
                if translate.is_some() {
                    self.surface.pop();
                }
            }
            "rect" => self.rect(node, &style),
            "line" => {
                let at = |a| number(node, a);
                let line = [
                    Segment::Move(at("x1"), at("y1")),
                    Segment::Line(at("x2"), at("y2")),
                ];
                self.shape(
                    &line,
                    &Style {
                        fill: None,
                        ..style
                    },
                );
            }
            "path" => {
                let segments = path(node.attribute("d").unwrap_or(""));
                self.shape(&segments, &style);
                let marker = node
                    .attribute("marker-end")
                    .and_then(|m| m.strip_prefix("url(#")?.strip_suffix(')'));
                if let Some(marker) = marker {
                    self.marker(marker, &segments, &style);
                }
            }
            "text" => self.text(node, &style),
            // What the drawing does not show: accessible names, the
            // stylesheet (applied here) and definitions (read ahead).
            "title" | "desc" | "style" | "defs" => {}
            other => self.unknown.0.push(other.to_string()),
        }
    }

    /// The cascade: inherited, then attributes, then the stylesheet, then
    /// the element's own `style`.
    fn style(&self, node: Node, element: &Element, parent: &Style) -> Style {
        let mut style = parent.inherited();
        // One pass over the attributes: each presentation attribute sets
        // a property of its own, so their order does not matter.
        let mut declarations = None;
        for attribute in node.attributes() {
            match attribute.name() {
                name @ ("fill" | "stroke" | "stroke-width" | "stroke-dasharray" | "font-size"
                | "font-weight" | "opacity") => style.set(name, attribute.value()),
                "style" => declarations = Some(attribute.value()),
                _ => {}
            }
        }
        self.sheet.apply(&mut style, element, &self.ancestors);
        if let Some(declarations) = declarations {
            style.set_all(declarations);
        }
        style
    }

    fn length(&self, node: Node, name: &str, of: f32) -> f32 {
        match node.attribute(name) {
            Some(v) => match v.strip_suffix('%') {
                Some(percent) => percent.parse::<f32>().unwrap_or(0.0) / 100.0 * of,
                None => v.parse().unwrap_or(0.0),
            },
            None => 0.0,
        }
    }

    fn rect(&mut self, node: Node, style: &Style) {
        let (x, y) = (number(node, "x"), number(node, "y"));
        let (w, h) = (
            self.length(node, "width", self.size.0),
            self.length(node, "height", self.size.1),
        );
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let r = number(node, "rx").min(w / 2.0).min(h / 2.0);
        // A quarter circle as a cubic curve: control points at 0.5523 r.
        let k = r * (1.0 - 0.552_284_8);
        let segments = if r > 0.0 {
            vec![
                Segment::Move(x + r, y),
                Segment::Line(x + w - r, y),
                Segment::Cubic(x + w - k, y, x + w, y + k, x + w, y + r),
                Segment::Line(x + w, y + h - r),
                Segment::Cubic(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h),
                Segment::Line(x + r, y + h),
                Segment::Cubic(x + k, y + h, x, y + h - k, x, y + h - r),
                Segment::Line(x, y + r),
                Segment::Cubic(x, y + k, x + k, y, x + r, y),
                Segment::Close,
            ]
        } else {
            vec![
                Segment::Move(x, y),
                Segment::Line(x + w, y),
                Segment::Line(x + w, y + h),
                Segment::Line(x, y + h),
                Segment::Close,
            ]
        };
        self.shape(&segments, style);
    }

    /// Fills, then strokes, the outline `segments`.
    fn shape(&mut self, segments: &[Segment], style: &Style) {
        let Some(path) = build(segments) else {
            return;
        };
        let fill = style.fill.map(|colour| Fill {
            paint: colour_of(colour).into(),
            opacity: NormalizedF32::ONE,
            rule: FillRule::NonZero,
        });
        let stroke = style
            .stroke
            .filter(|_| style.stroke_width > 0.0)
            .map(|colour| Stroke {
                paint: colour_of(colour).into(),
                width: style.stroke_width,
                miter_limit: 4.0,
                dash: style
                    .dash
                    .clone()
                    .map(|array| StrokeDash { array, offset: 0.0 }),
                ..Stroke::default()
            });
        if fill.is_none() && stroke.is_none() {
            return;
        }
        self.surface.set_fill(fill);
        self.surface.set_stroke(stroke);
        self.surface.draw_path(&path);
    }

    /// The marker `id` at the end of `segments`, turned along the line.
    fn marker(&mut self, id: &str, segments: &[Segment], style: &Style) {
        let Some(marker) = self.markers.get(id) else {
            self.unknown.0.push(format!("marker {id}"));
            return;
        };
        let Some((from, to)) = end_direction(segments) else {
            return;
        };
        // The marker's box turned along the line, scaled, its reference
        // point on the line's end.
        let angle = (to.1 - from.1).atan2(to.0 - from.0);
        let scale = marker.scale * style.stroke_width;
        let (cos, sin) = (scale * angle.cos(), scale * angle.sin());
        let (rx, ry) = marker.reference;
        let transform = Transform::from_row(
            cos,
            sin,
            -sin,
            cos,
            to.0 - (cos * rx - sin * ry),
            to.1 - (sin * rx + cos * ry),
        );
        let (points, fill) = (marker.points.clone(), marker.fill);
        self.surface.push_transform(&transform);
        self.shape(
            &points,
            &Style {
                fill,
                stroke: None,
                ..Style::default()
            },
        );
        self.surface.pop();
    }

    fn text(&mut self, node: Node, style: &Style) {
        let Some(fill) = style.fill else {
            return;
        };
        let text = shown_text(node);
        if text.is_empty() {
            return;
        }
        let face = face(style.bold);
        let mut glyphs: Vec<KrillaGlyph> = text
            .char_indices()
            .map(|(at, c)| {
                let (id, advance) = face.metrics(c);
                glyph(id, advance, at..at + c.len_utf8())
            })
            .collect();
        // The measured length the layout gave the line: the gaps between
        // letters take up what the font's own widths leave over. The layout
        // measures with these fonts, so the two differ only by the rounding
        // of the length to a tenth of a pixel: that difference is left alone
        // (spread over the gaps, it wrote an invisible adjustment after every
        // glyph, doubling the drawing of the text).
        if let Some(length) = node
            .attribute("textLength")
            .and_then(|v| v.parse::<f32>().ok())
            && glyphs.len() > 1
            && let natural = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * style.font_size
            && (length - natural).abs() >= NEGLIGIBLE_PX
        {
            let gap = (length - natural) / (glyphs.len() - 1) as f32 / style.font_size;
            let last = glyphs.len() - 1;
            for g in &mut glyphs[..last] {
                g.x_advance += gap;
            }
        }
        self.surface.set_fill(Some(Fill {
            paint: colour_of(fill).into(),
            opacity: NormalizedF32::ONE,
            rule: FillRule::NonZero,
        }));
        self.surface.set_stroke(None);
        self.surface.draw_glyphs(
            Point::from_xy(number(node, "x"), number(node, "y")),
            &glyphs,
            face.font.clone(),
            &text,
            style.font_size,
            false,
        );
    }
}

/// A difference between a line's measured length and its glyphs' widths
/// too small to see (px): a quarter of a pixel over the whole line.
const NEGLIGIBLE_PX: f32 = 0.25;

/// The text of a `text` element as SVG shows it: runs of white space as one
/// space, none at the ends. The charts write it so already, in one piece:
/// then it is borrowed, not copied.
fn shown_text<'a>(node: Node<'a, '_>) -> Cow<'a, str> {
    let mut children = node.children();
    if let (Some(child), None) = (children.next(), children.next())
        && let Some(only) = child.text().filter(|_| child.is_text())
        // Words between single spaces: no other white space, none doubled,
        // none at either end.
        && only
            .split(' ')
            .all(|word| !word.is_empty() && !word.contains(char::is_whitespace))
    {
        return Cow::Borrowed(only);
    }
    let raw: String = node
        .descendants()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect();
    Cow::Owned(raw.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn glyph(id: u16, advance: f32, text: Range<usize>) -> KrillaGlyph {
    KrillaGlyph::new(
        GlyphId::new(u32::from(id)),
        advance,
        0.0,
        0.0,
        0.0,
        text,
        None,
    )
}

fn colour_of((r, g, b): Rgb) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

fn number(node: Node, name: &str) -> f32 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// `translate(x y)` or `translate(x, y)`; other transforms are not written.
fn translation(value: &str) -> Option<(f32, f32)> {
    let inner = value.trim().strip_prefix("translate(")?.strip_suffix(')')?;
    let mut numbers = inner
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<f32>());
    let x = numbers.next()?.ok()?;
    let y = numbers.next().unwrap_or(Ok(0.0)).ok()?;
    Some((x, y))
}

/// A piece of a path, in absolute coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Segment {
    Move(f32, f32),
    Line(f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

/// The path data the charts write: `M`, `L`, `C` and `z`, absolute.
fn path(d: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut command = ' ';
    let mut numbers: Vec<f32> = Vec::new();
    let flush = |command: char, numbers: &mut Vec<f32>, segments: &mut Vec<Segment>| {
        let n = numbers.as_slice();
        match command {
            'M' => {
                for (i, p) in n.chunks_exact(2).enumerate() {
                    segments.push(if i == 0 {
                        Segment::Move(p[0], p[1])
                    } else {
                        Segment::Line(p[0], p[1])
                    });
                }
            }
            'L' => segments.extend(n.chunks_exact(2).map(|p| Segment::Line(p[0], p[1]))),
            'C' => segments.extend(
                n.chunks_exact(6)
                    .map(|p| Segment::Cubic(p[0], p[1], p[2], p[3], p[4], p[5])),
            ),
            'z' | 'Z' => segments.push(Segment::Close),
            _ => {}
        }
        numbers.clear();
    };
    let mut token = String::new();
    for c in d.chars().chain([' ']) {
        if c.is_ascii_digit() || c == '.' || (c == '-' && token.is_empty()) {
            token.push(c);
            continue;
        }
        if !token.is_empty() {
            numbers.extend(token.parse::<f32>().ok());
            token.clear();
        }
        if c == '-' {
            token.push(c);
        } else if c.is_ascii_alphabetic() {
            flush(command, &mut numbers, &mut segments);
            command = c;
        }
    }
    flush(command, &mut numbers, &mut segments);
    segments
}

fn build(segments: &[Segment]) -> Option<krilla::geom::Path> {
    let mut builder = PathBuilder::new();
    for segment in segments {
        match *segment {
            Segment::Move(x, y) => builder.move_to(x, y),
            Segment::Line(x, y) => builder.line_to(x, y),
            Segment::Cubic(a, b, c, d, e, f) => builder.cubic_to(a, b, c, d, e, f),
            Segment::Close => builder.close(),
        }
    }
    builder.finish()
}

/// The last point of a path and the point its end comes from (for a curve,
/// its last control point), for a marker's direction.
fn end_direction(segments: &[Segment]) -> Option<((f32, f32), (f32, f32))> {
    let mut previous: Option<(f32, f32)> = None;
    let mut result = None;
    for segment in segments {
        match *segment {
            Segment::Move(x, y) => previous = Some((x, y)),
            Segment::Line(x, y) => {
                result = previous.map(|p| (p, (x, y)));
                previous = Some((x, y));
            }
            Segment::Cubic(_, _, cx, cy, x, y) => {
                let from = if (cx, cy) == (x, y) {
                    previous
                } else {
                    Some((cx, cy))
                };
                result = from.map(|p| (p, (x, y)));
                previous = Some((x, y));
            }
            Segment::Close => {}
        }
    }
    result
}

/// The markers the document defines, by id.
fn markers(document: &roxmltree::Document) -> HashMap<String, Marker> {
    let mut out = HashMap::new();
    for node in document.descendants().filter(|n| n.has_tag_name("marker")) {
        let Some(id) = node.attribute("id") else {
            continue;
        };
        let view_box: Vec<f32> = node
            .attribute("viewBox")
            .unwrap_or("0 0 3 3")
            .split([' ', ','])
            .filter_map(|s| s.parse().ok())
            .collect();
        let box_width = view_box.get(2).copied().filter(|w| *w > 0.0).unwrap_or(3.0);
        let width = node
            .attribute("markerWidth")
            .and_then(|v| v.parse::<f32>().ok())
            .unwrap_or(3.0);
        let shape = node.children().find(|c| c.has_tag_name("path"));
        let mut style = Style::default();
        if let Some(fill) = shape.and_then(|s| s.attribute("fill")) {
            style.set("fill", fill);
        }
        out.insert(
            id.to_string(),
            Marker {
                points: path(shape.and_then(|s| s.attribute("d")).unwrap_or("")),
                fill: style.fill,
                reference: (number(node, "refX"), number(node, "refY")),
                scale: width / box_width,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_shown_collapsed_and_borrowed_when_it_is_already() {
        for (svg, shown, borrowed) in [
            (
                "<text>Dienst Burgerzaken</text>",
                "Dienst Burgerzaken",
                true,
            ),
            ("<text>a</text>", "a", true),
            ("<text> a</text>", "a", false),
            ("<text>a </text>", "a", false),
            ("<text>a  b</text>", "a b", false),
            ("<text>a\tb\nc</text>", "a b c", false),
            ("<text>a\u{a0}b</text>", "a b", false),
            ("<text>a <tspan>b</tspan></text>", "a b", false),
            ("<text></text>", "", false),
            ("<text>  </text>", "", false),
        ] {
            let document = roxmltree::Document::parse(svg).expect("valid");
            let text = shown_text(document.root_element());
            assert_eq!(text, shown, "{svg:?}");
            assert_eq!(matches!(text, Cow::Borrowed(_)), borrowed, "{svg:?}");
        }
    }

    #[test]
    fn paths_as_the_charts_write_them() {
        assert_eq!(
            path("M0 0 L10 5 L0 10 z"),
            vec![
                Segment::Move(0.0, 0.0),
                Segment::Line(10.0, 5.0),
                Segment::Line(0.0, 10.0),
                Segment::Close
            ]
        );
        assert_eq!(
            path("M-1.5 2 C3 4 5 6 7 -8"),
            vec![
                Segment::Move(-1.5, 2.0),
                Segment::Cubic(3.0, 4.0, 5.0, 6.0, 7.0, -8.0)
            ]
        );
    }

    #[test]
    fn a_marker_points_along_the_end_of_its_line() {
        let line = path("M0 0 L10 0 L10 20");
        assert_eq!(end_direction(&line), Some(((10.0, 0.0), (10.0, 20.0))));
        let curve = path("M0 0 C5 0 10 5 10 10");
        assert_eq!(end_direction(&curve), Some(((10.0, 5.0), (10.0, 10.0))));
    }

    #[test]
    fn translations() {
        assert_eq!(translation("translate(0 44)"), Some((0.0, 44.0)));
        assert_eq!(translation("translate(3,4)"), Some((3.0, 4.0)));
        assert_eq!(translation("rotate(45)"), None);
    }
}
