//! [SurveyJS](https://surveyjs.io/) form JSON for an instrument, and a
//! SurveyJS result (`survey.data`) read back as a [`Response`].
//!
//! ```
//! use collaboration::Instrument;
//! use collaboration::forms::surveyjs;
//!
//! let hc = Instrument::builtin();
//! let form = surveyjs::form(hc);
//! // Six foundations, power, misconceptions, the spectrum, and about you.
//! assert_eq!(form.pages.len(), 10);
//! let json = serde_json::to_string(&form)?;
//! assert!(json.contains(r#""type":"radiogroup""#));
//!
//! // What `survey.data` gives when the form is completed.
//! let data = serde_json::json!({
//!     "respondent_id": "r-07",
//!     "shared-learning.1": 4,
//!     "shared-vision-and-purpose.3": "n/a",
//!     "respondent_roles": ["system-steward"],
//! });
//! let response = surveyjs::response(hc, &data, "fallback")?;
//! assert_eq!(response.respondent.id.as_str(), "r-07");
//! assert_eq!(response.answers.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::error::{FormError, describe};
use super::section::{ABOUT_YOU, ABOUT_YOU_ID, sections};
use crate::framework::{PowerSource, Role};
use crate::instrument::{Instrument, Item};
use crate::response::{Respondent, Response};

/// The key of `survey.data` that carries the respondent's id, when the
/// page sets it with `survey.setValue("respondent_id", …)`.
pub const RESPONDENT_ID: &str = "respondent_id";
/// The name of the question asking the respondent's organisation (`text`).
pub const RESPONDENT_ORGANISATION: &str = "respondent_organisation";
/// The name of the question asking the roles the respondent plays
/// (`checkbox`, values role ids).
pub const RESPONDENT_ROLES: &str = "respondent_roles";
/// The name of the question asking the sources of structural power the
/// respondent holds (`checkbox`, values power source ids).
pub const RESPONDENT_POWER_SOURCES: &str = "respondent_power_sources";

/// The text of the "not applicable" choice.
const NOT_APPLICABLE_TEXT: &str = "Not applicable";

/// A SurveyJS form: the JSON given to `new Model(json)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyJsForm {
    /// The form's title: the instrument's title.
    pub title: String,
    /// The description under the title: the instrument's source, with
    /// credit.
    pub description: String,
    /// The pages, in the order they are shown.
    pub pages: Vec<SurveyJsPage>,
}

/// One page of a [`SurveyJsForm`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyJsPage {
    /// The page's name: a foundation id, `power`, `misconceptions`,
    /// `spectrum` or `about-you`.
    pub name: String,
    /// The page's title.
    pub title: String,
    /// Its questions.
    pub elements: Vec<SurveyJsQuestion>,
}

/// One question of a [`SurveyJsPage`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SurveyJsQuestion {
    /// The kind of question.
    #[serde(rename = "type")]
    pub kind: SurveyJsQuestionType,
    /// The question's name, the key of its answer in `survey.data`: the
    /// item id, or one of the respondent's keys ([`RESPONDENT_ROLES`], …).
    pub name: String,
    /// The question as shown: the item's prompt.
    pub title: String,
    /// The choices of a `radiogroup` or `checkbox`; empty for `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<SurveyJsChoice>,
    /// Whether the question must be answered; the crate's forms leave every
    /// question optional, as an unanswered item is allowed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_required: bool,
}

/// The SurveyJS question types the crate's forms use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyJsQuestionType {
    /// One choice of several: every item.
    Radiogroup,
    /// Any number of choices: roles and power sources.
    Checkbox,
    /// A line of text: the organisation.
    Text,
}

/// One choice of a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyJsChoice {
    /// The value stored in `survey.data` when it is chosen.
    pub value: SurveyJsValue,
    /// The choice as shown: the scale's label, or a role's name.
    pub text: String,
}

/// A choice's value: a point of the scale, or text (`"n/a"`, a role id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SurveyJsValue {
    /// A point of the scale, `1..=points`.
    Point(u8),
    /// `"n/a"`, or an identifier such as `system-steward`.
    Text(String),
}

/// The SurveyJS form of `instrument`.
///
/// One page per foundation (titled with its name, in the instrument's
/// order of foundations), then a page for the power items, one for the
/// misconception items and one for the spectrum items where the instrument
/// has them, in the order the instrument first asks them (for the built-in
/// instrument: misconceptions, power, spectrum); last an "About you" page.
/// Each page has its items in the instrument's order. Every item is a
/// `radiogroup` named with the item's id, titled with its prompt, with one
/// choice per point (`{"value": 1, "text": "<label>"}`) and, where the
/// scale allows it, `{"value": "n/a", "text": "Not applicable"}`. No
/// question is required.
///
/// The About-you page asks [`RESPONDENT_ORGANISATION`] (`text`),
/// [`RESPONDENT_ROLES`] and [`RESPONDENT_POWER_SOURCES`] (`checkbox`, each
/// choice's value the id and its text the name). Item ids have no
/// underscore, so these names never meet an item's.
pub fn form(instrument: &Instrument) -> SurveyJsForm {
    let mut pages: Vec<SurveyJsPage> = sections(instrument)
        .into_iter()
        .map(|section| SurveyJsPage {
            name: section.id.to_owned(),
            title: section.title.to_owned(),
            elements: section.items.into_iter().map(|item| question(instrument, item)).collect(),
        })
        .collect();
    let checkbox = |name: &str, title: &str, choices: Vec<SurveyJsChoice>| SurveyJsQuestion {
        kind: SurveyJsQuestionType::Checkbox,
        name: name.to_owned(),
        title: title.to_owned(),
        choices,
        is_required: false,
    };
    let choice = |value: &str, text: &str| SurveyJsChoice {
        value: SurveyJsValue::Text(value.to_owned()),
        text: text.to_owned(),
    };
    pages.push(SurveyJsPage {
        name: ABOUT_YOU_ID.to_owned(),
        title: ABOUT_YOU.to_owned(),
        elements: vec![
            SurveyJsQuestion {
                kind: SurveyJsQuestionType::Text,
                name: RESPONDENT_ORGANISATION.to_owned(),
                title: "The organisation you belong to".to_owned(),
                choices: Vec::new(),
                is_required: false,
            },
            checkbox(
                RESPONDENT_ROLES,
                "The roles you play in the collaboration",
                Role::ALL.iter().map(|role| choice(role.id(), role.name())).collect(),
            ),
            checkbox(
                RESPONDENT_POWER_SOURCES,
                "The sources of structural power you hold",
                PowerSource::ALL.iter().map(|source| choice(source.id(), source.name())).collect(),
            ),
        ],
    });
    SurveyJsForm { title: instrument.title().to_owned(), description: instrument.source().to_owned(), pages }
}

fn question(instrument: &Instrument, item: &Item) -> SurveyJsQuestion {
    let mut choices = Vec::new();
    if let Some(scale) = instrument.scale(&item.scale) {
        choices.extend((1..=scale.points).zip(&scale.labels).map(|(point, label)| SurveyJsChoice {
            value: SurveyJsValue::Point(point),
            text: label.clone(),
        }));
        if scale.not_applicable {
            choices.push(SurveyJsChoice {
                value: SurveyJsValue::Text(crate::response::NOT_APPLICABLE.to_owned()),
                text: NOT_APPLICABLE_TEXT.to_owned(),
            });
        }
    }
    SurveyJsQuestion {
        kind: SurveyJsQuestionType::Radiogroup,
        name: item.id.clone(),
        title: item.prompt.clone(),
        choices,
        is_required: false,
    }
}

/// Reads a SurveyJS result, `survey.data` of a completed [`form`], as a
/// response to `instrument`, and checks it.
///
/// The data is a JSON object:
///
/// - an item id to its answer, an integer `1..=points` or `"n/a"` (an
///   unanswered question is absent, as SurveyJS leaves it);
/// - `respondent_id`: the respondent's id, a string, when the page set it
///   with `survey.setValue("respondent_id", id)`; otherwise the respondent
///   is `fallback_id` (a submission id, say);
/// - `respondent_organisation`: text;
/// - `respondent_roles`: a list of role ids (`system-leader`, …);
/// - `respondent_power_sources`: a list of power source ids (`financial`,
///   …).
///
/// ```
/// use collaboration::forms::{FormError, surveyjs};
/// use collaboration::{Answer, Instrument, Role};
///
/// let data = serde_json::json!({
///     "collaborative-mindset.1": 4,
///     "collaborative-mindset.2": "n/a",
///     "respondent_organisation": "City Council",
///     "respondent_roles": ["system-leader"],
///     "respondent_power_sources": ["positional"],
/// });
/// let response = surveyjs::response(Instrument::builtin(), &data, "submission-1")?;
/// assert_eq!(response.respondent.id.as_str(), "submission-1");
/// assert_eq!(response.respondent.roles, [Role::SystemLeader]);
/// assert_eq!(response.answers["collaborative-mindset.2"], Answer::NotApplicable);
///
/// // A key the form does not have is an error naming it.
/// let data = serde_json::json!({"collaborative-mindset.9": 4});
/// let err = surveyjs::response(Instrument::builtin(), &data, "s-2").unwrap_err();
/// assert!(matches!(err, FormError::UnknownKey { .. }));
/// assert_eq!(err.item(), Some("collaborative-mindset.9"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`FormError::NotAnObject`] when `data` is not an object;
/// [`FormError::UnknownKey`] for a key that is neither an item nor a
/// respondent key; [`FormError::WrongType`] for a respondent value of the
/// wrong kind; [`FormError::UnknownId`] for a role or power source the
/// framework does not have; and [`FormError::Response`] for what the
/// instrument refuses: an empty respondent id, an answer that is not an
/// integer, a value outside the scale, `"n/a"` where the scale has none.
pub fn response(instrument: &Instrument, data: &Value, fallback_id: &str) -> Result<Response, FormError> {
    let Value::Object(data) = data else {
        return Err(FormError::NotAnObject { found: describe(data) });
    };
    let id = match data.get(RESPONDENT_ID) {
        None => fallback_id,
        Some(Value::String(id)) => id.as_str(),
        Some(other) => {
            return Err(FormError::WrongType {
                respondent: None,
                key: RESPONDENT_ID.to_owned(),
                expected: "a string",
                found: describe(other),
            });
        }
    };
    let mut respondent = Respondent::new(id)?;
    let who = respondent.id.as_str().to_owned();
    let mut answers = Map::new();
    for (key, value) in data {
        match key.as_str() {
            RESPONDENT_ID => {}
            RESPONDENT_ORGANISATION => match value {
                Value::String(name) if name.is_empty() => {}
                Value::String(name) => respondent.organisation = Some(name.clone()),
                other => {
                    return Err(FormError::WrongType {
                        respondent: Some(who),
                        key: key.clone(),
                        expected: "text",
                        found: describe(other),
                    });
                }
            },
            RESPONDENT_ROLES => {
                for id in ids(&who, key, value)? {
                    let role = Role::parse(id).map_err(|error| FormError::UnknownId {
                        respondent: who.clone(),
                        key: key.clone(),
                        error,
                    })?;
                    respondent = respondent.with_role(role);
                }
            }
            RESPONDENT_POWER_SOURCES => {
                for id in ids(&who, key, value)? {
                    let source = PowerSource::parse(id).map_err(|error| FormError::UnknownId {
                        respondent: who.clone(),
                        key: key.clone(),
                        error,
                    })?;
                    respondent = respondent.with_power_source(source);
                }
            }
            item if instrument.item(item).is_some() => {
                answers.insert(key.clone(), value.clone());
            }
            _ => {
                return Err(FormError::UnknownKey {
                    respondent: who,
                    key: key.clone(),
                    instrument: instrument.id().to_owned(),
                });
            }
        }
    }
    // The answers are checked by the crate's one rule set, as a response in
    // its own wire format: the same errors, in the same words.
    let wire = serde_json::json!({
        "instrument": instrument.id(),
        "respondent": { "id": respondent.id.as_str() },
        "answers": answers,
    });
    let mut response = instrument.parse_response(&wire.to_string())?;
    response.respondent = respondent;
    instrument.validate(&response)?;
    Ok(response)
}

/// The ids of a checkbox's value: a list of strings.
fn ids<'v>(respondent: &str, key: &str, value: &'v Value) -> Result<Vec<&'v str>, FormError> {
    let wrong = |found: &Value| FormError::WrongType {
        respondent: Some(respondent.to_owned()),
        key: key.to_owned(),
        expected: "a list of identifiers",
        found: describe(found),
    };
    let Value::Array(values) = value else { return Err(wrong(value)) };
    values.iter().map(|v| v.as_str().ok_or_else(|| wrong(v))).collect()
}
