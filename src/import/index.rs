//! Finding rows by id: exactly as written, and loosely (case and leading
//! zeros in numbers ignored, `EoE-007` = `EOE-7`).
//!
//! The index borrows the ids from the records and compares loose ids as they
//! are read, so a file of 100,000 rows costs no string per row.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use super::Record;

/// The characters of an id's loose key: trimmed, lower case, and each run
/// of digits without its leading zeros (`0` for a run of zeros only).
pub fn loose_chars(id: &str) -> LooseChars<'_> {
    LooseChars {
        chars: id.trim().chars().peekable(),
        lower: None,
        in_digits: false,
    }
}

pub struct LooseChars<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    lower: Option<std::char::ToLowercase>,
    in_digits: bool,
}

impl Iterator for LooseChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.lower.as_mut().and_then(Iterator::next) {
            return Some(c);
        }
        self.lower = None;
        let c = self.chars.next()?;
        if !c.is_ascii_digit() {
            self.in_digits = false;
            let mut lower = c.to_lowercase();
            let first = lower.next();
            self.lower = Some(lower);
            return first;
        }
        if self.in_digits || c != '0' {
            self.in_digits = true;
            return Some(c);
        }
        // A run of digits starting with zeros: skip them.
        self.in_digits = true;
        while self.chars.peek() == Some(&'0') {
            self.chars.next();
        }
        match self.chars.peek() {
            Some(d) if d.is_ascii_digit() => self.chars.next(),
            _ => Some('0'),
        }
    }
}

/// An id compared and hashed by its loose key.
#[derive(Clone, Copy)]
struct Loose<'a>(&'a str);

impl PartialEq for Loose<'_> {
    fn eq(&self, other: &Self) -> bool {
        loose_chars(self.0).eq(loose_chars(other.0))
    }
}

impl Eq for Loose<'_> {}

impl Hash for Loose<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for c in loose_chars(self.0) {
            state.write_u32(c as u32);
        }
        state.write_u8(0xff);
    }
}

/// The rows of one loose key: nearly always one, so no list is made for it.
enum Rows {
    One(usize),
    Many(Vec<usize>),
}

impl Rows {
    fn as_slice(&self) -> &[usize] {
        match self {
            Rows::One(i) => std::slice::from_ref(i),
            Rows::Many(v) => v,
        }
    }
}

/// The rows by their exact id (the first row of each id), and by their
/// loose id (several rows may share one).
pub struct IdIndex<'a> {
    exact: FxHashMap<&'a str, usize>,
    loose: FxHashMap<Loose<'a>, Rows>,
}

impl<'a> IdIndex<'a> {
    pub fn new(records: &'a [Record]) -> IdIndex<'a> {
        let mut exact = FxHashMap::default();
        let mut loose: FxHashMap<Loose<'a>, Rows> = FxHashMap::default();
        exact.reserve(records.len());
        loose.reserve(records.len());
        for (i, r) in records.iter().enumerate() {
            // The last row of an id wins, as a map collected from the rows would.
            exact.insert(r.id.as_str(), i);
            match loose.entry(Loose(&r.id)) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(Rows::One(i));
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    let rows = e.get_mut();
                    match rows {
                        Rows::One(first) => *rows = Rows::Many(vec![*first, i]),
                        Rows::Many(v) => v.push(i),
                    }
                }
            }
        }
        IdIndex { exact, loose }
    }

    /// The row with exactly this id.
    pub fn exact(&self, id: &str) -> Option<usize> {
        self.exact.get(id).copied()
    }

    /// The rows whose id matches `id` loosely, in row order.
    pub fn loose(&self, id: &'a str) -> &[usize] {
        self.loose.get(&Loose(id)).map_or(&[], Rows::as_slice)
    }

    /// The groups of several rows whose ids match loosely, each in row order.
    pub fn clashes(&self) -> impl Iterator<Item = &[usize]> {
        self.loose.values().filter_map(|rows| match rows {
            Rows::Many(v) => Some(v.as_slice()),
            Rows::One(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_keys_ignore_case_and_leading_zeros() {
        for (id, key) in [
            ("EoE-007", "eoe-7"),
            ("EOE-7", "eoe-7"),
            ("A1", "a1"),
            ("A10", "a10"),
            ("0", "0"),
            ("000", "0"),
            ("x00y", "x0y"),
            ("x0012y007", "x12y7"),
            ("  Ab 0 ", "ab 0"),
            ("İd", "i\u{307}d"),
            ("", ""),
        ] {
            assert_eq!(loose_chars(id).collect::<String>(), key, "{id:?}");
        }
    }

    #[test]
    fn rows_are_found_exactly_and_loosely() {
        let records: Vec<Record> = ["7", "007", "B", "c"]
            .iter()
            .map(|id| crate::import::tests::record(id))
            .collect();
        let index = IdIndex::new(&records);
        assert_eq!(index.exact("007"), Some(1));
        assert_eq!(index.exact("07"), None);
        assert_eq!(index.loose("07"), &[0, 1]);
        assert_eq!(index.loose("b"), &[2]);
        assert_eq!(index.loose("d"), &[] as &[usize]);
        assert_eq!(index.clashes().collect::<Vec<_>>(), vec![&[0, 1][..]]);
    }
}
