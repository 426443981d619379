//! Why a response of a batch was not scored, and what stops a batch.

use std::fmt;

use crate::error::quote;
use crate::forms::FormError;
use crate::import::{CellError, CellProblem, ImportError};
use crate::response::ResponseError;

/// Where a response stands in a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Position {
    /// Line `n` (from 1) of JSON Lines input, blank lines counted.
    Line(usize),
    /// Element `n` (from 1) of a JSON array.
    Element(usize),
    /// Row `n` of a spreadsheet, as the spreadsheet numbers it (the first
    /// header row is 1).
    Row(usize),
    /// Resource `n` (from 1) of a FHIR Bundle, or the one resource of a file
    /// that holds one.
    Resource(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Line(n) => write!(f, "line {n}"),
            Self::Element(n) => write!(f, "element {n}"),
            Self::Row(n) => write!(f, "row {n}"),
            Self::Resource(n) => write!(f, "resource {n}"),
        }
    }
}

/// Why one response of a batch was not scored.
///
/// ```
/// use collaboration::batch::{RejectionReason, responses};
/// use collaboration::response::ResponseError;
/// use collaboration::Instrument;
///
/// let batch = r#"{"instrument": "collaboration-health-check", "respondent": {"id": "a"}, "answers": {"shared-learning.1": 9}}"#;
/// for entry in responses(batch.as_bytes(), Instrument::builtin()) {
///     let (_, result) = entry?;
///     let rejection = result.unwrap_err();
///     assert!(matches!(rejection.reason, RejectionReason::Invalid(ResponseError::OutOfScale { .. })));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// `<&'static str>::from(&error)` is the variant's name in kebab case
/// (such as `duplicate-respondent`): a kind for a program to match on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum RejectionReason {
    /// The response is invalid: malformed JSON or a bad answer.
    #[error(transparent)]
    Invalid(#[from] ResponseError),
    /// A respondent id seen earlier in the batch.
    #[error("respondent `{respondent}` appears more than once in the batch", respondent = quote(respondent))]
    DuplicateRespondent {
        /// The repeated id.
        respondent: String,
    },
    /// The line or element is longer than
    /// [`MAX_RESPONSE_BYTES`](crate::limits::MAX_RESPONSE_BYTES); it was
    /// skipped without being parsed or kept.
    #[error("longer than {limit} bytes")]
    TooLong {
        /// The limit.
        limit: usize,
    },
    /// The line or element is not valid UTF-8.
    #[error("not valid UTF-8 (at byte {valid_up_to})")]
    InvalidUtf8 {
        /// How many bytes are valid.
        valid_up_to: usize,
    },
    /// A spreadsheet's row with bad cells: every one of them, each naming
    /// its row and column (at least one).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Cells(Vec<CellError>),
    /// A form's result (a FHIR `QuestionnaireResponse`) that cannot be read
    /// as a response.
    #[error(transparent)]
    Form(FormError),
}

impl RejectionReason {
    /// Whether the response was rejected only for repeating an earlier
    /// respondent.
    pub fn is_duplicate(&self) -> bool {
        match self {
            Self::DuplicateRespondent { .. } => true,
            Self::Cells(errors) => {
                !errors.is_empty()
                    && errors.iter().all(|e| matches!(e.problem, CellProblem::DuplicateRespondent { .. }))
            }
            _ => false,
        }
    }
}

/// A response of a batch that was not scored: where it is, who it is from
/// when that could be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Where it stands in the batch.
    pub position: Position,
    /// The respondent id, when it could be read.
    pub respondent: Option<String>,
    /// Why it was rejected.
    pub reason: RejectionReason,
}

impl Rejection {
    pub(crate) fn new(position: Position, reason: RejectionReason) -> Self {
        let respondent = match &reason {
            RejectionReason::Invalid(e) => e.respondent().map(str::to_owned),
            RejectionReason::DuplicateRespondent { respondent } => Some(respondent.clone()),
            RejectionReason::Cells(errors) => errors.iter().find_map(|e| e.respondent.clone()),
            RejectionReason::Form(e) => e.respondent().map(str::to_owned),
            RejectionReason::TooLong { .. } | RejectionReason::InvalidUtf8 { .. } => None,
        };
        Self { position, respondent, reason }
    }
}

impl fmt::Display for Rejection {
    /// One position: a JSON error on line `n` of JSON Lines reads
    /// `line n, column c: …`, never `line n: line 1, column c: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.position, &self.reason) {
            (
                Position::Line(n),
                RejectionReason::Invalid(ResponseError::Json { line: 1, column, message }),
            ) => {
                write!(f, "line {n}, column {column}: {message}")
            }
            (Position::Element(n), RejectionReason::Invalid(ResponseError::Json { message, .. })) => {
                write!(f, "element {n}: {message}")
            }
            (Position::Line(n), RejectionReason::Form(FormError::Json { line: 1, column, message })) => {
                write!(f, "line {n}, column {column}: {message}")
            }
            // Each bad cell names its row.
            (Position::Row(_), RejectionReason::Cells(_)) => write!(f, "{}", self.reason),
            (position, reason) => write!(f, "{position}: {reason}"),
        }
    }
}

impl std::error::Error for Rejection {}

/// A problem with a batch as a whole, which stops it being read.
///
/// `<&'static str>::from(&error)` is the variant's name in kebab case
/// (such as `nothing-scored`): a kind for a program to match on.
#[derive(Debug, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum BatchError {
    /// Reading the input failed.
    #[error("reading the batch: {0}")]
    Io(#[from] std::io::Error),
    /// A JSON array that is not well formed; the responses after the problem
    /// cannot be told apart.
    #[error("the JSON array breaks at line {line}, column {column}, after {elements} element(s): {message}")]
    Array {
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// How many elements were read before it.
        elements: usize,
        /// What is wrong.
        message: String,
    },
    /// The batch has no responses.
    #[error("the batch has no responses")]
    Empty,
    /// A batch given as one JSON array is larger than
    /// [`MAX_ARRAY_BYTES`](crate::limits::MAX_ARRAY_BYTES); give it as JSON
    /// Lines.
    #[error("the JSON array is larger than {limit} bytes; give large batches as JSON Lines")]
    ArrayTooLarge {
        /// The limit.
        limit: usize,
    },
    /// Responses were invalid and
    /// [`BatchOptions::skip_invalid`](super::BatchOptions::skip_invalid) was
    /// not set: nothing was scored.
    #[error("{rejected} of {responses} response(s) are invalid; the first: {}", rejections.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// The first rejected responses, in the batch's order (at most
        /// [`MAX_LISTED_REJECTIONS`](super::MAX_LISTED_REJECTIONS)).
        rejections: Vec<Rejection>,
        /// How many were rejected in all.
        rejected: usize,
        /// How many responses the batch has.
        responses: usize,
    },
    /// Every response of the batch was rejected: there is nothing to report.
    #[error("none of the {responses} response(s) could be scored; the first problem: {}", rejections.first().map(ToString::to_string).unwrap_or_default())]
    NothingScored {
        /// The first rejected responses, in the batch's order (at most
        /// [`MAX_LISTED_REJECTIONS`](super::MAX_LISTED_REJECTIONS)).
        rejections: Vec<Rejection>,
        /// How many responses the batch has, every one rejected.
        responses: usize,
    },
    /// A table was opened for another instrument than the one counting.
    #[error("the table was opened for instrument `{table}`, but `{counting}` is counting")]
    OtherInstrument {
        /// The table's instrument.
        table: String,
        /// The counting aggregator's instrument.
        counting: String,
    },
    /// A FHIR document that cannot be read as a whole: not JSON, a broken
    /// Bundle, or over the size limit.
    #[error("the FHIR document: {0}")]
    Fhir(FormError),
    /// A table could not be read on: its header, the mapping file, or a
    /// broken row.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The aggregator was restored without its fingerprint key, so
    /// responses cannot be added to it.
    #[error("the aggregate was restored without its fingerprint key, so responses cannot be added to it")]
    KeyUnknown,
}
