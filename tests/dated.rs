//! The organisation over time: an organisation valid on every change date is
//! valid, and builds, on every date; a date compared with itself shows no
//! change; `--at` and the timeline from the command line.

mod support;

use std::path::Path;
use std::process::Command;

use organogram::model::{self, Date};
use organogram::synthetic;
use proptest::prelude::*;

fn organogram(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_organogram"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1764547200") // 2025-12-01
        .output()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn valid_on_every_change_date_means_valid_on_every_date(seed in 0u64..10_000, days in proptest::collection::vec(0i32..12_000, 4)) {
        let sources = synthetic::dated_sources(150, 45, seed);
        let checked = model::build_at(&sources, Date::from_ymd(2010, 1, 1).unwrap());
        prop_assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let first = Date::from_ymd(1999, 6, 1).unwrap();
        for &d in &days {
            let date = first.plus_days(d);
            let built = model::build_at(&sources, date);
            prop_assert!(!built.has_errors(), "on {date}: {:?}", built.diagnostics);
            let org = built.organisation.expect("a model");
            // Rendering is slow in a debug build: once per case is enough.
            if date == first.plus_days(days[0]) {
                prop_assert!(organogram::compile::render(&org, &Default::default()).is_ok());
            }
            // The same date twice: nothing changes.
            let again = model::build_at(&sources, date).organisation.unwrap();
            prop_assert!(organogram::diff::diff(&org, &again).is_empty());
        }
    }
}

#[test]
fn a_check_on_every_date_finds_what_breaks_on_one_date_only() {
    // Valid before and after, broken on one day: a unit moves under a unit
    // that ends the day before.
    let org = "[organisation]\nname = \"T\"\nroot = \"top\"\n[kinds.k]\n\
        [units.top]\nname = \"Top\"\nkind = \"k\"\n\
        [units.a]\nname = \"A\"\nkind = \"k\"\nparent = \"top\"\nuntil = 2019-12-31\n\
        [units.b]\nname = \"B\"\nkind = \"k\"\nparent = \"top\"\n\
        [[units.b.changes]]\nfrom = 2020-01-01\nparent = \"a\"\n\
        [[units.b.changes]]\nfrom = 2020-01-02\nparent = \"top\"\n";
    let mut sources = organogram::source::Sources::default();
    sources.add("org.toml".into(), org.to_string());
    let built = model::build_at(&sources, Date::from_ymd(2025, 1, 1).unwrap());
    let errors: Vec<_> = built.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "from 2020-01-01, unit `b` (B) reports to `a` (A), which ends on 2019-12-31"
    );
    assert!(built.organisation.is_none());
}

#[test]
fn at_picks_the_organisation_of_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    let status = organogram(&["init", org.to_str().unwrap()]).status;
    assert!(status.success());
    let stats = |at: &str| {
        let out = organogram(&["stats", org.to_str().unwrap(), "--at", at]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(stats("2018-12-31").contains("Units: 5"));
    assert!(stats("2019-01-01").contains("Units: 6"));
    // An export says which day it describes.
    let export = organogram(&[
        "export",
        org.to_str().unwrap(),
        "--format",
        "json",
        "--at",
        "2018-12-31",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(json["organisation"]["date"], "2018-12-31");
    let bad = organogram(&["check", org.to_str().unwrap(), "--at", "2019-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
    let same = organogram(&[
        "diff",
        "--at",
        "2030-01-01",
        "--at",
        "2030-01-01",
        org.to_str().unwrap(),
        "--exit-code",
    ]);
    assert!(
        same.status.success(),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
    let planned = organogram(&[
        "diff",
        "--at",
        "2029-12-31",
        "--at",
        "2030-01-01",
        org.to_str().unwrap(),
    ]);
    assert!(
        String::from_utf8_lossy(&planned.stdout)
            .contains("| `onthaal` | Onthaal | Klantencontact |")
    );
}

#[test]
fn the_timeline_of_the_fixture_matches_its_snapshot() {
    let dir = Path::new("tests/fixtures/dated");
    let md = organogram(&["timeline", dir.to_str().unwrap()]);
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    insta::assert_snapshot!("timeline_markdown", String::from_utf8(md.stdout).unwrap());
    let json = organogram(&["timeline", dir.to_str().unwrap(), "--format", "json"]);
    insta::assert_snapshot!("timeline_json", String::from_utf8(json.stdout).unwrap());
}

#[test]
fn groep_mechelen_before_the_new_organogram_and_after_the_integration() {
    let on = |y, m, d| {
        organogram::compile::check_dir_at(Path::new("org"), Date::from_ymd(y, m, d).unwrap())
            .unwrap()
            .organisation
            .expect("org/ is valid on every date")
    };
    let before = on(2016, 6, 1);
    let parent = |org: &model::Organisation, id: &str| {
        let unit = org.unit(org.find(id).unwrap());
        org.unit(unit.parent.unwrap()).id.clone()
    };
    assert_eq!(parent(&before, "sociale-dienst"), "ocmw-diensten");
    assert_eq!(parent(&before, "burgerzaken"), "stad-diensten");
    assert!(before.find("dirsa").is_none());
    assert!(before.bodies.iter().any(|b| b.id == "ocmw-raad"));
    let after = on(2019, 1, 1);
    assert_eq!(parent(&after, "sociale-dienst"), "dirsa");
    assert!(after.find("ocmw-diensten").is_none());
    assert!(after.bodies.iter().any(|b| b.id == "raad-mw"));
    assert!(!after.bodies.iter().any(|b| b.id == "ocmw-raad"));
}

#[test]
fn the_handbook_has_a_timeline_and_each_unit_its_history() {
    let tree = support::build("org", false, None).unwrap();
    let timeline = support::text(&tree, "html/timeline.html");
    assert!(timeline.contains("<h1>Tijdlijn</h1>"));
    assert!(timeline.contains(r#"<time datetime="2019-01-01">1 januari 2019</time>"#));
    assert!(timeline.contains(r#"<a href="units/dirsa.html">Directie Samen Leven</a> start"#));
    // A unit that no longer exists is named, not linked.
    assert!(timeline.contains("<li>Gemeenschappelijke personeelsdienst start"));
    let unit = support::text(&tree, "md/units/sociale-dienst.md");
    assert!(unit.contains(
        "- 1 januari 2017: [Afdeling sociale dienst](sociale-dienst.md) gaat van Diensten van het Sociaal Huis (OCMW) naar [Directie Samen Leven](dirsa.md)"
    ));
    assert!(support::text(&tree, "md/SUMMARY.md").contains("- [Tijdlijn](timeline.md)"));
}
