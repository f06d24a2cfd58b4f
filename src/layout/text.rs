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

fn advance(c: char, weight: Weight) -> u16 {
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

/// Width in pixels of `text` at `size` pixels.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    let units: u32 = text.chars().map(|c| advance(c, weight) as u32).sum();
    units as f32 * size / dejavu::UNITS_PER_EM
}

/// Breaks `text` into lines no wider than `max` pixels: at spaces where it
/// can, inside a word only when a single word is wider than a line.
pub fn wrap(text: &str, size: f32, weight: Weight, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size, weight) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if width(word, size, weight) <= max {
            line = word.to_string();
        } else {
            // A word wider than the box: cut it where it no longer fits.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if width(&next, size, weight) > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    next = c.to_string();
                }
                line = next;
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
