//! The crate's errors as the exceptions of `collaboration._errors`.

use collaboration::batch::{BatchError, Position, Rejection, RejectionReason};
use collaboration::instrument::InstrumentError;
use collaboration::report::AggregateError;
use collaboration::response::ResponseError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Which exception class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `CollaborationError`, the base.
    Base,
    /// `InvalidResponse`.
    InvalidResponse,
    /// `DuplicateRespondent`.
    DuplicateRespondent,
    /// `InvalidInstrument`.
    InvalidInstrument,
    /// `InvalidState`.
    InvalidState,
    /// `InvalidReport`.
    InvalidReport,
    /// `MergeError`.
    Merge,
    /// `CompareError`.
    Compare,
    /// `InvalidBatch`.
    InvalidBatch,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Self::Base => "CollaborationError",
            Self::InvalidResponse => "InvalidResponse",
            Self::DuplicateRespondent => "DuplicateRespondent",
            Self::InvalidInstrument => "InvalidInstrument",
            Self::InvalidState => "InvalidState",
            Self::InvalidReport => "InvalidReport",
            Self::Merge => "MergeError",
            Self::Compare => "CompareError",
            Self::InvalidBatch => "InvalidBatch",
        }
    }
}

/// An error on its way to Python: made without the GIL, raised with it.
#[derive(Debug)]
pub(crate) enum Failure {
    /// One of the package's exceptions.
    Collaboration {
        kind: Kind,
        message: String,
        item: Option<String>,
        respondent: Option<String>,
        line: Option<usize>,
    },
    /// A file that could not be opened or read: Python's own `OSError`
    /// (`FileNotFoundError`, `PermissionError`…).
    Io(std::io::Error),
}

impl Failure {
    /// An exception of `kind` with no item, respondent or line.
    pub(crate) fn new(kind: Kind, message: String) -> Self {
        Self::Collaboration { kind, message, item: None, respondent: None, line: None }
    }

    /// An invalid response. `from_text`: the response was JSON text, so a
    /// line within it means something.
    pub(crate) fn response(err: &ResponseError, from_text: bool) -> Self {
        let line = match err {
            ResponseError::Json { line, .. } if from_text => Some(*line),
            _ => None,
        };
        let message = match err {
            // A dict has no lines and columns: the message alone.
            ResponseError::Json { message, .. } if !from_text => message.clone(),
            other => other.to_string(),
        };
        Self::Collaboration {
            kind: Kind::InvalidResponse,
            message,
            item: err.item().map(str::to_owned),
            respondent: err.respondent().map(str::to_owned),
            line,
        }
    }

    /// An instrument definition that is not valid.
    pub(crate) fn instrument(err: &InstrumentError) -> Self {
        let line = match err {
            InstrumentError::Json { line, .. } => Some(*line),
            _ => None,
        };
        Self::Collaboration {
            kind: Kind::InvalidInstrument,
            message: err.to_string(),
            item: None,
            respondent: None,
            line,
        }
    }

    /// A response refused by an aggregator, or a merge refused.
    pub(crate) fn aggregate(err: &AggregateError, from_text: bool) -> Self {
        match err {
            AggregateError::Response(e) => Self::response(e, from_text),
            AggregateError::DuplicateRespondent { respondent } => Self::Collaboration {
                kind: Kind::DuplicateRespondent,
                message: err.to_string(),
                item: None,
                respondent: Some(respondent.clone()),
                line: None,
            },
            AggregateError::KeyUnknown => Self::new(Kind::InvalidState, err.to_string()),
            other => Self::new(Kind::Merge, other.to_string()),
        }
    }

    /// A batch that could not be scored; its first rejected response, when
    /// there is one, gives the item, respondent and line.
    pub(crate) fn batch(err: BatchError, path: &std::path::Path) -> Self {
        let prefix = format!("{}: ", path.display());
        match err {
            BatchError::Io(e) => Self::Io(e),
            BatchError::Invalid { ref rejections, .. } | BatchError::NothingScored { ref rejections, .. } => {
                Self::rejection(&format!("{prefix}{err}"), rejections.first())
            }
            other => Self::new(Kind::InvalidBatch, format!("{prefix}{other}")),
        }
    }

    /// `InvalidBatch` for a rejected response.
    pub(crate) fn rejection(message: &str, rejection: Option<&Rejection>) -> Self {
        let line = rejection.and_then(|r| match r.position {
            Position::Line(n) | Position::Element(n) | Position::Row(n) | Position::Resource(n) => Some(n),
            _ => None,
        });
        let item = rejection.and_then(|r| match &r.reason {
            RejectionReason::Invalid(e) => e.item().map(str::to_owned),
            RejectionReason::Cells(cells) => cells.iter().find_map(|c| c.item().map(str::to_owned)),
            RejectionReason::Form(e) => e.item().map(str::to_owned),
            _ => None,
        });
        Self::Collaboration {
            kind: Kind::InvalidBatch,
            message: message.to_owned(),
            item,
            respondent: rejection.and_then(|r| r.respondent.clone()),
            line,
        }
    }
}

impl From<Failure> for PyErr {
    fn from(failure: Failure) -> Self {
        let (kind, message, item, respondent, line) = match failure {
            Failure::Io(e) => return e.into(),
            Failure::Collaboration { kind, message, item, respondent, line } => {
                (kind, message, item, respondent, line)
            }
        };
        Python::attach(|py| {
            let raise = || -> PyResult<PyErr> {
                let class = py.import("collaboration._errors")?.getattr(kind.class())?;
                let kwargs = PyDict::new(py);
                kwargs.set_item("item", item)?;
                kwargs.set_item("respondent", respondent)?;
                kwargs.set_item("line", line)?;
                Ok(PyErr::from_value(class.call((message,), Some(&kwargs))?))
            };
            raise().unwrap_or_else(|e| e)
        })
    }
}
