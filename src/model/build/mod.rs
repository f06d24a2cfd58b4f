//! From raw definitions to a validated [`Organisation`].
//!
//! The steps, each in its own file: the `[organisation]` header and the kinds
//! (`header`), the units with their own fields (`units`), the reporting tree
//! (`tree`: root, parents, cycles, roll-ups), and the references between
//! units (`references`: links, transfers, bodies, views).

mod header;
mod ids;
mod references;
mod syntax;
mod tree;
mod units;

use toml::de::DeTable;

use super::date::Date;
use super::decode::{self, FteText, RawOrg, Sp};
use super::fte::FteError;
use super::{Edge, Fte, Limits, Locale, Organisation, Unit, rules};
use crate::diagnostics::{self, Code, Diagnostic, did_you_mean};
use crate::source::{FileId, Sources, Span};

pub use ids::{is_slug, slugify};
pub(crate) use tree::not_on_date;

/// The outcome of building: the organisation when it is valid, and every
/// diagnostic in stable order either way.
pub struct Built {
    pub organisation: Option<Organisation>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Built {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

/// Parses, decodes and validates all files; the model is the organisation
/// of today (see [`Date::today`]).
pub fn build(sources: &Sources) -> Built {
    build_at(sources, Date::today())
}

/// Parses, decodes and validates all files: the organisation on every date
/// it has (see [`super::dated`]), and its model on `at`.
pub fn build_at(sources: &Sources, at: Date) -> Built {
    let (raw, mut diagnostics) = match decode_all(sources) {
        Ok(decoded) => decoded,
        Err(diagnostics) => {
            return Built {
                organisation: None,
                diagnostics,
            };
        }
    };
    let organisation = super::dated::check_every_date(raw, at, &mut diagnostics);
    diagnostics::sort(&mut diagnostics);
    let organisation = organisation.filter(|_| !diagnostics.iter().any(|d| d.is_error()));
    Built {
        organisation,
        diagnostics,
    }
}

/// Every dated change written in the files, in date order (nothing when a
/// file is not valid TOML). Check the organisation first: the timeline of
/// an invalid one names what does not exist.
pub fn timeline_of(sources: &Sources) -> Vec<super::Event> {
    match decode_all(sources) {
        Ok((raw, _)) => super::timeline(&raw),
        Err(_) => Vec::new(),
    }
}

/// Parses and decodes every file. `Err` with the syntax errors when a file
/// is not valid TOML: definitions are missing then, and every reference to
/// them would be a false alarm.
pub(crate) fn decode_all(sources: &Sources) -> Result<(RawOrg, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut raw = RawOrg::default();
    let mut syntax_errors = false;
    let decoded = decode_files(sources);
    // Sized once: the units are moved, not copied again and again.
    raw.units
        .reserve_exact(decoded.iter().map(|d| d.raw.units.len()).sum());
    for decoded in decoded {
        syntax_errors |= decoded.syntax_errors;
        diagnostics.extend(decoded.diagnostics);
        raw.extend(decoded.raw);
    }
    if syntax_errors {
        diagnostics::sort(&mut diagnostics);
        return Err(diagnostics);
    }
    Ok((raw, diagnostics))
}

/// One file, parsed and decoded.
#[derive(Default)]
struct Decoded {
    raw: RawOrg,
    diagnostics: Vec<Diagnostic>,
    syntax_errors: bool,
}

fn decode_one(sources: &Sources, file: FileId) -> Decoded {
    let text = &sources.file(file).text;
    let mut decoded = Decoded::default();
    let (doc, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        decode::decode_file(
            file,
            doc.get_ref(),
            &mut decoded.raw,
            &mut decoded.diagnostics,
        );
    } else {
        decoded.syntax_errors = true;
        for e in errors {
            decoded
                .diagnostics
                .push(syntax::syntax_error(file, text, &e));
        }
    }
    decoded
}

/// Every file decoded, in file order. Files are independent until they are
/// merged, so they are parsed on every core: parsing is most of a check.
fn decode_files(sources: &Sources) -> Vec<Decoded> {
    let files: Vec<FileId> = sources.ids().collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len());
    if threads <= 1 {
        return files.iter().map(|&f| decode_one(sources, f)).collect();
    }
    // Each thread takes the next file not yet taken: files differ in size.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Decoded)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&file) = files.get(i) else { break };
                        mine.push((i, decode_one(sources, file)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a decoding thread panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, d)| d).collect()
}

/// A unit that exists, but not on the date being checked: for a message
/// that says when it starts or ends instead of "there is no such unit".
#[derive(Clone, Debug)]
pub(crate) struct Absence {
    pub name: String,
    /// The `from` or `until` that puts the date outside its life.
    pub bound: Sp<Date>,
    /// True when it ended before the date; false when it starts after it.
    pub ended: bool,
}

/// Looks up why a unit id is missing on the date being checked.
pub(crate) type Elsewhere<'a> = &'a dyn Fn(&str) -> Option<Absence>;

/// Validates the organisation of one date (already resolved, see
/// [`super::dated`]). Warnings only when `warnings` is set: they are about
/// the date being looked at, not about every date of the history.
pub(crate) fn validate(
    raw: RawOrg,
    elsewhere: Elsewhere<'_>,
    warnings: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Organisation> {
    let mut builder = Builder::new(diagnostics, elsewhere);
    builder.warnings = warnings;
    builder.build(raw)
}

struct Builder<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    elsewhere: Elsewhere<'d>,
    warnings: bool,
}

/// The `[organisation]` table, checked.
struct OrgHeader {
    name: String,
    short: Option<String>,
    contact: Option<String>,
    site_url: Option<String>,
    root: Option<Sp<String>>,
    locale: Locale,
    limits: Limits,
    /// Warnings not to report.
    allowed: Vec<Code>,
}

impl Builder<'_> {
    fn new<'d>(diagnostics: &'d mut Vec<Diagnostic>, elsewhere: Elsewhere<'d>) -> Builder<'d> {
        Builder {
            diagnostics,
            elsewhere,
            warnings: true,
        }
    }

    pub(super) fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub(super) fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    fn build(mut self, raw: RawOrg) -> Option<Organisation> {
        let org = self.organisation(&raw)?;
        let kinds = self.kinds(&raw);
        let output = self.output(&raw);
        let (mut pending, by_id) = self.units(raw.units, &kinds);
        let root = self.resolve_root(&org, &pending, &by_id);
        let mut cut_off = self.link_parents(&mut pending, &by_id, root);
        let mut graph = tree::reporting_graph(&pending);
        self.check_cycles(&graph, &pending, root, &mut cut_off);

        let root = root?;
        let mut units: Vec<Unit> = pending.into_iter().map(|p| p.unit).collect();
        for i in 0..units.len() {
            if let Some(parent) = units[i].parent {
                units[parent].children.push(i);
            }
        }
        let links = self.links(&raw.links, &by_id, &units);
        for (index, link) in links.iter().enumerate() {
            graph.add_edge(
                petgraph::graph::NodeIndex::new(link.from),
                petgraph::graph::NodeIndex::new(link.to),
                Edge::Link(index),
            );
        }
        let transfers = self.transfers(&raw.transfers, &by_id, &units);
        let bodies = self.bodies(&raw.bodies);
        let views = self.views(&raw.views, &by_id, &units);

        let mut organisation = Organisation {
            name: org.name,
            short: org.short,
            contact: org.contact,
            site_url: org.site_url,
            locale: org.locale,
            limits: org.limits,
            output,
            kinds,
            units,
            root,
            links,
            transfers,
            bodies,
            views,
            graph,
            history: Default::default(),
            by_id,
            tags: Vec::new(),
        };
        let tags: std::collections::BTreeSet<&String> =
            organisation.units.iter().flat_map(|u| &u.tags).collect();
        organisation.tags = tags.into_iter().cloned().collect();
        if self.error_count() > 0 {
            return None;
        }
        tree::roll_up(&mut organisation);
        let warnings = if self.warnings {
            rules::warnings(&organisation)
        } else {
            Vec::new()
        };
        for w in warnings {
            if !org.allowed.contains(&w.code) {
                self.report(w);
            }
        }
        Some(organisation)
    }

    pub(super) fn check_slug(&mut self, id: &Sp<String>, what: &str) -> bool {
        if is_slug(&id.value) {
            return true;
        }
        self.report(
            Diagnostic::new(
                Code::InvalidId,
                format!(
                    "the {what} id `{}` may only use lowercase letters, digits, `-` and `_`",
                    id.value
                ),
            )
            .at(id.span.clone(), "not a valid id")
            .note(
                "ids become file names of the generated charts and pages, so they are kept simple",
            )
            .help(format!(
                "use `{}` instead (and change every reference to it)",
                slugify(&id.value)
            )),
        );
        false
    }

    pub(super) fn fte(
        &mut self,
        text: &Option<Sp<FteText>>,
        what: &dyn std::fmt::Display,
        default: Fte,
    ) -> Fte {
        let Some(text) = text else { return default };
        match Fte::parse(&text.value.0) {
            Ok(fte) => fte,
            Err(e) => {
                let (problem, help) = match e {
                    FteError::NotANumber => {
                        ("is not a number", "write a number such as 2.5".to_string())
                    }
                    FteError::TooLarge => (
                        "is too large to be a staff count",
                        "write the number of full-time equivalents, e.g. 12.5".to_string(),
                    ),
                    FteError::Negative => (
                        "is negative",
                        "FTE counts staff, so it is 0 or more".to_string(),
                    ),
                    FteError::TooPrecise => (
                        "has more than two decimals",
                        format!(
                            "FTE is kept to two decimals (hundredths); round it, e.g. to {}",
                            round_two(&text.value.0)
                        ),
                    ),
                };
                self.report(
                    Diagnostic::new(
                        Code::InvalidFte,
                        format!("the FTE of {what} ({}) {problem}", text.value.0),
                    )
                    .at(text.span.clone(), problem)
                    .help(help),
                );
                default
            }
        }
    }

    pub(super) fn invalid_choice(&mut self, value: &Sp<String>, what: &str, choices: &[&str]) {
        let list = choices
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(" or ");
        let mut d = Diagnostic::new(
            Code::InvalidValue,
            format!("{what} is \"{}\", which is not one of {list}", value.value),
        )
        .at(value.span.clone(), "not an allowed value");
        d = match did_you_mean(&value.value, choices.iter().copied()) {
            Some(s) => d.help(format!("did you mean \"{s}\"?")),
            None => d.help(format!("write one of {list}")),
        };
        self.report(d);
    }
}

pub(super) fn duplicate(what: &str, id: &Sp<String>, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateId,
        format!("the {what} id `{}` is defined twice", id.value),
    )
    .at(id.span.clone(), "defined again here")
    .also(first, "first defined here")
    .help(format!(
        "give one of them another id, or merge the two definitions of this {what}"
    ))
}

/// Rounds a decimal text to two places for a suggestion (display only).
fn round_two(text: &str) -> String {
    text.parse::<f64>()
        .map(|f| format!("{f:.2}"))
        .unwrap_or_else(|_| text.to_string())
}
