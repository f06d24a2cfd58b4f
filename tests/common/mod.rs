//! Helpers shared by the integration tests that run the `organogram` command.
#![allow(dead_code)] // each test file uses some of them

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `organogram` with `args`, without colours.
pub fn organogram(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_organogram"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run organogram")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A file of `tests/fixtures/import`.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/import/{name}")
}

/// `organogram import csv FILE` with the import fixtures' columns (`code`,
/// `reports_to`, `title`, `fte`) into `out`, and `extra` options.
pub fn import_csv(file: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "csv",
        file,
        "--id",
        "code",
        "--parent",
        "reports_to",
        "--name",
        "title",
        "--fte",
        "fte",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    organogram(&args)
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// Width and height of a PDF page's MediaBox, in points.
pub fn media_box(doc: &lopdf::Document, page: lopdf::ObjectId) -> (f64, f64) {
    let dict = doc.get_dictionary(page).expect("a page dictionary");
    let b = dict
        .get(b"MediaBox")
        .expect("a MediaBox")
        .as_array()
        .expect("an array");
    let n: Vec<f64> = b
        .iter()
        .map(|o| match o {
            lopdf::Object::Integer(i) => *i as f64,
            lopdf::Object::Real(r) => *r as f64,
            _ => panic!("a number in the MediaBox"),
        })
        .collect();
    (n[2] - n[0], n[3] - n[1])
}

/// Points as whole millimetres.
pub fn mm(pt: f64) -> i64 {
    (pt * 25.4 / 72.0).round() as i64
}
