//! Exact, mergeable distributions of scores.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How many respondents had each distinct score.
///
/// Scores are finite and non-negative, so the order of their bit patterns is
/// their numeric order. A score is computed the same way for a respondent
/// wherever it is computed, so two distributions built in any order, or
/// merged in any order, hold exactly the same counts; every statistic is
/// then computed in ascending order of score, so it comes out bit for bit
/// the same too. The number of distinct scores is bounded by the instrument,
/// not by the number of respondents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dist(BTreeMap<u64, u64>);

impl Dist {
    /// Counts one score.
    pub(crate) fn add(&mut self, score: f64) {
        // + 0.0 turns −0.0 into 0.0, so equal scores share one key.
        *self.0.entry((score + 0.0).to_bits()).or_insert(0) += 1;
    }

    /// Adds every count of `other`.
    pub(crate) fn merge(&mut self, other: &Self) {
        for (&key, &count) in &other.0 {
            *self.0.entry(key).or_insert(0) += count;
        }
    }

    /// How many scores were counted.
    pub(crate) fn n(&self) -> u64 {
        self.0.values().sum()
    }

    fn iter(&self) -> impl DoubleEndedIterator<Item = (f64, u64)> + '_ {
        self.0.iter().map(|(&bits, &count)| (f64::from_bits(bits), count))
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

/// The statistics of a set of 0–100 scores, one per respondent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
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
