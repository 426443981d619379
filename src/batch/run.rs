//! The one way to score a whole batch.

use std::io::Read;

use super::engine;
use super::rejection::{BatchError, Position, Rejection, RejectionReason};
use crate::forms::{self, fhir::FhirPosition};
use crate::import::{CellError, RawRow, Record, Table};
use crate::instrument::Instrument;
use crate::report::Fingerprints;
use crate::report::tally::Tally;
use crate::report::{AggregateError, Aggregator, FingerprintKey, GroupReport};
use crate::response::who::Parts;
use crate::response::{NO_PARTNERS, Sheet};
use crate::score::ScoringOptions;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, mpsc};

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
        let threads = threads_of(&self.options);
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
        let key = *self.aggregator.key().ok_or(BatchError::KeyUnknown)?;
        table.fingerprint_with(key, self.aggregator.options().fold_case);
        let mut copy = self.aggregator.clone();
        let mut responses = 0;
        let Self { on_rejection, rejected, rejections, options, .. } = self;
        let threads = threads_of(options);
        if threads > 1 {
            let reject = &mut |rejection| Self::reject(on_rejection, rejected, rejections, rejection);
            responses = count_on_workers(&mut table, threads - 1, &mut copy, id_column.as_ref(), reject)?;
        } else {
            while let Some(record) = table.next_record() {
                let Record { number, result } = record?;
                responses += 1;
                let errors = match result {
                    Ok((respondent, sheet, print)) => {
                        match copy.add_fingerprinted(print, &respondent, &NO_PARTNERS, &sheet) {
                            Ok(()) => continue,
                            // A respondent counted before the table.
                            Err(AggregateError::DuplicateRespondent { respondent }) => {
                                vec![CellError::repeat(number, id_column.as_ref(), respondent, None)]
                            }
                            Err(_) => return Err(BatchError::KeyUnknown),
                        }
                    }
                    Err(errors) => errors,
                };
                let rejection = Rejection::new(Position::Row(number), RejectionReason::Cells(errors));
                Self::reject(on_rejection, rejected, rejections, rejection);
            }
        }
        self.aggregator = copy;
        self.responses += responses;
        Ok(responses)
    }

    /// Counts FHIR `QuestionnaireResponse`s ([`forms::fhir::responses`]):
    /// one resource (at [`Position::Resource`] 1), a Bundle of them (the
    /// n-th entry at `Resource(n)`) or NDJSON (at [`Position::Line`]).
    /// Returns how many responses it had.
    ///
    /// # Errors
    ///
    /// [`BatchError::Fhir`] when the document cannot be read as a whole
    /// (not JSON, a broken Bundle, over the size limit),
    /// [`BatchError::Empty`] when it holds no resource, and
    /// [`BatchError::KeyUnknown`]. Nothing of the input is counted then.
    pub fn fhir(&mut self, input: impl Read) -> Result<usize, BatchError> {
        let instrument = self.aggregator.instrument();
        let mut copy = self.aggregator.clone();
        let mut responses = 0;
        for (place, result) in forms::fhir::responses(input, instrument) {
            let position = match place {
                FhirPosition::Line(n) => Position::Line(n),
                FhirPosition::Entry(n) => Position::Resource(n),
                FhirPosition::Resource => Position::Resource(1),
                // The document as a whole: nothing can be counted.
                FhirPosition::Document => {
                    return Err(match result {
                        Err(e) => BatchError::Fhir(e),
                        Ok(_) => BatchError::Empty,
                    });
                }
            };
            responses += 1;
            let reason = match result {
                Ok(response) => match copy.add(&response) {
                    Ok(()) => continue,
                    Err(AggregateError::DuplicateRespondent { respondent }) => {
                        RejectionReason::DuplicateRespondent { respondent }
                    }
                    Err(AggregateError::Response(e)) => RejectionReason::Invalid(e),
                    Err(_) => return Err(BatchError::KeyUnknown),
                },
                Err(e) => RejectionReason::Form(e),
            };
            let rejection = Rejection::new(position, reason);
            Self::reject(&mut self.on_rejection, &mut self.rejected, &mut self.rejections, rejection);
        }
        if responses == 0 {
            return Err(BatchError::Empty);
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

/// The threads [`BatchOptions::threads`] asks for: every core for 0.
///
/// WebAssembly without the threads proposal has no `std::thread` (spawning
/// panics there), so on it every batch runs on the calling thread, whatever
/// was asked: no path below reaches a thread.
fn threads_of(options: &BatchOptions) -> usize {
    if cfg!(all(target_family = "wasm", not(target_feature = "atomics"))) {
        return 1;
    }
    match options.threads {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        n => n,
    }
}

/// How many rows a worker converts at a time.
const CHUNK_ROWS: usize = 2_048;

/// A chunk of rows a worker converted and counted. What it allocated for
/// each row stays on its thread; the raw rows come back to be read into
/// again.
struct Done {
    index: usize,
    raw: Vec<(usize, RawRow)>,
    /// How many of the raw rows were read (the rest are spare buffers).
    len: usize,
    /// Each row that gave a response: its number and fingerprint.
    prints: Vec<(usize, u128)>,
    /// Each row with bad cells.
    errors: Vec<(usize, Vec<CellError>)>,
    tally: Tally,
}

/// Counts a table on `workers` threads beside the calling one, with the
/// result of counting it row by row ([`Table::next_record`] and
/// [`Aggregator::add_fingerprinted`]): the calling thread reads the rows
/// and hands them out a chunk at a time; each worker converts its chunk
/// and counts it into a tally of its own; the calling thread takes the
/// chunks in the table's order, checks their respondents against every
/// earlier row and the aggregator's, and merges the tallies. A chunk with a
/// repeat (rare) is converted and counted again without it. Returns how
/// many responses the table had.
fn count_on_workers(
    table: &mut Table<'_>,
    workers: usize,
    aggregator: &mut Aggregator<'_>,
    id_column: Option<&(usize, String)>,
    reject: &mut dyn FnMut(Rejection),
) -> Result<usize, BatchError> {
    let instrument = aggregator.instrument();
    let (converter, mut rows, mut seen) = table.split();
    let converter = &converter;
    let mut total = Tally::new(instrument);
    let mut ids = Fingerprints::default();
    let mut responses = 0;
    let before = aggregator.fingerprints();
    let result = std::thread::scope(|scope| -> Result<(), BatchError> {
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<(usize, RawRow)>, usize)>(2 * workers);
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let work_rx = Arc::new(Mutex::new(work_rx));
        for _ in 0..workers {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                let mut sheet = Sheet::new(instrument.items().len());
                loop {
                    let chunk = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((index, raw, len)) = chunk else { return };
                    let mut done = Done {
                        index,
                        raw: Vec::new(),
                        len,
                        prints: Vec::new(),
                        errors: Vec::new(),
                        tally: Tally::new(instrument),
                    };
                    for (number, row) in raw.iter().take(len) {
                        match converter.convert(*number, row, &mut sheet) {
                            Some(Ok((respondent, sheet, print))) => {
                                done.tally.add(instrument, Parts::of(&respondent), &sheet);
                                done.prints.push((*number, print));
                            }
                            Some(Err(errors)) => done.errors.push((*number, errors)),
                            None => {}
                        }
                    }
                    done.raw = raw;
                    if done_tx.send(done).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting: BTreeMap<usize, Done> = BTreeMap::new();
        let mut spare: Vec<Vec<(usize, RawRow)>> = Vec::new();
        let mut next = 0;
        let mut merge = |done: Done,
                         waiting: &mut BTreeMap<usize, Done>,
                         spare: &mut Vec<Vec<(usize, RawRow)>>| {
            waiting.insert(done.index, done);
            while let Some(done) = waiting.remove(&next) {
                next += 1;
                let Done { raw, len, prints, errors, tally, .. } = done;
                responses += prints.len() + errors.len();
                // The rows in order, each a response's fingerprint or bad
                // cells; a repeat of an earlier row or of a respondent counted
                // before becomes bad cells too.
                let mut rejected: Vec<(usize, Vec<CellError>)> = Vec::new();
                let mut repeats = Vec::new();
                let (mut p, mut e) = (prints.into_iter().peekable(), errors.into_iter().peekable());
                loop {
                    let take_print = match (p.peek(), e.peek()) {
                        (Some((a, _)), Some((b, _))) => a < b,
                        (Some(_), None) => true,
                        (None, Some(_)) => false,
                        (None, None) => break,
                    };
                    if !take_print {
                        if let Some(bad) = e.next() {
                            rejected.push(bad);
                        }
                        continue;
                    }
                    let Some((number, print)) = p.next() else { break };
                    let first = seen.first_row(print);
                    if first.is_none() && !before.contains(&print) {
                        seen.note(print, number);
                        ids.insert(print);
                        continue;
                    }
                    // A repeat: its id, from the row read again.
                    let id = raw
                        .iter()
                        .take(len)
                        .find(|(n, _)| *n == number)
                        .and_then(|(n, row)| {
                            converter.convert(*n, row, &mut Sheet::new(instrument.items().len()))
                        })
                        .and_then(Result::ok)
                        .map(|(r, _, _)| r.id.as_str().to_owned())
                        .unwrap_or_default();
                    repeats.push(number);
                    rejected.push((number, vec![CellError::repeat(number, id_column, id, first)]));
                }
                if repeats.is_empty() {
                    total.merge(&tally);
                } else {
                    // Rare: the chunk counted again without its repeats.
                    let mut sheet = Sheet::new(instrument.items().len());
                    for (number, row) in raw.iter().take(len) {
                        if repeats.contains(number) {
                            continue;
                        }
                        if let Some(Ok((respondent, sheet, _))) = converter.convert(*number, row, &mut sheet)
                        {
                            total.add(instrument, Parts::of(&respondent), &sheet);
                        }
                    }
                }
                rejected.sort_by_key(|(number, _)| *number);
                for (number, errors) in rejected {
                    reject(Rejection::new(Position::Row(number), RejectionReason::Cells(errors)));
                }
                spare.push(raw);
            }
        };
        let mut failure = None;
        let mut index = 0;
        'read: loop {
            let mut chunk = spare.pop().unwrap_or_default();
            let mut len = 0;
            while len < CHUNK_ROWS {
                if chunk.len() <= len {
                    chunk.push((0, RawRow::default()));
                }
                let Some((number, row)) = chunk.get_mut(len) else { break };
                match rows.next_raw_into(row) {
                    Some(Ok(n)) => {
                        *number = n;
                        len += 1;
                    }
                    Some(Err(e)) => {
                        failure = Some(BatchError::Import(e));
                        break 'read;
                    }
                    None => break,
                }
            }
            if len == 0 || work_tx.send((index, chunk, len)).is_err() {
                break;
            }
            index += 1;
            while let Ok(done) = done_rx.try_recv() {
                merge(done, &mut waiting, &mut spare);
            }
        }
        drop(work_tx);
        for done in done_rx {
            merge(done, &mut waiting, &mut spare);
        }
        failure.map_or(Ok(()), Err)
    });
    result?;
    aggregator.absorb(&total, ids);
    Ok(responses)
}
