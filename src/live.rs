//! `organogram watch` and `organogram serve`: rebuild when the organisation
//! or the templates change.
//!
//! `watch` builds into its output folder as `build` does: only what
//! changed is made and written. `serve` keeps the last good build in memory
//! ([`kept`]), makes again only the files that changed, and serves its HTML
//! on loopback; a small script in every page polls the build number and reloads
//! the page after a rebuild, or lays the diagnostics over the page when the
//! organisation has become invalid (the previous build stays served). Until
//! a first build succeeds, every page address shows the problems; an
//! address without a file gets a "not found" page, which reloads too.

pub mod kept;
mod pages;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::compile::{self, BuildOptions};
use crate::diagnostics::{self, Diagnostic};
use crate::model::Locale;
use crate::source::Sources;
use kept::{Kept, Rebuild};

/// The result of one build, with the organisation's language (for the
/// pages and messages `serve` adds).
pub enum Outcome {
    /// The build, how many of its files are new or changed since the last
    /// build, and the warnings.
    Built(Arc<Kept>, usize, Vec<String>, Locale),
    /// The organisation has errors: the rendered diagnostics.
    Invalid(Vec<String>, Locale),
}

/// A checked organisation, or what to show instead.
enum Checked {
    Valid(Box<crate::model::Organisation>, Sources, Vec<String>),
    Invalid(Vec<String>, Locale),
}

fn check(org_dir: &Path, options: &BuildOptions) -> Checked {
    let at = options.at.unwrap_or_else(crate::model::Date::today);
    let checked = match compile::check_dir_at(org_dir, at) {
        Ok(checked) => checked,
        Err(e) => {
            return Checked::Invalid(
                vec![format!("error: cannot read `{}`: {e}", org_dir.display())],
                Locale::default(),
            );
        }
    };
    let rendered = render_all(&checked.diagnostics, &checked.sources);
    match checked.organisation {
        Some(org) if !checked.diagnostics.iter().any(Diagnostic::is_error) => {
            Checked::Valid(Box::new(org), checked.sources, rendered)
        }
        organisation => {
            let locale = organisation
                .as_ref()
                .map_or_else(|| written_locale(&checked.sources), |org| org.locale);
            Checked::Invalid(rendered, locale)
        }
    }
}

/// The options of a build of the organisation in `org_dir`, with where its
/// files come from (the footer's date and revision).
fn with_provenance(org_dir: &Path, sources: &Sources, options: &BuildOptions) -> BuildOptions {
    BuildOptions {
        provenance: Some(crate::provenance::Provenance::detect(
            org_dir, sources, None,
        )),
        ..options.clone()
    }
}

/// Checks and renders the organisation in memory, against the last build:
/// only the files that changed since are made.
pub fn build_once(org_dir: &Path, options: &BuildOptions, last: Arc<Kept>) -> Outcome {
    match check(org_dir, options) {
        Checked::Valid(org, sources, warnings) => {
            let options = with_provenance(org_dir, &sources, options);
            let key = match compile::build_key(&org, &sources, &options.for_org(&org)) {
                Ok(key) => key,
                Err(e) => return Outcome::Invalid(vec![format!("error: {e}")], org.locale),
            };
            // Saved without a change: the same build.
            if last.build == Some(key) {
                return Outcome::Built(last, 0, warnings, org.locale);
            }
            let mut rebuild = Rebuild::on(last).keeping(cache_dir(org_dir));
            match compile::render_into(&org, &options, &mut rebuild) {
                Ok(()) => {
                    let changed = rebuild.changed;
                    let kept = rebuild.finish(key);
                    Outcome::Built(Arc::new(kept), changed, warnings, org.locale)
                }
                Err(e) => Outcome::Invalid(vec![format!("error: {e}")], org.locale),
            }
        }
        Checked::Invalid(errors, locale) => Outcome::Invalid(errors, locale),
    }
}

/// Where `serve` keeps the booklet's sections of the organisation in
/// `org_dir` (with `--pdf`): in the system's folder for temporary files, one
/// folder per organisation folder, so that an edit prints one section again.
fn cache_dir(org_dir: &Path) -> PathBuf {
    let dir = org_dir
        .canonicalize()
        .unwrap_or_else(|_| org_dir.to_path_buf());
    let key = crate::output::KeyHasher::new()
        .update(dir.to_string_lossy().as_bytes())
        .key();
    let name = crate::output::hex(&key[..8]);
    std::env::temp_dir().join(format!("organogram-serve-{name}"))
}

/// Checks the organisation and builds it into `out` as `build` does (only
/// what changed is made and written); returns what to print.
pub fn build_into(org_dir: &Path, options: &BuildOptions, out: &Path) -> String {
    let shown = out.display();
    match check(org_dir, options) {
        Checked::Valid(org, sources, warnings) => {
            let options = with_provenance(org_dir, &sources, options);
            let progress = crate::progress::Progress::hidden();
            let mut on_wait = || eprintln!("waiting for another build into `{shown}` to finish…");
            let mut text: String = warnings.iter().map(|w| format!("{w}\n\n")).collect();
            text.push_str(&match compile::build(
                &org,
                &sources,
                &options,
                out,
                progress,
                &mut on_wait,
            ) {
                Ok(c) => format!(
                    "wrote `{shown}`: {} new, {} changed, {} removed",
                    c.added.len(),
                    c.changed.len(),
                    c.removed.len()
                ),
                Err(e) => format!("error: {e}"),
            });
            text
        }
        Checked::Invalid(errors, _) => {
            let mut text: String = errors.iter().map(|e| format!("{e}\n\n")).collect();
            text.push_str(&format!(
                "the organisation has errors; `{shown}` is left as it was"
            ));
            text
        }
    }
}

/// The `locale` of `[organisation]` as written, for an organisation that
/// does not build: the files that still parse are read for it.
fn written_locale(sources: &Sources) -> Locale {
    sources
        .ids()
        .filter_map(|id| toml::from_str::<toml::Table>(&sources.file(id).text).ok())
        .find_map(|table| {
            let locale = table.get("organisation")?.get("locale")?.as_str()?;
            Locale::parse(locale)
        })
        .unwrap_or_default()
}

fn render_all(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| diagnostics::render_human(d, sources, false))
        .collect()
}

/// A watch on the organisation folder (and templates), set up before the
/// first build so that no edit is missed.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
}

impl Watch {
    pub fn new(paths: &[PathBuf]) -> io::Result<Watch> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(io::Error::other)?;
        for path in paths {
            watcher
                .watch(path, RecursiveMode::Recursive)
                .map_err(|e| io::Error::other(format!("cannot watch `{}`: {e}", path.display())))?;
        }
        Ok(Watch {
            _watcher: watcher,
            events,
        })
    }

    /// Calls `on_change` after every burst of changes, until it returns false.
    pub fn run(self, mut on_change: impl FnMut() -> bool) {
        // Only writes count: reading the files for a build must not trigger another.
        let is_change = |event: &notify::Result<notify::Event>| match event {
            Ok(e) => {
                !matches!(e.kind, EventKind::Access(_))
                    && !e.paths.iter().all(|p| is_editor_noise(p))
            }
            Err(_) => true,
        };
        while let Ok(event) = self.events.recv() {
            if !is_change(&event) {
                continue;
            }
            // Editors save in bursts (write, rename, chmod): wait for quiet.
            while self.events.recv_timeout(Duration::from_millis(200)).is_ok() {}
            if !on_change() {
                break;
            }
        }
    }
}

/// Swap and backup files that editors write next to the real ones.
fn is_editor_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
}

/// What `serve` shares between the builder and the HTTP server.
#[derive(Default)]
pub struct LiveState {
    pub tree: Arc<Kept>,
    /// Rises with every build, good or bad.
    pub version: u64,
    /// The diagnostics of the last build when it failed.
    pub errors: Option<String>,
    /// The organisation's language, as of the last build.
    pub locale: Locale,
}

pub type Shared = Arc<Mutex<LiveState>>;

/// The last good build, to make the next one against.
pub fn last_build(state: &Shared) -> Arc<Kept> {
    state.lock().unwrap_or_else(|e| e.into_inner()).tree.clone()
}

/// Applies a build outcome to the shared state; returns what to print.
pub fn apply(state: &Shared, outcome: Outcome) -> String {
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    s.version += 1;
    match outcome {
        Outcome::Built(tree, changed, warnings, locale) => {
            s.locale = locale;
            let n = tree.len();
            s.tree = tree;
            s.errors = None;
            let mut out = warnings.join("\n\n");
            out.push_str(&format!(
                "\nbuilt {n} files, {changed} of them new or changed (build {})",
                s.version
            ));
            out
        }
        Outcome::Invalid(errors, locale) => {
            let text = errors.join("\n\n");
            s.errors = Some(text.clone());
            s.locale = locale;
            if s.tree.is_empty() {
                format!(
                    "{text}\nthe organisation has errors; the pages show them until they are fixed"
                )
            } else {
                format!("{text}\nthe organisation has errors; still serving the previous build")
            }
        }
    }
}

const LIVE_JS: &str = include_str!("live.js");

/// Serves the shared state over HTTP until the process ends.
pub fn serve_http(server: tiny_http::Server, state: Shared) {
    for request in server.incoming_requests() {
        let url = request.url().split('?').next().unwrap_or("/").to_string();
        let response = respond(&url, &state);
        let _ = request.respond(response);
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn respond(url: &str, state: &Shared) -> tiny_http::Response<io::Cursor<Vec<u8>>> {
    let s = state.lock().unwrap_or_else(|e| e.into_inner());
    let ok = |body: Vec<u8>, kind: &str| {
        tiny_http::Response::from_data(body)
            .with_header(header("Content-Type", kind))
            .with_header(header("Cache-Control", "no-store"))
    };
    if url == "/__organogram/status" {
        let body = serde_json::json!({
            "version": s.version,
            "errors": s.errors,
            "built": !s.tree.is_empty(),
            "lang": s.locale.tag(),
        });
        return ok(body.to_string().into_bytes(), "application/json");
    }
    if url == "/__organogram/live.js" {
        return ok(
            LIVE_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        );
    }
    let html = |body: String, code: u16| {
        ok(inject(body.as_bytes()), "text/html; charset=utf-8").with_status_code(code)
    };
    let path = url.trim_start_matches('/');
    if path.split('/').any(|p| p == "..") {
        return html(pages::not_found(s.locale, url), 404);
    }
    if s.tree.is_empty()
        && let Some(errors) = &s.errors
    {
        // Nothing built yet: every address explains why.
        return html(pages::problems(s.locale, errors), 503);
    }
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![
            format!("html/{path}index.html"),
            format!("{path}index.html"),
        ]
    } else {
        vec![
            format!("html/{path}"),
            path.to_string(),
            format!("html/{path}/index.html"),
        ]
    };
    for candidate in &candidates {
        if let Some(content) = s.tree.get(candidate) {
            let kind = content_type(candidate);
            let body = if kind.starts_with("text/html") {
                inject(content)
            } else {
                content.to_vec()
            };
            return ok(body, kind);
        }
    }
    if path.is_empty() {
        // No handbook in the tree: list what there is.
        let mut page = String::from(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>organogram</title></head><body><ul>",
        );
        for file in s.tree.paths() {
            let escaped = file
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('"', "&quot;");
            page.push_str(&format!("<li><a href=\"/{escaped}\">{escaped}</a></li>"));
        }
        page.push_str("</ul></body></html>");
        return ok(inject(page.as_bytes()), "text/html; charset=utf-8");
    }
    html(pages::not_found(s.locale, url), 404)
}

/// Adds the live-reload script to an HTML page.
fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    if text.contains("/__organogram/live.js") {
        return html.to_vec();
    }
    let script = "<script src=\"/__organogram/live.js\"></script>";
    match text.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "md" => "text/markdown; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}
