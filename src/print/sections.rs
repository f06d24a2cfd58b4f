//! The booklet's chart pages, made a section at a time and kept between
//! builds: a one-chart edit makes one section again, not the whole booklet.
//!
//! A section is a run of charts in reading order, printed as a PDF of its
//! own (its pages and fonts, nothing else). Where a section ends depends on
//! its last chart's id only, so a chart added or removed changes the
//! sections around it and no others. Sections are kept in a folder beside
//! the output (`.NAME.cache/`), each under the hash of everything it is
//! made from; the folder is a cache, never part of the output: deleting it
//! only makes the next booklet slower.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::charts::Chart;
use crate::layout::paper::Paper;
use crate::output::{Key, KeyHasher};

/// A section ends after a chart whose id hashes to 0 modulo this: sections
/// hold this many charts on average. Each section carries its own font
/// subsets: 64 rather than 32 made the booklet 7% smaller and its printing
/// cheaper, for one larger section to print again after an edit.
const AVERAGE: u64 = 64;
/// And never more than this.
const MOST: usize = 256;

/// Splits charts (their ids, in reading order) into sections: index ranges.
pub fn split<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<std::ops::Range<usize>> {
    let mut sections = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (i, id) in ids.into_iter().enumerate() {
        count = i + 1;
        if ends(id) || i + 1 - start == MOST {
            sections.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < count {
        sections.push(start..count);
    }
    sections
}

/// Whether a section ends after the chart `id` (unless cut at [`MOST`]).
fn ends(id: &str) -> bool {
    let hash = blake3::hash(id.as_bytes());
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("8 bytes")).is_multiple_of(AVERAGE)
}

/// The key of a section: everything its PDF is made from.
pub fn key(charts: &[Chart], paper: Paper) -> Key {
    let mut h = KeyHasher::new();
    // The program (its PDF writer and fonts among it) and the paper.
    h.update(env!("CARGO_PKG_VERSION").as_bytes())
        .update(env!("ORGANOGRAM_SOURCE_HASH").as_bytes())
        .update(format!("{paper:?}").as_bytes());
    for chart in charts {
        h.update(chart.svg.as_bytes())
            .update(&chart.width.to_le_bytes())
            .update(&chart.height.to_le_bytes());
    }
    h.key()
}

/// A booklet's charts cut into sections: each section's charts and key,
/// and where sections are kept.
#[derive(Debug)]
pub struct Sections {
    /// Each section's charts, as a range of the booklet's charts.
    pub ranges: Vec<std::ops::Range<usize>>,
    /// Each section's key ([`key`]).
    pub keys: Vec<Key>,
    pub store: Store,
}

impl Sections {
    /// The sections of `charts` (in reading order) on `paper`, kept in `store`.
    pub fn new(charts: &[Chart], paper: Paper, store: Store) -> Sections {
        let ranges = split(charts.iter().map(|c| c.id.as_str()));
        let keys = ranges
            .iter()
            .map(|r| key(&charts[r.clone()], paper))
            .collect();
        Sections {
            ranges,
            keys,
            store,
        }
    }

    /// The section that holds chart `chart`.
    pub fn of(&self, chart: usize) -> usize {
        self.ranges.partition_point(|r| r.end <= chart)
    }
}

/// Where sections are kept between builds; [`Store::none`] keeps nothing.
#[derive(Debug, Default)]
pub struct Store {
    dir: Option<PathBuf>,
    /// The sections this build used, so that the rest can be removed.
    used: Mutex<HashSet<String>>,
}

impl Store {
    /// Keeps nothing: every section is made again.
    pub fn none() -> Store {
        Store::default()
    }

    /// Keeps sections in the folder `dir` (made when first needed).
    pub fn at(dir: &Path) -> Store {
        Store {
            dir: Some(dir.to_path_buf()),
            used: Mutex::default(),
        }
    }

    fn path(&self, key: Key) -> Option<(PathBuf, String)> {
        let name = format!("{}.pdf", crate::output::hex(&key));
        Some((self.dir.as_ref()?.join(&name), name))
    }

    fn mark(&self, name: String) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name);
    }

    /// Whether a section is kept for `key`.
    pub fn holds(&self, key: Key) -> bool {
        self.path(key).is_some_and(|(path, _)| path.is_file())
    }

    /// The section kept for `key`, if any.
    pub fn get(&self, key: Key) -> Option<Vec<u8>> {
        let (path, name) = self.path(key)?;
        let pdf = fs::read(path).ok()?;
        self.mark(name);
        Some(pdf)
    }

    /// Keeps `pdf` for `key`. A section that cannot be kept is only made
    /// again next time: no error.
    pub fn put(&self, key: Key, pdf: &[u8]) {
        let Some((path, name)) = self.path(key) else {
            return;
        };
        // Written aside, then renamed: a section is there whole or not at all.
        let part = path.with_extension("part");
        let written = path
            .parent()
            .is_some_and(|dir| fs::create_dir_all(dir).is_ok())
            && fs::write(&part, pdf).is_ok()
            && fs::rename(&part, &path).is_ok();
        if written {
            self.mark(name);
        } else {
            let _ = fs::remove_file(part);
        }
    }

    /// Removes every kept section this build did not use (those of older
    /// versions of the charts), so the folder holds one booklet's worth.
    pub fn forget_unused(&self) {
        let Some(dir) = &self.dir else { return };
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !used.contains(&name) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_added_changes_only_the_sections_around_it() {
        let ids: Vec<String> = (0..2000).map(|i| format!("unit-u{i}")).collect();
        let ranges = |ids: &[String]| -> Vec<Vec<String>> {
            split(ids.iter().map(String::as_str))
                .into_iter()
                .map(|r| ids[r].to_vec())
                .collect()
        };
        let before = ranges(&ids);
        assert!(before.len() > 10, "{} sections", before.len());
        assert!(before.iter().all(|s| !s.is_empty() && s.len() <= MOST));
        assert_eq!(before.concat(), ids, "every chart once, in order");
        // A chart that ends no section, added into section `at`: that
        // section is made again, and when it was cut at MOST charts, the
        // cut moves by one and so does the next; every other is kept.
        let new = (0..)
            .map(|k| format!("unit-new-{k}"))
            .find(|id| !ends(id))
            .expect("an id");
        let added = |at: usize| {
            let mut after = ids.clone();
            let place = before[..at].iter().map(Vec::len).sum::<usize>() + 1;
            after.insert(place, new.clone());
            let after = ranges(&after);
            let changed: Vec<usize> = (0..after.len())
                .filter(|&i| !before.contains(&after[i]))
                .collect();
            let gone = before.iter().filter(|s| !after.contains(s)).count();
            (changed, gone)
        };
        // (Inserted after the section's first chart, which ends it only when
        // it is alone.)
        let plain = before
            .iter()
            .position(|s| (2..MOST).contains(&s.len()))
            .expect("one");
        assert_eq!(added(plain), (vec![plain], 1));
        let cut = before
            .iter()
            .position(|s| s.len() == MOST)
            .expect("a section cut at MOST among 2,000 charts");
        assert_eq!(added(cut), (vec![cut, cut + 1], 2));
    }

    #[test]
    fn kept_sections_are_found_and_unused_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(&dir.path().join("cache"));
        store.put([1; 16], b"one");
        store.put([2; 16], b"two");
        let next = Store::at(&dir.path().join("cache"));
        assert_eq!(next.get([1; 16]).as_deref(), Some(&b"one"[..]));
        assert_eq!(next.get([3; 16]), None);
        next.forget_unused();
        assert_eq!(Store::at(&dir.path().join("cache")).get([2; 16]), None);
        assert!(Store::none().get([1; 16]).is_none());
    }
}
