//! The lines of a TOML file in the shapes organisation files are written in:
//! `[a.b]` and `[[a.b]]` headers of bare keys, `key = value` lines whose
//! value is a one-line string, a number, a boolean, a date or a list of
//! strings, comments and blank lines. Anything else (and anything the TOML
//! reader would reject) is `None`: the file is then read by the full reader.

use toml::value::Datetime;

/// A value as written, with its byte range.
pub(super) enum Val<'a> {
    Str(&'a str),
    Bool(bool),
    /// Decimal digits, without sign or `_`.
    Int(&'a str),
    /// `digits.digits`, without sign, exponent or `_`.
    Float(&'a str),
    Date(Datetime),
    /// The strings of a list, each with its range.
    Strs(Vec<(&'a str, usize, usize)>),
}

/// One line that says something.
pub(super) enum Line<'a> {
    /// `[path]` or `[[path]]` (`array`), the range of the last key.
    Header {
        path: Vec<&'a str>,
        array: bool,
        last: (usize, usize),
    },
    /// `key = value`, the value's range.
    KeyVal {
        key: &'a str,
        value: Val<'a>,
        span: (usize, usize),
    },
}

pub(super) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A byte the TOML format does not allow in comments and strings.
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

impl<'a> Scanner<'a> {
    pub(super) fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// A comment up to (not including) its newline.
    fn comment(&mut self) -> Option<()> {
        while let Some(b) = self.peek() {
            if b == b'\n' || b == b'\r' {
                break;
            }
            if is_control(b) {
                return None;
            }
            self.pos += 1;
        }
        Some(())
    }

    /// A newline (`\n` or `\r\n`); `false` at the end of the text.
    fn newline(&mut self) -> Option<bool> {
        match self.peek() {
            None => Some(false),
            Some(b'\n') => {
                self.pos += 1;
                Some(true)
            }
            Some(b'\r') if self.bytes.get(self.pos + 1) == Some(&b'\n') => {
                self.pos += 2;
                Some(true)
            }
            _ => None,
        }
    }

    /// White space, then an optional comment, then the end of the line.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_ws();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        self.newline().map(|_| ())
    }

    /// The next line that says something, `Ok(None)` at the end of the text.
    pub(super) fn line(&mut self) -> Option<Option<Line<'a>>> {
        loop {
            self.skip_ws();
            match self.peek() {
                None => return Some(None),
                Some(b'#') => {
                    self.comment()?;
                    self.newline()?;
                }
                Some(b'\n' | b'\r') => {
                    self.newline()?;
                }
                Some(b'[') => return self.header().map(Some),
                Some(_) => return self.key_val().map(Some),
            }
        }
    }

    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self.peek().is_some_and(is_bare) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    fn header(&mut self) -> Option<Line<'a>> {
        self.pos += 1;
        let array = self.peek() == Some(b'[');
        if array {
            self.pos += 1;
        }
        let mut path = Vec::new();
        let mut last;
        loop {
            let start = self.pos;
            path.push(self.bare_key()?);
            last = (start, self.pos);
            match self.peek()? {
                b'.' => self.pos += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.pos += 1;
        if array {
            if self.peek() != Some(b']') {
                return None;
            }
            self.pos += 1;
        }
        self.end_of_line()?;
        Some(Line::Header { path, array, last })
    }

    fn key_val(&mut self) -> Option<Line<'a>> {
        let key = self.bare_key()?;
        self.skip_ws();
        if self.peek() != Some(b'=') {
            return None;
        }
        self.pos += 1;
        self.skip_ws();
        let start = self.pos;
        let value = self.value()?;
        let span = (start, self.pos);
        self.end_of_line()?;
        Some(Line::KeyVal { key, value, span })
    }

    fn value(&mut self) -> Option<Val<'a>> {
        match self.peek()? {
            b'"' | b'\'' => self.string().map(|(s, _, _)| Val::Str(s)),
            b'[' => self.strings(),
            b't' if self.bytes[self.pos..].starts_with(b"true") => {
                self.pos += 4;
                self.word_ends()?;
                Some(Val::Bool(true))
            }
            b'f' if self.bytes[self.pos..].starts_with(b"false") => {
                self.pos += 5;
                self.word_ends()?;
                Some(Val::Bool(false))
            }
            b'0'..=b'9' => self.number_or_date(),
            _ => None,
        }
    }

    /// A value's last character is followed by space, a comment, a comma,
    /// the end of a list or of the line: else it is a longer token.
    fn word_ends(&self) -> Option<()> {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']') => Some(()),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number_or_date(&mut self) -> Option<Val<'a>> {
        let start = self.pos;
        let whole = self.digits();
        match self.peek() {
            Some(b'-') if whole == 4 => return self.date(start),
            Some(b'.') => {
                self.pos += 1;
                if self.digits() == 0 {
                    return None;
                }
            }
            _ => {}
        }
        // A leading zero is only allowed alone: `0`, `0.5`.
        if whole > 1 && self.bytes[start] == b'0' {
            return None;
        }
        self.word_ends()?;
        let text = &self.text[start..self.pos];
        if text.len() == whole {
            Some(Val::Int(text))
        } else {
            Some(Val::Float(text))
        }
    }

    /// `YYYY-MM-DD`, a day of the calendar (else the full reader explains).
    fn date(&mut self, start: usize) -> Option<Val<'a>> {
        let shape = self.bytes.get(start..start + 10)?;
        let digits = [0, 1, 2, 3, 5, 6, 8, 9];
        if shape[4] != b'-'
            || shape[7] != b'-'
            || !digits.iter().all(|&i| shape[i].is_ascii_digit())
        {
            return None;
        }
        self.pos = start + 10;
        self.word_ends()?;
        // `2019-01-01 12:00` is a date with a time: not one of the shapes.
        if matches!(self.peek(), Some(b' ' | b'\t'))
            && self.bytes[self.pos..]
                .iter()
                .find(|b| !matches!(b, b' ' | b'\t'))
                .is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        let date: Datetime = self.text[start..self.pos].parse().ok()?;
        crate::model::date::Date::from_toml(&date)?;
        Some(Val::Date(date))
    }

    /// A one-line string without escapes, and its range with the quotes.
    fn string(&mut self) -> Option<(&'a str, usize, usize)> {
        let quote = self.bytes[self.pos];
        let start = self.pos;
        self.pos += 1;
        let inner = self.pos;
        loop {
            let b = self.peek()?;
            if b == quote {
                break;
            }
            if (quote == b'"' && b == b'\\') || is_control(b) {
                return None;
            }
            self.pos += 1;
        }
        let value = &self.text[inner..self.pos];
        self.pos += 1;
        // `""` followed by a quote opens a multi-line string.
        if value.is_empty() && self.peek() == Some(quote) {
            return None;
        }
        Some((value, start, self.pos))
    }

    /// Space, newlines and comments inside a list.
    fn skip_list_space(&mut self) -> Option<()> {
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n' | b'\r') => {
                    self.newline()?;
                }
                _ => return Some(()),
            }
        }
    }

    /// `["a", "b"]`, over several lines if need be, a comma after the last.
    fn strings(&mut self) -> Option<Val<'a>> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_list_space()?;
            match self.peek()? {
                b']' => break,
                b'"' | b'\'' => items.push(self.string()?),
                _ => return None,
            }
            self.skip_list_space()?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.pos += 1;
        Some(Val::Strs(items))
    }
}
