//! The one way to score a whole batch.

use std::io::Read;

use super::engine;
use super::rejection::{BatchError, Position, Rejection, RejectionReason};
use crate::import::{CellError, CellProblem, Record, Table};
use crate::instrument::Instrument;
use crate::report::{AggregateError, Aggregator, FingerprintKey, GroupReport};
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
            _ if reason.is_duplicate() => self.duplicate_respondent += 1,
            RejectionReason::TooLong { .. } => self.too_long += 1,
            RejectionReason::InvalidUtf8 { .. } => self.invalid_utf8 += 1,
            _ => self.invalid += 1,
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
    on_rejection: impl FnMut(&Rejection),
) -> Result<Aggregated<'i>, BatchError> {
    let mut counter = Counter::new(instrument, options, on_rejection);
    counter.json(input)?;
    counter.finish()
}

/// One batch given as several inputs, JSON and spreadsheets, counted into
/// one aggregator in turn: a respondent in two inputs is a repeat, as in
/// one. Each input is counted whole or not at all; [`Counter::finish`]
/// applies [`BatchOptions::skip_invalid`] to the batch as a whole.
///
/// ```
/// use collaboration::batch::{Counter, Position};
/// use collaboration::import::{Mapping, Table};
/// use collaboration::{BatchOptions, Instrument};
///
/// let hc = Instrument::builtin();
/// let jsonl = r#"{"instrument": "collaboration-health-check", "respondent": {"id": "ana"}, "answers": {"shared-learning.1": 4}}"#;
/// let csv = "Respondent,shared-learning.1\nben,5\nana,3\n";
/// let options = BatchOptions { skip_invalid: true, ..BatchOptions::default() };
/// let mut rejected = Vec::new();
/// let mut counter = Counter::new(hc, &options, |r| rejected.push(r.clone()));
/// counter.json(jsonl.as_bytes())?;
/// counter.table(Table::csv(csv.as_bytes(), hc, &Mapping::default())?)?;
/// let counted = counter.finish()?;
/// assert_eq!((counted.aggregator.respondents(), counted.responses), (2, 3));
/// // Ana answered in both inputs: her row is the repeat.
/// assert_eq!(rejected[0].position, Position::Row(3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Counter<'i, F> {
    aggregator: Aggregator<'i>,
    options: BatchOptions,
    responses: usize,
    rejected: RejectionCounts,
    rejections: Vec<Rejection>,
    on_rejection: F,
}

impl<F> std::fmt::Debug for Counter<'_, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counter")
            .field("respondents", &self.aggregator.respondents())
            .field("responses", &self.responses)
            .field("rejected", &self.rejected)
            .finish_non_exhaustive()
    }
}

impl<'i, F: FnMut(&Rejection)> Counter<'i, F> {
    /// A counter with a new aggregator of [`BatchOptions::scoring`] and
    /// [`BatchOptions::key`] (a random key when `None`); every rejection is
    /// handed to `on_rejection` as it is found, in the batch's order.
    pub fn new(instrument: &'i Instrument, options: &BatchOptions, on_rejection: F) -> Self {
        let key = options.key.unwrap_or_else(FingerprintKey::random);
        let aggregator = Aggregator::with_key(instrument, options.scoring, key);
        Self::resume(aggregator, options, on_rejection)
    }

    /// A counter that adds to `aggregator` (restored with its key, say);
    /// its scoring options stay the aggregator's own.
    pub fn resume(aggregator: Aggregator<'i>, options: &BatchOptions, on_rejection: F) -> Self {
        Self {
            aggregator,
            options: *options,
            responses: 0,
            rejected: RejectionCounts::default(),
            rejections: Vec::new(),
            on_rejection,
        }
    }

    /// Hands a rejection on, counts it, and lists the first few.
    fn reject(
        on_rejection: &mut F,
        rejected: &mut RejectionCounts,
        rejections: &mut Vec<Rejection>,
        rejection: Rejection,
    ) {
        on_rejection(&rejection);
        rejected.count(&rejection.reason);
        if rejections.len() < MAX_LISTED_REJECTIONS {
            rejections.push(rejection);
        }
    }

    /// Counts a batch of JSON: JSON Lines (on [`BatchOptions::threads`]
    /// threads) or one JSON array. Returns how many responses it had.
    ///
    /// # Errors
    ///
    /// [`BatchError`] when the input cannot be read, a JSON array is
    /// broken, it has no responses, or the aggregator was restored without
    /// its key. Nothing of the input is counted then.
    pub fn json(&mut self, input: impl Read) -> Result<usize, BatchError> {
        let threads = match self.options.threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            n => n,
        };
        let Self { aggregator, on_rejection, rejected, rejections, .. } = self;
        let responses = engine::aggregate(input, aggregator, threads, &mut |rejection| {
            Self::reject(on_rejection, rejected, rejections, rejection);
        })?;
        self.responses += responses;
        Ok(responses)
    }

    /// Counts a table's rows; returns how many responses (rows that are not
    /// blank) it had. A row with bad cells, or a respondent counted before,
    /// is rejected at [`Position::Row`](super::Position::Row).
    ///
    /// # Errors
    ///
    /// [`BatchError::Import`] when the table cannot be read on, and
    /// [`BatchError::KeyUnknown`]. Nothing of the table is counted then.
    pub fn table(&mut self, mut table: Table<'_>) -> Result<usize, BatchError> {
        if !std::ptr::eq(table.instrument(), self.aggregator.instrument())
            && table.instrument() != self.aggregator.instrument()
        {
            return Err(BatchError::OtherInstrument {
                table: table.instrument().id().to_owned(),
                counting: self.aggregator.instrument().id().to_owned(),
            });
        }
        let id_column = table.id_column();
        let mut copy = self.aggregator.clone();
        let mut responses = 0;
        while let Some(record) = table.next_record() {
            let Record { number, result } = record?;
            responses += 1;
            let errors = match result {
                Ok((respondent, sheet)) => match copy.add_sheet(&respondent, &sheet) {
                    Ok(()) => continue,
                    Err(AggregateError::DuplicateRespondent { respondent }) => {
                        let (column, header) = id_column.clone().unwrap_or_default();
                        vec![CellError {
                            row: number,
                            column,
                            header,
                            respondent: Some(respondent.clone()),
                            value: respondent,
                            problem: CellProblem::DuplicateRespondent { first_row: None },
                        }]
                    }
                    Err(_) => return Err(BatchError::KeyUnknown),
                },
                Err(errors) => errors,
            };
            let rejection = Rejection::new(Position::Row(number), RejectionReason::Cells(errors));
            Self::reject(&mut self.on_rejection, &mut self.rejected, &mut self.rejections, rejection);
        }
        self.aggregator = copy;
        self.responses += responses;
        Ok(responses)
    }

    /// How many responses the inputs counted so far had.
    pub fn responses(&self) -> usize {
        self.responses
    }

    /// The batch's result.
    ///
    /// # Errors
    ///
    /// [`BatchError::Empty`] when no input had a response,
    /// [`BatchError::Invalid`] when any response was rejected and
    /// [`BatchError::skip_invalid`](BatchOptions::skip_invalid) is not set,
    /// and [`BatchError::NothingScored`] when every one was.
    pub fn finish(self) -> Result<Aggregated<'i>, BatchError> {
        let Self { aggregator, options, responses, rejected, rejections, .. } = self;
        if responses == 0 {
            return Err(BatchError::Empty);
        }
        if rejected.total() > 0 && !options.skip_invalid {
            return Err(BatchError::Invalid { rejections, rejected: rejected.total(), responses });
        }
        if aggregator.respondents() == 0 {
            return Err(BatchError::NothingScored { rejections, responses });
        }
        Ok(Aggregated { aggregator, responses, rejected, rejections })
    }
}
