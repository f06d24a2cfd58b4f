//! What the handbook's search can find (`assets/search-index.js`), how big
//! the index gets, and the overview pages' figures.

use std::path::Path;

use organogram::handbook::search::{self, FIELD_LIMITS, Field, Index, PAGE_TEXT_LIMIT};
use organogram::handbook::{Content, FtePage, Handbook, PageOf, pages};
use organogram::model::Organisation;

fn org(dir: &str) -> (Organisation, Vec<pages::FreePage>) {
    let checked = organogram::compile::check_dir(Path::new(dir)).expect("read");
    let org = checked.organisation.expect("valid");
    let free = pages::read_dir(&Path::new(dir).join("pages")).expect("pages");
    (org, free)
}

fn index(public: bool) -> Index {
    let (org, free) = org("org");
    Handbook::build(&org, &free, public).search()
}

fn entry<'a>(index: &'a Index, title: &'a str) -> &'a search::Entry {
    index
        .find(title)
        .next()
        .unwrap_or_else(|| panic!("no entry {title:?}"))
}

#[test]
fn units_posts_holders_tasks_and_tags_are_indexed() {
    let index = index(false);
    let burgerzaken = entry(&index, "Afdeling burgerzaken");
    assert_eq!(burgerzaken.path, "units/burgerzaken");
    assert_eq!(index.kinds[burgerzaken.kind], "Afdeling");
    assert!(
        burgerzaken
            .field(Field::Topics)
            .iter()
            .any(|t| t == "Huwelijk en echtscheiding"),
        "{burgerzaken:?}"
    );
    // A vacancy is found by the word a reader types: "vacature".
    assert!(
        burgerzaken
            .field(Field::People)
            .iter()
            .any(|p| p.ends_with(": vacature")),
        "{burgerzaken:?}"
    );
    let seg = entry(&index, "Stad en Sociaal Huis");
    assert!(
        seg.field(Field::People)
            .iter()
            .any(|p| p.contains("Erik Laga")),
        "{seg:?}"
    );
    let dirsa = entry(&index, "Directie Samen Leven");
    assert!(dirsa.field(Field::Alias).iter().any(|a| a == "DirSa"));
    // Every unit has its entry.
    let (org, _) = org("org");
    for unit in &org.units {
        assert!(index.find(&unit.name).next().is_some(), "{}", unit.name);
    }
}

#[test]
fn bodies_are_indexed_with_their_relations_both_ways() {
    let index = index(false);
    let college = entry(&index, "College van burgemeester en schepenen");
    assert_eq!(college.path, "bodies#body-cbs-title");
    assert_eq!(index.kinds[college.kind], "Bestuursorgaan");
    assert!(college.field(Field::Alias).iter().any(|a| a == "CBS"));
    let vast = entry(&index, "Vast bureau");
    let topics = vast.field(Field::Topics);
    assert!(
        topics.iter().any(|t| t == "voorzitter: Burgemeester"),
        "incoming relation missing: {topics:?}"
    );
    assert!(
        topics
            .iter()
            .any(|t| t == "zelfde samenstelling: College van burgemeester en schepenen"),
        "{topics:?}"
    );
}

#[test]
fn overview_and_free_pages_are_indexed() {
    let index = index(false);
    let paths: Vec<&str> = index.entries.iter().map(|e| e.path.as_str()).collect();
    for path in [
        "index",
        "tasks",
        "fte",
        "bodies",
        "timeline",
        "pages/missie",
        "pages/organisatieprincipes",
    ] {
        assert!(paths.contains(&path), "no entry for {path}: {paths:?}");
    }
    let fte = entry(&index, "VTE-overzicht");
    assert!(fte.field(Field::Alias).iter().any(|a| a == "VTE"));
    let text = Index::text_of(fte);
    assert!(text.contains("209,75 VTE"), "{text}");
    let overview = entry(&index, "Groep Mechelen");
    assert!(Index::text_of(overview).contains("vacatures"));
}

#[test]
fn a_public_index_names_no_holder() {
    let (org, _) = org("org");
    let holders: Vec<&str> = org
        .units
        .iter()
        .flat_map(|u| u.posts.iter().filter_map(|p| p.holder.as_deref()))
        .collect();
    assert!(!holders.is_empty());
    let private = search::script(&index(false));
    let public = search::script(&index(true));
    assert!(holders.iter().all(|h| private.contains(h)));
    for holder in holders {
        assert!(!public.contains(holder), "public index names {holder}");
    }
    // The posts themselves stay searchable.
    assert!(public.contains("Stadssecretaris"));
}

#[test]
fn every_field_is_capped() {
    let index = index(false);
    for e in &index.entries {
        for (i, items) in e.fields.iter().enumerate() {
            let limit = if i == Field::Text as usize && e.path.starts_with("pages/") {
                PAGE_TEXT_LIMIT
            } else {
                FIELD_LIMITS[i]
            };
            let len: usize = items.iter().map(|s| s.chars().count() + 1).sum();
            // The item that crosses the limit is shortened, with an ellipsis.
            assert!(len <= limit + 2, "{}: field {i} has {len} chars", e.title);
            assert!(items.iter().all(|s| !s.contains('\n')), "{}", e.title);
        }
    }
}

#[test]
fn the_index_of_10000_units_stays_small() {
    let org = organogram::synthetic::organisation(10_000, 42);
    let book = Handbook::build(&org, &[], false);
    let index = book.search();
    assert!(index.entries.len() >= 10_000);
    let bytes = search::script(&index).len();
    let per_unit = bytes / 10_000;
    println!("search index of 10,000 units: {bytes} bytes ({per_unit} per unit)");
    // About 72 bytes per unit when measured (BENCHMARKS.md); the caps keep
    // any entry under 1.6 KB whatever a unit carries.
    assert!(per_unit < 200, "{bytes} bytes, {per_unit} per unit");
    let largest = index
        .entries
        .iter()
        .map(|e| Index::text_of(e).len())
        .max()
        .unwrap();
    assert!(largest < 1600, "an entry of {largest} bytes");
}

fn fte_page(dir: &str) -> FtePage {
    let (org, free) = org(dir);
    let book = Handbook::build(&org, &free, false);
    let i = book
        .pages
        .iter()
        .position(|p| p.of == PageOf::Fte)
        .expect("FTE page");
    match book.page(i).content {
        Content::Fte(f) => f,
        _ => unreachable!(),
    }
}

/// `209,75 VTE` → 20975.
fn hundredths(text: &str) -> i64 {
    let digits: String = text.trim_end_matches(" VTE").replace(['.', ','], "");
    digits.parse().unwrap_or_else(|_| panic!("not FTE: {text}"))
}

#[test]
fn the_own_fte_of_the_fte_table_adds_up_to_the_total() {
    let page = fte_page("org");
    assert_eq!(page.total, "209,75 VTE");
    let names: Vec<&str> = page.divisions.iter().map(|d| d.name.as_str()).collect();
    // Staff units are rows too: their 14,50 VTE is part of the total.
    assert!(names.contains(&"Secretariaat + Front office"), "{names:?}");
    assert!(names.contains(&"Financieel beheerder(s)"), "{names:?}");
    let mut own: i64 = page.divisions.iter().map(|d| hundredths(&d.own_fte)).sum();
    if let Some(other) = &page.other {
        own += hundredths(&other.fte);
    }
    assert_eq!(own, hundredths(&page.total));
    assert_eq!(page.sum_own, page.total);
    // The affiliated Zorgbedrijf is apart, and said to be.
    assert!(page.has_affiliated);
    assert_eq!(page.affiliated[0].name, "Zorgbedrijf");
    assert!(!names.contains(&"Zorgbedrijf"));
}

#[test]
fn the_tag_table_counts_every_unit() {
    let page = fte_page("org");
    let (org, _) = org("org");
    // No unit of org/ has two tags, so the rows add up to the index's count.
    assert!(org.units.iter().all(|u| u.tags.len() <= 1));
    let counted: usize = page.tags.iter().map(|t| t.units).sum();
    assert_eq!(counted, org.units.len());
    assert_eq!(page.unit_count, "21");
    let apart = page.tags.last().unwrap();
    assert_eq!(apart.tag, "verbonden entiteiten (apart)");
    assert_eq!(apart.units, 1);
}
