//! Free Markdown pages the organisation adds to its handbook (`org/pages/*.md`).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::text::{self, Rich};

/// A free page, read and rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreePage {
    /// `pages/<slug>`
    pub path: String,
    /// The page's first `# heading`, else its file name.
    pub title: String,
    /// The page without that heading.
    pub body: Rich,
    /// Plain text, for the search index.
    pub plain: String,
}

impl FreePage {
    /// A page from its file stem and Markdown text.
    pub fn new(stem: &str, source: &str) -> FreePage {
        let (title, rest) = split_title(source);
        let title = title.unwrap_or_else(|| stem.to_string());
        FreePage {
            path: format!("pages/{}", text::slug(stem)),
            title,
            body: Rich::render(rest, 0),
            plain: text::plain(rest),
        }
    }
}

/// Reads every `*.md` file directly in `dir`, in file-name order. A missing
/// folder means no pages.
pub fn read_dir(dir: &Path) -> Result<Vec<FreePage>, String> {
    if !dir.is_dir() {
        return Ok(vec![]);
    }
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    // Like the TOML files, a page is read only from inside the organisation
    // folder: a link out of it must not publish another file of the computer.
    let org_dir = dir.parent().unwrap_or(dir);
    if let Some(outside) = files.iter().find(|f| !crate::load::is_inside(f, org_dir)) {
        return Err(format!(
            "the page `{}` is a link to a file outside the organisation folder, so it is not read; copy the file into `{}` instead",
            outside.display(),
            dir.display()
        ));
    }
    let mut pages: Vec<FreePage> = Vec::new();
    let mut seen = BTreeSet::new();
    for file in files {
        let source = fs::read_to_string(&file)
            .map_err(|e| format!("cannot read the page `{}`: {e}", file.display()))?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut page = FreePage::new(&stem, &source);
        // Two file names with the same slug: number the later one.
        let mut n = 2;
        let base = page.path.clone();
        while !seen.insert(page.path.clone()) {
            page.path = format!("{base}-{n}");
            n += 1;
        }
        pages.push(page);
    }
    Ok(pages)
}

/// The text of a leading level-1 heading, and the source after it.
fn split_title(source: &str) -> (Option<String>, &str) {
    let mut title = String::new();
    let mut in_title = false;
    for (event, range) in Parser::new(source).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !in_title => in_title = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_title => {
                let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                return (Some(title).filter(|t| !t.is_empty()), &source[range.end..]);
            }
            Event::Text(t) | Event::Code(t) if in_title => title.push_str(&t),
            _ if in_title => {}
            // Anything before a heading: no title.
            _ => return (None, source),
        }
    }
    (None, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_from_the_first_heading() {
        let p = FreePage::new("missie", "# Over *ons*\n\nTekst.\n");
        assert_eq!(p.title, "Over ons");
        assert_eq!(p.path, "pages/missie");
        assert_eq!(p.body.markdown, "Tekst.");
        let q = FreePage::new("Vrije Pagina", "Tekst zonder titel.\n");
        assert_eq!(q.title, "Vrije Pagina");
        assert_eq!(q.path, "pages/vrije-pagina");
    }
}
