//! The choices that shape scores and reports.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::band::Bands;

/// Choices that shape scores and reports.
///
/// ```
/// use collaboration::{Bands, ScoringOptions};
///
/// let options = ScoringOptions { bands: Bands::new(60.0, 80.0)?, ..ScoringOptions::default() };
/// assert_eq!(options.min_segment, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoringOptions {
    /// The band thresholds.
    pub bands: Bands,
    /// `k` of disclosure control: the fewest respondents any figure of a
    /// group report (the whole report, a foundation, a segment's cell) must
    /// stand for to be shown, so that no one can be singled out; figures
    /// that would let the whole minus the shown ones reveal fewer are
    /// withheld too (`docs/scoring.md#disclosure-control`). 3 by default.
    pub min_segment: usize,
    /// Whether respondent ids that differ only in case (`Ann`, `ann`) are one
    /// respondent. Ids are always compared trimmed and in Unicode NFC; off
    /// by default.
    #[serde(default)]
    pub fold_case: bool,
    /// The fewest respondents from one organisation who must rate a partner
    /// for that tie of the partner map to be shown (and the fewest trust or
    /// value ratings for their mean to be shown). Partner ratings are given
    /// on behalf of organisations and are not anonymous, so the default is
    /// 1; raise it to hide ties that one or two people rated
    /// (`docs/scoring.md#the-partner-map`). 0 counts as 1.
    #[serde(default = "one")]
    pub min_partner_raters: usize,
}

fn one() -> usize {
    1
}

impl Default for ScoringOptions {
    fn default() -> Self {
        Self { bands: Bands::DEFAULT, min_segment: 3, fold_case: false, min_partner_raters: 1 }
    }
}
