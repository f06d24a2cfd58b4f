//! Calendar dates, as days since 1970-01-01.
//!
//! The format only needs whole days: ordering, the day before or after, and
//! today's date. That is a few lines of arithmetic (Howard Hinnant's civil
//! calendar algorithms), so no date crate is pulled in for it.

use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The date, if it exists (no 30 February).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date of a TOML date value (without a time).
    pub fn from_toml(value: &toml::value::Datetime) -> Option<Date> {
        match (value.date, value.time) {
            (Some(d), None) => Date::from_ymd(d.year.into(), d.month.into(), d.day.into()),
            _ => None,
        }
    }

    /// The day of a Unix time stamp (UTC).
    pub fn from_unix_seconds(seconds: i64) -> Date {
        Date(seconds.div_euclid(86_400) as i32)
    }

    /// Today: the build's date. `SOURCE_DATE_EPOCH` (seconds since 1970, the
    /// reproducible-builds convention) wins over the clock, so a CI run can
    /// pin it.
    pub fn today() -> Date {
        if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
        {
            return Date::from_unix_seconds(epoch);
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_unix_seconds(now)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    pub fn next(self) -> Date {
        Date(self.0 + 1)
    }

    pub fn plus_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    pub fn previous(self) -> Date {
        Date(self.0 - 1)
    }

    /// The date as a TOML date value (for the model's transfer dates).
    pub fn to_toml(self) -> toml::value::Datetime {
        let (year, month, day) = self.ymd();
        toml::value::Datetime {
            date: Some(toml::value::Date {
                year: year as u16,
                month: month as u8,
                day: day as u8,
            }),
            time: None,
            offset: None,
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Date, String> {
        Date::parse(s).ok_or_else(|| format!("`{s}` is not a date: write it as YYYY-MM-DD"))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn round_trips_and_counts_days() {
        let d = Date::parse("2019-01-01").unwrap();
        assert_eq!(d.to_string(), "2019-01-01");
        assert_eq!(d.previous().to_string(), "2018-12-31");
        assert_eq!(
            Date::parse("2020-02-28").unwrap().next().to_string(),
            "2020-02-29"
        );
        assert_eq!(
            Date::parse("1970-01-01").unwrap(),
            Date::from_unix_seconds(0)
        );
        assert_eq!(Date::from_unix_seconds(-1).to_string(), "1969-12-31");
        assert!(Date::parse("2019-02-29").is_none());
        assert!(Date::parse("2019-1-01").is_none());
        for days in -800_000..800_000 {
            let date = Date(days);
            let (y, m, d) = date.ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(date));
        }
    }
}
