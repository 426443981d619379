//! Scores as exact fractions, so that a respondent's score, and every group
//! statistic made from many of them, comes out the same however it is
//! reached.

use crate::instrument::{ItemInfo, gcd};

/// A score of `100 × num / den`; `den > 0`.
///
/// It need not be in lowest terms: `100 × num` and `den` are whole numbers
/// that a double holds exactly, and IEEE division rounds the exact quotient
/// correctly, so equal fractions give the same double however they are
/// written (2/8 and 1/4 both give exactly 25).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    /// `num / den`, or `None` when `den` is 0.
    pub(crate) const fn new(num: u64, den: u64) -> Option<Self> {
        if den == 0 { None } else { Some(Self { num, den }) }
    }

    /// The score on 0–100.
    #[allow(clippy::cast_precision_loss)] // both parts are far below 2^52
    pub(crate) fn score(self) -> f64 {
        100.0 * self.num as f64 / self.den as f64
    }
}

/// The mean normalised score of a set of answers, each `(info, keyed value)`,
/// as an exact fraction: `mean((keyed − 1) / (points − 1))`.
///
/// With `L` the least common multiple of the items' `points − 1`, the mean is
/// `Σ (keyed − 1) × L / (points − 1)` over `count × L`. `None` when there are
/// no answers.
pub(crate) fn mean_normalised<'a>(
    answers: impl Iterator<Item = (&'a ItemInfo, u8)> + Clone,
) -> Option<Ratio> {
    let lcm = answers.clone().fold(1u64, |l, (info, _)| {
        let span = u64::from(info.points - 1);
        l / gcd(l, span) * span
    });
    let (mut num, mut count) = (0u64, 0u64);
    for (info, keyed) in answers {
        num += u64::from(keyed - 1) * (lcm / u64::from(info.points - 1));
        count += 1;
    }
    Ratio::new(num, count * lcm)
}
