//! Joins PDFs made apart (the booklet's title page and its sections) into
//! one file, then adds what spans them: the links between pages and the
//! bookmarks. The parts' objects are copied as they are (their pages,
//! drawings and fonts are not read again) and written out as each part
//! comes, so joining is fast and holds one part's objects at a time.

use std::collections::HashMap;
use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
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

/// A part to join, read from its file.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    Document::load_mem(bytes).map_err(unreadable)
}

/// The numbers of the objects that span the parts, reserved before the
/// first part so that a part's pages can name them as they are written.
struct Reserved {
    catalog: u32,
    tree: u32,
    outlines: u32,
    /// The links' annotations, in the order of the links.
    first_annot: u32,
    /// The bookmarks: the items of each list numbered together, then the
    /// lists under them.
    first_bookmark: u32,
    /// The first number after them: where the parts' objects begin.
    end: u32,
}

/// PDFs made apart (whole documents, their pages in order) joined into
/// one, a part at a time: each part's objects are numbered after those of
/// the parts before and written to the file as it is added, so no part is
/// held once added and the joined document only as its bytes. The first
/// part gives the document's catalog (its language and metadata) and
/// information.
pub struct Joiner<'a> {
    links: &'a [Link],
    bookmarks: &'a [Bookmark],
    /// Where a link lands: the page's top, in pt from its bottom.
    page_height: f32,
    ids: Reserved,
    /// The file so far.
    out: Vec<u8>,
    /// Where each object begins in `out`, by its number; `None`: no object
    /// has that number (the parts' own page trees and catalogs are left out).
    starts: Vec<Option<usize>>,
    /// The pages so far, in order.
    pages: Vec<ObjectId>,
    /// The annotations of each page, by page (0-based).
    annots: Vec<Vec<u32>>,
    catalog: Option<Dictionary>,
    info: Option<ObjectId>,
    parts: usize,
}

impl<'a> Joiner<'a> {
    /// A joiner for a document with `links` and `bookmarks` over all its
    /// pages; `page_height` (pt) is where a link lands: the page's top.
    pub fn new(links: &'a [Link], bookmarks: &'a [Bookmark], page_height: f32) -> Joiner<'a> {
        fn count(items: &[Bookmark]) -> usize {
            // Iterative: bookmarks nest only a few levels, but a list of
            // them may be long.
            let mut n = 0;
            let mut stack: Vec<&[Bookmark]> = vec![items];
            while let Some(items) = stack.pop() {
                n += items.len();
                stack.extend(items.iter().map(|b| b.children.as_slice()));
            }
            n
        }
        let first_annot = 4;
        let first_bookmark = first_annot + links.len() as u32;
        let ids = Reserved {
            catalog: 1,
            tree: 2,
            outlines: 3,
            first_annot,
            first_bookmark,
            end: first_bookmark + count(bookmarks) as u32,
        };
        let mut annots: Vec<Vec<u32>> = Vec::new();
        for (i, link) in links.iter().enumerate() {
            if annots.len() <= link.page {
                annots.resize_with(link.page + 1, Vec::new);
            }
            annots[link.page].push(first_annot + i as u32);
        }
        let mut out = Vec::new();
        // The version, then a comment of bytes above 127: the file is binary.
        out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
        Joiner {
            links,
            bookmarks,
            page_height,
            starts: vec![None; ids.end as usize],
            ids,
            out,
            pages: Vec::new(),
            annots,
            catalog: None,
            info: None,
            parts: 0,
        }
    }

    /// Adds the pages and objects of `bytes`, a whole PDF, after those
    /// added so far.
    pub fn add(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.add_document(read(bytes)?)
    }

    /// [`Joiner::add`] of a PDF already read.
    pub fn add_document(&mut self, part: Document) -> Result<(), String> {
        // The part's objects, numbered after those written so far.
        let offset = self.starts.len() as u32 - 1;
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
        // Each of the part's pages, by its number in the joined document.
        let pages: Vec<ObjectId> = part.get_pages().into_values().collect();
        let first_page = self.pages.len();
        let page_index: HashMap<ObjectId, usize> = pages
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, first_page + i))
            .collect();
        self.pages.extend(pages.into_iter().map(moved));
        self.starts
            .resize(offset as usize + part.max_id as usize + 1, None);
        for (id, mut object) in part.objects {
            let is_tree = object
                .as_dict()
                .is_ok_and(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Pages"));
            if skip.contains(&id) || is_tree {
                continue;
            }
            shift(&mut object, offset);
            if let Some(&page) = page_index.get(&id) {
                let dict = object.as_dict_mut().map_err(unreadable)?;
                dict.set("Parent", (self.ids.tree, 0));
                if let Some(annots) = self.annots.get(page).filter(|a| !a.is_empty()) {
                    dict.set("Tabs", Object::Name(b"S".to_vec()));
                    dict.set(
                        "Annots",
                        annots
                            .iter()
                            .map(|&a| Object::Reference((a, 0)))
                            .collect::<Vec<_>>(),
                    );
                }
            }
            self.write(moved(id), &object)?;
        }
        self.parts += 1;
        Ok(())
    }

    /// Writes `object` as number `id`.
    fn write(&mut self, id: ObjectId, object: &Object) -> Result<(), String> {
        let failed = |e: std::io::Error| format!("the booklet could not be written: {e}");
        self.starts[id.0 as usize] = Some(self.out.len());
        let out = &mut self.out;
        let _ = writeln!(out, "{} {} obj", id.0, id.1);
        if lopdf::Writer::need_separator(object) {
            out.push(b' ');
        }
        lopdf::Writer::write_object(out, object).map_err(failed)?;
        if lopdf::Writer::need_end_separator(object) {
            out.push(b' ');
        }
        out.extend_from_slice(b"\nendobj\n");
        Ok(())
    }

    /// The joined document, with the links and bookmarks over its pages.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        let pages = std::mem::take(&mut self.pages);
        let (links, bookmarks) = (self.links, self.bookmarks);
        for (i, link) in links.iter().enumerate() {
            let mut annot = Dictionary::new();
            annot.set("Type", Object::Name(b"Annot".to_vec()));
            annot.set("Subtype", Object::Name(b"Link".to_vec()));
            annot.set("Rect", numbers(&link.rect));
            annot.set("Border", numbers(&[0.0, 0.0, 0.0]));
            if let Some(&target) = pages.get(link.target) {
                annot.set("Dest", top_of(target, self.page_height));
            }
            annot.set("F", 4);
            annot.set("Contents", text_string(&link.title));
            let id = self.ids.first_annot + i as u32;
            self.write((id, 0), &Object::Dictionary(annot))?;
        }
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", pages.len() as i64);
        tree.set(
            "Kids",
            pages
                .iter()
                .map(|&p| Object::Reference(p))
                .collect::<Vec<_>>(),
        );
        self.write((self.ids.tree, 0), &Object::Dictionary(tree))?;
        let mut catalog = self.catalog.take().unwrap_or_default();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", (self.ids.tree, 0));
        if !bookmarks.is_empty() {
            let outlines = self.ids.outlines;
            let mut dict = Dictionary::new();
            dict.set("Type", Object::Name(b"Outlines".to_vec()));
            let mut next = self.ids.first_bookmark;
            if let Some((first, last, count)) =
                self.write_bookmarks(bookmarks, outlines, &mut next, &pages)?
            {
                dict.set("First", (first, 0));
                dict.set("Last", (last, 0));
                dict.set("Count", count as i64);
            }
            self.write((outlines, 0), &Object::Dictionary(dict))?;
            catalog.set("Outlines", (outlines, 0));
        }
        self.write((self.ids.catalog, 0), &Object::Dictionary(catalog))?;
        self.write_xref()?;
        Ok(self.out)
    }

    /// Writes `items` (children of `parent`), numbered from `next` on, and
    /// returns the first, the last and how many are shown unfolded (the
    /// outline's `Count`).
    fn write_bookmarks(
        &mut self,
        items: &[Bookmark],
        parent: u32,
        next: &mut u32,
        pages: &[ObjectId],
    ) -> Result<Option<(u32, u32, usize)>, String> {
        let first = *next;
        *next += items.len() as u32;
        let mut visible = 0;
        for (i, item) in items.iter().enumerate() {
            let id = first + i as u32;
            let mut dict = Dictionary::new();
            dict.set("Parent", (parent, 0));
            if i + 1 < items.len() {
                dict.set("Next", (id + 1, 0));
            }
            if i > 0 {
                dict.set("Prev", (id - 1, 0));
            }
            let shown = self.write_bookmarks(&item.children, id, next, pages)?;
            if let Some((first, last, count)) = shown {
                dict.set("First", (first, 0));
                dict.set("Last", (last, 0));
                // Negative: folded, the children are not shown.
                let count = count as i64;
                dict.set("Count", if item.open { count } else { -count });
            }
            dict.set("Title", text_string(&item.title));
            if let Some(&page) = pages.get(item.page) {
                dict.set("Dest", top_of(page, self.page_height));
            }
            self.write((id, 0), &Object::Dictionary(dict))?;
            visible += 1 + if item.open {
                shown.map_or(0, |(_, _, n)| n)
            } else {
                0
            };
        }
        Ok((!items.is_empty()).then(|| (first, first + items.len() as u32 - 1, visible)))
    }

    /// The cross-reference stream (where each object begins, deflated) and
    /// the end of the file.
    fn write_xref(&mut self) -> Result<(), String> {
        let id = self.starts.len() as u32;
        let start = self.out.len();
        self.starts.push(Some(start));
        // Type 1 (in use, at an offset) or 0 (free); generation 0, or
        // 65535 for object 0, which is always free.
        let width = (usize::BITS - start.leading_zeros()).div_ceil(8).max(1) as usize;
        let mut table = Vec::with_capacity(self.starts.len() * (width + 3));
        for (n, at) in self.starts.iter().enumerate() {
            match at {
                Some(at) => {
                    table.push(1);
                    table.extend_from_slice(&at.to_be_bytes()[8 - width..]);
                    table.extend_from_slice(&[0, 0]);
                }
                None => {
                    table.push(0);
                    table.extend(std::iter::repeat_n(0, width));
                    table.extend_from_slice(if n == 0 { &[0xff, 0xff] } else { &[0, 0] });
                }
            }
        }
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        let failed = |e: std::io::Error| format!("the booklet could not be written: {e}");
        z.write_all(&table).map_err(failed)?;
        let table = z.finish().map_err(failed)?;
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XRef".to_vec()));
        dict.set("Size", i64::from(id) + 1);
        dict.set(
            "W",
            vec![
                Object::Integer(1),
                Object::Integer(width as i64),
                Object::Integer(2),
            ],
        );
        dict.set("Root", (self.ids.catalog, 0));
        if let Some(info) = self.info {
            dict.set("Info", info);
        }
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let stream = lopdf::Stream::new(dict, table);
        self.write((id, 0), &Object::Stream(stream))?;
        let _ = write!(self.out, "startxref\n{start}\n%%EOF\n");
        Ok(())
    }
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
    super::objects::renumber(object, &mut |id| id.0 += offset);
}

fn shift_dict(dict: &mut Dictionary, offset: u32) {
    for (_, value) in dict.iter_mut() {
        shift(value, offset);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use krilla::metadata::Metadata;

    use super::*;
    use crate::layout::paper::Paper;
    use crate::print::pdf::{Placement, draw, finish, page_settings};

    /// A PDF of `pages` pages, each with a line of text.
    fn part(pages: usize) -> Vec<u8> {
        let mut document = krilla::Document::new();
        for i in 0..pages {
            let mut page = document.start_page_with(page_settings(Paper::default()));
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" width=\"100\" height=\"50\"><text x=\"5\" y=\"20\" font-family=\"DejaVu Sans\" font-size=\"10\">page {i}</text></svg>"
            );
            draw(
                &mut page,
                &svg,
                Placement::of(Paper::default(), 100.0, 50.0),
            )
            .unwrap();
            page.finish();
        }
        finish(document, Metadata::new().title("part".to_string())).unwrap()
    }

    fn bookmark(title: &str, page: usize, children: Vec<Bookmark>) -> Bookmark {
        Bookmark {
            title: title.to_string(),
            page,
            open: false,
            children,
        }
    }

    /// The objects the cross-reference stream lists as in use, with where
    /// it says they begin.
    fn xref(pdf: &[u8]) -> Vec<(usize, usize)> {
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).into_owned();
        let start: usize = tail
            .split("startxref\n")
            .nth(1)
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref names the table");
        let object = &pdf[start..];
        let text = String::from_utf8_lossy(&object[..object.len().min(300)]).into_owned();
        let width: usize = text
            .split("/W[1 ")
            .nth(1)
            .and_then(|t| t.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("the table's widths");
        let data = memchr::memmem::find(object, b"stream\n").unwrap() + 7;
        let end = memchr::memmem::find(object, b"\nendstream").unwrap();
        let mut table = Vec::new();
        flate2::read::ZlibDecoder::new(&object[data..end])
            .read_to_end(&mut table)
            .unwrap();
        table
            .chunks(width + 3)
            .enumerate()
            .filter(|(_, e)| e[0] == 1)
            .map(|(n, e)| {
                let at = e[1..=width]
                    .iter()
                    .fold(0usize, |a, &b| a << 8 | usize::from(b));
                (n, at)
            })
            .collect()
    }

    #[test]
    fn every_object_is_where_the_table_says_and_links_and_bookmarks_span_the_parts() {
        let links = [Link {
            page: 0,
            rect: [10.0, 10.0, 50.0, 30.0],
            target: 2,
            title: "third".to_string(),
        }];
        let bookmarks = [bookmark(
            "first",
            0,
            vec![bookmark("second", 1, vec![]), bookmark("third", 2, vec![])],
        )];
        let mut joiner = Joiner::new(&links, &bookmarks, 842.0);
        joiner.add(&part(1)).unwrap();
        joiner.add(&part(2)).unwrap();
        let pdf = joiner.finish().unwrap();

        let listed = xref(&pdf);
        // The catalog, the page tree, the outline, the link, three
        // bookmarks, both parts' objects and the table itself: every object
        // written, and each where the table says.
        assert!(listed.len() > 10, "{listed:?}");
        let written = memchr::memmem::find_iter(&pdf, b" 0 obj\n").count();
        assert_eq!(listed.len(), written);
        for &(n, at) in &listed {
            let head = format!("{n} 0 obj\n");
            assert!(
                pdf[at..].starts_with(head.as_bytes()),
                "object {n} is not at {at}"
            );
        }

        let doc = Document::load_mem(&pdf).expect("lopdf reads the joined file");
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        assert_eq!(pages.len(), 3);
        // The dictionary `key` of `dict` refers to.
        let follow = |dict: &Dictionary, key: &[u8]| {
            let id = dict.get(key).and_then(Object::as_reference).unwrap();
            doc.get_dictionary(id).unwrap()
        };
        let target = |dict: &Dictionary| {
            let dest = dict.get(b"Dest").and_then(Object::as_array).unwrap();
            dest[0].as_reference().unwrap()
        };
        let first = doc.get_dictionary(pages[0]).unwrap();
        let annots = first.get(b"Annots").and_then(Object::as_array).unwrap();
        let link = doc
            .get_dictionary(annots[0].as_reference().unwrap())
            .unwrap();
        assert_eq!(target(link), pages[2]);
        let outlines = follow(doc.catalog().unwrap(), b"Outlines");
        let top = follow(outlines, b"First");
        assert_eq!(target(top), pages[0]);
        assert_eq!(target(follow(top, b"Last")), pages[2]);
        assert_eq!(top.get(b"Count").unwrap().as_i64().unwrap(), -2);
    }
}
