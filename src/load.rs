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
    let inside = fs::canonicalize(dir)?;
    find_toml_files(dir, &inside, &mut paths, &mut diagnostics);
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
/// loop cannot hang the build. A link to a `.toml` file is followed only when
/// it stays inside the folder (`inside`, canonical): the files of a pull
/// request must not make the build read, or a message quote, other files of
/// the computer it runs on.
fn find_toml_files(
    dir: &Path,
    inside: &Path,
    out: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
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
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let is_toml = path.extension().is_some_and(|e| e == "toml");
            if file_type.is_dir() {
                stack.push(path);
            } else if file_type.is_symlink() {
                match link_problem(&path, inside, is_toml) {
                    Some(problem) => diagnostics.push(problem),
                    None if is_toml => out.push(path),
                    None => {}
                }
            } else if is_toml {
                out.push(path);
            }
        }
    }
}

/// Does `path`, with every link followed, lie inside `folder`?
pub fn is_inside(path: &Path, folder: &Path) -> bool {
    match (fs::canonicalize(path), fs::canonicalize(folder)) {
        (Ok(path), Ok(folder)) => path.starts_with(folder),
        _ => false,
    }
}

/// What is wrong with the symbolic link at `path`, if anything: it leads
/// nowhere (only reported for a `.toml` name), or out of the folder.
fn link_problem(path: &Path, inside: &Path, is_toml: bool) -> Option<Diagnostic> {
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(inside) => None,
        // Only whether it leaves is said, not where to: the place is not the
        // organisation's to show.
        Ok(target) if is_toml || target.is_dir() => {
            let (what, them) = if target.is_dir() {
                ("folder", "its files")
            } else {
                ("file", "the file")
            };
            Some(
                Diagnostic::new(
                    Code::LinkNotFollowed,
                    format!(
                        "`{}` is a link to a {what} outside the organisation folder, so it is not read",
                        path.display()
                    ),
                )
                .note("only files inside the organisation folder are read, so that no other file of this computer ends up in the output or in a message")
                .help(format!("copy {them} into the organisation folder instead of linking to it")),
            )
        }
        Ok(_) => None,
        Err(_) if is_toml => {
            let target = fs::read_link(path)
                .map(|t| format!(" `{}`", t.display()))
                .unwrap_or_default();
            Some(
                Diagnostic::new(
                    Code::BrokenLink,
                    format!(
                        "`{}` is a link to{target}, which does not exist",
                        path.display()
                    ),
                )
                .note("the rest of the organisation is checked without it")
                .help("point the link at the file it should stand for, or remove it"),
            )
        }
        Err(_) => None,
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
    // Each call says what it was for, so a failure names the argument that
    // is wrong: the revision, or the folder read at it.
    let git = |args: &[&str], wrong: &dyn Fn(&str) -> String| -> io::Result<Vec<u8>> {
        let output = std::process::Command::new("git")
            .args(args)
            .output()
            .map_err(|e| io::Error::other(format!("cannot run git: {e}")))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(io::Error::other(wrong(
                String::from_utf8_lossy(&output.stderr).trim(),
            )))
        }
    };
    let commit = String::from_utf8_lossy(&git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
        &|why| {
            let why = if why.is_empty() {
                String::new()
            } else {
                format!(" ({why})")
            };
            format!("`{rev}` is neither a folder nor a git revision here{why}")
        },
    )?)
    .trim()
    .to_string();
    let listing = git(
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-name",
            &commit,
            "--",
            &dir.to_string_lossy(),
        ],
        &|why| {
            format!(
                "cannot read the organisation folder `{}` (--org-dir) at revision `{rev}`: {why}",
                dir.display()
            )
        },
    )?;
    // Entries are `MODE TYPE OBJECT<TAB>PATH`; mode 120000 is a symbolic link.
    let mut entries: Vec<(bool, String)> = listing
        .split(|b| *b == 0)
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (meta, path) = entry.split_once('\t')?;
            Some((meta.starts_with("120000 "), path.to_string()))
        })
        .filter(|(_, p)| p.ends_with(".toml") && !p.split('/').any(|part| part.starts_with('.')))
        .collect();
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    for (is_link, path) in entries {
        let shown = PathBuf::from(format!("{rev}:{path}"));
        if is_link {
            // Its blob is where it points, not TOML; where a link leads at
            // an old revision cannot be checked the way a folder can.
            diagnostics.push(
                Diagnostic::new(
                    Code::LinkNotFollowed,
                    format!(
                        "`{}` is a link, and links are not followed in a git revision, so it is not read",
                        shown.display()
                    ),
                )
                .help("commit the file itself instead of a link to it"),
            );
            continue;
        }
        let bytes = git(&["cat-file", "blob", &format!("{commit}:{path}")], &|why| {
            format!("cannot read `{}`: {why}", shown.display())
        })?;
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
