//! Reads the spanned TOML documents into raw, still unchecked definitions.
//!
//! Hand-written rather than serde-derived so that every unknown key and every
//! wrong type in a file is reported (not just the first), each with its own
//! position and a message an HR editor understands. `reader` has the value
//! readers, `raw` the definitions, `dated` the keys of time (`from`, `until`,
//! `changes`).

mod dated;
pub mod fast;
mod raw;
mod reader;

use toml::de::DeTable;

pub use raw::*;
use reader::{Decoder, Table};

use super::schema;
use crate::diagnostics::Diagnostic;
use crate::source::{FileId, Span};

/// Decodes one parsed file into `raw`, reporting problems into `diagnostics`.
pub fn decode_file(
    file: FileId,
    doc: &DeTable<'_>,
    raw: &mut RawOrg,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut d = Decoder { file, diagnostics };
    let mut top = Table::new(doc, "the file", &schema::FILE);
    if let Some((key_span, value)) = top.get("organisation")
        && let Some(table) = d.table(value, "`[organisation]`")
    {
        raw.organisations
            .push(d.organisation(table, d.span(key_span)));
    }
    if let Some((key_span, value)) = top.get("output")
        && let Some(table) = d.table(value, "`[output]`")
    {
        let mut t = Table::new(table, "`[output]`", &schema::OUTPUT).at(key_span.clone());
        raw.outputs.push(RawOutput {
            span: Some(d.span(key_span)),
            pdf: d.boolean(&mut t, "pdf"),
            chart_pdfs: d.boolean(&mut t, "chart_pdfs"),
            png: d.boolean(&mut t, "png"),
            paper: d.string(&mut t, "paper"),
            orientation: d.string(&mut t, "orientation"),
        });
        d.finish(t);
    }
    if let Some((_, value)) = top.get("kinds") {
        for (id, table) in d.named_tables(value, "kinds", "kind") {
            let mut t = Table::new(table, &format!("kind `{}`", id.value), &schema::KIND)
                .at(id.span.range());
            let kind = RawKind {
                label: d.string(&mut t, "label"),
                head: d.string(&mut t, "head"),
                placement: d.string(&mut t, "placement"),
                id,
            };
            d.finish(t);
            raw.kinds.push(kind);
        }
    }
    if let Some((_, value)) = top.get("units") {
        for (id, table) in d.named_tables(value, "units", "unit") {
            let unit = d.unit(id, table);
            raw.units.push(Box::new(unit));
        }
    }
    if let Some((_, value)) = top.get("links") {
        for (span, table) in d.table_array(value, "links", "link") {
            let mut t = Table::new(table, "this link", &schema::LINK).at(span.range());
            raw.links.push(RawLink {
                span,
                from: d.required_string(&mut t, "from", "the unit the line starts at"),
                to: d.required_string(&mut t, "to", "the unit the line goes to"),
                style: d.string(&mut t, "style"),
                label: d.string(&mut t, "label"),
                life: d.life(&mut t, "since"),
            });
            d.finish(t);
        }
    }
    if let Some((_, value)) = top.get("transfers") {
        for (span, table) in d.table_array(value, "transfers", "transfer") {
            let mut t = Table::new(table, "this transfer", &schema::TRANSFER).at(span.range());
            raw.transfers.push(RawTransfer {
                task: d.required_string(&mut t, "task", "the task that moves"),
                from: d.required_string(&mut t, "from", "the unit that gives the task away"),
                to: d.required_string(&mut t, "to", "the unit that takes the task over"),
                date: d.date(&mut t, "date"),
            });
            d.finish(t);
        }
    }
    if let Some((_, value)) = top.get("bodies") {
        for (id, table) in d.named_tables(value, "bodies", "body") {
            let what = format!("body `{}`", id.value);
            let mut t = Table::new(table, &what, &schema::BODY).at(id.span.range());
            let name = d.required_string(&mut t, "name", "the body's full name");
            let short = d.string(&mut t, "short");
            let description = d.string(&mut t, "description");
            let life = d.life(&mut t, "from");
            let mut relations = Vec::new();
            if let Some((_, value)) = t.get("relations") {
                for (span, rt) in
                    d.table_array(value, &format!("bodies.{}.relations", id.value), "relation")
                {
                    let mut r = Table::new(rt, &format!("a relation of {what}"), &schema::RELATION)
                        .at(span.range());
                    relations.push(RawRelation {
                        to: d.required_string(&mut r, "to", "the id of the other body"),
                        label: d.string(&mut r, "label"),
                        life: d.life(&mut r, "from"),
                    });
                    d.finish(r);
                }
            }
            d.finish(t);
            raw.bodies.push(RawBody {
                id,
                name,
                short,
                description,
                relations,
                life,
            });
        }
    }
    if let Some((_, value)) = top.get("views") {
        for (span, table) in d.table_array(value, "views", "view") {
            let mut t = Table::new(table, "this view", &schema::VIEW).at(span.range());
            raw.views.push(RawView {
                id: d.required_string(&mut t, "id", "a short id for the chart's file name"),
                title: d.required_string(&mut t, "title", "the chart's title"),
                root: d.required_string(&mut t, "root", "the unit the chart starts from"),
                depth: d.integer(&mut t, "depth"),
            });
            d.finish(t);
        }
    }
    d.finish(top);
}

impl Decoder<'_> {
    fn organisation(&mut self, table: &DeTable, span: Span) -> RawOrganisation {
        let mut t = Table::new(table, "`[organisation]`", &schema::ORGANISATION).at(span.range());
        let mut org = RawOrganisation {
            span: Some(span),
            name: self.required_string(
                &mut t,
                "name",
                "the organisation's name, e.g. name = \"Groep Mechelen\"",
            ),
            short: self.string(&mut t, "short"),
            root: self.required_string(
                &mut t,
                "root",
                "the id of the top unit, e.g. root = \"seg\"",
            ),
            locale: self.string(&mut t, "locale"),
            contact: self.string(&mut t, "contact"),
            site_url: self.string(&mut t, "site_url"),
            ..RawOrganisation::default()
        };
        if let Some((_, value)) = t.get("limits")
            && let Some(limits) = self.table(value, "`[organisation.limits]`")
        {
            let mut l = Table::new(limits, "`[organisation.limits]`", &schema::LIMITS);
            org.max_depth = self.integer(&mut l, "max_depth");
            org.max_span = self.integer(&mut l, "max_span");
            self.finish(l);
        }
        if let Some((_, value)) = t.get("warnings")
            && let Some(warnings) = self.table(value, "`[organisation.warnings]`")
        {
            let mut w = Table::new(warnings, "`[organisation.warnings]`", &schema::WARNINGS);
            org.allow = self.strings(&mut w, "allow");
            self.finish(w);
        }
        self.finish(t);
        org
    }

    fn unit(&mut self, id: Sp<String>, table: &DeTable) -> RawUnit {
        let what = format!("unit `{}`", id.value);
        let mut t = Table::new(table, &what, &schema::UNIT).at(id.span.range());
        let mut posts = Vec::new();
        if let Some((_, value)) = t.get("posts") {
            let section = format!("units.{}.posts", id.value);
            for (span, pt) in self.table_array(value, &section, "post") {
                let mut p =
                    Table::new(pt, &format!("a post of {what}"), &schema::POST).at(span.range());
                posts.push(RawPost {
                    span,
                    title: self.required_string(
                        &mut p,
                        "title",
                        "the post's title, e.g. title = \"Directeur\"",
                    ),
                    head: self.boolean(&mut p, "head"),
                    holder: self.string(&mut p, "holder"),
                    fte: self.fte(&mut p, "fte"),
                    vacant: self.boolean(&mut p, "vacant"),
                    life: self.life(&mut p, "from"),
                });
                self.finish(p);
            }
        }
        let unit = RawUnit {
            name: self.required_string(&mut t, "name", "the unit's full name"),
            short: self.string(&mut t, "short"),
            kind: self.required_string(&mut t, "kind", "one of the kinds declared under [kinds]"),
            parent: self.string(&mut t, "parent"),
            fte: self.fte(&mut t, "fte"),
            tags: self.strings(&mut t, "tags"),
            tasks: self.strings(&mut t, "tasks"),
            description: self.string(&mut t, "description"),
            posts,
            life: self.life(&mut t, "from"),
            changes: self.changes(&mut t, &id.value),
            id,
        };
        self.finish(t);
        unit
    }
}
