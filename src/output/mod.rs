//! Where the generated files go.
//!
//! Renderers hand every file to a [`Sink`]: the build's staging folder
//! (`write::Staging`, which writes each file as it is made, so the output is
//! never all in memory), the up-to-date check (`write::Checker`), or an
//! in-memory [`OutputTree`] (tests, `serve`). A file may come with a [`Key`],
//! a hash of everything its content depends on: a sink that already holds the
//! file for that key need not render it again.

mod feed;
pub mod names;

use std::collections::BTreeMap;

/// A hash of everything one file's content depends on.
pub type Key = [u8; 16];

/// `bytes` (a key, or part of one) in lowercase hexadecimal after `out`:
/// by table, since the manifest writes two keys for every file.
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
}

/// `bytes` in lowercase hexadecimal ([`push_hex`]).
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    push_hex(&mut out, bytes);
    out
}

/// Hashes what a file depends on; feed it with `update` or `json`.
///
/// XXH3 (128 bits): keys and content hashes only tell whether something
/// changed since the last build, on every file of every build, so speed
/// matters and a cryptographic hash buys nothing.
#[derive(Default)]
pub struct KeyHasher(xxhash_rust::xxh3::Xxh3);

impl KeyHasher {
    pub fn new() -> KeyHasher {
        KeyHasher::default()
    }

    pub fn update(&mut self, bytes: &[u8]) -> &mut KeyHasher {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds the data of `value` (see [`feed`]).
    pub fn value(&mut self, value: &impl serde::Serialize) -> &mut KeyHasher {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            // Cannot fail: the feed raises no error, and the project's
            // types serialize without one.
            let _ = value.serialize(&mut feed::Feed(buffer));
            self.update(buffer);
        });
        self
    }

    pub fn key(&self) -> Key {
        self.0.digest128().to_le_bytes()
    }
}

/// The hash of a file's content.
pub fn content_hash(content: &[u8]) -> Key {
    xxhash_rust::xxh3::xxh3_128(content).to_le_bytes()
}

/// Receives the files of a build.
pub trait Sink {
    /// Adds the file at `path` (relative, `/`-separated). `render` makes its
    /// content; a sink that holds the file already for the same `key` may
    /// keep that and not call it.
    fn file(
        &mut self,
        path: &str,
        key: Option<Key>,
        render: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    ) -> Result<(), String>;

    /// Whether `file` would keep what the sink holds at `path` for `key`
    /// without making it: lets the slow files be made ahead, on every core,
    /// and only those that are needed.
    fn holds(&self, path: &str, key: Key) -> bool {
        self.holdings().holds(path, key)
    }

    /// [`Sink::holds`] for threads to ask while files are made (and
    /// handed to the sink).
    fn holdings(&self) -> std::sync::Arc<dyn Holdings> {
        static NOTHING: std::sync::LazyLock<std::sync::Arc<Nothing>> =
            std::sync::LazyLock::new(|| std::sync::Arc::new(Nothing));
        NOTHING.clone()
    }

    /// Adds a file whose content is already made.
    fn put(&mut self, path: &str, content: Vec<u8>) -> Result<(), String> {
        let mut content = Some(content);
        self.file(path, None, &mut || Ok(content.take().unwrap_or_default()))
    }

    /// The build enters a stage (for progress): `files` is how many files
    /// it will add, if known.
    fn stage(&mut self, _name: &str, _files: usize) {}

    /// A folder where slow parts of files (the booklet's sections) may be
    /// kept from one build to the next; `None`: nothing is kept.
    fn cache_dir(&self) -> Option<std::path::PathBuf> {
        None
    }
}

/// Which files a sink holds already, by key: asked from every thread that
/// makes files, so that none is made that would not be written.
pub trait Holdings: Send + Sync {
    fn holds(&self, path: &str, key: Key) -> bool;
}

/// Holds no file: everything is made.
pub struct Nothing;

impl Holdings for Nothing {
    fn holds(&self, _path: &str, _key: Key) -> bool {
        false
    }
}

/// Panics on an absolute path or one with `..`: paths come from slug ids and
/// fixed names, never from raw user text, so that would be a bug here.
pub fn assert_clean(path: &str) {
    assert!(
        !path.starts_with('/') && !path.split('/').any(|p| p == ".." || p.is_empty()),
        "output path must be relative and clean: {path}"
    );
}

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
    pub fn add(&mut self, path: impl Into<String>, content: impl Into<Vec<u8>>) {
        let path = path.into();
        assert_clean(&path);
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

impl Sink for OutputTree {
    fn file(
        &mut self,
        path: &str,
        _key: Option<Key>,
        render: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        let content = render()?;
        self.add(path, content);
        Ok(())
    }
}

/// A sink that adds `prefix/` to every path of another.
pub struct Under<'a> {
    pub prefix: &'a str,
    pub sink: &'a mut dyn Sink,
}

impl Sink for Under<'_> {
    fn file(
        &mut self,
        path: &str,
        key: Option<Key>,
        render: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        self.sink
            .file(&format!("{}/{path}", self.prefix), key, render)
    }

    fn holds(&self, path: &str, key: Key) -> bool {
        self.sink.holds(&format!("{}/{path}", self.prefix), key)
    }

    fn stage(&mut self, name: &str, files: usize) {
        self.sink.stage(name, files);
    }

    fn cache_dir(&self) -> Option<std::path::PathBuf> {
        self.sink.cache_dir()
    }
}
