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

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use organogram::compile::{self, BuildOptions};
use organogram::diagnostics;
use organogram::model::{self, Organisation};
use organogram::source::Sources;
use organogram::{diff, export, stats};
use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Names, tasks and holders, hostile ones among them: markup, template and
/// Markdown syntax, quotes, long words, right-to-left text, emoji, controls.
const WORDS: &[&str] = &[
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

const TAGS: &[&str] = &["stad", "ocmw", "<b>", "met spatie", "é"];

/// Put into the TOML text at a random place.
const TOKENS: &[&str] = &[
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
struct KindSpec {
    head_required: bool,
    /// 0 below, 1 side (a staff unit), 2 affiliated.
    placement: u8,
}

#[derive(Clone, Debug)]
struct UnitSpec {
    /// The parent is an earlier unit: `parent.index(i)`.
    parent: Index,
    kind: Index,
    fte: Option<u32>,
    name: Index,
    short: bool,
    tags: Vec<Index>,
    tasks: Vec<Index>,
    head: bool,
    holder: Option<Index>,
    vacant: bool,
    more_posts: u8,
}

/// Year, month, day.
type Date = (u16, u8, u8);

#[derive(Clone, Debug)]
struct OrgSpec {
    english: bool,
    public: bool,
    files: usize,
    kinds: Vec<KindSpec>,
    units: Vec<UnitSpec>,
    links: Vec<(Index, Index, bool, bool)>,
    transfers: Vec<(Index, Index, Index, Option<Date>)>,
    views: Vec<(Index, Option<u8>)>,
    bodies: Vec<Vec<Index>>,
    limits: Option<(u8, u8)>,
    allow_no_fte: bool,
}

/// One change to a valid organisation.
#[derive(Clone, Debug)]
enum Mutation {
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

fn kind_spec() -> impl Strategy<Value = KindSpec> {
    (
        any::<bool>(),
        prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
    )
        .prop_map(|(head_required, placement)| KindSpec {
            head_required,
            placement,
        })
}

fn unit_spec() -> impl Strategy<Value = UnitSpec> {
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

fn org_spec() -> impl Strategy<Value = OrgSpec> {
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

fn mutation() -> impl Strategy<Value = Mutation> {
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

/// The organisation as editable documents, before it is written as TOML.
#[derive(Clone, Debug)]
struct Doc {
    spec: OrgSpec,
    root: String,
    kinds: Vec<(String, bool, u8)>,
    units: Vec<UnitDoc>,
}

#[derive(Clone, Debug)]
struct UnitDoc {
    id: String,
    parent: Option<String>,
    kind: String,
    fte: Option<String>,
    posts: Vec<(bool, Option<String>, bool)>,
    spec: UnitSpec,
}

/// A TOML basic string (JSON's escapes are TOML's).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string")
}

fn word(i: &Index) -> &'static str {
    WORDS[i.index(WORDS.len())]
}

impl Doc {
    /// A valid organisation: every unit below an earlier one, every division
    /// with exactly one head post.
    fn new(spec: OrgSpec) -> Doc {
        let kinds: Vec<(String, bool, u8)> = spec
            .kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (format!("k{i}"), k.head_required, k.placement))
            .collect();
        let units = spec
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let kind = u.kind.index(kinds.len());
                let head = u.head || kinds[kind].1;
                let mut posts = vec![];
                if head {
                    posts.push((
                        true,
                        u.holder.as_ref().map(|h| word(h).to_string()),
                        u.vacant,
                    ));
                }
                for _ in 0..u.more_posts {
                    posts.push((false, None, false));
                }
                UnitDoc {
                    id: format!("u{i}"),
                    parent: (i > 0).then(|| format!("u{}", u.parent.index(i))),
                    kind: kinds[kind].0.clone(),
                    fte: u.fte.map(|f| format!("{}.{:02}", f / 100, f % 100)),
                    posts,
                    spec: u.clone(),
                }
            })
            .collect();
        Doc {
            spec,
            root: "u0".to_string(),
            kinds,
            units,
        }
    }

    fn unit(&mut self, i: &Index) -> &mut UnitDoc {
        let n = self.units.len();
        &mut self.units[i.index(n)]
    }

    /// Applies a structural mutation; text mutations are applied to the files.
    fn mutate(&mut self, m: &Mutation) {
        if self.units.is_empty() {
            return;
        }
        match m {
            Mutation::Reparent(a, b) => {
                let to = self.unit(b).id.clone();
                self.unit(a).parent = Some(to);
            }
            Mutation::UnknownParent(a) => self.unit(a).parent = Some("nergens".into()),
            Mutation::Remove(a) => {
                let n = self.units.len();
                self.units.remove(a.index(n));
            }
            Mutation::DuplicateId(a, b) => {
                let id = self.unit(b).id.clone();
                self.unit(a).id = id;
            }
            Mutation::InvalidId(a) => self.unit(a).id = "Geen Slug!".into(),
            Mutation::Kind(a, k) => self.unit(a).kind = format!("k{k}"),
            Mutation::Placement(k, p) => {
                let n = self.kinds.len();
                self.kinds[k.index(n)].2 = *p;
            }
            Mutation::HeadRule(k) => {
                let n = self.kinds.len();
                let kind = &mut self.kinds[k.index(n)];
                kind.1 = !kind.1;
            }
            Mutation::DropHeads(a) => self.unit(a).posts.retain(|p| !p.0),
            Mutation::ExtraHead(a) => self.unit(a).posts.push((true, None, false)),
            Mutation::Fte(a, f) => self.unit(a).fte = Some(f.to_string()),
            Mutation::Root(a) => self.root = self.unit(a).id.clone(),
            Mutation::Text { .. } => {}
        }
    }

    /// The organisation as TOML files: the header in the first, units spread
    /// over all of them, links and the rest in the last.
    fn files(&self) -> Vec<(String, String)> {
        let spec = &self.spec;
        let mut files = vec![String::new(); spec.files];
        files[0].push_str(&format!(
            "[organisation]\nname = {}\nshort = \"FZ\"\nroot = {}\nlocale = \"{}\"\n",
            q("Fuzz & <Zoon>"),
            q(&self.root),
            if spec.english { "en" } else { "nl-BE" }
        ));
        if let Some((depth, span)) = spec.limits {
            files[0].push_str(&format!(
                "[organisation.limits]\nmax_depth = {depth}\nmax_span = {span}\n"
            ));
        }
        if spec.allow_no_fte {
            files[0].push_str("[organisation.warnings]\nallow = [\"no-fte\"]\n");
        }
        for (id, required, placement) in &self.kinds {
            let placement = ["below", "side", "affiliated"][usize::from(*placement) % 3];
            let head = if *required { "required" } else { "optional" };
            files[0].push_str(&format!(
                "[kinds.{id}]\nlabel = {}\nhead = \"{head}\"\nplacement = \"{placement}\"\n",
                q(id)
            ));
        }
        for (i, u) in self.units.iter().enumerate() {
            let s = &u.spec;
            let mut t = format!(
                "[units.{}]\nname = {}\nkind = {}\n",
                q(&u.id),
                q(word(&s.name)),
                q(&u.kind)
            );
            if s.short {
                t.push_str("short = \"Kort\"\n");
            }
            if let Some(p) = &u.parent {
                t.push_str(&format!("parent = {}\n", q(p)));
            }
            if let Some(f) = &u.fte {
                t.push_str(&format!("fte = {f}\n"));
            }
            let list = |items: Vec<&str>| items.iter().map(|x| q(x)).collect::<Vec<_>>().join(", ");
            if !s.tags.is_empty() {
                let tags = s.tags.iter().map(|t| TAGS[t.index(TAGS.len())]).collect();
                t.push_str(&format!("tags = [{}]\n", list(tags)));
            }
            if !s.tasks.is_empty() {
                t.push_str(&format!(
                    "tasks = [{}]\n",
                    list(s.tasks.iter().map(word).collect())
                ));
                t.push_str(&format!("description = {}\n", q(word(&s.tasks[0]))));
            }
            for (n, (head, holder, vacant)) in u.posts.iter().enumerate() {
                t.push_str(&format!(
                    "[[units.{}.posts]]\ntitle = \"Post {n}\"\nhead = {head}\nvacant = {vacant}\nfte = 0.5\n",
                    q(&u.id)
                ));
                if let Some(h) = holder {
                    t.push_str(&format!("holder = {}\n", q(h)));
                }
            }
            files[i % spec.files].push_str(&t);
        }
        let ids: Vec<&str> = self.units.iter().map(|u| u.id.as_str()).collect();
        let id = |i: &Index| q(ids[i.index(ids.len())]);
        let last = files.last_mut().expect("a file");
        if ids.is_empty() {
            return named(files);
        }
        for (from, to, dashed, label) in &spec.links {
            last.push_str(&format!(
                "[[links]]\nfrom = {}\nto = {}\nstyle = \"{}\"\n",
                id(from),
                id(to),
                if *dashed { "dashed" } else { "dotted" }
            ));
            if *label {
                last.push_str("label = \"afstemming <&>\"\n");
            }
        }
        for (task, from, to, date) in &spec.transfers {
            last.push_str(&format!(
                "[[transfers]]\ntask = {}\nfrom = {}\nto = {}\n",
                q(word(task)),
                id(from),
                id(to)
            ));
            if let Some((y, m, d)) = date {
                last.push_str(&format!("date = {y:04}-{m:02}-{d:02}\n"));
            }
        }
        for (n, (root, depth)) in spec.views.iter().enumerate() {
            last.push_str(&format!(
                "[[views]]\nid = \"v{n}\"\ntitle = \"Zicht {n}\"\nroot = {}\n",
                id(root)
            ));
            if let Some(d) = depth {
                last.push_str(&format!("depth = {d}\n"));
            }
        }
        let bodies = spec.bodies.len();
        for (n, relations) in spec.bodies.iter().enumerate() {
            last.push_str(&format!("[bodies.b{n}]\nname = \"Raad {n}\"\n"));
            for to in relations {
                last.push_str(&format!(
                    "[[bodies.b{n}.relations]]\nto = \"b{}\"\nlabel = \"kiest\"\n",
                    to.index(bodies)
                ));
            }
        }
        named(files)
    }
}

fn named(files: Vec<String>) -> Vec<(String, String)> {
    files
        .into_iter()
        .enumerate()
        .map(|(i, text)| (format!("org/deel-{i}.toml"), text))
        .collect()
}

/// Cuts `cut` characters at a place in one file and puts `put` there.
fn mutate_text(files: &mut [(String, String)], file: &Index, at: &Index, cut: usize, put: &str) {
    let n = files.len();
    let text = &mut files[file.index(n)].1;
    let mut start = at.index(text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let end = text[start..]
        .char_indices()
        .nth(cut)
        .map_or(text.len(), |(i, _)| start + i);
    text.replace_range(start..end, put);
}

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
            let _ = diff::chart(old, new, &changes);
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
