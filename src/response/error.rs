use crate::error::quote;

/// A response that cannot be scored, naming the respondent, the item and the
/// value where they are known.
///
/// `<&'static str>::from(&error)` is the variant's name in kebab case
/// (such as `out-of-scale`): a kind for a program to match on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum ResponseError {
    /// The text is not JSON of a response's shape: a syntax error, a missing
    /// field, a field of the wrong type or an unknown field.
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// The line of the problem within the response's text, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What serde found wrong.
        message: String,
    },
    /// The response document is longer than
    /// [`MAX_RESPONSE_BYTES`](crate::limits::MAX_RESPONSE_BYTES); it is not parsed.
    #[error("the response is {bytes} bytes; the limit is {limit}")]
    TooLarge {
        /// Its length in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// An id or name longer than [`MAX_ID_CHARS`](crate::limits::MAX_ID_CHARS).
    #[error("{who}{what} is {length} characters; the limit is {limit}", who = respondent.as_deref().map(|r| format!("respondent `{}`: ", quote(r))).unwrap_or_default())]
    TooLong {
        /// The respondent, when the respondent id itself is not what is too
        /// long.
        respondent: Option<String>,
        /// `"respondent id"`, `"organisation"` or `"partner name"`.
        what: &'static str,
        /// Its length in characters.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// More answers than [`MAX_ANSWERS`](crate::limits::MAX_ANSWERS).
    #[error("respondent `{respondent}`: more than {limit} answers", respondent = quote(respondent))]
    TooManyAnswers {
        /// The respondent.
        respondent: String,
        /// The limit.
        limit: usize,
    },
    /// The respondent id is empty, or has only white space or invisible
    /// characters.
    #[error("respondent id is empty or has no visible character")]
    EmptyRespondentId,
    /// An id or organisation name holds a control character, which cannot
    /// be shown or compared reliably.
    #[error("{}{what} contains the control character U+{code:04X}", respondent.as_deref().map(|r| format!("respondent `{}`: ", quote(r))).unwrap_or_default())]
    ControlCharacter {
        /// The respondent, when the respondent id itself is not the problem.
        respondent: Option<String>,
        /// `"respondent id"`, `"organisation"` or `"partner name"`.
        what: &'static str,
        /// The character's code point.
        code: u32,
    },
    /// An organisation name with only white space or invisible characters.
    #[error("respondent `{respondent}`: the organisation has no visible character; leave it out instead", respondent = quote(respondent))]
    BlankOrganisation {
        /// The respondent.
        respondent: String,
    },
    /// The response is for another instrument.
    #[error("respondent `{respondent}`: the response is for instrument `{found}`, not `{expected}`", respondent = quote(respondent), found = quote(found))]
    WrongInstrument {
        /// The respondent.
        respondent: String,
        /// The instrument scoring it.
        expected: String,
        /// The instrument the response names.
        found: String,
    },
    /// The response names another version of the instrument.
    #[error("respondent `{respondent}`: the response is for version `{found}` of `{instrument}`, not `{expected}`", respondent = quote(respondent), found = quote(found))]
    WrongInstrumentVersion {
        /// The respondent.
        respondent: String,
        /// The instrument.
        instrument: String,
        /// The version scoring it.
        expected: String,
        /// The version the response names.
        found: String,
    },
    /// An answer to an item the instrument does not have.
    #[error("respondent `{respondent}`, item `{item}`: no such item in instrument `{instrument}` (answer {value})", respondent = quote(respondent), item = quote(item), value = quote(value))]
    UnknownItem {
        /// The respondent.
        respondent: String,
        /// The item id as given.
        item: String,
        /// The answer given, as JSON.
        value: String,
        /// The instrument.
        instrument: String,
    },
    /// The same item answered twice in one response. JSON parsers commonly
    /// keep the last, which would silently lose an answer.
    #[error("respondent `{respondent}`, item `{item}`: answered twice ({first}, then {second})", respondent = quote(respondent), item = quote(item), first = quote(first), second = quote(second))]
    DuplicateAnswer {
        /// The respondent.
        respondent: String,
        /// The item.
        item: String,
        /// The first answer, as JSON.
        first: String,
        /// The second answer, as JSON.
        second: String,
    },
    /// An answer that is not an integer (nor `"n/a"`): `3.5`, `"3"`, `true`,
    /// `null`, a list or an object.
    #[error("respondent `{respondent}`, item `{item}`: {value} is not an answer; expected an integer 1..={points}{na}", respondent = quote(respondent), item = quote(item), value = quote(value), na = if *not_applicable { " or \"n/a\"" } else { "" })]
    NotAnInteger {
        /// The respondent.
        respondent: String,
        /// The item.
        item: String,
        /// The answer given, as JSON.
        value: String,
        /// The points of the item's scale.
        points: u8,
        /// Whether the scale allows `"n/a"`.
        not_applicable: bool,
    },
    /// An integer answer outside the item's scale.
    #[error("respondent `{respondent}`, item `{item}`: {value} is outside the scale 1..={points}", respondent = quote(respondent), item = quote(item), value = quote(value))]
    OutOfScale {
        /// The respondent.
        respondent: String,
        /// The item.
        item: String,
        /// The answer given, as JSON.
        value: String,
        /// The points of the item's scale.
        points: u8,
    },
    /// `"n/a"` on an item whose scale does not allow it.
    #[error("respondent `{respondent}`, item `{item}`: \"n/a\" is not allowed on scale `{scale}`", respondent = quote(respondent), item = quote(item))]
    NotApplicableForbidden {
        /// The respondent.
        respondent: String,
        /// The item.
        item: String,
        /// The item's scale.
        scale: String,
    },
    /// Partner ratings from a respondent with no organisation: ratings are
    /// given on behalf of one.
    #[error("respondent `{respondent}`: partner ratings need the respondent's organisation, which is not given", respondent = quote(respondent))]
    PartnersWithoutOrganisation {
        /// The respondent.
        respondent: String,
    },
    /// A respondent rating their own organisation as a partner.
    #[error("respondent `{respondent}`, partner `{partner}`: that is the respondent's own organisation, which is not its own partner", respondent = quote(respondent), partner = quote(partner))]
    SelfRating {
        /// The respondent.
        respondent: String,
        /// The partner as given.
        partner: String,
    },
    /// One partner rated twice (its names equal once trimmed and
    /// normalised).
    #[error("respondent `{respondent}`, partner `{partner}`: rated twice", respondent = quote(respondent), partner = quote(partner))]
    DuplicatePartner {
        /// The respondent.
        respondent: String,
        /// The second spelling of the partner's name.
        partner: String,
    },
    /// A partner name with only white space or invisible characters.
    #[error("respondent `{respondent}`: a partner's name has no visible character", respondent = quote(respondent))]
    BlankPartner {
        /// The respondent.
        respondent: String,
    },
    /// More partner ratings than [`MAX_PARTNERS`](crate::limits::MAX_PARTNERS).
    #[error("respondent `{respondent}`: more than {limit} partner ratings", respondent = quote(respondent))]
    TooManyPartners {
        /// The respondent.
        respondent: String,
        /// The limit.
        limit: usize,
    },
    /// A partner rating outside its scale, or not an integer.
    #[error("respondent `{respondent}`, partner `{partner}`: {field} {value} is not allowed; expected an integer 1..={points}", respondent = quote(respondent), partner = quote(partner), value = quote(value))]
    PartnerRating {
        /// The respondent.
        respondent: String,
        /// The partner.
        partner: String,
        /// `"current"`, `"needed"`, `"trust"` or `"value"`.
        field: &'static str,
        /// The value given, as JSON.
        value: String,
        /// The top of its scale: 7 for levels, 5 for trust and value.
        points: u8,
    },
    /// Partner ratings for an instrument that does not ask for them.
    #[error("respondent `{respondent}`: instrument `{instrument}` does not ask for partner ratings", respondent = quote(respondent))]
    PartnersNotAsked {
        /// The respondent.
        respondent: String,
        /// The instrument.
        instrument: String,
    },
    /// A partner outside the list the instrument expects.
    #[error("respondent `{respondent}`, partner `{partner}`: not a partner instrument `{instrument}` lists", respondent = quote(respondent), partner = quote(partner))]
    UnknownPartner {
        /// The respondent.
        respondent: String,
        /// The partner, as stored (trimmed and normalised).
        partner: String,
        /// The instrument.
        instrument: String,
    },
}

impl ResponseError {
    pub(crate) fn json(err: &serde_json::Error) -> Self {
        // serde_json reports column 0 for a problem found before the first
        // character of a line is read; people count from 1.
        Self::Json {
            line: err.line().max(1),
            column: err.column().max(1),
            message: crate::de::humane(&crate::error::strip_position(err)),
        }
    }

    /// The respondent the error is about, when it is known.
    pub fn respondent(&self) -> Option<&str> {
        match self {
            Self::Json { .. } | Self::EmptyRespondentId | Self::TooLarge { .. } => None,
            Self::TooLong { respondent, .. } | Self::ControlCharacter { respondent, .. } => {
                respondent.as_deref()
            }
            Self::BlankOrganisation { respondent } => Some(respondent),
            Self::TooManyAnswers { respondent, .. } => Some(respondent),
            Self::WrongInstrument { respondent, .. }
            | Self::WrongInstrumentVersion { respondent, .. }
            | Self::UnknownItem { respondent, .. }
            | Self::DuplicateAnswer { respondent, .. }
            | Self::NotAnInteger { respondent, .. }
            | Self::OutOfScale { respondent, .. }
            | Self::NotApplicableForbidden { respondent, .. }
            | Self::PartnersWithoutOrganisation { respondent }
            | Self::SelfRating { respondent, .. }
            | Self::DuplicatePartner { respondent, .. }
            | Self::BlankPartner { respondent }
            | Self::TooManyPartners { respondent, .. }
            | Self::PartnerRating { respondent, .. }
            | Self::PartnersNotAsked { respondent, .. }
            | Self::UnknownPartner { respondent, .. } => Some(respondent),
        }
    }

    /// The item the error is about, when there is one.
    pub fn item(&self) -> Option<&str> {
        match self {
            Self::UnknownItem { item, .. }
            | Self::DuplicateAnswer { item, .. }
            | Self::NotAnInteger { item, .. }
            | Self::OutOfScale { item, .. }
            | Self::NotApplicableForbidden { item, .. } => Some(item),
            _ => None,
        }
    }

    /// The partner organisation the error is about, when there is one.
    pub fn partner(&self) -> Option<&str> {
        match self {
            Self::SelfRating { partner, .. }
            | Self::DuplicatePartner { partner, .. }
            | Self::PartnerRating { partner, .. }
            | Self::UnknownPartner { partner, .. } => Some(partner),
            _ => None,
        }
    }
}
