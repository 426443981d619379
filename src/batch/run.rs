//! The one way to score a whole batch.

use std::io::Read;

use super::engine;
use super::rejection::{BatchError, Rejection, RejectionReason};
use crate::instrument::Instrument;
use crate::report::{Aggregator, FingerprintKey, GroupReport};
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
    /// The key respondent fingerprints are made with
    /// ([`FingerprintKey`]): `None` (the default) for a random one. It
    /// matters only for the state of [`aggregate_batch`]'s aggregator.
    pub key: Option<FingerprintKey>,
}

/// A scored batch: the group report of the valid responses, and an
/// account of every response that was not scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// The group report.
    pub report: GroupReport,
    /// How many responses the batch had (non-blank lines, or array
    /// elements): `report.respondents + rejected.total()`.
    pub responses: usize,
    /// How many were rejected, by reason.
    pub rejected: RejectionCounts,
    /// The first rejected responses, in the batch's order: at most
    /// [`MAX_LISTED_REJECTIONS`]. Every one of them reaches the callback of
    /// [`score_batch_with`], which keeps memory bounded whatever the batch.
    pub rejections: Vec<Rejection>,
}

/// How many responses of a batch were rejected, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RejectionCounts {
    /// Invalid responses: malformed JSON or a bad answer.
    pub invalid: usize,
    /// Respondents seen before in the batch.
    pub duplicate_respondent: usize,
    /// Lines or elements over the size limit.
    pub too_long: usize,
    /// Lines or elements that are not UTF-8.
    pub invalid_utf8: usize,
}

impl RejectionCounts {
    /// Every rejection.
    pub fn total(&self) -> usize {
        self.invalid + self.duplicate_respondent + self.too_long + self.invalid_utf8
    }

    fn count(&mut self, reason: &RejectionReason) {
        match reason {
            RejectionReason::Invalid(_) => self.invalid += 1,
            RejectionReason::DuplicateRespondent { .. } => self.duplicate_respondent += 1,
            RejectionReason::TooLong { .. } => self.too_long += 1,
            RejectionReason::InvalidUtf8 { .. } => self.invalid_utf8 += 1,
        }
    }
}

/// A batch counted into an [`Aggregator`], to save its state, merge it or
/// report from it; and an account of every response that was not counted.
#[derive(Clone, Debug)]
pub struct Aggregated<'i> {
    /// The counts of the valid responses.
    pub aggregator: Aggregator<'i>,
    /// How many responses the batch had (non-blank lines, or array
    /// elements): `aggregator.respondents() + rejected.total()`.
    pub responses: usize,
    /// How many were rejected, by reason.
    pub rejected: RejectionCounts,
    /// The first rejected responses, in the batch's order: at most
    /// [`MAX_LISTED_REJECTIONS`].
    pub rejections: Vec<Rejection>,
}

/// How many rejections a [`Scored`] (or an error) lists; the rest are
/// counted.
pub const MAX_LISTED_REJECTIONS: usize = 1_000;

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
/// flight, the counts, 16 bytes per respondent for duplicate detection, and
/// at most [`MAX_LISTED_REJECTIONS`] rejections.
///
/// # Errors
///
/// [`BatchError`] when the input cannot be read, a JSON array is broken (its
/// later responses cannot be told apart), there are no responses, nothing
/// could be scored, or, unless [`BatchOptions::skip_invalid`] is set, any
/// response is rejected.
pub fn score_batch<R: Read>(
    input: R,
    instrument: &Instrument,
    options: &BatchOptions,
) -> Result<Scored, BatchError> {
    score_batch_with(input, instrument, options, |_| {})
}

/// [`score_batch`], handing every rejection, in the batch's order, to
/// `on_rejection` as it is found: to write them to a file, say, in bounded
/// memory. The result lists only the first [`MAX_LISTED_REJECTIONS`].
///
/// # Errors
///
/// As [`score_batch`].
pub fn score_batch_with<R: Read>(
    input: R,
    instrument: &Instrument,
    options: &BatchOptions,
    on_rejection: impl FnMut(&Rejection),
) -> Result<Scored, BatchError> {
    let Aggregated { aggregator, responses, rejected, rejections } =
        aggregate_batch_with(input, instrument, options, on_rejection)?;
    Ok(Scored { report: aggregator.report(), responses, rejected, rejections })
}

/// Counts a batch into a new [`Aggregator`] with
/// [`BatchOptions::scoring`] and [`BatchOptions::key`]: [`score_batch`],
/// keeping the counts, to save them as an
/// [`AggregateState`](crate::report::AggregateState) or merge them with
/// others.
///
/// ```
/// use collaboration::batch::aggregate_batch;
/// use collaboration::report::FingerprintKey;
/// use collaboration::{BatchOptions, Instrument};
///
/// let key = FingerprintKey::random();
/// let options = BatchOptions { key: Some(key), ..BatchOptions::default() };
/// let hc = Instrument::builtin();
/// let line = |id: &str| format!(r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "{id}"}}, "answers": {{"healthy-trusting-relationships.1": 4}}}}"#);
/// let mut site_a = aggregate_batch(format!("{}\n{}\n", line("a"), line("b")).as_bytes(), hc, &options)?.aggregator;
/// let site_b = aggregate_batch(format!("{}\n", line("b")).as_bytes(), hc, &options)?.aggregator;
/// // One key: the respondent who answered at both sites is caught.
/// assert!(site_a.merge(&site_b).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`score_batch`].
pub fn aggregate_batch<'i, R: Read>(
    input: R,
    instrument: &'i Instrument,
    options: &BatchOptions,
) -> Result<Aggregated<'i>, BatchError> {
    aggregate_batch_with(input, instrument, options, |_| {})
}

/// [`aggregate_batch`], handing every rejection, in the batch's order, to
/// `on_rejection` as it is found (as [`score_batch_with`] does).
///
/// # Errors
///
/// As [`score_batch`].
pub fn aggregate_batch_with<'i, R: Read>(
    input: R,
    instrument: &'i Instrument,
    options: &BatchOptions,
    mut on_rejection: impl FnMut(&Rejection),
) -> Result<Aggregated<'i>, BatchError> {
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        n => n,
    };
    let mut rejected = RejectionCounts::default();
    let mut rejections = Vec::new();
    let mut sink = |rejection: Rejection| {
        on_rejection(&rejection);
        rejected.count(&rejection.reason);
        if rejections.len() < MAX_LISTED_REJECTIONS {
            rejections.push(rejection);
        }
    };
    let key = options.key.unwrap_or_else(FingerprintKey::random);
    let mut aggregator = Aggregator::with_key(instrument, options.scoring, key);
    let responses = engine::aggregate(input, &mut aggregator, threads, &mut sink)?;
    if rejected.total() > 0 && !options.skip_invalid {
        return Err(BatchError::Invalid { rejections, rejected: rejected.total(), responses });
    }
    if aggregator.respondents() == 0 {
        return Err(BatchError::NothingScored { rejections, responses });
    }
    Ok(Aggregated { aggregator, responses, rejected, rejections })
}
