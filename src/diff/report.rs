//! The diff as Markdown (for a pull-request comment), HTML or JSON.

use std::fmt::Write as _;

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
                html_escape(&title(diff)),
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

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
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
        let _ = writeln!(out, "<h{level}>{}</h{level}>", html_escape(text));
    }

    fn paragraph(&self, out: &mut String, text: &str) {
        let _ = writeln!(out, "<p>{}</p>", html_escape(text));
    }

    fn table(&self, out: &mut String, header: &[Cell], rows: &[Vec<Cell>]) {
        let cell = |c: &Cell, tag: &str| match c {
            Cell::Text(t) => format!("<{tag}>{}</{tag}>", html_escape(t)),
            Cell::Code(t) => format!("<{tag}><code>{}</code></{tag}>", html_escape(t)),
            Cell::Number(t) => format!("<{tag} class=\"n\">{}</{tag}>", html_escape(t)),
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
        let section = |out: &mut String, title: &str, count: usize| {
            s.heading(out, 3, &format!("{title} ({count})"));
        };
        if !d.added.is_empty() {
            section(&mut out, "Added units", d.added.len());
            let rows = d
                .added
                .iter()
                .map(|u| {
                    let [a, b] = Self::unit(u);
                    vec![a, b, t(path(&u.path))]
                })
                .collect::<Vec<_>>();
            s.table(&mut out, &[t("Unit"), t("Id"), t("Place")], &rows);
        }
        if !d.removed.is_empty() {
            section(&mut out, "Removed units", d.removed.len());
            let rows = d
                .removed
                .iter()
                .map(|u| {
                    let [a, b] = Self::unit(u);
                    vec![a, b, t(path(&u.path))]
                })
                .collect::<Vec<_>>();
            s.table(&mut out, &[t("Unit"), t("Id"), t("Was at")], &rows);
        }
        if !d.renamed.is_empty() {
            section(&mut out, "Renamed units", d.renamed.len());
            let rows = d
                .renamed
                .iter()
                .map(|c| vec![Cell::Code(c.unit.id.clone()), t(&c.old), t(&c.new)])
                .collect::<Vec<_>>();
            s.table(&mut out, &[t("Id"), t("Before"), t("After")], &rows);
        }
        if !d.moved.is_empty() {
            section(&mut out, "Moved units", d.moved.len());
            let rows = d
                .moved
                .iter()
                .map(|c| {
                    let [a, b] = Self::unit(&c.unit);
                    vec![a, b, t(path(&c.old)), t(path(&c.new))]
                })
                .collect::<Vec<_>>();
            s.table(&mut out, &[t("Unit"), t("Id"), t("From"), t("To")], &rows);
        }
        if !d.kind_changed.is_empty() {
            section(&mut out, "Kind changed", d.kind_changed.len());
            let rows = d
                .kind_changed
                .iter()
                .map(|c| {
                    let [a, b] = Self::unit(&c.unit);
                    vec![a, b, t(&c.old), t(&c.new)]
                })
                .collect::<Vec<_>>();
            s.table(
                &mut out,
                &[t("Unit"), t("Id"), t("Before"), t("After")],
                &rows,
            );
        }
        if !d.head_changed.is_empty() {
            section(&mut out, "Heads and vacancies", d.head_changed.len());
            let rows = d
                .head_changed
                .iter()
                .map(|c| {
                    let [a, b] = Self::unit(&c.unit);
                    vec![a, b, t(head(&c.old)), t(head(&c.new))]
                })
                .collect::<Vec<_>>();
            s.table(
                &mut out,
                &[t("Unit"), t("Id"), t("Before"), t("After")],
                &rows,
            );
        }
        if !d.fte_changed.is_empty() {
            section(&mut out, "FTE per unit", d.fte_changed.len());
            let rows = d
                .fte_changed
                .iter()
                .map(|c| {
                    let [a, b] = Self::unit(&c.unit);
                    vec![
                        a,
                        b,
                        n(self.fte(c.old_own)),
                        n(self.fte(c.new_own)),
                        n(self.fte(c.old_total)),
                        n(self.fte(c.new_total)),
                        n(self.delta(c.old_total, c.new_total)),
                    ]
                })
                .collect::<Vec<_>>();
            s.table(
                &mut out,
                &[
                    t("Unit"),
                    t("Id"),
                    n("Own before"),
                    n("Own after"),
                    n("Total before"),
                    n("Total after"),
                    n("Change"),
                ],
                &rows,
            );
        }
        if !d.divisions.is_empty() {
            section(&mut out, "FTE per division", d.divisions.len());
            let opt = |f: Option<Fte>| f.map_or("—".to_string(), |f| self.fte(f));
            let mut rows: Vec<Vec<Cell>> = d
                .divisions
                .iter()
                .map(|v| {
                    vec![
                        t(&v.name),
                        Cell::Code(v.id.clone()),
                        n(opt(v.old)),
                        n(opt(v.new)),
                        n(self.delta(v.old.unwrap_or_default(), v.new.unwrap_or_default())),
                    ]
                })
                .collect();
            rows.push(vec![
                t("Whole organisation"),
                t(""),
                n(self.fte(d.total_old)),
                n(self.fte(d.total_new)),
                n(self.delta(d.total_old, d.total_new)),
            ]);
            s.table(
                &mut out,
                &[t("Division"), t("Id"), n("Before"), n("After"), n("Change")],
                &rows,
            );
        }
        let transfers = |out: &mut String, title: &str, list: &[TransferRef]| {
            if list.is_empty() {
                return;
            }
            section(out, title, list.len());
            let rows = list
                .iter()
                .map(|x| {
                    vec![
                        t(&x.task),
                        Cell::Code(x.from.clone()),
                        Cell::Code(x.to.clone()),
                        t(x.date.clone().unwrap_or_default()),
                    ]
                })
                .collect::<Vec<_>>();
            s.table(out, &[t("Task"), t("From"), t("To"), t("Date")], &rows);
        };
        transfers(&mut out, "Transfers added", &d.transfers_added);
        transfers(&mut out, "Transfers removed", &d.transfers_removed);
        let links = |out: &mut String, title: &str, list: &[LinkRef]| {
            if list.is_empty() {
                return;
            }
            section(out, title, list.len());
            let rows = list
                .iter()
                .map(|x| {
                    vec![
                        Cell::Code(x.from.clone()),
                        Cell::Code(x.to.clone()),
                        t(&x.style),
                        t(x.label.clone().unwrap_or_default()),
                    ]
                })
                .collect::<Vec<_>>();
            s.table(out, &[t("From"), t("To"), t("Style"), t("Label")], &rows);
        };
        links(&mut out, "Links added", &d.links_added);
        links(&mut out, "Links removed", &d.links_removed);
        out
    }
}
