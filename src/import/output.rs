//! Putting an imported organisation on disk: portable, bounded file names,
//! and all files or none (they are written to a staging folder that is then
//! renamed into place).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Files;

/// A file name for `stem` with `extension`, safe on every system: made a
/// slug, then named by the same rules as the build's output files
/// ([`crate::output::names::stem`]: bounded, never a reserved Windows name),
/// and — with `used`, the names given so far — never one that differs from
/// another only in case.
pub fn file_name(stem: &str, extension: &str, used: &mut HashSet<String>) -> String {
    let mut slug: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if slug.is_empty() {
        slug.push_str("unit");
    }
    let stem = crate::output::names::stem(&slug);
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
        assert!(name.len() < 100, "{name}");
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
            let stem = n.split('.').next().unwrap();
            assert!(
                !["con", "aux", "nul", "com1", "lpt9", "prn"].contains(&stem),
                "{n}"
            );
        }
        let a = file_name("Team", "toml", &mut used);
        let b = file_name("team", "toml", &mut used);
        assert_ne!(a.to_lowercase(), b.to_lowercase());
    }
}
