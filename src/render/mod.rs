//! Turning laid-out charts into files.

pub mod svg;
