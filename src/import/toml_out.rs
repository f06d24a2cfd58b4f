//! Writing the linked records as organisation files: the organisation and
//! its tops in `000-organisation.toml`, then one file per top-level branch.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use super::tree::Tree;
use super::{Files, Options, Record, output};
use crate::model::{Fte, slugify};

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Slug ids, unique: `HR 0042` → `hr-0042`, a second one `hr-0042-2`.
fn slugs(records: &[Record]) -> Vec<String> {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    records
        .iter()
        .map(|r| {
            let base = slugify(&r.id);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let mut id = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            while !taken.insert(id.clone()) {
                *n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

/// What else the files need to say.
pub struct Extra {
    /// Whether the source had FTE figures: without them, units with no FTE
    /// are expected, not worth a warning each.
    pub has_fte: bool,
    /// FTE counted at the top (junior staff attached to it by a repair).
    pub top_fte: Fte,
}

pub fn write(records: &[Record], tree: &Tree, options: &Options, extra: &Extra) -> Files {
    let ids = slugs(records);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    for (i, p) in tree.parent.iter().enumerate() {
        if let Some(p) = p.filter(|_| !tree.dropped[i]) {
            children[p].push(i);
        }
    }
    // Kinds: those given, or one kind for all; a division where every unit of
    // the kind has a head.
    let kind_of = |r: &Record| {
        r.kind
            .as_deref()
            .map(slugify)
            .unwrap_or_else(|| "post".to_string())
    };
    let mut kinds: BTreeMap<String, (String, bool)> = BTreeMap::new();
    for (_, r) in records
        .iter()
        .enumerate()
        .filter(|(i, _)| !tree.dropped[*i])
    {
        let e = kinds
            .entry(kind_of(r))
            .or_insert_with(|| (r.kind.clone().unwrap_or_else(|| "Post".into()), true));
        e.1 &= r.head.is_some();
    }
    let root_id = options.root_name.as_ref().map(|n| {
        let mut id = slugify(n);
        while ids.contains(&id) {
            id.push_str("-top");
        }
        id
    });
    let mut header = String::from(
        "#:schema ./organogram.schema.json\n# Imported by `organogram import`.\n\n[organisation]\n",
    );
    let root = match &root_id {
        Some(id) => id.clone(),
        None => ids[tree.tops[0]].clone(),
    };
    let _ = write!(
        header,
        "name = {}\nroot = {}\nlocale = \"{}\"\n",
        quote(&options.name),
        quote(&root),
        options.locale.tag()
    );
    if !extra.has_fte {
        header.push_str(
            "\n[organisation.warnings]\n# The source has no FTE figures.\nallow = [\"no-fte\"]\n",
        );
    }
    if root_id.is_some() {
        header.push_str("\n[kinds.top]\nlabel = \"Top\"\n");
    }
    for (id, (label, division)) in &kinds {
        let _ = write!(header, "\n[kinds.{id}]\nlabel = {}\n", quote(label));
        if *division {
            header.push_str("head = \"required\"\n");
        }
    }
    if let (Some(id), Some(name)) = (&root_id, &options.root_name) {
        let _ = write!(
            header,
            "\n[units.{id}]\nname = {}\nkind = \"top\"\n",
            quote(name)
        );
        if !extra.top_fte.is_zero() {
            let _ = writeln!(header, "fte = {}", extra.top_fte);
        }
    }
    let single_top = tree.tops[0];
    let unit_text = |i: usize| -> String {
        let r = &records[i];
        let mut t = format!(
            "\n[units.{}]\nname = {}\nkind = \"{}\"\n",
            ids[i],
            quote(&r.name),
            kind_of(r)
        );
        match (tree.parent[i], &root_id) {
            (Some(p), _) => {
                let _ = writeln!(t, "parent = \"{}\"", ids[p]);
            }
            (None, Some(top)) => {
                let _ = writeln!(t, "parent = \"{top}\"");
            }
            (None, None) => {}
        }
        let mut fte = r.fte.unwrap_or_default();
        if root_id.is_none() && i == single_top {
            fte += extra.top_fte;
        }
        if !fte.is_zero() {
            let _ = writeln!(t, "fte = {fte}");
        }
        if !r.tags.is_empty() {
            let tags: Vec<String> = r.tags.iter().map(|t| quote(t)).collect();
            let _ = writeln!(t, "tags = [{}]", tags.join(", "));
        }
        if let Some(h) = &r.head {
            let _ = write!(
                t,
                "\n[[units.{}.posts]]\ntitle = {}\nhead = true\n",
                ids[i],
                quote(&h.title)
            );
            if let Some(holder) = &h.holder {
                let _ = writeln!(t, "holder = {}", quote(holder));
            }
            let _ = writeln!(t, "fte = {}", h.fte);
            if h.vacant {
                t.push_str("vacant = true\n");
            }
        }
        t
    };
    // The tops go in the header file; each unit below a top goes in the file
    // of its top-level branch, parents first. Files are read in path order,
    // so they are numbered to keep the branches in the order of the source.
    let mut files: Files = Vec::new();
    let mut used = HashSet::new();
    let first = output::file_name("000-organisation", "toml", &mut used);
    let mut n = 0;
    for &top in &tree.tops {
        header.push_str(&unit_text(top));
        for &branch in &children[top] {
            let mut text = String::from("#:schema ./organogram.schema.json\n");
            let mut stack = vec![branch];
            while let Some(i) = stack.pop() {
                text.push_str(&unit_text(i));
                stack.extend(children[i].iter().rev());
            }
            n += 1;
            let name = output::file_name(&format!("{n:03}-{}", ids[branch]), "toml", &mut used);
            files.push((name, text));
        }
    }
    files.insert(0, (first, header));
    files
}

/// The FTE the written organisation holds: what the reconciliation compares
/// with what was read.
pub fn organisation_fte(records: &[Record], tree: &Tree, extra: &Extra) -> Fte {
    records
        .iter()
        .enumerate()
        .filter(|(i, _)| !tree.dropped[*i])
        .map(|(_, r)| r.total_fte())
        .sum::<Fte>()
        + extra.top_fte
}
