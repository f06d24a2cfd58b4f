//! The booklet's sections compressed after krilla has written them: krilla
//! deflates page drawings at a fixed level (6), which took a third of the
//! booklet's time, so sections are written with their drawings
//! uncompressed and deflated here at a faster level.

use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Document, Object};

/// The level: about an eighth larger than level 6, about twice as fast.
const LEVEL: u32 = 2;

/// `pdf` with every stream that has no filter (the pages' drawings, as
/// krilla writes them when told not to compress) deflated at [`LEVEL`]: as
/// a file, and as the document that file reads as (read once, not again
/// to join it to the others).
pub fn content(pdf: &[u8]) -> Result<(Document, Vec<u8>), String> {
    let unreadable = |e: lopdf::Error| format!("a booklet section could not be read back: {e}");
    let failed = |e: std::io::Error| format!("a booklet section could not be compressed: {e}");
    let mut doc = Document::load_mem(pdf).map_err(unreadable)?;
    // One encoder for all streams, reset between them: a new one for each
    // page would allocate and clear its tables every time.
    let mut z = ZlibEncoder::new(Vec::new(), Compression::new(LEVEL));
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") || stream.content.is_empty() {
            continue;
        }
        z.write_all(&stream.content).map_err(failed)?;
        let deflated = z.reset(Vec::new()).map_err(failed)?;
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(deflated);
    }
    let mut out = Vec::with_capacity(pdf.len() / 3);
    doc.save_to(&mut out)
        .map_err(|e| format!("a booklet section could not be written: {e}"))?;
    Ok((doc, out))
}
