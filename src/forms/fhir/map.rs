//! An instrument as a FHIR `Questionnaire`; a response as a
//! `QuestionnaireResponse`, and back.

use std::collections::BTreeMap;

use super::model::{
    AnswerOption, Coding, Extension, Identifier, QUESTIONNAIRE, QUESTIONNAIRE_RESPONSE, Questionnaire,
    QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseAnswer, QuestionnaireResponseItem,
};
use crate::error::quote;
use crate::forms::error::FormError;
use crate::forms::section::{ABOUT_YOU, ABOUT_YOU_ID, sections};
use crate::framework::{PowerSource, Role};
use crate::instrument::{Instrument, Item, Scale};
use crate::response::{Answer, NOT_APPLICABLE, Respondent, Response, ResponseError};

/// The extension that carries a point's value on its `Coding`.
pub const ITEM_WEIGHT: &str = "http://hl7.org/fhir/StructureDefinition/itemWeight";
/// The code system of roles (codes are role ids).
pub const ROLE_SYSTEM: &str = "urn:collaboration:role";
/// The code system of power sources (codes are power source ids).
pub const POWER_SOURCE_SYSTEM: &str = "urn:collaboration:power-source";
/// The system of a `QuestionnaireResponse.identifier` whose value is the
/// respondent id.
pub const RESPONDENT_SYSTEM: &str = "urn:collaboration:respondent";
/// The `linkId` of the organisation question (`string`).
pub const ORGANISATION_LINK_ID: &str = "respondent:organisation";
/// The `linkId` of the roles question (`choice`, repeating).
pub const ROLES_LINK_ID: &str = "respondent:roles";
/// The `linkId` of the power sources question (`choice`, repeating).
pub const POWER_SOURCES_LINK_ID: &str = "respondent:power-sources";

/// The display of the "not applicable" option.
const NOT_APPLICABLE_DISPLAY: &str = "Not applicable";

/// The canonical URL of `instrument`'s questionnaire:
/// `urn:collaboration:instrument:<id>`.
pub fn questionnaire_url(instrument: &Instrument) -> String {
    format!("urn:collaboration:instrument:{}", instrument.id())
}

/// The code system of a scale's points:
/// `urn:collaboration:scale:<instrument-id>:<scale-id>`.
pub fn scale_system(instrument: &Instrument, scale: &str) -> String {
    format!("urn:collaboration:scale:{}:{scale}", instrument.id())
}

/// The canonical a `QuestionnaireResponse` names: `<url>|<version>`.
fn canonical(instrument: &Instrument) -> String {
    format!("{}|{}", questionnaire_url(instrument), instrument.version())
}

/// Whether `id` is a FHIR id: `[A-Za-z0-9\-\.]{1,64}`.
fn is_fhir_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// A computable name, `[A-Z]([A-Za-z0-9_]){0,254}`: the id in Pascal case
/// (`collaboration-health-check` → `CollaborationHealthCheck`).
fn computable_name(id: &str) -> String {
    let mut name = String::new();
    for word in id.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars);
        }
    }
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        name.insert_str(0, "Instrument");
    }
    name.chars().take(255).collect()
}

/// The coding of `answer` on `scale`: `"1"`.. with its display and its
/// `itemWeight`, or `n/a`.
fn coding(instrument: &Instrument, scale: &Scale, answer: Answer) -> Coding {
    let system = Some(scale_system(instrument, &scale.id));
    match answer {
        Answer::Value(point) => Coding {
            extension: vec![Extension {
                url: ITEM_WEIGHT.to_owned(),
                value_decimal: Some(serde_json::Number::from(point)),
            }],
            system,
            code: Some(point.to_string()),
            display: scale.label(point).map(str::to_owned),
        },
        Answer::NotApplicable => Coding {
            extension: Vec::new(),
            system,
            code: Some(NOT_APPLICABLE.to_owned()),
            display: Some(NOT_APPLICABLE_DISPLAY.to_owned()),
        },
    }
}

fn id_coding(system: &str, code: &str, display: &str) -> Coding {
    Coding {
        extension: Vec::new(),
        system: Some(system.to_owned()),
        code: Some(code.to_owned()),
        display: Some(display.to_owned()),
    }
}

fn group(link_id: String, text: &str, item: Vec<QuestionnaireItem>) -> QuestionnaireItem {
    QuestionnaireItem {
        link_id,
        text: Some(text.to_owned()),
        kind: "group".to_owned(),
        required: None,
        repeats: None,
        answer_option: Vec::new(),
        item,
    }
}

fn question(link_id: &str, text: &str, kind: &str, answer_option: Vec<AnswerOption>) -> QuestionnaireItem {
    QuestionnaireItem {
        link_id: link_id.to_owned(),
        text: Some(text.to_owned()),
        kind: kind.to_owned(),
        required: None,
        repeats: None,
        answer_option,
        item: Vec::new(),
    }
}

fn options(codings: impl Iterator<Item = Coding>) -> Vec<AnswerOption> {
    codings.map(|coding| AnswerOption { value_coding: Some(coding) }).collect()
}

/// The FHIR R4 `Questionnaire` of `instrument`.
///
/// Its `id` is the instrument's id when that is a valid FHIR id (at most 64
/// characters), its `url` `urn:collaboration:instrument:<id>`, its
/// `version`, `title` and `description` (the source) the instrument's, its
/// `name` the id in Pascal case, and its `status` `active`. The items are
/// in groups, as the SurveyJS form's pages: `group:<foundation-id>` for
/// each foundation, then `group:power`, `group:misconceptions` and
/// `group:spectrum` where the instrument has such items (in the order it
/// first asks them), and last
/// `group:about-you`. Each item is a `choice` with `linkId` the item id and
/// `text` its prompt; each option a `valueCoding` of system
/// `urn:collaboration:scale:<instrument-id>:<scale-id>`, code `"1"` to
/// `"N"`, display the label and an [`ITEM_WEIGHT`] extension with the
/// point, and, where the scale allows it, code `n/a` (display "Not
/// applicable", no weight). About you asks [`ORGANISATION_LINK_ID`]
/// (`string`), [`ROLES_LINK_ID`] and [`POWER_SOURCES_LINK_ID`] (`choice`,
/// repeating, codes the ids in [`ROLE_SYSTEM`] and
/// [`POWER_SOURCE_SYSTEM`]).
///
/// ```
/// use collaboration::Instrument;
/// use collaboration::forms::fhir;
///
/// let q = fhir::questionnaire(Instrument::builtin());
/// assert_eq!(q.name.as_deref(), Some("CollaborationHealthCheck"));
/// assert_eq!(q.item[0].link_id, "group:collaborative-mindset");
/// assert_eq!(q.item[0].item[0].link_id, "collaborative-mindset.1");
/// ```
pub fn questionnaire(instrument: &Instrument) -> Questionnaire {
    let mut item: Vec<QuestionnaireItem> = sections(instrument)
        .into_iter()
        .map(|section| {
            let questions = section
                .items
                .into_iter()
                .map(|item| {
                    let answer_option = instrument.scale(&item.scale).map_or_else(Vec::new, |scale| {
                        let na = scale.not_applicable.then_some(Answer::NotApplicable);
                        let answers = (1..=scale.points).map(Answer::Value).chain(na);
                        options(answers.map(|answer| coding(instrument, scale, answer)))
                    });
                    question(&item.id, &item.prompt, "choice", answer_option)
                })
                .collect();
            group(format!("group:{}", section.id), section.title, questions)
        })
        .collect();
    let mut roles = question(
        ROLES_LINK_ID,
        "The roles you play in the collaboration",
        "choice",
        options(Role::ALL.iter().map(|role| id_coding(ROLE_SYSTEM, role.id(), role.name()))),
    );
    roles.repeats = Some(true);
    let mut sources = question(
        POWER_SOURCES_LINK_ID,
        "The sources of structural power you hold",
        "choice",
        options(PowerSource::ALL.iter().map(|s| id_coding(POWER_SOURCE_SYSTEM, s.id(), s.name()))),
    );
    sources.repeats = Some(true);
    item.push(group(
        format!("group:{ABOUT_YOU_ID}"),
        ABOUT_YOU,
        vec![
            question(ORGANISATION_LINK_ID, "The organisation you belong to", "string", Vec::new()),
            roles,
            sources,
        ],
    ));
    Questionnaire {
        resource_type: QUESTIONNAIRE.to_owned(),
        id: is_fhir_id(instrument.id()).then(|| instrument.id().to_owned()),
        url: Some(questionnaire_url(instrument)),
        version: Some(instrument.version().to_owned()),
        name: Some(computable_name(instrument.id())),
        title: Some(instrument.title().to_owned()),
        status: "active".to_owned(),
        description: Some(instrument.source().to_owned()),
        item,
    }
}

fn answered(
    link_id: &str,
    text: Option<&str>,
    answer: Vec<QuestionnaireResponseAnswer>,
) -> QuestionnaireResponseItem {
    QuestionnaireResponseItem {
        link_id: link_id.to_owned(),
        text: text.map(str::to_owned),
        answer,
        item: Vec::new(),
    }
}

/// `response` as a FHIR R4 `QuestionnaireResponse` to [`questionnaire`]'s
/// questionnaire: status `completed`, `questionnaire` the canonical
/// `<url>|<version>`, `identifier` the respondent id (system
/// [`RESPONDENT_SYSTEM`]), no `id`, and the questionnaire's groups with
/// only the answered items, each answer the `valueCoding` of the
/// questionnaire's option (with its weight). The About-you group holds the
/// organisation (`valueString`), roles and power sources, where given.
///
/// Answers to items the instrument does not have are left out: check the
/// response with [`Instrument::validate`] first.
///
/// ```
/// use collaboration::forms::fhir;
/// use collaboration::{Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let response = Response::new(hc.id(), Respondent::new("r-07")?).with_answer("shared-learning.2", 4);
/// let qr = fhir::questionnaire_response(hc, &response);
/// assert_eq!(qr.status, "completed");
/// assert_eq!(qr.item[0].link_id, "group:shared-learning");
/// assert_eq!(fhir::response_from_fhir(hc, &qr)?, response);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn questionnaire_response(instrument: &Instrument, response: &Response) -> QuestionnaireResponse {
    let mut item: Vec<QuestionnaireResponseItem> = sections(instrument)
        .into_iter()
        .filter_map(|section| {
            let answers: Vec<QuestionnaireResponseItem> = section
                .items
                .into_iter()
                .filter_map(|item| {
                    let answer = *response.answers.get(&item.id)?;
                    let scale = instrument.scale(&item.scale)?;
                    let coding = coding(instrument, scale, answer);
                    Some(answered(
                        &item.id,
                        Some(&item.prompt),
                        vec![QuestionnaireResponseAnswer::coding(coding)],
                    ))
                })
                .collect();
            (!answers.is_empty()).then(|| QuestionnaireResponseItem {
                link_id: format!("group:{}", section.id),
                text: Some(section.title.to_owned()),
                answer: Vec::new(),
                item: answers,
            })
        })
        .collect();
    let who = &response.respondent;
    let mut about = Vec::new();
    if let Some(organisation) = &who.organisation {
        about.push(answered(
            ORGANISATION_LINK_ID,
            None,
            vec![QuestionnaireResponseAnswer::string(organisation.clone())],
        ));
    }
    if !who.roles.is_empty() {
        let codings = who.roles.iter().map(|r| id_coding(ROLE_SYSTEM, r.id(), r.name()));
        about.push(answered(ROLES_LINK_ID, None, codings.map(QuestionnaireResponseAnswer::coding).collect()));
    }
    if !who.power_sources.is_empty() {
        let codings = who.power_sources.iter().map(|s| id_coding(POWER_SOURCE_SYSTEM, s.id(), s.name()));
        about.push(answered(
            POWER_SOURCES_LINK_ID,
            None,
            codings.map(QuestionnaireResponseAnswer::coding).collect(),
        ));
    }
    if !about.is_empty() {
        item.push(QuestionnaireResponseItem {
            link_id: format!("group:{ABOUT_YOU_ID}"),
            text: Some(ABOUT_YOU.to_owned()),
            answer: Vec::new(),
            item: about,
        });
    }
    QuestionnaireResponse {
        resource_type: QUESTIONNAIRE_RESPONSE.to_owned(),
        id: None,
        identifier: Some(Identifier {
            system: Some(RESPONDENT_SYSTEM.to_owned()),
            value: Some(who.id.as_str().to_owned()),
        }),
        questionnaire: Some(canonical(instrument)),
        status: "completed".to_owned(),
        item,
    }
}

/// What a `linkId` names.
enum Link<'i> {
    Group,
    Item(&'i Item),
    Organisation,
    Roles,
    PowerSources,
}

/// Reads a FHIR `QuestionnaireResponse` to [`questionnaire`]'s
/// questionnaire as a response to `instrument`, and checks it.
///
/// Answers are found by `linkId` wherever they are nested (`item.item`,
/// `answer.item`). An item's answer is a `valueCoding` whose `code` is
/// `"1"`.. or `n/a` (its `system`, when given, must be the scale's), or a
/// `valueInteger`. The respondent is `identifier.value`, else `id`. The
/// `questionnaire`, when given, must be the instrument's canonical URL,
/// with or without `|<version>` (and then the instrument's version). Any
/// status is read but `entered-in-error`. The response read has no
/// `instrument_version`: the version was checked, not kept.
///
/// # Errors
///
/// [`FormError::WrongResourceType`] for another resource,
/// [`FormError::NoRespondent`], [`FormError::EnteredInError`],
/// [`FormError::WrongQuestionnaire`], [`FormError::UnknownLinkId`],
/// [`FormError::RepeatedAnswer`] (a `linkId` twice, or two answers to an
/// item), [`FormError::WrongSystem`], [`FormError::NotAnAnswer`] (a code
/// that is not a number, a value of another type),
/// [`FormError::WrongType`] and [`FormError::UnknownId`] for the
/// respondent's items, and [`FormError::Response`] for what the instrument
/// refuses: a value outside the scale, `n/a` where the scale has none, a
/// blank respondent id.
pub fn response_from_fhir(
    instrument: &Instrument,
    qr: &QuestionnaireResponse,
) -> Result<Response, FormError> {
    if qr.resource_type != QUESTIONNAIRE_RESPONSE {
        return Err(FormError::WrongResourceType { found: Some(qr.resource_type.clone()) });
    }
    let id = qr
        .identifier
        .as_ref()
        .and_then(|identifier| identifier.value.as_deref())
        .or(qr.id.as_deref())
        .ok_or(FormError::NoRespondent)?;
    let respondent = Respondent::new(id)?;
    let who = respondent.id.as_str().to_owned();
    if qr.status == "entered-in-error" {
        return Err(FormError::EnteredInError { respondent: who });
    }
    if let Some(found) = &qr.questionnaire {
        let url = questionnaire_url(instrument);
        let expected = canonical(instrument);
        if *found != url && *found != expected {
            return Err(FormError::WrongQuestionnaire { respondent: who, expected, found: found.clone() });
        }
    }
    let mut reader = Reader { instrument, who, respondent, answers: BTreeMap::new(), seen: Vec::new() };
    reader.items(&qr.item)?;
    let response = Response {
        instrument: instrument.id().to_owned(),
        instrument_version: None,
        respondent: reader.respondent,
        answers: reader.answers,
        partners: BTreeMap::new(),
    };
    instrument.validate(&response)?;
    Ok(response)
}

/// A `QuestionnaireResponse` being read.
struct Reader<'i> {
    instrument: &'i Instrument,
    who: String,
    respondent: Respondent,
    answers: BTreeMap<String, Answer>,
    /// The respondent's linkIds already read.
    seen: Vec<&'static str>,
}

impl<'i> Reader<'i> {
    fn link(&self, link_id: &str) -> Option<Link<'i>> {
        let instrument = self.instrument;
        if let Some(item) = instrument.item(link_id) {
            return Some(Link::Item(item));
        }
        match link_id {
            ORGANISATION_LINK_ID => Some(Link::Organisation),
            ROLES_LINK_ID => Some(Link::Roles),
            POWER_SOURCES_LINK_ID => Some(Link::PowerSources),
            _ => {
                let section = link_id.strip_prefix("group:")?;
                (section == ABOUT_YOU_ID || sections(instrument).iter().any(|s| s.id == section))
                    .then_some(Link::Group)
            }
        }
    }

    fn items(&mut self, items: &[QuestionnaireResponseItem]) -> Result<(), FormError> {
        for item in items {
            let link = self.link(&item.link_id).ok_or_else(|| FormError::UnknownLinkId {
                respondent: self.who.clone(),
                link_id: item.link_id.clone(),
                instrument: self.instrument.id().to_owned(),
            })?;
            match link {
                Link::Group => {}
                Link::Item(question) => self.answer(question, &item.answer)?,
                Link::Organisation => self.organisation(&item.answer)?,
                Link::Roles => {
                    for id in self.codes(ROLES_LINK_ID, ROLE_SYSTEM, &item.answer)? {
                        let role = Role::parse(id).map_err(|error| self.unknown(ROLES_LINK_ID, error))?;
                        if !self.respondent.roles.contains(&role) {
                            self.respondent.roles.push(role);
                        }
                    }
                }
                Link::PowerSources => {
                    for id in self.codes(POWER_SOURCES_LINK_ID, POWER_SOURCE_SYSTEM, &item.answer)? {
                        let source = PowerSource::parse(id)
                            .map_err(|error| self.unknown(POWER_SOURCES_LINK_ID, error))?;
                        if !self.respondent.power_sources.contains(&source) {
                            self.respondent.power_sources.push(source);
                        }
                    }
                }
            }
            self.items(&item.item)?;
            for answer in &item.answer {
                self.items(&answer.item)?;
            }
        }
        Ok(())
    }

    fn unknown(&self, key: &str, error: crate::error::ParseIdError) -> FormError {
        FormError::UnknownId { respondent: self.who.clone(), key: key.to_owned(), error }
    }

    fn repeated(&self, item: &str) -> FormError {
        FormError::RepeatedAnswer { respondent: self.who.clone(), item: item.to_owned() }
    }

    /// Marks a respondent's linkId read, refusing it a second time.
    fn once(&mut self, link_id: &'static str) -> Result<(), FormError> {
        if self.seen.contains(&link_id) {
            return Err(self.repeated(link_id));
        }
        self.seen.push(link_id);
        Ok(())
    }

    fn organisation(&mut self, answers: &[QuestionnaireResponseAnswer]) -> Result<(), FormError> {
        self.once(ORGANISATION_LINK_ID)?;
        match answers {
            [] => Ok(()),
            [answer] => match &answer.value_string {
                Some(name) => {
                    self.respondent.organisation = Some(name.clone());
                    Ok(())
                }
                None => Err(FormError::WrongType {
                    respondent: Some(self.who.clone()),
                    key: ORGANISATION_LINK_ID.to_owned(),
                    expected: "a valueString",
                    found: describe_answer(answer),
                }),
            },
            _ => Err(self.repeated(ORGANISATION_LINK_ID)),
        }
    }

    /// The codes of a repeating choice, each from `system` (or none).
    fn codes<'a>(
        &mut self,
        link_id: &'static str,
        system: &str,
        answers: &'a [QuestionnaireResponseAnswer],
    ) -> Result<Vec<&'a str>, FormError> {
        self.once(link_id)?;
        answers
            .iter()
            .map(|answer| {
                let Some(Coding { system: given, code: Some(code), .. }) = &answer.value_coding else {
                    return Err(FormError::NotAnAnswer {
                        respondent: self.who.clone(),
                        item: link_id.to_owned(),
                        value: describe_answer(answer),
                        expected: format!("a valueCoding of system `{system}`"),
                    });
                };
                match given {
                    Some(given) if given != system => Err(FormError::WrongSystem {
                        respondent: self.who.clone(),
                        item: link_id.to_owned(),
                        expected: system.to_owned(),
                        found: given.clone(),
                    }),
                    _ => Ok(code.as_str()),
                }
            })
            .collect()
    }

    fn answer(&mut self, item: &Item, answers: &[QuestionnaireResponseAnswer]) -> Result<(), FormError> {
        let answer = match answers {
            [] => {
                // A question shown but not answered; it may not be given
                // again with an answer.
                if self.answers.contains_key(&item.id) {
                    return Err(self.repeated(&item.id));
                }
                return Ok(());
            }
            [answer] => answer,
            _ => return Err(self.repeated(&item.id)),
        };
        if self.answers.contains_key(&item.id) {
            return Err(self.repeated(&item.id));
        }
        let Some(scale) = self.instrument.scale(&item.scale) else { return Ok(()) };
        let value = self.value(item, scale, answer)?;
        self.answers.insert(item.id.clone(), value);
        Ok(())
    }

    fn value(
        &self,
        item: &Item,
        scale: &Scale,
        answer: &QuestionnaireResponseAnswer,
    ) -> Result<Answer, FormError> {
        let not_an_answer = || FormError::NotAnAnswer {
            respondent: self.who.clone(),
            item: item.id.clone(),
            value: describe_answer(answer),
            expected: format!(
                "a code from 1 to {}{} or a valueInteger",
                scale.points,
                if scale.not_applicable { " or n/a" } else { "" }
            ),
        };
        let out_of_scale = |value: String| {
            FormError::Response(ResponseError::OutOfScale {
                respondent: self.who.clone(),
                item: item.id.clone(),
                value,
                points: scale.points,
            })
        };
        if let Some(coding) = &answer.value_coding {
            let system = scale_system(self.instrument, &scale.id);
            if let Some(given) = coding.system.as_ref().filter(|given| **given != system) {
                return Err(FormError::WrongSystem {
                    respondent: self.who.clone(),
                    item: item.id.clone(),
                    expected: system,
                    found: given.clone(),
                });
            }
            let code = coding.code.as_deref().ok_or_else(not_an_answer)?;
            if code == NOT_APPLICABLE {
                return Ok(Answer::NotApplicable);
            }
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_an_answer());
            }
            return match code.parse::<u8>() {
                Ok(point) => Ok(Answer::Value(point)),
                Err(_) => Err(out_of_scale(quote(code).to_string())),
            };
        }
        match answer.value_integer {
            Some(value) => {
                u8::try_from(value).map(Answer::Value).map_err(|_| out_of_scale(value.to_string()))
            }
            None => Err(not_an_answer()),
        }
    }
}

/// An answer described in words, for messages: `code "x"`,
/// `valueString "4"`.
fn describe_answer(answer: &QuestionnaireResponseAnswer) -> String {
    let text = |s: &str| serde_json::Value::String(quote(s).to_string()).to_string();
    if let Some(coding) = &answer.value_coding {
        return match &coding.code {
            Some(code) => format!("code {}", text(code)),
            None => "a valueCoding without a code".to_owned(),
        };
    }
    if let Some(v) = answer.value_integer {
        format!("valueInteger {v}")
    } else if let Some(v) = &answer.value_string {
        format!("valueString {}", text(v))
    } else if let Some(v) = &answer.value_decimal {
        format!("valueDecimal {v}")
    } else if let Some(v) = answer.value_boolean {
        format!("valueBoolean {v}")
    } else {
        "an answer without a value the crate reads".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fhir_ids_and_names() {
        assert!(is_fhir_id("collaboration-health-check"));
        assert!(is_fhir_id("a.b-C9"));
        assert!(!is_fhir_id(""));
        assert!(!is_fhir_id(&"a".repeat(65)));
        assert!(!is_fhir_id("a_b"));
        assert_eq!(computable_name("collaboration-health-check"), "CollaborationHealthCheck");
        assert_eq!(computable_name("9-lives"), "Instrument9Lives");
        assert_eq!(computable_name(&"ab-".repeat(200)).len(), 255);
    }
}
