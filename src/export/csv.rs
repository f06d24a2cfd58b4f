//! A flat CSV, one row per unit in tree order, that opens in a spreadsheet
//! and that `organogram import csv` reads back.

use crate::model::Organisation;

pub const COLUMNS: [&str; 9] = [
    "id",
    "parent",
    "name",
    "kind",
    "head",
    "own_fte",
    "total_fte",
    "tags",
    "holder",
];

pub fn write(org: &Organisation) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(COLUMNS);
    for u in org.preorder(org.root) {
        let unit = &org.units[u];
        let _ = w.write_record([
            unit.id.as_str(),
            unit.parent.map(|p| org.units[p].id.as_str()).unwrap_or(""),
            unit.name.as_str(),
            org.kinds[unit.kind].id.as_str(),
            unit.head().map(|p| p.title.as_str()).unwrap_or(""),
            unit.own_fte.to_string().as_str(),
            unit.total_fte.to_string().as_str(),
            unit.tags.join(";").as_str(),
            unit.head().and_then(|p| p.holder.as_deref()).unwrap_or(""),
        ]);
    }
    // Writing to memory cannot fail.
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
