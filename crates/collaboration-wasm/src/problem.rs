//! The crate's errors as plain data: the Rust message and the fields a
//! program reads (kind, item, respondent, line, …), ready to become a
//! JavaScript `Error`.

use std::fmt::Display;

use collaboration::batch::{BatchError, Position, Rejection, RejectionReason};
use collaboration::instrument::InstrumentError;
use collaboration::report::{AggregateError, CompareError, ReadError, StateError};
use collaboration::response::ResponseError;

/// One problem, as a JavaScript program sees it (and as a batch's
/// rejections are written: absent fields left out, no nested rejections).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The Rust error's message (its `Display`).
    pub message: String,
    /// What kind of problem: the Rust variant's name in kebab case, such as
    /// `not-an-integer` or `duplicate-respondent`.
    pub kind: String,
    /// The item, when one is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The respondent, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The line (of a response's JSON, or of a JSON Lines batch), from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column within that line, from 1, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The element of a JSON array batch, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<usize>,
    /// The problems of each rejected response, for a batch that failed.
    #[serde(skip)]
    pub rejections: Vec<Problem>,
}

impl Problem {
    /// A problem with a message and a kind alone.
    pub fn new(kind: &str, message: impl Display) -> Self {
        Self { message: message.to_string(), kind: kind.to_owned(), ..Self::default() }
    }
}

/// `NotAnInteger { .. }` → `not-an-integer`: the variant's name in kebab
/// case, as the crate's error enums give it (`strum::IntoStaticStr`), with
/// no `Debug` formatting (whose code and Unicode tables the module would
/// otherwise carry).
pub(crate) fn kind_of<'a, E>(value: &'a E) -> String
where
    &'static str: From<&'a E>,
{
    <&'static str>::from(value).to_owned()
}

impl From<&ResponseError> for Problem {
    fn from(e: &ResponseError) -> Self {
        let (line, column) = match e {
            ResponseError::Json { line, column, .. } => (Some(*line), Some(*column)),
            _ => (None, None),
        };
        Self {
            message: e.to_string(),
            kind: kind_of(e),
            item: e.item().map(str::to_owned),
            respondent: e.respondent().map(str::to_owned),
            line,
            column,
            ..Self::default()
        }
    }
}

impl From<ResponseError> for Problem {
    fn from(e: ResponseError) -> Self {
        Self::from(&e)
    }
}

impl From<InstrumentError> for Problem {
    fn from(e: InstrumentError) -> Self {
        let (line, column) = match &e {
            InstrumentError::Json { line, column, .. } => (Some(*line), Some(*column)),
            _ => (None, None),
        };
        let item = match &e {
            InstrumentError::DuplicateItem { item, .. }
            | InstrumentError::UnknownScale { item, .. }
            | InstrumentError::UndeclaredFoundation { item, .. }
            | InstrumentError::SpectrumScale { item, .. }
            | InstrumentError::PowerOverNotReversed { item }
            | InstrumentError::ReverseSpectrum { item } => Some(item.clone()),
            _ => None,
        };
        Self { message: e.to_string(), kind: kind_of(&e), item, line, column, ..Self::default() }
    }
}

impl From<AggregateError> for Problem {
    fn from(e: AggregateError) -> Self {
        match e {
            AggregateError::Response(e) => Self::from(&e),
            AggregateError::DuplicateRespondent { ref respondent } => {
                Self { respondent: Some(respondent.clone()), ..Self::new(&kind_of(&e), &e) }
            }
            e => Self::new(&kind_of(&e), &e),
        }
    }
}

impl From<StateError> for Problem {
    fn from(e: StateError) -> Self {
        Self::new(&kind_of(&e), &e)
    }
}

impl From<CompareError> for Problem {
    fn from(e: CompareError) -> Self {
        Self::new(&kind_of(&e), &e)
    }
}

impl From<ReadError> for Problem {
    fn from(e: ReadError) -> Self {
        Self { line: Some(e.line), column: Some(e.column), ..Self::new("json", &e) }
    }
}

impl From<&Rejection> for Problem {
    fn from(r: &Rejection) -> Self {
        let mut problem = match &r.reason {
            RejectionReason::Invalid(e) => Self::from(e),
            reason => Self::new(&kind_of(reason), reason),
        };
        // The message names the response's place in the batch, as the CLI's do.
        problem.message = r.to_string();
        problem.respondent.clone_from(&r.respondent);
        match r.position {
            // A response's own line is always 1 within a line of JSON Lines.
            Position::Line(n) => problem.line = Some(n),
            Position::Element(n) => {
                problem.element = Some(n);
                problem.line = None;
                problem.column = None;
            }
            _ => {}
        }
        problem
    }
}

impl From<BatchError> for Problem {
    fn from(e: BatchError) -> Self {
        let kind = match &e {
            BatchError::Invalid { .. } => "invalid".to_owned(),
            BatchError::NothingScored { .. } => "nothing-scored".to_owned(),
            other => kind_of(other),
        };
        let mut problem = Self::new(&kind, &e);
        match &e {
            BatchError::Invalid { rejections, .. } | BatchError::NothingScored { rejections, .. } => {
                problem.rejections = rejections.iter().map(Problem::from).collect();
                // The first rejection's whereabouts, as the message names them.
                if let Some(first) = problem.rejections.first() {
                    problem.item.clone_from(&first.item);
                    problem.respondent.clone_from(&first.respondent);
                    problem.line = first.line;
                    problem.element = first.element;
                }
            }
            BatchError::Array { line, column, .. } => {
                problem.line = Some(*line);
                problem.column = Some(*column);
            }
            _ => {}
        }
        problem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_variant_names_in_kebab_case() {
        // The names are those of the enums' variants in the crate's source.
        assert_eq!(kind_of(&ResponseError::EmptyRespondentId), "empty-respondent-id");
        assert_eq!(kind_of(&StateError::WrongKey), "wrong-key");
        // Two capitals in a row: `NotAState`.
        assert_eq!(kind_of(&StateError::NotAState { found: String::new() }), "not-a-state");
        assert_eq!(kind_of(&RejectionReason::InvalidUtf8 { valid_up_to: 0 }), "invalid-utf8");
        assert_eq!(
            kind_of(&ResponseError::OutOfScale {
                respondent: "r".into(),
                item: "i".into(),
                value: "9".into(),
                points: 5
            }),
            "out-of-scale"
        );
    }
}
