//! From raw definitions to a validated [`Organisation`].

use std::collections::HashMap;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::DiGraph;
use toml::de::DeTable;

use super::decode::{self, FteText, RawOrg, Sp};
use super::fte::FteError;
use super::{
    Body, Edge, Fte, HeadRule, Kind, Limits, LineStyle, Link, Locale, Organisation, Placement,
    Post, Relation, Transfer, Unit, UnitId, View, rules,
};
use crate::diagnostics::{self, Code, Diagnostic, did_you_mean};
use crate::source::{Sources, Span};

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

/// Parses, decodes and validates all files.
pub fn build(sources: &Sources) -> Built {
    let mut diagnostics = Vec::new();
    let mut raw = RawOrg::default();
    let mut syntax_errors = false;
    for file in sources.ids() {
        let text = &sources.file(file).text;
        let (doc, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            syntax_errors = true;
            for e in errors {
                diagnostics.push(syntax_error(file, &e));
            }
            continue;
        }
        decode::decode_file(file, doc.get_ref(), &mut raw, &mut diagnostics);
    }
    // With a file that could not be parsed, definitions are missing and every
    // reference to them would be a false alarm: report the syntax only.
    let organisation = if syntax_errors {
        None
    } else {
        Builder::new(&mut diagnostics).build(raw)
    };
    diagnostics::sort(&mut diagnostics);
    let organisation = organisation.filter(|_| !diagnostics.iter().any(|d| d.is_error()));
    Built {
        organisation,
        diagnostics,
    }
}

fn syntax_error(file: crate::source::FileId, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().trim_end_matches('.').to_string();
    let mut d = Diagnostic::new(Code::Syntax, format!("this is not valid TOML: {message}"));
    if let Some(range) = e.span() {
        d = d.at(Span::new(file, range), "here");
    }
    let help = if message.contains("duplicate key") {
        "each key may appear once in a table; remove or rename one of them"
    } else if message.contains("string") || message.contains("quote") {
        "text must be in double quotes, e.g. name = \"Afdeling burgerzaken\""
    } else {
        "compare the line with the examples in the README's format reference"
    };
    d.help(help)
}

/// Is `id` a slug: lowercase letters, digits, `-` and `_`, starting with a
/// letter or digit? Ids name output files, so nothing else is allowed.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A slug close to `id`, to suggest: `Dir Sa` → `dir-sa`.
pub fn slugify(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "unit".to_string()
    } else {
        out
    }
}

struct Builder<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// A unit after its own fields were checked, before the tree is known.
struct Pending {
    unit: Unit,
    parent: Option<Sp<String>>,
    /// The unit had decoding errors: skip checks that would only repeat them.
    damaged: bool,
}

impl Builder<'_> {
    fn new(diagnostics: &mut Vec<Diagnostic>) -> Builder<'_> {
        Builder { diagnostics }
    }

    fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    fn check_slug(&mut self, id: &Sp<String>, what: &str) -> bool {
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

    fn fte(&mut self, text: &Option<Sp<FteText>>, what: &str, default: Fte) -> Fte {
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

    fn build(mut self, raw: RawOrg) -> Option<Organisation> {
        let org = self.organisation(&raw)?;
        let kinds = self.kinds(&raw);
        let kind_index: HashMap<&str, usize> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (k.id.as_str(), i))
            .collect();

        // Units, with their own fields checked.
        let mut pending: Vec<Pending> = Vec::new();
        let mut by_id: HashMap<String, UnitId> = HashMap::new();
        for raw_unit in raw.units {
            let before = self.error_count();
            if !self.check_slug(&raw_unit.id, "unit") {
                continue;
            }
            if let Some(&first) = by_id.get(&raw_unit.id.value) {
                let first_span = pending[first].unit.span.clone();
                self.report(duplicate("unit", &raw_unit.id, first_span));
                continue;
            }
            let what = format!("unit `{}`", raw_unit.id.value);
            let kind = match &raw_unit.kind {
                Some(k) => match kind_index.get(k.value.as_str()) {
                    Some(&i) => Some(i),
                    None => {
                        self.unknown_kind(k, &kinds);
                        None
                    }
                },
                None => None,
            };
            let extra_fte = self.fte(&raw_unit.fte, &what, Fte::ZERO);
            let mut posts = Vec::new();
            let mut head_spans = Vec::new();
            for p in &raw_unit.posts {
                let title = p
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default();
                let post_what = format!("post \"{title}\" of {what}");
                let head = p.head.as_ref().is_some_and(|h| h.value);
                if head {
                    head_spans.push(
                        p.head
                            .as_ref()
                            .map(|h| h.span.clone())
                            .unwrap_or(p.span.clone()),
                    );
                }
                posts.push(Post {
                    title,
                    head,
                    holder: p.holder.as_ref().map(|h| h.value.clone()),
                    fte: self.fte(&p.fte, &post_what, Fte::ONE),
                    vacant: p.vacant.as_ref().is_some_and(|v| v.value),
                    span: p.title.as_ref().map_or(p.span.clone(), |t| t.span.clone()),
                });
            }
            let own_fte = extra_fte + posts.iter().map(|p| p.fte).sum::<Fte>();
            let name = raw_unit
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_else(|| raw_unit.id.value.clone());
            if let Some(kind) = kind {
                self.check_heads(&raw_unit.id, &name, &kinds[kind], &head_spans);
            }
            let damaged = self.error_count() > before || kind.is_none();
            by_id.insert(raw_unit.id.value.clone(), pending.len());
            pending.push(Pending {
                unit: Unit {
                    id: raw_unit.id.value.clone(),
                    name,
                    short: raw_unit.short.map(|s| s.value),
                    kind: kind.unwrap_or(0),
                    parent: None,
                    children: Vec::new(),
                    depth: 0,
                    extra_fte,
                    own_fte,
                    total_fte: own_fte,
                    tags: raw_unit.tags.into_iter().map(|t| t.value).collect(),
                    tasks: raw_unit.tasks.into_iter().map(|t| t.value).collect(),
                    description: raw_unit.description.map(|d| d.value),
                    posts,
                    span: raw_unit.id.span.clone(),
                },
                parent: raw_unit.parent,
                damaged,
            });
        }

        // The root.
        let root = org.root.as_ref().and_then(|r| match by_id.get(&r.value) {
            Some(&u) => Some(u),
            None => {
                let mut d = Diagnostic::new(
                    Code::UnknownRoot,
                    format!(
                        "the top unit `{}` named in [organisation] is not defined",
                        r.value
                    ),
                )
                .at(r.span.clone(), "no unit has this id");
                let parentless: Vec<&str> = pending
                    .iter()
                    .filter(|p| p.parent.is_none())
                    .map(|p| p.unit.id.as_str())
                    .collect();
                d = match (did_you_mean(&r.value, pending.iter().map(|p| p.unit.id.as_str())), parentless.as_slice()) {
                    (Some(s), _) => d.help(format!("did you mean `{s}`?")),
                    (None, [only]) => d.help(format!("the only unit without a parent is `{only}`: did you mean `root = \"{only}\"`?")),
                    _ => d.help("name the id of the unit at the top, as written in its `[units.ID]` header"),
                };
                self.report(d);
                None
            }
        });

        // Parents.
        // For each unit cut off from the top: the diagnostic that says why.
        let mut cut_off: Vec<Option<usize>> = vec![None; pending.len()];
        for i in 0..pending.len() {
            let is_root = root == Some(i);
            let Some(parent) = pending[i].parent.clone() else {
                // Without a valid root, a unit without parent is most likely the
                // intended top unit: the unknown root says so already.
                if !is_root && !pending[i].damaged && root.is_some() {
                    let unit = &pending[i].unit;
                    let mut d = Diagnostic::new(
                        Code::MissingParent,
                        format!(
                            "unit `{}` ({}) has no parent, so it hangs loose from the organisation",
                            unit.id, unit.name
                        ),
                    )
                    .at(unit.span.clone(), "no `parent` for this unit");
                    d = match root {
                        Some(r) => d.help(format!(
                            "add `parent = \"…\"` with the id of the unit it reports to; only the top unit `{}` has no parent",
                            pending[r].unit.id
                        )),
                        None => d.help("add `parent = \"…\"` with the id of the unit it reports to"),
                    };
                    self.report(d);
                    cut_off[i] = Some(self.diagnostics.len() - 1);
                }
                continue;
            };
            if is_root {
                let unit = &pending[i].unit;
                self.report(
                    Diagnostic::new(
                        Code::RootHasParent,
                        format!("unit `{}` is the top unit of the organisation, so it cannot have a parent", unit.id),
                    )
                    .at(parent.span.clone(), "the top unit reports to nobody")
                    .help("remove this `parent` line, or make another unit the top one with `root = \"…\"` in [organisation]".to_string()),
                );
                continue;
            }
            match by_id.get(&parent.value) {
                Some(&p) => pending[i].unit.parent = Some(p),
                None => {
                    let unit = &pending[i].unit;
                    let mut d = Diagnostic::new(
                        Code::UnknownParent,
                        format!(
                            "unit `{}` ({}) reports to `{}`, but there is no unit with that id",
                            unit.id, unit.name, parent.value
                        ),
                    )
                    .at(parent.span.clone(), "unknown unit");
                    d = self.suggest_unit(d, &parent.value, &pending);
                    self.report(d);
                    cut_off[i] = Some(self.diagnostics.len() - 1);
                }
            }
        }

        // The reporting graph: parent → child edges.
        let mut graph: DiGraph<UnitId, Edge> = DiGraph::with_capacity(pending.len(), pending.len());
        for i in 0..pending.len() {
            graph.add_node(i);
        }
        for (i, p) in pending.iter().enumerate() {
            if let Some(parent) = p.unit.parent {
                graph.add_edge(
                    petgraph::graph::NodeIndex::new(parent),
                    petgraph::graph::NodeIndex::new(i),
                    Edge::ReportsTo,
                );
            }
        }
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
            locale: org.locale,
            limits: org.limits,
            kinds,
            units,
            root,
            links,
            transfers,
            bodies,
            views,
            graph,
            by_id,
        };
        if self.error_count() > 0 {
            return None;
        }
        roll_up(&mut organisation);
        let warnings = rules::warnings(&organisation);
        for w in warnings {
            if !org.allowed.contains(&w.code) {
                self.report(w);
            }
        }
        Some(organisation)
    }

    fn organisation(&mut self, raw: &RawOrg) -> Option<OrgHeader> {
        let Some(first) = raw.organisations.first() else {
            self.report(
                Diagnostic::new(Code::NoOrganisation, "no file has an [organisation] table")
                    .help("add to one file:\n[organisation]\nname = \"…\"\nroot = \"…\"   # the id of the top unit"),
            );
            return None;
        };
        for other in &raw.organisations[1..] {
            let mut d = Diagnostic::new(
                Code::DuplicateOrganisation,
                "[organisation] is defined more than once",
            )
            .help("keep one [organisation] table and delete the other");
            if let Some(span) = &other.span {
                d = d.at(span.clone(), "defined again here");
            }
            if let Some(span) = &first.span {
                d = d.also(span.clone(), "first defined here");
            }
            self.report(d);
        }
        let locale = match &first.locale {
            None => Locale::default(),
            Some(l) => match Locale::parse(&l.value) {
                Some(locale) => locale,
                None => {
                    self.invalid_choice(l, "`locale` of [organisation]", Locale::CHOICES);
                    Locale::default()
                }
            },
        };
        let limit = |this: &mut Self, v: &Option<Sp<i64>>, key: &str| -> Option<usize> {
            let v = v.as_ref()?;
            if v.value < 1 {
                this.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{key}` must be 1 or more, not {}", v.value),
                    )
                    .at(v.span.clone(), "must be 1 or more")
                    .help(format!(
                        "set a sensible limit such as `{key} = 8`, or remove the line for no limit"
                    )),
                );
                return None;
            }
            Some(v.value as usize)
        };
        let limits = Limits {
            max_depth: limit(self, &first.max_depth, "max_depth"),
            max_span: limit(self, &first.max_span, "max_span"),
        };
        let mut allowed = Vec::new();
        for a in &first.allow {
            match Code::find(&a.value) {
                Some(code) if code.default_severity() == diagnostics::Severity::Warning => {
                    allowed.push(code)
                }
                found => {
                    let names: Vec<&str> = Code::ALL
                        .iter()
                        .filter(|c| c.default_severity() == diagnostics::Severity::Warning)
                        .map(|c| c.name())
                        .collect();
                    let mut d = Diagnostic::new(
                        Code::UnknownWarning,
                        format!("`{}` is not a warning that can be allowed", a.value),
                    )
                    .at(
                        a.span.clone(),
                        if found.is_some() {
                            "errors cannot be allowed"
                        } else {
                            "unknown warning"
                        },
                    );
                    d = match did_you_mean(&a.value, names.iter().copied()) {
                        Some(s) if found.is_none() => d.help(format!("did you mean `{s}`?")),
                        _ => d.help(format!("the warnings are: {}", names.join(", "))),
                    };
                    self.report(d);
                }
            }
        }
        Some(OrgHeader {
            name: first
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default(),
            short: first.short.as_ref().map(|s| s.value.clone()),
            root: first.root.clone(),
            locale,
            limits,
            allowed,
        })
    }

    fn invalid_choice(&mut self, value: &Sp<String>, what: &str, choices: &[&str]) {
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

    fn kinds(&mut self, raw: &RawOrg) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for k in &raw.kinds {
            if !self.check_slug(&k.id, "kind") {
                continue;
            }
            if let Some(i) = kinds.iter().position(|other| other.id == k.id.value) {
                self.report(duplicate("kind", &k.id, spans[i].clone()));
                continue;
            }
            let what = format!("`head` of kind `{}`", k.id.value);
            let head = match &k.head {
                None => HeadRule::Optional,
                Some(h) => match h.value.as_str() {
                    "required" => HeadRule::Required,
                    "optional" => HeadRule::Optional,
                    _ => {
                        self.invalid_choice(h, &what, &["required", "optional"]);
                        HeadRule::Optional
                    }
                },
            };
            let what = format!("`placement` of kind `{}`", k.id.value);
            let placement = match &k.placement {
                None => Placement::Below,
                Some(p) => match p.value.as_str() {
                    "below" => Placement::Below,
                    "side" => Placement::Side,
                    "affiliated" => Placement::Affiliated,
                    _ => {
                        self.invalid_choice(p, &what, Placement::CHOICES);
                        Placement::Below
                    }
                },
            };
            spans.push(k.id.span.clone());
            kinds.push(Kind {
                id: k.id.value.clone(),
                label: k
                    .label
                    .as_ref()
                    .map(|l| l.value.clone())
                    .unwrap_or_else(|| k.id.value.clone()),
                head,
                placement,
            });
        }
        kinds
    }

    fn unknown_kind(&mut self, kind: &Sp<String>, kinds: &[Kind]) {
        let mut d = Diagnostic::new(
            Code::UnknownKind,
            format!("the kind `{}` is not declared under [kinds]", kind.value),
        )
        .at(kind.span.clone(), "unknown kind");
        d = match did_you_mean(&kind.value, kinds.iter().map(|k| k.id.as_str())) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None if kinds.is_empty() => d.help(format!(
                "declare it first:\n[kinds.{}]\nlabel = \"…\"",
                kind.value
            )),
            None => d.help(format!(
                "use one of the declared kinds ({}), or declare `[kinds.{}]`",
                kinds
                    .iter()
                    .map(|k| format!("`{}`", k.id))
                    .collect::<Vec<_>>()
                    .join(", "),
                kind.value
            )),
        };
        self.report(d);
    }

    fn check_heads(&mut self, id: &Sp<String>, name: &str, kind: &Kind, heads: &[Span]) {
        match (kind.head, heads.len()) {
            (HeadRule::Required, 0) => self.report(
                Diagnostic::new(
                    Code::MissingHead,
                    format!("unit `{}` ({name}) is a {} and needs exactly one head post, but has none", id.value, kind.label.to_lowercase()),
                )
                .at(id.span.clone(), "no post of this unit has `head = true`")
                .help(format!(
                    "add a head post:\n[[units.{}.posts]]\ntitle = \"…\"\nhead = true\n(mark it `vacant = true` while it is being filled)",
                    id.value
                )),
            ),
            (_, n) if n > 1 => {
                let mut d = Diagnostic::new(
                    Code::MultipleHeads,
                    format!("unit `{}` ({name}) has {n} head posts, but a unit has at most one head", id.value),
                )
                .at(heads[1].clone(), "second head post")
                .also(heads[0].clone(), "first head post");
                for extra in &heads[2..] {
                    d = d.also(extra.clone(), "another head post");
                }
                self.report(d.help("keep `head = true` on one post only; the others are ordinary posts"));
            }
            _ => {}
        }
    }

    fn suggest_unit(&self, d: Diagnostic, word: &str, pending: &[Pending]) -> Diagnostic {
        match did_you_mean(word, pending.iter().map(|p| p.unit.id.as_str())) {
            Some(s) => {
                let name = &pending
                    .iter()
                    .find(|p| p.unit.id == s)
                    .map(|p| p.unit.name.clone())
                    .unwrap_or_default();
                d.help(format!("did you mean `{s}` ({name})?"))
            }
            None => d.help("use the id of a unit, as written in its `[units.ID]` header"),
        }
    }

    fn check_cycles(
        &mut self,
        graph: &DiGraph<UnitId, Edge>,
        pending: &[Pending],
        root: Option<UnitId>,
        cut_off: &mut [Option<usize>],
    ) {
        for component in kosaraju_scc(graph) {
            let is_cycle = component.len() > 1
                || component
                    .iter()
                    .any(|&n| pending[n.index()].unit.parent == Some(n.index()));
            if !is_cycle {
                continue;
            }
            // Walk the cycle along the parent lines, from its first written unit.
            let start = component.iter().map(|n| n.index()).min().unwrap_or(0);
            let mut cycle = vec![start];
            let mut current = start;
            while let Some(parent) = pending[current].unit.parent {
                if parent == start || cycle.len() > component.len() {
                    break;
                }
                cycle.push(parent);
                current = parent;
            }
            let mut path: Vec<String> = cycle
                .iter()
                .map(|&u| format!("`{}`", pending[u].unit.id))
                .collect();
            path.push(format!("`{}`", pending[start].unit.id));
            let first = &pending[start];
            let parent_span = first
                .parent
                .as_ref()
                .map(|p| p.span.clone())
                .unwrap_or(first.unit.span.clone());
            let mut d = Diagnostic::new(
                Code::Cycle,
                if cycle.len() == 1 {
                    format!(
                        "unit `{}` ({}) reports to itself",
                        first.unit.id, first.unit.name
                    )
                } else {
                    format!(
                        "these units report to each other in a circle: {}",
                        path.join(" → ")
                    )
                },
            )
            .at(
                parent_span,
                format!(
                    "`{}` reports to `{}`",
                    first.unit.id,
                    pending[cycle.get(1).copied().unwrap_or(start)].unit.id
                ),
            );
            for &u in &cycle[1..] {
                if let Some(p) = &pending[u].parent {
                    d = d.also(
                        p.span.clone(),
                        format!("`{}` reports to `{}`", pending[u].unit.id, p.value),
                    );
                }
            }
            let root_hint = root
                .map(|r| format!(" (the top unit is `{}`)", pending[r].unit.id))
                .unwrap_or_default();
            d = d
                .note("every unit must reach the top unit by following its parents, and a circle never does")
                .help(format!("change the `parent` of one of these units to a unit above them{root_hint}"));
            self.report(d);
            for &u in &cycle {
                cut_off[u] = Some(self.diagnostics.len() - 1);
            }
        }
        // Units hanging below a problem already reported are cut off too; say
        // so on that problem instead of repeating it for every unit.
        let Some(root) = root else { return };
        let mut reaches = vec![false; pending.len()];
        let mut dfs = petgraph::visit::Dfs::new(graph, petgraph::graph::NodeIndex::new(root));
        while let Some(n) = dfs.next(graph) {
            reaches[n.index()] = true;
        }
        let mut below: HashMap<usize, Vec<UnitId>> = HashMap::new();
        for i in 0..pending.len() {
            if reaches[i] || cut_off[i].is_some() || pending[i].damaged {
                continue;
            }
            // Follow the parents up to the unit whose problem was reported.
            let mut current = i;
            for _ in 0..pending.len() {
                match (cut_off[current], pending[current].unit.parent) {
                    (Some(diagnostic), _) => {
                        below.entry(diagnostic).or_default().push(i);
                        break;
                    }
                    (None, Some(parent)) => current = parent,
                    (None, None) => break,
                }
            }
        }
        for (diagnostic, mut units) in below {
            units.sort();
            let names: Vec<String> = units
                .iter()
                .take(10)
                .map(|&u| format!("`{}`", pending[u].unit.id))
                .collect();
            let more = if units.len() > 10 {
                format!(" and {} more", units.len() - 10)
            } else {
                String::new()
            };
            self.diagnostics[diagnostic].notes.push(format!(
                "{} unit(s) below it are cut off from the organisation too: {}{more}",
                units.len(),
                names.join(", ")
            ));
        }
    }

    fn resolve(
        &mut self,
        value: &Option<Sp<String>>,
        by_id: &HashMap<String, UnitId>,
        units: &[Unit],
        code: Code,
        what: &str,
    ) -> Option<UnitId> {
        let value = value.as_ref()?;
        match by_id.get(&value.value) {
            Some(&u) => Some(u),
            None => {
                let mut d = Diagnostic::new(
                    code,
                    format!(
                        "{what} names `{}`, but there is no unit with that id",
                        value.value
                    ),
                )
                .at(value.span.clone(), "unknown unit");
                d = match did_you_mean(&value.value, units.iter().map(|u| u.id.as_str())) {
                    Some(s) => {
                        let name = by_id
                            .get(s)
                            .map(|&u| units[u].name.as_str())
                            .unwrap_or_default();
                        d.help(format!("did you mean `{s}` ({name})?"))
                    }
                    None => d.help("use the id of a unit, as written in its `[units.ID]` header"),
                };
                self.report(d);
                None
            }
        }
    }

    fn links(
        &mut self,
        raw: &[decode::RawLink],
        by_id: &HashMap<String, UnitId>,
        units: &[Unit],
    ) -> Vec<Link> {
        let mut out = Vec::new();
        for l in raw {
            let from = self.resolve(
                &l.from,
                by_id,
                units,
                Code::UnknownLinkEnd,
                "this link's `from`",
            );
            let to = self.resolve(
                &l.to,
                by_id,
                units,
                Code::UnknownLinkEnd,
                "this link's `to`",
            );
            let style = match &l.style {
                None => LineStyle::Dotted,
                Some(s) => match s.value.as_str() {
                    "dotted" => LineStyle::Dotted,
                    "dashed" => LineStyle::Dashed,
                    _ => {
                        self.invalid_choice(s, "the link's `style`", LineStyle::CHOICES);
                        LineStyle::Dotted
                    }
                },
            };
            if let (Some(from), Some(to)) = (from, to) {
                out.push(Link {
                    from,
                    to,
                    style,
                    label: l.label.as_ref().map(|s| s.value.clone()),
                    span: l.span.clone(),
                });
            }
        }
        out
    }

    fn transfers(
        &mut self,
        raw: &[decode::RawTransfer],
        by_id: &HashMap<String, UnitId>,
        units: &[Unit],
    ) -> Vec<Transfer> {
        let mut out = Vec::new();
        for t in raw {
            let from = self.resolve(
                &t.from,
                by_id,
                units,
                Code::UnknownTransferEnd,
                "this transfer's `from`",
            );
            let to = self.resolve(
                &t.to,
                by_id,
                units,
                Code::UnknownTransferEnd,
                "this transfer's `to`",
            );
            if let (Some(task), Some(from), Some(to)) = (&t.task, from, to) {
                out.push(Transfer {
                    task: task.value.clone(),
                    from,
                    to,
                    date: t.date.as_ref().map(|d| d.value),
                    span: task.span.clone(),
                });
            }
        }
        out
    }

    fn bodies(&mut self, raw: &[decode::RawBody]) -> Vec<Body> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut kept = Vec::new();
        for b in raw {
            if !self.check_slug(&b.id, "body") {
                continue;
            }
            if let Some(&first) = ids.get(b.id.value.as_str()) {
                let first_span = raw[first].id.span.clone();
                self.report(duplicate("body", &b.id, first_span));
                continue;
            }
            ids.insert(&b.id.value, kept.len());
            kept.push(b);
        }
        let raw_index: HashMap<&str, usize> = kept
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.value.as_str(), i))
            .collect();
        let mut out = Vec::new();
        for b in &kept {
            let mut relations = Vec::new();
            for r in &b.relations {
                let Some(to) = &r.to else { continue };
                match raw_index.get(to.value.as_str()) {
                    Some(&i) => relations.push(Relation {
                        to: i,
                        label: r.label.as_ref().map(|l| l.value.clone()),
                    }),
                    None => {
                        let mut d = Diagnostic::new(
                            Code::UnknownBody,
                            format!("body `{}` has a relation to `{}`, but there is no body with that id", b.id.value, to.value),
                        )
                        .at(to.span.clone(), "unknown body");
                        d = match did_you_mean(&to.value, raw_index.keys().copied()) {
                            Some(s) => d.help(format!("did you mean `{s}`?")),
                            None => d.help(
                                "use the id of a body, as written in its `[bodies.ID]` header",
                            ),
                        };
                        self.report(d);
                    }
                }
            }
            out.push(Body {
                id: b.id.value.clone(),
                name: b
                    .name
                    .as_ref()
                    .map(|n| n.value.clone())
                    .unwrap_or_else(|| b.id.value.clone()),
                short: b.short.as_ref().map(|s| s.value.clone()),
                description: b.description.as_ref().map(|s| s.value.clone()),
                relations,
            });
        }
        out
    }

    fn views(
        &mut self,
        raw: &[decode::RawView],
        by_id: &HashMap<String, UnitId>,
        units: &[Unit],
    ) -> Vec<View> {
        let mut out: Vec<View> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for v in raw {
            let Some(id) = &v.id else { continue };
            if !self.check_slug(id, "view") {
                continue;
            }
            if let Some(i) = out.iter().position(|o| o.id == id.value) {
                self.report(duplicate("view", id, spans[i].clone()));
                continue;
            }
            let root = self.resolve(
                &v.root,
                by_id,
                units,
                Code::UnknownViewRoot,
                &format!("view `{}`", id.value),
            );
            let depth = match &v.depth {
                Some(d) if d.value < 0 => {
                    self.report(
                        Diagnostic::new(Code::InvalidValue, format!("the depth of view `{}` is negative", id.value))
                            .at(d.span.clone(), "must be 0 or more")
                            .help("`depth` counts the levels drawn below the view's root; 0 draws the root only"),
                    );
                    None
                }
                Some(d) => Some(d.value as usize),
                None => None,
            };
            if let (Some(root), Some(title)) = (root, &v.title) {
                spans.push(id.span.clone());
                out.push(View {
                    id: id.value.clone(),
                    title: title.value.clone(),
                    root,
                    depth,
                });
            }
        }
        out
    }
}

struct OrgHeader {
    name: String,
    short: Option<String>,
    root: Option<Sp<String>>,
    locale: Locale,
    limits: Limits,
    allowed: Vec<Code>,
}

fn duplicate(what: &str, id: &Sp<String>, first: Span) -> Diagnostic {
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

/// Depths and total FTE, bottom-up, without recursion.
fn roll_up(org: &mut Organisation) {
    let order = org.preorder(org.root);
    for &u in &order {
        org.units[u].depth = org.units[u].parent.map_or(0, |p| org.units[p].depth + 1);
    }
    for &u in order.iter().rev() {
        let mut total = org.units[u].own_fte;
        for &c in &org.units[u].children {
            if org.kinds[org.units[c].kind].placement != Placement::Affiliated {
                total += org.units[c].total_fte;
            }
        }
        org.units[u].total_fte = total;
    }
}

/// Rounds a decimal text to two places for a suggestion (display only).
fn round_two(text: &str) -> String {
    text.parse::<f64>()
        .map(|f| format!("{f:.2}"))
        .unwrap_or_else(|_| text.to_string())
}
