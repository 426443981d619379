//! The one way to score a whole batch.

use std::io::Read;

use super::engine;
use super::rejection::{BatchError, Rejection};
use crate::instrument::Instrument;
use crate::report::GroupReport;
use crate::score::ScoringOptions;

/// How to score a batch.
///
/// ```
/// use collaboration::{BatchOptions, ScoringOptions};
///
/// let options = BatchOptions { skip_invalid: true, threads: 1, ..BatchOptions::default() };
/// assert_eq!(options.scoring, ScoringOptions::default());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BatchOptions {
    /// Bands and disclosure control for the report.
    pub scoring: ScoringOptions,
    /// How many threads may score JSON Lines: 0 (the default) for every
    /// core, 1 for the calling thread alone.
    pub threads: usize,
    /// Whether to score the valid responses of a batch with invalid ones
    /// (listing the rejected), rather than fail with
    /// [`BatchError::Invalid`].
    pub skip_invalid: bool,
}

/// A scored batch: the group report of the valid responses, and every
/// response that was rejected.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// The group report.
    pub report: GroupReport,
    /// How many responses the batch had (non-blank lines, or array
    /// elements): `report.respondents + rejections.len()`.
    pub responses: usize,
    /// The rejected responses, in the batch's order; empty unless
    /// [`BatchOptions::skip_invalid`] is set.
    pub rejections: Vec<Rejection>,
}

/// Scores a batch into one group report.
///
/// ```
/// use collaboration::{BatchOptions, Instrument, score_batch};
/// use collaboration::batch::Position;
///
/// let batch = r#"[
///   {"instrument": "collaboration-health-check", "respondent": {"id": "a"}, "answers": {"shared-learning.1": 4}},
///   {"instrument": "collaboration-health-check", "respondent": {"id": "b"}, "answers": {"shared-learning.1": 9}}
/// ]"#;
/// let options = BatchOptions { skip_invalid: true, ..BatchOptions::default() };
/// let scored = score_batch(batch.as_bytes(), Instrument::builtin(), &options)?;
/// assert_eq!((scored.report.respondents, scored.responses), (1, 2));
/// assert_eq!(scored.rejections[0].position, Position::Element(2));
/// assert_eq!(scored.rejections[0].respondent.as_deref(), Some("b"));
/// // Without skip_invalid, one bad response stops the batch.
/// assert!(score_batch(batch.as_bytes(), Instrument::builtin(), &BatchOptions::default()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Memory stays bounded whatever the batch's size: a few blocks of input in
/// flight, the counts, and 16 bytes per respondent for duplicate detection.
///
/// # Errors
///
/// [`BatchError`] when the input cannot be read, a JSON array is broken (its
/// later responses cannot be told apart), there are no responses, or, unless
/// [`BatchOptions::skip_invalid`] is set, any response is rejected.
pub fn score_batch<R: Read>(
    input: R,
    instrument: &Instrument,
    options: &BatchOptions,
) -> Result<Scored, BatchError> {
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        n => n,
    };
    let (report, responses, rejections) = engine::score(input, instrument, &options.scoring, threads)?;
    let scored = Scored { report, responses, rejections };
    if !options.skip_invalid && !scored.rejections.is_empty() {
        return Err(BatchError::Invalid { rejections: scored.rejections, responses: scored.responses });
    }
    Ok(scored)
}
