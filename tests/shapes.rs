//! Whatever `check` accepts, `build` builds: organisations of the shapes that
//! real organisations and imports produce (deep chains, very wide teams, a
//! deep chain ending in a wide team, very long ids, reserved names), with
//! pages of bounded size and file names that every system can hold.

use std::collections::{BTreeMap, HashSet};

use organogram::compile::{self, BuildOptions};
use organogram::model::{self, Organisation};
use organogram::output::{Key, Sink};
use organogram::source::Sources;
use organogram::synthetic::shape_files;
use proptest::prelude::*;

/// Records each file's size only, so that large builds stay small in memory.
#[derive(Default)]
struct Sizes(BTreeMap<String, usize>);

impl Sink for Sizes {
    fn file(
        &mut self,
        path: &str,
        _key: Option<Key>,
        render: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        let content = render()?;
        assert!(
            self.0.insert(path.to_string(), content.len()).is_none(),
            "{path} written twice"
        );
        Ok(())
    }
}

fn checked(toml: String) -> Organisation {
    let mut sources = Sources::default();
    sources.add("org.toml".into(), toml);
    let built = model::build(&sources);
    let errors: Vec<_> = built.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "check fails: {errors:?}");
    built.organisation.expect("valid")
}

fn build(org: &Organisation) -> Sizes {
    let mut sizes = Sizes::default();
    compile::render_into(org, &BuildOptions::default(), &mut sizes).expect("build passes");
    sizes
}

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Every name short, none reserved on Windows, no two equal but for case.
fn assert_portable(sizes: &Sizes) {
    let mut folded = HashSet::new();
    for path in sizes.0.keys() {
        for part in path.split('/') {
            assert!(part.len() <= 100, "a name of {} bytes: {part}", part.len());
            let stem = part.split('.').next().unwrap_or("");
            assert!(!RESERVED.contains(&stem), "a reserved name: {path}");
            assert!(!part.ends_with('.') && !part.ends_with(' '), "{path}");
        }
        assert!(
            folded.insert(path.to_lowercase()),
            "two names differ only in case: {path}"
        );
    }
}

/// The largest file under `prefix`.
fn largest(sizes: &Sizes, prefix: &str) -> usize {
    sizes
        .0
        .iter()
        .filter(|(p, _)| p.starts_with(prefix))
        .map(|(_, &s)| s)
        .max()
        .unwrap_or(0)
}

#[test]
fn a_chain_three_thousand_deep_builds_with_bounded_pages() {
    let org = checked(shape_files(3000, 0, 1, false));
    let sizes = build(&org);
    assert_portable(&sizes);
    assert!(sizes.0.contains_key("html/units/u2999.html"));
    // The deepest unit's page is no larger than one near the top.
    let deep = sizes.0["html/units/u2999.html"];
    let shallow = sizes.0["html/units/u3.html"];
    assert!(
        deep <= shallow + 200,
        "deep page {deep} bytes, shallow {shallow}"
    );
    assert!(largest(&sizes, "html/units/") < 20_000);
    assert!(largest(&sizes, "md/units/") < 8_000);
    // mdBook's summary lists every unit, nested to a bounded depth.
    let summary = sizes.0["md/SUMMARY.md"];
    assert!(summary < 3000 * 80, "SUMMARY.md of {summary} bytes");
}

#[test]
fn a_team_twenty_thousand_wide_gets_list_pages() {
    let org = checked(shape_files(1, 20_000, 1, false));
    let sizes = build(&org);
    assert_portable(&sizes);
    let lists = sizes
        .0
        .keys()
        .filter(|p| p.starts_with("html/lists/"))
        .count();
    assert_eq!(
        lists,
        20_000_usize.div_ceil(organogram::handbook::LIST_PAGE_SIZE)
    );
    // A member's page does not carry its 19,999 siblings.
    assert!(
        largest(&sizes, "html/units/u") < 20_000,
        "{}",
        largest(&sizes, "html/units/u")
    );
    assert!(largest(&sizes, "html/lists/") < 400_000);
    let total: usize = sizes.0.values().sum();
    assert!(total < 20_000 * 30_000, "{total} bytes for 20,000 units");
}

#[test]
fn a_broom_and_long_and_reserved_ids_build_with_portable_names() {
    let org = checked(shape_files(300, 600, 300, true));
    let sizes = build(&org);
    assert_portable(&sizes);
    // Reserved ids keep their id everywhere it is shown, but not as a file name.
    assert!(sizes.0.contains_key("html/units/_con.html"));
    assert!(!sizes.0.keys().any(|p| p.ends_with("/con.html")));
    assert!(largest(&sizes, "html/units/") < 40_000);
}

#[test]
fn a_reserved_id_is_shown_as_it_is_and_linked_by_its_file_name() {
    let org = checked(shape_files(2, 3, 1, true));
    let tree = compile::render(&org, &BuildOptions::default()).unwrap();
    let page = String::from_utf8(tree.get("html/units/_con.html").unwrap().to_vec()).unwrap();
    assert!(page.contains("Eenheid 2"));
    let parent = String::from_utf8(tree.get("html/units/u1.html").unwrap().to_vec()).unwrap();
    assert!(parent.contains("href=\"_con.html\""), "linked by file name");
    assert!(parent.contains("id=\"unit-con\""), "the chart keeps the id");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn check_passes_implies_build_passes(
        chain in 1usize..80,
        span in 0usize..250,
        id_len in 1usize..320,
        reserved in any::<bool>(),
    ) {
        let org = checked(shape_files(chain, span, id_len, reserved));
        let sizes = build(&org);
        assert_portable(&sizes);
        prop_assert_eq!(
            sizes.0.keys().filter(|p| p.starts_with("html/units/")).count(),
            chain + span
        );
    }
}
