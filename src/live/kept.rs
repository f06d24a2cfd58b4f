//! The build `serve` keeps in memory, each file with the key it was made
//! for. The next build is made against it: a file whose key is the same is
//! taken over as it is (shared, not copied), so after an edit only the
//! files that changed are made again, as a build into a folder does.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::output::{Holdings, Key, Sink, assert_clean};

/// The files of one build, by path (relative, `/`-separated).
#[derive(Debug, Default)]
pub struct Kept {
    /// The key of the whole build ([`crate::compile::build_key`]).
    pub build: Option<Key>,
    files: BTreeMap<String, (Option<Key>, Arc<[u8]>)>,
}

impl Kept {
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|(_, content)| &content[..])
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl Holdings for Kept {
    fn holds(&self, path: &str, key: Key) -> bool {
        self.files
            .get(path)
            .is_some_and(|(kept, _)| *kept == Some(key))
    }
}

/// A build made against the last one: the sink of [`crate::compile::render_into`].
pub struct Rebuild {
    previous: Arc<Kept>,
    next: Kept,
    /// Files that are new or not as they were in the last build.
    pub changed: usize,
    /// Where the slow parts of files (the booklet's sections) are kept.
    cache: Option<std::path::PathBuf>,
}

impl Rebuild {
    pub fn on(previous: Arc<Kept>) -> Rebuild {
        Rebuild {
            previous,
            next: Kept::default(),
            changed: 0,
            cache: None,
        }
    }

    /// Keeps the booklet's sections in `dir`, from one build to the next.
    pub fn keeping(self, dir: std::path::PathBuf) -> Rebuild {
        Rebuild {
            cache: Some(dir),
            ..self
        }
    }

    /// The build made, whose key is `build`.
    pub fn finish(self, build: Key) -> Kept {
        Kept {
            build: Some(build),
            ..self.next
        }
    }
}

impl Sink for Rebuild {
    fn file(
        &mut self,
        path: &str,
        key: Option<Key>,
        render: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        assert_clean(path);
        let last = self.previous.files.get(path);
        let content = match last {
            Some((kept, content)) if key.is_some() && *kept == key => content.clone(),
            _ => {
                let made = render()?;
                match last {
                    // The same as before: shared, not held twice.
                    Some((_, content)) if content[..] == made[..] => content.clone(),
                    _ => {
                        self.changed += 1;
                        Arc::from(made)
                    }
                }
            }
        };
        self.next.files.insert(path.to_string(), (key, content));
        Ok(())
    }

    fn holdings(&self) -> Arc<dyn Holdings> {
        self.previous.clone()
    }

    fn cache_dir(&self) -> Option<std::path::PathBuf> {
        self.cache.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> Key {
        let mut h = crate::output::KeyHasher::new();
        h.update(&[n]);
        h.key()
    }

    #[test]
    fn a_file_of_the_same_key_is_taken_over_and_not_made() {
        let mut first = Rebuild::on(Arc::default());
        first
            .file("a.html", Some(key(1)), &mut || Ok(b"a".to_vec()))
            .unwrap();
        first
            .file("b.html", Some(key(2)), &mut || Ok(b"b".to_vec()))
            .unwrap();
        first.put("c.css", b"c".to_vec()).unwrap();
        assert_eq!(first.changed, 3);
        let kept = Arc::new(first.finish(key(9)));
        let mut second = Rebuild::on(kept.clone());
        assert!(second.holds("a.html", key(1)) && !second.holds("b.html", key(1)));
        second
            .file("a.html", Some(key(1)), &mut || panic!("a.html is kept"))
            .unwrap();
        second
            .file("b.html", Some(key(3)), &mut || Ok(b"B".to_vec()))
            .unwrap();
        // Without a key, a file is made every time; the same content is
        // no change.
        second.put("c.css", b"c".to_vec()).unwrap();
        assert_eq!(second.changed, 1);
        let next = second.finish(key(10));
        assert_eq!(next.get("a.html"), Some(&b"a"[..]));
        assert_eq!(next.get("b.html"), Some(&b"B"[..]));
        assert_eq!(next.len(), 3);
        assert!(std::ptr::eq(
            next.get("a.html").unwrap().as_ptr(),
            kept.get("a.html").unwrap().as_ptr()
        ));
    }
}
