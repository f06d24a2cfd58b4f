//! Text measurement with the real advance widths of the font the charts
//! name, and wrapping into a maximum width.

use super::dejavu;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Width of a character the table does not know: wide enough for most
/// scripts, so text is never measured shorter than it is drawn.
const FALLBACK_UNITS: u16 = 2048;

/// Characters below this are looked up in a table indexed by code point:
/// nearly all text of the charts (Latin, with its accents). Others are found
/// in the font's list.
const DIRECT: usize = 0x250;

fn direct(weight: Weight) -> &'static [u16; DIRECT] {
    static TABLES: std::sync::OnceLock<[[u16; DIRECT]; 2]> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        [Weight::Regular, Weight::Bold].map(|weight| {
            let mut table = [0; DIRECT];
            for (code, units) in table.iter_mut().enumerate() {
                let c = char::from_u32(code as u32).unwrap_or('\0');
                *units = listed(c, weight);
            }
            table
        })
    });
    &tables[usize::from(weight == Weight::Bold)]
}

fn listed(c: char, weight: Weight) -> u16 {
    let table = match weight {
        Weight::Regular => dejavu::REGULAR,
        Weight::Bold => dejavu::BOLD,
    };
    match table.binary_search_by_key(&(c as u32), |&(code, _)| code) {
        Ok(i) => table[i].1,
        Err(_) if c.is_control() => 0,
        Err(_) => FALLBACK_UNITS,
    }
}

fn advance(c: char, weight: Weight) -> u16 {
    match direct(weight).get(c as usize) {
        Some(&units) => units,
        None => listed(c, weight),
    }
}

/// Width of `text` in font units.
fn units(text: &str, weight: Weight) -> u32 {
    let table = direct(weight);
    text.chars()
        .map(|c| match table.get(c as usize) {
            Some(&units) => u32::from(units),
            None => u32::from(listed(c, weight)),
        })
        .sum()
}

fn to_px(units: u32, size: f32) -> f32 {
    units as f32 * size / dejavu::UNITS_PER_EM
}

/// Width in pixels of `text` at `size` pixels.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    to_px(units(text, weight), size)
}

/// Breaks `text` into lines no wider than `max` pixels: at spaces where it
/// can, inside a word only when a single word is wider than a line. Widths
/// are added up as the line grows, in font units, so each is exactly the
/// width of the line as [`width`] measures it.
pub fn wrap(text: &str, size: f32, weight: Weight, max: f32) -> Vec<String> {
    let fits = |units: u32| to_px(units, size) <= max;
    let space = u32::from(advance(' ', weight));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_units = 0;
    for word in text.split_whitespace() {
        let word_units = units(word, weight);
        if !line.is_empty() && fits(line_units + space + word_units) {
            line.push(' ');
            line.push_str(word);
            line_units += space + word_units;
            continue;
        }
        if line.is_empty() && fits(word_units) {
            line.push_str(word);
            line_units = word_units;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line_units = 0;
        if fits(word_units) {
            line.push_str(word);
            line_units = word_units;
        } else {
            // A word wider than the box: cut it where it no longer fits.
            for c in word.chars() {
                let c_units = u32::from(advance(c, weight));
                if !fits(line_units + c_units) && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_units = 0;
                }
                line.push(c);
                line_units += c_units;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_dejavu_sans_widths() {
        // "Mechelen" in DejaVu Sans at 2048 units per em.
        let units = [1767u32, 1260, 1126, 1298, 1260, 569, 1260, 1298];
        let expected = units.iter().sum::<u32>() as f32 * 13.0 / 2048.0;
        assert!((width("Mechelen", 13.0, Weight::Regular) - expected).abs() < 0.01);
        assert!(width("Mechelen", 13.0, Weight::Bold) > width("Mechelen", 13.0, Weight::Regular));
        assert!(width("Één", 12.0, Weight::Regular) > 0.0);
    }

    #[test]
    fn wraps_within_the_width() {
        let text = "Interne dienst voor preventie en bescherming op het werk";
        let lines = wrap(text, 13.0, Weight::Bold, 180.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 13.0, Weight::Bold) <= 180.0));
        assert_eq!(lines.join(" "), text);
        let long = wrap(
            "Verkeersveiligheidsbeleidsmedewerkerscoördinatie",
            13.0,
            Weight::Bold,
            100.0,
        );
        assert!(long.len() > 1);
        assert!(long.iter().all(|l| width(l, 13.0, Weight::Bold) <= 100.0));
        assert_eq!(wrap("", 13.0, Weight::Bold, 100.0), vec![String::new()]);
    }
}
