//! Numbers and bands for people, in one place for Markdown, HTML and SVG.
//! Rounding happens here and nowhere else: the figures themselves are never
//! rounded (`docs/scoring.md`).

use std::fmt;

use crate::framework::{Foundation, PowerForm};
use crate::report::{ChangeTest, GroupDifference, WelchTest};
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

/// A 95% interval for display at `decimals` places: `72.7–80.6`, or
/// `-9.4 to 43.9` when a bound is negative (where a dash would read as a
/// minus sign); an em dash when absent.
pub(crate) fn interval(value: Option<[f64; 2]>, decimals: usize) -> String {
    match value {
        Some([lo, hi]) if lo.is_finite() && hi.is_finite() => {
            if lo < 0.0 || hi < 0.0 {
                format!("{lo:.decimals$} to {hi:.decimals$}")
            } else {
                format!("{lo:.decimals$}–{hi:.decimals$}")
            }
        }
        _ => "—".to_owned(),
    }
}

/// A 95% interval in a sentence: `32.1 to 55.4`, or an em dash.
pub(crate) fn interval_to(value: Option<[f64; 2]>, decimals: usize) -> String {
    match value {
        Some([lo, hi]) if lo.is_finite() && hi.is_finite() => format!("{lo:.decimals$} to {hi:.decimals$}"),
        _ => "—".to_owned(),
    }
}

/// A p-value as people read it: `p < 0.001`; below 0.01 to three places
/// (`p = 0.004`); otherwise to two (`p = 0.20`). A p below 0.05 never shows
/// as 0.05: it is then `p < 0.05`.
pub(crate) fn p_value(p: f64) -> String {
    if p < 0.001 {
        return "p < 0.001".to_owned();
    }
    let text = if p < 0.01 { format!("{p:.3}") } else { format!("{p:.2}") };
    if p < 0.05 && text.starts_with("0.05") { "p < 0.05".to_owned() } else { format!("p = {text}") }
}

/// A test statistic (F, t, d): to one place from 10 on (`13.9`), to two
/// below (`8.11`, `0.23`).
pub(crate) fn statistic(value: f64) -> String {
    if value.abs() >= 10.0 { format!("{value:.1}") } else { format!("{value:.2}") }
}

/// Degrees of freedom: a whole number as one (`28`, also for Welch's
/// 27.999…), otherwise to one place (`12.8`).
pub(crate) fn degrees(value: f64) -> String {
    if (value - value.round()).abs() < 1e-6 { format!("{:.0}", value.round()) } else { format!("{value:.1}") }
}

/// The size of a standardised difference in Cohen's (1988) words: below
/// 0.2 negligible, then small, medium from 0.5, large from 0.8.
pub(crate) fn effect_size(d: f64) -> &'static str {
    match d.abs() {
        d if d < 0.2 => "negligible",
        d if d < 0.5 => "small",
        d if d < 0.8 => "medium",
        _ => "large",
    }
}

/// Whether a change is beyond noise, in words: `beyond noise (p < 0.001)`,
/// `within noise (p = 0.20)`; `None` when there is no test (scorecards, a
/// withheld mean) or it is undefined.
pub(crate) fn noise(test: Option<&ChangeTest>) -> Option<String> {
    let (word, p) = noise_parts(test)?;
    Some(format!("{word} ({p})"))
}

/// [`noise`] in its two parts: the verdict and the p-value.
pub(crate) fn noise_parts(test: Option<&ChangeTest>) -> Option<(&'static str, String)> {
    let test = test?;
    let p = finite(test.p)?;
    let word = if test.significant? { "beyond noise" } else { "within noise" };
    Some((word, p_value(p)))
}

/// The statistics of a change's test, in brief: `t(28) = 9.72, 95%
/// interval 19.7 to 30.3, d = 3.55`; `None` without a test.
pub(crate) fn change_detail(test: Option<&ChangeTest>) -> Option<String> {
    let test = test?;
    let (t, df) = (finite(test.t)?, finite(test.df)?);
    let effect = finite(test.cohens_d).map_or_else(String::new, |d| format!(", d = {}", statistic(d)));
    Some(format!("t({}) = {}, 95% interval {}{effect}", degrees(df), statistic(t), interval_to(test.ci95, 1)))
}

/// One foundation's ANOVA across organisations, as a sentence: "Organisations
/// differ on shared learning: F(3, 11) = 13.9, p < 0.001, η² = 0.79; ICC(1)
/// 0.78, ICC(2) 0.93." when p < 0.05, "Shared learning: no clear difference
/// between organisations (F(3, 11) = 0.23, p = 0.88)." otherwise.
pub(crate) fn difference(d: &GroupDifference) -> String {
    let name = d.foundation.name();
    let (Some(f), Some(p)) = (finite(d.f), finite(d.p)) else {
        return format!(
            "{name}: no test of a difference between organisations (their scores do not vary, or there \
             are too few)."
        );
    };
    let anova = format!("F({}, {}) = {}, {}", d.df_between, d.df_within, statistic(f), p_value(p));
    if p < 0.05 {
        let eta = finite(d.eta_squared).map_or_else(String::new, |eta| format!(", η² = {eta:.2}"));
        let icc = match (finite(d.icc1), finite(d.icc2)) {
            (Some(icc1), Some(icc2)) => format!("; ICC(1) {icc1:.2}, ICC(2) {icc2:.2}"),
            _ => String::new(),
        };
        format!("Organisations differ on {}: {anova}{eta}{icc}.", lower(d.foundation))
    } else {
        format!("{name}: no clear difference between organisations ({anova}).")
    }
}

/// The Welch test of the voice gap, in plain words.
pub(crate) fn voice_gap_test(test: &WelchTest) -> Option<String> {
    let (t, df, p) = (finite(test.t)?, finite(test.df)?, finite(test.p)?);
    let verdict = if p < 0.05 { "The gap is beyond noise" } else { "The gap is within noise" };
    let effect = finite(test.cohens_d)
        .map_or_else(String::new, |d| format!(", and Cohen's d is {} ({})", statistic(d), effect_size(d)));
    let sentence = format!(
        "{verdict} (Welch's t-test: t = {} on {} degrees of freedom, {}); its 95% interval runs from \
         {}{effect}.",
        statistic(t),
        degrees(df),
        p_value(p),
        interval_to(test.ci95, 1)
    );
    Some(sentence)
}

/// Text with its first letter a capital, to begin a sentence or a cell:
/// "Beyond noise (p < 0.001)".
#[cfg_attr(not(feature = "html"), allow(dead_code))]
pub(crate) fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A foundation's name within a sentence: "shared learning".
fn lower(foundation: Foundation) -> String {
    let name = foundation.name();
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

/// A coordinate in the SVG: two decimal places, never `-0.00`.
#[cfg(feature = "html")]
pub(crate) fn coord(value: f64) -> String {
    let text = format!("{value:.2}");
    if text == "-0.00" { "0.00".to_owned() } else { text }
}

/// Each statistic the report shows, in one sentence, with its reference:
/// (term, explanation).
pub(crate) const HOW_TO_READ: [(&str, &str); 9] = [
    (
        "Mean and 95% interval",
        "The interval is Student's t interval of the mean, mean ± t(0.975, n − 1) × sd / √n: intervals \
         made this way hold the mean of everyone like these respondents 95 times in 100, so a wide one \
         says the mean is uncertain.",
    ),
    (
        "Alpha",
        "Cronbach's alpha (Cronbach 1951), over the respondents who answered every item of a foundation, \
         says how well its items hang together: near 1 they measure one thing; near 0 or below, they were \
         answered independently and the score mixes different things.",
    ),
    (
        "rwg(j)",
        "The within-group agreement (James, Demaree & Wolf 1984), from 0 (none) to 1 (full): views are \
         divided when it is below 0.70.",
    ),
    (
        "AD",
        "Burke's average deviation (Burke, Finkelstein & Dusig 1999): how far the answers lie from their \
         mean, on the answer scale; up to a sixth of the scale's points (0.83 on 5) is practical agreement \
         (Burke & Dunlap 2002).",
    ),
    (
        "p",
        "The chance of a difference at least this large if there were none: below 0.05 the report calls it \
         a difference, or a change beyond noise; otherwise no clear difference, or within noise (with few \
         respondents a real difference can stay within noise).",
    ),
    (
        "F and η²",
        "A one-way analysis of variance asks whether the organisations' means differ more than the spread \
         within them explains: F is that ratio, with its degrees of freedom (organisations − 1, \
         respondents − organisations), and η² (eta squared) the share of all the variation that lies \
         between organisations.",
    ),
    (
        "ICC(1) and ICC(2)",
        "Intraclass correlations (Bliese 2000): ICC(1) is how much of one respondent's score their \
         organisation explains, and ICC(2) how reliably the organisations' means differ; below 0, read \
         them as no difference.",
    ),
    (
        "Welch's t-test",
        "Compares two means without assuming equal spreads (Welch 1947), with the Welch–Satterthwaite \
         degrees of freedom (Satterthwaite 1946): the voice gap, holders of structural power against the \
         rest, and each change over time, the waves taken as independent samples; its 95% interval is the \
         range of differences the answers are consistent with.",
    ),
    (
        "Cohen's d",
        "The difference in pooled standard deviations (Cohen 1988): about 0.2 is small, 0.5 medium and 0.8 \
         large.",
    ),
];

/// The references of [`HOW_TO_READ`], as `docs/scoring.md` gives them.
#[cfg_attr(not(feature = "html"), allow(dead_code))] // the HTML report lists them
pub(crate) const REFERENCES: [&str; 8] = [
    "Bliese, P. D. (2000). Within-group agreement, non-independence, and reliability: Implications for \
     data aggregation and analysis. In K. J. Klein & S. W. J. Kozlowski (Eds.), Multilevel Theory, \
     Research, and Methods in Organizations (pp. 349–381). Jossey-Bass.",
    "Burke, M. J., & Dunlap, W. P. (2002). Estimating interrater agreement with the average deviation \
     index: A user's guide. Organizational Research Methods, 5(2), 159–172.",
    "Burke, M. J., Finkelstein, L. M., & Dusig, M. S. (1999). On average deviation indices for \
     estimating interrater agreement. Organizational Research Methods, 2(1), 49–68.",
    "Cohen, J. (1988). Statistical Power Analysis for the Behavioral Sciences (2nd ed.). Lawrence \
     Erlbaum.",
    "Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. Psychometrika, \
     16(3), 297–334.",
    "James, L. R., Demaree, R. G., & Wolf, G. (1984). Estimating within-group interrater reliability \
     with and without response bias. Journal of Applied Psychology, 69(1), 85–98.",
    "Satterthwaite, F. E. (1946). An approximate distribution of estimates of variance components. \
     Biometrics Bulletin, 2(6), 110–114.",
    "Welch, B. L. (1947). The generalization of “Student's” problem when several different population \
     variances are involved. Biometrika, 34(1–2), 28–35.",
];

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

    #[test]
    fn tests_read_in_words() {
        assert_eq!(interval(Some([72.689, 80.644]), 1), "72.7–80.6");
        assert_eq!(interval(Some([-9.418, 43.863]), 1), "-9.4 to 43.9");
        assert_eq!(interval(None, 1), "—");
        assert_eq!(interval_to(Some([32.084, 55.416]), 1), "32.1 to 55.4");
        assert_eq!(p_value(0.000_458), "p < 0.001");
        assert_eq!(p_value(0.004_11), "p = 0.004");
        assert_eq!(p_value(0.195_7), "p = 0.20");
        assert_eq!(p_value(0.875_6), "p = 0.88");
        assert_eq!(p_value(0.049_6), "p < 0.05");
        assert_eq!(p_value(0.05), "p = 0.05");
        assert_eq!(statistic(13.933), "13.9");
        assert_eq!(statistic(0.227), "0.23");
        assert_eq!(degrees(27.999_999_999_999_996), "28");
        assert_eq!(degrees(12.828), "12.8");
        assert_eq!(effect_size(-0.3), "small");
        assert_eq!(effect_size(3.83), "large");
        assert_eq!(lower(Foundation::SharedLearning), "shared learning");
        assert_eq!(capital("within noise (p = 0.20)"), "Within noise (p = 0.20)");
    }

    #[cfg(feature = "html")]
    #[test]
    fn coordinates_never_show_negative_zero() {
        assert_eq!(coord(-0.001), "0.00");
        assert_eq!(coord(-1.005_1), "-1.01");
        assert_eq!(coord(380.0), "380.00");
    }
}
