//! Every rule of the format has a fixture under `tests/fixtures/invalid/` that
//! breaks it. A fixture states what it expects in comments:
//!
//! - `# expect: CODE "text" …` — a diagnostic with this code whose primary
//!   position is on the next line, and whose message or help contains each text;
//! - `# expect-anywhere: CODE "text" …` — the same, for problems without a position.
//!
//! Each fixture must produce exactly the expected diagnostics: no fewer, and
//! no follow-on errors. The rendered output is kept as a snapshot.

use std::fs;
use std::path::{Path, PathBuf};

use organogram::compile::check_dir;
use organogram::diagnostics::{Code, Diagnostic, render_human};
use organogram::source::Sources;

#[derive(Debug)]
struct Expectation {
    code: String,
    /// (file, 1-based line) of the primary position, if the fixture names one.
    place: Option<(PathBuf, usize)>,
    texts: Vec<String>,
}

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("tests/fixtures/invalid")
        .expect("fixtures folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn expectations(dir: &Path) -> Vec<Expectation> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for file in files {
        let text = String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned();
        for (i, line) in text.lines().enumerate() {
            let (rest, anywhere) = if let Some(rest) = line.strip_prefix("# expect: ") {
                (rest, false)
            } else if let Some(rest) = line.strip_prefix("# expect-anywhere: ") {
                (rest, true)
            } else {
                continue;
            };
            let code = rest.split_whitespace().next().unwrap().to_string();
            let texts = rest
                .split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            out.push(Expectation {
                code,
                place: (!anywhere).then(|| (file.clone(), i + 2)),
                texts,
            });
        }
    }
    out
}

fn matches(e: &Expectation, d: &Diagnostic, sources: &Sources) -> bool {
    if d.code.code() != e.code {
        return false;
    }
    let words = format!(
        "{}\n{}\n{}",
        d.message,
        d.help.as_deref().unwrap_or(""),
        d.notes.join("\n")
    );
    if !e.texts.iter().all(|t| words.contains(t.as_str())) {
        return false;
    }
    match (&e.place, &d.primary) {
        (None, _) => true,
        (Some((file, line)), Some(label)) => {
            let path = &sources.file(label.span.file).path;
            let (l, _) = sources.line_col(label.span.file, label.span.start);
            path == file && l == *line
        }
        (Some(_), None) => false,
    }
}

#[test]
fn every_rule_has_a_failing_fixture_with_the_expected_diagnostics() {
    let mut failures = Vec::new();
    for dir in fixtures() {
        let checked = check_dir(&dir).unwrap();
        let expected = expectations(&dir);
        assert!(
            !expected.is_empty(),
            "{} states no expectation",
            dir.display()
        );
        let mut unmatched: Vec<&Diagnostic> = checked.diagnostics.iter().collect();
        for e in &expected {
            match unmatched
                .iter()
                .position(|d| matches(e, d, &checked.sources))
            {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => failures.push(format!("{}: expected {e:?}, not reported", dir.display())),
            }
        }
        for d in unmatched {
            failures.push(format!(
                "{}: unexpected diagnostic:\n{}",
                dir.display(),
                render_human(d, &checked.sources, false)
            ));
        }
        if expected.iter().any(|e| e.code.starts_with('E')) {
            assert!(
                checked.organisation.is_none(),
                "{}: an invalid model was built",
                dir.display()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_has_a_fixture() {
    let mut all_expected = Vec::new();
    for dir in fixtures() {
        all_expected.extend(expectations(&dir).into_iter().map(|e| e.code));
    }
    // Model rules (E00xx, W00xx); the import's codes are tested in tests/import.rs.
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.code())
        .filter(|c| c[1..].parse::<u32>().is_ok_and(|n| n < 100))
        .filter(|c| !all_expected.iter().any(|e| e == c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn rendered_diagnostics_match_their_snapshots() {
    for dir in fixtures() {
        let checked = check_dir(&dir).unwrap();
        let rendered: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| render_human(d, &checked.sources, false))
            .collect();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, rendered.join("\n\n"));
    }
}
