//! Output file names from ids: portable and bounded.
//!
//! Ids are slugs of any length (imports of name paths make ids of hundreds
//! of characters), and some slugs are names that Windows reserves for devices
//! (`con`, `nul`, `com1`: `units/com1.html` cannot be created there). A file
//! name keeps the id when it can and otherwise changes it in a way no other
//! id can produce, so two units never share a file:
//!
//! - a reserved name gets a leading `_` (`_con`): slugs never start with `_`;
//! - an id longer than [`MAX_STEM`] keeps a readable prefix and gets `~` and a
//!   short hash of the whole id: slugs never contain `~`.
//!
//! Slugs are lowercase, so no two names differ only in case. The id itself is
//! unchanged wherever it is shown; only paths use these names.

use std::borrow::Cow;

/// Longest stem kept as it is, in bytes. With the hash and the longest
/// prefix and extension the output adds (`unit-`, `.html`), every file name
/// stays under 100 bytes.
pub const MAX_STEM: usize = 72;

/// Readable part kept from a long id.
const PREFIX: usize = 60;

/// Names Windows reserves, with or without an extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The file stem for `id` (a slug): the id itself where that is portable.
pub fn stem(id: &str) -> Cow<'_, str> {
    if id.len() > MAX_STEM {
        // Slugs are ASCII, but cut on a char boundary all the same.
        let mut cut = PREFIX;
        while !id.is_char_boundary(cut) {
            cut -= 1;
        }
        let prefix = id[..cut].trim_end_matches(['-', '_']);
        Cow::Owned(format!("{prefix}~{}", short_hash(id)))
    } else if RESERVED.contains(&id) {
        Cow::Owned(format!("_{id}"))
    } else {
        Cow::Borrowed(id)
    }
}

/// Ten base-32 characters (50 bits) of the BLAKE3 hash of `text`: stable
/// across machines and versions, and no collision in practice among the ids
/// of one organisation.
pub fn short_hash(text: &str) -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let hash = blake3::hash(text.as_bytes());
    let bytes = hash.as_bytes();
    let mut bits = u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"));
    let mut out = String::with_capacity(10);
    for _ in 0..10 {
        out.push(DIGITS[(bits & 31) as usize] as char);
        bits >>= 5;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_ids_are_kept() {
        assert_eq!(stem("dirsa"), "dirsa");
        assert_eq!(stem("console"), "console");
        assert_eq!(stem("com10"), "com10");
    }

    #[test]
    fn reserved_names_are_changed() {
        for id in ["con", "aux", "nul", "prn", "com1", "lpt9"] {
            let s = stem(id);
            assert_eq!(s, format!("_{id}"));
            assert!(!crate::model::is_slug(&s), "no id can take `{s}`");
        }
    }

    #[test]
    fn long_ids_are_bounded_distinct_and_stable() {
        let a = format!("{}a", "x".repeat(299));
        let b = format!("{}b", "x".repeat(299));
        let (sa, sb) = (stem(&a), stem(&b));
        assert!(sa.len() <= MAX_STEM && sb.len() <= MAX_STEM, "{sa}");
        assert_ne!(sa, sb);
        assert!(sa.starts_with(&"x".repeat(PREFIX)));
        assert_eq!(stem(&a), sa, "the same id gives the same name");
        assert!(!crate::model::is_slug(&sa), "no id can take `{sa}`");
        let exactly = "y".repeat(MAX_STEM);
        assert_eq!(stem(&exactly), exactly);
    }

    #[test]
    fn the_hash_is_fixed() {
        // A change here renames files of every long id: only on purpose.
        assert_eq!(short_hash("dirsa"), "6dez33ba2n");
    }
}
