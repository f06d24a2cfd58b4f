//! Ids are slugs: they name output files.

/// Is `id` a slug: lowercase letters, digits, `-` and `_`, starting with a
/// letter or digit? Ids name output files, so nothing else is allowed.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A slug close to `id`, to suggest: `Dir Sa` → `dir-sa`. Always a slug
/// ([`is_slug`]).
pub fn slugify(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c.to_ascii_lowercase(),
        };
        // A slug starts with a letter or digit: a leading `_` is dropped.
        if c.is_ascii_lowercase() || c.is_ascii_digit() || (c == '_' && !out.is_empty()) {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    if out.is_empty() {
        out.push_str("unit");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_always_makes_a_slug() {
        for id in ["_", "__x", "_A b", "Dir Sa", "---", "", "é_é", "x_"] {
            let slug = slugify(id);
            assert!(is_slug(&slug), "{id:?} → {slug:?}");
        }
        assert_eq!(slugify("_Dir_Sa"), "dir_sa");
    }
}
