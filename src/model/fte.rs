//! Full-time equivalents as exact decimals with two places.
//!
//! HR tables add FTE figures such as 52,86 + 93,47; binary floats would turn
//! that into 198.74999…. An `Fte` is a whole number of hundredths, so sums are
//! exact and formatting never rounds.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// A number of full-time equivalents, stored as hundredths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fte(i64);

/// Why a written FTE value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FteError {
    /// Not a number at all (`nan`, text, …).
    NotANumber,
    /// `inf` or a value too large to be a staff count.
    TooLarge,
    Negative,
    /// More than two decimals, e.g. `0.333`.
    TooPrecise,
}

/// Largest FTE accepted: far above any real organisation, far below overflow
/// even when a million units are added up.
const MAX_HUNDREDTHS: i64 = 100_000_000 * 100;

impl Fte {
    pub const ZERO: Fte = Fte(0);
    pub const ONE: Fte = Fte(100);

    pub fn from_hundredths(h: i64) -> Fte {
        Fte(h)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses a decimal as written in TOML (`52.86`, `1`, `1_000.5`, `2e1`)
    /// without going through binary floating point.
    pub fn parse(text: &str) -> Result<Fte, FteError> {
        // Parsed in place: FTE values are read for every unit of every check.
        let t: std::borrow::Cow<str> = if text.contains('_') {
            text.chars()
                .filter(|c| *c != '_')
                .collect::<String>()
                .into()
        } else {
            text.into()
        };
        let t = t.trim();
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        if t.eq_ignore_ascii_case("nan") {
            return Err(FteError::NotANumber);
        }
        if t.eq_ignore_ascii_case("inf") {
            return Err(FteError::TooLarge);
        }
        let (mantissa, exponent) = match t.find(['e', 'E']) {
            Some(i) => {
                let e: i32 = t[i + 1..].parse().map_err(|_| FteError::NotANumber)?;
                (&t[..i], e)
            }
            None => (t, 0),
        };
        let (int_part, frac_part) = match mantissa.split_once('.') {
            Some((i, f)) => (i, f),
            None => (mantissa, ""),
        };
        if int_part.is_empty() && frac_part.is_empty()
            || !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(FteError::NotANumber);
        }
        // All digits as one integer, with the decimal point `scale` places
        // from the right; its significant digits lie between the leading and
        // the trailing zeros.
        let digits = || int_part.bytes().chain(frac_part.bytes());
        let total = int_part.len() + frac_part.len();
        let leading = digits().take_while(|&b| b == b'0').count();
        if leading == total {
            return Ok(Fte(0)); // zero, also when written `-0.0`
        }
        let zeros_at_end = |s: &str| s.bytes().rev().take_while(|&b| b == b'0').count();
        let trailing_zeros = match zeros_at_end(frac_part) {
            n if n == frac_part.len() => n + zeros_at_end(int_part),
            n => n,
        };
        let significant = total - leading - trailing_zeros;
        let scale = frac_part.len() as i64 - exponent as i64;
        // Shift to hundredths: value = digits * 10^(2 - scale).
        let shift = 2 - scale;
        let trailing_zeros = trailing_zeros as i64;
        if shift + trailing_zeros < 0 {
            return Err(FteError::TooPrecise);
        }
        let total_zeros = shift + trailing_zeros;
        if significant as i64 + total_zeros > 18 {
            return Err(FteError::TooLarge);
        }
        // At most 18 digits: no overflow.
        let mut value: i64 = digits()
            .skip(leading)
            .take(significant)
            .fold(0, |v, d| v * 10 + i64::from(d - b'0'));
        for _ in 0..total_zeros {
            value = value.checked_mul(10).ok_or(FteError::TooLarge)?;
        }
        if value > MAX_HUNDREDTHS {
            return Err(FteError::TooLarge);
        }
        if negative {
            return Err(FteError::Negative);
        }
        Ok(Fte(value))
    }

    /// Formats for people to read: exactly two decimals, the given decimal
    /// separator and the other one between thousands, e.g. `240,049.94` or
    /// `240.049,94`.
    pub fn format_with(self, decimal_separator: char) -> String {
        let group = if decimal_separator == ',' { '.' } else { ',' };
        let abs = self.0.unsigned_abs();
        let (mut whole, cents) = (abs / 100, abs % 100);
        // Digit by digit (every page shows several): the whole part's
        // digits, the last first, then written from the first.
        let mut digits = [0u8; 20];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (whole % 10) as u8;
            count += 1;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        let mut out = String::with_capacity(count + count / 3 + 5);
        if self.0 < 0 {
            out.push('-');
        }
        for i in (0..count).rev() {
            out.push(char::from(digits[i]));
            if i > 0 && i % 3 == 0 {
                out.push(group);
            }
        }
        out.push(decimal_separator);
        out.push(char::from(b'0' + (cents / 10) as u8));
        out.push(char::from(b'0' + (cents % 10) as u8));
        out
    }

    /// Formats in the shortest exact form, as data (TOML, CSV) is written:
    /// `11.5`, `52.86`, `3`, `1234.5` — without thousands separators.
    pub fn format_short(self, decimal_separator: char) -> String {
        let mut out = String::new();
        let _ = self.write_short(&mut out, decimal_separator);
        out
    }

    fn write_short(self, out: &mut impl fmt::Write, decimal_separator: char) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, cents) = (abs / 100, abs % 100);
        match cents {
            0 => write!(out, "{sign}{whole}"),
            c if c % 10 == 0 => write!(out, "{sign}{whole}{decimal_separator}{}", c / 10),
            c => write!(out, "{sign}{whole}{decimal_separator}{c:02}"),
        }
    }
}

impl fmt::Display for Fte {
    /// The shortest exact form with a decimal point, as TOML writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_short(f, '.')
    }
}

/// Written as a JSON number. Every value with two decimals that an `Fte` can
/// hold prints back exactly (shortest round-trip form of the nearest double).
impl serde::Serialize for Fte {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0 as f64 / 100.0)
    }
}

impl Add for Fte {
    type Output = Fte;
    fn add(self, other: Fte) -> Fte {
        Fte(self.0.saturating_add(other.0))
    }
}

impl AddAssign for Fte {
    fn add_assign(&mut self, other: Fte) {
        *self = *self + other;
    }
}

impl Sub for Fte {
    type Output = Fte;
    fn sub(self, other: Fte) -> Fte {
        Fte(self.0.saturating_sub(other.0))
    }
}

impl Sum for Fte {
    fn sum<I: Iterator<Item = Fte>>(iter: I) -> Fte {
        iter.fold(Fte::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a Fte> for Fte {
    fn sum<I: Iterator<Item = &'a Fte>>(iter: I) -> Fte {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Fte {
        Fte::parse(s).unwrap()
    }

    #[test]
    fn sums_are_exact() {
        let total: Fte = ["52.86", "93.47", "40.92", "11.5"]
            .iter()
            .map(|s| p(s))
            .sum();
        assert_eq!(total, Fte::from_hundredths(19875));
        assert_eq!(total.to_string(), "198.75");
        assert_eq!(total.format_with(','), "198,75");
        // 0.1 + 0.2 is the classic float trap.
        assert_eq!((p("0.1") + p("0.2")).to_string(), "0.3");
    }

    #[test]
    fn parses_toml_number_forms() {
        assert_eq!(p("1"), Fte::ONE);
        assert_eq!(p("1.0"), Fte::ONE);
        assert_eq!(p("+2.5").hundredths(), 250);
        assert_eq!(p("1_000.25").hundredths(), 100_025);
        assert_eq!(p("2e1").hundredths(), 2000);
        assert_eq!(p("2.5E-1").hundredths(), 25);
        assert_eq!(p("0.50000").hundredths(), 50);
        assert_eq!(p("0").hundredths(), 0);
        assert_eq!(p("-0.0").hundredths(), 0);
    }

    #[test]
    fn refuses_what_is_not_a_sane_fte() {
        assert_eq!(Fte::parse("nan"), Err(FteError::NotANumber));
        assert_eq!(Fte::parse("-nan"), Err(FteError::NotANumber));
        assert_eq!(Fte::parse("inf"), Err(FteError::TooLarge));
        assert_eq!(Fte::parse("-inf"), Err(FteError::TooLarge));
        assert_eq!(Fte::parse("-1"), Err(FteError::Negative));
        assert_eq!(Fte::parse("0.333"), Err(FteError::TooPrecise));
        assert_eq!(Fte::parse("1e-3"), Err(FteError::TooPrecise));
        assert_eq!(Fte::parse("1e300"), Err(FteError::TooLarge));
        assert_eq!(Fte::parse("99999999999999999999"), Err(FteError::TooLarge));
        assert_eq!(Fte::parse("abc"), Err(FteError::NotANumber));
        assert_eq!(Fte::parse("."), Err(FteError::NotANumber));
    }

    #[test]
    fn serializes_as_an_exact_json_number() {
        assert_eq!(serde_json::to_string(&p("198.75")).unwrap(), "198.75");
        assert_eq!(serde_json::to_string(&p("52.86")).unwrap(), "52.86");
        assert_eq!(serde_json::to_string(&p("0.1")).unwrap(), "0.1");
    }

    #[test]
    fn formats_per_separator() {
        assert_eq!(p("11.5").format_with(','), "11,50");
        assert_eq!(p("11.5").format_short(','), "11,5");
        assert_eq!(p("3").format_short('.'), "3");
    }

    #[test]
    fn groups_thousands_for_readers_but_not_in_data() {
        assert_eq!(p("240049.94").format_with('.'), "240,049.94");
        assert_eq!(p("240049.94").format_with(','), "240.049,94");
        assert_eq!(p("1234567.5").format_with('.'), "1,234,567.50");
        assert_eq!(p("999.99").format_with('.'), "999.99");
        assert_eq!(p("1000").format_with(','), "1.000,00");
        assert_eq!(p("0").format_with('.'), "0.00");
        assert_eq!(p("0.05").format_with(','), "0,05");
        assert_eq!(p("123456").format_with('.'), "123,456.00");
        assert_eq!(Fte(-12_345_678).format_with('.'), "-123,456.78");
        assert_eq!(Fte(i64::MIN).format_with('.'), "-92,233,720,368,547,758.08");
        assert_eq!(p("1234.5").to_string(), "1234.5");
        assert_eq!(p("1234.5").format_short(','), "1234,5");
        for (text, shown) in [
            ("10", "10"),
            ("10.00", "10"),
            ("0.05", "0.05"),
            ("0.5", "0.5"),
            ("100.1", "100.1"),
            ("007.50", "7.5"),
            ("1.20e1", "12"),
            ("0.0700e2", "7"),
            ("1_2.3_4", "12.34"),
        ] {
            assert_eq!(p(text).to_string(), shown, "{text}");
        }
        assert_eq!(Fte::from_hundredths(-150).to_string(), "-1.5");
    }
}
