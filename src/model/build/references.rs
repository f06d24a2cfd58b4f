//! References between units and to bodies: links, transfers, bodies, views.

use std::collections::HashMap;

use super::{Builder, did_you_mean, duplicate};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::decode::{self, Sp};
use crate::model::{Body, LineStyle, Link, Relation, Transfer, Unit, UnitId, UnitIds, View};
use crate::source::Span;

impl Builder<'_> {
    pub(super) fn resolve(
        &mut self,
        value: &Option<Sp<String>>,
        by_id: &UnitIds,
        units: &[Unit],
        code: Code,
        what: &str,
    ) -> Option<UnitId> {
        let value = value.as_ref()?;
        match by_id.get(&value.value) {
            Some(&u) => Some(u),
            None if let Some(absence) = (self.elsewhere)(&value.value) => {
                let what = format!("{what} names");
                self.report(super::tree::not_on_date(&what, value, &absence));
                None
            }
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

    pub(super) fn links(
        &mut self,
        raw: &[decode::RawLink],
        by_id: &UnitIds,
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

    pub(super) fn transfers(
        &mut self,
        raw: &[decode::RawTransfer],
        by_id: &UnitIds,
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

    pub(super) fn bodies(&mut self, raw: &[decode::RawBody]) -> Vec<Body> {
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

    pub(super) fn views(
        &mut self,
        raw: &[decode::RawView],
        by_id: &UnitIds,
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
