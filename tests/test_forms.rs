//! Forms: the SurveyJS form and its data read back, the FHIR Questionnaire
//! and `QuestionnaireResponse`s both ways, collections read with
//! `forms::fhir::responses`, and one test per `FormError` variant with its
//! message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::forms::fhir::{self, Bundle, FhirPosition, QuestionnaireResponse};
use collaboration::forms::surveyjs::{self, SurveyJsQuestionType, SurveyJsValue};
use collaboration::forms::{FormError, MAX_FHIR_DOCUMENT_BYTES, MAX_NDJSON_LINE_BYTES};
use collaboration::report::Aggregator;
use collaboration::response::ResponseError;
use collaboration::{Answer, Instrument, PowerSource, Respondent, Response, Role};
use proptest::prelude::*;
use serde_json::{Value, json};

mod util;

fn hc() -> &'static Instrument {
    Instrument::builtin()
}

/// The sample team's responses without their partner ratings: a form
/// tool's export and the SurveyJS and FHIR forms carry the answers and the
/// respondent, not the partner ratings (docs/forms.md).
fn team() -> Vec<Response> {
    util::team_without_partners()
}

// ---------------------------------------------------------------- SurveyJS

#[test]
fn surveyjs_form_of_the_builtin_instrument() {
    let form = surveyjs::form(hc());
    assert_eq!(form.title, "Collaboration health check");
    assert_eq!(form.description, hc().source());
    // schemas/collaboration-health-check.instrument.json: 6 foundations of 3
    // items, then 7 misconception items, 4 power items and 2 spectrum items
    // (in the instrument's order: misconceptions come first), then about you.
    let pages: Vec<(&str, usize)> = form.pages.iter().map(|p| (p.name.as_str(), p.elements.len())).collect();
    assert_eq!(
        pages,
        [
            ("collaborative-mindset", 3),
            ("healthy-trusting-relationships", 3),
            ("shared-vision-and-purpose", 3),
            ("collaborative-behaviours", 3),
            ("shared-learning", 3),
            ("collaborative-infrastructure", 3),
            ("misconceptions", 7),
            ("power", 4),
            ("spectrum", 2),
            ("about-you", 3),
        ]
    );
    assert_eq!(form.pages[1].title, "Healthy, trusting relationships");
    let questions: Vec<_> = form.pages.iter().flat_map(|p| &p.elements).collect();
    let radios: Vec<_> = questions.iter().filter(|q| q.kind == SurveyJsQuestionType::Radiogroup).collect();
    assert_eq!(radios.len(), 31);
    // Every item once, in the instrument's order (which the grouping keeps
    // for the built-in instrument).
    let names: Vec<&str> = radios.iter().map(|q| q.name.as_str()).collect();
    let ids: Vec<&str> = hc().items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(names, ids);
    for question in &radios {
        let item = hc().item(&question.name).unwrap();
        assert_eq!(question.title, item.prompt);
        assert!(!question.is_required);
        let values: Vec<&SurveyJsValue> = question.choices.iter().map(|c| &c.value).collect();
        let texts: Vec<&str> = question.choices.iter().map(|c| c.text.as_str()).collect();
        match item.scale.as_str() {
            // extent: 5 points and n/a.
            "extent" => {
                assert_eq!(texts, ["Not at all", "A little", "Partly", "Largely", "Fully", "Not applicable"]);
                assert_eq!(values.last().unwrap(), &&SurveyJsValue::Text("n/a".into()));
            }
            // agreement: 5 points, no n/a.
            "agreement" => assert_eq!(
                texts,
                ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
            ),
            // spectrum: 7 points, no n/a.
            "spectrum" => assert_eq!(
                texts,
                ["Compete", "Co-exist", "Communicate", "Cooperate", "Coordinate", "Collaborate", "Integrate"]
            ),
            other => panic!("unexpected scale {other}"),
        }
        for (n, value) in values.iter().enumerate().take(hc().scale(&item.scale).unwrap().points.into()) {
            assert_eq!(**value, SurveyJsValue::Point(u8::try_from(n + 1).unwrap()));
        }
    }
    // The choices as JSON: numbers, and the string "n/a".
    let json = serde_json::to_value(&form).unwrap();
    assert_eq!(json["pages"][0]["elements"][0]["choices"][0], json!({"value": 1, "text": "Not at all"}));
    assert_eq!(
        json["pages"][0]["elements"][0]["choices"][5],
        json!({"value": "n/a", "text": "Not applicable"})
    );
    assert_eq!(json["pages"][0]["elements"][0]["type"], "radiogroup");
    assert!(json["pages"][0]["elements"][0].get("isRequired").is_none());
    let about = &form.pages[9];
    assert_eq!(about.title, "About you");
    assert_eq!(about.elements[0].name, "respondent_organisation");
    assert_eq!(about.elements[0].kind, SurveyJsQuestionType::Text);
    assert_eq!(about.elements[1].name, "respondent_roles");
    assert_eq!(about.elements[1].kind, SurveyJsQuestionType::Checkbox);
    assert_eq!(about.elements[1].choices.len(), Role::ALL.len());
    assert_eq!(about.elements[1].choices[2].value, SurveyJsValue::Text("system-steward".into()));
    assert_eq!(about.elements[1].choices[2].text, "System steward");
    assert_eq!(about.elements[2].name, "respondent_power_sources");
    assert_eq!(about.elements[2].choices.len(), PowerSource::ALL.len());
    // It reads back as written.
    let back: surveyjs::SurveyJsForm = serde_json::from_value(json).unwrap();
    assert_eq!(back, form);
}

#[test]
fn surveyjs_data_reads_as_a_response() {
    let data = json!({
        "collaborative-mindset.1": 4,
        "shared-vision-and-purpose.3": "n/a",
        "spectrum.needed": 7,
        "power.power-over": 1,
        "respondent_id": " r-07 ",
        "respondent_organisation": "City Council",
        "respondent_roles": ["system-steward", "system-leader"],
        "respondent_power_sources": ["positional"],
    });
    let expected = Response::new(
        "collaboration-health-check",
        Respondent::new("r-07")
            .unwrap()
            .with_role(Role::SystemSteward)
            .with_role(Role::SystemLeader)
            .with_organisation("City Council")
            .with_power_source(PowerSource::Positional),
    )
    .with_answer("collaborative-mindset.1", 4)
    .with_answer("shared-vision-and-purpose.3", Answer::NotApplicable)
    .with_answer("spectrum.needed", 7)
    .with_answer("power.power-over", 1);
    assert_eq!(surveyjs::response(hc(), &data, "fallback").unwrap(), expected);
    // Without respondent_id, the fallback; nothing answered is fine.
    let bare = surveyjs::response(hc(), &json!({}), "submission-9").unwrap();
    assert_eq!(bare, Response::new(hc().id(), Respondent::new("submission-9").unwrap()));
    // Integral numbers are integers, as in the wire format.
    let r = surveyjs::response(hc(), &json!({"shared-learning.1": 3.0}), "s").unwrap();
    assert_eq!(r.answers["shared-learning.1"], Answer::Value(3));
}

#[test]
fn surveyjs_data_of_the_team_reads_back() {
    // What check.mjs prints for team.jsonl: the answers, respondent_id and
    // the about-you keys.
    for response in team() {
        let mut data = serde_json::Map::new();
        for (item, answer) in &response.answers {
            data.insert(item.clone(), serde_json::to_value(answer).unwrap());
        }
        let who = &response.respondent;
        data.insert("respondent_id".into(), json!(who.id.as_str()));
        if let Some(organisation) = &who.organisation {
            data.insert("respondent_organisation".into(), json!(organisation));
        }
        if !who.roles.is_empty() {
            data.insert("respondent_roles".into(), serde_json::to_value(&who.roles).unwrap());
        }
        if !who.power_sources.is_empty() {
            data.insert("respondent_power_sources".into(), serde_json::to_value(&who.power_sources).unwrap());
        }
        assert_eq!(surveyjs::response(hc(), &Value::Object(data), "x").unwrap(), response);
    }
}

fn survey_err(data: &Value) -> FormError {
    surveyjs::response(hc(), data, "s-1").unwrap_err()
}

#[test]
fn surveyjs_not_an_object() {
    let err = survey_err(&json!([1, 2]));
    assert!(matches!(err, FormError::NotAnObject { .. }));
    assert_eq!(err.to_string(), "the SurveyJS data is a list; expected a JSON object of answers");
    assert_eq!(err.respondent(), None);
}

#[test]
fn surveyjs_unknown_key() {
    let err = survey_err(&json!({"shared-learning.9": 3}));
    assert!(matches!(err, FormError::UnknownKey { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `s-1`, key `shared-learning.9`: no such item in instrument `collaboration-health-check`, and not one of respondent_id, respondent_organisation, respondent_roles, respondent_power_sources"
    );
    assert_eq!(err.respondent(), Some("s-1"));
    assert_eq!(err.item(), Some("shared-learning.9"));
}

#[test]
fn surveyjs_wrong_types() {
    let err = survey_err(&json!({"respondent_id": 7}));
    assert!(matches!(err, FormError::WrongType { .. }));
    assert_eq!(err.to_string(), "`respondent_id`: expected a string, found the number 7");
    assert_eq!(err.respondent(), None);
    let err = survey_err(&json!({"respondent_roles": "system-leader"}));
    assert_eq!(
        err.to_string(),
        "respondent `s-1`, `respondent_roles`: expected a list of identifiers, found the string \"system-leader\""
    );
    assert_eq!(err.item(), Some("respondent_roles"));
    let err = survey_err(&json!({"respondent_power_sources": [1]}));
    assert_eq!(
        err.to_string(),
        "respondent `s-1`, `respondent_power_sources`: expected a list of identifiers, found the number 1"
    );
    let err = survey_err(&json!({"respondent_organisation": ["x"]}));
    assert_eq!(err.to_string(), "respondent `s-1`, `respondent_organisation`: expected text, found a list");
}

#[test]
fn surveyjs_unknown_role_or_power_source() {
    let err = survey_err(&json!({"respondent_roles": ["system-lead"]}));
    assert!(matches!(err, FormError::UnknownId { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `s-1`, `respondent_roles`: unknown role `system-lead`; expected one of: system-leader, system-activist, system-steward"
    );
    let err = survey_err(&json!({"respondent_power_sources": ["money"]}));
    assert!(
        err.to_string()
            .starts_with("respondent `s-1`, `respondent_power_sources`: unknown power source `money`")
    );
}

#[test]
fn surveyjs_answers_are_checked_by_the_rules_of_the_wire_format() {
    let err = survey_err(&json!({"shared-learning.1": 6}));
    assert!(matches!(err, FormError::Response(ResponseError::OutOfScale { .. })));
    assert_eq!(err.to_string(), "respondent `s-1`, item `shared-learning.1`: 6 is outside the scale 1..=5");
    assert_eq!(err.respondent(), Some("s-1"));
    assert_eq!(err.item(), Some("shared-learning.1"));
    let err = survey_err(&json!({"shared-learning.1": "4"}));
    assert_eq!(
        err.to_string(),
        "respondent `s-1`, item `shared-learning.1`: \"4\" is not an answer; expected an integer 1..=5 or \"n/a\""
    );
    let err = survey_err(&json!({"power.power-over": "n/a"}));
    assert_eq!(
        err.to_string(),
        "respondent `s-1`, item `power.power-over`: \"n/a\" is not allowed on scale `agreement`"
    );
    let err = survey_err(&json!({"respondent_id": "  "}));
    assert!(matches!(err, FormError::Response(ResponseError::EmptyRespondentId)));
    let err = survey_err(&json!({"respondent_organisation": " \u{200B} "}));
    assert!(matches!(err, FormError::Response(ResponseError::BlankOrganisation { .. })));
}

// ---------------------------------------------------------------- FHIR

#[test]
fn fhir_questionnaire_structure() {
    let q = fhir::questionnaire(hc());
    let json = serde_json::to_value(&q).unwrap();
    assert_eq!(json["resourceType"], "Questionnaire");
    assert_eq!(json["id"], "collaboration-health-check");
    assert_eq!(json["url"], "urn:collaboration:instrument:collaboration-health-check");
    assert_eq!(json["version"], "1.0.0");
    assert_eq!(json["name"], "CollaborationHealthCheck");
    assert_eq!(json["title"], "Collaboration health check");
    assert_eq!(json["status"], "active");
    assert_eq!(json["description"], hc().source());
    let groups: Vec<&str> = q.item.iter().map(|g| g.link_id.as_str()).collect();
    assert_eq!(
        groups,
        [
            "group:collaborative-mindset",
            "group:healthy-trusting-relationships",
            "group:shared-vision-and-purpose",
            "group:collaborative-behaviours",
            "group:shared-learning",
            "group:collaborative-infrastructure",
            "group:misconceptions",
            "group:power",
            "group:spectrum",
            "group:about-you",
        ]
    );
    assert!(q.item.iter().all(|g| g.kind == "group"));
    let questions: Vec<_> = q.item[..9].iter().flat_map(|g| &g.item).collect();
    assert_eq!(questions.len(), 31);
    for question in &questions {
        let item = hc().item(&question.link_id).unwrap();
        let scale = hc().scale(&item.scale).unwrap();
        assert_eq!(question.kind, "choice");
        assert_eq!(question.text.as_deref(), Some(item.prompt.as_str()));
        let system = format!("urn:collaboration:scale:collaboration-health-check:{}", scale.id);
        assert_eq!(
            question.answer_option.len(),
            usize::from(scale.points) + usize::from(scale.not_applicable)
        );
        for (n, option) in question.answer_option.iter().enumerate() {
            let coding = option.value_coding.as_ref().unwrap();
            assert_eq!(coding.system.as_deref(), Some(system.as_str()));
            if n < usize::from(scale.points) {
                assert_eq!(coding.code, Some((n + 1).to_string()));
                assert_eq!(coding.display.as_deref(), Some(scale.labels[n].as_str()));
                assert_eq!(coding.extension.len(), 1);
                assert_eq!(coding.extension[0].url, "http://hl7.org/fhir/StructureDefinition/itemWeight");
                assert_eq!(coding.extension[0].value_decimal, Some((n + 1).into()));
            } else {
                assert_eq!(coding.code.as_deref(), Some("n/a"));
                assert_eq!(coding.display.as_deref(), Some("Not applicable"));
                assert!(coding.extension.is_empty());
            }
        }
    }
    // As JSON, an option: the weight on the valueCoding.
    assert_eq!(
        json["item"][0]["item"][0]["answerOption"][0],
        json!({"valueCoding": {
            "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 1}],
            "system": "urn:collaboration:scale:collaboration-health-check:extent",
            "code": "1",
            "display": "Not at all"
        }})
    );
    let about = &json["item"][9]["item"];
    assert_eq!(
        about[0],
        json!({"linkId": "respondent:organisation", "text": "The organisation you belong to", "type": "string"})
    );
    assert_eq!(about[1]["linkId"], "respondent:roles");
    assert_eq!(about[1]["type"], "choice");
    assert_eq!(about[1]["repeats"], true);
    assert_eq!(
        about[1]["answerOption"][0],
        json!({"valueCoding": {"system": "urn:collaboration:role", "code": "system-leader", "display": "System leader"}})
    );
    assert_eq!(about[2]["linkId"], "respondent:power-sources");
    assert_eq!(about[2]["answerOption"][3]["valueCoding"]["system"], "urn:collaboration:power-source");
    // It reads back as written.
    let back: fhir::Questionnaire = serde_json::from_value(json).unwrap();
    assert_eq!(back, q);
}

#[test]
fn fhir_questionnaire_of_a_long_id_leaves_out_the_id() {
    let mut def = hc().definition().clone();
    def.id = format!("{}-x", "a".repeat(70));
    let q = fhir::questionnaire(&Instrument::new(def).unwrap());
    assert_eq!(q.id, None);
    assert_eq!(q.name.unwrap(), format!("A{}X", "a".repeat(69)));
    let mut def = hc().definition().clone();
    def.id = "360-review".into();
    let q = fhir::questionnaire(&Instrument::new(def).unwrap());
    assert_eq!(q.id.as_deref(), Some("360-review"));
    assert_eq!(q.name.as_deref(), Some("Instrument360Review"));
}

#[test]
fn fhir_questionnaire_response_shape() {
    let response = &team()[2]; // cc-03: n/a on shared-vision-and-purpose.3, no roles
    let qr = fhir::questionnaire_response(hc(), response);
    let json = serde_json::to_value(&qr).unwrap();
    assert_eq!(json["resourceType"], "QuestionnaireResponse");
    assert!(json.get("id").is_none());
    assert_eq!(json["status"], "completed");
    assert_eq!(json["questionnaire"], "urn:collaboration:instrument:collaboration-health-check|1.0.0");
    assert_eq!(json["identifier"], json!({"system": "urn:collaboration:respondent", "value": "cc-03"}));
    assert_eq!(json["item"][2]["linkId"], "group:shared-vision-and-purpose");
    assert_eq!(
        json["item"][2]["item"][2]["answer"][0],
        json!({"valueCoding": {"system": "urn:collaboration:scale:collaboration-health-check:extent", "code": "n/a", "display": "Not applicable"}})
    );
    assert_eq!(json["item"][0]["item"][0]["answer"][0]["valueCoding"]["extension"][0]["valueDecimal"], 4);
    let about = &json["item"][9];
    assert_eq!(about["linkId"], "group:about-you");
    assert_eq!(
        about["item"][0],
        json!({"linkId": "respondent:organisation", "answer": [{"valueString": "City Council"}]})
    );
    assert_eq!(about["item"][1]["linkId"], "respondent:power-sources");
    // Only answered items: a response with one answer has one group.
    let one = Response::new(hc().id(), Respondent::new("r").unwrap()).with_answer("spectrum.current", 3);
    let qr = fhir::questionnaire_response(hc(), &one);
    assert_eq!(qr.item.len(), 1);
    assert_eq!(qr.item[0].link_id, "group:spectrum");
    assert_eq!(
        qr.item[0].item[0].answer[0].value_coding.as_ref().unwrap().display.as_deref(),
        Some("Communicate")
    );
}

#[test]
fn fhir_round_trip_of_the_team() {
    for response in team() {
        let qr = fhir::questionnaire_response(hc(), &response);
        let text = serde_json::to_string(&qr).unwrap();
        let read: QuestionnaireResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(fhir::response_from_fhir(hc(), &read).unwrap(), response);
    }
}

/// `QuestionnaireResponse` JSON for respondent `r-1` with these items.
fn qr(items: &Value) -> Value {
    json!({
        "resourceType": "QuestionnaireResponse",
        "identifier": {"value": "r-1"},
        "status": "completed",
        "item": items,
    })
}

fn coded(item: &str, code: &str) -> Value {
    json!({"linkId": item, "answer": [{"valueCoding": {"code": code}}]})
}

fn from_fhir(value: &Value) -> Result<Response, FormError> {
    let qr: QuestionnaireResponse = serde_json::from_value(value.clone()).unwrap();
    fhir::response_from_fhir(hc(), &qr)
}

#[test]
fn fhir_reads_what_real_resources_carry() {
    // Nesting anywhere, valueInteger, no system, an id in place of an
    // identifier, fields the crate does not use, any status but
    // entered-in-error, a canonical without its version.
    let value = json!({
        "resourceType": "QuestionnaireResponse",
        "id": "qr-55",
        "meta": {"versionId": "2"},
        "text": {"status": "generated", "div": "<div/>"},
        "questionnaire": "urn:collaboration:instrument:collaboration-health-check",
        "status": "amended",
        "authored": "2024-05-01",
        "item": [
            {"linkId": "shared-learning.1", "answer": [{"valueInteger": 2, "item": [coded("shared-learning.2", "3")]}]},
            {"linkId": "group:power", "item": [
                {"linkId": "power.power-to", "text": "…", "answer": [{"valueCoding": {
                    "system": "urn:collaboration:scale:collaboration-health-check:agreement",
                    "code": "5", "display": "Strongly agree"}}]},
            ]},
            {"linkId": "spectrum.current"},
            {"linkId": "respondent:roles", "answer": [
                {"valueCoding": {"system": "urn:collaboration:role", "code": "system-activist"}},
                {"valueCoding": {"code": "system-leader"}}]},
        ],
    });
    let expected = Response::new(
        hc().id(),
        Respondent::new("qr-55").unwrap().with_role(Role::SystemActivist).with_role(Role::SystemLeader),
    )
    .with_answer("shared-learning.1", 2)
    .with_answer("shared-learning.2", 3)
    .with_answer("power.power-to", 5);
    assert_eq!(from_fhir(&value).unwrap(), expected);
}

fn fhir_err(items: &Value) -> FormError {
    from_fhir(&qr(items)).unwrap_err()
}

#[test]
fn fhir_wrong_resource_type() {
    let mut value = qr(&json!([]));
    value["resourceType"] = json!("Patient");
    let err = from_fhir(&value).unwrap_err();
    assert!(matches!(err, FormError::WrongResourceType { .. }));
    assert_eq!(err.to_string(), "a resource of type `Patient`, not a QuestionnaireResponse");
    assert_eq!(err.respondent(), None);
}

#[test]
fn fhir_no_respondent() {
    let mut value = qr(&json!([]));
    value.as_object_mut().unwrap().remove("identifier");
    let err = from_fhir(&value).unwrap_err();
    assert_eq!(err, FormError::NoRespondent);
    assert_eq!(
        err.to_string(),
        "the QuestionnaireResponse names no respondent: it has no identifier.value and no id"
    );
    // An identifier without a value: the id.
    value["identifier"] = json!({"system": "urn:x"});
    value["id"] = json!("qr-1");
    assert_eq!(from_fhir(&value).unwrap().respondent.id.as_str(), "qr-1");
}

#[test]
fn fhir_entered_in_error() {
    let mut value = qr(&json!([]));
    value["status"] = json!("entered-in-error");
    let err = from_fhir(&value).unwrap_err();
    assert!(matches!(err, FormError::EnteredInError { .. }));
    assert_eq!(err.to_string(), "respondent `r-1`: the QuestionnaireResponse is marked entered-in-error");
    assert_eq!(err.respondent(), Some("r-1"));
}

#[test]
fn fhir_wrong_questionnaire() {
    for found in [
        "urn:collaboration:instrument:collaboration-health-check|2.0.0",
        "urn:collaboration:instrument:another",
        "http://example.org/Questionnaire/phq-9",
    ] {
        let mut value = qr(&json!([]));
        value["questionnaire"] = json!(found);
        let err = from_fhir(&value).unwrap_err();
        assert!(matches!(err, FormError::WrongQuestionnaire { .. }));
        assert_eq!(
            err.to_string(),
            format!(
                "respondent `r-1`: the QuestionnaireResponse answers the questionnaire `{found}`, not `urn:collaboration:instrument:collaboration-health-check|1.0.0`"
            )
        );
    }
}

#[test]
fn fhir_unknown_link_id() {
    let err = fhir_err(&json!([coded("shared-learning.9", "3")]));
    assert!(matches!(err, FormError::UnknownLinkId { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, linkId `shared-learning.9`: no such item in instrument `collaboration-health-check`"
    );
    assert_eq!(err.item(), Some("shared-learning.9"));
    // A group the questionnaire does not have, nested.
    let err = fhir_err(&json!([{"linkId": "group:power", "item": [{"linkId": "group:extra"}]}]));
    assert_eq!(err.item(), Some("group:extra"));
}

#[test]
fn fhir_repeated_answer() {
    let err = fhir_err(&json!([coded("shared-learning.1", "3"), {"linkId": "group:x", "item": []}]));
    assert_eq!(err.item(), Some("group:x"));
    let twice = json!([coded("shared-learning.1", "3"), {"linkId": "group:shared-learning", "item": [coded("shared-learning.1", "4")]}]);
    let err = fhir_err(&twice);
    assert!(matches!(err, FormError::RepeatedAnswer { .. }));
    assert_eq!(err.to_string(), "respondent `r-1`, item `shared-learning.1`: answered more than once");
    let two = json!([{"linkId": "shared-learning.1", "answer": [{"valueInteger": 3}, {"valueInteger": 4}]}]);
    assert!(matches!(fhir_err(&two), FormError::RepeatedAnswer { .. }));
    let organisations = json!([
        {"linkId": "respondent:organisation", "answer": [{"valueString": "A"}]},
        {"linkId": "respondent:organisation", "answer": [{"valueString": "B"}]},
    ]);
    assert_eq!(fhir_err(&organisations).item(), Some("respondent:organisation"));
}

#[test]
fn fhir_wrong_system() {
    let items = json!([{"linkId": "shared-learning.1", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "3"}}]}]);
    let err = fhir_err(&items);
    assert!(matches!(err, FormError::WrongSystem { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, item `shared-learning.1`: the code is from system `http://loinc.org`, not `urn:collaboration:scale:collaboration-health-check:extent`"
    );
    let roles = json!([{"linkId": "respondent:roles", "answer": [{"valueCoding": {"system": "urn:collaboration:power-source", "code": "financial"}}]}]);
    assert_eq!(fhir_err(&roles).item(), Some("respondent:roles"));
}

#[test]
fn fhir_not_an_answer() {
    let err = fhir_err(&json!([coded("shared-learning.1", "three")]));
    assert!(matches!(err, FormError::NotAnAnswer { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, item `shared-learning.1`: code \"three\" is not an answer; expected a code from 1 to 5 or n/a or a valueInteger"
    );
    let err = fhir_err(&json!([{"linkId": "power.power-to", "answer": [{"valueString": "4"}]}]));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, item `power.power-to`: valueString \"4\" is not an answer; expected a code from 1 to 5 or a valueInteger"
    );
    let err = fhir_err(&json!([{"linkId": "power.power-to", "answer": [{"valueDate": "2024-01-01"}]}]));
    assert!(err.to_string().contains("an answer without a value the crate reads"));
    let err =
        fhir_err(&json!([{"linkId": "respondent:roles", "answer": [{"valueString": "system-leader"}]}]));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, item `respondent:roles`: valueString \"system-leader\" is not an answer; expected a valueCoding of system `urn:collaboration:role`"
    );
}

#[test]
fn fhir_wrong_type_and_unknown_id_for_the_respondent() {
    let err = fhir_err(&json!([{"linkId": "respondent:organisation", "answer": [{"valueInteger": 3}]}]));
    assert!(matches!(err, FormError::WrongType { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, `respondent:organisation`: expected a valueString, found valueInteger 3"
    );
    let err = fhir_err(&json!([coded("respondent:power-sources", "money")]));
    assert!(matches!(err, FormError::UnknownId { .. }));
    assert!(err.to_string().starts_with("respondent `r-1`, `respondent:power-sources`: unknown power source `money`; expected one of: financial"));
}

#[test]
fn fhir_values_the_instrument_refuses() {
    let err = fhir_err(&json!([coded("shared-learning.1", "6")]));
    assert!(matches!(err, FormError::Response(ResponseError::OutOfScale { .. })));
    assert_eq!(err.to_string(), "respondent `r-1`, item `shared-learning.1`: 6 is outside the scale 1..=5");
    let err = fhir_err(&json!([coded("shared-learning.1", "0")]));
    assert!(matches!(err, FormError::Response(ResponseError::OutOfScale { .. })));
    let err = fhir_err(&json!([coded("shared-learning.1", "300")]));
    assert_eq!(err.to_string(), "respondent `r-1`, item `shared-learning.1`: 300 is outside the scale 1..=5");
    let err = fhir_err(&json!([{"linkId": "shared-learning.1", "answer": [{"valueInteger": -2}]}]));
    assert_eq!(err.to_string(), "respondent `r-1`, item `shared-learning.1`: -2 is outside the scale 1..=5");
    let err = fhir_err(&json!([coded("spectrum.current", "n/a")]));
    assert!(matches!(err, FormError::Response(ResponseError::NotApplicableForbidden { .. })));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, item `spectrum.current`: \"n/a\" is not allowed on scale `spectrum`"
    );
    assert_eq!(err.item(), Some("spectrum.current"));
    let mut value = qr(&json!([]));
    value["identifier"]["value"] = json!("\u{200B}");
    assert!(matches!(from_fhir(&value).unwrap_err(), FormError::Response(ResponseError::EmptyRespondentId)));
}

// ---------------------------------------------------------------- collections

fn ndjson(responses: &[Response]) -> String {
    let mut out = String::new();
    for response in responses {
        out.push_str(&serde_json::to_string(&fhir::questionnaire_response(hc(), response)).unwrap());
        out.push('\n');
    }
    out
}

fn bundle(responses: &[Response]) -> String {
    let bundle = Bundle::collection(responses.iter().map(|r| fhir::questionnaire_response(hc(), r)));
    serde_json::to_string_pretty(&bundle).unwrap()
}

fn read(text: &str) -> Vec<(FhirPosition, Result<Response, FormError>)> {
    fhir::responses(text.as_bytes(), hc()).collect()
}

/// The report of `responses` counted one at a time, as JSON.
fn report<'a>(responses: impl IntoIterator<Item = &'a Response>) -> Value {
    let mut aggregator = Aggregator::new(hc());
    for response in responses {
        aggregator.add(response).unwrap();
    }
    serde_json::to_value(aggregator.report()).unwrap()
}

#[test]
fn the_team_as_ndjson_and_as_a_bundle_reports_as_the_json_lines() {
    // team.jsonl → QuestionnaireResponses → NDJSON and a Bundle → read back
    // → counted: the same report as the JSON Lines counted directly.
    let team = team();
    let direct = report(&team);
    for (text, position) in [
        (ndjson(&team), FhirPosition::Line as fn(usize) -> FhirPosition),
        (bundle(&team), FhirPosition::Entry),
    ] {
        let read = read(&text);
        assert_eq!(read.len(), team.len());
        let mut responses = Vec::new();
        for (n, (at, result)) in read.into_iter().enumerate() {
            assert_eq!(at, position(n + 1));
            responses.push(result.unwrap());
        }
        assert_eq!(responses, team);
        assert_eq!(report(&responses), direct);
    }
}

#[test]
fn one_resource_pretty_or_on_one_line() {
    let team = team();
    let qr = fhir::questionnaire_response(hc(), &team[0]);
    for text in [
        serde_json::to_string_pretty(&qr).unwrap(),
        serde_json::to_string(&qr).unwrap(),
        format!("\u{feff}\n\n{}\n\n", serde_json::to_string(&qr).unwrap()),
    ] {
        let read = read(&text);
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].0, FhirPosition::Resource);
        assert_eq!(read[0].1.as_ref().unwrap(), &team[0]);
    }
    assert!(read("").is_empty());
    assert!(read("\n  \n").is_empty());
}

#[test]
fn ndjson_problems_are_per_line() {
    let team = team();
    let good = ndjson(&team[..2]);
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(1, "");
    lines.insert(2, r#"{"resourceType": "Patient", "id": "p"}"#);
    lines.insert(3, r#"{"resourceType": "QuestionnaireResponse", "status": "completed", "item": 3}"#);
    lines.push("[1, 2]");
    let text = lines.join("\r\n");
    let read = read(&text);
    let positions: Vec<FhirPosition> = read.iter().map(|(p, _)| *p).collect();
    assert_eq!(positions, [1, 3, 4, 5, 6].map(FhirPosition::Line));
    assert_eq!(read[0].1.as_ref().unwrap(), &team[0]);
    assert_eq!(
        read[1].1.as_ref().unwrap_err().to_string(),
        "a resource of type `Patient`, not a QuestionnaireResponse"
    );
    assert_eq!(
        read[2].1.as_ref().unwrap_err().to_string(),
        "line 1, column 74: expected a list, found the number 3"
    );
    assert_eq!(read[3].1.as_ref().unwrap(), &team[1]);
    assert_eq!(
        read[4].1.as_ref().unwrap_err().to_string(),
        "line 1, column 1: expected a JSON object, found a list"
    );
}

#[test]
fn ndjson_line_over_the_limit_is_skipped() {
    let team = team();
    let good = ndjson(&team[..1]);
    let long = format!(
        r#"{{"resourceType": "QuestionnaireResponse", "id": "{}"}}"#,
        "x".repeat(MAX_NDJSON_LINE_BYTES)
    );
    let text = format!("{good}{long}\n{good}");
    let read = read(&text);
    assert_eq!(read.len(), 3);
    assert_eq!(read[1].0, FhirPosition::Line(2));
    let err = read[1].1.as_ref().unwrap_err();
    assert!(matches!(err, FormError::TooLarge { .. }));
    assert_eq!(
        err.to_string(),
        format!("the line is more than {MAX_NDJSON_LINE_BYTES} bytes, the limit; it is not read")
    );
    assert_eq!(read[2].1.as_ref().unwrap(), &team[0]);
}

#[test]
fn bundle_problems() {
    let team = team();
    // An entry of another resource type, one without a resource, one that
    // is broken: an error each, with the entry's number.
    let mut value: Value = serde_json::from_str(&bundle(&team[..2])).unwrap();
    let entries = value["entry"].as_array_mut().unwrap();
    entries.insert(1, json!({"resource": {"resourceType": "Observation"}}));
    entries.insert(2, json!({"fullUrl": "urn:uuid:1"}));
    entries.insert(3, json!({"resource": {"resourceType": "QuestionnaireResponse", "identifier": {"value": "z"}, "item": [{"answer": []}]}}));
    let text = serde_json::to_string_pretty(&value).unwrap();
    let read = read(&text);
    let positions: Vec<FhirPosition> = read.iter().map(|(p, _)| *p).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5].map(FhirPosition::Entry));
    assert_eq!(read[0].1.as_ref().unwrap(), &team[0]);
    assert!(matches!(read[1].1, Err(FormError::WrongResourceType { found: Some(_) })));
    assert_eq!(
        read[2].1.as_ref().unwrap_err().to_string(),
        "no resource with a resourceType; expected a QuestionnaireResponse"
    );
    // The position is in the Bundle's text.
    let FormError::Json { line, message, .. } = read[3].1.as_ref().unwrap_err() else {
        panic!("{:?}", read[3])
    };
    assert_eq!(message, "missing field `linkId`");
    let at = text.lines().position(|l| l.contains(r#""answer": []"#)).unwrap() + 1;
    assert!((at..=at + 2).contains(line), "line {line}, answer at {at}");
    assert_eq!(read[4].1.as_ref().unwrap(), &team[1]);
}

#[test]
fn a_broken_document_stops_reading() {
    let read1 = read("{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [\n");
    assert_eq!(read1.len(), 1);
    assert_eq!(read1[0].0, FhirPosition::Document);
    let err = read1[0].1.as_ref().unwrap_err();
    assert!(matches!(err, FormError::Json { line: 4, .. }), "{err}");
    let read2 = read("{\"resourceType\": \"Bundle\", \"entry\": [1]}");
    assert_eq!(read2.len(), 1);
    assert_eq!(
        read2[0].1.as_ref().unwrap_err().to_string(),
        "line 1, column 38: expected a JSON object, found the number 1"
    );
    let read3 = read("{\"resourceType\": \"Questionnaire\", \"status\": \"active\"}");
    assert_eq!(read3[0].0, FhirPosition::Resource);
    assert!(matches!(read3[0].1, Err(FormError::WrongResourceType { .. })));
    let read4 = fhir::responses(&b"{\n\xff}"[..], hc()).collect::<Vec<_>>();
    assert_eq!(read4[0].1.as_ref().unwrap_err().to_string(), "line 2, column 1: the text is not UTF-8");
}

#[test]
fn a_document_over_the_limit_stops_reading() {
    // A reader that gives a pretty-printed document longer than the limit,
    // without holding it.
    struct Endless(usize);
    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                buf[0] = b'{';
                buf[1] = b'\n';
                self.0 = 2;
                return Ok(2);
            }
            buf.fill(b' ');
            self.0 += buf.len();
            Ok(buf.len())
        }
    }
    let read: Vec<_> = fhir::responses(Endless(0), hc()).collect();
    assert_eq!(read.len(), 1);
    let err = read[0].1.as_ref().unwrap_err();
    assert!(matches!(err, FormError::TooLarge { .. }));
    assert_eq!(
        err.to_string(),
        format!("the document is more than {MAX_FHIR_DOCUMENT_BYTES} bytes, the limit; it is not read")
    );
}

#[test]
fn an_io_error_stops_reading() {
    struct Failing(bool);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 {
                return Err(std::io::Error::other("disk gone"));
            }
            self.0 = true;
            let line = ndjson(&team()[..1]);
            let line = format!("{line}{line}");
            buf[..line.len()].copy_from_slice(line.as_bytes());
            Ok(line.len())
        }
    }
    let read: Vec<_> =
        fhir::responses(std::io::BufReader::with_capacity(1 << 20, Failing(false)), hc()).collect();
    assert_eq!(read.len(), 3);
    assert!(read[0].1.is_ok());
    assert!(read[1].1.is_ok());
    assert_eq!(read[2].0, FhirPosition::Line(3));
    assert_eq!(read[2].1.as_ref().unwrap_err(), &FormError::Io { message: "disk gone".into() });
    assert_eq!(read[2].1.as_ref().unwrap_err().to_string(), "reading failed: disk gone");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any response to the built-in instrument goes to FHIR and back, and
    /// through SurveyJS data and back, unchanged.
    #[test]
    fn any_response_round_trips(
        picks in proptest::collection::vec(proptest::option::of(0u8..8), 31),
        roles in proptest::sample::subsequence(Role::ALL.to_vec(), 0..=3),
        sources in proptest::sample::subsequence(PowerSource::ALL.to_vec(), 0..=4),
        organisation in proptest::option::of("[A-Za-z ]{0,12}[A-Za-z]"),
    ) {
        let mut respondent = Respondent::new("p-1").unwrap();
        respondent.roles = roles;
        respondent.power_sources = sources;
        respondent.organisation = organisation;
        let mut response = Response::new(hc().id(), respondent);
        for (item, pick) in hc().items().iter().zip(&picks) {
            let Some(pick) = pick else { continue };
            let scale = hc().scale(&item.scale).unwrap();
            let answer = if *pick >= scale.points {
                if !scale.not_applicable { continue }
                Answer::NotApplicable
            } else {
                Answer::Value(pick + 1)
            };
            response = response.with_answer(item.id.clone(), answer);
        }
        let text = serde_json::to_string(&fhir::questionnaire_response(hc(), &response)).unwrap();
        let qr: QuestionnaireResponse = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&fhir::response_from_fhir(hc(), &qr).unwrap(), &response);
        let mut data = serde_json::to_value(&response.answers).unwrap();
        data["respondent_id"] = json!("p-1");
        data["respondent_roles"] = serde_json::to_value(&response.respondent.roles).unwrap();
        data["respondent_power_sources"] = serde_json::to_value(&response.respondent.power_sources).unwrap();
        if let Some(organisation) = &response.respondent.organisation {
            data["respondent_organisation"] = json!(organisation);
        }
        prop_assert_eq!(&surveyjs::response(hc(), &data, "x").unwrap(), &response);
    }

    /// No input makes the reader panic, and it always ends.
    #[test]
    fn the_reader_never_panics(text in "[\\[\\]{}\",: \\n0-9a-zA-Z]{0,200}") {
        let _ = fhir::responses(text.as_bytes(), hc()).take(1000).count();
    }
}
