//! The printed page: paper sizes, how a chart is fitted to one, and the
//! page budget that keeps every chart's smallest text legible once printed.

/// One point is 1/72 inch; one millimetre is 72 / 25.4 points.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The smallest text any chart draws, in px (tasks, "+n more", link labels).
pub const SMALLEST_TEXT_PX: f32 = 10.0;
/// The smallest text size that stays legible on paper, in points.
pub const MIN_TEXT_PT: f32 = 7.0;
/// Blank border of a printed page, in points (10 mm).
pub const MARGIN_PT: f32 = 10.0 * PT_PER_MM;
/// A chart is never printed larger than this (pt per px): a small chart
/// keeps the size of its text instead of filling the sheet with 20 pt names.
const MAX_SCALE: f32 = 1.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PaperSize {
    #[default]
    A3,
    A4,
}

impl PaperSize {
    pub const CHOICES: &'static [&'static str] = &["a3", "a4"];

    pub fn parse(text: &str) -> Option<PaperSize> {
        match text.to_ascii_lowercase().as_str() {
            "a3" => Some(PaperSize::A3),
            "a4" => Some(PaperSize::A4),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

impl Orientation {
    pub const CHOICES: &'static [&'static str] = &["landscape", "portrait"];

    pub fn parse(text: &str) -> Option<Orientation> {
        match text.to_ascii_lowercase().as_str() {
            "landscape" => Some(Orientation::Landscape),
            "portrait" => Some(Orientation::Portrait),
            _ => None,
        }
    }
}

/// A sheet of paper: A3 landscape unless asked otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Paper {
    pub size: PaperSize,
    pub orientation: Orientation,
}

impl Paper {
    /// Width and height in points.
    pub fn size_pt(&self) -> (f32, f32) {
        let (short, long) = match self.size {
            PaperSize::A3 => (297.0, 420.0),
            PaperSize::A4 => (210.0, 297.0),
        };
        let (w, h) = match self.orientation {
            Orientation::Landscape => (long, short),
            Orientation::Portrait => (short, long),
        };
        (w * PT_PER_MM, h * PT_PER_MM)
    }

    /// The printable area inside the margins, in points.
    pub fn area_pt(&self) -> (f32, f32) {
        let (w, h) = self.size_pt();
        (w - 2.0 * MARGIN_PT, h - 2.0 * MARGIN_PT)
    }

    /// Points per px when a `w` × `h` px drawing is fitted to the printable
    /// area (never enlarged past `MAX_SCALE`).
    pub fn fit(&self, w: f32, h: f32) -> f32 {
        let (aw, ah) = self.area_pt();
        (aw / w).min(ah / h).min(MAX_SCALE)
    }

    /// The largest drawing, in px, whose smallest text still prints at
    /// [`MIN_TEXT_PT`]: the page budget of the charts.
    pub fn budget_px(&self) -> (f32, f32) {
        let scale = MIN_TEXT_PT / SMALLEST_TEXT_PX;
        let (aw, ah) = self.area_pt();
        (aw / scale, ah / scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a3_landscape_is_420_by_297_mm() {
        let (w, h) = Paper::default().size_pt();
        assert!((w - 1190.55).abs() < 0.01 && (h - 841.89).abs() < 0.01);
        let a4 = Paper {
            size: PaperSize::A4,
            orientation: Orientation::Portrait,
        };
        let (w, h) = a4.size_pt();
        assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01);
    }

    #[test]
    fn a_drawing_of_the_budget_prints_its_smallest_text_at_7_pt() {
        let paper = Paper::default();
        let (w, h) = paper.budget_px();
        let pt = paper.fit(w, h) * SMALLEST_TEXT_PX;
        assert!((pt - MIN_TEXT_PT).abs() < 0.01, "{pt}");
        // Twice as wide: half the size.
        assert!((paper.fit(2.0 * w, h) * SMALLEST_TEXT_PX - 3.5).abs() < 0.01);
        // A small chart is not blown up.
        assert_eq!(paper.fit(100.0, 100.0), 1.0);
    }
}
