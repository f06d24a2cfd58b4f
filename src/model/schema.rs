//! The keys of the format, declared once: the decoder checks files against
//! them (unknown keys, "did you mean"), and `organogram schema` turns them into
//! a JSON Schema for editors.

use serde_json::{Map, Value, json};

/// What a key holds.
#[derive(Clone, Copy, Debug)]
pub enum Type {
    Text,
    /// Text from a fixed list.
    Choice(&'static [&'static str]),
    /// A decimal number, >= 0, at most two decimals (FTE).
    Fte,
    /// A whole number with a minimum.
    Integer(i64),
    Bool,
    Date,
    TextList,
    /// A sub-table.
    Table(&'static Section),
    /// An array of tables (`[[…]]`).
    Array(&'static Section),
    /// Tables named by id (`[units.ID]`).
    Named(&'static Section),
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    pub required: bool,
    pub doc: &'static str,
}

/// A table of the format and its keys.
#[derive(Debug)]
pub struct Section {
    pub doc: &'static str,
    pub fields: &'static [Field],
}

impl Section {
    pub fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.name == key)
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.name)
    }
}

const fn req(name: &'static str, ty: Type, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        doc,
    }
}

const fn opt(name: &'static str, ty: Type, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
    }
}

pub static LIMITS: Section = Section {
    doc: "Limits the organisation sets for itself; going beyond them is a warning.",
    fields: &[
        opt("max_depth", Type::Integer(1), "Levels below the top unit."),
        opt(
            "max_span",
            Type::Integer(1),
            "Direct sub-units of one unit (span of control).",
        ),
    ],
};

pub static WARNINGS: Section = Section {
    doc: "Which warnings to report.",
    fields: &[opt(
        "allow",
        Type::TextList,
        "Warnings, by name (`no-fte`) or code (`W0004`), not to report.",
    )],
};

pub static ORGANISATION: Section = Section {
    doc: "The organisation as a whole; exactly once, in any file.",
    fields: &[
        req("name", Type::Text, "The organisation's name."),
        opt("short", Type::Text, "A short name."),
        req("root", Type::Text, "The id of the top unit."),
        opt(
            "locale",
            Type::Choice(&["nl-BE", "en"]),
            "Language of labels and number format (default nl-BE).",
        ),
        opt(
            "contact",
            Type::Text,
            "Who to ask about the organogram, shown in the handbook's footer: an e-mail address, a web address or a short text.",
        ),
        opt(
            "site_url",
            Type::Text,
            "The address the handbook is published at (https://…/), for canonical links and sitemap.xml; `build --site-url` overrides it.",
        ),
        opt("limits", Type::Table(&LIMITS), LIMITS.doc),
        opt("warnings", Type::Table(&WARNINGS), WARNINGS.doc),
    ],
};

pub static OUTPUT: Section = Section {
    doc: "What `organogram build` writes besides the SVG charts and the handbook, and the paper the charts are fitted to; at most once, in any file. Command-line options override it.",
    fields: &[
        opt(
            "pdf",
            Type::Bool,
            "Write the PDF booklet of all charts (default true).",
        ),
        opt(
            "chart_pdfs",
            Type::Bool,
            "With the booklet, also a PDF of each chart beside its SVG (default true); without, a chart's PDF link opens its page of the booklet.",
        ),
        opt(
            "png",
            Type::Bool,
            "Write a PNG of every chart at twice its size (default false).",
        ),
        opt(
            "paper",
            Type::Choice(&["a3", "a4"]),
            "The paper the charts are fitted to (default a3).",
        ),
        opt(
            "orientation",
            Type::Choice(&["landscape", "portrait"]),
            "The paper's orientation (default landscape).",
        ),
    ],
};

pub static KIND: Section = Section {
    doc: "A kind of unit.",
    fields: &[
        opt(
            "label",
            Type::Text,
            "The kind's name as shown (default: the id).",
        ),
        opt(
            "head",
            Type::Choice(&["required", "optional"]),
            "\"required\": a division with exactly one head post; \"optional\" (default): zero or one.",
        ),
        opt(
            "placement",
            Type::Choice(&["below", "side", "affiliated"]),
            "Where units of this kind are drawn: below the parent (default), beside its line (staff units), or affiliated on a dotted line.",
        ),
    ],
};

pub static POST: Section = Section {
    doc: "A named post of a unit.",
    fields: &[
        req("title", Type::Text, "The post's title."),
        opt(
            "head",
            Type::Bool,
            "The head of the unit (at most one per unit).",
        ),
        opt("holder", Type::Text, "The person in the post."),
        opt("fte", Type::Fte, "Full-time equivalents (default 1.0)."),
        opt("vacant", Type::Bool, "The post is vacant."),
        opt(
            "from",
            Type::Date,
            "The first day of the post (inclusive; default: as long as its unit).",
        ),
        opt("until", Type::Date, "The last day of the post (inclusive)."),
    ],
};

pub static UNIT: Section = Section {
    doc: "A unit: directie, afdeling, dienst, staff unit, …",
    fields: &[
        req("name", Type::Text, "The unit's full name."),
        opt(
            "short",
            Type::Text,
            "An abbreviation, used where space is short.",
        ),
        req(
            "kind",
            Type::Text,
            "One of the kinds declared under [kinds].",
        ),
        opt(
            "parent",
            Type::Text,
            "The id of the unit it reports to (every unit but the top unit).",
        ),
        opt("fte", Type::Fte, "Staff of the unit not listed as posts."),
        opt(
            "tags",
            Type::TextList,
            "Free labels, e.g. the organisation of origin.",
        ),
        opt("tasks", Type::TextList, "The unit's services and tasks."),
        opt("description", Type::Text, "Markdown for the handbook page."),
        opt("posts", Type::Array(&POST), POST.doc),
        opt(
            "from",
            Type::Date,
            "The unit's first day (inclusive; without it the unit exists from the start).",
        ),
        opt(
            "until",
            Type::Date,
            "The unit's last day (inclusive), e.g. the day before it is merged away.",
        ),
        opt("changes", Type::Array(&CHANGE), CHANGE.doc),
    ],
};

pub static CHANGE: Section = Section {
    doc: "A dated change of a unit: from its date on, the keys it gives replace the unit's (one id per unit across its history).",
    fields: &[
        req(
            "from",
            Type::Date,
            "The first day on which the change holds; changes are written in date order.",
        ),
        opt("parent", Type::Text, "The unit it reports to from then on."),
        opt("name", Type::Text, "Its new full name."),
        opt("short", Type::Text, "Its new abbreviation."),
        opt("kind", Type::Text, "Its new kind, one of [kinds]."),
        opt("fte", Type::Fte, "Its new staff not listed as posts."),
        opt(
            "tags",
            Type::TextList,
            "Its new labels (replacing the old ones).",
        ),
    ],
};

pub static LINK: Section = Section {
    doc: "A secondary relation between two units, drawn as a dotted or dashed line.",
    fields: &[
        req("from", Type::Text, "The id of the unit the line starts at."),
        req("to", Type::Text, "The id of the unit the line goes to."),
        opt(
            "style",
            Type::Choice(&["dotted", "dashed"]),
            "Line style (default dotted).",
        ),
        opt("label", Type::Text, "Text on the line."),
        opt(
            "since",
            Type::Date,
            "The first day of the link (inclusive; `from` names the unit the line starts at).",
        ),
        opt("until", Type::Date, "The last day of the link (inclusive)."),
    ],
};

pub static TRANSFER: Section = Section {
    doc: "A task moved from one unit to another.",
    fields: &[
        req("task", Type::Text, "The task that moves."),
        req("from", Type::Text, "The id of the unit that gives it away."),
        req("to", Type::Text, "The id of the unit that takes it over."),
        opt(
            "date",
            Type::Date,
            "The day the task moves (a date without quotes, e.g. 2017-09-01); both units must exist on it.",
        ),
    ],
};

pub static RELATION: Section = Section {
    doc: "A relation from one governance body to another.",
    fields: &[
        req("to", Type::Text, "The id of the other body."),
        opt("label", Type::Text, "Text on the relation."),
        opt("from", Type::Date, "The relation's first day (inclusive)."),
        opt("until", Type::Date, "The relation's last day (inclusive)."),
    ],
};

pub static BODY: Section = Section {
    doc: "A governance body (council, board, committee).",
    fields: &[
        req("name", Type::Text, "The body's full name."),
        opt("short", Type::Text, "An abbreviation."),
        opt("description", Type::Text, "Markdown for the handbook."),
        opt("relations", Type::Array(&RELATION), RELATION.doc),
        opt("from", Type::Date, "The body's first day (inclusive)."),
        opt("until", Type::Date, "The body's last day (inclusive)."),
    ],
};

pub static VIEW: Section = Section {
    doc: "An extra chart to draw.",
    fields: &[
        req(
            "id",
            Type::Text,
            "A short id, used for the chart's file name.",
        ),
        req("title", Type::Text, "The chart's title."),
        req(
            "root",
            Type::Text,
            "The id of the unit the chart starts from.",
        ),
        opt(
            "depth",
            Type::Integer(0),
            "Levels below the root to draw (default: all).",
        ),
    ],
};

/// A whole file.
pub static FILE: Section = Section {
    doc: "One file of an organisation; every *.toml file under the folder is merged into one model.",
    fields: &[
        opt("organisation", Type::Table(&ORGANISATION), ORGANISATION.doc),
        opt("output", Type::Table(&OUTPUT), OUTPUT.doc),
        opt("kinds", Type::Named(&KIND), "The kinds of unit, by id."),
        opt("units", Type::Named(&UNIT), "The units, by id."),
        opt("links", Type::Array(&LINK), LINK.doc),
        opt("transfers", Type::Array(&TRANSFER), TRANSFER.doc),
        opt("bodies", Type::Named(&BODY), "Governance bodies, by id."),
        opt("views", Type::Array(&VIEW), VIEW.doc),
    ],
};

/// Ids are slugs: they name output files.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9_-]*$";

/// The JSON Schema of one file of the format.
pub fn json_schema() -> Value {
    let mut root = section_schema(&FILE);
    let object = root.as_object_mut().expect("an object");
    object.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    object.insert(
        "$id".into(),
        json!("https://organogram.invalid/schema/organogram.json"),
    );
    object.insert("title".into(), json!("organogram organisation file"));
    root
}

fn section_schema(section: &Section) -> Value {
    let mut properties = Map::new();
    for field in section.fields {
        let mut schema = type_schema(field.ty);
        if let Some(object) = schema.as_object_mut() {
            object.insert("description".into(), json!(field.doc));
        }
        properties.insert(field.name.into(), schema);
    }
    let required: Vec<&str> = section
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "description": section.doc,
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn type_schema(ty: Type) -> Value {
    match ty {
        Type::Text => json!({ "type": "string" }),
        Type::Choice(choices) => json!({ "type": "string", "enum": choices }),
        Type::Fte => json!({ "type": "number", "minimum": 0, "multipleOf": 0.01 }),
        Type::Integer(min) => json!({ "type": "integer", "minimum": min }),
        Type::Bool => json!({ "type": "boolean" }),
        Type::Date => json!({ "type": "string", "format": "date" }),
        Type::TextList => json!({ "type": "array", "items": { "type": "string" } }),
        Type::Table(section) => section_schema(section),
        Type::Array(section) => json!({ "type": "array", "items": section_schema(section) }),
        Type::Named(section) => json!({
            "type": "object",
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": section_schema(section),
        }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_names_every_key() {
        let schema = super::json_schema();
        let unit = &schema["properties"]["units"]["additionalProperties"];
        assert_eq!(unit["required"], serde_json::json!(["name", "kind"]));
        assert!(unit["properties"]["posts"]["items"]["properties"]["vacant"].is_object());
        assert_eq!(unit["additionalProperties"], false);
    }
}
