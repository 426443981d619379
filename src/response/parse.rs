//! Reading responses leniently enough to say exactly what is wrong with them,
//! and checking them against an instrument.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::ResponseError;
use super::model::{Answer, Respondent, RespondentId, Response};
use super::rules::NOT_APPLICABLE;
use super::rules::{self, Misfit, Written};
use super::sheet::Sheet;
use crate::framework::{PowerSource, Role};
use crate::instrument::Instrument;

/// One answer as it was written, before it is checked against a scale.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Given {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Bool(bool),
    Null,
    List,
    Object,
}

impl fmt::Display for Given {
    /// The answer as JSON (lists and objects abbreviated).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsigned(v) => write!(f, "{v}"),
            Self::Signed(v) => write!(f, "{v}"),
            Self::Float(v) => write!(f, "{v}"),
            Self::Text(s) => write!(f, "{}", serde_json::Value::String(crate::error::quote(s).to_string())),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Null => f.write_str("null"),
            Self::List => f.write_str("[…]"),
            Self::Object => f.write_str("{…}"),
        }
    }
}

impl Given {
    /// The answer as the rules see it.
    fn written(&self) -> Written<'_> {
        match self {
            Self::Unsigned(v) => Written::Unsigned(*v),
            Self::Signed(_) => Written::Signed,
            Self::Float(v) => Written::Float(*v),
            Self::Text(s) => Written::Text(s),
            Self::Bool(_) | Self::Null | Self::List | Self::Object => Written::Other,
        }
    }
}

impl From<Answer> for Given {
    fn from(answer: Answer) -> Self {
        match answer {
            Answer::Value(v) => Self::Unsigned(u64::from(v)),
            Answer::NotApplicable => Self::Text(NOT_APPLICABLE.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Given;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Given, E> {
                Ok(Given::Unsigned(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Given, E> {
                Ok(Given::Signed(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Given, E> {
                Ok(Given::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Given, E> {
                Ok(Given::Text(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Given, E> {
                Ok(Given::Bool(v))
            }
            fn visit_unit<E>(self) -> Result<Given, E> {
                Ok(Given::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Given, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Given::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Given, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Given::Object)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The answers in the order written, keeping duplicates so they can be
/// reported rather than silently collapsed. Past
/// [`MAX_ANSWERS`](crate::limits::MAX_ANSWERS) they are counted, not kept.
struct GivenAnswers(Vec<(String, Given)>, bool);

impl<'de> Deserialize<'de> for GivenAnswers {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = GivenAnswers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of item ids to answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GivenAnswers, A::Error> {
                let mut answers = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                let mut overflow = false;
                while let Some(key) = map.next_key::<String>()? {
                    if answers.len() < crate::limits::MAX_ANSWERS {
                        answers.push((key, map.next_value::<Given>()?));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                        overflow = true;
                    }
                }
                Ok(GivenAnswers(answers, overflow))
            }
        }
        deserializer.deserialize_map(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Respondent")]
struct GivenRespondent {
    id: String,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    organisation: Option<String>,
    #[serde(default)]
    power_sources: Vec<PowerSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Response")]
struct GivenResponse {
    instrument: String,
    #[serde(default)]
    instrument_version: Option<String>,
    respondent: GivenRespondent,
    answers: GivenAnswers,
}

/// A response checked against its instrument, with its answers laid out by
/// item: ready to score with no further look-ups.
///
/// ```
/// use collaboration::{Answer, Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let response = Response::new(hc.id(), Respondent::new("r-07")?).with_answer("shared-learning.1", 4);
/// let sheet = hc.check(&response)?;
/// assert_eq!(sheet.answer("shared-learning.1"), Some(Answer::Value(4)));
/// assert_eq!(sheet.answer("shared-learning.2"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerSheet<'i> {
    instrument: &'i Instrument,
    respondent: Respondent,
    sheet: Sheet,
}

impl<'i> AnswerSheet<'i> {
    /// The instrument the answers were checked against.
    pub fn instrument(&self) -> &'i Instrument {
        self.instrument
    }

    /// Who answered.
    pub fn respondent(&self) -> &Respondent {
        &self.respondent
    }

    /// The answer to an item, `None` when it was not answered (or the
    /// instrument has no such item).
    pub fn answer(&self, item: &str) -> Option<Answer> {
        match *self.sheet.codes().get(self.instrument.position(item)?)? {
            Sheet::MISSING => None,
            Sheet::NA => Some(Answer::NotApplicable),
            v => Some(Answer::Value(v)),
        }
    }

    pub(crate) fn sheet(&self) -> &Sheet {
        &self.sheet
    }
}

impl Instrument {
    /// Checks a response against this instrument and lays its answers out by
    /// item, ready to score.
    ///
    /// # Errors
    ///
    /// As [`Instrument::validate`].
    pub fn check(&self, response: &Response) -> Result<AnswerSheet<'_>, ResponseError> {
        let sheet = self.sheet(response)?;
        Ok(AnswerSheet { instrument: self, respondent: response.respondent.clone(), sheet })
    }

    /// Reads one response from JSON, as [`Instrument::parse_response`] does,
    /// straight into an [`AnswerSheet`].
    ///
    /// # Errors
    ///
    /// As [`Instrument::parse_response`].
    pub fn parse_sheet(&self, json: &str) -> Result<AnswerSheet<'_>, ResponseError> {
        let (response, sheet) = self.parse_checked(json)?;
        Ok(AnswerSheet { instrument: self, respondent: response.respondent, sheet })
    }

    /// Reads one response from JSON and checks it against this instrument.
    ///
    /// Unlike plain `serde_json::from_str::<Response>`, this sees every
    /// answer as it was written, so it can name the respondent, the item and
    /// the value of each problem, and catch an item answered twice (which a
    /// JSON map would silently collapse to the last answer).
    ///
    /// ```
    /// use collaboration::Instrument;
    /// use collaboration::response::ResponseError;
    ///
    /// let hc = Instrument::builtin();
    /// let json = r#"{"instrument": "collaboration-health-check",
    ///                "respondent": {"id": "r-07"},
    ///                "answers": {"shared-learning.1": 3.5}}"#;
    /// let err = hc.parse_response(json).unwrap_err();
    /// assert!(matches!(err, ResponseError::NotAnInteger { .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "respondent `r-07`, item `shared-learning.1`: 3.5 is not an answer; expected an integer 1..=5 or \"n/a\""
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// The first problem, in the order written, as a [`ResponseError`]:
    /// JSON that is malformed or has unknown fields ([`ResponseError::Json`],
    /// with line and column), an empty respondent id, another instrument or
    /// version, an unknown item, an item answered twice, an answer that is
    /// not an integer (`3.5`, `"3"`, `null`), an integer outside the item's
    /// scale (`0`, `6` on a 5-point scale) or `"n/a"` where the scale
    /// forbids it.
    pub fn parse_response(&self, json: &str) -> Result<Response, ResponseError> {
        self.parse_checked(json).map(|(response, _)| response)
    }

    /// Reads and checks one response, laying its answers out by item.
    pub(crate) fn parse_checked(&self, json: &str) -> Result<(Response, Sheet), ResponseError> {
        if json.len() > crate::limits::MAX_RESPONSE_BYTES {
            return Err(ResponseError::TooLarge {
                bytes: json.len(),
                limit: crate::limits::MAX_RESPONSE_BYTES,
            });
        }
        let given: GivenResponse = serde_json::from_str(json).map_err(|e| ResponseError::json(&e))?;
        self.check_given(given)
    }

    /// Checks a response against this instrument.
    ///
    /// # Errors
    ///
    /// As [`Instrument::parse_response`], for the problems a response built
    /// in code can have: another instrument or version, an unknown item, a
    /// value outside the item's scale, or `"n/a"` where the scale forbids it.
    pub fn validate(&self, response: &Response) -> Result<(), ResponseError> {
        self.sheet(response).map(drop)
    }

    /// Checks a response and lays its answers out by item position.
    pub(crate) fn sheet(&self, response: &Response) -> Result<Sheet, ResponseError> {
        let respondent = response.respondent.id.as_str();
        rules::organisation(respondent, response.respondent.organisation.as_deref())?;
        if response.answers.len() > crate::limits::MAX_ANSWERS {
            return Err(ResponseError::TooManyAnswers {
                respondent: respondent.to_owned(),
                limit: crate::limits::MAX_ANSWERS,
            });
        }
        rules::header(self, respondent, &response.instrument, response.instrument_version.as_deref())?;
        let mut sheet = Sheet::new(self.items().len());
        for (item, &answer) in &response.answers {
            self.fill(&mut sheet, respondent, item, &Given::from(answer))?;
        }
        Ok(sheet)
    }

    fn check_given(&self, given: GivenResponse) -> Result<(Response, Sheet), ResponseError> {
        let GivenResponse { instrument, instrument_version, respondent, answers } = given;
        let id = RespondentId::new(respondent.id)?;
        rules::organisation(id.as_str(), respondent.organisation.as_deref())?;
        if answers.1 {
            return Err(ResponseError::TooManyAnswers {
                respondent: id.as_str().to_owned(),
                limit: crate::limits::MAX_ANSWERS,
            });
        }
        let respondent = Respondent {
            id,
            roles: dedup(respondent.roles),
            organisation: respondent.organisation,
            power_sources: dedup(respondent.power_sources),
        };
        let who = respondent.id.as_str();
        rules::header(self, who, &instrument, instrument_version.as_deref())?;
        let mut sheet = Sheet::new(self.items().len());
        let mut typed = BTreeMap::new();
        for (n, (item, value)) in answers.0.iter().enumerate() {
            let answer = self.fill(&mut sheet, who, item, value)?;
            if typed.insert(item.clone(), answer).is_some() {
                let first = answers.0.iter().take(n).find(|(i, _)| i == item).map(|(_, v)| v.to_string());
                return Err(ResponseError::DuplicateAnswer {
                    respondent: who.to_owned(),
                    item: item.clone(),
                    first: first.unwrap_or_default(),
                    second: value.to_string(),
                });
            }
        }
        Ok((Response { instrument, instrument_version, respondent, answers: typed }, sheet))
    }

    /// Checks one answer against its item's scale and records it in `sheet`.
    fn fill(
        &self,
        sheet: &mut Sheet,
        respondent: &str,
        item: &str,
        value: &Given,
    ) -> Result<Answer, ResponseError> {
        let (Some(position), Some(info)) =
            (self.position(item), self.position(item).and_then(|p| self.info().get(p)))
        else {
            return Err(ResponseError::UnknownItem {
                respondent: respondent.to_owned(),
                item: item.to_owned(),
                value: value.to_string(),
                instrument: self.id().to_owned(),
            });
        };
        let code = rules::answer(*info, value.written()).map_err(|misfit| match misfit {
            Misfit::OutOfScale => ResponseError::OutOfScale {
                respondent: respondent.to_owned(),
                item: item.to_owned(),
                value: value.to_string(),
                points: info.points,
            },
            Misfit::NotApplicableForbidden => ResponseError::NotApplicableForbidden {
                respondent: respondent.to_owned(),
                item: item.to_owned(),
                scale: self.items().get(position).map(|i| i.scale.clone()).unwrap_or_default(),
            },
            Misfit::NotAnInteger => ResponseError::NotAnInteger {
                respondent: respondent.to_owned(),
                item: item.to_owned(),
                value: value.to_string(),
                points: info.points,
                not_applicable: info.not_applicable,
            },
        })?;
        let answer = if code == Sheet::NA { Answer::NotApplicable } else { Answer::Value(code) };
        // A second answer to the item is an error the caller reports.
        sheet.set(position, code);
        Ok(answer)
    }
}

/// `values` without repeats, in first-seen order.
fn dedup<T: PartialEq>(values: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}
