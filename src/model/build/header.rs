//! The `[organisation]` table and the kinds.

use super::{Builder, OrgHeader, did_you_mean, duplicate};
use crate::diagnostics::{self, Code, Diagnostic};
use crate::layout::paper::{Orientation, PaperSize};
use crate::model::decode::{RawOrg, Sp};
use crate::model::{HeadRule, Kind, Limits, Locale, OutputSettings, Placement};
use crate::source::Span;

impl Builder<'_> {
    pub(super) fn organisation(&mut self, raw: &RawOrg) -> Option<OrgHeader> {
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
        let site_url = first.site_url.as_ref().and_then(|url| {
            match crate::render::publish::site_url(&url.value) {
                Ok(url) => Some(url),
                Err(problem) => {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            format!("`site_url` of [organisation] is not a web address: {problem}"),
                        )
                        .at(url.span.clone(), "not a web address")
                        .help("write the address the handbook is published at, e.g. site_url = \"https://example.org/handbook/\""),
                    );
                    None
                }
            }
        });
        let text = |v: &Option<Sp<String>>| {
            v.as_ref()
                .map(|s| s.value.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Some(OrgHeader {
            contact: text(&first.contact),
            site_url,
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

    /// The `[output]` table, at most once.
    pub(super) fn output(&mut self, raw: &RawOrg) -> OutputSettings {
        let Some(first) = raw.outputs.first() else {
            return OutputSettings::default();
        };
        for other in &raw.outputs[1..] {
            let mut d = Diagnostic::new(
                Code::DuplicateOrganisation,
                "[output] is defined more than once",
            )
            .help("keep one [output] table and delete the other");
            if let Some(span) = &other.span {
                d = d.at(span.clone(), "defined again here");
            }
            if let Some(span) = &first.span {
                d = d.also(span.clone(), "first defined here");
            }
            self.report(d);
        }
        let paper = first.paper.as_ref().and_then(|p| {
            let paper = PaperSize::parse(&p.value);
            if paper.is_none() {
                self.invalid_choice(p, "`paper` of [output]", PaperSize::CHOICES);
            }
            paper
        });
        let orientation = first.orientation.as_ref().and_then(|o| {
            let orientation = Orientation::parse(&o.value);
            if orientation.is_none() {
                self.invalid_choice(o, "`orientation` of [output]", Orientation::CHOICES);
            }
            orientation
        });
        OutputSettings {
            pdf: first.pdf.as_ref().map(|b| b.value),
            chart_pdfs: first.chart_pdfs.as_ref().map(|b| b.value),
            png: first.png.as_ref().map(|b| b.value),
            paper,
            orientation,
        }
    }

    pub(super) fn kinds(&mut self, raw: &RawOrg) -> Vec<Kind> {
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

    pub(super) fn unknown_kind(&mut self, kind: &Sp<String>, kinds: &[Kind]) {
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
}
