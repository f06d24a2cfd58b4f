//! Writing the linked records as organisation files: the organisation and
//! its tops in `000-organisation.toml`, then one file per top-level branch.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::tree::Tree;
use super::{Files, Options, Record, output};
use crate::model::{Fte, slugify};

/// `s` as a TOML string, exactly as the `toml` crate writes it. Nearly every
/// name needs no escapes: it is written between quotes here; the rest goes
/// through the full serializer (literal or escaped strings).
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    out
}

fn quote_into(out: &mut String, s: &str) {
    if s.bytes()
        .all(|b| b >= 0x20 && b != 0x7f && b != b'"' && b != b'\\')
    {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        let _ = write!(out, "{}", toml::Value::String(s.to_string()));
    }
}

/// Slug ids, unique: `HR 0042` → `hr-0042`, a second one `hr-0042-2`.
fn slugs(records: &[Record]) -> Vec<String> {
    // Every id given so far, with how often it came as a slug (0 when it was
    // only given as a numbered one): one map for both.
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    seen.reserve(records.len());
    records
        .iter()
        .map(|r| {
            let base = slugify(&r.id);
            let n = seen.get(&base).copied().unwrap_or(0) + 1;
            if n == 1 && !seen.contains_key(&base) {
                seen.insert(base.clone(), 1);
                return base;
            }
            let mut k = n.max(2);
            let mut id = format!("{base}-{k}");
            while seen.contains_key(&id) {
                k += 1;
                id = format!("{base}-{k}");
            }
            seen.insert(id.clone(), 0);
            seen.insert(base, k);
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
    // Few kinds for many records: each kind's slug is made once.
    let mut kind_slugs: FxHashMap<Option<&str>, String> = FxHashMap::default();
    for r in records {
        kind_slugs.entry(r.kind.as_deref()).or_insert_with(|| {
            r.kind
                .as_deref()
                .map(slugify)
                .unwrap_or_else(|| "post".to_string())
        });
    }
    let kind_of: Vec<&str> = records
        .iter()
        .map(|r| kind_slugs[&r.kind.as_deref()].as_str())
        .collect();
    let mut kinds: BTreeMap<String, (String, bool)> = BTreeMap::new();
    for (i, r) in records
        .iter()
        .enumerate()
        .filter(|(i, _)| !tree.dropped[*i])
    {
        let e = kinds
            .entry(kind_of[i].to_string())
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
    // Each unit is written straight into its file's text.
    let unit_text = |t: &mut String, i: usize| {
        let r = &records[i];
        let _ = write!(t, "\n[units.{}]\nname = ", ids[i]);
        quote_into(t, &r.name);
        let _ = writeln!(t, "\nkind = \"{}\"", kind_of[i]);
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
            t.push_str("tags = [");
            for (k, tag) in r.tags.iter().enumerate() {
                if k > 0 {
                    t.push_str(", ");
                }
                quote_into(t, tag);
            }
            t.push_str("]\n");
        }
        if let Some(h) = &r.head {
            let _ = write!(t, "\n[[units.{}.posts]]\ntitle = ", ids[i]);
            quote_into(t, &h.title);
            t.push_str("\nhead = true\n");
            if let Some(holder) = &h.holder {
                t.push_str("holder = ");
                quote_into(t, holder);
                t.push('\n');
            }
            let _ = writeln!(t, "fte = {}", h.fte);
            if h.vacant {
                t.push_str("vacant = true\n");
            }
        }
    };
    // The tops go in the header file; each unit below a top goes in the file
    // of its top-level branch, parents first. Files are read in path order,
    // so they are numbered to keep the branches in the order of the source.
    let mut files: Files = Vec::new();
    let mut used = HashSet::new();
    let first = output::file_name("000-organisation", "toml", &mut used);
    let mut n = 0;
    for &top in &tree.tops {
        unit_text(&mut header, top);
        for &branch in &children[top] {
            let mut text = String::from("#:schema ./organogram.schema.json\n");
            let mut stack = vec![branch];
            while let Some(i) = stack.pop() {
                unit_text(&mut text, i);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_as_the_toml_crate_quotes_them_and_read_back() {
        let samples = [
            "Dienst Burgerzaken",
            "",
            "Één, twee & drie",
            "Unit 7, Team",
            "a/b: c.d",
            "Zeg \"ja\"",
            "it's",
            "both ' and \"",
            "back\\slash",
            "tab\there",
            "two\nlines",
            "three \"\"\" quotes\nand a line",
            "bell\u{7}",
            "del\u{7f}",
            "cr\r\nlf",
            "'''",
            "日本語 🙂",
        ];
        for s in samples {
            let ours = quote(s);
            assert_eq!(
                ours,
                toml::Value::String(s.to_string()).to_string(),
                "{s:?}"
            );
            let doc: toml::Table = toml::from_str(&format!("v = {ours}")).unwrap();
            assert_eq!(doc["v"].as_str(), Some(s), "{s:?}");
        }
    }

    #[test]
    fn slugs_are_numbered_past_ids_already_taken() {
        let records: Vec<Record> = ["HR 1", "hr-1-2", "hr 1", "HR-1", "hr-1-2"]
            .iter()
            .map(|id| crate::import::tests::record(id))
            .collect();
        assert_eq!(
            slugs(&records),
            ["hr-1", "hr-1-2", "hr-1-3", "hr-1-4", "hr-1-2-2"]
        );
    }
}
