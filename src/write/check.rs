//! Compares a build with an output folder without writing anything.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Changes, is_bookkeeping, list_files};
use crate::output::{Key, OutputTree, Sink};

/// Compares a build with an output folder, writing nothing (`build --check`):
/// every file is rendered and compared with the one on disk.
pub struct Checker {
    out: PathBuf,
    seen: HashSet<String>,
    changes: Changes,
}

impl Checker {
    pub fn new(out: &Path) -> Checker {
        Checker {
            out: out.to_path_buf(),
            seen: HashSet::new(),
            changes: Changes::default(),
        }
    }

    /// What differs; files on disk that the build does not make are `removed`.
    pub fn finish(mut self) -> io::Result<Changes> {
        if self.out.exists() {
            for path in list_files(&self.out)? {
                if !is_bookkeeping(&path) && !self.seen.contains(&path) {
                    self.changes.removed.push(path);
                }
            }
        }
        self.changes.added.sort();
        self.changes.changed.sort();
        Ok(self.changes)
    }
}

impl Sink for Checker {
    fn file(
        &mut self,
        path: &str,
        _key: Option<Key>,
        render: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        let content = render()?;
        match fs::read(self.out.join(path)) {
            Ok(old) if old == content => self.changes.unchanged += 1,
            Ok(_) => self.changes.changed.push(path.to_string()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.changes.added.push(path.to_string())
            }
            Err(e) => return Err(format!("cannot read `{}/{path}`: {e}", self.out.display())),
        }
        self.seen.insert(path.to_string());
        Ok(())
    }
}

/// Compares `tree` with what is in `out`, without writing anything.
pub fn compare(out: &Path, tree: &OutputTree) -> io::Result<Changes> {
    let mut checker = Checker::new(out);
    for (path, content) in tree.iter() {
        checker
            .put(path, content.to_vec())
            .map_err(io::Error::other)?;
    }
    checker.finish()
}
