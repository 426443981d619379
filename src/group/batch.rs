//! Batches of responses from any reader: JSON Lines or one JSON array.

use std::collections::HashSet;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

use schemars::JsonSchema;
use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{Aggregator, GroupReport};
use crate::error::quote;
use crate::response::Sheet;
use crate::{Instrument, Response, ResponseError, Scorecard, ScoringOptions};

/// Where a response stands in a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// Line `n` (from 1) of JSON Lines input, blank lines counted.
    Line(usize),
    /// Element `n` (from 1) of a JSON array.
    Item(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Line(n) => write!(f, "line {n}"),
            Self::Item(n) => write!(f, "item {n}"),
        }
    }
}

/// Why one response of a batch was not scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EntryError {
    /// The response is invalid: malformed JSON or a bad answer.
    #[error(transparent)]
    Response(#[from] ResponseError),
    /// A respondent id seen earlier in the batch.
    #[error("respondent `{respondent}` appears more than once in the batch", respondent = quote(respondent))]
    DuplicateRespondent {
        /// The repeated id.
        respondent: String,
    },
    /// The line is longer than [`MAX_RESPONSE_BYTES`](crate::MAX_RESPONSE_BYTES);
    /// it was skipped without being parsed or kept.
    #[error("the line is longer than {limit} bytes")]
    TooLong {
        /// The limit.
        limit: usize,
    },
    /// The line is not valid UTF-8.
    #[error("not valid UTF-8 (at byte {valid_up_to} of the line)")]
    InvalidUtf8 {
        /// How many bytes of the line are valid.
        valid_up_to: usize,
    },
}

/// A response of a batch that was not scored: where it is, who it is from
/// when that could be read, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rejection {
    /// The line (from 1) in JSON Lines input; `null` for a JSON array.
    pub line: Option<usize>,
    /// The element (from 1) of a JSON array; `null` for JSON Lines.
    pub item: Option<usize>,
    /// The respondent id, when it could be read.
    pub respondent: Option<String>,
    /// Why it was rejected.
    pub reason: String,
}

impl Rejection {
    pub(crate) fn new(position: Position, respondent: Option<String>, error: &EntryError) -> Self {
        let (line, item) = match position {
            Position::Line(n) => (Some(n), None),
            Position::Item(n) => (None, Some(n)),
        };
        Self { line, item, respondent, reason: error.to_string() }
    }

    /// Where the response stands in its batch.
    pub fn position(&self) -> Option<Position> {
        self.line.map(Position::Line).or(self.item.map(Position::Item))
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position() {
            Some(position) => write!(f, "{position}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

/// A problem with a batch as a whole, which stops it being read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// Reading the input failed.
    #[error("reading the batch: {0}")]
    Io(#[from] std::io::Error),
    /// A JSON array that is not well formed; the responses after the problem
    /// cannot be told apart.
    #[error("the JSON array breaks at line {line}, column {column}, after {items} item(s): {message}")]
    Array {
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// How many items were read before it.
        items: usize,
        /// What serde found wrong.
        message: String,
    },
    /// The batch has no responses.
    #[error("the batch has no responses")]
    Empty,
    /// A batch given as one JSON array is larger than
    /// [`MAX_ARRAY_BYTES`](crate::MAX_ARRAY_BYTES); give it as JSON Lines.
    #[error("the JSON array is larger than {limit} bytes; give large batches as JSON Lines")]
    ArrayTooLarge {
        /// The limit.
        limit: usize,
    },
}

/// One response of a batch, checked: either valid, with its answers laid
/// out, or rejected.
pub(crate) type Checked = Result<(Response, Sheet), Box<(Option<String>, EntryError)>>;

/// Reads a batch and hands each response, checked against `instrument`, to
/// `visit` in order. Returns how many responses (non-blank lines, or array
/// elements) there were.
pub(crate) fn read_checked<R: Read>(
    input: R,
    instrument: &Instrument,
    mut visit: impl FnMut(Position, Checked),
) -> Result<usize, BatchError> {
    let mut reader = BufReader::new(input);
    let (mut line, array) = sniff(&mut reader)?;
    if array {
        return read_array(reader, line, instrument, visit);
    }

    let mut count = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let Some(complete) = read_line(&mut reader, &mut buf)? else { break };
        let position = Position::Line(line);
        line += 1;
        if !complete || content(&buf).len() > crate::MAX_RESPONSE_BYTES {
            count += 1;
            visit(position, Err(Box::new((None, EntryError::TooLong { limit: crate::MAX_RESPONSE_BYTES }))));
            continue;
        }
        let text = match std::str::from_utf8(content(&buf)) {
            Ok(text) => text,
            Err(e) => {
                count += 1;
                visit(
                    position,
                    Err(Box::new((None, EntryError::InvalidUtf8 { valid_up_to: e.valid_up_to() }))),
                );
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        count += 1;
        visit(position, check(instrument, text));
    }
    if count == 0 {
        return Err(BatchError::Empty);
    }
    Ok(count)
}

/// Reads one line, with its line end, into `buf`, keeping at most a little
/// over [`MAX_RESPONSE_BYTES`](crate::MAX_RESPONSE_BYTES): the rest of a
/// longer line is skipped unread. `None` at the end of the input; otherwise
/// whether the whole line was kept.
fn read_line<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    let keep = crate::MAX_RESPONSE_BYTES as u64 + 2;
    let n = reader.by_ref().take(keep).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') || (n as u64) < keep {
        return Ok(Some(true));
    }
    loop {
        let rest = reader.fill_buf()?;
        if rest.is_empty() {
            break;
        }
        if let Some(end) = memchr::memchr(b'\n', rest) {
            reader.consume(end + 1);
            break;
        }
        let len = rest.len();
        reader.consume(len);
    }
    Ok(Some(false))
}

/// A line without its line end (`\n` or `\r\n`).
pub(crate) fn content(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Skips a byte order mark and leading white space, to see whether the batch
/// is a JSON array. Returns the line the content starts on, and whether it is
/// an array.
pub(crate) fn sniff<R: Read>(reader: &mut BufReader<R>) -> Result<(usize, bool), BatchError> {
    let mut line = 1;
    let mut first = true;
    loop {
        let buf = reader.fill_buf()?;
        let Some(&byte) = buf.first() else { return Err(BatchError::Empty) };
        if first && buf.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        } else if byte == b'[' {
            return Ok((line, true));
        } else if byte.is_ascii_whitespace() {
            if byte == b'\n' {
                line += 1;
            }
            reader.consume(1);
        } else {
            return Ok((line, false));
        }
        first = false;
    }
}

/// Checks one response's text.
fn check(instrument: &Instrument, text: &str) -> Checked {
    instrument
        .parse_checked(text)
        .map_err(|e| Box::new((e.respondent().map(str::to_owned), EntryError::Response(e))))
}

pub(crate) fn read_array<R: Read>(
    reader: BufReader<R>,
    first_line: usize,
    instrument: &Instrument,
    visit: impl FnMut(Position, Checked),
) -> Result<usize, BatchError> {
    struct Elements<'a, F> {
        instrument: &'a Instrument,
        visit: F,
        count: &'a mut usize,
    }
    impl<'de, F: FnMut(Position, Checked)> Visitor<'de> for Elements<'_, F> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of responses")
        }
        fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
            while let Some(raw) = seq.next_element::<Box<serde_json::value::RawValue>>()? {
                *self.count += 1;
                (self.visit)(Position::Item(*self.count), check(self.instrument, raw.get()));
            }
            Ok(())
        }
    }
    impl<'de, F: FnMut(Position, Checked)> DeserializeSeed<'de> for Elements<'_, F> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_seq(self)
        }
    }

    let mut count = 0;
    let mut limited = Limited { inner: reader, left: crate::MAX_ARRAY_BYTES, hit: false };
    let mut de = serde_json::Deserializer::from_reader(&mut limited);
    let result =
        Elements { instrument, visit, count: &mut count }.deserialize(&mut de).and_then(|()| de.end());
    drop(de);
    if limited.hit {
        return Err(BatchError::ArrayTooLarge { limit: crate::MAX_ARRAY_BYTES });
    }
    if let Err(e) = result {
        return Err(BatchError::Array {
            line: e.line() + first_line - 1,
            column: e.column(),
            items: count,
            message: crate::error::strip_position(&e),
        });
    }
    if count == 0 {
        return Err(BatchError::Empty);
    }
    Ok(count)
}

/// A reader that stops with an error after `left` bytes.
struct Limited<R> {
    inner: R,
    left: usize,
    hit: bool,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // Anything more is over the limit; an empty read would look like
            // the end of the input, so peek for one byte.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? == 0 {
                return Ok(0);
            }
            self.hit = true;
            return Err(std::io::Error::other("over the array size limit"));
        }
        let want = buf.len().min(self.left);
        let n = self.inner.read(buf.get_mut(..want).unwrap_or_default())?;
        self.left -= n;
        Ok(n)
    }
}

/// Reads a batch, JSON Lines (one response per line; blank lines ignored) or
/// one JSON array, and hands each response to `visit` in order, either
/// checked against `instrument` or rejected with its position and reason. A
/// respondent id seen before in the batch is rejected.
///
/// A byte order mark and CRLF line endings are accepted. Returns how many
/// responses there were: every one of them reaches `visit`.
///
/// ```
/// use collaboration::{Instrument, for_each_response};
///
/// let batch = r#"{"instrument": "collaboration-health-check", "respondent": {"id": "a"}, "answers": {}}
/// {"instrument": "collaboration-health-check", "respondent": {"id": "a"}, "answers": {}}
/// "#;
/// let mut rejected = Vec::new();
/// let n = for_each_response(batch.as_bytes(), Instrument::builtin(), |_, result| {
///     if let Err(rejection) = result {
///         rejected.push(rejection.to_string());
///     }
/// })?;
/// assert_eq!(n, 2);
/// assert_eq!(rejected, ["line 2: respondent `a` appears more than once in the batch"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`BatchError`] when the input cannot be read, a JSON array is broken
/// (its later responses cannot be told apart), or there are no responses.
pub fn for_each_response<R: Read>(
    input: R,
    instrument: &Instrument,
    mut visit: impl FnMut(Position, Result<Response, Rejection>),
) -> Result<usize, BatchError> {
    read_unique(input, instrument, |position, checked| visit(position, checked.map(|(response, _)| response)))
}

/// [`read_checked`], with a respondent id seen before in the batch rejected.
fn read_unique<R: Read>(
    input: R,
    instrument: &Instrument,
    mut visit: impl FnMut(Position, Result<(Response, Sheet), Rejection>),
) -> Result<usize, BatchError> {
    let mut seen = HashSet::new();
    read_checked(input, instrument, |position, checked| {
        let result = match checked {
            Ok((response, _)) if !seen.insert(response.respondent.id.as_str().to_owned()) => {
                let respondent = response.respondent.id.as_str().to_owned();
                let error = EntryError::DuplicateRespondent { respondent: respondent.clone() };
                Err(Rejection::new(position, Some(respondent), &error))
            }
            Ok(valid) => Ok(valid),
            Err(rejected) => Err(Rejection::new(position, rejected.0, &rejected.1)),
        };
        visit(position, result);
    })
}

/// Scores a batch into one group report, on every core.
///
/// Every response is either counted or listed in the report's `rejected`,
/// with its position and reason, so `respondents + rejected.len()` is the
/// number of responses. Whether rejections are fatal is the caller's choice.
///
/// JSON Lines input takes the fast path: lines are read in blocks, parsed
/// straight into per-item answers on worker threads, and the partial counts
/// merged in order, so the report, rejections included, is exactly that of
/// [`score_batch_simple`]. Memory stays bounded: a few blocks of input in
/// flight, the counts, and 16 bytes per respondent for duplicate detection.
///
/// ```
/// use collaboration::{Instrument, ScoringOptions, score_batch};
///
/// let batch = r#"[
///   {"instrument": "collaboration-health-check", "respondent": {"id": "a"}, "answers": {"shared-learning.1": 4}},
///   {"instrument": "collaboration-health-check", "respondent": {"id": "b"}, "answers": {"shared-learning.1": 9}}
/// ]"#;
/// let report = score_batch(batch.as_bytes(), Instrument::builtin(), &ScoringOptions::default())?;
/// assert_eq!(report.respondents, 1);
/// assert_eq!(report.rejected[0].item, Some(2));
/// assert_eq!(report.rejected[0].respondent.as_deref(), Some("b"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`for_each_response`].
pub fn score_batch<R: Read>(
    input: R,
    instrument: &Instrument,
    options: &ScoringOptions,
) -> Result<GroupReport, BatchError> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    super::engine::score(input, instrument, options, threads)
}

/// [`score_batch`] on at most `threads` worker threads (1 runs everything on
/// the calling thread).
///
/// # Errors
///
/// As [`for_each_response`].
pub fn score_batch_on<R: Read>(
    input: R,
    instrument: &Instrument,
    options: &ScoringOptions,
    threads: usize,
) -> Result<GroupReport, BatchError> {
    super::engine::score(input, instrument, options, threads.max(1))
}

/// Scores a batch into one group report the straightforward way: one
/// response at a time, each parsed with
/// [`Instrument::parse_response`](crate::Instrument::parse_response) and
/// counted by an [`Aggregator`], on the calling thread. It gives exactly the
/// same report as [`score_batch`], more slowly; it is the reference the fast
/// path is tested against.
///
/// # Errors
///
/// As [`for_each_response`].
pub fn score_batch_simple<R: Read>(
    input: R,
    instrument: &Instrument,
    options: &ScoringOptions,
) -> Result<GroupReport, BatchError> {
    let mut collect = Collect::new(instrument, *options);
    read_checked(input, instrument, |position, checked| collect.take(position, checked))?;
    Ok(collect.report())
}

/// Counts checked responses one at a time, rejecting duplicates, and keeps
/// every rejection for the report.
pub(crate) struct Collect<'i> {
    aggregator: Aggregator<'i>,
    rejected: Vec<Rejection>,
}

impl<'i> Collect<'i> {
    pub(crate) fn new(instrument: &'i Instrument, options: ScoringOptions) -> Self {
        Self { aggregator: Aggregator::with_options(instrument, options), rejected: Vec::new() }
    }

    pub(crate) fn take(&mut self, position: Position, checked: Checked) {
        match checked {
            Ok((response, sheet)) => {
                if !self.aggregator.add_sheet(&response.respondent, &sheet) {
                    let respondent = response.respondent.id.as_str().to_owned();
                    let error = EntryError::DuplicateRespondent { respondent: respondent.clone() };
                    self.rejected.push(Rejection::new(position, Some(respondent), &error));
                }
            }
            Err(r) => self.rejected.push(Rejection::new(position, r.0, &r.1)),
        }
    }

    pub(crate) fn report(self) -> GroupReport {
        let mut report = self.aggregator.report();
        report.rejected = self.rejected;
        report
    }
}

/// Scores each response of a batch into its own scorecard, handing each (or
/// its rejection) to `visit` in order.
///
/// # Errors
///
/// As [`for_each_response`].
pub fn score_each<R: Read>(
    input: R,
    instrument: &Instrument,
    options: &ScoringOptions,
    mut visit: impl FnMut(Position, Result<Scorecard, Rejection>),
) -> Result<usize, BatchError> {
    read_unique(input, instrument, |position, checked| {
        visit(
            position,
            checked.map(|(response, sheet)| instrument.scorecard(response.respondent, &sheet, options)),
        );
    })
}
