//! Helpers shared by the integration tests that run the `organogram` command.
#![allow(dead_code)] // each test file uses some of them

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
