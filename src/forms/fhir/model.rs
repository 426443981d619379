//! The parts of FHIR R4 (4.0.1) resources the crate writes and reads, by
//! hand: `Questionnaire`, `QuestionnaireResponse` and a `Bundle` of them.
//!
//! Fields are the FHIR JSON names (camelCase); absent fields are left out
//! when written. When read, fields the crate does not use are ignored, as
//! real resources carry many (`meta`, `text`, `subject`, `authored`, …).

use serde::{Deserialize, Serialize};

/// `Questionnaire.resourceType`.
pub const QUESTIONNAIRE: &str = "Questionnaire";
/// `QuestionnaireResponse.resourceType`.
pub const QUESTIONNAIRE_RESPONSE: &str = "QuestionnaireResponse";
/// `Bundle.resourceType`.
pub const BUNDLE: &str = "Bundle";

/// A FHIR `Questionnaire`: the instrument as a form definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `"Questionnaire"`.
    pub resource_type: String,
    /// The logical id: the instrument's id where it is a valid FHIR id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The canonical URL, `urn:collaboration:instrument:<id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The business version: the instrument's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A name for computers, `[A-Z]([A-Za-z0-9_]){0,254}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The title: the instrument's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `draft`, `active`, `retired` or `unknown`; the crate writes `active`.
    #[serde(default)]
    pub status: String,
    /// The description: the instrument's source, with credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The groups of questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

/// `Questionnaire.item`: a group or a question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    /// The item's id within the questionnaire: an item id, or
    /// `group:<section>`, or `respondent:<field>`.
    pub link_id: String,
    /// The question or the group's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `group`, `choice` or `string` in the crate's questionnaires.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether an answer is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Whether the item takes several answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    /// The allowed answers of a `choice`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// The items of a group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

/// `Questionnaire.item.answerOption`: one allowed answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    /// The answer, as a code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
}

/// A FHIR `Coding`: a code from a code system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coding {
    /// Extensions: the crate writes `itemWeight` on a scale's points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The code system: `urn:collaboration:scale:<instrument>:<scale>`,
    /// `urn:collaboration:role` or `urn:collaboration:power-source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The code: `"1"` to `"N"` or `"n/a"` for a scale, an id for a role or
    /// power source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The code as shown: the scale's label, the role's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// A FHIR `Extension` with a decimal value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// What the extension means, e.g.
    /// [`ITEM_WEIGHT`](crate::forms::fhir::ITEM_WEIGHT).
    pub url: String,
    /// Its value, when a decimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<serde_json::Number>,
}

/// A FHIR `Identifier`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// The namespace of the value: the crate writes
    /// `urn:collaboration:respondent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The value: the respondent id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A FHIR `QuestionnaireResponse`: one respondent's answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// `"QuestionnaireResponse"`.
    pub resource_type: String,
    /// The logical id; the respondent when there is no `identifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The business identifier: its value is the respondent id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// The questionnaire answered, as a canonical `url|version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire: Option<String>,
    /// `in-progress`, `completed`, `amended`, `entered-in-error` or
    /// `stopped`.
    #[serde(default)]
    pub status: String,
    /// The groups and their answered items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireResponseItem>,
}

/// `QuestionnaireResponse.item`: a group or an answered question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponseItem {
    /// The `linkId` of the questionnaire's item.
    pub link_id: String,
    /// The question or group title, as asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<QuestionnaireResponseAnswer>,
    /// The items of a group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireResponseItem>,
}

/// `QuestionnaireResponse.item.answer`: one answer, with the value types
/// the crate reads (others are ignored, and such an answer has no value).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponseAnswer {
    /// A coded answer: a point's code, `n/a`, a role or power source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// An integer answer: a point of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// A text answer: the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// A decimal answer (read only to name it in an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<serde_json::Number>,
    /// A true/false answer (read only to name it in an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// Items nested under the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireResponseItem>,
}

impl QuestionnaireResponseAnswer {
    /// An answer with a coded value and nothing else.
    pub fn coding(coding: Coding) -> Self {
        Self { value_coding: Some(coding), ..Self::default() }
    }

    /// An answer with a text value and nothing else.
    pub fn string(text: impl Into<String>) -> Self {
        Self { value_string: Some(text.into()), ..Self::default() }
    }
}

/// A FHIR `Bundle` of `QuestionnaireResponse`s, as a collection.
///
/// ```
/// use collaboration::forms::fhir::{self, Bundle};
/// use collaboration::{Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let response = Response::new(hc.id(), Respondent::new("r-1")?).with_answer("shared-learning.1", 4);
/// let bundle = Bundle::collection([fhir::questionnaire_response(hc, &response)]);
/// assert_eq!(bundle.kind, "collection");
/// assert_eq!(bundle.entry.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// `"Bundle"`.
    pub resource_type: String,
    /// The bundle's kind; the crate writes `collection`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<BundleEntry>,
}

/// One entry of a [`Bundle`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// The entry's resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<QuestionnaireResponse>,
}

impl Bundle {
    /// A `collection` Bundle of `responses`, in order.
    pub fn collection(responses: impl IntoIterator<Item = QuestionnaireResponse>) -> Self {
        Self {
            resource_type: BUNDLE.to_owned(),
            kind: "collection".to_owned(),
            entry: responses.into_iter().map(|resource| BundleEntry { resource: Some(resource) }).collect(),
        }
    }
}
