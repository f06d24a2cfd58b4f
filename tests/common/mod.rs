//! Helpers shared by the integration tests that run the `organogram` command.
#![allow(dead_code)] // each test file uses some of them

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
