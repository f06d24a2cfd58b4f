//! Putting a staged build in place: only the files that changed move.
//!
//! The staging folder holds the files that are new or changed and the new
//! manifest. Once they are all there, a journal is written into it (aside,
//! then renamed: it is there whole or not at all) listing the files to
//! remove from the output folder and the files to move into it. From then
//! on the build counts as done: the journal is carried out, removals first
//! (a file may have become a folder), the manifest last, and the staging
//! folder removed. A build interrupted before the journal left the output
//! folder as it was, and its staging folder is thrown away; one interrupted
//! while carrying it out is finished by the next build, which carries out
//! the same journal again (every step can be done twice).

use std::fs;
use std::io;
use std::path::Path;

use super::manifest;

/// File name of the journal inside the staging folder.
pub const FILE: &str = ".organogram-journal";
const HEADER: &str = "organogram-journal 1";

/// What puts a staged build in place.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Journal {
    /// Files to remove from the output folder.
    pub remove: Vec<String>,
    /// Files to move from the staging folder into the output folder.
    pub moves: Vec<String>,
}

impl Journal {
    fn render(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for path in &self.remove {
            out.push_str("remove ");
            out.push_str(path);
            out.push('\n');
        }
        for path in &self.moves {
            out.push_str("move ");
            out.push_str(path);
            out.push('\n');
        }
        out
    }

    /// Reads a journal; `None` if it is not one (not ours, or damaged).
    fn parse(text: &str) -> Option<Journal> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }
        let mut journal = Journal::default();
        for line in lines {
            if let Some(path) = line.strip_prefix("remove ") {
                journal.remove.push(path.to_string());
            } else if let Some(path) = line.strip_prefix("move ") {
                journal.moves.push(path.to_string());
            } else {
                return None;
            }
        }
        Some(journal)
    }

    /// Writes the journal into `staging`: from then on the build is done.
    pub fn seal(&self, staging: &Path) -> io::Result<()> {
        let part = staging.join(format!("{FILE}.part"));
        fs::write(&part, self.render())?;
        fs::rename(part, staging.join(FILE))
    }
}

/// Carries out the journal of `staging` into `out`, if it has one, and
/// removes `staging`. Without a journal, does nothing: the build that
/// staged it never finished, and `out` is as it was.
pub fn carry_out(staging: &Path, out: &Path) -> io::Result<bool> {
    let text = match fs::read_to_string(staging.join(FILE)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let journal = Journal::parse(&text).ok_or_else(|| {
        io::Error::other(format!(
            "`{}` holds an unfinished build that cannot be read; remove it and build again",
            staging.display()
        ))
    })?;
    for path in &journal.remove {
        match fs::remove_file(out.join(path)) {
            Ok(()) => remove_empty_folders(out, path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    for path in &journal.moves {
        let (from, to) = (staging.join(path), out.join(path));
        if !from.exists() {
            // Moved already, by the build that was interrupted.
            continue;
        }
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::rename(from, to)?;
    }
    let manifest = staging.join(manifest::FILE);
    if manifest.exists() {
        fs::rename(manifest, out.join(manifest::FILE))?;
    }
    fs::remove_dir_all(staging)?;
    Ok(true)
}

/// Removes the folders of `path` (inside `out`) that are left empty.
fn remove_empty_folders(out: &Path, path: &str) {
    let mut dir = Path::new(path).parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        if fs::remove_dir(out.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_reads_back_as_written() {
        let journal = Journal {
            remove: vec!["html/units/old.html".into()],
            moves: vec!["html/index.html".into(), "svg/a b.svg".into()],
        };
        assert_eq!(Journal::parse(&journal.render()), Some(journal));
        assert_eq!(Journal::parse("something else\nmove x\n"), None);
        assert_eq!(Journal::parse(&format!("{HEADER}\ncopy x\n")), None);
    }

    #[test]
    fn carrying_out_twice_is_carrying_out_once() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, out) = (dir.path().join("staging"), dir.path().join("out"));
        fs::create_dir_all(out.join("units/gone")).unwrap();
        fs::write(out.join("units/gone/page.html"), "old").unwrap();
        fs::write(out.join("kept.html"), "kept").unwrap();
        fs::create_dir_all(staging.join("units")).unwrap();
        fs::write(staging.join("units/new.html"), "new").unwrap();
        fs::write(staging.join("kept2.html"), "two").unwrap();
        Journal {
            remove: vec!["units/gone/page.html".into()],
            moves: vec!["units/new.html".into(), "kept2.html".into()],
        }
        .seal(&staging)
        .unwrap();
        // As if interrupted after the first move.
        fs::rename(staging.join("units/new.html"), out.join("units/new.html")).unwrap();
        assert!(carry_out(&staging, &out).unwrap());
        assert!(!staging.exists());
        assert!(!out.join("units/gone").exists(), "an emptied folder goes");
        assert_eq!(
            fs::read_to_string(out.join("units/new.html")).unwrap(),
            "new"
        );
        assert_eq!(fs::read_to_string(out.join("kept2.html")).unwrap(), "two");
        assert_eq!(fs::read_to_string(out.join("kept.html")).unwrap(), "kept");
        assert!(!carry_out(&staging, &out).unwrap(), "nothing left to do");
    }
}
