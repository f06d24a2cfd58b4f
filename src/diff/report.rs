//! The diff as Markdown (for a pull-request comment), HTML or JSON.

use std::fmt::Write as _;

use crate::render::svg::escape;

use super::{Diff, Head, LinkRef, TransferRef, UnitRef};
use crate::model::{Fte, Locale};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Markdown,
    Html,
    Json,
}

/// Renders the diff; numbers in the locale's format.
pub fn render(diff: &Diff, format: Format, locale: Locale) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(diff).unwrap_or_default() + "\n",
        Format::Markdown => Report::new(diff, locale).build(&Markdown),
        Format::Html => {
            let body = Report::new(diff, locale).build(&Html);
            format!(
                "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                 <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
                locale.tag(),
                escape(&title(diff)),
                CSS
            )
        }
    }
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}\
table{border-collapse:collapse;margin:0 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{background:#f3f3f3;padding:0 .2rem}";

fn title(diff: &Diff) -> String {
    if diff.name_old == diff.name_new {
        format!("Changes to {}", diff.name_new)
    } else {
        format!("Changes: {} → {}", diff.name_old, diff.name_new)
    }
}

/// One table cell: plain text, code (an id) or a number (right-aligned).
enum Cell {
    Text(String),
    Code(String),
    Number(String),
}

/// The two output syntaxes share the report's structure.
trait Syntax {
    fn heading(&self, out: &mut String, level: usize, text: &str);
    fn paragraph(&self, out: &mut String, text: &str);
    fn table(&self, out: &mut String, header: &[Cell], rows: &[Vec<Cell>]);
}

struct Markdown;
struct Html;

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl Syntax for Markdown {
    fn heading(&self, out: &mut String, level: usize, text: &str) {
        let _ = writeln!(out, "{} {}\n", "#".repeat(level), md_escape(text));
    }

    fn paragraph(&self, out: &mut String, text: &str) {
        let _ = writeln!(out, "{}\n", md_escape(text));
    }

    fn table(&self, out: &mut String, header: &[Cell], rows: &[Vec<Cell>]) {
        let cell = |c: &Cell| match c {
            Cell::Text(t) | Cell::Number(t) => md_escape(t),
            // Ids are slugs: nothing in them needs escaping inside backticks.
            Cell::Code(t) => format!("`{t}`"),
        };
        let line = |cells: &[Cell]| {
            format!(
                "| {} |",
                cells.iter().map(cell).collect::<Vec<_>>().join(" | ")
            )
        };
        let _ = writeln!(out, "{}", line(header));
        let rule: Vec<&str> = header
            .iter()
            .map(|c| {
                if matches!(c, Cell::Number(_)) {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", rule.join(" | "));
        for row in rows {
            let _ = writeln!(out, "{}", line(row));
        }
        out.push('\n');
    }
}

impl Syntax for Html {
    fn heading(&self, out: &mut String, level: usize, text: &str) {
        let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
    }

    fn paragraph(&self, out: &mut String, text: &str) {
        let _ = writeln!(out, "<p>{}</p>", escape(text));
    }

    fn table(&self, out: &mut String, header: &[Cell], rows: &[Vec<Cell>]) {
        let cell = |c: &Cell, tag: &str| match c {
            Cell::Text(t) => format!("<{tag}>{}</{tag}>", escape(t)),
            Cell::Code(t) => format!("<{tag}><code>{}</code></{tag}>", escape(t)),
            Cell::Number(t) => format!("<{tag} class=\"n\">{}</{tag}>", escape(t)),
        };
        out.push_str("<table>\n<thead><tr>");
        for c in header {
            out.push_str(&cell(c, "th"));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            out.push_str("<tr>");
            for c in row {
                out.push_str(&cell(c, "td"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

struct Report<'a> {
    diff: &'a Diff,
    locale: Locale,
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn n(s: impl Into<String>) -> Cell {
    Cell::Number(s.into())
}

fn path(p: &[String]) -> String {
    p.join(" › ")
}

fn head(h: &Option<Head>) -> String {
    match h {
        None => "—".to_string(),
        Some(h) => {
            let mut s = h.title.clone();
            if let Some(holder) = &h.holder {
                let _ = write!(s, ": {holder}");
            }
            if h.vacant {
                s.push_str(" (vacant)");
            }
            s
        }
    }
}

/// A titled table for one kind of change, left out when there is none; the
/// count in the title leaves out the `total` row.
fn section(
    s: &dyn Syntax,
    out: &mut String,
    title: &str,
    header: &[Cell],
    mut rows: Vec<Vec<Cell>>,
    total: Option<Vec<Cell>>,
) {
    if !rows.is_empty() {
        s.heading(out, 3, &format!("{title} ({})", rows.len()));
        rows.extend(total);
        s.table(out, header, &rows);
    }
}

impl<'a> Report<'a> {
    fn new(diff: &'a Diff, locale: Locale) -> Self {
        Report { diff, locale }
    }

    fn fte(&self, f: Fte) -> String {
        self.locale.format_fte(f)
    }

    fn delta(&self, old: Fte, new: Fte) -> String {
        let d = new.hundredths() - old.hundredths();
        let sign = if d > 0 {
            "+"
        } else if d < 0 {
            "−"
        } else {
            "±"
        };
        format!(
            "{sign}{}",
            Fte::from_hundredths(d.abs()).format_with(self.locale.decimal_separator())
        )
    }

    fn unit(u: &UnitRef) -> [Cell; 2] {
        [t(&u.name), Cell::Code(u.id.clone())]
    }

    fn build(&self, s: &dyn Syntax) -> String {
        let d = self.diff;
        let mut out = String::new();
        s.heading(&mut out, 2, &title(d));
        s.table(
            &mut out,
            &[t(""), n("before"), n("after"), n("change")],
            &[
                vec![
                    t("Units"),
                    n(d.units_old.to_string()),
                    n(d.units_new.to_string()),
                    n(format!("{:+}", d.units_new as i64 - d.units_old as i64)),
                ],
                vec![
                    t("Total FTE"),
                    n(self.fte(d.total_old)),
                    n(self.fte(d.total_new)),
                    n(self.delta(d.total_old, d.total_new)),
                ],
            ],
        );
        if d.is_empty() {
            s.paragraph(&mut out, "No changes.");
            return out;
        }
        let unit_row = |u: &UnitRef, rest: Vec<Cell>| {
            let mut row = Vec::from(Self::unit(u));
            row.extend(rest);
            row
        };
        let before_after = [t("Unit"), t("Id"), t("Before"), t("After")];
        section(
            s,
            &mut out,
            "Added units",
            &[t("Unit"), t("Id"), t("Place")],
            d.added
                .iter()
                .map(|u| unit_row(u, vec![t(path(&u.path))]))
                .collect(),
            None,
        );
        section(
            s,
            &mut out,
            "Removed units",
            &[t("Unit"), t("Id"), t("Was at")],
            d.removed
                .iter()
                .map(|u| unit_row(u, vec![t(path(&u.path))]))
                .collect(),
            None,
        );
        section(
            s,
            &mut out,
            "Renamed units",
            &[t("Id"), t("Before"), t("After")],
            d.renamed
                .iter()
                .map(|c| vec![Cell::Code(c.unit.id.clone()), t(&c.old), t(&c.new)])
                .collect(),
            None,
        );
        section(
            s,
            &mut out,
            "Moved units",
            &[t("Unit"), t("Id"), t("From"), t("To")],
            d.moved
                .iter()
                .map(|c| unit_row(&c.unit, vec![t(path(&c.old)), t(path(&c.new))]))
                .collect(),
            None,
        );
        section(
            s,
            &mut out,
            "Kind changed",
            &before_after,
            d.kind_changed
                .iter()
                .map(|c| unit_row(&c.unit, vec![t(&c.old), t(&c.new)]))
                .collect(),
            None,
        );
        section(
            s,
            &mut out,
            "Heads and vacancies",
            &before_after,
            d.head_changed
                .iter()
                .map(|c| unit_row(&c.unit, vec![t(head(&c.old)), t(head(&c.new))]))
                .collect(),
            None,
        );
        section(
            s,
            &mut out,
            "FTE per unit",
            &[
                t("Unit"),
                t("Id"),
                n("Own before"),
                n("Own after"),
                n("Total before"),
                n("Total after"),
                n("Change"),
            ],
            d.fte_changed
                .iter()
                .map(|c| {
                    let figures =
                        [c.old_own, c.new_own, c.old_total, c.new_total].map(|f| n(self.fte(f)));
                    let mut rest = Vec::from(figures);
                    rest.push(n(self.delta(c.old_total, c.new_total)));
                    unit_row(&c.unit, rest)
                })
                .collect(),
            None,
        );
        let opt = |f: Option<Fte>| f.map_or("—".to_string(), |f| self.fte(f));
        let divisions: Vec<Vec<Cell>> = d
            .divisions
            .iter()
            .map(|v| {
                let change = self.delta(v.old.unwrap_or_default(), v.new.unwrap_or_default());
                vec![
                    t(&v.name),
                    Cell::Code(v.id.clone()),
                    n(opt(v.old)),
                    n(opt(v.new)),
                    n(change),
                ]
            })
            .collect();
        let change = self.delta(d.total_old, d.total_new);
        let total = vec![
            t("Whole organisation"),
            t(""),
            n(self.fte(d.total_old)),
            n(self.fte(d.total_new)),
            n(change),
        ];
        section(
            s,
            &mut out,
            "FTE per division",
            &[t("Division"), t("Id"), n("Before"), n("After"), n("Change")],
            divisions,
            Some(total),
        );
        let transfer_rows = |list: &[TransferRef]| -> Vec<Vec<Cell>> {
            list.iter()
                .map(|x| {
                    vec![
                        t(&x.task),
                        Cell::Code(x.from.clone()),
                        Cell::Code(x.to.clone()),
                        t(x.date.clone().unwrap_or_default()),
                    ]
                })
                .collect()
        };
        let transfer_header = [t("Task"), t("From"), t("To"), t("Date")];
        section(
            s,
            &mut out,
            "Transfers added",
            &transfer_header,
            transfer_rows(&d.transfers_added),
            None,
        );
        section(
            s,
            &mut out,
            "Transfers removed",
            &transfer_header,
            transfer_rows(&d.transfers_removed),
            None,
        );
        let link_rows = |list: &[LinkRef]| -> Vec<Vec<Cell>> {
            list.iter()
                .map(|x| {
                    vec![
                        Cell::Code(x.from.clone()),
                        Cell::Code(x.to.clone()),
                        t(&x.style),
                        t(x.label.clone().unwrap_or_default()),
                    ]
                })
                .collect()
        };
        let link_header = [t("From"), t("To"), t("Style"), t("Label")];
        section(
            s,
            &mut out,
            "Links added",
            &link_header,
            link_rows(&d.links_added),
            None,
        );
        section(
            s,
            &mut out,
            "Links removed",
            &link_header,
            link_rows(&d.links_removed),
            None,
        );
        out
    }
}
