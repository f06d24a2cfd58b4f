//! The units, each with its own fields checked (kind, FTE, posts, heads).

use std::collections::HashMap;

use super::{Builder, duplicate};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::decode::{RawUnit, Sp};
use crate::model::{Fte, HeadRule, Kind, Post, Unit, UnitIds};
use crate::source::Span;

/// A unit after its own fields were checked, before the tree is known.
pub(super) struct Pending {
    pub unit: Unit,
    pub parent: Option<Sp<String>>,
    /// The unit had decoding errors: skip checks that would only repeat them.
    pub damaged: bool,
}

/// `unit `ID``, for a message: only made into text when there is one.
pub(super) struct Named<'a>(pub &'static str, pub &'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.0, self.1)
    }
}

/// `post "TITLE" of unit `ID``, for a message.
struct PostOf<'a>(&'a str, &'a str);

impl std::fmt::Display for PostOf<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "post \"{}\" of unit `{}`", self.0, self.1)
    }
}

impl Builder<'_> {
    /// Checks each unit's own fields; drops units with an invalid or duplicate id.
    #[allow(clippy::vec_box)] // as the decoder gives them
    pub(super) fn units(
        &mut self,
        raw: Vec<Box<RawUnit>>,
        kinds: &[Kind],
    ) -> (Vec<Pending>, UnitIds) {
        let kind_index: HashMap<&str, usize> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (k.id.as_str(), i))
            .collect();
        let mut pending: Vec<Pending> = Vec::with_capacity(raw.len());
        let mut by_id = UnitIds::with_capacity_and_hasher(raw.len(), Default::default());
        for raw_unit in raw {
            let raw_unit = *raw_unit;
            let before = self.error_count();
            if !self.check_slug(&raw_unit.id, "unit") {
                continue;
            }
            if let Some(&first) = by_id.get(&raw_unit.id.value) {
                let first_span = pending[first].unit.span.clone();
                self.report(duplicate("unit", &raw_unit.id, first_span));
                continue;
            }
            let kind = match &raw_unit.kind {
                Some(k) => match kind_index.get(k.value.as_str()) {
                    Some(&i) => Some(i),
                    None => {
                        self.unknown_kind(k, kinds);
                        None
                    }
                },
                None => None,
            };
            let unit_id = raw_unit.id.value.as_str();
            let extra_fte = self.fte(&raw_unit.fte, &Named("unit", unit_id), Fte::ZERO);
            let mut posts = Vec::new();
            let mut head_spans = Vec::new();
            for p in &raw_unit.posts {
                let title = p
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default();
                let head = p.head.as_ref().is_some_and(|h| h.value);
                if head {
                    head_spans.push(
                        p.head
                            .as_ref()
                            .map(|h| h.span.clone())
                            .unwrap_or(p.span.clone()),
                    );
                }
                let fte = self.fte(&p.fte, &PostOf(&title, unit_id), Fte::ONE);
                posts.push(Post {
                    title,
                    head,
                    holder: p.holder.as_ref().map(|h| h.value.clone()),
                    fte,
                    vacant: p.vacant.as_ref().is_some_and(|v| v.value),
                    span: p.title.as_ref().map_or(p.span.clone(), |t| t.span.clone()),
                });
            }
            let own_fte = extra_fte + posts.iter().map(|p| p.fte).sum::<Fte>();
            let name = match raw_unit.name {
                Some(n) => n.value,
                None => raw_unit.id.value.clone(),
            };
            if let Some(kind) = kind {
                self.check_heads(&raw_unit.id, &name, &kinds[kind], &head_spans);
            }
            let damaged = self.error_count() > before || kind.is_none();
            by_id.insert(raw_unit.id.value.clone(), pending.len());
            pending.push(Pending {
                unit: Unit {
                    id: raw_unit.id.value,
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
        (pending, by_id)
    }

    pub(super) fn check_heads(&mut self, id: &Sp<String>, name: &str, kind: &Kind, heads: &[Span]) {
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
}
