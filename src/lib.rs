//! organogram: a declarative organogram compiler.
//!
//! One pipeline: `load` (TOML files → spanned documents) → `model` (validated
//! organisation on a petgraph graph) → `layout` (geometry) → `render` (SVG,
//! Markdown, HTML) → `write` (atomic output tree). `diagnostics` is shared by all.

pub mod allocator;
pub mod charts;
pub mod cli;
pub mod compile;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod handbook;
pub mod import;
pub mod init;
pub mod layout;
pub mod live;
pub mod load;
pub mod model;
pub mod output;
pub mod parallel;
pub mod print;
pub mod progress;
pub mod provenance;
pub mod render;
pub mod source;
pub mod stats;
pub mod synthetic;
pub mod timeline;
pub mod write;
