//! The validated model, written for other tools: JSON (documented, stable),
//! a flat CSV for spreadsheets, Graphviz DOT and a Mermaid flowchart.

mod csv;
mod dot;
mod json;
mod mermaid;

use crate::model::Organisation;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Dot,
    Mermaid,
}

/// The organisation in `format`.
pub fn export(org: &Organisation, format: Format) -> String {
    match format {
        Format::Json => json::write(org),
        Format::Csv => csv::write(org),
        Format::Dot => dot::write(org),
        Format::Mermaid => mermaid::write(org),
    }
}

/// The head post's title, with its holder: `Directeur: An Peeters`.
fn head_text(org: &Organisation, u: crate::model::UnitId) -> String {
    match org.units[u].head() {
        None => String::new(),
        Some(p) => match &p.holder {
            Some(h) => format!("{}: {h}", p.title),
            None => p.title.clone(),
        },
    }
}
