//! What the last build wrote: for each file, the key it was rendered for,
//! the hash and size of its content; and the key of the whole build.
//!
//! It lets a rebuild skip what has not changed: a whole build when the build
//! key is equal, a file when its key is equal (and the file is still there,
//! with its size). It is a cache: a missing or damaged manifest only means
//! that everything is rendered again.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::output::{Key, push_hex};

/// File name of the manifest inside the output folder.
pub const FILE: &str = ".organogram-manifest";
/// Version 2: keys and hashes are XXH3 (version 1 had BLAKE3).
const HEADER: &str = "organogram-manifest 2";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: Option<Key>,
    pub hash: Key,
    pub size: u64,
}

#[derive(Debug, Default)]
pub struct Manifest {
    pub build: Option<Key>,
    pub files: BTreeMap<String, Entry>,
}

/// The files of the last build, by key.
impl crate::output::Holdings for Manifest {
    fn holds(&self, path: &str, key: Key) -> bool {
        self.files.get(path).is_some_and(|old| old.key == Some(key))
    }
}

fn unhex(text: &str) -> Option<Key> {
    let digits = text.as_bytes();
    if digits.len() != 32 {
        return None;
    }
    let digit = |d: u8| char::from(d).to_digit(16).map(|d| d as u8);
    let mut key = [0; 16];
    for (byte, pair) in key.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(key)
}

impl Manifest {
    /// Reads a manifest; anything unreadable gives an empty one.
    pub fn parse(text: &str) -> Manifest {
        let mut lines = text.lines();
        let mut manifest = Manifest::default();
        if lines.next() != Some(HEADER) {
            return manifest;
        }
        manifest.build = lines
            .next()
            .and_then(|l| l.strip_prefix("build "))
            .and_then(unhex);
        // Collected, then made into the map at once: the lines are sorted
        // by path, so the map is built without a search per line.
        let mut files = Vec::new();
        for line in lines {
            let mut parts = line.splitn(4, ' ');
            let (Some(key), Some(hash), Some(size), Some(path)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Manifest::default();
            };
            let (Some(hash), Ok(size)) = (unhex(hash), size.parse()) else {
                return Manifest::default();
            };
            let key = if key == "-" { None } else { unhex(key) };
            files.push((path.to_string(), Entry { key, hash, size }));
        }
        manifest.files = BTreeMap::from_iter(files);
        manifest
    }

    /// The manifest as text, files sorted by path: the same build gives the
    /// same bytes.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(64 * (self.files.len() + 2));
        out.push_str(HEADER);
        out.push('\n');
        if let Some(build) = &self.build {
            out.push_str("build ");
            push_hex(&mut out, build);
            out.push('\n');
        }
        for (path, e) in &self.files {
            match &e.key {
                Some(key) => push_hex(&mut out, key),
                None => out.push('-'),
            }
            out.push(' ');
            push_hex(&mut out, &e.hash);
            let _ = writeln!(out, " {} {path}", e.size);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_from_hex() {
        let key: Key = std::array::from_fn(|i| (i * 17) as u8);
        let mut text = String::new();
        push_hex(&mut text, &key);
        assert_eq!(unhex(&text), Some(key));
        assert_eq!(unhex(&text.to_uppercase()), Some(key));
        assert_eq!(unhex(&text[1..]), None);
        assert_eq!(unhex(&format!("{text}0")), None);
        for bad in ["g", "+", " ", "é"] {
            let damaged = format!("{bad}{}", &text[bad.len()..]);
            assert_eq!(unhex(&damaged), None, "{damaged}");
        }
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let mut m = Manifest {
            build: Some([7; 16]),
            ..Manifest::default()
        };
        m.files.insert(
            "html/units/a b.html".into(),
            Entry {
                key: Some([1; 16]),
                hash: [2; 16],
                size: 42,
            },
        );
        m.files.insert(
            "svg/x.svg".into(),
            Entry {
                key: None,
                hash: [3; 16],
                size: 0,
            },
        );
        let text = m.render();
        let back = Manifest::parse(&text);
        assert_eq!(back.build, m.build);
        assert_eq!(back.files, m.files);
        assert!(Manifest::parse("garbage").files.is_empty());
        let damaged = text.replace(" 42 ", " x ");
        assert!(Manifest::parse(&damaged).files.is_empty());
    }
}
