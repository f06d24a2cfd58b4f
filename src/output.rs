//! The generated files, in memory, before they are written.
//!
//! Every renderer adds files to one [`OutputTree`]; only when the whole tree
//! was produced without error does `write` put it on disk. So a failed build
//! never leaves half an output folder.

use std::collections::BTreeMap;

/// Relative path (with `/` separators) → file content. Sorted, so writing and
/// listing are deterministic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutputTree {
    files: BTreeMap<String, Vec<u8>>,
}

impl OutputTree {
    pub fn new() -> OutputTree {
        OutputTree::default()
    }

    /// Adds a file; `path` is relative to the output folder, e.g. `svg/dirsa.svg`.
    ///
    /// Panics on an absolute path or one with `..`: paths come from slug ids and
    /// fixed names, never from raw user text, so that would be a bug here.
    pub fn add(&mut self, path: impl Into<String>, content: impl Into<Vec<u8>>) {
        let path = path.into();
        assert!(
            !path.starts_with('/') && !path.split('/').any(|p| p == ".." || p.is_empty()),
            "output path must be relative and clean: {path}"
        );
        self.files.insert(path, content.into());
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, c)| (p.as_str(), c.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Adds every file of `other` under `prefix/`.
    pub fn merge_under(&mut self, prefix: &str, other: OutputTree) {
        for (path, content) in other.files {
            self.add(format!("{prefix}/{path}"), content);
        }
    }
}
