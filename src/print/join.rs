//! Joins PDFs made apart (the booklet's title page and its sections) into
//! one document, then adds what spans them: the links between pages and
//! the bookmarks. The parts' objects are copied as they are (their pages,
//! drawings and fonts are not read again), so joining is fast.

use lopdf::{Dictionary, Document, Object, ObjectId, text_string};

/// A link on page `page` (0-based, in the joined document) to the top of
/// page `target`, over `rect` (left, bottom, right, top, in pt from the
/// page's bottom left).
#[derive(Clone, Debug)]
pub struct Link {
    pub page: usize,
    pub rect: [f32; 4],
    pub target: usize,
    /// What a screen reader says: the title of the target page.
    pub title: String,
}

/// A bookmark to the top of page `page`, with the bookmarks under it.
#[derive(Clone, Debug)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    /// Shown with its children unfolded.
    pub open: bool,
    pub children: Vec<Bookmark>,
}

fn unreadable(e: lopdf::Error) -> String {
    format!("the booklet could not be put together: {e}")
}

/// PDFs made apart (whole documents, their pages in order) joined into
/// one, a part at a time, so that a part's bytes need not be held once it
/// is added. The first part gives the document's catalog (its language and
/// metadata) and information.
pub struct Joiner {
    out: Document,
    pages: Vec<ObjectId>,
    catalog: Option<Dictionary>,
    info: Option<ObjectId>,
    parts: usize,
    /// The parts' size: about that of the joined file.
    bytes: usize,
}

impl Default for Joiner {
    fn default() -> Joiner {
        Joiner {
            out: Document::with_version("1.7"),
            pages: Vec::new(),
            catalog: None,
            info: None,
            parts: 0,
            bytes: 0,
        }
    }
}

impl Joiner {
    /// Adds the pages and objects of `bytes`, a whole PDF, after those
    /// added so far.
    pub fn add(&mut self, bytes: &[u8]) -> Result<(), String> {
        let part = Document::load_mem(bytes).map_err(unreadable)?;
        self.add_document(part, bytes.len())
    }

    /// [`Joiner::add`] of a PDF already read: `part`, from a file of `size`
    /// bytes.
    pub fn add_document(&mut self, part: Document, size: usize) -> Result<(), String> {
        let out = &mut self.out;
        // The part's objects, numbered after those copied so far.
        let offset = out.max_id;
        let moved = |id: ObjectId| (id.0 + offset, id.1);
        let root = part
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(unreadable)?;
        let mut skip = vec![root];
        let root_dict = part.get_dictionary(root).map_err(unreadable)?;
        if self.parts == 0 {
            let mut kept = root_dict.clone();
            kept.remove(b"Pages");
            kept.remove(b"Outlines");
            shift_dict(&mut kept, offset);
            self.catalog = Some(kept);
            self.info = part
                .trailer
                .get(b"Info")
                .and_then(Object::as_reference)
                .ok()
                .map(moved);
        } else {
            // Only the first part's information and metadata are kept.
            if let Ok(id) = root_dict.get(b"Metadata").and_then(Object::as_reference) {
                skip.push(id);
            }
            if let Ok(id) = part.trailer.get(b"Info").and_then(Object::as_reference) {
                skip.push(id);
            }
        }
        self.pages.extend(part.get_pages().into_values().map(moved));
        let max = part.max_id;
        for (id, mut object) in part.objects {
            let is_tree = object
                .as_dict()
                .is_ok_and(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Pages"));
            if skip.contains(&id) || is_tree {
                continue;
            }
            shift(&mut object, offset);
            out.objects.insert(moved(id), object);
        }
        out.max_id = offset + max;
        self.parts += 1;
        self.bytes += size;
        Ok(())
    }

    /// The joined document, with `links` and `bookmarks` over all its
    /// pages; `page_height` (pt) is where a link lands: the page's top.
    pub fn finish(
        self,
        links: &[Link],
        bookmarks: &[Bookmark],
        page_height: f32,
    ) -> Result<Vec<u8>, String> {
        let Joiner {
            mut out,
            pages,
            catalog,
            info,
            bytes,
            ..
        } = self;
        let tree = out.new_object_id();
        let mut annots: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
        for link in links {
            let (Some(&target), Some(list)) = (pages.get(link.target), annots.get_mut(link.page))
            else {
                continue;
            };
            let mut annot = Dictionary::new();
            annot.set("Type", Object::Name(b"Annot".to_vec()));
            annot.set("Subtype", Object::Name(b"Link".to_vec()));
            annot.set("Rect", numbers(&link.rect));
            annot.set("Border", numbers(&[0.0, 0.0, 0.0]));
            annot.set("Dest", top_of(target, page_height));
            annot.set("F", 4);
            annot.set("Contents", text_string(&link.title));
            list.push(Object::Reference(out.add_object(annot)));
        }
        for (&id, annots) in pages.iter().zip(annots) {
            let page = out
                .get_object_mut(id)
                .and_then(Object::as_dict_mut)
                .map_err(unreadable)?;
            page.set("Parent", tree);
            if !annots.is_empty() {
                page.set("Tabs", Object::Name(b"S".to_vec()));
                page.set("Annots", annots);
            }
        }
        let mut tree_dict = Dictionary::new();
        tree_dict.set("Type", Object::Name(b"Pages".to_vec()));
        tree_dict.set("Count", pages.len() as i64);
        tree_dict.set(
            "Kids",
            pages
                .iter()
                .map(|&p| Object::Reference(p))
                .collect::<Vec<_>>(),
        );
        out.objects.insert(tree, Object::Dictionary(tree_dict));
        let mut catalog = catalog.unwrap_or_default();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", tree);
        if !bookmarks.is_empty() {
            let outlines = out.new_object_id();
            let mut dict = Dictionary::new();
            dict.set("Type", Object::Name(b"Outlines".to_vec()));
            if let Some((first, last, count)) =
                write_bookmarks(&mut out, bookmarks, outlines, &pages, page_height)
            {
                dict.set("First", first);
                dict.set("Last", last);
                dict.set("Count", count as i64);
            }
            out.objects.insert(outlines, Object::Dictionary(dict));
            catalog.set("Outlines", outlines);
        }
        let catalog = out.add_object(catalog);
        out.trailer.set("Root", catalog);
        if let Some(info) = info {
            out.trailer.set("Info", info);
        }
        let mut pdf = Vec::with_capacity(bytes + bytes / 8);
        out.save_to(&mut pdf)
            .map_err(|e| format!("the booklet could not be written: {e}"))?;
        Ok(pdf)
    }
}

/// Writes `items` (children of `parent`) and returns the first, the last
/// and how many are shown unfolded (the outline's `Count`).
fn write_bookmarks(
    out: &mut Document,
    items: &[Bookmark],
    parent: ObjectId,
    pages: &[ObjectId],
    page_height: f32,
) -> Option<(ObjectId, ObjectId, usize)> {
    let ids: Vec<ObjectId> = items.iter().map(|_| out.new_object_id()).collect();
    let mut visible = 0;
    for (i, item) in items.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Parent", parent);
        if i + 1 < ids.len() {
            dict.set("Next", ids[i + 1]);
        }
        if i > 0 {
            dict.set("Prev", ids[i - 1]);
        }
        let shown = write_bookmarks(out, &item.children, ids[i], pages, page_height);
        if let Some((first, last, count)) = shown {
            dict.set("First", first);
            dict.set("Last", last);
            // Negative: folded, the children are not shown.
            let count = count as i64;
            dict.set("Count", if item.open { count } else { -count });
        }
        dict.set("Title", text_string(&item.title));
        if let Some(&page) = pages.get(item.page) {
            dict.set("Dest", top_of(page, page_height));
        }
        out.objects.insert(ids[i], Object::Dictionary(dict));
        visible += 1 + if item.open {
            shown.map_or(0, |(_, _, n)| n)
        } else {
            0
        };
    }
    Some((*ids.first()?, *ids.last()?, visible))
}

fn top_of(page: ObjectId, height: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Real(0.0),
        Object::Real(height),
        Object::Real(0.0),
    ])
}

fn numbers(values: &[f32]) -> Object {
    Object::Array(values.iter().map(|&v| Object::Real(v)).collect())
}

/// Adds `offset` to the number of every reference in `object`.
fn shift(object: &mut Object, offset: u32) {
    match object {
        Object::Reference(id) => id.0 += offset,
        Object::Array(items) => items.iter_mut().for_each(|o| shift(o, offset)),
        Object::Dictionary(dict) => shift_dict(dict, offset),
        Object::Stream(stream) => shift_dict(&mut stream.dict, offset),
        _ => {}
    }
}

fn shift_dict(dict: &mut Dictionary, offset: u32) {
    for (_, value) in dict.iter_mut() {
        shift(value, offset);
    }
}
