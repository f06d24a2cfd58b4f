//! The footer of every handbook page: when the organisation last changed,
//! the revision of its sources, and whom to ask.
//!
//! The date and revision change with every edit (a new commit, a new hash
//! of the files), so they are not written into every page: that would make
//! a one-unit edit rewrite the whole site. They are in one small file that
//! every page reads (`assets/build-info.js` for the site, `footer.md`,
//! included by every page of the Markdown book), and in full on the
//! overview page, where a reader without script finds them.

use serde::Serialize;

use crate::handbook::timeline::date_text;
use crate::model::{Date, Organisation};
use crate::provenance::{Provenance, Revision};

/// What the templates get as `footer`.
#[derive(Clone, Debug, Serialize)]
pub struct Footer {
    /// The date and revision are not in this footer but in the shared
    /// file: the fields below for them are empty.
    pub shared: bool,
    /// The words that link a page without script to the overview's footer.
    pub on_overview: &'static str,
    pub changed_label: &'static str,
    /// `YYYY-MM-DD`, for `<time datetime>` and the sitemap.
    pub date: String,
    /// The date written out: `1 december 2026`.
    pub date_text: String,
    pub revision_label: &'static str,
    pub revision: Option<String>,
    /// Says what kind of revision it is when it is no commit or given name.
    pub revision_note: Option<&'static str>,
    pub contact_label: &'static str,
    pub contact: Option<String>,
    /// `mailto:` or the web address, when the contact is one.
    pub contact_href: Option<String>,
}

impl Footer {
    /// The footer of `org`; without a provenance (a build in memory of
    /// sources without a folder), the build's date and no revision.
    pub fn new(org: &Organisation, provenance: Option<&Provenance>) -> Footer {
        let labels = crate::handbook::labels::for_locale(org.locale);
        let date = date_text(provenance.map_or_else(Date::today, |p| p.date), labels);
        let revision = provenance.map(|p| &p.revision);
        let contact = org.contact.clone();
        Footer {
            shared: false,
            on_overview: labels.build_on_overview,
            changed_label: labels.last_changed,
            date: date.iso,
            date_text: date.text,
            revision_label: labels.revision,
            revision: revision.map(|r| r.text().to_string()),
            revision_note: match revision {
                Some(Revision::Content(_)) => Some(labels.revision_is_hash),
                _ => None,
            },
            contact_label: labels.contact,
            contact_href: contact.as_deref().and_then(contact_href),
            contact,
        }
    }

    /// The footer of every page but the overview: its words and the
    /// contact, without the date and revision (they are in the shared file).
    pub fn shared(&self) -> Footer {
        Footer {
            shared: true,
            date: String::new(),
            date_text: String::new(),
            revision: None,
            revision_note: None,
            ..self.clone()
        }
    }

    /// `assets/build-info.js`: the date and revision, and the few lines
    /// that put them into the footer of the page that loads it.
    pub fn script(&self) -> String {
        let build = serde_json::json!({
            "date": self.date,
            "text": self.date_text,
            "revision": self.revision,
            "note": self.revision_note,
        });
        format!(
            "// organogram handbook: the date and revision of this build, for the footer of\n\
             // every page. One file, so that a new revision does not rewrite every page.\n\
             (function () {{\n  \"use strict\";\n  var build = {build};\n{}}})();\n",
            FILL_FOOTER
        )
    }

    /// The footer as one line of Markdown, for the book's pages.
    pub fn markdown(&self) -> String {
        let esc = crate::handbook::text::escape_markdown;
        let mut line = format!("*{}: {}", self.changed_label, self.date_text);
        if let Some(revision) = &self.revision {
            line.push_str(&format!(" · {}: `{revision}`", self.revision_label));
            if let Some(note) = self.revision_note {
                line.push_str(&format!(" ({note})"));
            }
        }
        if let Some(contact) = &self.contact {
            line.push_str(&format!(" · {}: ", self.contact_label));
            match &self.contact_href {
                Some(href) => line.push_str(&format!("[{}](<{href}>)", esc(contact))),
                None => line.push_str(&esc(contact)),
            }
        }
        line.push('*');
        line
    }
}

/// Puts the date into `[data-build="date"]` (as a `<time>`, in place of
/// the link to the overview) and shows `[data-build="revision"]` with the
/// revision (see templates/html/footer.html).
const FILL_FOOTER: &str = r#"  Array.prototype.forEach.call(document.querySelectorAll('[data-build="date"]'), function (item) {
    var time = document.createElement("time");
    time.setAttribute("datetime", build.date);
    time.textContent = build.text;
    item.replaceChildren(time);
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-build="revision"]'), function (item) {
    var code = item.querySelector("code");
    if (!build.revision || !code) { return; }
    code.textContent = build.revision;
    if (build.note) { item.appendChild(document.createTextNode(" (" + build.note + ")")); }
    item.hidden = false;
  });
"#;

/// A link for a contact that is an e-mail or a web address; none for text
/// (a phone number, a service's name).
fn contact_href(contact: &str) -> Option<String> {
    let plain = !contact
        .chars()
        .any(|c| c.is_whitespace() || "<>\"'`".contains(c));
    if !plain {
        return None;
    }
    if contact.starts_with("https://") || contact.starts_with("http://") {
        return Some(contact.to_string());
    }
    let email = match contact.strip_prefix("mailto:") {
        Some(rest) => rest,
        None if contact.contains(':') => return None,
        None => contact,
    };
    let (user, host) = email.split_once('@')?;
    (!user.is_empty() && host.contains('.') && !host.contains('@'))
        .then(|| format!("mailto:{email}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handbook::labels::for_locale;
    use crate::model::Locale;

    #[test]
    fn dates_are_written_out_in_the_locale() {
        let text =
            |date: &str, locale| date_text(Date::parse(date).unwrap(), for_locale(locale)).text;
        assert_eq!(text("2026-12-01", Locale::NlBe), "1 december 2026");
        assert_eq!(text("2026-12-01", Locale::En), "1 December 2026");
        assert_eq!(text("2027-03-31", Locale::NlBe), "31 maart 2027");
    }

    #[test]
    fn contacts_link_only_when_they_are_addresses() {
        assert_eq!(
            contact_href("hr@example.org").as_deref(),
            Some("mailto:hr@example.org")
        );
        assert_eq!(
            contact_href("mailto:hr@example.org").as_deref(),
            Some("mailto:hr@example.org")
        );
        assert_eq!(
            contact_href("https://example.org/hr").as_deref(),
            Some("https://example.org/hr")
        );
        assert_eq!(contact_href("Dienst HR, 015 29 76 55"), None);
        assert_eq!(contact_href("javascript:alert(1)"), None);
        assert_eq!(contact_href("a@b"), None);
    }
}
