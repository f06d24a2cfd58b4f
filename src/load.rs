//! Finds and reads the organisation's TOML files.
//!
//! Every `*.toml` under the folder, recursively, in sorted path order, so the
//! merged model does not depend on the file system's listing order.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::source::Sources;

/// The result of reading a folder: the files that could be read, and a
/// diagnostic for each that could not.
pub struct Loaded {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every `*.toml` file under `dir`.
///
/// A missing or unreadable folder is an `Err` (a usage or I/O problem, exit
/// code 2); unreadable or non-UTF-8 files become diagnostics.
pub fn load_dir(dir: &Path) -> io::Result<Loaded> {
    let meta = fs::metadata(dir)?;
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{}` is not a folder", dir.display()),
        ));
    }
    let mut diagnostics = Vec::new();
    let mut paths = Vec::new();
    find_toml_files(dir, &mut paths, &mut diagnostics);
    paths.sort();
    let mut sources = Sources::default();
    for path in paths {
        match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    sources.add(path, text);
                }
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let bytes = e.into_bytes();
                    // Show the file up to the bad byte, so the position can be pointed at.
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let offset = String::from_utf8_lossy(&bytes[..valid]).len();
                    let file = sources.add(path.clone(), text);
                    diagnostics.push(
                        Diagnostic::new(
                            Code::NotUtf8,
                            format!("`{}` is not UTF-8 text", path.display()),
                        )
                        .at(
                            crate::source::Span::new(file, offset..offset + 1),
                            "this byte is not valid UTF-8",
                        )
                        .help(
                            "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)",
                        ),
                    );
                }
            },
            Err(e) => diagnostics.push(io_problem(&path, &e)),
        }
    }
    if sources.files.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::NoFiles,
                format!("`{}` holds no .toml files", dir.display()),
            )
            .help("put the organisation's files (ending in .toml) in this folder, or name the folder that holds them"),
        );
    }
    Ok(Loaded {
        sources,
        diagnostics,
    })
}

/// Collects `*.toml` files below `dir` with an explicit stack (no recursion
/// on the folder depth), not following symbolic links to folders, so a link
/// loop cannot hang the build.
fn find_toml_files(dir: &Path, out: &mut Vec<PathBuf>, diagnostics: &mut Vec<Diagnostic>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) => {
                diagnostics.push(io_problem(&folder, &e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    diagnostics.push(io_problem(&folder, &e));
                    continue;
                }
            };
            let path = entry.path();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    diagnostics.push(io_problem(&path, &e));
                    continue;
                }
            };
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if file_type.is_dir() {
                if !hidden {
                    stack.push(path);
                }
            } else if !hidden && path.extension().is_some_and(|e| e == "toml") {
                // A symbolic link to a file is followed when it is read.
                out.push(path);
            }
        }
    }
}

fn io_problem(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::new(Code::Io, format!("cannot read `{}`: {e}", path.display()))
        .help("check that the file exists and that you may read it")
}

/// Reads every `*.toml` file under `dir` as it was at git revision `rev` of
/// the repository that holds the current folder (`HEAD~1`, `main`, a tag, …).
/// File paths are shown as `REV:path`.
pub fn load_git(rev: &str, dir: &Path) -> io::Result<Loaded> {
    if rev.starts_with('-') {
        return Err(io::Error::other(format!("`{rev}` is not a git revision")));
    }
    let git = |args: &[&str]| -> io::Result<Vec<u8>> {
        let output = std::process::Command::new("git")
            .args(args)
            .output()
            .map_err(|e| io::Error::other(format!("cannot run git: {e}")))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(io::Error::other(format!(
                "`{rev}` is neither a folder nor a git revision here ({})",
                String::from_utf8_lossy(&output.stderr).trim()
            )))
        }
    };
    let commit = String::from_utf8_lossy(&git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?)
    .trim()
    .to_string();
    let listing = git(&[
        "ls-tree",
        "-r",
        "-z",
        "--full-name",
        "--name-only",
        &commit,
        "--",
        &dir.to_string_lossy(),
    ])?;
    let mut paths: Vec<String> = listing
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .filter(|p| p.ends_with(".toml") && !p.split('/').any(|part| part.starts_with('.')))
        .collect();
    paths.sort();
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    for path in paths {
        let shown = PathBuf::from(format!("{rev}:{path}"));
        let bytes = git(&["cat-file", "blob", &format!("{commit}:{path}")])?;
        match String::from_utf8(bytes) {
            Ok(text) => {
                sources.add(shown, text);
            }
            Err(_) => diagnostics.push(
                Diagnostic::new(
                    Code::NotUtf8,
                    format!("`{}` is not UTF-8 text", shown.display()),
                )
                .help("save the file as UTF-8"),
            ),
        }
    }
    if sources.files.is_empty() && diagnostics.is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::NoFiles,
            format!(
                "`{}` holds no .toml files at revision `{rev}`",
                dir.display()
            ),
        ));
    }
    Ok(Loaded {
        sources,
        diagnostics,
    })
}
