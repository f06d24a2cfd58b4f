//! Charts as PNG pictures, for slides and intranets.

/// Pixels per SVG px: twice the drawing's size, sharp on high-density screens.
pub const PNG_SCALE: f32 = 2.0;
/// Largest picture, in pixels: a bigger chart is painted at a smaller scale
/// rather than asking for gigabytes of memory.
const MAX_PIXELS: f32 = 64.0e6;

/// Paints the SVG at [`PNG_SCALE`] (less for a very large chart) on white.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let tree = super::parse(svg)?;
    let size = tree.size();
    let area = size.width() * size.height();
    let scale = PNG_SCALE.min((MAX_PIXELS / area).sqrt());
    let (w, h) = (
        (size.width() * scale).ceil().max(1.0) as u32,
        (size.height() * scale).ceil().max(1.0) as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| format!("a chart of {w} x {h} pixels is too large for a picture"))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("a chart could not be written as PNG: {e}"))
}
