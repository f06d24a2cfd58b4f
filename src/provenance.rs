//! Where a build comes from: the date the organisation last changed and the
//! revision of its sources, for the handbook's footer.
//!
//! Output must be the same for the same input, on a developer's machine and
//! in a CI clone (shallow, or without `.git`). So git is asked only when its
//! answer is the real one — a full history and a clean folder — and every
//! other case falls back to something the input alone decides:
//!
//! - date: the day of `SOURCE_DATE_EPOCH` when set; else the committer date
//!   of the newest commit that touched the organisation folder; else the
//!   build's date;
//! - revision: the one given (`--revision`, `ORGANOGRAM_REVISION`); else that
//!   commit's hash when the date came from git; else a hash of the sources.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::model::Date;
use crate::source::Sources;

/// The date and revision of one build.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Provenance {
    /// When the organisation last changed (see the module's comment).
    pub date: Date,
    pub revision: Revision,
}

/// Which revision of the sources a build shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Revision {
    /// Given by the user (`--revision`, `ORGANOGRAM_REVISION`).
    Given(String),
    /// The git commit (12 hex digits) that last touched the folder.
    Commit(String),
    /// A hash of the organisation's files, when there is no commit to name.
    Content(String),
}

impl Revision {
    pub fn text(&self) -> &str {
        match self {
            Revision::Given(t) | Revision::Commit(t) | Revision::Content(t) => t,
        }
    }
}

/// Length of a shown commit or content hash: `%h` would depend on the size
/// of the clone's object store, so the full hash is cut to a fixed length.
const SHORT: usize = 12;

impl Provenance {
    /// The provenance of a build of `org_dir`, whose files are `sources`.
    /// `revision`: the one given on the command line, if any.
    pub fn detect(org_dir: &Path, sources: &Sources, revision: Option<String>) -> Provenance {
        let given = revision
            .or_else(|| std::env::var("ORGANOGRAM_REVISION").ok())
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .map(Revision::Given);
        let pinned = source_date_epoch();
        let commit = if pinned.is_none() {
            last_commit(org_dir)
        } else {
            None
        };
        let date = pinned
            .or(commit.as_ref().map(|c| c.1))
            .unwrap_or_else(Date::today);
        let revision = given
            .or(commit.map(|c| Revision::Commit(c.0)))
            .unwrap_or_else(|| Revision::Content(content_hash(org_dir, sources)));
        Provenance { date, revision }
    }
}

fn source_date_epoch() -> Option<Date> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map(Date::from_unix_seconds)
}

/// The hash and date of the newest commit that touched `dir`, when `dir` is
/// in a complete (not shallow) git repository and has no uncommitted
/// changes; `None` in every other case, git missing included.
fn last_commit(dir: &Path) -> Option<(String, Date)> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    // A shallow clone knows only its newest commit, which need not be the
    // one that last touched the folder.
    if git(&["rev-parse", "--is-shallow-repository"])? != "false" {
        return None;
    }
    if !git(&["status", "--porcelain", "--untracked-files=all", "--", "."])?.is_empty() {
        return None;
    }
    let line = git(&["log", "-1", "--format=%H %cs", "--", "."])?;
    let (hash, date) = line.split_once(' ')?;
    Some((hash.get(..SHORT)?.to_string(), Date::parse(date)?))
}

/// A short hash of the organisation's files and its free pages, by their
/// paths inside the folder (so that it is the same wherever the folder is).
fn content_hash(org_dir: &Path, sources: &Sources) -> String {
    let mut h = blake3::Hasher::new();
    let mut add = |name: &str, bytes: &[u8]| {
        h.update(&(name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    for file in sources.ids().map(|id| sources.file(id)) {
        let path = file.path.strip_prefix(org_dir).unwrap_or(&file.path);
        add(
            &path.to_string_lossy().replace('\\', "/"),
            file.text.as_bytes(),
        );
    }
    if let Ok(entries) = std::fs::read_dir(org_dir.join("pages")) {
        let mut pages: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        pages.sort();
        for page in pages {
            if let (Some(name), Ok(bytes)) = (page.file_name(), std::fs::read(&page)) {
                add(&format!("pages/{}", name.to_string_lossy()), &bytes);
            }
        }
    }
    h.finalize().to_hex()[..SHORT].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_outside_git_has_no_commit() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(last_commit(dir.path()), None);
    }
}
