//! Exact, mergeable distributions of scores.

use schemars::JsonSchema;
use serde::Serialize;

/// How many respondents had each distinct score.
///
/// Scores are finite and non-negative, so the order of their bit patterns is
/// their numeric order. A score is computed the same way for a respondent
/// wherever it is computed, so two distributions built in any order, or
/// merged in any order, hold exactly the same counts; every statistic is
/// then computed in ascending order of score, so it comes out bit for bit
/// the same too. The number of distinct scores is bounded by the instrument,
/// not by the number of respondents.
///
/// It is a short vector of `(score bits, count)` sorted by score: for the
/// built-in instrument, 17 distinct scores per foundation and a few hundred
/// overall, so a binary search beats a tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dist(Vec<(u64, u64)>);

impl Dist {
    /// Counts one score.
    pub(crate) fn add(&mut self, score: f64) {
        // + 0.0 turns −0.0 into 0.0, so equal scores share one key.
        let key = (score + 0.0).to_bits();
        self.bump(key, 1);
    }

    fn bump(&mut self, key: u64, by: u64) {
        match self.0.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(i) => {
                if let Some((_, count)) = self.0.get_mut(i) {
                    *count += by;
                }
            }
            Err(i) => self.0.insert(i, (key, by)),
        }
    }

    /// Adds every count of `other`.
    pub(crate) fn merge(&mut self, other: &Self) {
        for &(key, count) in &other.0 {
            self.bump(key, count);
        }
    }

    /// How many scores were counted.
    pub(crate) fn n(&self) -> u64 {
        self.0.iter().map(|&(_, count)| count).sum()
    }

    /// Each distinct score with its count, in ascending order of score.
    pub(crate) fn entries(&self) -> impl ExactSizeIterator<Item = (f64, u64)> + '_ {
        self.0.iter().map(|&(bits, count)| (f64::from_bits(bits), count))
    }

    /// The distribution with these `(score, count)` entries, as
    /// [`Dist::entries`] gives them; `None` unless every score is a finite
    /// number from 0 to 100, in strictly ascending order, with a count of
    /// at least 1, and the counts add up to at most `most`.
    pub(crate) fn from_entries(entries: impl IntoIterator<Item = (f64, u64)>, most: u64) -> Option<Self> {
        let mut out: Vec<(u64, u64)> = Vec::new();
        let mut n: u64 = 0;
        for (score, count) in entries {
            n = n.checked_add(count).filter(|&n| n <= most)?;
            if !(0.0..=100.0).contains(&score) || count == 0 {
                return None;
            }
            let bits = (score + 0.0).to_bits();
            if out.last().is_some_and(|&(last, _)| last >= bits) {
                return None;
            }
            out.push((bits, count));
        }
        Some(Self(out))
    }

    /// The exact sum of the scores, as [`Sum`] holds it.
    pub(crate) fn sum(&self) -> Sum {
        let mut sum = Sum::default();
        for (score, count) in self.entries() {
            sum.n = sum.n.saturating_add(count);
            sum.total = sum.total.saturating_add(Sum::fixed(score).saturating_mul(u128::from(count)));
            sum.squares =
                sum.squares.saturating_add(Sum::fixed_square(score).saturating_mul(u128::from(count)));
        }
        sum
    }

    fn iter(&self) -> impl DoubleEndedIterator<Item = (f64, u64)> + '_ {
        self.0.iter().map(|&(bits, count)| (f64::from_bits(bits), count))
    }

    /// The mean, when anything was counted.
    #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
    pub(crate) fn mean(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| self.iter().map(|(x, c)| x * c as f64).sum::<f64>() / n as f64)
    }

    /// The score at 0-based rank `k` in ascending order.
    fn at_rank(&self, k: u64) -> Option<f64> {
        let mut seen = 0;
        for (x, c) in self.iter() {
            seen += c;
            if k < seen {
                return Some(x);
            }
        }
        None
    }

    /// The statistics of the distribution.
    #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
    pub(crate) fn summary(&self) -> Summary {
        let n = self.n();
        let mean = self.mean();
        let sd = match (mean, n) {
            (Some(m), 2..) => {
                let ss: f64 = self.iter().map(|(x, c)| c as f64 * (x - m) * (x - m)).sum();
                Some((ss / (n - 1) as f64).sqrt())
            }
            _ => None,
        };
        let median = if n == 0 {
            None
        } else if n % 2 == 1 {
            self.at_rank(n / 2)
        } else {
            self.at_rank(n / 2 - 1).zip(self.at_rank(n / 2)).map(|(a, b)| f64::midpoint(a, b))
        };
        Summary {
            n,
            mean,
            sd,
            median,
            min: self.iter().next().map(|(x, _)| x),
            max: self.iter().next_back().map(|(x, _)| x),
        }
    }
}

/// An exact, mergeable sum of scores, for a segment's n and mean.
///
/// Each score is held as a fixed-point integer with 64 fractional bits,
/// which represents any finite score from 0 to 100 exactly (scaling a double
/// by a power of two is exact, and such a score times 2⁶⁴ is a whole number
/// or below 2⁻¹¹). Integer sums do not depend on the order of addition, so a
/// merge gives bit for bit what one pass gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sum {
    n: u64,
    total: u128,
    /// The sum of the squared scores, each as a fixed-point integer with
    /// 48 fractional bits (rounded down): for variances, which need no more.
    squares: u128,
}

/// A score as [`Sum`] adds it: its fixed-point value and square.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Fixed {
    total: u128,
    square: u128,
}

/// 2⁴⁸, the fixed-point scale of squares: a square of at most 10⁴ then
/// fits in 62 bits, and 2⁵² of them in 114.
const SQUARE_SCALE: f64 = 281_474_976_710_656.0;

/// 2⁶⁴, the fixed-point scale.
const SCALE: f64 = 18_446_744_073_709_551_616.0;

impl Sum {
    /// A score as a fixed-point integer: `⌊score × 2⁶⁴⌋`, from the double's
    /// bits (its significand shifted by its exponent), which is exactly what
    /// `(score × 2⁶⁴) as u128` gives without the software conversion that
    /// costs.
    fn fixed(score: f64) -> u128 {
        let score = score.clamp(0.0, 100.0);
        let bits = score.to_bits();
        let exponent = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
        let fraction = bits & ((1 << 52) - 1);
        // A normal double is (2⁵² + fraction) × 2^(exponent − 1075); a
        // subnormal one fraction × 2^(1 − 1075).
        let (significand, exponent) =
            if exponent == 0 { (fraction, 1 - 1075) } else { (fraction | (1 << 52), exponent - 1075) };
        let shift = exponent + 64;
        if shift >= 0 {
            u128::from(significand) << shift.unsigned_abs()
        } else {
            u128::from(significand).checked_shr(shift.unsigned_abs()).unwrap_or(0)
        }
    }

    /// A score's square as a fixed-point integer.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0 ≤ square ≤ 10⁴: fits in 62 bits
    fn fixed_square(score: f64) -> u128 {
        let score = score.clamp(0.0, 100.0);
        // Through u64, a machine instruction, rather than u128's software
        // conversion: the value fits in 62 bits, so the result is the same.
        u128::from((score * score * SQUARE_SCALE) as u64)
    }

    /// A score in the fixed-point forms a sum adds, made once for every
    /// segment the respondent is in.
    pub(crate) fn prepare(score: f64) -> Fixed {
        Fixed { total: Self::fixed(score), square: Self::fixed_square(score) }
    }

    /// Adds one prepared score.
    pub(crate) fn add_prepared(&mut self, score: Fixed) {
        self.n += 1;
        self.total += score.total;
        self.squares += score.square;
    }

    /// The largest total `n` scores can have: `n` scores of 100.
    pub(crate) fn most(n: u64) -> u128 {
        Self::fixed(100.0).saturating_mul(u128::from(n))
    }

    /// The sum with these parts, as [`Sum::n`], [`Sum::total`] and
    /// [`Sum::squares`] give them; `None` when `total` or `squares` is more
    /// than `n` scores of 100 could make.
    pub(crate) fn from_parts(n: u64, total: u128, squares: u128) -> Option<Self> {
        let most_squares = Self::fixed_square(100.0).saturating_mul(u128::from(n));
        (total <= Self::most(n) && squares <= most_squares).then_some(Self { n, total, squares })
    }

    /// The squares' total, in units of 2⁻⁴⁸.
    pub(crate) fn squares(&self) -> u128 {
        self.squares
    }

    /// The sample variance (n − 1); `None` when `n < 2`.
    #[allow(clippy::cast_precision_loss)] // rounding to doubles at the end
    pub(crate) fn variance(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        let total = self.total as f64 / SCALE;
        let squares = self.squares as f64 / SQUARE_SCALE;
        Some(((squares - total * total / n) / (n - 1.0)).max(0.0))
    }

    /// The scores' total, in units of 2⁻⁶⁴.
    pub(crate) fn total(&self) -> u128 {
        self.total
    }

    pub(crate) fn merge(&mut self, other: &Self) {
        self.n += other.n;
        self.total += other.total;
        self.squares += other.squares;
    }

    pub(crate) fn n(&self) -> u64 {
        self.n
    }

    #[allow(clippy::cast_precision_loss)] // rounding to a double at the very end
    pub(crate) fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.total as f64 / SCALE / self.n as f64)
    }
}

/// The statistics of a set of 0–100 scores, one per respondent.
///
/// In a group report every field but `n` is `null` where disclosure control
/// withholds the figure (`docs/scoring.md#disclosure-control`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// How many respondents have a score.
    pub n: u64,
    /// Their mean; `null` when `n` is 0.
    pub mean: Option<f64>,
    /// The sample standard deviation (n − 1); `null` when `n` < 2.
    pub sd: Option<f64>,
    /// The median (the mean of the two middle scores when `n` is even);
    /// `null` when `n` is 0.
    pub median: Option<f64>,
    /// The lowest score; `null` when `n` is 0.
    pub min: Option<f64>,
    /// The highest score; `null` when `n` is 0.
    pub max: Option<f64>,
}

impl Summary {
    /// The statistics of `n` scores withheld by disclosure control: only
    /// the count.
    pub(crate) fn withheld(n: u64) -> Self {
        Self { n, mean: None, sd: None, median: None, min: None, max: None }
    }
}

// A saved summary reads back, closed: `crate::de::read_closed`.
crate::de::read_closed!(Summary { n: u64, mean: Option<f64>, sd: Option<f64>, median: Option<f64>, min: Option<f64>, max: Option<f64> });

#[cfg(test)]
mod tests {
    use super::{SCALE, Sum};

    #[test]
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)] // the reference conversion; 53-bit draws
    fn fixed_point_from_bits_is_the_plain_conversion() {
        // The reference: scaling by a power of two is exact, and `as`
        // truncates toward zero.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut scores =
            vec![0.0, 100.0, 50.0, 1.0 / 3.0, 200.0 / 3.0, 1e-300, f64::MIN_POSITIVE / 4.0, 99.999_999];
        for _ in 0..10_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            scores.push((state >> 11) as f64 / (1u64 << 53) as f64 * 100.0);
        }
        for score in scores {
            assert_eq!(Sum::fixed(score), (score * SCALE) as u128, "{score}");
        }
    }
}
