//! A fuzz target on stable Rust. Proptest makes valid organisations, then
//! mutates their structure (a unit moved into a circle, removed, given a
//! duplicate id or an unknown kind, a division under a staff unit, …) and
//! their TOML text (bytes cut out, tokens put in). Each version is checked
//! — the model and every diagnostic format — and, when valid, built in
//! memory (charts and handbook, twice for some, which must give the same
//! bytes), counted by `stats`, exported in every format, and compared with
//! the version before the mutations by `diff`, chart included. The
//! property: nothing panics.
//!
//! `cargo test` runs a few cases. For a longer run (`.ci/run` does one):
//! `PROPTEST_CASES=5000 FUZZ_SECONDS=150 cargo test --test fuzz`; after
//! `FUZZ_SECONDS` the remaining cases pass without work, so the run keeps to
//! its time. A failure is shrunk and its seed saved in
//! `tests/fuzz.proptest-regressions`, which is replayed first from then on.
//! The organisations and mutations are made in `organisations/`.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use organogram::compile::{self, BuildOptions};
use organogram::diagnostics;
use organogram::model::{self, Organisation};
use organogram::source::Sources;
use organogram::{diff, export, stats};
use proptest::prelude::*;

mod organisations;

use organisations::toml::{Doc, mutate_text};
use organisations::{Mutation, mutation, org_spec};

fn sources(files: &[(String, String)]) -> Sources {
    let mut sources = Sources::default();
    for (path, text) in files {
        sources.add(path.into(), text.clone());
    }
    sources
}

/// `check`: the model and every diagnostic format.
fn check(files: &[(String, String)]) -> Option<Organisation> {
    let sources = sources(files);
    let mut built = model::build(&sources);
    diagnostics::sort(&mut built.diagnostics);
    for d in &built.diagnostics {
        let _ = diagnostics::render_human(d, &sources, false);
        let _ = diagnostics::render_human(d, &sources, true);
        let _ = serde_json::to_string(&diagnostics::to_json(d, &sources)).expect("JSON");
        let _ = diagnostics::render_github(d, &sources);
    }
    built.organisation
}

/// Everything a valid organisation is used for.
fn use_valid(org: &Organisation, before: Option<&Organisation>, public: bool, twice: bool) {
    let _ = stats::Stats::of(org).render(org);
    for format in [
        export::Format::Json,
        export::Format::Csv,
        export::Format::Dot,
        export::Format::Mermaid,
    ] {
        let _ = export::export(org, format);
    }
    let options = BuildOptions {
        public,
        ..BuildOptions::default()
    };
    let tree = compile::render(org, &options).expect("a valid organisation builds");
    if twice {
        assert!(
            tree == compile::render(org, &options).expect("builds again"),
            "the same organisation gave different output"
        );
    }
    if let Some(before) = before {
        for (old, new) in [(before, org), (org, before)] {
            let changes = diff::diff(old, new);
            for format in [
                diff::Format::Markdown,
                diff::Format::Html,
                diff::Format::Json,
            ] {
                let _ = diff::render(&changes, format, new.locale);
            }
            let _ = diff::charts(old, new, &changes, Default::default(), None);
        }
    }
}

/// After `FUZZ_SECONDS` (if set), cases pass without work.
fn out_of_time() -> bool {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .is_some_and(|s| start.elapsed() > Duration::from_secs(s))
}

fn config() -> ProptestConfig {
    // `PROPTEST_CASES` is read by the default; a plain `cargo test` runs few.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(24);
    ProptestConfig {
        cases,
        max_shrink_time: 120_000,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_organisations_never_panic(
        spec in org_spec(),
        mutations in prop::collection::vec(mutation(), 0..4),
        twice in prop::bool::weighted(0.15),
    ) {
        if out_of_time() {
            return Ok(());
        }
        let public = spec.public;
        let mut doc = Doc::new(spec);
        let original = check(&doc.files());
        // Valid by construction: a failure here is a bug in the generator or
        // a valid organisation refused.
        prop_assert!(original.is_some(), "the unmutated organisation is invalid");
        for m in &mutations {
            doc.mutate(m);
        }
        let mut files = doc.files();
        for m in &mutations {
            if let Mutation::Text { file, at, cut, put } = m {
                mutate_text(&mut files, file, at, *cut, put);
            }
        }
        if let Some(org) = check(&files) {
            use_valid(&org, original.as_ref(), public, twice);
        }
    }
}
