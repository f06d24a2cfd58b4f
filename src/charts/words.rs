//! Words of the charts in the organisation's language.

use crate::model::Locale;

/// Words of the charts in the organisation's language.
pub(crate) struct Words {
    pub vacancy: &'static str,
    /// Before a list of more than one vacant post.
    pub vacancies: &'static str,
    /// Singular of `sub_units` and `units`, after a count of one.
    pub sub_unit: &'static str,
    pub unit: &'static str,
    pub continued: &'static str,
    /// The mark on a unit whose team continues on its own chart.
    pub continued_mark: &'static str,
    pub chart_of: &'static str,
    pub more_tasks: &'static str,
    pub sub_units: &'static str,
    pub legend: &'static str,
    pub units: &'static str,
    pub total: &'static str,
    /// Title of the booklet of all charts.
    pub charts_title: &'static str,
    pub charts_count: &'static str,
    /// The legend of a diff chart: its title, then added, moved, changed
    /// and removed.
    pub changes: &'static str,
    pub change_kinds: [&'static str; 4],
    /// Title of a diff chart's pages.
    pub changes_in: &'static str,
}

pub(crate) fn words(locale: Locale) -> Words {
    match locale {
        Locale::NlBe => Words {
            vacancy: "vacature",
            vacancies: "vacatures",
            sub_unit: "onderliggende eenheid",
            unit: "eenheid",
            continued: "→ vervolg:",
            continued_mark: "→ vervolg",
            chart_of: "Organigram",
            more_tasks: "meer",
            sub_units: "onderliggende eenheden",
            legend: "Labels",
            units: "eenheden",
            total: "Totaal",
            charts_title: "Organigrammen",
            charts_count: "organigrammen",
            changes: "Wijzigingen",
            change_kinds: ["toegevoegd", "verplaatst", "gewijzigd", "verwijderd"],
            changes_in: "Wijzigingen in",
        },
        Locale::En => Words {
            vacancy: "vacant",
            vacancies: "vacant",
            sub_unit: "sub-unit",
            unit: "unit",
            continued: "→ continued:",
            continued_mark: "→ continued",
            chart_of: "Organisation chart",
            more_tasks: "more",
            sub_units: "sub-units",
            legend: "Tags",
            units: "units",
            total: "Total",
            charts_title: "Organisation charts",
            charts_count: "charts",
            changes: "Changes",
            change_kinds: ["added", "moved", "changed", "removed"],
            changes_in: "Changes in",
        },
    }
}
