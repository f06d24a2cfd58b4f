//! Turning the bytes of an exported file into text: UTF-8 with or without a
//! byte-order mark, UTF-16 (Excel's "Unicode text"), or Windows-1252 (older
//! Excel CSV exports) — and saying which was used.

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (with a byte-order mark)",
            Encoding::Utf16Le => "UTF-16 little-endian",
            Encoding::Utf16Be => "UTF-16 big-endian",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes `bytes`. UTF-16 is recognised by its byte-order mark, or — since
/// some tools leave it out — by the zero bytes that every ASCII character
/// carries in it. Text that is neither UTF-16 nor valid UTF-8 is read as
/// Windows-1252, which maps every byte to a character.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        && let Ok(text) = std::str::from_utf8(rest)
    {
        return (text.to_string(), Encoding::Utf8Bom);
    }
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some((encoding_rs::UTF_16LE, Encoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((encoding_rs::UTF_16BE, Encoding::Utf16Be, 2))
    } else {
        bom_less_utf16(bytes).map(|(e, which)| (e, which, 0))
    };
    if let Some((encoding, which, skip)) = utf16 {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
        return (text.into_owned(), which);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Windows1252,
        ),
    }
}

/// UTF-16 without a byte-order mark: an even length and, in the first
/// bytes, zeros at every odd (little-endian) or even (big-endian) place.
fn bom_less_utf16(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, Encoding)> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    // Most characters of a header row are ASCII: nearly all their high bytes are zero.
    if zeros_at(1) * 10 >= pairs * 9 && zeros_at(0) == 0 {
        Some((encoding_rs::UTF_16LE, Encoding::Utf16Le))
    } else if zeros_at(0) * 10 >= pairs * 9 && zeros_at(1) == 0 {
        Some((encoding_rs::UTF_16BE, Encoding::Utf16Be))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn reads_each_encoding() {
        assert_eq!(decode(b"id,name\n"), ("id,name\n".into(), Encoding::Utf8));
        assert_eq!(
            decode("\u{feff}id,Café\n".as_bytes()),
            ("id,Café\n".into(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode(&utf16le("id\tCafé\r\n", true)),
            ("id\tCafé\r\n".into(), Encoding::Utf16Le)
        );
        assert_eq!(
            decode(&utf16le("id,Café\n", false)),
            ("id,Café\n".into(), Encoding::Utf16Le)
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("id,Ü".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be), ("id,Ü".into(), Encoding::Utf16Be));
        assert_eq!(
            decode(b"id,Caf\xe9\n"),
            ("id,Café\n".into(), Encoding::Windows1252)
        );
    }
}
