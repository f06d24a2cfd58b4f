//! Synthetic organisations of any size, for benchmarks and property tests.
//!
//! Deterministic for a given seed: a realistic shape (depth 4–8 per branch,
//! spans of control 1–15 skewed towards small teams, names of 5–60
//! characters, staff units, vacancies), written as TOML files the way an HR
//! team would split them: one file per directie.

use crate::model::{self, Organisation};
use crate::source::Sources;

/// A small, fast, deterministic random number generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const WORDS: &[&str] = &[
    "Burgerzaken",
    "Onthaal",
    "Welzijn",
    "Preventie",
    "Veiligheid",
    "Ruimte",
    "Mobiliteit",
    "Financiën",
    "Personeel",
    "ICT",
    "Aankoop",
    "Communicatie",
    "Cultuur",
    "Sport",
    "Jeugd",
    "Onderwijs",
    "Wonen",
    "Milieu",
    "Economie",
    "Archief",
    "Facilitair",
    "Patrimonium",
    "Stedenbouw",
    "Groen",
    "Wegen",
    "Begraafplaatsen",
    "Kinderopvang",
    "Ouderenzorg",
    "Schuldhulp",
    "Activering",
    "Integratie",
    "Participatie",
    "Evenementen",
    "Toerisme",
    "Bibliotheek",
    "Musea",
    "Data",
    "Juridische zaken",
    "Interne audit",
    "Klantencontact",
];

const PREFIXES: &[&str] = &["Dienst", "Team", "Cel", "Afdeling", "Bureau", "Unit"];

fn name(rng: &mut Rng) -> String {
    let mut name = PREFIXES[rng.below(PREFIXES.len() as u64) as usize].to_string();
    let words = 1 + rng.below(4);
    for i in 0..words {
        name.push_str(if i == 0 { " " } else { " en " });
        name.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    if name.chars().count() > 60 {
        name = name
            .chars()
            .take(60)
            .collect::<String>()
            .trim_end()
            .to_string();
    }
    name
}

/// A TOML string literal.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The files of a synthetic organisation of `units` units: (file name, TOML).
pub fn files(units: usize, seed: u64) -> Vec<(String, String)> {
    let units = units.max(1);
    let mut rng = Rng(seed);
    let mut header = String::from(
        "[organisation]\nname = \"Synthetische Stad\"\nroot = \"u0\"\n\n\
         [kinds.leiding]\nlabel = \"Algemene leiding\"\nhead = \"required\"\n\n\
         [kinds.directie]\nlabel = \"Directie\"\nhead = \"required\"\n\n\
         [kinds.afdeling]\nlabel = \"Afdeling\"\nhead = \"required\"\n\n\
         [kinds.dienst]\nlabel = \"Dienst\"\n\n\
         [kinds.staf]\nlabel = \"Stafdienst\"\nplacement = \"side\"\n\n\
         [units.u0]\nname = \"Algemene leiding\"\nkind = \"leiding\"\n\n\
         [[units.u0.posts]]\ntitle = \"Algemeen directeur\"\nhead = true\n",
    );
    // Breadth-first: (unit number, depth, branch file, branch depth limit).
    let mut queue = std::collections::VecDeque::from([(0usize, 0usize, usize::MAX, 8usize)]);
    let mut branch_files: Vec<String> = Vec::new();
    let mut next = 1;
    while next < units {
        let Some((parent, depth, branch, limit)) = queue.pop_front() else {
            // Every branch reached its depth limit: deepen from the root again.
            queue.push_back((0, 0, usize::MAX, 8));
            continue;
        };
        if depth >= limit {
            continue;
        }
        // Spans skewed towards small teams: 1 + 14·r³.
        let span = 1 + (14.0 * rng.unit().powi(3)) as usize;
        let span = if depth == 0 {
            6 + rng.below(6) as usize
        } else {
            span
        };
        for _ in 0..span {
            if next >= units {
                break;
            }
            let id = next;
            next += 1;
            let (kind, head) = match depth {
                0 if rng.below(6) == 0 => ("staf", false),
                0 => ("directie", true),
                1 => ("afdeling", true),
                _ if rng.below(12) == 0 => ("staf", false),
                _ => ("dienst", false),
            };
            let (file, limit) = if depth == 0 {
                branch_files.push(String::new());
                (branch_files.len() - 1, 4 + rng.below(5) as usize)
            } else {
                (branch, limit)
            };
            let mut text = format!(
                "\n[units.u{id}]\nname = {}\nkind = \"{kind}\"\nparent = \"u{parent}\"\nfte = {}.{:02}\n",
                quote(&name(&mut rng)),
                rng.below(20),
                rng.below(100)
            );
            if rng.below(3) == 0 {
                text.push_str("tasks = [\"Onthaal\", \"Dossierbeheer\"]\n");
            }
            if head {
                let vacant = if rng.below(15) == 0 {
                    "vacant = true\n"
                } else {
                    ""
                };
                text.push_str(&format!(
                    "\n[[units.u{id}.posts]]\ntitle = \"Diensthoofd\"\nhead = true\n{vacant}"
                ));
            }
            if file == usize::MAX {
                header.push_str(&text);
            } else {
                branch_files[file].push_str(&text);
            }
            if kind != "staf" {
                queue.push_back((id, depth + 1, file, limit));
            }
        }
    }
    let mut out = vec![("organisation.toml".to_string(), header)];
    for (i, text) in branch_files.into_iter().enumerate() {
        out.push((format!("directie-{i:03}.toml"), text));
    }
    out
}

/// The files of a synthetic organisation with a history: `units` units as
/// [`files`] makes them, plus `dated.toml` with about `events` dated events
/// (a third each: units that start, move to another parent, and end) on
/// dates between 2000 and 2030. Valid on every date.
pub fn dated_files(units: usize, events: usize, seed: u64) -> Vec<(String, String)> {
    let mut out = files(units, seed);
    let mut rng = Rng(seed ^ 0xDA7E);
    let units = units.max(1) as u64;
    let first = crate::model::Date::from_ymd(2000, 1, 1).expect("a date");
    let day = |n: u64| first.plus_days(n as i32);
    let mut text = String::new();
    for i in 0..events.div_ceil(3) {
        let start = rng.below(3_600);
        let moved = start + 1 + rng.below(3_600);
        let end = moved + 1 + rng.below(3_600);
        text.push_str(&format!(
            "\n[units.dated-{i}]\nname = {}\nkind = \"dienst\"\nparent = \"u{}\"\nfte = 1\nfrom = {}\nuntil = {}\n\n\
             [[units.dated-{i}.changes]]\nfrom = {}\nparent = \"u{}\"\n",
            quote(&name(&mut rng)),
            rng.below(units),
            day(start),
            day(end),
            day(moved),
            rng.below(units),
        ));
    }
    out.push(("dated.toml".to_string(), text));
    out
}

/// An organisation of an extreme shape, as one TOML file: a chain of
/// `chain` units, each reporting to the one before, whose last unit leads a
/// team of `span` units; ids padded to at least `id_len` characters. A
/// chain of 1 is one wide team; a span of 0 a bare chain; both a "broom".
/// With `reserved`, a few ids are names Windows reserves (`con`, `nul`, …).
pub fn shape_files(chain: usize, span: usize, id_len: usize, reserved: bool) -> String {
    let chain = chain.max(1);
    let id = |n: usize| {
        let base = format!("u{n}");
        if base.len() >= id_len {
            base
        } else {
            // At least one `x`: an id cannot start with `-`.
            let pad = (id_len - base.len()).saturating_sub(1).max(1);
            format!("{}-{base}", "x".repeat(pad))
        }
    };
    let mut ids: Vec<String> = (0..chain + span).map(id).collect();
    if reserved {
        for (slot, name) in ["con", "aux", "nul", "com1", "lpt9", "prn"]
            .iter()
            .enumerate()
        {
            if let Some(at) = ids.get_mut(chain + slot) {
                *at = name.to_string();
            }
        }
    }
    let mut text = format!(
        "[organisation]\nname = \"Vorm\"\nroot = \"{}\"\n\n\
         [kinds.top]\nlabel = \"Top\"\n\n[kinds.dienst]\nlabel = \"Dienst\"\n",
        ids[0]
    );
    let mut unit = |n: usize, parent: Option<&str>| {
        text.push_str(&format!(
            "\n[units.{}]\nname = \"Eenheid {n}\"\nkind = \"{}\"\nfte = 1.5\n",
            ids[n],
            if parent.is_some() { "dienst" } else { "top" }
        ));
        if let Some(p) = parent {
            text.push_str(&format!("parent = \"{p}\"\n"));
        }
    };
    unit(0, None);
    for n in 1..chain {
        unit(n, Some(&ids[n - 1].clone()));
    }
    for n in chain..chain + span {
        unit(n, Some(&ids[chain - 1].clone()));
    }
    text
}

/// The files as [`Sources`], ready for [`model::build`].
pub fn sources(units: usize, seed: u64) -> Sources {
    let mut sources = Sources::default();
    for (name, text) in files(units, seed) {
        sources.add(name.into(), text);
    }
    sources
}

/// [`dated_files`] as [`Sources`].
pub fn dated_sources(units: usize, events: usize, seed: u64) -> Sources {
    let mut sources = Sources::default();
    for (name, text) in dated_files(units, events, seed) {
        sources.add(name.into(), text);
    }
    sources
}

/// A valid synthetic organisation.
pub fn organisation(units: usize, seed: u64) -> Organisation {
    model::build(&sources(units, seed))
        .organisation
        .expect("a synthetic organisation is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_valid_deterministic_and_of_the_asked_size() {
        for n in [1, 2, 17, 500, 3000] {
            let org = organisation(n, 7);
            assert_eq!(org.units.len(), n);
        }
        assert_eq!(files(800, 3), files(800, 3));
        let dated = model::build(&dated_sources(800, 90, 3));
        assert!(!dated.has_errors(), "{:?}", dated.diagnostics);
        assert_ne!(files(800, 3), files(800, 4));
        let org = organisation(5000, 1);
        let depth = org.units.iter().map(|u| u.depth).max().unwrap();
        assert!((4..=8).contains(&depth), "depth {depth}");
        assert!(
            org.units
                .iter()
                .all(|u| (5..=60).contains(&u.name.chars().count()))
        );
    }
}
