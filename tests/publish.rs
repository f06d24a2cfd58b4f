//! Publishing the handbook: the footer of every page (last changed,
//! revision, contact), canonical links and the sitemap of `--site-url`, and
//! a site that works under any sub-path (no root-absolute links).

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/publish";
/// 2026-12-01.
const EPOCH: &str = "1796083200";

/// Runs `organogram` with `args` and environment variables `env`; the
/// variables that set the footer are cleared unless given.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_organogram"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("ORGANOGRAM_REVISION");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run organogram")
}

/// Builds `org` into `out`, expecting success.
fn build(org: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) {
    let mut args = vec![
        "build",
        org.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let o = run(&args, env);
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every file under `dir` with the given extension: relative path → text.
fn files(dir: &Path, ext: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

/// The values of every `name="…"` attribute in `html`.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pattern = format!(" {name}=\"");
    html.match_indices(&pattern)
        .map(|(i, _)| {
            let rest = &html[i + pattern.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

#[test]
fn every_page_has_a_footer_with_date_revision_and_contact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(
        Path::new(FIXTURE),
        &out,
        &[],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    let pages = files(&out.join("html"), "html");
    assert!(pages.len() >= 6, "{:?}", pages.keys());
    // The date and revision in the one file every page reads.
    let script = fs::read_to_string(out.join("html/assets/build-info.js")).unwrap();
    let data = between(&script, "var build = ", ";\n").expect("build data");
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(data["date"], "2026-12-01");
    assert_eq!(data["text"], "1 December 2026");
    // Not in git: a hash of the sources, said to be one.
    let revision = data["revision"].as_str().unwrap();
    assert!(
        revision.len() == 12 && revision.bytes().all(|b| b.is_ascii_hexdigit()),
        "{revision}"
    );
    assert_eq!(data["note"], "hash of the source files");
    for (path, html) in &pages {
        assert_eq!(
            html.matches("<footer class=\"site-footer\">").count(),
            1,
            "{path}"
        );
        let footer = between(html, "<footer class=\"site-footer\">", "</footer>").unwrap();
        let root = "../".repeat(path.matches('/').count());
        if path == "index.html" {
            // The overview shows them itself, for readers without script.
            assert!(
                footer
                    .contains("Last changed: <time datetime=\"2026-12-01\">1 December 2026</time>"),
                "{path}: {footer}"
            );
            assert!(
                footer.contains(&format!(
                    "Revision: <code>{revision}</code> (hash of the source files)"
                )),
                "{path}: {footer}"
            );
        } else {
            assert!(
                html.contains(&format!(
                    "<script src=\"{root}assets/build-info.js\" defer>"
                )),
                "{path}"
            );
            assert!(
                footer.contains(&format!(
                    "Last changed: <span data-build=\"date\"><a href=\"{root}index.html#build\">see the overview page</a></span>"
                )),
                "{path}: {footer}"
            );
            assert!(
                footer.contains("<span class=\"footer-item\" data-build=\"revision\" hidden>Revision: <code></code></span>"),
                "{path}: {footer}"
            );
            assert!(!footer.contains(revision), "{path}: {footer}");
        }
        assert!(
            footer
                .contains("Contact: <a href=\"mailto:people@example.org\">people@example.org</a>"),
            "{path}: {footer}"
        );
        // Every datetime is a valid date.
        for value in attributes(html, "datetime") {
            let (y, rest) = value.split_once('-').expect(value);
            let (m, d) = rest.split_once('-').expect(value);
            assert!(
                y.len() == 4 && m.len() == 2 && d.len() == 2,
                "{path}: {value}"
            );
            let (m, d): (u32, u32) = (m.parse().unwrap(), d.parse().unwrap());
            assert!(
                (1..=12).contains(&m) && (1..=31).contains(&d),
                "{path}: {value}"
            );
        }
    }
    // The book: one footer line, which every page includes (mdBook).
    let line = fs::read_to_string(out.join("md/footer.md")).unwrap();
    assert_eq!(
        line,
        format!(
            "*Last changed: 1 December 2026 · Revision: `{revision}` (hash of the source files) · Contact: [people@example.org](<mailto:people@example.org>)*\n"
        )
    );
    for (path, md) in files(&out.join("md"), "md") {
        if path == "SUMMARY.md" || path == "footer.md" {
            continue;
        }
        let root = "../".repeat(path.matches('/').count());
        let last = md.lines().last().unwrap();
        assert_eq!(last, format!("{{{{#include {root}footer.md}}}}"), "{path}");
    }
}

#[test]
fn the_footer_is_dutch_for_a_dutch_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(
        Path::new("org"),
        &out,
        &["--revision", "v2.0"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    let html = fs::read_to_string(out.join("html/index.html")).unwrap();
    let footer = between(&html, "<footer class=\"site-footer\">", "</footer>").unwrap();
    assert!(
        footer.contains("Laatst gewijzigd: <time datetime=\"2026-12-01\">1 december 2026</time>"),
        "{footer}"
    );
    assert!(footer.contains("Revisie: <code>v2.0</code>"), "{footer}");
    assert!(
        !footer.contains("hash"),
        "a given revision is not a hash: {footer}"
    );
}

#[test]
fn two_builds_of_the_same_input_are_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let env = [("SOURCE_DATE_EPOCH", EPOCH)];
    let site = ["--site-url", "https://example.org/handbook/"];
    build(Path::new(FIXTURE), &a, &site, &env);
    // A copy elsewhere: the revision hashes paths inside the folder only.
    let org = dir.path().join("elsewhere/org");
    copy_dir(Path::new(FIXTURE), &org);
    build(&org, &b, &site, &env);
    for ext in ["html", "md", "xml", "txt", "js", "svg"] {
        assert_eq!(files(&a, ext), files(&b, ext), "{ext} files differ");
    }
}

#[test]
fn the_revision_comes_from_the_option_or_the_environment_and_rebuilds_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let env = [("SOURCE_DATE_EPOCH", EPOCH)];
    let info = || fs::read_to_string(out.join("html/assets/build-info.js")).unwrap();
    let overview = || fs::read_to_string(out.join("html/index.html")).unwrap();
    let ino = |p: &str| std::os::unix::fs::MetadataExt::ino(&fs::metadata(out.join(p)).unwrap());
    build(Path::new(FIXTURE), &out, &["--revision", "release-1"], &env);
    assert!(info().contains("\"revision\":\"release-1\""));
    assert!(overview().contains("Revision: <code>release-1</code>"));
    let unit_page = ino("html/units/housing.html");
    build(
        Path::new(FIXTURE),
        &out,
        &[],
        &[
            ("SOURCE_DATE_EPOCH", EPOCH),
            ("ORGANOGRAM_REVISION", "release-2"),
        ],
    );
    assert!(
        info().contains("\"revision\":\"release-2\"")
            && overview().contains("Revision: <code>release-2</code>"),
        "an incremental build kept the old revision"
    );
    // The unit's page reads the revision from build-info.js: not rewritten.
    assert_eq!(ino("html/units/housing.html"), unit_page);
    build(
        Path::new(FIXTURE),
        &out,
        &["--revision", "release-3"],
        &[
            ("SOURCE_DATE_EPOCH", EPOCH),
            ("ORGANOGRAM_REVISION", "release-2"),
        ],
    );
    assert!(
        info().contains("\"revision\":\"release-3\""),
        "the option wins"
    );
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "HR")
        .env("GIT_AUTHOR_EMAIL", "hr@example.org")
        .env("GIT_COMMITTER_NAME", "HR")
        .env("GIT_COMMITTER_EMAIL", "hr@example.org")
        .env("GIT_AUTHOR_DATE", "2026-03-14T12:00:00+01:00")
        .env("GIT_COMMITTER_DATE", "2026-03-14T12:00:00+01:00")
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn footer_of(out: &Path) -> String {
    let html = fs::read_to_string(out.join("html/index.html")).unwrap();
    between(&html, "<footer class=\"site-footer\">", "</footer>")
        .unwrap()
        .to_string()
}

#[test]
fn in_git_the_footer_names_the_last_commit_that_touched_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let org = repo.join("org");
    copy_dir(Path::new(FIXTURE), &org);
    fs::write(repo.join("README.md"), "notes\n").unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "organisation"]);
    let commit = git(&repo, &["rev-parse", "HEAD"]);
    // A later commit elsewhere in the repository does not count.
    fs::write(repo.join("README.md"), "more notes\n").unwrap();
    Command::new("git")
        .arg("-C")
        .arg(&repo)
        .args(["commit", "-qam", "notes"])
        .env("GIT_AUTHOR_NAME", "HR")
        .env("GIT_AUTHOR_EMAIL", "hr@example.org")
        .env("GIT_COMMITTER_NAME", "HR")
        .env("GIT_COMMITTER_EMAIL", "hr@example.org")
        .env("GIT_COMMITTER_DATE", "2026-05-01T12:00:00+02:00")
        .output()
        .unwrap();

    let out = dir.path().join("out");
    build(&org, &out, &[], &[]);
    let footer = footer_of(&out);
    assert!(
        footer.contains("<time datetime=\"2026-03-14\">14 March 2026</time>"),
        "{footer}"
    );
    assert!(
        footer.contains(&format!("Revision: <code>{}</code></span>", &commit[..12])),
        "{footer}"
    );

    // SOURCE_DATE_EPOCH wins, and then the revision is no commit.
    build(&org, &out, &[], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    let footer = footer_of(&out);
    assert!(footer.contains("datetime=\"2026-12-01\""), "{footer}");
    assert!(footer.contains("(hash of the source files)"), "{footer}");

    // A shallow clone does not know which commit touched the folder last.
    let shallow = dir.path().join("shallow");
    let url = format!("file://{}", repo.display());
    let o = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(&shallow)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    build(
        &shallow.join("org"),
        &out,
        &[],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    let from_shallow = footer_of(&out);
    assert_eq!(
        from_shallow, footer,
        "a shallow clone builds the same footer"
    );
    build(&shallow.join("org"), &out, &[], &[]);
    assert!(footer_of(&out).contains("(hash of the source files)"));

    // An uncommitted edit: the commit no longer describes the files.
    let toml = org.join("org.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, text.replace("fte = 4.5", "fte = 5")).unwrap();
    build(&org, &out, &[], &[]);
    let footer = footer_of(&out);
    assert!(!footer.contains(&commit[..12]), "{footer}");
    assert!(footer.contains("(hash of the source files)"), "{footer}");
}

#[test]
fn a_site_url_gives_canonical_links_and_a_sitemap_of_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(
        Path::new(FIXTURE),
        &out,
        &["--site-url", "https://example.org/handbook"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    let html = out.join("html");
    let pages = files(&html, "html");
    let sitemap = fs::read_to_string(html.join("sitemap.xml")).unwrap();
    let listed: Vec<&str> = sitemap
        .match_indices("<loc>")
        .map(|(i, _)| between(&sitemap[i..], "<loc>", "</loc>").unwrap())
        .collect();
    assert_eq!(listed.len(), pages.len(), "{sitemap}");
    assert_eq!(
        sitemap.matches("<lastmod>2026-12-01</lastmod>").count(),
        pages.len()
    );
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    for (path, text) in &pages {
        assert_eq!(
            text.matches("<link rel=\"canonical\"").count(),
            1,
            "{path}: one canonical link"
        );
        let url = between(text, "<link rel=\"canonical\" href=\"", "\"")
            .unwrap()
            .replace("&#x2f;", "/");
        let expected = if path == "index.html" {
            "https://example.org/handbook/".to_string()
        } else {
            format!("https://example.org/handbook/{path}")
        };
        assert_eq!(url, expected, "{path}");
        assert_eq!(
            listed.iter().filter(|l| **l == expected).count(),
            1,
            "{path} is listed once in the sitemap"
        );
    }
    let robots = fs::read_to_string(html.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.org/handbook/sitemap.xml"),
        "{robots}"
    );

    // Without a site address: no canonical links and no sitemap.
    build(
        Path::new(FIXTURE),
        &out,
        &[],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    assert!(!html.join("sitemap.xml").exists());
    assert!(!html.join("robots.txt").exists());
    for (path, text) in files(&html, "html") {
        assert!(!text.contains("rel=\"canonical\""), "{path}");
    }
}

#[test]
fn the_site_url_can_be_set_in_the_organisation_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    copy_dir(Path::new(FIXTURE), &org);
    let toml = org.join("org.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        text.replace(
            "contact = ",
            "site_url = \"https://intranet.example.org/org\"\ncontact = ",
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    build(&org, &out, &[], &[]);
    let index = fs::read_to_string(out.join("html/index.html")).unwrap();
    assert!(
        index.contains("<link rel=\"canonical\" href=\"https://intranet.example.org/org/\">"),
        "{index}"
    );
    // --site-url wins.
    build(&org, &out, &["--site-url", "https://www.example.org/"], &[]);
    let sitemap = fs::read_to_string(out.join("html/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://www.example.org/units/housing.html</loc>"),
        "{sitemap}"
    );

    fs::write(
        &toml,
        text.replace("contact = ", "site_url = \"intranet/org\"\ncontact = "),
    )
    .unwrap();
    let o = run(&["check", org.to_str().unwrap()], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`site_url` of [organisation] is not a web address"),
        "{err}"
    );
    assert!(
        err.contains("https://example.org/handbook/"),
        "the fix is shown: {err}"
    );

    let o = run(&["build", FIXTURE, "--site-url", "example.org"], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("does not start with https:// or http://"),
        "{err}"
    );
}

/// Values that would leave a site published under a sub-path: a link to
/// the host's root (`/assets/…`) or to another host without a scheme.
fn root_absolute(value: &str) -> bool {
    value.starts_with('/')
}

#[test]
fn no_link_in_the_site_is_root_absolute() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(
        Path::new("org"),
        &out,
        &["--site-url", "https://example.org/handbook/"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    let html = out.join("html");
    let mut checked = 0;
    let mut docs: Vec<(String, String)> = files(&html, "html").into_iter().collect();
    docs.extend(files(&out.join("svg"), "svg"));
    docs.extend(files(&out.join("md"), "svg"));
    for (path, text) in &docs {
        for name in [
            "href",
            "src",
            "xlink:href",
            "action",
            "srcset",
            "poster",
            "data",
        ] {
            for value in attributes(text, name) {
                checked += 1;
                assert!(!root_absolute(value), "{path}: {name}=\"{value}\"");
            }
        }
        assert!(
            !text.contains("__organogram"),
            "{path}: the live script is only for serve"
        );
    }
    assert!(checked > 1000, "only {checked} links checked");
    // The stylesheet's url(…) and the scripts' page paths.
    let css = fs::read_to_string(html.join("assets/style.css")).unwrap();
    for (i, _) in css.match_indices("url(") {
        let value = css[i + 4..].trim_start_matches(['"', '\'']);
        assert!(
            !root_absolute(value) || value.starts_with("data:"),
            "style.css: {}",
            &css[i..i + 40]
        );
    }
    let index = fs::read_to_string(html.join("assets/search-index.js")).unwrap();
    let json = index
        .trim_start_matches("window.ORGANOGRAM_SEARCH = ")
        .trim_end()
        .trim_end_matches(';');
    let entries: serde_json::Value = serde_json::from_str(json).expect("the index is JSON");
    // Each entry is an array whose second field is the page's path.
    let mut paths = 0;
    for entry in entries["d"].as_array().expect("the index's entries") {
        let p = entry[1].as_str().unwrap_or("");
        paths += 1;
        assert!(
            !root_absolute(p) && !p.contains("://"),
            "search index path {p}"
        );
    }
    assert!(paths > 20, "only {paths} search paths");
    let js = fs::read_to_string(html.join("assets/handbook.js")).unwrap();
    for bad in [
        "location.origin",
        "\"/assets",
        "'/assets",
        "\"/units",
        "'/units",
    ] {
        assert!(!js.contains(bad), "handbook.js: {bad}");
    }
}

#[test]
fn the_site_folder_is_all_a_host_needs() {
    // Publishing uploads out/html alone: every local link must stay inside it.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(Path::new("org"), &out, &[], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    let html = out.join("html");
    for (path, text) in files(&html, "html") {
        let page_dir: PathBuf = Path::new(&path).parent().unwrap().to_path_buf();
        for value in attributes(&text, "href")
            .into_iter()
            .chain(attributes(&text, "src"))
        {
            if value.contains(':') || value.starts_with('#') {
                continue;
            }
            let target = value.split(['#', '?']).next().unwrap();
            if target.is_empty() {
                continue;
            }
            let target = target.replace("&#x2f;", "/");
            let mut depth: i32 = page_dir.components().count() as i32;
            for part in target.split('/') {
                if part == ".." {
                    depth -= 1;
                }
            }
            if depth < 0 {
                // Known gap: the chart download links (SVG, PDF, PNG) point
                // into out/svg, out/png and out/pdf, beside the site, so they do not
                // resolve when out/html alone is published. Every other link
                // must stay inside the site.
                let outside = target.trim_start_matches("../");
                assert!(
                    ["svg/", "png/", "pdf/"]
                        .iter()
                        .any(|d| outside.starts_with(d)),
                    "{path}: `{value}` leads out of the site folder"
                );
                assert!(
                    out.join(outside).exists(),
                    "{path}: `{value}` does not exist"
                );
                continue;
            }
            assert!(
                html.join(&page_dir).join(&target).exists(),
                "{path}: `{value}` does not exist in out/html"
            );
        }
    }
}
