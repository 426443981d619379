//! Respondents, answers and responses, as the wire has them.

use super::error::ResponseError;
use super::partners::PartnerRating;
use super::rules::{self, NOT_APPLICABLE};
use crate::framework::{PowerSource, Role};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A respondent's identifier: any text that is not empty or only white space.
///
/// ```
/// use collaboration::response::RespondentId;
///
/// assert_eq!(RespondentId::new("r-07")?.as_str(), "r-07");
/// assert!(RespondentId::new("  ").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RespondentId(String);

impl RespondentId {
    /// Makes an id.
    ///
    /// # Errors
    ///
    /// [`ResponseError::EmptyRespondentId`] for `""` or `"  "`, and
    /// [`ResponseError::TooLong`] for an id over
    /// [`MAX_ID_CHARS`](crate::limits::MAX_ID_CHARS).
    pub fn new(id: impl Into<String>) -> Result<Self, ResponseError> {
        let id = id.into();
        rules::respondent_id(&id)?;
        Ok(Self(match rules::canonical(&id) {
            std::borrow::Cow::Borrowed(same) if same.len() == id.len() => id,
            canonical => canonical.into_owned(),
        }))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RespondentId {
    type Error = ResponseError;

    fn try_from(id: String) -> Result<Self, Self::Error> {
        Self::new(id)
    }
}

impl From<RespondentId> for String {
    fn from(id: RespondentId) -> Self {
        id.0
    }
}

impl fmt::Display for RespondentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for RespondentId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for RespondentId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RespondentId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The pattern is `rules::respondent_id` as an ECMA-262 regex without
        // lookaround: no control character (Unicode Cc) anywhere, and some
        // character that is neither white space nor invisible (`is_invisible`).
        schemars::json_schema!({
            "description": "A respondent's identifier: 1 to 256 characters, with no control character and at least one visible character (not only white space or invisible format characters).",
            "type": "string",
            "minLength": 1,
            "maxLength": crate::limits::MAX_ID_CHARS,
            "pattern": r"^[^\u0000-\u001F\u007F-\u009F]*[^\u0000-\u0020\u007F-\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u206F\u2800\u3000\u3164\uFEFF\uFFA0\uFFF9-\uFFFB][^\u0000-\u001F\u007F-\u009F]*$"
        })
    }
}

/// Who answered: an id, and optionally the roles they play, their
/// organisation and the sources of structural power they hold.
///
/// ```
/// use collaboration::{PowerSource, Respondent, Role};
///
/// let r = Respondent::new("r-07")?
///     .with_role(Role::SystemSteward)
///     .with_organisation("City Council")
///     .with_power_source(PowerSource::Positional);
/// assert!(r.holds_structural_power());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Respondent {
    /// The respondent's identifier, unique within a batch.
    pub id: RespondentId,
    /// The system roles the respondent plays, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// The organisation the respondent belongs to (at most 256 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "The organisation the respondent belongs to: at most 256 characters, with no control character and at least one visible character.",
        length(max = crate::limits::MAX_ID_CHARS),
        pattern(r"^[^\u0000-\u001F\u007F-\u009F]*[^\u0000-\u0020\u007F-\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u206F\u2800\u3000\u3164\uFEFF\uFFA0\uFFF9-\uFFFB][^\u0000-\u001F\u007F-\u009F]*$")
    )]
    pub organisation: Option<String>,
    /// The sources of structural power the respondent holds, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub power_sources: Vec<PowerSource>,
}

impl Respondent {
    /// A respondent with an id and nothing else.
    ///
    /// # Errors
    ///
    /// [`ResponseError::EmptyRespondentId`] for an empty or blank id.
    pub fn new(id: impl Into<String>) -> Result<Self, ResponseError> {
        Ok(Self {
            id: RespondentId::new(id)?,
            roles: Vec::new(),
            organisation: None,
            power_sources: Vec::new(),
        })
    }

    /// The same respondent, also playing `role`.
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Self {
        if !self.roles.contains(&role) {
            self.roles.push(role);
        }
        self
    }

    /// The same respondent, in `organisation`.
    #[must_use]
    pub fn with_organisation(mut self, organisation: impl Into<String>) -> Self {
        self.organisation = Some(organisation.into());
        self
    }

    /// The same respondent, also holding `source`.
    #[must_use]
    pub fn with_power_source(mut self, source: PowerSource) -> Self {
        if !self.power_sources.contains(&source) {
            self.power_sources.push(source);
        }
        self
    }

    /// Whether the respondent holds any source of structural power.
    pub fn holds_structural_power(&self) -> bool {
        !self.power_sources.is_empty()
    }
}

/// One answer: a point on the item's scale, or "not applicable".
///
/// On the wire a point is an integer and "not applicable" is `"n/a"`.
///
/// ```
/// use collaboration::Answer;
///
/// assert_eq!(serde_json::to_string(&Answer::Value(4))?, "4");
/// assert_eq!(serde_json::from_str::<Answer>("\"n/a\"")?, Answer::NotApplicable);
/// assert!(serde_json::from_str::<Answer>("3.5").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Answer {
    /// A point on the scale, `1..=points`.
    Value(u8),
    /// Not applicable (`"n/a"`), allowed only where the scale allows it, and
    /// never scored.
    NotApplicable,
}

impl From<u8> for Answer {
    fn from(value: u8) -> Self {
        Self::Value(value)
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Value(v) => write!(f, "{v}"),
            Self::NotApplicable => f.write_str("\"n/a\""),
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(v) => serializer.serialize_u8(*v),
            Self::NotApplicable => serializer.serialize_str(NOT_APPLICABLE),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Answer;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an integer from 1 to {} or \"n/a\"", crate::instrument::MAX_POINTS)
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Answer, E> {
                match u8::try_from(v) {
                    Ok(v) if (1..=crate::instrument::MAX_POINTS).contains(&v) => Ok(Answer::Value(v)),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
                }
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Answer, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self)),
                }
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Answer, E> {
                // JSON Schema counts 4.0 as an integer; so does the crate.
                match rules::integral(v) {
                    Some(n) => self.visit_u64(n),
                    None => Err(E::invalid_value(serde::de::Unexpected::Float(v), &self)),
                }
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
                if v == NOT_APPLICABLE {
                    Ok(Answer::NotApplicable)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for Answer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "One answer: a point on the item's scale, or \"n/a\" where the scale allows it.",
            "oneOf": [
                {
                    "description": "A point on the item's scale, from 1 to the scale's points (at most 11).",
                    "type": "integer",
                    "minimum": 1,
                    "maximum": crate::instrument::MAX_POINTS
                },
                {
                    "description": "Not applicable: never scored, allowed only where the scale allows it.",
                    "const": NOT_APPLICABLE
                }
            ]
        })
    }
}

/// One person's answers to one instrument: the JSON a form sends.
///
/// Build one in code, or read one from JSON with
/// [`Instrument::parse_response`](crate::instrument::Instrument::parse_response), which
/// checks it against the instrument and names the respondent, item and value
/// of any problem.
///
/// ```
/// use collaboration::{Answer, Instrument, Respondent, Response};
///
/// let response = Response::new("collaboration-health-check", Respondent::new("r-07")?)
///     .with_answer("collaborative-mindset.1", 4)
///     .with_answer("collaborative-mindset.2", Answer::NotApplicable);
/// Instrument::builtin().validate(&response)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "One person's answers to one instrument: the JSON a form sends.")]
// With partner ratings, the respondent's organisation is required. The
// subschema only adds that requirement; the fields allowed are the main
// schema's.
#[schemars(extend("dependentSchemas" = {"partners": {"properties": {"respondent": {"required": ["organisation"]}}, "additionalProperties": true}}))]
pub struct Response {
    /// The id of the instrument answered.
    pub instrument: String,
    /// The version of the instrument answered, if the sender knows it; when
    /// given, it must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument_version: Option<String>,
    /// Who answered.
    pub respondent: Respondent,
    /// Item id to answer. An item that is absent was not answered.
    #[schemars(extend("maxProperties" = crate::limits::MAX_ANSWERS))]
    pub answers: BTreeMap<String, Answer>,
    /// Partner organisation name to this respondent's rating of it: how
    /// closely their organisation works with the partner now and how
    /// closely the work needs. Optional; when given, the respondent's
    /// `organisation` is required, and it may not rate itself. Ratings are
    /// given on behalf of the organisation and are not anonymous
    /// (`docs/scoring.md#the-partner-map`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend("maxProperties" = crate::limits::MAX_PARTNERS))]
    pub partners: BTreeMap<String, PartnerRating>,
}

impl Response {
    /// A response with no answers yet.
    pub fn new(instrument: impl Into<String>, respondent: Respondent) -> Self {
        Self {
            instrument: instrument.into(),
            instrument_version: None,
            respondent,
            answers: BTreeMap::new(),
            partners: BTreeMap::new(),
        }
    }

    /// The same response with `partner` rated (replacing any earlier rating
    /// of it).
    #[must_use]
    pub fn with_partner(mut self, partner: impl Into<String>, rating: PartnerRating) -> Self {
        self.partners.insert(partner.into(), rating);
        self
    }

    /// The same response with `item` answered (replacing any earlier answer
    /// to it).
    #[must_use]
    pub fn with_answer(mut self, item: impl Into<String>, answer: impl Into<Answer>) -> Self {
        self.answers.insert(item.into(), answer.into());
        self
    }
}
