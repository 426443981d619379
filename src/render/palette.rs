//! The colours of the radar and the report. Text colours keep a contrast of
//! at least 4.5:1 (WCAG 2 AA) against the backgrounds they are drawn on; a
//! test checks it.

/// Body text.
pub(crate) const INK: &str = "#1a1a1a";
/// Secondary text.
pub(crate) const MUTED: &str = "#4a4a4a";
/// The page.
pub(crate) const PAPER: &str = "#ffffff";
/// Divided views: markers and their labels.
pub(crate) const WARN: &str = "#9a3c00";
/// The mean (or score, or later) polygon.
pub(crate) const SERIES: &str = "#1d4f91";
/// The earlier polygon of a comparison.
pub(crate) const EARLIER: &str = "#5c5c5c";
/// The background of table headings.
pub(crate) const HEADER_BG: &str = "#eef2f8";
/// Axes and rings.
pub(crate) const GRID: &str = "#8a8a8a";
/// The strength zone, and the background of a strength badge.
pub(crate) const STRENGTH_BG: &str = "#dcefdc";
/// The developing zone, and the background of a developing badge.
pub(crate) const DEVELOPING_BG: &str = "#fbefcf";
/// The priority zone, and the background of a priority badge.
pub(crate) const PRIORITY_BG: &str = "#f9dedb";
/// The text of a strength badge.
pub(crate) const STRENGTH_INK: &str = "#1e5c1e";
/// The text of a developing badge.
pub(crate) const DEVELOPING_INK: &str = "#6b4a00";
/// The text of a priority badge.
pub(crate) const PRIORITY_INK: &str = "#8c1c13";

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            // A malformed colour gives NaN, which fails every comparison below.
            let v = u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).map_or(f64::NAN, f64::from) / 255.0;
            if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_colours_have_aa_contrast() {
        // Black on white is 21:1, the formula's maximum.
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        let pairs = [
            (INK, PAPER),
            (MUTED, PAPER),
            (WARN, PAPER),
            (SERIES, PAPER),
            (EARLIER, PAPER),
            (INK, STRENGTH_BG),
            (INK, DEVELOPING_BG),
            (INK, PRIORITY_BG),
            (INK, HEADER_BG),
            (STRENGTH_INK, STRENGTH_BG),
            (DEVELOPING_INK, DEVELOPING_BG),
            (PRIORITY_INK, PRIORITY_BG),
        ];
        for (text, background) in pairs {
            let ratio = contrast(text, background);
            assert!(ratio >= 4.5, "{text} on {background}: {ratio:.2}:1");
        }
    }
}
