//! The JSON Schema that editors use agrees with the checker.

use std::fs;
use std::process::Command;

fn schema_text() -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_organogram"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_committed_schema_is_up_to_date() {
    let committed = fs::read_to_string("docs/organogram.schema.json").unwrap();
    assert_eq!(
        committed,
        schema_text(),
        "docs/organogram.schema.json is stale: run `organogram schema > docs/organogram.schema.json`"
    );
}

/// TOML → JSON as an editor's TOML language server does it (dates as text).
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&schema_text()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn every_file_of_the_default_organisation_validates() {
    let validator = validator();
    let mut files: Vec<_> = fs::read_dir("org")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    assert!(files.len() >= 5);
    for file in files {
        let value: toml::Value = toml::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        let json = toml_to_json(value);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

#[test]
fn the_schema_rejects_what_the_checker_rejects() {
    let validator = validator();
    for (toml_text, why) in [
        (
            "[units.a]\nnmae = \"A\"\nname = \"A\"\nkind = \"d\"",
            "unknown key",
        ),
        ("[units.a]\nkind = \"d\"", "missing name"),
        (
            "[units.\"Dir Sa\"]\nname = \"A\"\nkind = \"d\"",
            "id not a slug",
        ),
        (
            "[units.a]\nname = \"A\"\nkind = \"d\"\nfte = -1",
            "negative FTE",
        ),
        ("[kinds.d]\nhead = \"requird\"", "not a choice"),
    ] {
        let json = toml_to_json(toml::from_str(toml_text).unwrap());
        assert!(!validator.is_valid(&json), "accepted: {why}");
    }
}

#[test]
fn init_writes_a_valid_organisation_with_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nieuw");
    let o = Command::new(env!("CARGO_BIN_EXE_organogram"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(o.status.success());
    let checked = organogram::compile::check_dir(&target).unwrap();
    assert!(checked.organisation.is_some());
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(
        fs::read_to_string(target.join("organogram.schema.json")).unwrap(),
        schema_text()
    );
    // A second init does not overwrite.
    let o = Command::new(env!("CARGO_BIN_EXE_organogram"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
