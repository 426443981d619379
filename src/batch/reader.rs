//! Reading a batch one response at a time: the iterators.

use std::fmt;
use std::io::{BufReader, Read};

use super::input::{self, Texts};
use super::rejection::{BatchError, Position, Rejection, RejectionReason};
use crate::instrument::Instrument;
use crate::report::{FingerprintKey, Fingerprints};
use crate::response::{Response, Sheet};
use crate::score::{Scorecard, ScoringOptions};

/// One response of a batch, checked against the instrument, with its
/// answers laid out; or its rejection.
type Checked = (Position, Result<(Response, Sheet), Rejection>);

/// Reads a batch's responses one at a time, checking each against the
/// instrument and rejecting a respondent id seen before.
pub(super) struct Reader<'i, R> {
    instrument: &'i Instrument,
    texts: Option<Result<Texts<R>, BatchError>>,
    seen: Fingerprints,
    count: usize,
    /// Whether ids that differ only in case are one respondent.
    fold_case: bool,
}

impl<'i, R: Read> Reader<'i, R> {
    pub(super) fn new(input: R, instrument: &'i Instrument, fold_case: bool) -> Self {
        let mut reader = BufReader::new(input);
        let texts = input::sniff(&mut reader).map(|(line, array)| Texts::new(reader, line, array));
        Self { instrument, texts: Some(texts), seen: Fingerprints::default(), count: 0, fold_case }
    }

    pub(super) fn from_texts(texts: Texts<R>, instrument: &'i Instrument, fold_case: bool) -> Self {
        Self { instrument, texts: Some(Ok(texts)), seen: Fingerprints::default(), count: 0, fold_case }
    }

    pub(super) fn next_checked(&mut self) -> Option<Result<Checked, BatchError>> {
        let Ok(texts) = self.texts.as_mut()? else {
            return self.texts.take().and_then(Result::err).map(Err);
        };
        let next = match texts.next_text() {
            Ok(Some(next)) => next,
            Ok(None) => {
                self.texts = None;
                return (self.count == 0).then_some(Err(BatchError::Empty));
            }
            Err(e) => {
                self.texts = None;
                return Some(Err(e));
            }
        };
        self.count += 1;
        let (position, text) = next;
        let checked = text
            .and_then(|text| self.instrument.parse_checked(text).map_err(RejectionReason::Invalid))
            .and_then(|(response, sheet)| {
                if self.seen.insert(
                    FingerprintKey::process().fingerprint(response.respondent.id.as_str(), self.fold_case),
                ) {
                    Ok((response, sheet))
                } else {
                    Err(RejectionReason::DuplicateRespondent {
                        respondent: response.respondent.id.as_str().to_owned(),
                    })
                }
            })
            .map_err(|reason| Rejection::new(position, reason));
        Some(Ok((position, checked)))
    }
}

/// The responses of a batch, one at a time: see [`responses`].
#[derive(Debug)]
pub struct Responses<'i, R>(Reader<'i, R>);

/// The scorecards of a batch, one at a time: see [`scorecards`].
#[derive(Debug)]
pub struct Scorecards<'i, R> {
    reader: Reader<'i, R>,
    options: ScoringOptions,
}

impl<R> fmt::Debug for Reader<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("instrument", &self.instrument.id())
            .field("count", &self.count)
            .finish()
    }
}

/// Reads a batch, JSON Lines (one response per line; blank lines ignored) or
/// one JSON array, as an iterator: each response, checked against
/// `instrument`, or its rejection, with its position. A respondent id seen
/// before in the batch is rejected.
///
/// A byte order mark and CRLF line endings are accepted. Ids are compared
/// trimmed and in Unicode NFC (with case folding, use [`scorecards`] or
/// [`score_batch`](super::score_batch) with
/// [`ScoringOptions::fold_case`]). Memory is one response at a time and 16
/// bytes per respondent.
///
/// ```
/// use collaboration::Instrument;
/// use collaboration::batch::{Position, RejectionReason, responses};
///
/// let batch = r#"{"instrument": "collaboration-health-check", "respondent": {"id": "a"}, "answers": {}}
/// {"instrument": "collaboration-health-check", "respondent": {"id": "a"}, "answers": {}}
/// "#;
/// let mut rejected = Vec::new();
/// for entry in responses(batch.as_bytes(), Instrument::builtin()) {
///     if let (position, Err(rejection)) = entry? {
///         assert_eq!(position, Position::Line(2));
///         assert!(matches!(rejection.reason, RejectionReason::DuplicateRespondent { .. }));
///         rejected.push(rejection.to_string());
///     }
/// }
/// assert_eq!(rejected, ["line 2: respondent `a` appears more than once in the batch"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The iterator yields a [`BatchError`], and then ends, when the input
/// cannot be read, a JSON array is broken, or there are no responses.
pub fn responses<R: Read>(input: R, instrument: &Instrument) -> Responses<'_, R> {
    Responses(Reader::new(input, instrument, false))
}

impl<R: Read> Iterator for Responses<'_, R> {
    type Item = Result<(Position, Result<Response, Rejection>), BatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0
            .next_checked()
            .map(|r| r.map(|(position, checked)| (position, checked.map(|(response, _)| response))))
    }
}

/// Scores each response of a batch into its own scorecard, as an iterator
/// like [`responses`]: memory is one response at a time.
pub fn scorecards<'i, R: Read>(
    input: R,
    instrument: &'i Instrument,
    options: &ScoringOptions,
) -> Scorecards<'i, R> {
    Scorecards { reader: Reader::new(input, instrument, options.fold_case), options: *options }
}

impl<R: Read> Iterator for Scorecards<'_, R> {
    type Item = Result<(Position, Result<Scorecard, Rejection>), BatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        let instrument = self.reader.instrument;
        let options = self.options;
        self.reader.next_checked().map(|r| {
            r.map(|(position, checked)| {
                (
                    position,
                    checked
                        .map(|(response, sheet)| instrument.scorecard(response.respondent, &sheet, &options)),
                )
            })
        })
    }
}
