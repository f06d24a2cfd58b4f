//! Putting an imported organisation on disk: portable, bounded file names,
//! and all files or none (they are written to a staging folder that is then
//! renamed into place).

use std::collections::HashSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use super::Files;

/// Longest file stem kept readable before it is shortened with a hash.
const MAX_STEM: usize = 64;

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A short hash that stays the same from run to run and version to version
/// (FNV-1a, unlike std's hasher, is fixed).
fn stable_hash(text: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(text.as_bytes());
    format!("{:08x}", h.finish() as u32)
}

/// A file name for `stem` (a slug) with `extension`, safe on every system:
/// at most ~80 bytes (long stems keep a readable prefix and get a stable
/// hash), never a reserved Windows name, and — with `used`, the names given
/// so far — never one that differs from another only in case.
pub fn file_name(stem: &str, extension: &str, used: &mut HashSet<String>) -> String {
    let mut stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if stem.is_empty() {
        stem.push_str("unit");
    }
    if stem.len() > MAX_STEM {
        let hash = stable_hash(&stem);
        let prefix = stem[..MAX_STEM - 9].trim_end_matches('-');
        stem = format!("{prefix}-{hash}");
    }
    if RESERVED.contains(&stem.as_str()) {
        stem.push_str("-unit");
    }
    let mut name = format!("{stem}.{extension}");
    let mut k = 2;
    while !used.insert(name.clone()) {
        name = format!("{stem}-{k}.{extension}");
        k += 1;
    }
    name
}

/// Writes the files into `dir` — which must not hold an organisation yet —
/// all at once: into a staging folder beside it, then renamed into place.
pub fn write_folder(dir: &Path, files: &Files) -> std::io::Result<()> {
    if dir.exists()
        && std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "toml"))
    {
        return Err(std::io::Error::other(format!(
            "`{}` already holds .toml files; import into a new or empty folder",
            dir.display()
        )));
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let leaf = dir
        .file_name()
        .map_or("import".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{leaf}.import-{}", std::process::id()));
    let result = stage(&staging, files).and_then(|()| move_into_place(&staging, dir));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn stage(staging: &Path, files: &Files) -> std::io::Result<()> {
    if staging.exists() {
        std::fs::remove_dir_all(staging)?;
    }
    std::fs::create_dir(staging)?;
    for (name, text) in files {
        std::fs::write(staging.join(name), text)?;
    }
    let schema = serde_json::to_string_pretty(&crate::model::schema::json_schema())
        .map_err(std::io::Error::other)?;
    std::fs::write(staging.join(crate::init::SCHEMA_FILE), schema + "\n")
}

fn move_into_place(staging: &Path, dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        if std::fs::read_dir(dir)?.next().is_none() {
            std::fs::remove_dir(dir)?;
        } else {
            // A folder with other files (a README, a .git): move ours in.
            for entry in std::fs::read_dir(staging)? {
                let entry = entry?;
                std::fs::rename(entry.path(), dir.join(entry.file_name()))?;
            }
            return std::fs::remove_dir(staging);
        }
    }
    std::fs::rename(staging, dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_bounded_portable_and_distinct() {
        let mut used = HashSet::new();
        let long = "a".repeat(260);
        let name = file_name(&long, "toml", &mut used);
        assert!(name.len() <= MAX_STEM + 5, "{name}");
        assert!(name.starts_with("aaaa"));
        // Stable: the same stem gives the same hash.
        let again = file_name(&long, "toml", &mut HashSet::new());
        assert_eq!(name, again);
        assert_ne!(
            file_name(&format!("{long}b"), "toml", &mut HashSet::new()),
            name
        );
        for reserved in ["con", "AUX", "nul", "com1", "lpt9", "prn"] {
            let n = file_name(reserved, "toml", &mut used);
            assert!(!RESERVED.contains(&n.split('.').next().unwrap()), "{n}");
        }
        let a = file_name("Team", "toml", &mut used);
        let b = file_name("team", "toml", &mut used);
        assert_ne!(a.to_lowercase(), b.to_lowercase());
    }
}
