//! Importing organisations from what HR systems and spreadsheets export.
//!
//! Each front end (`generic` CSV, `uk` organogram CSVs) turns rows into
//! [`Record`]s; [`assemble`] checks them as a tree — with the CSV line of
//! every problem — and writes the organisation as TOML files, one per
//! top-level unit. Data problems are reported, never silently mended: the
//! options that resolve the common ones (`--root-name`, `--match-ids loose`)
//! must be asked for.

pub mod csv_file;
pub mod generic;
pub mod uk;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::model::{Fte, Locale, slugify};
use crate::source::Span;

/// One unit to be, with the place it came from.
#[derive(Clone, Debug)]
pub struct Record {
    /// The row (for job shares and junior rows: the first row).
    pub span: Span,
    pub id: String,
    pub parent: Option<String>,
    pub name: String,
    pub kind: Option<String>,
    /// FTE counted at the unit (not in a post).
    pub fte: Option<Fte>,
    pub head: Option<Head>,
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    pub title: String,
    pub holder: Option<String>,
    pub fte: Fte,
    pub vacant: bool,
}

/// How ids are matched between rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MatchIds {
    /// Exactly as written.
    #[default]
    Exact,
    /// Ignoring case and leading zeros in numbers (`EoE-007` = `EOE-7`).
    Loose,
}

#[derive(Clone, Debug)]
pub struct Options {
    /// The organisation's name.
    pub name: String,
    /// Join several tops under one new top unit of this name.
    pub root_name: Option<String>,
    pub match_ids: MatchIds,
    pub locale: Locale,
}

/// The key under which ids match.
pub fn id_key(id: &str, mode: MatchIds) -> String {
    match mode {
        MatchIds::Exact => id.to_string(),
        MatchIds::Loose => {
            let mut out = String::new();
            let mut digits = String::new();
            let flush = |out: &mut String, digits: &mut String| {
                let trimmed = digits.trim_start_matches('0');
                out.push_str(if trimmed.is_empty() && !digits.is_empty() {
                    "0"
                } else {
                    trimmed
                });
                digits.clear();
            };
            for c in id.trim().chars() {
                if c.is_ascii_digit() {
                    digits.push(c);
                } else {
                    flush(&mut out, &mut digits);
                    out.extend(c.to_lowercase());
                }
            }
            flush(&mut out, &mut digits);
            out
        }
    }
}

/// The TOML files of an imported organisation: (file name, text).
pub type Files = Vec<(String, String)>;

/// Checks the records as a tree and writes them as TOML. Problems go to
/// `diagnostics`; `None` when any is an error.
pub fn assemble(
    records: Vec<Record>,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Files> {
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
    // Ids: exact duplicates were merged or reported by the front end; here,
    // ids that only differ loosely.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_exact: HashMap<&str, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        by_exact.insert(r.id.as_str(), i);
        let key = id_key(&r.id, MatchIds::Loose);
        if let Some(&j) = by_key.get(&key) {
            if records[j].id != r.id && options.match_ids == MatchIds::Exact {
                diagnostics.push(
                    Diagnostic::new(
                        Code::LooseIds,
                        format!("the ids `{}` and `{}` differ only in case or leading zeros", records[j].id, r.id),
                    )
                    .at(r.span.clone(), "this row")
                    .also(records[j].span.clone(), "the other row")
                    .help("if they are the same post, import with `--match-ids loose`; if not, give one another id"),
                );
            }
        } else {
            by_key.insert(key, i);
        }
    }
    // Parents.
    let mut parent: Vec<Option<usize>> = vec![None; records.len()];
    let mut tops = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let Some(p) = &r.parent else {
            tops.push(i);
            continue;
        };
        let found = by_exact.get(p.as_str()).copied().or_else(|| {
            let j = by_key.get(&id_key(p, MatchIds::Loose)).copied()?;
            (options.match_ids == MatchIds::Loose).then_some(j)
        });
        match found {
            Some(j) if j == i => diagnostics.push(
                Diagnostic::new(Code::SelfReport, format!("post `{}` ({}) reports to itself", r.id, r.name))
                    .at(r.span.clone(), "reports to its own id")
                    .help("if this is the top post, leave its reporting column empty (or XX); otherwise name the post it reports to"),
            ),
            Some(j) => {
                if records[j].id != *p {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::LooseMatch,
                            format!("`{}` reports to `{p}`, matched with `{}`", r.id, records[j].id),
                        )
                        .at(r.span.clone(), "matched loosely")
                        .help("--match-ids loose matches ids that differ only in case or leading zeros"),
                    );
                }
                parent[i] = Some(j);
            }
            None => {
                let loose = by_key.get(&id_key(p, MatchIds::Loose)).map(|&j| records[j].id.as_str());
                let mut d = Diagnostic::new(
                    Code::UnknownReportsTo,
                    format!("post `{}` ({}) reports to `{p}`, but no row has that id", r.id, r.name),
                )
                .at(r.span.clone(), "unknown post");
                d = match loose {
                    Some(other) => d.help(format!(
                        "`{other}` differs only in case or leading zeros: import with `--match-ids loose` to match them"
                    )),
                    None => match did_you_mean(p, records.iter().map(|r| r.id.as_str())) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.help("correct the id it reports to, or leave it empty for the top post"),
                    },
                };
                diagnostics.push(d);
            }
        }
    }
    // The top.
    let synthetic_root = options.root_name.clone();
    match (tops.len(), &synthetic_root) {
        (0, _) if !records.is_empty() => diagnostics.push(
            Diagnostic::new(
                Code::NoTop,
                "no row is the top of the organisation: every row reports to another",
            )
            .help("leave the reporting column empty (or XX) for the top post"),
        ),
        (n, None) if n > 1 => {
            let mut d = Diagnostic::new(
                Code::SeveralTops,
                format!("{n} rows report to no one, but an organisation has one top"),
            )
            .at(records[tops[1]].span.clone(), "another top");
            d = d.also(records[tops[0]].span.clone(), "a top");
            let names: Vec<String> = tops
                .iter()
                .take(8)
                .map(|&t| format!("`{}`", records[t].id))
                .collect();
            d = d
                .note(format!(
                    "the tops: {}{}",
                    names.join(", "),
                    if n > 8 { format!(" and {} more", n - 8) } else { String::new() }
                ))
                .help("correct the rows that should report to someone, or join the tops under one new top unit with `--root-name \"…\"`");
            diagnostics.push(d);
        }
        _ => {}
    }
    // Cycles: rows that never reach a top. Iterative walk with colours.
    let mut state = vec![0u8; records.len()]; // 0 new, 1 on the path, 2 done
    for start in 0..records.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let cycle: &[usize] = &path[from..];
                    let ids: Vec<String> = cycle
                        .iter()
                        .map(|&c| format!("`{}`", records[c].id))
                        .collect();
                    let mut d = Diagnostic::new(
                        Code::ImportCycle,
                        format!(
                            "these posts report to each other in a circle: {} → `{}`",
                            ids.join(" → "),
                            records[i].id
                        ),
                    )
                    .at(records[i].span.clone(), "the circle starts here");
                    for &c in &cycle[1..] {
                        d = d.also(records[c].span.clone(), format!("`{}`", records[c].id));
                    }
                    diagnostics.push(d.help("change the post one of them reports to"));
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = parent[i];
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    if diagnostics.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(write_toml(&records, &parent, &tops, options))
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Slug ids, unique: `HR 0042` → `hr-0042`, a second one `hr-0042-2`.
fn slugs(records: &[Record]) -> Vec<String> {
    let mut used: HashMap<String, usize> = HashMap::new();
    records
        .iter()
        .map(|r| {
            let base = slugify(&r.id);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

fn write_toml(
    records: &[Record],
    parent: &[Option<usize>],
    tops: &[usize],
    options: &Options,
) -> Files {
    let ids = slugs(records);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
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
    for r in records {
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
        None => ids[tops[0]].clone(),
    };
    let _ = write!(
        header,
        "name = {}\nroot = {}\nlocale = \"{}\"\n",
        quote(&options.name),
        quote(&root),
        options.locale.tag()
    );
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
    }
    let mut files: Vec<(String, String)> = Vec::new();
    let unit_text = |i: usize| -> String {
        let r = &records[i];
        let mut t = format!(
            "\n[units.{}]\nname = {}\nkind = \"{}\"\n",
            ids[i],
            quote(&r.name),
            kind_of(r)
        );
        match (parent[i], &root_id) {
            (Some(p), _) => {
                let _ = writeln!(t, "parent = \"{}\"", ids[p]);
            }
            (None, Some(top)) => {
                let _ = writeln!(t, "parent = \"{top}\"");
            }
            (None, None) => {}
        }
        if let Some(f) = r.fte.filter(|f| !f.is_zero()) {
            let _ = writeln!(t, "fte = {f}");
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
    let mut n = 0;
    for &top in tops {
        header.push_str(&unit_text(top));
        for &branch in &children[top] {
            let mut text = String::from("#:schema ./organogram.schema.json\n");
            let mut stack = vec![branch];
            while let Some(i) = stack.pop() {
                text.push_str(&unit_text(i));
                stack.extend(children[i].iter().rev());
            }
            n += 1;
            files.push((format!("{n:03}-{}.toml", ids[branch]), text));
        }
    }
    files.insert(0, ("000-organisation.toml".to_string(), header));
    files
}

/// Writes the files into `dir` (created), refusing to overwrite an
/// organisation that is there.
pub fn write_folder(dir: &Path, files: &Files) -> std::io::Result<()> {
    if dir.exists()
        && std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "toml"))
    {
        return Err(std::io::Error::other(format!(
            "`{}` already holds .toml files; import into a new or empty folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir)?;
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
    }
    let schema = serde_json::to_string_pretty(&crate::model::schema::json_schema())
        .map_err(std::io::Error::other)?;
    std::fs::write(dir.join(crate::init::SCHEMA_FILE), schema + "\n")
}

/// An FTE figure from a spreadsheet: `52.86` or `52,86`; blank is `None`.
/// More than two decimals are rounded, with a warning.
pub fn parse_fte(
    text: &str,
    span: &Span,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Fte> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let t = if t.contains(',') && !t.contains('.') {
        t.replace(',', ".")
    } else {
        t.to_string()
    };
    match Fte::parse(&t) {
        Ok(f) => Some(f),
        Err(crate::model::fte::FteError::TooPrecise) => {
            // Round half away from zero on the decimal text, to hundredths.
            let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
            let mut hundredths: i64 = format!("{int}{:0<2}", &frac[..2.min(frac.len())])
                .parse()
                .ok()?;
            if frac.as_bytes().get(2).is_some_and(|d| *d >= b'5') {
                hundredths += 1;
            }
            let rounded = Fte::from_hundredths(hundredths);
            diagnostics.push(
                Diagnostic::new(Code::RoundedFte, format!("the FTE {t} of {what} has more than two decimals; rounded to {rounded}"))
                    .at(span.clone(), "this row")
                    .help("organogram keeps FTE in hundredths; write the figure with two decimals to avoid rounding"),
            );
            Some(rounded)
        }
        Err(_) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::ImportFte,
                    format!("the FTE \"{t}\" of {what} is not a number of staff"),
                )
                .at(span.clone(), "this row")
                .help("write a number of 0 or more, such as 1 or 0.8"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_keys_ignore_case_and_leading_zeros() {
        assert_eq!(
            id_key("EoE-007", MatchIds::Loose),
            id_key("EOE-7", MatchIds::Loose)
        );
        assert_eq!(id_key("A10", MatchIds::Loose), "a10");
        assert_ne!(
            id_key("A10", MatchIds::Loose),
            id_key("A1", MatchIds::Loose)
        );
        assert_eq!(id_key("0", MatchIds::Loose), "0");
    }
}
