//! Errors that are not tied to one stage of the data flow.

use std::fmt;

/// The longest stretch of an offending input that an error message repeats.
///
/// Longer inputs are cut, with an ellipsis, so a hostile 10 MB identifier
/// cannot make a 10 MB error message.
pub(crate) const QUOTE_LIMIT: usize = 80;

/// Writes `s` cut to [`QUOTE_LIMIT`] characters, with an ellipsis if it was cut.
pub(crate) fn quote(s: &str) -> Quoted<'_> {
    Quoted(s)
}

/// A string displayed cut to [`QUOTE_LIMIT`] characters.
pub(crate) struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTE_LIMIT) {
            Some((end, _)) => write!(f, "{}…", &self.0[..end]),
            None => f.write_str(self.0),
        }
    }
}

/// An identifier that names no value of a closed set such as
/// [`Foundation`](crate::framework::Foundation) or [`QuestionId`](crate::framework::QuestionId).
///
/// ```
/// use collaboration::Foundation;
///
/// let err = Foundation::parse("shared-lerning").unwrap_err();
/// assert_eq!(err.id(), "shared-lerning");
/// assert!(err.to_string().starts_with("unknown foundation `shared-lerning`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{quoted}`; expected one of: {expected}", quoted = quote(id), expected = expected.join(", "))]
pub struct ParseIdError {
    kind: &'static str,
    id: String,
    expected: &'static [&'static str],
}

impl ParseIdError {
    pub(crate) fn new(kind: &'static str, id: &str, expected: &'static [&'static str]) -> Self {
        let id = match id.char_indices().nth(QUOTE_LIMIT + 1) {
            Some((end, _)) => &id[..end],
            None => id,
        };
        Self { kind, id: id.to_owned(), expected }
    }

    /// What kind of identifier was expected, such as `"foundation"`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The identifier that was given (cut after 81 characters).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Every identifier that would have been accepted.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

/// `serde_json`'s message without its trailing " at line L column C", which
/// the crate's errors carry in fields of their own.
pub(crate) fn strip_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match message.strip_suffix(&suffix) {
        Some(stripped) => stripped.to_owned(),
        None => message,
    }
}
