//! Reading responses leniently enough to say exactly what is wrong with them,
//! and checking them against an instrument.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};

use super::error::ResponseError;
use super::given::Given;
use super::model::{Answer, Respondent, RespondentId, Response};
use super::partners::{self, GivenPartners, PartnerRating, Partners};
use super::rules::NOT_APPLICABLE;
use super::rules::{self, Misfit};
use super::sheet::Sheet;
use crate::framework::{PowerSource, Role};
use crate::instrument::{Instrument, ItemInfo};

impl From<Answer> for Given {
    fn from(answer: Answer) -> Self {
        match answer {
            Answer::Value(v) => Self::Unsigned(u64::from(v)),
            Answer::NotApplicable => Self::Text(NOT_APPLICABLE.to_owned()),
        }
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
            crate::de::not_an_object!("an object of item ids to answers");
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GivenAnswers, A::Error> {
                let mut answers = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                let mut overflow = false;
                while let Some(key) = map.next_key::<String>()? {
                    if answers.len() < crate::limits::MAX_ANSWERS {
                        // Read as raw text first, so that a number no double
                        // holds (`1e400`) is an answer to name, not a broken
                        // document.
                        let raw = map.next_value::<Box<serde_json::value::RawValue>>()?;
                        let given = serde_json::from_str::<Given>(raw.get())
                            .unwrap_or_else(|_| Given::Huge(raw.get().to_owned()));
                        answers.push((key, given));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                        overflow = true;
                    }
                }
                Ok(GivenAnswers(answers, overflow))
            }
        }
        deserializer.deserialize_any(V)
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
    #[serde(deserialize_with = "crate::de::object")]
    respondent: GivenRespondent,
    answers: GivenAnswers,
    #[serde(default)]
    partners: GivenPartners,
}

/// The respondent of a response whose other fields were checked already.
#[derive(Deserialize)]
struct RespondentOnly {
    #[serde(deserialize_with = "crate::de::object")]
    respondent: GivenRespondent,
}

impl GivenRespondent {
    /// The checks every respondent passes: a readable id, a readable
    /// organisation. Ids are stored trimmed and in NFC.
    fn check(self) -> Result<Respondent, ResponseError> {
        let id = RespondentId::new(self.id)?;
        rules::organisation(id.as_str(), self.organisation.as_deref())?;
        Ok(Respondent {
            id,
            roles: dedup(self.roles),
            organisation: self.organisation,
            power_sources: dedup(self.power_sources),
        })
    }
}

/// A response that passed every check that needs no instrument.
struct Unchecked {
    instrument: String,
    instrument_version: Option<String>,
    respondent: Respondent,
    answers: Vec<(String, Given)>,
    partners: Partners,
}

impl GivenResponse {
    /// Reads one response from JSON text: objects only, with serde's
    /// messages in words.
    fn from_json(json: &str) -> Result<Self, ResponseError> {
        let mut de = serde_json::Deserializer::from_str(json);
        crate::de::object::<Self, _>(&mut de)
            .and_then(|given| de.end().map(|()| given))
            .map_err(|e| ResponseError::json(&e))
    }

    /// The checks every response passes whatever the instrument: a readable
    /// respondent, at most [`MAX_ANSWERS`](crate::limits::MAX_ANSWERS)
    /// answers, and no item answered twice.
    fn check(self) -> Result<Unchecked, ResponseError> {
        let GivenResponse { instrument, instrument_version, respondent, answers, partners } = self;
        let respondent = respondent.check()?;
        let who = respondent.id.as_str();
        if answers.1 {
            return Err(ResponseError::TooManyAnswers {
                respondent: who.to_owned(),
                limit: crate::limits::MAX_ANSWERS,
            });
        }
        let mut seen = std::collections::HashMap::with_capacity(answers.0.len());
        for (n, (item, value)) in answers.0.iter().enumerate() {
            if let Some(first) = seen.insert(item.as_str(), n) {
                let first = answers.0.get(first).map(|(_, v)| v.to_string()).unwrap_or_default();
                return Err(ResponseError::DuplicateAnswer {
                    respondent: who.to_owned(),
                    item: item.clone(),
                    first,
                    second: value.to_string(),
                });
            }
        }
        let partners = partners::check_given(who, respondent.organisation.as_deref(), partners)?;
        Ok(Unchecked { instrument, instrument_version, respondent, answers: answers.0, partners })
    }
}

/// Reading a [`Response`] with serde (`serde_json::from_str`, or a web
/// framework's JSON extractor) applies every check that needs no
/// instrument, with the messages of
/// [`Instrument::parse_response`]: objects only, no unknown field, a
/// readable respondent id and organisation, no item answered twice, each
/// answer an integer from 1 to [`MAX_POINTS`](crate::instrument::MAX_POINTS)
/// or `"n/a"`. [`Instrument::validate`] then checks it against an
/// instrument, to the same verdict as `parse_response`.
impl<'de> Deserialize<'de> for Response {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let checked = crate::de::object::<GivenResponse, D>(deserializer)?
            .check()
            .and_then(Unchecked::generic)
            .map_err(de::Error::custom)?;
        Ok(checked)
    }
}

/// Reading a [`Respondent`] with serde applies the checks of
/// [`Instrument::parse_response`]: objects only, no unknown field, a
/// readable id and organisation.
impl<'de> Deserialize<'de> for Respondent {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::de::object::<GivenRespondent, D>(deserializer)?.check().map_err(de::Error::custom)
    }
}

impl Unchecked {
    /// The response with each answer checked against the widest scale, for
    /// serde, which has no instrument.
    fn generic(self) -> Result<Response, ResponseError> {
        let who = self.respondent.id.as_str().to_owned();
        let mut typed = BTreeMap::new();
        for (item, value) in &self.answers {
            let widest = ItemInfo::widest();
            let code = rules::answer(widest, value.written()).map_err(|misfit| match misfit {
                Misfit::OutOfScale => ResponseError::OutOfScale {
                    respondent: who.clone(),
                    item: item.clone(),
                    value: value.to_string(),
                    points: widest.points,
                },
                Misfit::NotApplicableForbidden | Misfit::NotAnInteger => ResponseError::NotAnInteger {
                    respondent: who.clone(),
                    item: item.clone(),
                    value: value.to_string(),
                    points: widest.points,
                    not_applicable: true,
                },
            })?;
            typed.insert(
                item.clone(),
                if code == Sheet::NA { Answer::NotApplicable } else { Answer::Value(code) },
            );
        }
        Ok(Response {
            instrument: self.instrument,
            instrument_version: self.instrument_version,
            respondent: self.respondent,
            answers: typed,
            partners: self.partners,
        })
    }
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
    partners: Partners,
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

    /// The partner ratings, keyed by the partner's name trimmed and in
    /// Unicode normalisation form C.
    pub fn partners(&self) -> &BTreeMap<String, PartnerRating> {
        &self.partners
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
        let (sheet, partners) = self.sheet(response)?;
        Ok(AnswerSheet { instrument: self, respondent: response.respondent.clone(), sheet, partners })
    }

    /// Reads one response from JSON, as [`Instrument::parse_response`] does,
    /// straight into an [`AnswerSheet`].
    ///
    /// # Errors
    ///
    /// As [`Instrument::parse_response`].
    pub fn parse_sheet(&self, json: &str) -> Result<AnswerSheet<'_>, ResponseError> {
        // A plainly valid response (the usual case) goes through the batch
        // path's fast parser, which fills the sheet as it reads and keeps no
        // text; its respondent is then read alone, skipping the rest. Anything
        // the fast parser is unsure of (partner ratings among it) is read by
        // the simple parser, which names the problem.
        let text = json.strip_prefix('\u{feff}').unwrap_or(json);
        if text.len() <= crate::limits::MAX_RESPONSE_BYTES {
            let mut sheet = Sheet::new(self.items().len());
            if super::fast::parse(self, text, &mut sheet, &mut super::fast::Layout::default()).is_some()
                && let Ok(RespondentOnly { respondent }) = serde_json::from_str(text)
                && let Ok(respondent) = respondent.check()
            {
                return Ok(AnswerSheet { instrument: self, respondent, sheet, partners: Partners::new() });
            }
        }
        let (response, sheet) = self.parse_checked(json)?;
        Ok(AnswerSheet {
            instrument: self,
            respondent: response.respondent,
            sheet,
            partners: response.partners,
        })
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
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        if json.len() > crate::limits::MAX_RESPONSE_BYTES {
            return Err(ResponseError::TooLarge {
                bytes: json.len(),
                limit: crate::limits::MAX_RESPONSE_BYTES,
            });
        }
        self.check_given(GivenResponse::from_json(json)?.check()?)
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

    /// Checks a response and lays its answers out by item position, with
    /// its partner ratings keyed by canonical name.
    pub(crate) fn sheet(&self, response: &Response) -> Result<(Sheet, Partners), ResponseError> {
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
        let partners =
            partners::check(respondent, response.respondent.organisation.as_deref(), &response.partners)?;
        self.check_partners(respondent, &partners)?;
        Ok((sheet, partners))
    }

    fn check_given(&self, given: Unchecked) -> Result<(Response, Sheet), ResponseError> {
        let Unchecked { instrument, instrument_version, respondent, answers, partners } = given;
        let who = respondent.id.as_str();
        rules::header(self, who, &instrument, instrument_version.as_deref())?;
        let mut sheet = Sheet::new(self.items().len());
        let mut typed = BTreeMap::new();
        for (item, value) in &answers {
            let answer = self.fill(&mut sheet, who, item, value)?;
            typed.insert(item.clone(), answer);
        }
        self.check_partners(who, &partners)?;
        Ok((Response { instrument, instrument_version, respondent, answers: typed, partners }, sheet))
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
