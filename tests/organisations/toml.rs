//! An organisation as editable documents: made valid from a specification,
//! changed by structural mutations, written as TOML files and changed again
//! as text.

use proptest::sample::Index;

use super::{Mutation, OrgSpec, TAGS, UnitSpec, WORDS};

/// The organisation as editable documents, before it is written as TOML.
#[derive(Clone, Debug)]
pub struct Doc {
    pub spec: OrgSpec,
    pub root: String,
    pub kinds: Vec<(String, bool, u8)>,
    pub units: Vec<UnitDoc>,
}

#[derive(Clone, Debug)]
pub struct UnitDoc {
    pub id: String,
    pub parent: Option<String>,
    pub kind: String,
    pub fte: Option<String>,
    pub posts: Vec<(bool, Option<String>, bool)>,
    pub spec: UnitSpec,
}

/// A TOML basic string (JSON's escapes are TOML's).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string")
}

fn word(i: &Index) -> &'static str {
    WORDS[i.index(WORDS.len())]
}

impl Doc {
    /// A valid organisation: every unit below an earlier one, every division
    /// with exactly one head post.
    pub fn new(spec: OrgSpec) -> Doc {
        let kinds: Vec<(String, bool, u8)> = spec
            .kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (format!("k{i}"), k.head_required, k.placement))
            .collect();
        let units = spec
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let kind = u.kind.index(kinds.len());
                let head = u.head || kinds[kind].1;
                let mut posts = vec![];
                if head {
                    posts.push((
                        true,
                        u.holder.as_ref().map(|h| word(h).to_string()),
                        u.vacant,
                    ));
                }
                for _ in 0..u.more_posts {
                    posts.push((false, None, false));
                }
                UnitDoc {
                    id: format!("u{i}"),
                    parent: (i > 0).then(|| format!("u{}", u.parent.index(i))),
                    kind: kinds[kind].0.clone(),
                    fte: u.fte.map(|f| format!("{}.{:02}", f / 100, f % 100)),
                    posts,
                    spec: u.clone(),
                }
            })
            .collect();
        Doc {
            spec,
            root: "u0".to_string(),
            kinds,
            units,
        }
    }

    fn unit(&mut self, i: &Index) -> &mut UnitDoc {
        let n = self.units.len();
        &mut self.units[i.index(n)]
    }

    /// Applies a structural mutation; text mutations are applied to the files.
    pub fn mutate(&mut self, m: &Mutation) {
        if self.units.is_empty() {
            return;
        }
        match m {
            Mutation::Reparent(a, b) => {
                let to = self.unit(b).id.clone();
                self.unit(a).parent = Some(to);
            }
            Mutation::UnknownParent(a) => self.unit(a).parent = Some("nergens".into()),
            Mutation::Remove(a) => {
                let n = self.units.len();
                self.units.remove(a.index(n));
            }
            Mutation::DuplicateId(a, b) => {
                let id = self.unit(b).id.clone();
                self.unit(a).id = id;
            }
            Mutation::InvalidId(a) => self.unit(a).id = "Geen Slug!".into(),
            Mutation::Kind(a, k) => self.unit(a).kind = format!("k{k}"),
            Mutation::Placement(k, p) => {
                let n = self.kinds.len();
                self.kinds[k.index(n)].2 = *p;
            }
            Mutation::HeadRule(k) => {
                let n = self.kinds.len();
                let kind = &mut self.kinds[k.index(n)];
                kind.1 = !kind.1;
            }
            Mutation::DropHeads(a) => self.unit(a).posts.retain(|p| !p.0),
            Mutation::ExtraHead(a) => self.unit(a).posts.push((true, None, false)),
            Mutation::Fte(a, f) => self.unit(a).fte = Some(f.to_string()),
            Mutation::Root(a) => self.root = self.unit(a).id.clone(),
            Mutation::Text { .. } => {}
        }
    }

    /// The organisation as TOML files: the header in the first, units spread
    /// over all of them, links and the rest in the last.
    pub fn files(&self) -> Vec<(String, String)> {
        let spec = &self.spec;
        let mut files = vec![String::new(); spec.files];
        files[0].push_str(&format!(
            "[organisation]\nname = {}\nshort = \"FZ\"\nroot = {}\nlocale = \"{}\"\n",
            q("Fuzz & <Zoon>"),
            q(&self.root),
            if spec.english { "en" } else { "nl-BE" }
        ));
        if let Some((depth, span)) = spec.limits {
            files[0].push_str(&format!(
                "[organisation.limits]\nmax_depth = {depth}\nmax_span = {span}\n"
            ));
        }
        if spec.allow_no_fte {
            files[0].push_str("[organisation.warnings]\nallow = [\"no-fte\"]\n");
        }
        for (id, required, placement) in &self.kinds {
            let placement = ["below", "side", "affiliated"][usize::from(*placement) % 3];
            let head = if *required { "required" } else { "optional" };
            files[0].push_str(&format!(
                "[kinds.{id}]\nlabel = {}\nhead = \"{head}\"\nplacement = \"{placement}\"\n",
                q(id)
            ));
        }
        for (i, u) in self.units.iter().enumerate() {
            let s = &u.spec;
            let mut t = format!(
                "[units.{}]\nname = {}\nkind = {}\n",
                q(&u.id),
                q(word(&s.name)),
                q(&u.kind)
            );
            if s.short {
                t.push_str("short = \"Kort\"\n");
            }
            if let Some(p) = &u.parent {
                t.push_str(&format!("parent = {}\n", q(p)));
            }
            if let Some(f) = &u.fte {
                t.push_str(&format!("fte = {f}\n"));
            }
            let list = |items: Vec<&str>| items.iter().map(|x| q(x)).collect::<Vec<_>>().join(", ");
            if !s.tags.is_empty() {
                let tags = s.tags.iter().map(|t| TAGS[t.index(TAGS.len())]).collect();
                t.push_str(&format!("tags = [{}]\n", list(tags)));
            }
            if !s.tasks.is_empty() {
                t.push_str(&format!(
                    "tasks = [{}]\n",
                    list(s.tasks.iter().map(word).collect())
                ));
                t.push_str(&format!("description = {}\n", q(word(&s.tasks[0]))));
            }
            for (n, (head, holder, vacant)) in u.posts.iter().enumerate() {
                t.push_str(&format!(
                    "[[units.{}.posts]]\ntitle = \"Post {n}\"\nhead = {head}\nvacant = {vacant}\nfte = 0.5\n",
                    q(&u.id)
                ));
                if let Some(h) = holder {
                    t.push_str(&format!("holder = {}\n", q(h)));
                }
            }
            files[i % spec.files].push_str(&t);
        }
        let ids: Vec<&str> = self.units.iter().map(|u| u.id.as_str()).collect();
        let id = |i: &Index| q(ids[i.index(ids.len())]);
        let last = files.last_mut().expect("a file");
        if ids.is_empty() {
            return named(files);
        }
        for (from, to, dashed, label) in &spec.links {
            last.push_str(&format!(
                "[[links]]\nfrom = {}\nto = {}\nstyle = \"{}\"\n",
                id(from),
                id(to),
                if *dashed { "dashed" } else { "dotted" }
            ));
            if *label {
                last.push_str("label = \"afstemming <&>\"\n");
            }
        }
        for (task, from, to, date) in &spec.transfers {
            last.push_str(&format!(
                "[[transfers]]\ntask = {}\nfrom = {}\nto = {}\n",
                q(word(task)),
                id(from),
                id(to)
            ));
            if let Some((y, m, d)) = date {
                last.push_str(&format!("date = {y:04}-{m:02}-{d:02}\n"));
            }
        }
        for (n, (root, depth)) in spec.views.iter().enumerate() {
            last.push_str(&format!(
                "[[views]]\nid = \"v{n}\"\ntitle = \"Zicht {n}\"\nroot = {}\n",
                id(root)
            ));
            if let Some(d) = depth {
                last.push_str(&format!("depth = {d}\n"));
            }
        }
        let bodies = spec.bodies.len();
        for (n, relations) in spec.bodies.iter().enumerate() {
            last.push_str(&format!("[bodies.b{n}]\nname = \"Raad {n}\"\n"));
            for to in relations {
                last.push_str(&format!(
                    "[[bodies.b{n}.relations]]\nto = \"b{}\"\nlabel = \"kiest\"\n",
                    to.index(bodies)
                ));
            }
        }
        named(files)
    }
}

fn named(files: Vec<String>) -> Vec<(String, String)> {
    files
        .into_iter()
        .enumerate()
        .map(|(i, text)| (format!("org/deel-{i}.toml"), text))
        .collect()
}

/// Cuts `cut` characters at a place in one file and puts `put` there.
pub fn mutate_text(
    files: &mut [(String, String)],
    file: &Index,
    at: &Index,
    cut: usize,
    put: &str,
) {
    let n = files.len();
    let text = &mut files[file.index(n)].1;
    let mut start = at.index(text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let end = text[start..]
        .char_indices()
        .nth(cut)
        .map_or(text.len(), |(i, _)| start + i);
    text.replace_range(start..end, put);
}
