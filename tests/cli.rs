//! The `organogram` command as a user runs it: exit codes and output formats.

mod common;
use common::*;

#[test]
fn the_default_organisation_is_valid() {
    let o = organogram(&["check", "org"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("`org` is valid"), "{}", stderr(&o));
}

#[test]
fn check_defaults_to_the_org_folder() {
    let o = organogram(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_invalid_organisation_exits_1_with_every_error() {
    let o = organogram(&["check", "tests/fixtures/invalid/many-problems"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for code in ["E0011", "E0025", "E0026", "E0031"] {
        assert!(
            err.contains(&format!("error[{code}]")),
            "{code} missing in:\n{err}"
        );
    }
    assert!(err.contains("--> tests/fixtures/invalid/many-problems/org.toml:"));
    assert!(err.contains("has 4 errors"), "{err}");
}

#[test]
fn a_missing_folder_or_unreadable_file_exits_2() {
    let o = organogram(&["check", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read the organisation folder"));
    let o = organogram(&["check", "tests/fixtures/invalid/io"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_link_to_nowhere_is_reported_with_the_other_problems() {
    let o = organogram(&["check", "tests/fixtures/invalid/broken-link"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error[E0004]") && err.contains("error[E0026]"),
        "{err}"
    );
    assert!(err.contains("has 2 errors"), "{err}");
}

#[test]
fn links_out_of_the_folder_are_not_followed_nor_quoted() {
    for format in ["human", "json", "github"] {
        let o = organogram(&[
            "check",
            "tests/fixtures/invalid/link-outside",
            "--message-format",
            format,
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        let lines = all.lines().filter(|l| l.contains("E0005")).count();
        assert_eq!(lines, 2, "{all}");
        // Neither the file's content nor where the link points.
        assert!(
            !all.contains("SECRET-MARKER") && !all.contains("fixtures/outside"),
            "{all}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = organogram(&["check", "--message-format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = organogram(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn json_diagnostics_carry_file_line_column_and_code() {
    let o = organogram(&[
        "check",
        "tests/fixtures/invalid/unknown-parent",
        "--message-format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 1);
    let d = &lines[0];
    assert_eq!(d["code"], "E0026");
    assert_eq!(d["name"], "unknown-parent");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "tests/fixtures/invalid/unknown-parent/org.toml");
    assert_eq!(d["line"], 33);
    assert_eq!(d["column"], 10);
    assert_eq!(d["help"], "did you mean `dirsa` (Directie Samen Leven)?");
    assert!(d["rendered"].as_str().unwrap().contains("--> "));
}

#[test]
fn github_format_prints_workflow_commands() {
    let o = organogram(&[
        "check",
        "tests/fixtures/invalid/unknown-parent",
        "--message-format",
        "github",
    ]);
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "::error file=tests/fixtures/invalid/unknown-parent/org.toml,line=33,col=10,"
        ),
        "{out}"
    );
    assert!(out.contains("title=E0026::"));
}

#[test]
fn warnings_pass_unless_denied() {
    let o = organogram(&["check", "tests/fixtures/invalid/vacant-head"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[W0001]"));
    let o = organogram(&[
        "check",
        "tests/fixtures/invalid/vacant-head",
        "--deny-warnings",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[W0001]"));
}

#[test]
fn stats_report_the_figures_of_groep_mechelen() {
    let o = organogram(&["stats", "org"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Units: 21",
        "Directie                                      5",
        "Depth: 2 levels below the top unit",
        "Span of control (direct sub-units): min 2, median 6, max 12",
        "prev-veiligheid (Afdeling preventie & veilig…       52,86 VTE       52,86 VTE",
        "sociale-dienst (Afdeling sociale dienst)            93,47 VTE       93,47 VTE",
        "dirsa (Directie Samen Leven)                         1,00 VTE      201,75 VTE",
        "whole organisation                                                 209,75 VTE",
        "sociaal-huis                                        93,47 VTE",
        "Vacancies: 1",
        "Afdelingshoofd, burgerzaken",
    ] {
        assert!(out.contains(expected), "`{expected}` missing in:\n{out}");
    }
}

#[test]
fn explain_describes_a_code() {
    let o = organogram(&["explain", "E0026"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("unknown-parent"));
    let o = organogram(&["explain", "vacant-head"]);
    assert!(stdout(&o).contains("W0001"));
    let o = organogram(&["explain", "E9999"]);
    assert_eq!(o.status.code(), Some(2));
}
