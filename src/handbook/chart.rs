//! The charts the handbook shows: the seam to the chart renderer.

pub use crate::charts::{Chart, ChartOptions, governance_chart, unit_chart};
