//! The keys of time: `from`/`until` on anything that starts or ends, and a
//! unit's dated `[[units.ID.changes]]`.

use toml::de::DeTable;

use super::raw::{Life, RawChange};
use super::reader::{Decoder, Table, Value};
use crate::model::schema;

impl Decoder<'_> {
    /// `from` (or, on a link whose `from` is a unit, `since`) and `until`.
    pub(super) fn life(&mut self, t: &mut Table, from_key: &str) -> Life {
        Life {
            from: self.day(t, from_key),
            until: self.day(t, "until"),
        }
    }

    pub(super) fn changes(&mut self, t: &mut Table, unit: &str) -> Vec<RawChange> {
        let Some((_, value)) = t.get("changes") else {
            return Vec::new();
        };
        let value: &Value = value;
        let section = format!("units.{unit}.changes");
        let mut out = Vec::new();
        for (span, ct) in self.table_array(value, &section, "change") {
            out.push(self.change(ct, span, unit));
        }
        out
    }

    fn change(&mut self, table: &DeTable, span: crate::source::Span, unit: &str) -> RawChange {
        let mut c = Table::new(
            table,
            &format!("a change of unit `{unit}`"),
            &schema::CHANGE,
        )
        .at(span.range());
        if c.table.get("from").is_none() {
            self.missing(
                &c,
                "from",
                "the date from which the change holds, e.g. from = 2019-01-01",
            );
        }
        let tags = c
            .table
            .contains_key("tags")
            .then(|| self.strings(&mut c, "tags"));
        let change = RawChange {
            span,
            from: self.day(&mut c, "from"),
            parent: self.string(&mut c, "parent"),
            name: self.string(&mut c, "name"),
            short: self.string(&mut c, "short"),
            kind: self.string(&mut c, "kind"),
            fte: self.fte(&mut c, "fte"),
            tags,
        };
        self.finish(c);
        change
    }
}
