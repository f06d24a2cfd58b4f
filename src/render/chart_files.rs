//! The chart files a handbook page offers beside its inline chart: the SVG
//! on its own ("open full size") and, where the build made them, the PDF and
//! the PNG. They live in the output folder beside `html/` (see
//! [`chart_path`]), so a page links to them through `../`.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::charts::{Chart, ChartFormat, ChartKind, chart_id, chart_path};
use crate::handbook::{Content, Downloads, Page};
use crate::model::Organisation;

/// Which chart files the build writes.
#[derive(Clone, Debug, Default)]
pub struct ChartFiles {
    ids: BTreeSet<String>,
    /// The id of the governance diagram, when there is one.
    governance: Option<String>,
    made: Downloads,
}

/// Links to one chart's files, relative to the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChartLinks {
    pub svg: String,
    pub pdf: Option<String>,
    pub png: Option<String>,
}

impl ChartFiles {
    /// The files of `charts`, with a PDF and a PNG each when the build
    /// writes them (`made`).
    pub fn new(charts: &[Chart], made: Downloads) -> ChartFiles {
        ChartFiles {
            ids: charts.iter().map(|c| c.id.clone()).collect(),
            governance: charts
                .iter()
                .find(|c| c.kind == ChartKind::Governance)
                .map(|c| c.id.clone()),
            made,
        }
    }

    /// The links of the chart `id`, from a page whose way up to the
    /// handbook's folder is `root` (`""`, `"../"`); `None` when the build
    /// makes no such chart.
    pub fn links(&self, id: &str, root: &str) -> Option<ChartLinks> {
        if !self.ids.contains(id) {
            return None;
        }
        let link = |format| format!("{root}../{}", chart_path(id, format));
        Some(ChartLinks {
            svg: link(ChartFormat::Svg),
            pdf: self.made.pdf.then(|| link(ChartFormat::Pdf)),
            png: self.made.png.then(|| link(ChartFormat::Png)),
        })
    }

    /// The links of the chart file that shows what the page's inline chart
    /// shows: the whole organisation on the overview, a division's chart on
    /// its page, the governance diagram on the bodies page.
    pub fn for_page(&self, org: &Organisation, page: &Page, root: &str) -> Option<ChartLinks> {
        let id = match &page.content {
            Content::Index(_) => chart_id(org, org.root),
            Content::Unit(u) if u.chart => chart_id(org, org.find(&u.unit.id)?),
            Content::Bodies(_) => self.governance.clone()?,
            _ => return None,
        };
        self.links(&id, root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pdf: bool, png: bool) -> ChartFiles {
        ChartFiles {
            ids: ["organisation", "unit-dirsa"].map(String::from).into(),
            governance: None,
            made: Downloads { pdf, png },
        }
    }

    #[test]
    fn links_lead_out_of_the_html_folder_from_every_depth() {
        let links = files(true, true).links("unit-dirsa", "../").unwrap();
        assert_eq!(links.svg, "../../svg/unit-dirsa.svg");
        assert_eq!(links.pdf.as_deref(), Some("../../svg/unit-dirsa.pdf"));
        assert_eq!(links.png.as_deref(), Some("../../png/unit-dirsa.png"));
        let top = files(true, false).links("organisation", "").unwrap();
        assert_eq!(top.svg, "../svg/organisation.svg");
    }

    #[test]
    fn only_files_the_build_makes_are_linked() {
        let links = files(false, false).links("organisation", "").unwrap();
        assert_eq!((links.pdf, links.png), (None, None));
        assert!(files(true, true).links("unit-vt", "").is_none());
    }
}
