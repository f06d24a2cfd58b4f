//! The model of Groep Mechelen, and robustness on hostile input.

use std::path::Path;

use organogram::compile::check_dir;
use organogram::model::{self, Fte, HeadRule, Placement};
use organogram::source::Sources;
use proptest::prelude::*;

fn groep_mechelen() -> model::Organisation {
    let checked = check_dir(Path::new("org")).unwrap();
    checked
        .organisation
        .expect("the default organisation is valid")
}

#[test]
fn fte_figures_of_directie_samen_leven_add_up_exactly() {
    let org = groep_mechelen();
    let total = |id: &str| org.unit(org.find(id).unwrap()).total_fte;
    assert_eq!(total("prev-veiligheid"), Fte::from_hundredths(5286));
    assert_eq!(total("sociale-dienst"), Fte::from_hundredths(9347));
    assert_eq!(total("sociaal-beleid"), Fte::from_hundredths(4092));
    assert_eq!(total("dirsa-fo"), Fte::from_hundredths(1150));
    let sum: Fte = [
        "prev-veiligheid",
        "sociale-dienst",
        "sociaal-beleid",
        "dirsa-fo",
    ]
    .iter()
    .map(|id| total(id))
    .sum();
    assert_eq!(sum.to_string(), "198.75");
    // DirSa: the four figures, the directeur, the stafmedewerker and the
    // vacant head of burgerzaken.
    assert_eq!(total("dirsa").to_string(), "201.75");
}

#[test]
fn groep_mechelen_has_the_structure_of_the_seeds() {
    let org = groep_mechelen();
    assert_eq!(org.unit(org.root).id, "seg");
    let dirsa = org.find("dirsa").unwrap();
    let children: Vec<&str> = org
        .unit(dirsa)
        .children
        .iter()
        .map(|&c| org.unit(c).id.as_str())
        .collect();
    assert_eq!(
        children,
        [
            "dirsa-fo",
            "dirsa-staf",
            "prev-veiligheid",
            "sociaal-beleid",
            "sociale-dienst",
            "burgerzaken"
        ]
    );
    let top: Vec<&str> = org
        .unit(org.root)
        .children
        .iter()
        .map(|&c| org.unit(c).id.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "vt",
            "dirsa",
            "isb",
            "ao",
            "fo",
            "fb",
            "np",
            "regiowerking",
            "idpew",
            "stro",
            "m-team",
            "zorgbedrijf"
        ]
    );
    assert_eq!(
        org.kind_of(org.find("stro").unwrap()).placement,
        Placement::Side
    );
    assert_eq!(
        org.kind_of(org.find("zorgbedrijf").unwrap()).placement,
        Placement::Affiliated
    );
    for d in org.divisions() {
        assert_eq!(org.kind_of(d).head, HeadRule::Required);
        assert_eq!(org.unit(d).posts.iter().filter(|p| p.head).count(), 1);
    }
    let burgerzaken = org.unit(org.find("burgerzaken").unwrap());
    assert!(burgerzaken.head().unwrap().vacant);
    assert!(
        burgerzaken
            .tasks
            .iter()
            .any(|t| t == "Huwelijk en echtscheiding")
    );
    assert_eq!(org.transfers.len(), 7);
    assert!(org.bodies.iter().any(|b| b.id == "gemeenteraad"));
    assert_eq!(org.graph.node_count(), org.units.len());
}

fn header() -> String {
    "[organisation]\nname = \"Diep\"\nroot = \"u0\"\n[kinds.d]\nlabel = \"Dienst\"\n".to_string()
}

#[test]
fn a_chain_of_100_000_levels_does_not_overflow_the_stack() {
    let mut text = header();
    text.push_str("[units.u0]\nname = \"U\"\nkind = \"d\"\nfte = 1\n");
    for i in 1..100_000 {
        text.push_str(&format!(
            "[units.u{i}]\nname = \"U\"\nkind = \"d\"\nparent = \"u{}\"\nfte = 0.01\n",
            i - 1
        ));
    }
    // Test threads have small stacks: a recursive walk would overflow here.
    let mut sources = Sources::default();
    sources.add("deep.toml".into(), text);
    let built = model::build(&sources);
    let org = built.organisation.expect("valid");
    assert_eq!(org.unit(org.root).total_fte.to_string(), "1000.99");
    assert_eq!(org.units.iter().map(|u| u.depth).max(), Some(99_999));
    let stats = organogram::stats::Stats::of(&org);
    assert_eq!(stats.depth, 99_999);
}

#[test]
fn a_cycle_of_100_000_units_is_reported_not_overflowed() {
    let mut text = header();
    text.push_str("[units.u0]\nname = \"U\"\nkind = \"d\"\n");
    for i in 1..100_000 {
        let parent = if i == 1 { 99_999 } else { i - 1 };
        text.push_str(&format!(
            "[units.u{i}]\nname = \"U\"\nkind = \"d\"\nparent = \"u{parent}\"\n"
        ));
    }
    let mut sources = Sources::default();
    sources.add("ring.toml".into(), text);
    let built = model::build(&sources);
    assert!(built.organisation.is_none());
    let cycles: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == organogram::diagnostics::Code::Cycle)
        .collect();
    assert_eq!(cycles.len(), 1, "one circle, one problem");
    // u1 is the first written unit of the circle u1 → u99999 → … → u2 → u1.
    assert_eq!(
        cycles[0].message,
        "these units report to each other in a circle: `u1` → `u99999` → `u99998` → `u99997` → \
         `u99996` → … 99,992 more … → `u3` → `u2` → `u1`"
    );
    assert!(cycles[0].secondary.len() < 10, "a few parent lines shown");
    let rendered = organogram::diagnostics::render_human(cycles[0], &sources, false);
    assert!(rendered.len() < 4_000, "{} bytes", rendered.len());
}

#[test]
fn a_long_chain_below_a_circle_is_one_note() {
    let mut text = header();
    text.push_str("[units.u0]\nname = \"U\"\nkind = \"d\"\nfte = 1\n");
    text.push_str("[units.a]\nname = \"A\"\nkind = \"d\"\nparent = \"b\"\n");
    text.push_str("[units.b]\nname = \"B\"\nkind = \"d\"\nparent = \"a\"\n");
    let n = 50_000;
    for i in 0..n {
        let parent = if i == 0 {
            "a".to_string()
        } else {
            format!("t{}", i - 1)
        };
        text.push_str(&format!(
            "[units.t{i}]\nname = \"T\"\nkind = \"d\"\nparent = \"{parent}\"\n"
        ));
    }
    let mut sources = Sources::default();
    sources.add("tail.toml".into(), text);
    let built = model::build(&sources);
    let cycles: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == organogram::diagnostics::Code::Cycle)
        .collect();
    assert_eq!(cycles.len(), 1);
    assert!(cycles[0].message.ends_with("`a` → `b` → `a`"));
    assert!(
        cycles[0]
            .notes
            .iter()
            .any(|n| n.starts_with("50000 unit(s) below it are cut off")
                && n.ends_with("`t9` and 49990 more")),
        "{:?}",
        cycles[0].notes
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_gives_diagnostics_never_a_panic(text in "\\PC{0,400}") {
        let mut sources = Sources::default();
        sources.add("random.toml".into(), text);
        let built = model::build(&sources);
        for d in &built.diagnostics {
            let _ = organogram::diagnostics::render_human(d, &sources, false);
        }
    }

    #[test]
    fn damaged_organisations_never_panic(cut in 0usize..2000, insert in "[\\[\\]=\"a-z0-9 .\\n-]{0,12}") {
        let text = std::fs::read_to_string("org/dirsa.toml").unwrap();
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) { cut -= 1; }
        let damaged = format!("{}{}{}", &text[..cut], insert, &text[cut..]);
        let mut sources = Sources::default();
        for f in ["org/organisatie.toml", "org/seg.toml", "org/directies.toml", "org/isb.toml"] {
            sources.add(f.into(), std::fs::read_to_string(f).unwrap());
        }
        sources.add("org/dirsa.toml".into(), damaged);
        let built = model::build(&sources);
        for d in &built.diagnostics {
            let _ = organogram::diagnostics::render_human(d, &sources, false);
        }
    }
}
