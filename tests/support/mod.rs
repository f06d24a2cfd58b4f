//! Shared by the handbook tests: building a site and reading HTML.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use organogram::compile::{self, BuildOptions};
use organogram::output::OutputTree;

/// Builds the output of an organisation folder in memory.
pub fn build(dir: &str, public: bool, templates: Option<PathBuf>) -> Result<OutputTree, String> {
    let checked = compile::check_dir(Path::new(dir)).map_err(|e| e.to_string())?;
    let org = checked
        .organisation
        .ok_or_else(|| format!("`{dir}` is not valid"))?;
    compile::render(
        &org,
        &BuildOptions {
            public,
            templates,
            org_dir: Some(PathBuf::from(dir)),
            ..Default::default()
        },
    )
}

pub fn text(tree: &OutputTree, path: &str) -> String {
    String::from_utf8_lossy(tree.get(path).unwrap_or_else(|| panic!("no file {path}"))).into_owned()
}

/// Files under `prefix/` with the given extension: path below prefix → text.
pub fn files(tree: &OutputTree, prefix: &str, ext: &str) -> BTreeMap<String, String> {
    tree.iter()
        .filter_map(|(p, c)| {
            let rel = p.strip_prefix(prefix)?.strip_prefix('/')?;
            rel.ends_with(ext)
                .then(|| (rel.to_string(), String::from_utf8_lossy(c).into_owned()))
        })
        .collect()
}

/// A start or end tag as written: its name and attributes (values decoded).
#[derive(Debug)]
pub struct TagInfo {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

pub fn decode(value: &str) -> String {
    // Numeric references first (`&#x2f;`, `&#47;`), then the named ones.
    let mut text = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find("&#") {
        text.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find(';').unwrap_or(after.len());
        let num = &after[..end];
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        match code.and_then(char::from_u32) {
            Some(c) if end < after.len() => {
                text.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                text.push_str("&#");
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every tag of an HTML document, in order. Text is skipped; comments and
/// the doctype are left out. Generated HTML only: no `<` ever stands raw in
/// text, so a tag starts at every `<`.
pub fn tags(html: &str) -> Vec<TagInfo> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        if html[i..].starts_with("<!") {
            i = html[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
            continue;
        }
        // Scan to the closing '>' outside quotes.
        let start = i + 1;
        let mut j = start;
        let mut quote: Option<u8> = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (None, b'"' | b'\'') => quote = Some(bytes[j]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        out.push(parse_tag(&html[start..j.min(bytes.len())]));
        i = j + 1;
        // Raw text elements: skip their content.
        let name = out.last().map(|t| t.name.clone()).unwrap_or_default();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i.min(html.len())..]
                .find(&close)
                .map_or(bytes.len(), |e| i + e);
        }
    }
    out
}

fn parse_tag(inner: &str) -> TagInfo {
    let inner = inner.trim_end_matches('/');
    let mut chars = inner.char_indices().peekable();
    let mut name = String::new();
    while let Some(&(_, c)) = chars.peek() {
        if c.is_whitespace() {
            break;
        }
        name.push(c);
        chars.next();
    }
    let rest: String = chars.map(|(_, c)| c).collect();
    let mut attrs = Vec::new();
    let r = rest.as_bytes();
    let mut k = 0;
    while k < r.len() {
        while k < r.len() && (r[k] as char).is_whitespace() {
            k += 1;
        }
        let s = k;
        while k < r.len() && !(r[k] as char).is_whitespace() && r[k] != b'=' {
            k += 1;
        }
        if s == k {
            k += 1;
            continue;
        }
        let key = rest[s..k].to_ascii_lowercase();
        let mut value = String::new();
        if k < r.len() && r[k] == b'=' {
            k += 1;
            if k < r.len() && (r[k] == b'"' || r[k] == b'\'') {
                let q = r[k];
                let vs = k + 1;
                k = vs;
                while k < r.len() && r[k] != q {
                    k += 1;
                }
                value = decode(&rest[vs..k.min(r.len())]);
                k += 1;
            } else {
                let vs = k;
                while k < r.len() && !(r[k] as char).is_whitespace() {
                    k += 1;
                }
                value = decode(&rest[vs..k]);
            }
        }
        attrs.push((key, value));
    }
    TagInfo {
        name: name.to_ascii_lowercase(),
        attrs,
    }
}

/// Ids defined in a document.
pub fn ids(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .flat_map(|t| {
            t.attrs
                .into_iter()
                .filter(|(k, _)| k == "id")
                .map(|(_, v)| v)
        })
        .collect()
}

/// Resolves `target` relative to the file `from` (both slash paths).
pub fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            // Above the top stays above it: `../svg/x.svg` from `index.html`
            // is a file beside the site's folder.
            ".." if parts.last().is_none_or(|p| *p == "..") => parts.push(".."),
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every broken internal link of an HTML site (`href` and `src`, with anchors).
pub fn broken_html_links(
    site: &BTreeMap<String, String>,
    assets: &BTreeSet<String>,
) -> Vec<String> {
    let ids: BTreeMap<&str, BTreeSet<String>> = site
        .iter()
        .map(|(p, html)| (p.as_str(), ids(html).into_iter().collect()))
        .collect();
    let mut broken = Vec::new();
    for (page, html) in site {
        for tag in tags(html) {
            for (key, value) in &tag.attrs {
                if key != "href" && key != "src" {
                    continue;
                }
                if value.is_empty() {
                    broken.push(format!("{page}: empty {key}"));
                    continue;
                }
                let lower = value.to_ascii_lowercase();
                if ["http:", "https:", "mailto:", "tel:", "data:"]
                    .iter()
                    .any(|s| lower.starts_with(s))
                {
                    continue;
                }
                let (file, anchor) = match value.split_once('#') {
                    Some((f, a)) => (f, Some(a)),
                    None => (value.as_str(), None),
                };
                let target = if file.is_empty() {
                    page.clone()
                } else {
                    resolve(page, file)
                };
                if !site.contains_key(&target) && !assets.contains(&target) {
                    broken.push(format!("{page}: {key}=\"{value}\" → missing {target}"));
                    continue;
                }
                if let Some(anchor) = anchor {
                    let ok = ids.get(target.as_str()).is_some_and(|s| s.contains(anchor));
                    if !ok {
                        broken.push(format!(
                            "{page}: {key}=\"{value}\" → no id `{anchor}` in {target}"
                        ));
                    }
                }
            }
        }
    }
    broken
}
