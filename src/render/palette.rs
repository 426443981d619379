//! The colours of the radar, the partner network and the report. Text
//! colours keep a contrast of at least 4.5:1 (WCAG 2 AA) against the
//! backgrounds they are drawn on, and the lines of the partner network at
//! least 3:1 against the page (WCAG 2.1's non-text contrast); a test checks
//! both.

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

/// The partner network's ties, by need gap (needed − current): a diverging
/// scale after Brewer's orange–purple scheme (`PuOr`), which reads for the
/// common kinds of colour blindness, from "the work needs much closer
/// collaboration" (dark orange) through "about right" (grey) to "closer
/// than the work needs" (dark purple). Lightness changes with the size of
/// the gap too, so the order reads in greyscale.
pub(crate) const GAP_MUCH_CLOSER: &str = "#7a3300";
/// A need gap of +0.5 to +1.5.
pub(crate) const GAP_CLOSER: &str = "#bf5f00";
/// A need gap within half a level of none.
pub(crate) const GAP_NONE: &str = "#8c8c8c";
/// A need gap of −0.5 to −1.5.
pub(crate) const GAP_LESS: &str = "#7b6db5";
/// A need gap of −1.5 or less.
pub(crate) const GAP_MUCH_LESS: &str = "#46237a";
/// The partner matrix's cells, by the tie's current level rounded to the
/// nearest, halves up (1 to 7): light to darker blue, each under body text at 4.5:1
/// or more.
pub(crate) const LEVEL_BG: [&str; 7] =
    ["#f3f6fb", "#e2eaf5", "#cfdcef", "#b9cce7", "#a3bcdf", "#8eacd6", "#7b9dcd"];

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
        for background in LEVEL_BG {
            let ratio = contrast(INK, background);
            assert!(ratio >= 4.5, "{INK} on {background}: {ratio:.2}:1");
        }
    }

    #[test]
    fn the_networks_lines_have_non_text_contrast() {
        for line in [GAP_MUCH_CLOSER, GAP_CLOSER, GAP_NONE, GAP_LESS, GAP_MUCH_LESS, INK] {
            let ratio = contrast(line, PAPER);
            assert!(ratio >= 3.0, "{line} on {PAPER}: {ratio:.2}:1");
        }
        // The scale darkens away from "about right" on both sides, so its
        // order reads without colour: luminance falls from the grey to each
        // end.
        for side in [[GAP_MUCH_CLOSER, GAP_CLOSER, GAP_NONE], [GAP_MUCH_LESS, GAP_LESS, GAP_NONE]] {
            let l: Vec<f64> = side.iter().map(|c| luminance(c)).collect();
            assert!(l[0] < l[1] && l[1] < l[2], "{side:?}: {l:?}");
        }
        // The matrix's shades darken with the level.
        let shades: Vec<f64> = LEVEL_BG.iter().map(|c| luminance(c)).collect();
        assert!(shades.windows(2).all(|w| w[0] > w[1]), "{shades:?}");
    }
}
