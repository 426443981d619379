//! What can be wrong with a form's result: a SurveyJS `survey.data` or a
//! FHIR `QuestionnaireResponse`.

use crate::error::{ParseIdError, quote};
use crate::response::ResponseError;

/// A form's result that cannot be read as a response, naming the
/// respondent, the item (or the key or `linkId`) and the value where they
/// are known.
///
/// A response that reads but breaks the instrument's rules (a value outside
/// the scale, `"n/a"` where the scale has none, an empty respondent id) is
/// [`FormError::Response`], with the [`ResponseError`] the crate gives for
/// the same problem in its own wire format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// A FHIR resource or document that is not JSON of the expected shape:
    /// a syntax error, a missing field or a field of the wrong type.
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// The line of the problem, from 1, in the document or NDJSON line
        /// that was read.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What is wrong, in words.
        message: String,
    },
    /// Reading the input failed.
    #[error("reading failed: {message}")]
    Io {
        /// The operating system's words.
        message: String,
    },
    /// A document or NDJSON line longer than its limit
    /// ([`MAX_FHIR_DOCUMENT_BYTES`](crate::forms::MAX_FHIR_DOCUMENT_BYTES),
    /// [`MAX_NDJSON_LINE_BYTES`](crate::forms::MAX_NDJSON_LINE_BYTES)); it is not
    /// parsed.
    #[error("{what} is more than {limit} bytes, the limit; it is not read")]
    TooLarge {
        /// `"the document"` or `"the line"`.
        what: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },
    /// SurveyJS data that is not a JSON object.
    #[error("the SurveyJS data is {found}; expected a JSON object of answers")]
    NotAnObject {
        /// What was found, in words (`a list`, `the number 3`).
        found: String,
    },
    /// A key of the SurveyJS data that is neither an item of the instrument
    /// nor one of the respondent's keys.
    #[error(
        "respondent `{respondent}`, key `{key}`: no such item in instrument `{instrument}`, and not one of respondent_id, respondent_organisation, respondent_roles, respondent_power_sources",
        respondent = quote(respondent), key = quote(key)
    )]
    UnknownKey {
        /// The respondent.
        respondent: String,
        /// The key as given.
        key: String,
        /// The instrument.
        instrument: String,
    },
    /// A respondent's value of the wrong kind: a list of roles that is not
    /// a list, an organisation that is not text.
    #[error(
        "{who}`{key}`: expected {expected}, found {found}",
        who = respondent.as_deref().map(|r| format!("respondent `{}`, ", quote(r))).unwrap_or_default(),
        key = quote(key)
    )]
    WrongType {
        /// The respondent, when known.
        respondent: Option<String>,
        /// The key (SurveyJS) or `linkId` (FHIR).
        key: String,
        /// What was expected, in words.
        expected: &'static str,
        /// What was found, in words.
        found: String,
    },
    /// A role or power source that is not one of the framework's.
    #[error("respondent `{respondent}`, `{key}`: {error}", respondent = quote(respondent), key = quote(key))]
    UnknownId {
        /// The respondent.
        respondent: String,
        /// The key (SurveyJS) or `linkId` (FHIR).
        key: String,
        /// The identifier that was not recognised, with those that would be.
        error: ParseIdError,
    },
    /// A FHIR resource that is not a `QuestionnaireResponse`, or a Bundle
    /// entry without a resource.
    #[error("{}", match found {
        Some(found) => format!("a resource of type `{}`, not a QuestionnaireResponse", quote(found)),
        None => "no resource with a resourceType; expected a QuestionnaireResponse".to_owned(),
    })]
    WrongResourceType {
        /// The `resourceType` found, if any.
        found: Option<String>,
    },
    /// A `QuestionnaireResponse` with neither `identifier.value` nor `id`,
    /// so no respondent.
    #[error("the QuestionnaireResponse names no respondent: it has no identifier.value and no id")]
    NoRespondent,
    /// A `QuestionnaireResponse` whose `questionnaire` names another
    /// instrument, or another version of it.
    #[error(
        "respondent `{respondent}`: the QuestionnaireResponse answers the questionnaire `{found}`, not `{expected}`",
        respondent = quote(respondent), found = quote(found)
    )]
    WrongQuestionnaire {
        /// The respondent.
        respondent: String,
        /// The instrument's canonical, `url|version`.
        expected: String,
        /// The canonical the resource names.
        found: String,
    },
    /// A `QuestionnaireResponse` with status `entered-in-error`: it was
    /// recorded by mistake and must not be counted.
    #[error("respondent `{respondent}`: the QuestionnaireResponse is marked entered-in-error", respondent = quote(respondent))]
    EnteredInError {
        /// The respondent.
        respondent: String,
    },
    /// A `linkId` that is no item of the instrument, and no group or
    /// respondent item of its questionnaire.
    #[error(
        "respondent `{respondent}`, linkId `{link_id}`: no such item in instrument `{instrument}`",
        respondent = quote(respondent), link_id = quote(link_id)
    )]
    UnknownLinkId {
        /// The respondent.
        respondent: String,
        /// The `linkId` as given.
        link_id: String,
        /// The instrument.
        instrument: String,
    },
    /// An item answered more than once: the same `linkId` twice, or two
    /// answers to an item that takes one.
    #[error("respondent `{respondent}`, item `{item}`: answered more than once", respondent = quote(respondent), item = quote(item))]
    RepeatedAnswer {
        /// The respondent.
        respondent: String,
        /// The item (or respondent `linkId`).
        item: String,
    },
    /// A coded answer from another code system than the item's scale (or
    /// than roles' or power sources').
    #[error(
        "respondent `{respondent}`, item `{item}`: the code is from system `{found}`, not `{expected}`",
        respondent = quote(respondent), item = quote(item), found = quote(found)
    )]
    WrongSystem {
        /// The respondent.
        respondent: String,
        /// The item (or respondent `linkId`).
        item: String,
        /// The system the item's codes are from.
        expected: String,
        /// The system given.
        found: String,
    },
    /// A FHIR answer that is no point of the scale: a code that is not a
    /// number, a number too large for any scale, or a value of another type
    /// (`valueString`, `valueBoolean`, …).
    #[error(
        "respondent `{respondent}`, item `{item}`: {value} is not an answer; expected {expected}",
        respondent = quote(respondent), item = quote(item)
    )]
    NotAnAnswer {
        /// The respondent.
        respondent: String,
        /// The item.
        item: String,
        /// The answer given, in words (`code "x"`, `valueString "4"`).
        value: String,
        /// What the item takes, in words.
        expected: String,
    },
    /// The response read, but breaks the instrument's rules.
    #[error(transparent)]
    Response(#[from] ResponseError),
}

impl FormError {
    /// The respondent the error is about, when it is known.
    pub fn respondent(&self) -> Option<&str> {
        match self {
            Self::Json { .. }
            | Self::Io { .. }
            | Self::TooLarge { .. }
            | Self::NotAnObject { .. }
            | Self::WrongResourceType { .. }
            | Self::NoRespondent => None,
            Self::WrongType { respondent, .. } => respondent.as_deref(),
            Self::UnknownKey { respondent, .. }
            | Self::UnknownId { respondent, .. }
            | Self::WrongQuestionnaire { respondent, .. }
            | Self::EnteredInError { respondent }
            | Self::UnknownLinkId { respondent, .. }
            | Self::RepeatedAnswer { respondent, .. }
            | Self::WrongSystem { respondent, .. }
            | Self::NotAnAnswer { respondent, .. } => Some(respondent),
            Self::Response(err) => err.respondent(),
        }
    }

    /// The item the error is about, when there is one: an item id, or the
    /// SurveyJS key or FHIR `linkId` that was given.
    pub fn item(&self) -> Option<&str> {
        match self {
            Self::UnknownKey { key: item, .. }
            | Self::WrongType { key: item, .. }
            | Self::UnknownId { key: item, .. }
            | Self::UnknownLinkId { link_id: item, .. }
            | Self::RepeatedAnswer { item, .. }
            | Self::WrongSystem { item, .. }
            | Self::NotAnAnswer { item, .. } => Some(item),
            Self::Response(err) => err.item(),
            _ => None,
        }
    }

    /// A `serde_json` error in words, with its line and column.
    pub(crate) fn json(err: &serde_json::Error) -> Self {
        Self::Json {
            line: err.line().max(1),
            column: err.column().max(1),
            message: crate::de::humane(&crate::error::strip_position(err)),
        }
    }
}

/// A JSON value described in words, for messages: `the number 3`, `a list`.
pub(crate) fn describe(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_owned(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => format!("the number {n}"),
        serde_json::Value::String(s) => {
            format!("the string {}", serde_json::Value::String(quote(s).to_string()))
        }
        serde_json::Value::Array(_) => "a list".to_owned(),
        serde_json::Value::Object(_) => "an object".to_owned(),
    }
}
