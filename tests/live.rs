//! `organogram serve` and `organogram watch`: rebuild on change, on loopback,
//! bounded in time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Kills the child when the test ends, whatever happens.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy_org(to: &Path) -> PathBuf {
    let org = to.join("org");
    std::fs::create_dir_all(&org).unwrap();
    for entry in std::fs::read_dir("org").unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, org.join(path.file_name().unwrap())).unwrap();
        }
    }
    org
}

/// Starts organogram and returns it with a channel of its stderr lines.
fn start(args: &[&str]) -> (Running, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_organogram"))
        .args(args)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (Running(child), rx)
}

fn wait_for_line(rx: &mpsc::Receiver<String>, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("no line with `{needle}` within 30 s");
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    // PDFs are binary: their body is only checked for its status.
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__organogram/status").1).unwrap()
}

fn wait_for_status(
    port: u16,
    what: &str,
    ok: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let s = status(port);
        if ok(&s) {
            return s;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not happen within 30 s: {}", status(port));
}

#[test]
fn serve_rebuilds_after_an_edit_and_shows_diagnostics_after_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let org = copy_org(dir.path());
    let (_server, rx) = start(&["serve", org.to_str().unwrap(), "--port", "0"]);
    let line = wait_for_line(&rx, "serving http://127.0.0.1:");
    let after = line.split("127.0.0.1:").nth(1).unwrap();
    let port: u16 = after.split('/').next().unwrap().parse().unwrap();

    let first = status(port);
    assert_eq!(first["errors"], serde_json::Value::Null);
    let version = first["version"].as_u64().unwrap();
    let (code, page) = get(port, "/");
    assert_eq!(code, 200);
    assert!(
        page.contains("/__organogram/live.js"),
        "pages get the live-reload script"
    );
    assert_eq!(get(port, "/__organogram/live.js").0, 200);
    assert_eq!(get(port, "/../../etc/passwd").0, 404);

    // A good edit: a new unit (dated: ISB itself only exists since 2017).
    let file = org.join("isb.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(
        "\n[units.nieuw]\nname = \"Nieuwe dienst\"\nkind = \"dienst\"\nparent = \"isb\"\nfte = 2\nfrom = 2025-01-01\n",
    );
    std::fs::write(&file, &text).unwrap();
    let after = wait_for_status(port, "a rebuild", |s| {
        s["version"].as_u64().unwrap() > version
    });
    assert_eq!(after["errors"], serde_json::Value::Null);

    // A bad edit: the diagnostics are shown, the previous build is still served.
    text.push_str(
        "\n[units.kapot]\nname = \"Kapot\"\nkind = \"dienst\"\nparent = \"bestaat-niet\"\n",
    );
    std::fs::write(&file, &text).unwrap();
    let broken = wait_for_status(port, "an error report", |s| !s["errors"].is_null());
    let errors = broken["errors"].as_str().unwrap();
    assert!(errors.contains("error[E0026]"), "{errors}");
    assert!(errors.contains("bestaat-niet"));
    assert_eq!(get(port, "/").0, 200);
}

/// (files in the build, files new or changed) of a serve build's line.
fn build_counts(line: &str) -> (usize, usize) {
    let number = |after: &str| -> usize {
        let rest = line.split(after).nth(1).unwrap_or_else(|| panic!("{line}"));
        rest.trim_start()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (number("built"), number("files,"))
}

/// A synthetic organisation of `units` units in `dir`/org, too large for
/// the whole tree in every sidebar; returns it and the file whose last unit
/// the tests rename.
fn synthetic_org(dir: &Path, units: usize) -> (PathBuf, PathBuf) {
    let org = dir.join("org");
    std::fs::create_dir_all(&org).unwrap();
    let mut last = None;
    for (name, text) in organogram::synthetic::files(units, 5) {
        if name.starts_with("directie") {
            last = Some(org.join(&name));
        }
        std::fs::write(org.join(name), text).unwrap();
    }
    (org, last.unwrap())
}

/// Renames the last unit of `file`; returns its new name.
fn rename_last_unit(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let at = text.rfind("\nname = \"").unwrap() + "\nname = \"".len();
    let end = at + text[at..].find('"').unwrap();
    let name = format!("{} (hernoemd)", &text[at..end]);
    std::fs::write(file, format!("{}{name}{}", &text[..at], &text[end..])).unwrap();
    name
}

#[test]
fn serve_makes_again_only_what_an_edit_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (org, file) = synthetic_org(dir.path(), 600);
    let (_server, rx) = start(&["serve", org.to_str().unwrap(), "--port", "0"]);
    let (all, first) = build_counts(&wait_for_line(&rx, "(build 1)"));
    assert_eq!(first, all, "a first build makes everything");
    wait_for_line(&rx, "serving http://127.0.0.1:");

    // One unit renamed: its page, its parent's and the charts it is on.
    rename_last_unit(&file);
    let (total, changed) = build_counts(&wait_for_line(&rx, "(build 2)"));
    assert_eq!(total, all);
    assert!(
        changed > 0 && changed * 20 < all,
        "{changed} of {all} files changed after renaming one unit"
    );

    // Saved again without a change: nothing changes.
    let same = std::fs::read(&file).unwrap();
    std::fs::write(&file, same).unwrap();
    let (_, again) = build_counts(&wait_for_line(&rx, "(build 3)"));
    assert_eq!(again, 0);
}

#[test]
fn watch_leaves_the_output_as_it_was_after_a_bad_edit() {
    let dir = tempfile::tempdir().unwrap();
    let org = copy_org(dir.path());
    let out = dir.path().join("out");
    let (_watcher, rx) = start(&[
        "watch",
        org.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    wait_for_line(&rx, "watching");
    assert!(out.join(".organogram-output").exists());
    let file = org.join("isb.toml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{good}{BROKEN_UNIT}")).unwrap();
    wait_for_line(&rx, "is left as it was");
}

#[test]
fn watch_rewrites_only_what_an_edit_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (org, file) = synthetic_org(dir.path(), 600);
    let out = dir.path().join("out");
    let (_watcher, rx) = start(&[
        "watch",
        org.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-pdf",
    ]);
    wait_for_line(&rx, "watching");
    // The last unit of the first division: far from the renamed one.
    let first = std::fs::read_to_string(org.join("directie-000.toml")).unwrap();
    let id = first
        .rsplit("\n[units.")
        .next()
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    let untouched = out.join(format!("html/units/{id}.html"));
    let before = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    let name = rename_last_unit(&file);
    let line = wait_for_line(&rx, "wrote");
    assert!(
        line.contains(": 0 new,") && line.contains(" 0 removed"),
        "{line}"
    );
    let changed: usize = line
        .split(" new, ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!((1..40).contains(&changed), "{line}");
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        before,
        "a page the edit does not touch stays as it was"
    );
    let found = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .any(|p| std::fs::read_to_string(p).unwrap().contains(&name));
    assert!(found, "the new name is in the handbook");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn serve_leaves_the_pdfs_out_unless_asked() {
    let port_of = |rx: &mpsc::Receiver<String>| -> u16 {
        let line = wait_for_line(rx, "serving http://127.0.0.1:");
        let after = line.split("127.0.0.1:").nth(1).unwrap();
        after.split('/').next().unwrap().parse().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let org = copy_org(dir.path());
    // `[output] pdf = true` asks the build for PDFs, not the live preview.
    let file = org.join("organisatie.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n[output]\npdf = true\npng = true\n");
    std::fs::write(&file, text).unwrap();

    let (server, rx) = start(&["serve", org.to_str().unwrap(), "--port", "0"]);
    let port = port_of(&rx);
    assert_eq!(get(port, "/svg/organisation.svg").0, 200);
    assert_eq!(get(port, "/pdf/groep-mechelen.pdf").0, 404);
    assert_eq!(get(port, "/png/organisation.png").0, 404);
    drop(server);

    let (_server, rx) = start(&["serve", org.to_str().unwrap(), "--port", "0", "--pdf"]);
    let port = port_of(&rx);
    assert_eq!(get(port, "/pdf/groep-mechelen.pdf").0, 200);
    assert_eq!(get(port, "/png/organisation.png").0, 404);
}

/// Starts `serve` on `org` and returns it with its port. Its stderr is read
/// to the end: a closed pipe would end serve at its next message.
fn serve(org: &Path) -> (Running, u16) {
    let (server, rx) = start(&["serve", org.to_str().unwrap(), "--port", "0"]);
    let line = wait_for_line(&rx, "serving http://127.0.0.1:");
    let after = line.split("127.0.0.1:").nth(1).unwrap();
    std::thread::spawn(move || for _ in rx {});
    (server, after.split('/').next().unwrap().parse().unwrap())
}

const BROKEN_UNIT: &str =
    "\n[units.kapot]\nname = \"Kapot\"\nkind = \"dienst\"\nparent = \"bestaat-niet\"\n";

#[test]
fn serve_on_a_broken_folder_explains_the_problems_on_every_page_until_they_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let org = copy_org(dir.path());
    let file = org.join("isb.toml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{good}{BROKEN_UNIT}")).unwrap();
    let (_server, port) = serve(&org);

    let s = status(port);
    assert_eq!(s["built"], false, "{s}");
    assert_eq!(s["lang"], "nl-BE", "{s}");
    for path in ["/", "/index.html", "/units/isb.html"] {
        let (code, page) = get(port, path);
        assert_eq!(code, 503, "{path}");
        assert!(page.contains("<html lang=\"nl-BE\">"), "{path}: {page}");
        assert!(
            page.contains("De organisatie bevat fouten"),
            "{path}: {page}"
        );
        assert!(
            page.contains("error[E0026]") && page.contains("bestaat-niet"),
            "{path}: {page}"
        );
        assert!(
            page.contains("/__organogram/live.js"),
            "{path}: it must recover by itself"
        );
        assert!(
            !page.contains("previous build") && !page.contains("vorige build"),
            "{path}"
        );
    }

    std::fs::write(&file, &good).unwrap();
    let fixed = wait_for_status(port, "the fixed build", |s| s["errors"].is_null());
    assert_eq!(fixed["built"], true);
    let (code, page) = get(port, "/units/isb.html");
    assert_eq!(code, 200);
    assert!(page.contains("/__organogram/live.js"));
}

#[test]
fn a_missing_page_is_a_localised_not_found_page_that_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let org = copy_org(dir.path());
    let (_server, port) = serve(&org);
    let version = status(port)["version"].as_u64().unwrap();

    let (code, page) = get(port, "/units/nieuw.html");
    assert_eq!(code, 404);
    assert!(page.contains("<html lang=\"nl-BE\">"), "{page}");
    assert!(page.contains("Pagina niet gevonden"), "{page}");
    assert!(
        page.contains("/units/nieuw.html"),
        "the address is shown: {page}"
    );
    assert!(
        page.contains("<script src=\"/__organogram/live.js\">"),
        "the page reloads itself after the next build: {page}"
    );

    let file = org.join("isb.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(
        "\n[units.nieuw]\nname = \"Nieuwe dienst\"\nkind = \"dienst\"\nparent = \"isb\"\nfte = 2\nfrom = 2025-01-01\n",
    );
    std::fs::write(&file, &text).unwrap();
    wait_for_status(port, "a rebuild", |s| {
        s["version"].as_u64().unwrap() > version
    });
    let (code, page) = get(port, "/units/nieuw.html");
    assert_eq!(code, 200);
    assert!(page.contains("Nieuwe dienst"));
}

#[test]
fn an_english_organisation_gets_english_serve_pages() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    std::fs::create_dir_all(&org).unwrap();
    let text = std::fs::read_to_string("tests/fixtures/publish/org.toml").unwrap();
    std::fs::write(
        org.join("org.toml"),
        text.replace(
            "parent = \"council\"\nfte = 12",
            "parent = \"nowhere\"\nfte = 12",
        ),
    )
    .unwrap();
    let (_server, port) = serve(&org);
    let s = status(port);
    assert_eq!(s["lang"], "en", "{s}");
    let (code, page) = get(port, "/");
    assert_eq!(code, 503);
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(page.contains("The organisation has errors"), "{page}");
    assert!(page.contains("nowhere"), "{page}");

    std::fs::write(org.join("org.toml"), &text).unwrap();
    wait_for_status(port, "the fixed build", |s| s["built"] == true);
    let (code, page) = get(port, "/units/gone.html");
    assert_eq!(code, 404);
    assert!(page.contains("Page not found"), "{page}");
}
