//! A chart's own PDF cut out of its booklet section: the page and
//! everything it uses (its drawing, its fonts) copied as they are, under a
//! catalog and metadata of its own. The chart's PDF is then its page of the
//! booklet, and costs no drawing, font subsetting or compression of its
//! own (which, made apart, was about half of a build with a PDF per chart).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, text_string};

use super::objects;

fn unreadable(e: lopdf::Error) -> String {
    format!("a chart's page could not be cut out of the booklet: {e}")
}

/// The page `page` of `section` (one of [`Document::get_pages`]) as a PDF
/// of its own, titled `title`, in the language `lang`.
pub fn page_pdf(
    section: &Document,
    page: ObjectId,
    title: &str,
    lang: &str,
) -> Result<Vec<u8>, String> {
    // Everything the page refers to, but not its place in the section's page
    // tree: numbered 5, 6, … in the order of their numbers in the section.
    let used = reachable(section, page)?;
    let renumbered: BTreeMap<ObjectId, ObjectId> = used
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, (FIRST + i as u32, 0)))
        .collect();
    let mut doc = Document::with_version("1.7");
    for (&old, &new) in &renumbered {
        let mut object = section.get_object(old).map_err(unreadable)?.clone();
        objects::renumber(&mut object, &mut |id| {
            if let Some(&new) = renumbered.get(id) {
                *id = new;
            }
        });
        if old == page {
            let dict = object.as_dict_mut().map_err(unreadable)?;
            dict.set("Parent", TREE);
        }
        doc.objects.insert(new, object);
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", 1);
    tree.set("Kids", vec![Object::Reference(renumbered[&page])]);
    doc.objects.insert(TREE, Object::Dictionary(tree));
    let mut info = Dictionary::new();
    info.set("Title", text_string(title));
    info.set("Creator", text_string(CREATOR));
    doc.objects.insert(INFO, Object::Dictionary(info));
    let mut meta = Dictionary::new();
    meta.set("Type", Object::Name(b"Metadata".to_vec()));
    meta.set("Subtype", Object::Name(b"XML".to_vec()));
    doc.objects.insert(
        METADATA,
        Object::Stream(Stream::new(meta, xmp(title, lang).into_bytes()).with_compression(false)),
    );
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", TREE);
    catalog.set("Lang", text_string(lang));
    catalog.set("Metadata", METADATA);
    doc.objects.insert(CATALOG, Object::Dictionary(catalog));
    doc.trailer.set("Root", CATALOG);
    doc.trailer.set("Info", INFO);
    doc.max_id = FIRST + used.len() as u32 - 1;
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("a chart's PDF could not be written: {e}"))?;
    Ok(out)
}

const CATALOG: ObjectId = (1, 0);
const INFO: ObjectId = (2, 0);
const TREE: ObjectId = (3, 0);
const METADATA: ObjectId = (4, 0);
/// The number of the first object copied from the section.
const FIRST: u32 = 5;

/// The program, as every PDF of it names it.
const CREATOR: &str = "organogram";

/// The numbers of the objects `page` uses, directly or through others,
/// itself included and its parent left out, in ascending order.
fn reachable(doc: &Document, page: ObjectId) -> Result<Vec<ObjectId>, String> {
    let mut seen = std::collections::BTreeSet::from([page]);
    let mut todo = vec![page];
    while let Some(id) = todo.pop() {
        let refs = match doc.get_object(id).map_err(unreadable)? {
            // A page names its parent; the parent is left behind.
            Object::Dictionary(dict) if id == page => dict
                .iter()
                .filter(|(key, _)| key.as_slice() != b"Parent")
                .flat_map(|(_, value)| objects::references(value))
                .collect(),
            other => objects::references(other),
        };
        for r in refs {
            if seen.insert(r) {
                todo.push(r);
            }
        }
    }
    Ok(seen.into_iter().collect())
}

/// The document's metadata as XMP, which some readers prefer to the
/// information dictionary.
fn xmp(title: &str, lang: &str) -> String {
    let mut xmp = xmp_writer::XmpWriter::new();
    xmp.title([(None, title)])
        .creator_tool(CREATOR)
        .language([xmp_writer::LangId(lang)])
        .num_pages(1)
        .format("application/pdf")
        .pdf_version("1.7");
    xmp.finish(None)
}
