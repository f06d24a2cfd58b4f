//! The charts' stylesheet as the PDF drawer applies it: the rules of
//! `render::svg::rules` (the same ones the SVG files carry), matched by
//! class the way a browser does, so that the look is written once.
//!
//! Only what the charts use is understood: selectors of classes and
//! element names joined by spaces (rules with a pseudo-class, such as
//! `:hover`, are for screens and are left out), and the properties below.

use std::sync::OnceLock;

/// A colour as red, green and blue.
pub type Rgb = (u8, u8, u8);

/// What an element is painted with, after the cascade.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub fill: Option<Rgb>,
    pub stroke: Option<Rgb>,
    pub stroke_width: f32,
    pub dash: Option<Vec<f32>>,
    pub font_size: f32,
    pub bold: bool,
    /// Not inherited: a group with an opacity is drawn as one, see-through.
    pub opacity: f32,
}

impl Default for Style {
    /// SVG's initial values.
    fn default() -> Style {
        Style {
            fill: Some((0, 0, 0)),
            stroke: None,
            stroke_width: 1.0,
            dash: None,
            font_size: 16.0,
            bold: false,
            opacity: 1.0,
        }
    }
}

impl Style {
    /// The style a child starts from: everything but the opacity.
    pub fn inherited(&self) -> Style {
        Style {
            opacity: 1.0,
            ..self.clone()
        }
    }

    /// Applies `name: value`; a value it cannot read changes nothing.
    pub fn set(&mut self, name: &str, value: &str) {
        if let Some(declaration) = Declaration::read(name, value) {
            self.apply(&declaration);
        }
    }

    fn apply(&mut self, declaration: &Declaration) {
        match declaration {
            Declaration::Fill(paint) => self.fill = *paint,
            Declaration::Stroke(paint) => self.stroke = *paint,
            Declaration::StrokeWidth(width) => self.stroke_width = *width,
            Declaration::Dash(dash) => self.dash.clone_from(dash),
            Declaration::FontSize(size) => self.font_size = *size,
            Declaration::Bold(bold) => self.bold = *bold,
            Declaration::Opacity(opacity) => self.opacity = *opacity,
        }
    }

    /// Applies every declaration of `declarations` (`a:b;c:d`).
    pub fn set_all(&mut self, declarations: &str) {
        for (name, value) in parse_declarations(declarations) {
            self.set(name, value);
        }
    }
}

/// A declaration as read: the stylesheet's rules are read once, not for
/// every element they apply to.
#[derive(Debug)]
enum Declaration {
    Fill(Option<Rgb>),
    Stroke(Option<Rgb>),
    StrokeWidth(f32),
    Dash(Option<Vec<f32>>),
    FontSize(f32),
    Bold(bool),
    Opacity(f32),
}

impl Declaration {
    /// `name: value`, or `None` for a property or value not understood.
    fn read(name: &str, value: &str) -> Option<Declaration> {
        let value = value.trim();
        let number = || value.trim_end_matches("px").parse::<f32>().ok();
        Some(match name.trim() {
            "fill" => Declaration::Fill(paint(value)?),
            "stroke" => Declaration::Stroke(paint(value)?),
            "stroke-width" => Declaration::StrokeWidth(number()?),
            "stroke-dasharray" => Declaration::Dash(if value == "none" {
                None
            } else {
                let dashes: Vec<f32> = value
                    .split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect();
                (!dashes.is_empty()).then_some(dashes)
            }),
            "font-size" => Declaration::FontSize(number()?),
            "font-weight" => {
                Declaration::Bold(matches!(value, "bold" | "bolder" | "700" | "800" | "900"))
            }
            "opacity" => Declaration::Opacity(number()?.clamp(0.0, 1.0)),
            _ => return None,
        })
    }
}

/// `a:b;c:d` as (name, value) pairs.
fn parse_declarations(declarations: &str) -> impl Iterator<Item = (&str, &str)> {
    declarations
        .split(';')
        .filter_map(|declaration| declaration.split_once(':'))
}

/// `none` → `Some(None)`; `#rgb` or `#rrggbb` → the colour; else `None`.
fn paint(value: &str) -> Option<Option<Rgb>> {
    if value == "none" {
        return Some(None);
    }
    if value == "white" {
        return Some(Some((255, 255, 255)));
    }
    let hex = value.strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
    match hex.len() {
        6 => Some(Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?))),
        3 => {
            let d = |i| digit(i, 1).map(|v| v * 17);
            Some(Some((d(0)?, d(1)?, d(2)?)))
        }
        _ => None,
    }
}

/// One part of a selector: an element name and/or classes.
#[derive(Debug)]
struct Compound {
    element: Option<String>,
    classes: Vec<String>,
}

impl Compound {
    fn matches(&self, element: &str, classes: &[&str]) -> bool {
        self.element.as_deref().is_none_or(|e| e == element)
            && self.classes.iter().all(|c| classes.contains(&c.as_str()))
    }
}

#[derive(Debug)]
struct Rule {
    /// Outermost first; the last matches the element itself.
    parts: Vec<Compound>,
    /// (classes, element names): more classes win, then more names.
    specificity: (usize, usize),
    /// Read once: the rules apply to every element drawn.
    declarations: Vec<Declaration>,
}

/// An element and its classes, as the selectors see it.
pub struct Element<'a> {
    pub name: &'a str,
    pub classes: Vec<&'a str>,
}

pub struct Sheet {
    /// Least specific first; of equal specificity, in the order written
    /// (the later wins): the order in which matching rules apply.
    rules: Vec<Rule>,
}

impl Sheet {
    /// The charts' stylesheet.
    pub fn charts() -> &'static Sheet {
        static SHEET: OnceLock<Sheet> = OnceLock::new();
        SHEET.get_or_init(|| Sheet::new(&crate::render::svg::rules()))
    }

    pub fn new(rules: &[(String, String)]) -> Sheet {
        let mut parsed = Vec::new();
        for (selectors, declarations) in rules {
            for selector in selectors.split(',') {
                if let Some(rule) = parse_rule(selector, declarations) {
                    parsed.push(rule);
                }
            }
        }
        // A stable sort: the order written stays among equals.
        parsed.sort_by_key(|rule| rule.specificity);
        Sheet { rules: parsed }
    }

    /// Applies the rules that match `element` inside `ancestors` (outermost
    /// first) to `style`, least specific first.
    pub fn apply(&self, style: &mut Style, element: &Element, ancestors: &[Element]) {
        for rule in &self.rules {
            if rule.matches(element, ancestors) {
                for declaration in &rule.declarations {
                    style.apply(declaration);
                }
            }
        }
    }
}

impl Rule {
    fn matches(&self, element: &Element, ancestors: &[Element]) -> bool {
        let Some((last, outer)) = self.parts.split_last() else {
            return false;
        };
        if !last.matches(element.name, &element.classes) {
            return false;
        }
        // Each outer part on some ancestor, nearest last part first.
        let mut rest = ancestors.iter().rev();
        outer
            .iter()
            .rev()
            .all(|part| rest.any(|a| part.matches(a.name, &a.classes)))
    }
}

fn parse_rule(selector: &str, declarations: &str) -> Option<Rule> {
    let mut parts = Vec::new();
    for part in selector.split_whitespace() {
        if part.contains([':', '[', '>', '+', '~', '#', '*']) {
            return None;
        }
        let mut pieces = part.split('.');
        let element = pieces.next().filter(|e| !e.is_empty()).map(str::to_string);
        let classes: Vec<String> = pieces.map(str::to_string).collect();
        parts.push(Compound { element, classes });
    }
    if parts.is_empty() {
        return None;
    }
    let specificity = (
        parts.iter().map(|p| p.classes.len()).sum(),
        parts.iter().filter(|p| p.element.is_some()).count(),
    );
    Some(Rule {
        parts,
        specificity,
        declarations: parse_declarations(declarations)
            .filter_map(|(name, value)| Declaration::read(name, value))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el<'a>(name: &'a str, classes: &[&'a str]) -> Element<'a> {
        Element {
            name,
            classes: classes.to_vec(),
        }
    }

    #[test]
    fn the_more_specific_rule_wins_whatever_the_order() {
        let sheet = Sheet::new(&[
            (".added .box".into(), "fill:#00ff00;stroke-width:2.4".into()),
            (".box".into(), "fill:#ffffff;stroke:#000000".into()),
            (".unit a:hover .box".into(), "fill:#ff0000".into()),
        ]);
        let mut style = Style::default();
        let rect = el("rect", &["box"]);
        sheet.apply(
            &mut style,
            &rect,
            &[el("g", &["unit", "added"]), el("a", &[])],
        );
        assert_eq!(style.fill, Some((0, 255, 0)));
        assert_eq!(style.stroke, Some((0, 0, 0)));
        assert_eq!(style.stroke_width, 2.4);
        let mut plain = Style::default();
        sheet.apply(&mut plain, &rect, &[el("g", &["unit"])]);
        assert_eq!(plain.fill, Some((255, 255, 255)));
    }

    #[test]
    fn declarations_are_read_as_svg_reads_them() {
        let mut style = Style::default();
        style.set_all("fill:none;stroke:#abc;stroke-dasharray:5 3;font-size:12.5px;font-weight:bold;opacity:0.45");
        assert_eq!(style.fill, None);
        assert_eq!(style.stroke, Some((0xaa, 0xbb, 0xcc)));
        assert_eq!(style.dash, Some(vec![5.0, 3.0]));
        assert_eq!(style.font_size, 12.5);
        assert!(style.bold);
        assert_eq!(style.opacity, 0.45);
        assert_eq!(style.inherited().opacity, 1.0);
        style.set("fill", "rgb(1,2,3)");
        assert_eq!(style.fill, None, "an unknown value changes nothing");
    }
}
