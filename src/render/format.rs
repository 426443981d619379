//! Numbers and bands for people, in one place for Markdown, HTML and SVG.
//! Rounding happens here and nowhere else: the figures themselves are never
//! rounded (`docs/scoring.md`).

use std::fmt;

use crate::framework::PowerForm;
use crate::score::Band;

/// A finite score, or nothing: NaN and infinities (which no report made by
/// this crate holds, but a hand-made one could) count as not scored.
pub(crate) fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

/// A score for display: one decimal place, or an em dash when absent.
pub(crate) struct Shown(pub(crate) Option<f64>);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match finite(self.0) {
            Some(v) => write!(f, "{v:.1}"),
            None => f.write_str("—"),
        }
    }
}

/// A score for people: one decimal place, or an em dash.
#[cfg_attr(not(feature = "html"), allow(dead_code))]
pub(crate) fn shown(value: Option<f64>) -> String {
    Shown(value).to_string()
}

/// A statistic to two decimal places, or an em dash.
pub(crate) fn two(value: Option<f64>) -> String {
    finite(value).map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

/// A change with its sign, to `decimals` places, or an em dash.
pub(crate) fn signed(value: Option<f64>, decimals: usize) -> String {
    finite(value).map_or_else(|| "—".to_owned(), |v| format!("{v:+.decimals$}"))
}

/// A share from 0 to 1 as a whole percentage, or an em dash.
pub(crate) fn share(value: Option<f64>) -> String {
    finite(value).map_or_else(|| "—".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

/// A band's id for display, or an em dash when absent.
pub(crate) fn shown_band(band: Option<Band>) -> &'static str {
    band.map_or("—", Band::id)
}

/// A band's name for people: "Strength", "Developing", "Priority".
#[cfg_attr(not(feature = "html"), allow(dead_code))]
pub(crate) fn band_name(band: Band) -> &'static str {
    match band {
        Band::Strength => "Strength",
        Band::Developing => "Developing",
        Band::Priority => "Priority",
    }
}

/// What the power score counts reversed, in words, from the instrument's
/// keying.
pub(crate) fn reversal(reversed: &[PowerForm]) -> String {
    let names: Vec<String> = reversed.iter().map(|f| f.name().to_lowercase()).collect();
    match names.as_slice() {
        [] => "No power item counts reversed.".to_owned(),
        [one] => format!("The {one} item counts reversed: agreeing with it is less healthy."),
        many => format!("The {} items count reversed: agreeing with them is less healthy.", many.join(", ")),
    }
}

/// A coordinate in the SVG: two decimal places, never `-0.00`.
#[cfg(feature = "html")]
pub(crate) fn coord(value: f64) -> String {
    let text = format!("{value:.2}");
    if text == "-0.00" { "0.00".to_owned() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_for_display() {
        // 2/3 shows as 0.7 at one place and 0.67 at two.
        assert_eq!(shown(Some(2.0 / 3.0)), "0.7");
        assert_eq!(two(Some(2.0 / 3.0)), "0.67");
        assert_eq!(signed(Some(43.75), 1), "+43.8");
        assert_eq!(signed(Some(-0.5), 2), "-0.50");
        assert_eq!(share(Some(8.0 / 15.0)), "53%");
        assert_eq!(shown(None), "—");
        assert_eq!(shown(Some(f64::NAN)), "—");
    }

    #[cfg(feature = "html")]
    #[test]
    fn coordinates_never_show_negative_zero() {
        assert_eq!(coord(-0.001), "0.00");
        assert_eq!(coord(-1.005_1), "-1.01");
        assert_eq!(coord(380.0), "380.00");
    }
}
