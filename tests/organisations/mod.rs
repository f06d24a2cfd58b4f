//! Valid organisations for the fuzz target, and the mutations applied to
//! them: proptest strategies over small specifications (`OrgSpec`), which
//! `toml::Doc` writes as TOML files.

use proptest::prelude::*;
use proptest::sample::{Index, select};

pub mod toml;

/// Names, tasks and holders, hostile ones among them: markup, template and
/// Markdown syntax, quotes, long words, right-to-left text, emoji, controls.
pub const WORDS: &[&str] = &[
    "Dienst Burgerzaken",
    "Afdeling Ruimte & Mobiliteit",
    "<script>alert(1)</script>",
    "Ève \"Zoë\" d'Hondt",
    "{{ page.title }} {% if x %}",
    "*vet* _schuin_ [link](javascript:alert(1))",
    "../../etc/passwd",
    "Supercalifragilisticexpialidociousdienstverleningscentrumcoördinatie",
    "Een heel lange naam van een afdeling die over drie of vier regels moet worden afgebroken",
    "العلاقات العامة",
    "👩‍💼 Team",
    "a",
    "   spaties   ",
    "regel\neen\nregel twee",
    "tab\tteken",
    "x\u{0}y",
    "",
];

pub const TAGS: &[&str] = &["stad", "ocmw", "<b>", "met spatie", "é"];

/// Put into the TOML text at a random place.
pub const TOKENS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "\"",
    "'",
    "\n",
    "\"\"\"",
    "{",
    "}",
    ",",
    ".",
    "#",
    "[units.",
    "parent = ",
    "kind = ",
    "fte = ",
    "head = true",
    "1e999",
    "-0.001",
    "nan",
    "inf",
    "2024-02-30",
    "é",
    "\u{feff}",
    "\\u0000",
    "\r\n",
    " ",
    "\t",
];

#[derive(Clone, Debug)]
pub struct KindSpec {
    pub head_required: bool,
    /// 0 below, 1 side (a staff unit), 2 affiliated.
    pub placement: u8,
}

#[derive(Clone, Debug)]
pub struct UnitSpec {
    /// The parent is an earlier unit: `parent.index(i)`.
    pub parent: Index,
    pub kind: Index,
    pub fte: Option<u32>,
    pub name: Index,
    pub short: bool,
    pub tags: Vec<Index>,
    pub tasks: Vec<Index>,
    pub head: bool,
    pub holder: Option<Index>,
    pub vacant: bool,
    pub more_posts: u8,
}

/// Year, month, day.
pub type Date = (u16, u8, u8);

#[derive(Clone, Debug)]
pub struct OrgSpec {
    pub english: bool,
    pub public: bool,
    pub files: usize,
    pub kinds: Vec<KindSpec>,
    pub units: Vec<UnitSpec>,
    pub links: Vec<(Index, Index, bool, bool)>,
    pub transfers: Vec<(Index, Index, Index, Option<Date>)>,
    pub views: Vec<(Index, Option<u8>)>,
    pub bodies: Vec<Vec<Index>>,
    pub limits: Option<(u8, u8)>,
    pub allow_no_fte: bool,
}

/// One change to a valid organisation.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Any unit, any new parent: circles and self-reports included.
    Reparent(Index, Index),
    UnknownParent(Index),
    Remove(Index),
    DuplicateId(Index, Index),
    InvalidId(Index),
    /// A kind index past the declared ones is an unknown kind.
    Kind(Index, u8),
    Placement(Index, u8),
    HeadRule(Index),
    DropHeads(Index),
    ExtraHead(Index),
    Fte(Index, &'static str),
    Root(Index),
    Text {
        file: Index,
        at: Index,
        cut: usize,
        put: String,
    },
}

pub fn kind_spec() -> impl Strategy<Value = KindSpec> {
    (
        any::<bool>(),
        prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
    )
        .prop_map(|(head_required, placement)| KindSpec {
            head_required,
            placement,
        })
}

pub fn unit_spec() -> impl Strategy<Value = UnitSpec> {
    (
        (
            any::<Index>(),
            any::<Index>(),
            prop::option::of(0u32..2_000),
            any::<Index>(),
        ),
        (
            any::<bool>(),
            prop::collection::vec(any::<Index>(), 0..3),
            prop::collection::vec(any::<Index>(), 0..4),
        ),
        (
            any::<bool>(),
            prop::option::of(any::<Index>()),
            prop::bool::weighted(0.2),
            0u8..3,
        ),
    )
        .prop_map(
            |(
                (parent, kind, fte, name),
                (short, tags, tasks),
                (head, holder, vacant, more_posts),
            )| {
                UnitSpec {
                    parent,
                    kind,
                    fte,
                    name,
                    short,
                    tags,
                    tasks,
                    head,
                    holder,
                    vacant,
                    more_posts,
                }
            },
        )
}

pub fn org_spec() -> impl Strategy<Value = OrgSpec> {
    (
        (any::<bool>(), prop::bool::weighted(0.3), 1usize..4),
        prop::collection::vec(kind_spec(), 1..5),
        prop::collection::vec(unit_spec(), 1..40),
        prop::collection::vec(
            (any::<Index>(), any::<Index>(), any::<bool>(), any::<bool>()),
            0..4,
        ),
        prop::collection::vec(
            (
                any::<Index>(),
                any::<Index>(),
                any::<Index>(),
                prop::option::of((1990u16..2040, 1u8..13, 1u8..29)),
            ),
            0..3,
        ),
        prop::collection::vec((any::<Index>(), prop::option::of(0u8..4)), 0..3),
        prop::collection::vec(prop::collection::vec(any::<Index>(), 0..3), 0..4),
        (prop::option::of((1u8..8, 1u8..12)), any::<bool>()),
    )
        .prop_map(
            |(
                (english, public, files),
                kinds,
                units,
                links,
                transfers,
                views,
                bodies,
                (limits, allow_no_fte),
            )| {
                OrgSpec {
                    english,
                    public,
                    files,
                    kinds,
                    units,
                    links,
                    transfers,
                    views,
                    bodies,
                    limits,
                    allow_no_fte,
                }
            },
        )
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let i = || any::<Index>();
    prop_oneof![
        3 => (i(), i()).prop_map(|(a, b)| Mutation::Reparent(a, b)),
        1 => i().prop_map(Mutation::UnknownParent),
        2 => i().prop_map(Mutation::Remove),
        1 => (i(), i()).prop_map(|(a, b)| Mutation::DuplicateId(a, b)),
        1 => i().prop_map(Mutation::InvalidId),
        2 => (i(), 0u8..6).prop_map(|(a, k)| Mutation::Kind(a, k)),
        2 => (i(), 0u8..3).prop_map(|(a, p)| Mutation::Placement(a, p)),
        1 => i().prop_map(Mutation::HeadRule),
        1 => i().prop_map(Mutation::DropHeads),
        1 => i().prop_map(Mutation::ExtraHead),
        1 => (i(), select(&["-1", "1.234", "\"veel\"", "nan", "inf", "1e300", "0.1"][..]))
            .prop_map(|(a, f)| Mutation::Fte(a, f)),
        1 => i().prop_map(Mutation::Root),
        4 => (i(), i(), 0usize..12, prop_oneof![select(TOKENS).prop_map(str::to_string), "\\PC{0,6}"])
            .prop_map(|(file, at, cut, put)| Mutation::Text { file, at, cut, put }),
    ]
}
