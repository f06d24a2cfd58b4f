//! What a published site needs besides its pages: canonical links and a
//! sitemap (`sitemap.xml`, `robots.txt`), both from the address the site is
//! published at. Without that address there are neither: a sitemap must
//! hold absolute URLs, and a guess would be wrong.

use crate::output::Sink;

/// Most URLs one sitemap file may list (the sitemaps.org limit).
const SITEMAP_LIMIT: usize = 50_000;

/// The site address as written by the user, checked and ending in `/`, so
/// that page paths can be appended: `https://host/handbook` →
/// `https://host/handbook/`.
pub fn site_url(text: &str) -> Result<String, String> {
    let url = text.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` does not start with https:// or http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("`{url}` has no host name after the //"));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || matches!(c, '?' | '#' | '"' | '<' | '>' | '\\'))
    {
        return Err(format!(
            "`{url}` holds `{c}`, which a site address cannot have"
        ));
    }
    // One slash at the end, also when a CI variable ends in one already.
    Ok(format!("{}/", url.trim_end_matches('/')))
}

/// The absolute address of the page at `path` (`units/dirsa`); the index is
/// the site's address itself.
pub fn page_url(site: &str, path: &str) -> String {
    if path == "index" {
        return site.to_string();
    }
    let mut url = String::with_capacity(site.len() + path.len() + 5);
    url.push_str(site);
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url.push_str(".html");
    url
}

/// Writes `sitemap.xml` (every page once, with the date of the last change)
/// and `robots.txt` pointing to it. More pages than one sitemap may hold
/// are split into `sitemap-1.xml`, … and `sitemap.xml` becomes their index.
pub fn write_sitemap(
    site: &str,
    pages: &[String],
    lastmod: &str,
    sink: &mut dyn Sink,
) -> Result<(), String> {
    let urlset = |paths: &[String]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in paths {
            xml.push_str(&format!(
                "<url><loc>{}</loc><lastmod>{lastmod}</lastmod></url>\n",
                xml_escape(&page_url(site, path))
            ));
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if pages.len() <= SITEMAP_LIMIT {
        sink.put("sitemap.xml", urlset(pages).into_bytes())?;
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (i, chunk) in pages.chunks(SITEMAP_LIMIT).enumerate() {
            let name = format!("sitemap-{}.xml", i + 1);
            index.push_str(&format!(
                "<sitemap><loc>{}</loc><lastmod>{lastmod}</lastmod></sitemap>\n",
                xml_escape(&format!("{site}{name}"))
            ));
            sink.put(&name, urlset(chunk).into_bytes())?;
        }
        index.push_str("</sitemapindex>\n");
        sink.put("sitemap.xml", index.into_bytes())?;
    }
    // Crawlers read robots.txt only at the top of a host; under a sub-path
    // it is harmless, and the host's own robots.txt can point here instead.
    sink.put(
        "robots.txt",
        format!("User-agent: *\nAllow: /\n\nSitemap: {site}sitemap.xml\n").into_bytes(),
    )?;
    Ok(())
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses_are_checked_and_end_in_a_slash() {
        assert_eq!(
            site_url("https://example.org/handbook").unwrap(),
            "https://example.org/handbook/"
        );
        assert_eq!(
            site_url(" http://host/ ").unwrap(),
            "http://host/",
            "trimmed, slash kept"
        );
        assert_eq!(site_url("https://h/sub//").unwrap(), "https://h/sub/");
        assert!(site_url("example.org/handbook").is_err());
        assert!(site_url("https:///handbook").is_err());
        assert!(site_url("https://host/a b").is_err());
        assert!(site_url("https://host/?q=1").is_err());
    }

    #[test]
    fn page_addresses_are_absolute_and_encoded() {
        let site = "https://host/handbook/";
        assert_eq!(page_url(site, "index"), site);
        assert_eq!(
            page_url(site, "units/dirsa"),
            "https://host/handbook/units/dirsa.html"
        );
        assert_eq!(
            page_url(site, "units/a~b é"),
            "https://host/handbook/units/a~b%20%C3%A9.html"
        );
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let mut tree = crate::output::OutputTree::new();
        let pages: Vec<String> = (0..SITEMAP_LIMIT + 1).map(|i| format!("p{i}")).collect();
        write_sitemap("https://h/", &pages, "2026-12-01", &mut tree).unwrap();
        let index = String::from_utf8(tree.get("sitemap.xml").unwrap().to_vec()).unwrap();
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(
            index.contains("<loc>https://h/sitemap-2.xml</loc>"),
            "{index}"
        );
        let second = String::from_utf8(tree.get("sitemap-2.xml").unwrap().to_vec()).unwrap();
        assert_eq!(second.matches("<url>").count(), 1);
    }
}
