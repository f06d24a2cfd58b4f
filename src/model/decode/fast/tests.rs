//! The quick reader against the full one: whenever it takes a file, the full
//! reader must find nothing to say about it and read the same definitions.

use proptest::prelude::*;
use toml::de::DeTable;

use crate::model::decode::RawOrg;
use crate::source::FileId;

/// What the full reader makes of `text`: the definitions, when it has no
/// message at all.
fn full(text: &str) -> Option<RawOrg> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let mut raw = RawOrg::default();
    let mut diagnostics = Vec::new();
    super::super::decode_file(FileId(0), doc.get_ref(), &mut raw, &mut diagnostics);
    diagnostics.is_empty().then_some(raw)
}

/// Compares the two readers on `text`; whether the quick one took it.
fn agree(text: &str) -> bool {
    let Some(quick) = super::decode_file(FileId(0), text) else {
        return false;
    };
    let full = full(text).unwrap_or_else(|| {
        panic!("the quick reader took a file the full reader has messages for:\n{text}")
    });
    assert_eq!(
        format!("{quick:?}"),
        format!("{full:?}"),
        "the readers differ on:\n{text}"
    );
    true
}

/// The organisation files of the repository, and the test fixtures.
fn repository_files() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack = vec![root.join("org"), root.join("tests/fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder of the repository") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_readers_agree_on_the_repository_files() {
    let files = repository_files();
    assert!(files.len() > 20);
    let taken = files.iter().filter(|(_, text)| agree(text)).count();
    // Most files are in the usual shapes; the rest are kept as a check of
    // the fallback by the other tests.
    assert!(taken * 2 > files.len(), "{taken} of {} taken", files.len());
}

#[test]
fn the_readers_agree_on_synthetic_organisations() {
    for (name, text) in crate::synthetic::dated_files(2_000, 60, 7) {
        assert!(agree(&text), "{name} is in the usual shapes");
    }
}

#[test]
fn unusual_shapes_and_problems_go_to_the_full_reader() {
    let unit = "[units.a]\nname = \"A\"\nkind = \"dienst\"\n";
    for text in [
        // Problems the full reader explains.
        "[units.a]\nname = \"A\"\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nnaam = \"x\"\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nname = \"B\"\n",
        "[units.a]\nname = 3\nkind = \"dienst\"\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\n[units.a]\nname = \"A\"\nkind = \"dienst\"\n",
        "[units.a]\nname = \"A\nkind = \"dienst\"\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nfte = 2,5\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nfrom = 2019-02-30\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nfrom = 2019-02-03 10:00\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nfrom = 2019-02-03T10:00:00\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nfte = 012\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nfte = 1e3\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\nfte = -1.0\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\ntags = [\"x\" \"y\"]\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\ntags = [\"x\", 1]\n",
        "[[units.a.posts]]\ntitle = \"T\"\n[units.a]\nname = \"A\"\nkind = \"dienst\"\n",
        "[organisation.limits]\nmax_depth = 3\n[organisation]\nname = \"O\"\nroot = \"a\"\n",
        "[organisation]\nname = \"O\"\nroot = \"a\"\n[organisation.limits]\n[organisation.limits]\n",
        "[organisation]\nname = \"O\"\nroot = \"a\"\n[organisation.warnings]\nallow = []\n[organisation.warnings]\n",
        "[organisation]\nname = \"O\"\nroot = \"a\"\n[organisation]\nname = \"O\"\nroot = \"a\"\n",
        "[organisation]\nname = \"O\"\nroot = \"a\"\nlimits = 3\n",
        "[output]\npdf = yes\n",
        "[views]\nid = \"v\"\n",
        // Unusual TOML, read by the full reader.
        "[units.a]\nname = \"A\\tB\"\nkind = \"dienst\"\n",
        "[units.a]\nname = \"\"\"A\"\"\"\nkind = \"dienst\"\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\ndescription = '''x'''\n",
        "[units.\"a\"]\nname = \"A\"\nkind = \"dienst\"\n",
        "[ units.a ]\nname = \"A\"\nkind = \"dienst\"\n",
        "[units.a]\nname.x = \"A\"\nkind = \"dienst\"\n",
        "units.a.name = \"A\"\n",
        "[units]\na = { name = \"A\", kind = \"dienst\" }\n",
        "[units.a]\nname = \"A\"\r\nkind = \"dienst\"\r",
        "\u{feff}[units.a]\nname = \"A\"\nkind = \"dienst\"\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\n# a \u{7} bell\n",
        "[units.a]\nname = \"A\"\nkind = \"dienst\"\n[units.b]\nname = \"B\"\nkind = \"dienst\"\n[[units.a.posts]]\ntitle = \"T\"\n",
        "[bodies.a]\nname = \"A\"\n[[units.a.posts]]\ntitle = \"T\"\n",
    ] {
        assert!(!agree(text), "taken by the quick reader:\n{text}");
    }
    // And the usual shapes are taken.
    for text in [
        unit.to_string(),
        format!("# comment\n\n{unit}tags = [\n  \"x\", # first\n  'y',\n]\n"),
        format!("{unit}fte = 0\n[[units.a.posts]]\ntitle = \"T\"\nhead = true\nfte = 0.5\n"),
        format!("{unit}[[units.a.changes]]\nfrom = 2020-02-29\ntags = []\n"),
        "[organisation]\nname = \"O\"\nroot = \"a\"\n[organisation.limits]\nmax_depth = 4\n[organisation.warnings]\nallow = [\"no-fte\"]\n".to_string(),
        "[[transfers]]\ntask = \"t\"\nfrom = \"a\"\nto = \"b\"\ndate = 2017-09-01\n".to_string(),
        "[bodies.raad]\nname = \"Raad\"\n[[bodies.raad.relations]]\nto = \"b\"\nfrom = 2019-01-01\n".to_string(),
        "[kinds.dienst]\nlabel = \"Dienst\"\n\r\n[output]\npng = false\n".to_string(),
        String::new(),
    ] {
        assert!(agree(&text), "not taken by the quick reader:\n{text}");
    }
}

/// Small edits of a file in the usual shapes.
fn edited() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "\"",
        "'",
        "[",
        "]",
        "[[",
        "]]",
        "=",
        ",",
        ".",
        "#",
        "\n",
        "\r",
        "\t",
        " ",
        "\\",
        "\"\"\"",
        "{",
        "}",
        "0",
        "1.5",
        "-",
        "true",
        "2019-01-01",
        "1979-05-27T07:32:00",
        "name",
        "posts",
        "units",
        "from",
        "\u{0}",
        "é",
        "x = 1\n",
        "[units.a]\n",
        "[[units.u1.posts]]\n",
    ]);
    let base = prop::sample::select(vec![
        crate::synthetic::dated_files(12, 6, 3)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .concat(),
        "[organisation]\nname = \"O\"\nroot = \"a\"\n[organisation.limits]\nmax_depth = 4\n\
         [organisation.warnings]\nallow = [\"no-fte\"]\n[output]\npdf = true\npaper = \"a4\"\n\
         [kinds.dienst]\nlabel = \"Dienst\"\n[units.a]\nname = \"A\"\nkind = \"dienst\"\n\
         tags = [\"x\", 'y']\n[[units.a.posts]]\ntitle = \"T\"\nfrom = 2019-01-01\n\
         [[links]]\nfrom = \"a\"\nto = \"b\"\nsince = 2019-02-01\n[[views]]\nid = \"v\"\n\
         title = \"V\"\nroot = \"a\"\ndepth = 2\n[bodies.raad]\nname = \"R\"\n\
         [[bodies.raad.relations]]\nto = \"x\"\n"
            .to_string(),
    ]);
    let edit = (
        0usize..4,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        tokens,
    );
    (base, prop::collection::vec(edit, 1..4)).prop_map(|(mut text, edits)| {
        for (kind, at, to, token) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match kind {
                0 => text.insert_str(at, token),
                1 => {
                    let mut end = (at + 1 + to.index(8)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => {
                    // A line written twice, or moved.
                    let lines: Vec<&str> = text.split_inclusive('\n').collect();
                    let i = to
                        .index(lines.len().max(1))
                        .min(lines.len().saturating_sub(1));
                    let line = lines.get(i).copied().unwrap_or("").to_string();
                    let mut rest: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                    if kind == 3 && !rest.is_empty() {
                        rest.remove(i);
                    }
                    let j = at.min(rest.len());
                    rest.insert(j, line);
                    text = rest.concat();
                }
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512)
    ))]
    #[test]
    fn the_readers_agree_on_edited_files(text in edited()) {
        agree(&text);
    }
}
