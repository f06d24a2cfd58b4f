//! `organogram import` on messy data: each defect found on real files and
//! each repair policy, with the line, column, code and FTE figures a user
//! sees; workbooks made in the test; encodings; bounded file names.

use std::io::Write as _;
use std::path::Path;

mod common;
use common::*;

fn json(out: &Path) -> serde_json::Value {
    let o = organogram(&["export", "--format", "json", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn unit(doc: &serde_json::Value, id: &str) -> serde_json::Value {
    doc["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap_or_else(|| panic!("no unit `{id}`"))
        .clone()
}

#[test]
fn windows_line_endings_point_at_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = import_csv(&fixture("crlf.csv"), &out, &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("error[E0105]: post `C` reports to `zz`"), "{e}");
    assert!(e.contains("--> tests/fixtures/import/crlf.csv:4:3"), "{e}");
    assert!(e.contains("column \"reports_to\" = zz"), "{e}");
    assert!(!out.exists());
}

#[test]
fn a_header_without_rows_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = import_csv(&fixture("header-only.csv"), &out, &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("error[E0112]"), "{e}");
    assert!(e.contains("has a header row but no data rows"), "{e}");
    assert!(!out.exists(), "nothing is written");
    // Only empty rows: the same.
    let blank = dir.path().join("blank.csv");
    std::fs::write(&blank, "code,reports_to,title,fte\n,,,\n\n").unwrap();
    let o = import_csv(blank.to_str().unwrap(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[E0112]"));
}

#[test]
fn short_and_long_rows_and_empty_names_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = import_csv(&fixture("ragged.csv"), &out, &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    for expected in [
        "error[E0113]: this row has 3 fields, but the header has 4",
        "--> tests/fixtures/import/ragged.csv:3:10",
        "error[E0113]: this row has 5 fields, but the header has 4",
        "--> tests/fixtures/import/ragged.csv:4:12",
        "error[E0114]: the row of `D` has no name",
        "--> tests/fixtures/import/ragged.csv:5:5",
    ] {
        assert!(e.contains(expected), "`{expected}` missing in:\n{e}");
    }
    assert!(!out.exists());
    let o = import_csv(&fixture("ragged.csv"), &out, &["--lenient"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("warning[E0113]") || e.contains("warning[E0114]"),
        "{e}"
    );
    assert!(e.contains("--lenient: the id is used as its name"), "{e}");
    assert_eq!(unit(&json(&out), "d")["name"], "D");
}

#[test]
fn an_exact_match_wins_over_a_loose_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = organogram(&[
        "import",
        "uk-organogram",
        &fixture("senior-loose.csv"),
        &fixture("junior-loose.csv"),
        "--match-ids",
        "loose",
        "--out",
        out.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    let doc = json(&out);
    assert_eq!(unit(&doc, "7")["total_fte"], 11.0);
    assert_eq!(unit(&doc, "007")["total_fte"], 4.0);
    // The job share of post 5 holds 2 FTE: said.
    assert!(
        e.contains("warning[W0108]: the job share of post `5` (Head of Five) holds 2 FTE"),
        "{e}"
    );
}

#[test]
fn a_repeated_id_is_one_diagnostic_without_echoes() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("many.csv");
    let mut text = String::from("code,reports_to,title,fte\nTOP,,Top,1\n");
    for i in 0..83 {
        text.push_str(&format!("X,TOP,Copy {i},1\n"));
    }
    // A duplicated top would otherwise echo as "no top" or a loop.
    text.push_str("TOP,X,Top again,1\n");
    std::fs::write(&csv, text).unwrap();
    let o = import_csv(csv.to_str().unwrap(), &dir.path().join("o"), &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert_eq!(e.matches("error[").count(), 2, "{e}");
    assert!(e.contains("error[E0104]: the id `X` is on 83 rows"), "{e}");
    assert!(e.contains("and 79 more rows: lines 3, 8-85"), "{e}");
    assert!(
        e.contains("error[E0104]: the id `TOP` is on two rows"),
        "{e}"
    );
    assert!(!e.contains("E0108") && !e.contains("E0111"), "{e}");
}

#[test]
fn no_did_you_mean_for_numbers_and_bad_values_quoted_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("n.csv");
    std::fs::write(
        &csv,
        "code,reports_to,title,fte\n00190517,,Top,1\n2,00109715,Two,\"1,2,3\"\n",
    )
    .unwrap();
    let o = import_csv(csv.to_str().unwrap(), &dir.path().join("o"), &[]);
    let e = stderr(&o);
    assert!(
        e.contains("reports to `00109715`, but no row has that id"),
        "{e}"
    );
    assert!(!e.contains("did you mean"), "{e}");
    assert!(e.contains("error[E0109]: the FTE \"1,2,3\" of `2`"), "{e}");
}

#[test]
fn no_fte_column_means_no_fte_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plain.csv");
    let mut text = String::from("id,parent,name\nt,,Top\n");
    for i in 0..50 {
        text.push_str(&format!("u{i},t,Unit {i}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let out = dir.path().join("o");
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
        "--out",
        out.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(!e.contains("W0004"), "{e}");
    assert!(e.contains("`") && e.contains("is valid"), "{e}");
}

#[test]
fn dangling_rows_error_attach_or_drop_with_reconciled_fte() {
    let dir = tempfile::tempdir().unwrap();
    let o = import_csv(&fixture("dangling.csv"), &dir.path().join("a"), &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains("error[E0105]: 2 rows report to `Q1`, but no row has that id"),
        "{e}"
    );
    assert!(e.contains("dangling.csv:4:3"), "{e}");

    let out = dir.path().join("b");
    let o = import_csv(
        &fixture("dangling.csv"),
        &out,
        &["--dangling", "attach-to-top"],
    );
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(e.contains("warning[W0107]: 2 rows report to `Q1`"), "{e}");
    assert!(
        e.contains("FTE read: 6.00 FTE; in the organisation: 6.00 FTE"),
        "{e}"
    );
    assert_eq!(unit(&json(&out), "c")["parent"], "a");

    let out = dir.path().join("c");
    let o = import_csv(&fixture("dangling.csv"), &out, &["--dangling", "drop"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("FTE read: 6.00 FTE; in the organisation: 3.00 FTE\n3.00 FTE left out: 3 rows reporting to an unknown id, dropped (3.00 FTE, lines 4-6)"),
        "{e}"
    );
    assert_eq!(json(&out)["units"].as_array().unwrap().len(), 2);
}

#[test]
fn parents_given_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let o = import_csv(&fixture("by-name.csv"), &dir.path().join("a"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = dir.path().join("b");
    let o = import_csv(&fixture("by-name.csv"), &out, &["--parent-by", "name"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(unit(&json(&out), "c")["parent"], "b");
    // --lenient matches a name where no id matches, and says so.
    let out = dir.path().join("c");
    let o = import_csv(&fixture("by-name.csv"), &out, &["--lenient"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("warning[W0107]: 2 row(s) report to a name rather than an id"),
        "{e}"
    );
    assert_eq!(unit(&json(&out), "c")["parent"], "b");
}

#[test]
fn duplicates_keep_first_or_number() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a");
    let o = import_csv(
        &fixture("duplicates.csv"),
        &out,
        &["--duplicates", "keep-first"],
    );
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("FTE read: 7.00 FTE; in the organisation: 3.00 FTE\n4.00 FTE left out: 2 repeated rows left out (4.00 FTE, lines 3, 5)"),
        "{e}"
    );
    let out = dir.path().join("b");
    let o = import_csv(
        &fixture("duplicates.csv"),
        &out,
        &["--duplicates", "number", "--root-name", "All"],
    );
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("FTE read: 7.00 FTE; in the organisation: 7.00 FTE"),
        "{e}"
    );
    let doc = json(&out);
    assert_eq!(unit(&doc, "b-2")["name"], "Team again");
    assert_eq!(unit(&doc, "a-2")["parent"], "all");
}

#[test]
fn self_parents_and_circles() {
    let dir = tempfile::tempdir().unwrap();
    let o = import_csv(&fixture("self-parent.csv"), &dir.path().join("a"), &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains("error[E0107]: post `B` (Self) reports to itself"),
        "{e}"
    );
    assert!(e.contains("self-parent.csv:3:3"), "{e}");
    let out = dir.path().join("b");
    let o = import_csv(&fixture("self-parent.csv"), &out, &["--self-parent", "top"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(unit(&json(&out), "b")["parent"], "a");

    let o = import_csv(&fixture("circle.csv"), &dir.path().join("c"), &[]);
    let e = stderr(&o);
    assert!(
        e.contains(
            "error[E0108]: these posts report to each other in a circle: `B` → `C` → `D` → `B`"
        ),
        "{e}"
    );
    let out = dir.path().join("d");
    let o = import_csv(&fixture("circle.csv"), &out, &["--cycles", "break"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("warning[W0107]: 1 circle(s) of posts reporting to each other, cut"),
        "{e}"
    );
    assert_eq!(unit(&json(&out), "b")["parent"], "a");
}

#[test]
fn a_long_circle_is_found_once_and_shortened() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("circle.csv");
    let n = 100_000;
    let mut text = String::from("code,reports_to,title,fte\nTOP,,Top,1\n");
    for i in 1..=n {
        let next = if i == n { 1 } else { i + 1 };
        text.push_str(&format!("u{i},u{next},Unit {i},1\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let o = import_csv(csv.to_str().unwrap(), &dir.path().join("o"), &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        e.matches("error[E0108]").count(),
        1,
        "{}",
        &e[..e.len().min(3000)]
    );
    assert!(
        e.contains("`u1` → `u2` → `u3` → … 99,996 more … → `u100000` → `u1`"),
        "{}",
        &e[..e.len().min(3000)]
    );
    assert!(
        e.len() < 20_000,
        "the report stays short: {} bytes",
        e.len()
    );
}

#[test]
fn several_tops_need_a_root_name_even_when_lenient() {
    let dir = tempfile::tempdir().unwrap();
    let o = import_csv(&fixture("tops.csv"), &dir.path().join("a"), &["--lenient"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("error[E0106]: 2 rows report to no one"), "{e}");
    let o = import_csv(
        &fixture("tops.csv"),
        &dir.path().join("b"),
        &["--lenient", "--root-name", "Gemeente"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn utf16_and_the_encoding_used_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = import_csv(&fixture("utf16.csv"), &out, &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("read `tests/fixtures/import/utf16.csv` as UTF-16 little-endian"),
        "{e}"
    );
    let doc = json(&out);
    assert_eq!(unit(&doc, "a")["name"], "Zürich Top");
    assert_eq!(unit(&doc, "b")["name"], "Équipe");
    let o = import_csv(&fixture("bom.csv"), &dir.path().join("b"), &[]);
    assert!(
        stderr(&o).contains("as UTF-8 (with a byte-order mark)"),
        "{}",
        stderr(&o)
    );
    let o = import_csv(&fixture("cp1252.csv"), &dir.path().join("c"), &[]);
    assert!(stderr(&o).contains("as Windows-1252"), "{}", stderr(&o));
}

#[test]
fn long_ids_and_reserved_names_give_portable_files() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("long.csv");
    let long = "Directorate ".repeat(22); // 264 characters
    std::fs::write(
        &csv,
        format!("code,reports_to,title,fte\ntop,,Top,1\n{long},top,Long,1\ncon,top,Con,1\nCOM1,top,Com,1\n"),
    )
    .unwrap();
    let out = dir.path().join("o");
    let o = import_csv(csv.to_str().unwrap(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        assert!(name.len() <= 100, "{name}");
        let stem = name.split('.').next().unwrap().to_lowercase();
        assert!(
            !["con", "aux", "nul", "prn", "com1", "lpt1"].contains(&stem.as_str()),
            "{name}"
        );
    }
    let lower: std::collections::HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(lower.len(), names.len());
    // The id itself is kept whole.
    let doc = json(&out);
    assert!(
        doc["units"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"].as_str().unwrap().len() > 250)
    );
}

#[test]
fn an_import_into_a_folder_with_other_files_adds_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("README.md"), "ours\n").unwrap();
    let o = import_csv(&fixture("messy.csv"), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1, "nothing added");
    let o = import_csv(&fixture("bom.csv"), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("000-organisation.toml").is_file() && out.join("README.md").is_file());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        })
        .count();
    assert_eq!(leftovers, 0, "no staging folder left behind");
}

fn write_xlsx(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<f64>() {
                    Ok(n) if !cell.starts_with('0') || *cell == "0" => {
                        sheet.write_number(r as u32, c as u16, n).unwrap();
                    }
                    _ => {
                        sheet.write_string(r as u32, c as u16, *cell).unwrap();
                    }
                };
            }
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn an_xlsx_sheet_imports_and_problems_name_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("staff.xlsx");
    write_xlsx(
        &book,
        &[
            ("Notes", vec![vec!["read me"]]),
            (
                "Staff",
                vec![
                    vec!["code", "reports_to", "title", "fte"],
                    vec!["A", "", "Top", "1"],
                    vec!["B", "A", "Team", "2.5"],
                    vec!["C", "00109715", "Lost", "1"],
                ],
            ),
        ],
    );
    let out = dir.path().join("o");
    let o = import_csv(book.to_str().unwrap(), &out, &["--sheet", "Staff"]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("staff.xlsx [Staff]:4:"), "{e}");
    assert!(
        e.contains("column \"reports_to\" = 00109715 (cell B4)"),
        "{e}"
    );
    // The wrong sheet name lists the sheets.
    let o = import_csv(book.to_str().unwrap(), &out, &["--sheet", "Staf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[E0115]"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the sheets are: `Notes`, `Staff`"),
        "{}",
        stderr(&o)
    );

    write_xlsx(
        &book,
        &[(
            "Staff",
            vec![
                vec!["code", "reports_to", "title", "fte"],
                vec!["A", "", "Top", "1"],
                vec!["B", "A", "Team", "2.5"],
            ],
        )],
    );
    let o = import_csv(book.to_str().unwrap(), &out, &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(e.contains("read the sheet `Staff`"), "{e}");
    assert_eq!(json(&out)["organisation"]["total_fte"], 3.5);
}

#[test]
fn a_uk_organogram_workbook_imports_in_one_call() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("organogram.xlsx");
    let header = vec![
        "Post Unique Reference",
        "Name",
        "Grade (or equivalent)",
        "Job Title",
        "Unit",
        "Reports to Senior Post",
        "FTE",
    ];
    write_xlsx(
        &book,
        &[
            ("(reference) senior", vec![vec!["Grade"], vec!["SCS1"]]),
            (
                "(final data) senior",
                vec![
                    header,
                    vec!["1", "Jo Top", "SCS3", "Director General", "HQ", "XX", "1"],
                    vec!["2", "Vacant", "SCS1", "Head of Data", "Data", "1", "0.5"],
                ],
            ),
            (
                "(final data) junior",
                vec![
                    vec![
                        "Reporting Senior Post",
                        "Grade",
                        "Generic Job Title",
                        "Number of Posts in FTE",
                    ],
                    vec!["1", "EO", "Officer", "2.5"],
                    vec!["2", "HEO", "Analyst", "1,234.25"],
                ],
            ),
        ],
    );
    let out = dir.path().join("o");
    let o = organogram(&[
        "import",
        "uk-organogram",
        book.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(e.contains("read the sheet `(final data) senior`"), "{e}");
    assert!(e.contains("read the sheet `(final data) junior`"), "{e}");
    assert!(e.contains("1,238.25 FTE in all"), "{e}");
    assert_eq!(unit(&json(&out), "2")["fte"], 1234.25);
}

#[test]
fn an_ods_sheet_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.ods");
    let cell = |v: &str| match v.parse::<f64>() {
        Ok(_) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
        ),
        Err(_) if v.is_empty() => "<table:table-cell/>".to_string(),
        Err(_) => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        ),
    };
    let rows = [
        ["code", "reports_to", "title", "fte"],
        ["A", "", "Top", "1"],
        ["B", "A", "Team", "2"],
    ];
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}</table:table-row>",
                r.iter().map(|v| cell(v)).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Staff">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let out = dir.path().join("o");
    let o = import_csv(path.to_str().unwrap(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&out)["organisation"]["total_fte"], 3.0);
}

mod no_panic {
    use organogram::import::{Options, Policies, generic, uk};
    use organogram::source::Sources;
    use proptest::prelude::*;

    /// Cells drawn from what breaks importers: empty, quotes, separators,
    /// line breaks, ids that clash loosely, numbers in odd forms.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("\"".to_string()),
            Just("a,b".to_string()),
            Just("\r\n".to_string()),
            Just("XX".to_string()),
            Just("1,2,3".to_string()),
            "[0-9]{1,3}",
            "[a-cA-C]{1,2}",
            "[0-9]{1,2}[.,][0-9]{1,4}",
            ".{0,6}",
        ]
    }

    fn table() -> impl Strategy<Value = String> {
        (
            0usize..6,
            prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..12),
        )
            .prop_map(|(sep, rows)| {
                let sep = [",", ";", "\t", ",", ",", ","][sep];
                let mut text = format!("code{sep}reports_to{sep}title{sep}fte\n");
                for row in rows {
                    text.push_str(&row.join(sep));
                    text.push('\n');
                }
                text
            })
    }

    /// 300 cases in `cargo test`; CI runs more with `PROPTEST_CASES`.
    fn config() -> ProptestConfig {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(300);
        ProptestConfig::with_cases(cases)
    }

    proptest! {
        #![proptest_config(config())]
        /// Any text: a result or diagnostics, never a panic; files only without errors.
        #[test]
        fn any_csv_imports_or_is_reported(text in table(), lenient in any::<bool>(), root in any::<bool>()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.csv");
            std::fs::write(&path, &text).unwrap();
            let options = Options {
                name: "T".into(),
                root_name: root.then(|| "All".to_string()),
                policies: Policies { lenient, ..Default::default() },
                ..Default::default()
            };
            let columns = generic::Columns {
                id: "code".into(),
                parent: "reports_to".into(),
                name: "title".into(),
                fte: Some("fte".into()),
                ..Default::default()
            };
            let mut sources = Sources::default();
            let mut diagnostics = Vec::new();
            let outcome = generic::import(&path, &columns, &options, &mut sources, &mut diagnostics).unwrap();
            let errors = diagnostics.iter().any(|d| d.is_error());
            prop_assert_eq!(outcome.files.is_some(), !errors);
            if let Some(files) = &outcome.files {
                prop_assert_eq!(outcome.ledger.unexplained(), 0);
                // What the import writes, `check` accepts.
                let mut written = Sources::default();
                for (name, text) in files {
                    written.add(name.into(), text.clone());
                }
                let built = organogram::model::build(&written);
                let errors: Vec<_> = built.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
                prop_assert!(built.organisation.is_some(), "{:?}\n{}", errors, text);
            }
            for d in &diagnostics {
                let _ = organogram::diagnostics::render_human(d, &sources, false);
            }
            // The same text as a UK senior file.
            let mut sources = Sources::default();
            let mut diagnostics = Vec::new();
            let _ = uk::import(&path, None, &options, &mut sources, &mut diagnostics).unwrap();
        }
    }
}
