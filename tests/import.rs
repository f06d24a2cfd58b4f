//! `organogram import` on real UK organogram files and on small fixtures
//! that reproduce each kind of messy data; `export` and the CSV round trip.

use std::path::{Path, PathBuf};

mod common;
use common::*;

/// Real published files, copied into the repository (see their SOURCES.md).
fn uk(file: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/uk-organograms")
        .join(file);
    assert!(path.is_file(), "{} is missing", path.display());
    path.to_string_lossy().into_owned()
}

#[test]
fn hmrc_imports_cleanly_checks_and_builds_with_exact_fte() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("hmrc");
    let o = organogram(&[
        "import",
        "uk-organogram",
        &uk("her_majestys_revenue_and_customs-2011-03-31-senior.csv"),
        &uk("her_majestys_revenue_and_customs-2011-03-31-junior-excerpt.csv"),
        "--out",
        org.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    // The sums of the CSV columns, to the hundredth (see SOURCES.md).
    assert!(e.contains("read 346 senior rows (343.03 FTE) and 800 junior rows (7,232.62 FTE): 7,575.65 FTE in all"), "{e}");
    assert!(
        e.contains("FTE read: 7,575.65 FTE; in the organisation: 7,575.65 FTE"),
        "{e}"
    );
    assert!(!e.contains("left out"), "{e}");
    assert!(e.contains("346 units, 7,575.65 FTE in all"), "{e}");
    assert!(
        e.contains("warning[W0104]"),
        "the blank FTE is reported: {e}"
    );
    let check = organogram(&["check", org.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let out = dir.path().join("out");
    let build = organogram(&[
        "build",
        org.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(out.join("svg/organisation.svg").is_file());
    assert!(out.join("html/index.html").is_file());
}

#[test]
fn acas_is_reported_precisely() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acas");
    let o = organogram(&[
        "import",
        "uk-organogram",
        &uk("Acas-Sep-13-senior.csv"),
        &uk("Acas-Sep-13-junior.csv"),
        "--out",
        out.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains("error[E0107]: post `1` (Chief Executive) reports to itself"),
        "{e}"
    );
    assert!(
        e.contains("Acas-Sep-13-senior.csv:"),
        "the line is named: {e}"
    );
    assert!(e.contains("775.92 FTE"), "{e}");
    assert!(!out.exists(), "nothing is written when the data has errors");
}

#[test]
fn hee_is_reported_precisely() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hee");
    let o = organogram(&[
        "import",
        "uk-organogram",
        &uk("Copy-of-HEE-organogram---September-2013-cleaned-senior.csv"),
        &uk("Copy-of-HEE-organogram---September-2013-cleaned-junior.csv"),
        "--out",
        out.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(e.contains("error[E0106]: 18 rows report to no one"), "{e}");
    assert!(e.contains("--root-name"), "{e}");
    assert!(
        e.contains("error[E0105]: junior staff that report to no senior post"),
        "{e}"
    );
    assert!(
        e.contains("warning[W0102]"),
        "job shares are merged and said: {e}"
    );
    assert!(
        e.contains("differs only in case or leading zeros"),
        "loose ids are pointed out: {e}"
    );
}

#[test]
fn messy_rows_are_each_reported_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let o = import_csv(&fixture("messy.csv"), &dir.path().join("o"), &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    for expected in [
        "error[E0104]: the id `B` is on two rows",
        "--> tests/fixtures/import/messy.csv:5:1",
        "error[E0103]: this row has no id",
        "error[E0105]: post `D` (Lost) reports to `X9`",
        "error[E0107]: post `E` (Self) reports to itself",
        "error[E0108]: these posts report to each other in a circle",
        "error[E0109]: the FTE \"lots\" of `H` is not a number of staff",
        "warning[W0105]: the FTE 0.333 of `I` has more than two decimals; rounded to 0.33",
    ] {
        assert!(e.contains(expected), "`{expected}` missing in:\n{e}");
    }
}

#[test]
fn several_tops_and_loose_ids_need_an_explicit_option() {
    let dir = tempfile::tempdir().unwrap();
    let o = import_csv(&fixture("tops.csv"), &dir.path().join("a"), &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(e.contains("error[E0106]: 2 rows report to no one"), "{e}");
    assert!(e.contains("`A` differs only in case"), "{e}");
    let out = dir.path().join("b");
    let o = import_csv(
        &fixture("tops.csv"),
        &out,
        &["--root-name", "Gemeente", "--match-ids", "loose"],
    );
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("warning[W0106]: `C` reports to `a`, matched with `A`"),
        "{e}"
    );
    let text = std::fs::read_to_string(out.join("000-organisation.toml")).unwrap();
    assert!(text.contains("root = \"gemeente\""), "{text}");
}

#[test]
fn encodings_and_decimal_commas_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bom");
    let o = import_csv(&fixture("bom.csv"), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(out.join("000-organisation.toml")).unwrap();
    assert!(
        text.contains("name = \"Café Top\"") && text.contains("fte = 1.5"),
        "{text}"
    );
    let out = dir.path().join("cp");
    let o = import_csv(&fixture("cp1252.csv"), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[W0101]"));
    assert!(
        std::fs::read_to_string(out.join("000-organisation.toml"))
            .unwrap()
            .contains("Café Top")
    );
}

#[test]
fn export_csv_then_import_csv_gives_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("gm.csv");
    let o = organogram(&[
        "export",
        "--format",
        "csv",
        "org",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.path().join("again");
    let o = organogram(&[
        "import",
        "csv",
        csv.to_str().unwrap(),
        "--id",
        "id",
        "--parent",
        "parent",
        "--name",
        "name",
        "--fte",
        "own_fte",
        "--kind",
        "kind",
        "--head",
        "head",
        "--holder",
        "holder",
        "--tags",
        "tags",
        "--out",
        out.to_str().unwrap(),
        "--org-name",
        "Groep Mechelen",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let again = organogram(&["export", "--format", "csv", out.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        std::fs::read_to_string(&csv).unwrap()
    );
}

#[test]
fn exports_json_dot_and_mermaid() {
    let json = organogram(&["export", "--format", "json", "org"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["format"], "organogram/1");
    assert_eq!(doc["organisation"]["total_fte"], 209.75);
    let dirsa = doc["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "dirsa")
        .unwrap();
    assert_eq!(dirsa["total_fte"], 201.75);
    assert_eq!(dirsa["children"].as_array().unwrap().len(), 6);
    let dot = String::from_utf8(organogram(&["export", "--format", "dot", "org"]).stdout).unwrap();
    assert!(dot.starts_with("digraph \"Groep Mechelen\" {"));
    assert!(dot.contains("\"dirsa\" -> \"burgerzaken\";"));
    assert!(dot.contains("\"seg\" -> \"zorgbedrijf\" [style=dotted];"));
    let mermaid =
        String::from_utf8(organogram(&["export", "--format", "mermaid", "org"]).stdout).unwrap();
    assert!(mermaid.starts_with("flowchart TD\n"));
    assert!(mermaid.contains("Directie Samen Leven<br/>Directeur<br/>201,75 VTE"));
}

#[test]
fn uk_posts_vacancies_job_shares_and_junior_staff() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uk");
    let o = organogram(&[
        "import",
        "uk-organogram",
        &fixture("senior.csv"),
        &fixture("junior.csv"),
        "--out",
        out.to_str().unwrap(),
        "--org-name",
        "Test Department",
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("warning[W0103]: post `2` (Old Post) is eliminated and left out"),
        "{e}"
    );
    assert!(
        e.contains("warning[W0103]: a row without a post reference (\"0\") is left out"),
        "{e}"
    );
    assert!(
        e.contains(
            "warning[W0102]: post `4` (Head of Policy) is on several rows: a job share, merged"
        ),
        "{e}"
    );
    assert!(
        e.contains("read 6 senior rows (4.50 FTE) and 3 junior rows (7.75 FTE)"),
        "{e}"
    );
    assert!(
        e.contains("FTE read: 12.25 FTE; in the organisation: 10.25 FTE\n2.00 FTE left out: 1 row without a post (1.00 FTE, line 7); 1 eliminated post (1.00 FTE, line 3)"),
        "{e}"
    );
    let json = organogram(&["export", "--format", "json", out.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let unit = |id: &str| {
        doc["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(unit("4")["posts"][0]["holder"], "Sam A / Kim B");
    assert_eq!(unit("4")["posts"][0]["fte"], 1.0);
    assert_eq!(unit("3")["posts"][0]["vacant"], true);
    assert_eq!(unit("3")["fte"], 4.25);
    assert_eq!(unit("3")["tags"][0], "Data");
    assert_eq!(unit("1")["posts"][0]["title"], "Director General (SCS3)");
    // 4.5 senior FTE less the eliminated post and post 0 (1 each), plus 7.75 junior.
    assert_eq!(doc["organisation"]["total_fte"], 10.25);
}

#[test]
fn ids_that_differ_only_loosely_missing_columns_and_no_top() {
    let dir = tempfile::tempdir().unwrap();
    let o = import_csv(&fixture("loose.csv"), &dir.path().join("a"), &[]);
    assert!(
        stderr(&o)
            .contains("error[E0110]: the ids `A` and `a` differ only in case or leading zeros"),
        "{}",
        stderr(&o)
    );
    let o = import_csv(&fixture("no-top.csv"), &dir.path().join("b"), &[]);
    assert!(stderr(&o).contains("error[E0111]"), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[E0108]"), "{}", stderr(&o));
    let o = organogram(&[
        "import",
        "csv",
        &fixture("loose.csv"),
        "--id",
        "kode",
        "--parent",
        "reports_to",
        "--name",
        "title",
        "--out",
        dir.path().join("c").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error[E0102]") && stderr(&o).contains("did you mean `code`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn hee_imports_checks_and_builds_with_lenient_and_a_root_name() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("hee");
    let o = organogram(&[
        "import",
        "uk-organogram",
        &uk("Copy-of-HEE-organogram---September-2013-cleaned-senior.csv"),
        &uk("Copy-of-HEE-organogram---September-2013-cleaned-junior.csv"),
        "--lenient",
        "--root-name",
        "Health Education England",
        "--out",
        org.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(!e.contains("error["), "{e}");
    // Every FTE read is in the organisation: the repairs keep them all.
    assert!(
        e.contains("FTE read: 1,867.61 FTE; in the organisation: 1,867.61 FTE"),
        "{e}"
    );
    assert!(e.contains("1,867.61 FTE in all"), "{e}");
    // Grouped: one warning for the 194 junior rows without a senior post.
    assert_eq!(
        e.matches("junior staff that report to no senior post")
            .count(),
        1,
        "{e}"
    );
    assert!(e.contains("and 190 more rows"), "{e}");
    let out = dir.path().join("out");
    let build = organogram(&[
        "build",
        org.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}

#[test]
fn acas_imports_with_lenient_its_chief_executive_under_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("acas");
    let o = organogram(&[
        "import",
        "uk-organogram",
        &uk("Acas-Sep-13-senior.csv"),
        &uk("Acas-Sep-13-junior.csv"),
        "--lenient",
        "--out",
        org.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("warning[W0107]: post `1` (Chief Executive) reports to itself"),
        "{e}"
    );
    assert!(
        e.contains("FTE read: 780.42 FTE; in the organisation: 780.42 FTE"),
        "{e}"
    );
    let out = dir.path().join("out");
    let build = organogram(&[
        "build",
        org.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}
