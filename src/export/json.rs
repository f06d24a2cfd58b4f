//! JSON: the whole model, in tree order. The shape is documented in the
//! README and versioned by `format`; fields are only ever added.

use serde::Serialize;

use crate::model::{Fte, HeadRule, Organisation, Placement};

pub const FORMAT: &str = "organogram/1";

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    organisation: Header<'a>,
    kinds: Vec<Kind<'a>>,
    units: Vec<Unit<'a>>,
    links: Vec<Link<'a>>,
    transfers: Vec<Transfer<'a>>,
    bodies: Vec<Body<'a>>,
    views: Vec<View<'a>>,
}

#[derive(Serialize)]
struct Header<'a> {
    name: &'a str,
    short: Option<&'a str>,
    locale: &'static str,
    root: &'a str,
    total_fte: Fte,
    /// The date this model describes (`--at`, default today), for an
    /// organisation with dated changes; absent when nothing is dated, as the
    /// model is then the same on every date.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<crate::model::Date>,
}

#[derive(Serialize)]
struct Kind<'a> {
    id: &'a str,
    label: &'a str,
    head: &'static str,
    placement: &'static str,
}

#[derive(Serialize)]
struct Post<'a> {
    title: &'a str,
    head: bool,
    holder: Option<&'a str>,
    fte: Fte,
    vacant: bool,
}

#[derive(Serialize)]
struct Unit<'a> {
    id: &'a str,
    name: &'a str,
    short: Option<&'a str>,
    kind: &'a str,
    parent: Option<&'a str>,
    children: Vec<&'a str>,
    depth: usize,
    /// The unit's `fte` key: staff not listed as posts.
    fte: Fte,
    own_fte: Fte,
    total_fte: Fte,
    tags: &'a [String],
    tasks: &'a [String],
    description: Option<&'a str>,
    posts: Vec<Post<'a>>,
}

#[derive(Serialize)]
struct Link<'a> {
    from: &'a str,
    to: &'a str,
    style: &'static str,
    label: Option<&'a str>,
}

#[derive(Serialize)]
struct Transfer<'a> {
    task: &'a str,
    from: &'a str,
    to: &'a str,
    date: Option<String>,
}

#[derive(Serialize)]
struct Relation<'a> {
    to: &'a str,
    label: Option<&'a str>,
}

#[derive(Serialize)]
struct Body<'a> {
    id: &'a str,
    name: &'a str,
    short: Option<&'a str>,
    description: Option<&'a str>,
    relations: Vec<Relation<'a>>,
}

#[derive(Serialize)]
struct View<'a> {
    id: &'a str,
    title: &'a str,
    root: &'a str,
    depth: Option<usize>,
}

pub fn write(org: &Organisation) -> String {
    let id = |u: usize| org.units[u].id.as_str();
    let doc = Document {
        format: FORMAT,
        organisation: Header {
            name: &org.name,
            short: org.short.as_deref(),
            locale: org.locale.tag(),
            root: id(org.root),
            total_fte: org.units[org.root].total_fte,
            date: org.history.date.filter(|_| !org.history.events.is_empty()),
        },
        kinds: org
            .kinds
            .iter()
            .map(|k| Kind {
                id: &k.id,
                label: &k.label,
                head: match k.head {
                    HeadRule::Required => "required",
                    HeadRule::Optional => "optional",
                },
                placement: match k.placement {
                    Placement::Below => "below",
                    Placement::Side => "side",
                    Placement::Affiliated => "affiliated",
                },
            })
            .collect(),
        units: org
            .preorder(org.root)
            .into_iter()
            .map(|u| {
                let unit = &org.units[u];
                Unit {
                    id: &unit.id,
                    name: &unit.name,
                    short: unit.short.as_deref(),
                    kind: &org.kinds[unit.kind].id,
                    parent: unit.parent.map(id),
                    children: unit.children.iter().map(|&c| id(c)).collect(),
                    depth: unit.depth,
                    fte: unit.extra_fte,
                    own_fte: unit.own_fte,
                    total_fte: unit.total_fte,
                    tags: &unit.tags,
                    tasks: &unit.tasks,
                    description: unit.description.as_deref(),
                    posts: unit
                        .posts
                        .iter()
                        .map(|p| Post {
                            title: &p.title,
                            head: p.head,
                            holder: p.holder.as_deref(),
                            fte: p.fte,
                            vacant: p.vacant,
                        })
                        .collect(),
                }
            })
            .collect(),
        links: org
            .links
            .iter()
            .map(|l| Link {
                from: id(l.from),
                to: id(l.to),
                style: l.style.name(),
                label: l.label.as_deref(),
            })
            .collect(),
        transfers: org
            .transfers
            .iter()
            .map(|t| Transfer {
                task: &t.task,
                from: id(t.from),
                to: id(t.to),
                date: t.date.map(|d| d.to_string()),
            })
            .collect(),
        bodies: org
            .bodies
            .iter()
            .map(|b| Body {
                id: &b.id,
                name: &b.name,
                short: b.short.as_deref(),
                description: b.description.as_deref(),
                relations: b
                    .relations
                    .iter()
                    .map(|r| Relation {
                        to: &org.bodies[r.to].id,
                        label: r.label.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        views: org
            .views
            .iter()
            .map(|v| View {
                id: &v.id,
                title: &v.title,
                root: id(v.root),
                depth: v.depth,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
