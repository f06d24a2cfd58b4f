//! The organisation's source files and positions in them.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file. Offsets of 32 bits: a span is kept
/// beside every value of the organisation, and no file is 4 GB.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        let offset = |o: usize| u32::try_from(o).unwrap_or(u32::MAX);
        Span {
            file,
            start: offset(range.start),
            end: offset(range.end),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One file as read from disk.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user should see it (the folder they named, joined with
    /// the file's relative path).
    pub path: PathBuf,
    pub text: String,
    /// Byte offset of the start of every line, so positions are found by
    /// binary search rather than by scanning the file for each diagnostic;
    /// found on the first position asked for (most files have none).
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        SourceFile {
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte range of lines `first..=last` (0-based), with their newlines.
    pub fn line_range(&self, first: usize, last: usize) -> std::ops::Range<usize> {
        let start = self
            .line_starts()
            .get(first)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts()
            .get(last + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_index(offset);
        let col = self.text[self.line_starts()[line]..offset].chars().count() + 1;
        (line + 1, col)
    }
}

/// All files of one organisation, in sorted path order.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile::new(path, text));
        FileId((self.files.len() - 1) as u32)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len() as u32).map(FileId)
    }

    /// 1-based line and column (in characters) of a byte offset (a
    /// [`Span`]'s, or any other).
    pub fn line_col(&self, file: FileId, offset: impl TryInto<usize>) -> (usize, usize) {
        self.file(file)
            .line_col(offset.try_into().unwrap_or(usize::MAX))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\nnaam = \"Één\"\n";
        let file = super::SourceFile::new("x.toml".into(), text.to_string());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(6), (2, 1));
        let after_accent = text.find("én").unwrap();
        assert_eq!(file.line_col(after_accent), (2, 10));
        assert_eq!(file.line_col(999), (3, 1));
        assert_eq!(file.line_range(1, 1), 6..text.len());
    }
}
