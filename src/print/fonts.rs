//! The fonts of the charts, built into the program: DejaVu Sans (regular
//! and bold; the charts have no italic text), from `assets/fonts/` (see its
//! README for the licence).
//! No system font is ever looked up, so every machine draws the same glyphs.

use std::sync::{Arc, OnceLock};

use resvg::usvg::{self, fontdb};

pub(super) static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(super) static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The family every chart asks for first, and every fallback.
pub const FAMILY: &str = "DejaVu Sans";

fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for data in [REGULAR, BOLD] {
            db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
        }
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// usvg options that resolve every font to the bundled ones.
pub fn svg_options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: database(),
        ..usvg::Options::default()
    }
}
