//! How answers become findings for one respondent: the scorecard.

mod band;
mod ratio;
mod scorecard;
mod scores;

pub use band::{Band, Bands, BandsError};
pub(crate) use ratio::{Ratio, gcd, mean_normalised};
pub use scorecard::{
    FoundationScore, ItemScore, MisconceptionAnswer, OverallScore, PowerScore, Scorecard, SpectrumPosition,
};
pub(crate) use scorecard::{Shown, holds, shown_band};
pub use scores::Scores;

/// Choices that shape scores and reports.
///
/// ```
/// use collaboration::{Bands, ScoringOptions};
///
/// let options = ScoringOptions { bands: Bands::new(60.0, 80.0)?, ..ScoringOptions::default() };
/// assert_eq!(options.min_segment, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoringOptions {
    /// The band thresholds.
    pub bands: Bands,
    /// `k` of disclosure control: the fewest respondents any figure of a
    /// group report (the whole report, a foundation, a segment's cell) must
    /// stand for to be shown, so that no one can be singled out; figures
    /// that would let the whole minus the shown ones reveal fewer are
    /// withheld too (`docs/scoring.md#disclosure-control`). 3 by default.
    pub min_segment: usize,
}

impl Default for ScoringOptions {
    fn default() -> Self {
        Self { bands: Bands::DEFAULT, min_segment: 3 }
    }
}
