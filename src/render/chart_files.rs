//! The chart files a handbook page offers beside its inline chart: the SVG
//! on its own ("open full size") and, where the build made them, the PDF and
//! the PNG. They live in the output folder beside `html/` (see
//! [`chart_path`]), so a page links to them through `../`. The PDF is the
//! chart's page in the booklet (`pdf/<organisation>.pdf#page=N`, which PDF
//! viewers open at that page), unless the build also wrote one per chart.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::charts::{Chart, ChartFormat, ChartKind, chart_id, chart_path};
use crate::handbook::{Content, Downloads, Page};
use crate::model::Organisation;

/// Which chart files the build writes.
#[derive(Clone, Debug, Default)]
pub struct ChartFiles {
    /// Every chart's page in the booklet (1 is the title page), by id.
    pages: BTreeMap<String, usize>,
    /// The booklet's path under the output folder.
    booklet: String,
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
    /// writes them (`made`); `booklet` is the booklet's path, whose pages
    /// after the title page are `charts` in order.
    pub fn new(charts: &[Chart], made: Downloads, booklet: &str) -> ChartFiles {
        ChartFiles {
            pages: charts
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i + 2))
                .collect(),
            booklet: booklet.to_string(),
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
        let page = *self.pages.get(id)?;
        let link = |format| format!("{root}../{}", chart_path(id, format));
        let pdf = if self.made.chart_pdfs {
            link(ChartFormat::Pdf)
        } else {
            format!("{root}../{}#page={page}", self.booklet)
        };
        Some(ChartLinks {
            svg: link(ChartFormat::Svg),
            pdf: self.made.pdf.then_some(pdf),
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
            pages: [("organisation".into(), 2), ("unit-dirsa".into(), 3)].into(),
            booklet: "pdf/groep.pdf".into(),
            governance: None,
            made: Downloads {
                pdf,
                png,
                chart_pdfs: false,
            },
        }
    }

    #[test]
    fn links_lead_out_of_the_html_folder_from_every_depth() {
        let links = files(true, true).links("unit-dirsa", "../").unwrap();
        assert_eq!(links.svg, "../../svg/unit-dirsa.svg");
        assert_eq!(links.pdf.as_deref(), Some("../../pdf/groep.pdf#page=3"));
        assert_eq!(links.png.as_deref(), Some("../../png/unit-dirsa.png"));
        let top = files(true, false).links("organisation", "").unwrap();
        assert_eq!(top.svg, "../svg/organisation.svg");
        assert_eq!(top.pdf.as_deref(), Some("../pdf/groep.pdf#page=2"));
    }

    #[test]
    fn a_chart_pdf_of_its_own_is_linked_when_the_build_writes_one() {
        let mut files = files(true, false);
        files.made.chart_pdfs = true;
        let links = files.links("unit-dirsa", "../").unwrap();
        assert_eq!(links.pdf.as_deref(), Some("../../svg/unit-dirsa.pdf"));
    }

    #[test]
    fn only_files_the_build_makes_are_linked() {
        let links = files(false, false).links("organisation", "").unwrap();
        assert_eq!((links.pdf, links.png), (None, None));
        assert!(files(true, true).links("unit-vt", "").is_none());
    }
}
