//! The diff as charts like the others: the new organisation with added units
//! green, moved units amber, changed units marked with what changed, and
//! removed units as ghosts under their old parent, paginated to the paper
//! and with a legend of the kinds of change.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::{Diff, Status};
use crate::charts::{Chart, ChartKind, ChartOptions, all_charts};
use crate::layout::paper::Paper;
use crate::model::Organisation;

/// The pages of a diff chart, in reading order: the whole organisation
/// first, then every chart with a change on it and the charts that lead
/// there.
pub struct DiffCharts {
    pub charts: Vec<Chart>,
    /// Title of the set (for a PDF), in the organisation's language.
    pub title: String,
    pub lang: &'static str,
}

/// The diff of `old` and `new` as charts fitted to `paper`. `chart_href`
/// links a chart's "→ continued" boxes to the file of chart `{id}`.
pub fn charts(
    old: &Organisation,
    new: &Organisation,
    diff: &Diff,
    paper: Paper,
    chart_href: Option<String>,
) -> DiffCharts {
    let merged = with_ghosts(old, new);
    let mut options = ChartOptions {
        chart_href,
        changes_legend: true,
        layout: crate::layout::Options::for_paper(paper),
        ..ChartOptions::default()
    };
    // Room for the legend of the kinds of change below the tags' legend.
    options.layout.page_height -= crate::render::svg::legend_height(1);
    let statuses = diff.statuses();
    for unit in &merged.units {
        if let Some(&status) = statuses.get(unit.id.as_str()) {
            let class = match status {
                Status::Added => "added",
                Status::Removed => "removed",
                Status::Moved => "moved",
                Status::Changed => "changed",
            };
            options
                .unit_classes
                .insert(unit.id.clone(), class.to_string());
        }
    }
    let sep = new.locale.decimal_separator();
    for c in &diff.fte_changed {
        options.unit_notes.insert(
            c.unit.id.clone(),
            format!(
                "Δ {} → {}",
                c.old_total.format_with(sep),
                c.new_total.format_with(sep)
            ),
        );
    }
    // Which charts to keep is known once they are drawn; the second drawing
    // links only to those, so that no "→ continued" box leads nowhere.
    let first = unit_charts(&merged, &options);
    let keep = kept(&first, |id| statuses.contains_key(id));
    options.only_charts = Some(keep.clone());
    let charts = unit_charts(&merged, &options)
        .into_iter()
        .filter(|c| keep.contains(&c.id))
        .collect();
    let w = crate::charts::words::words(new.locale);
    DiffCharts {
        charts,
        title: format!("{} {}", w.changes_in, new.name),
        lang: new.locale.tag(),
    }
}

/// The new organisation with each removed unit put back, as a ghost, under
/// its old parent (or the top unit, if that is gone too).
fn with_ghosts(old: &Organisation, new: &Organisation) -> Organisation {
    let mut merged = new.clone();
    for u in old.preorder(old.root) {
        let unit = &old.units[u];
        if new.find(&unit.id).is_some() {
            continue;
        }
        let parent = unit
            .parent
            .and_then(|p| merged.find(&old.units[p].id))
            .unwrap_or(merged.root);
        let mut ghost = unit.clone();
        let kind = &old.kinds[unit.kind].id;
        ghost.kind = merged.kinds.iter().position(|k| &k.id == kind).unwrap_or(0);
        merged.insert_unit(ghost, parent);
    }
    merged
}

/// The charts of the unit tree: the whole organisation, the divisions and
/// the continuation charts (views and governance show no changes).
fn unit_charts(org: &Organisation, options: &ChartOptions) -> Vec<Chart> {
    all_charts(org, options)
        .into_iter()
        .filter(|c| !matches!(c.kind, ChartKind::View | ChartKind::Governance))
        .collect()
}

/// The ids of the charts to keep: the first (the whole organisation), every
/// chart with a changed unit on it, and every chart above one of these.
fn kept(charts: &[Chart], changed: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let parent: HashMap<&str, Option<&str>> = charts
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref()))
        .collect();
    let mut keep = BTreeSet::new();
    for (i, chart) in charts.iter().enumerate() {
        if i > 0 && !chart.units.iter().any(|u| changed(u)) {
            continue;
        }
        let mut at = Some(chart.id.as_str());
        while let Some(id) = at {
            if !keep.insert(id.to_string()) {
                break;
            }
            at = parent.get(id).copied().flatten();
        }
    }
    keep
}

/// Where the pages of a diff chart asked for as `file` go: the first page
/// (the whole organisation) is `file` itself, every other chart `<id>` the
/// file `<stem>-<id>.svg` beside it (`diff.svg`, `diff-unit-dirsa.svg`, …).
fn page_paths(file: &Path, set: &DiffCharts) -> Vec<PathBuf> {
    set.charts
        .iter()
        .enumerate()
        .map(|(i, chart)| {
            if i == 0 {
                file.to_path_buf()
            } else {
                file.with_file_name(format!("{}-{}.svg", stem(file), chart.id))
            }
        })
        .collect()
}

/// The first line of every page file [`write_pages`] writes: how a later run
/// tells the pages it made (and may replace) from other files.
fn page_mark(file: &Path) -> String {
    format!(
        "<!-- organogram: a page of the diff chart {}.svg -->\n",
        stem(file)
    )
}

/// Writes the pages of `set` (see [`page_paths`]), each starting with the
/// chart's mark, and removes the pages an earlier run wrote beside `file`
/// that this one does not (a chart with fewer divisions changed has fewer
/// pages). Only files that start with this chart's mark are removed.
pub fn write_pages(file: &Path, set: &DiffCharts) -> Result<(), String> {
    let mark = page_mark(file);
    let pages = page_paths(file, set);
    for (path, chart) in pages.iter().zip(&set.charts) {
        std::fs::write(path, format!("{mark}{}", chart.svg))
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = format!("{}-", stem(file));
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&prefix)
            || !name.ends_with(".svg")
            || pages.iter().any(|p| p.file_name() == path.file_name())
        {
            continue;
        }
        let made_here = std::fs::read(&path).is_ok_and(|b| b.starts_with(mark.as_bytes()));
        if made_here {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove the old page `{}`: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The link pattern of [`page_paths`]: the pages link to each other by
/// file name, so the folder can be moved as a whole.
pub fn page_href(file: &Path) -> String {
    format!("{}-{{id}}.svg", stem(file))
}

fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "diff".to_string())
}
