//! TOML syntax errors, explained for people who do not write TOML every day.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Turns the parser's error into a diagnostic with a plain explanation; the
/// parser's own words stay as a note.
pub(super) fn syntax_error(file: FileId, text: &str, e: &toml::de::Error) -> Diagnostic {
    let parser = e.message().trim().trim_end_matches('.').to_string();
    let range = e.span().unwrap_or(0..0);
    let line = line_at(text, range.start);
    // The text from the error on (the span may be empty).
    let at = text.get(range.start..).unwrap_or("");
    let (message, label, help) = explain(&parser, line, at);
    let mut d = Diagnostic::new(Code::Syntax, message)
        .note(format!("the TOML reader says: {parser}"))
        .help(help);
    if e.span().is_some() {
        d = d.at(Span::new(file, range), label);
    }
    d
}

fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim()
}

/// (message, label, help) for the common mistakes.
fn explain(parser: &str, line: &str, at: &str) -> (String, String, String) {
    let key = line.split('=').next().unwrap_or("").trim();
    let value = line.split_once('=').map(|(_, v)| v.trim()).unwrap_or("");
    let owned = |a: &str, b: &str, c: String| (a.to_string(), b.to_string(), c);
    if parser.contains("multi-line") {
        owned(
            "a text that starts with \"\"\" is not closed",
            "the text starts here",
            "end the text with \"\"\" on a line of its own".to_string(),
        )
    } else if parser.contains("invalid basic string") || parser.contains("invalid literal string") {
        owned(
            "a text in quotes is not closed",
            "the closing quote is missing",
            format!(
                "end the text with a double quote: {key} = {}\"",
                value.trim_end_matches('"')
            ),
        )
    } else if parser.contains("must be quoted") {
        owned(
            "text must be written between double quotes",
            "not in quotes",
            format!(
                "write it like this: {key} = \"{}\"",
                value.trim_matches('"')
            ),
        )
    } else if parser.contains("duplicate key") && line.starts_with('[') {
        owned(
            "this table is written twice",
            "written again here",
            format!("write `{line}` once, with all its keys below it"),
        )
    } else if parser.contains("duplicate key") {
        owned(
            &format!("the key `{key}` is written twice in the same table"),
            "written again here",
            "keep one of the two lines".to_string(),
        )
    } else if parser.contains("unclosed table") || parser.contains("unclosed array of tables") {
        owned(
            "a table header is not closed",
            "`]` is missing",
            "a header is written between brackets, such as [units.dirsa] or [[units.dirsa.posts]]"
                .to_string(),
        )
    } else if parser.contains("missing comma between array elements") {
        owned(
            "the items of a list must be separated by commas",
            "a comma is missing here",
            "write a list like this: tasks = [\"Onthaal\", \"Archief\"]".to_string(),
        )
    } else if parser.contains("unexpected key or value") && at.starts_with(',') {
        owned(
            "a number is written with a decimal comma",
            "use a point here",
            format!(
                "write it with a point: {key} = {}",
                value.replacen(',', ".", 1)
            ),
        )
    } else if parser.contains("unexpected key or value") {
        owned(
            "a line holds more than one key",
            "a new line should start here",
            "put each `key = value` on a line of its own".to_string(),
        )
    } else if parser.contains("invalid unquoted key") || parser.contains("expected `=`") {
        owned(
            "this line is not of the form `key = value`",
            "expected `=`",
            "write a key, an equals sign and a value, e.g. name = \"Afdeling burgerzaken\""
                .to_string(),
        )
    } else {
        owned(
            &format!("this is not valid TOML: {parser}"),
            "here",
            "compare the line with the examples in the README's format reference".to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    fn explain(text: &str) -> (String, String) {
        let e = toml::de::DeTable::parse(text).expect_err("a syntax error");
        let d = super::syntax_error(crate::source::FileId(0), text, &e);
        (d.message, d.help.unwrap_or_default())
    }

    #[test]
    fn common_mistakes_get_plain_words() {
        let (m, h) = explain("name = \"Dienst A\n");
        assert_eq!(m, "a text in quotes is not closed");
        assert_eq!(h, "end the text with a double quote: name = \"Dienst A\"");
        let (m, h) = explain("name = Dienst A\n");
        assert_eq!(m, "text must be written between double quotes");
        assert_eq!(h, "write it like this: name = \"Dienst A\"");
        let (m, h) = explain("fte = 2,5\n");
        assert_eq!(m, "a number is written with a decimal comma");
        assert_eq!(h, "write it with a point: fte = 2.5");
        let (m, _) = explain("name = \"a\"\nname = \"b\"\n");
        assert_eq!(m, "the key `name` is written twice in the same table");
        let (m, _) = explain("[units.a]\nname = \"x\"\n[units.a]\nkind = \"y\"\n");
        assert_eq!(m, "this table is written twice");
        let (m, _) = explain("[units.a\n");
        assert_eq!(m, "a table header is not closed");
        let (m, _) = explain("tags = [\"a\" \"b\"]\n");
        assert_eq!(m, "the items of a list must be separated by commas");
        let (m, _) = explain("naam: \"x\"\n");
        assert_eq!(m, "this line is not of the form `key = value`");
        let (m, _) = explain("x = \"\"\"\nopen\n");
        assert_eq!(m, "a text that starts with \"\"\" is not closed");
    }
}
