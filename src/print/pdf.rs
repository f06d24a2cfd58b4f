//! One chart on one PDF page: fitted to the paper inside its margins,
//! centred across and from the top margin down, with its text embedded as
//! text (searchable, selectable) in the bundled fonts.

use krilla::Document;
use krilla::geom::{Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::{Page, PageSettings};

use crate::layout::paper::{MARGIN_PT, Paper};

/// Where a chart lands on its page: top-left corner and pt per px.
#[derive(Clone, Copy, Debug)]
pub(super) struct Placement {
    pub x: f32,
    pub y: f32,
    pub scale: f32,
}

impl Placement {
    pub fn of(paper: Paper, w: f32, h: f32) -> Placement {
        let (pw, _) = paper.size_pt();
        let scale = paper.fit(w, h);
        Placement {
            x: (pw - w * scale) / 2.0,
            y: MARGIN_PT,
            scale,
        }
    }

    /// A point of the drawing, on the page.
    pub fn point(&self, x: f32, y: f32) -> Point {
        Point::from_xy(self.x + x * self.scale, self.y + y * self.scale)
    }
}

pub(super) fn page_settings(paper: Paper) -> PageSettings {
    let (w, h) = paper.size_pt();
    PageSettings::new(Size::from_wh(w, h).expect("paper sizes are positive"))
}

/// Draws `svg` at `at` on the page.
pub(super) fn draw(page: &mut Page, svg: &str, at: Placement) -> Result<(), String> {
    let mut surface = page.surface();
    let transform = Transform::from_row(at.scale, 0.0, 0.0, at.scale, at.x, at.y);
    let drawn = super::draw::draw(&mut surface, svg, transform);
    surface.finish();
    let unknown = drawn?;
    debug_assert!(
        unknown.0.is_empty(),
        "a chart element the PDF leaves out: {unknown:?}"
    );
    Ok(())
}

pub(super) fn finish(mut document: Document, metadata: Metadata) -> Result<Vec<u8>, String> {
    document.set_metadata(metadata);
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}
