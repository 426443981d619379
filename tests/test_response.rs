//! Responses: the wire shape, and one test per bad response, each checking
//! the error variant and that the message names the respondent, the item and
//! the value.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::response::ResponseError;
use collaboration::{Answer, Instrument, PowerSource, Respondent, Response, Role};

fn parse(answers: &str) -> Result<Response, ResponseError> {
    let json = format!(
        r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "r-07"}}, "answers": {answers}}}"#
    );
    Instrument::builtin().parse_response(&json)
}

/// The message names the respondent, the item and the value.
fn names_all(err: &ResponseError, item: &str, value: &str) {
    let message = err.to_string();
    assert!(message.contains("`r-07`"), "{message}");
    assert!(message.contains(&format!("`{item}`")), "{message}");
    assert!(message.contains(value), "{message}");
    assert_eq!(err.respondent(), Some("r-07"));
    assert_eq!(err.item(), Some(item));
}

#[test]
fn wire_example_from_wire_md_parses() {
    let json = r#"{
      "instrument": "collaboration-health-check",
      "respondent": {
        "id": "r-07",
        "roles": ["system-steward"],
        "organisation": "City Council",
        "power_sources": ["positional", "financial"]
      },
      "answers": {
        "collaborative-mindset.1": 4,
        "collaborative-mindset.2": "n/a",
        "misconception.everyone-is-equal": 2,
        "power.power-over": 5,
        "spectrum.current": 4
      }
    }"#;
    let r = Instrument::builtin().parse_response(json).unwrap();
    assert_eq!(r.respondent.id.as_str(), "r-07");
    assert_eq!(r.respondent.roles, [Role::SystemSteward]);
    assert_eq!(r.respondent.organisation.as_deref(), Some("City Council"));
    assert_eq!(r.respondent.power_sources, [PowerSource::Positional, PowerSource::Financial]);
    assert_eq!(r.answers.len(), 5);
    assert_eq!(r.answers["collaborative-mindset.2"], Answer::NotApplicable);
    assert_eq!(r.answers["spectrum.current"], Answer::Value(4));
    // Plain serde reads the same document to the same response.
    assert_eq!(serde_json::from_str::<Response>(json).unwrap(), r);
    // And writes it back in the same shape.
    let again: Response = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(again, r);
}

#[test]
fn unknown_item() {
    let err = parse(r#"{"shared-learning.4": 3}"#).unwrap_err();
    assert!(matches!(err, ResponseError::UnknownItem { .. }), "{err:?}");
    names_all(&err, "shared-learning.4", "3");
}

#[test]
fn value_outside_the_scale() {
    for (value, shown) in [
        ("0", "0"),
        ("6", "6"),
        ("-1", "-1"),
        ("255", "255"),
        ("18446744073709551616", "18446744073709552000"),
    ] {
        let err = parse(&format!(r#"{{"shared-learning.1": {value}}}"#)).unwrap_err();
        assert!(matches!(err, ResponseError::OutOfScale { points: 5, .. }), "{value}: {err:?}");
        names_all(&err, "shared-learning.1", shown);
        assert!(err.to_string().ends_with("is outside the scale 1..=5"), "{err}");
    }
    // The spectrum scale has 7 points: 7 is fine, 8 is not.
    assert!(parse(r#"{"spectrum.needed": 7}"#).is_ok());
    let err = parse(r#"{"spectrum.needed": 8}"#).unwrap_err();
    assert!(matches!(err, ResponseError::OutOfScale { points: 7, .. }), "{err:?}");
}

#[test]
fn non_integer() {
    for (value, shown) in
        [("3.5", "3.5"), ("\"3\"", "\"3\""), ("null", "null"), ("true", "true"), ("[3]", "[…]")]
    {
        let err = parse(&format!(r#"{{"collaborative-behaviours.2": {value}}}"#)).unwrap_err();
        assert!(matches!(err, ResponseError::NotAnInteger { .. }), "{value}: {err:?}");
        names_all(&err, "collaborative-behaviours.2", shown);
    }
    // 4.0 is an integer, as JSON Schema counts them.
    assert_eq!(
        parse(r#"{"shared-learning.1": 4.0}"#).unwrap().answers["shared-learning.1"],
        Answer::Value(4)
    );
}

#[test]
fn not_applicable_where_the_scale_forbids_it() {
    let err = parse(r#"{"power.power-with": "n/a"}"#).unwrap_err();
    assert_eq!(
        err,
        ResponseError::NotApplicableForbidden {
            respondent: "r-07".into(),
            item: "power.power-with".into(),
            scale: "agreement".into()
        }
    );
    names_all(&err, "power.power-with", "\"n/a\"");
    // Allowed on the extent scale.
    assert!(parse(r#"{"shared-learning.1": "n/a"}"#).is_ok());
}

#[test]
fn wrong_instrument() {
    let json = r#"{"instrument": "wilder-inventory", "respondent": {"id": "r-07"}, "answers": {}}"#;
    let err = Instrument::builtin().parse_response(json).unwrap_err();
    assert_eq!(
        err,
        ResponseError::WrongInstrument {
            respondent: "r-07".into(),
            expected: "collaboration-health-check".into(),
            found: "wilder-inventory".into()
        }
    );
    assert!(err.to_string().contains("`r-07`") && err.to_string().contains("`wilder-inventory`"));
    let json = r#"{"instrument": "collaboration-health-check", "instrument_version": "0.9",
                   "respondent": {"id": "r-07"}, "answers": {}}"#;
    let err = Instrument::builtin().parse_response(json).unwrap_err();
    assert!(matches!(err, ResponseError::WrongInstrumentVersion { .. }), "{err:?}");
    assert!(err.to_string().contains("`0.9`"), "{err}");
}

#[test]
fn empty_respondent_id() {
    for id in ["", "   ", "\t"] {
        let json = format!(
            r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": {}}}, "answers": {{}}}}"#,
            serde_json::Value::from(id)
        );
        let err = Instrument::builtin().parse_response(&json).unwrap_err();
        assert_eq!(err, ResponseError::EmptyRespondentId);
        assert_eq!(err.to_string(), "respondent id is empty or has no visible character");
    }
    assert_eq!(Respondent::new(" ").unwrap_err(), ResponseError::EmptyRespondentId);
    // Plain serde refuses it too.
    let json = r#"{"instrument": "x", "respondent": {"id": ""}, "answers": {}}"#;
    assert!(
        serde_json::from_str::<Response>(json)
            .unwrap_err()
            .to_string()
            .contains("respondent id is empty or has no visible character")
    );
}

#[test]
fn same_item_answered_twice() {
    let err =
        parse(r#"{"shared-learning.1": 2, "shared-learning.2": 4, "shared-learning.1": 5}"#).unwrap_err();
    assert_eq!(
        err,
        ResponseError::DuplicateAnswer {
            respondent: "r-07".into(),
            item: "shared-learning.1".into(),
            first: "2".into(),
            second: "5".into()
        }
    );
    names_all(&err, "shared-learning.1", "2, then 5");
}

#[test]
fn unknown_fields_are_rejected() {
    for json in [
        r#"{"instrument": "collaboration-health-check", "respondent": {"id": "r"}, "answers": {}, "answer": {}}"#,
        r#"{"instrument": "collaboration-health-check", "respondent": {"id": "r", "role": []}, "answers": {}}"#,
    ] {
        let err = Instrument::builtin().parse_response(json).unwrap_err();
        let ResponseError::Json { line, message, .. } = &err else { panic!("{err:?}") };
        assert_eq!(*line, 1);
        assert!(message.starts_with("unknown field"), "{message}");
        assert!(serde_json::from_str::<Response>(json).is_err());
    }
}

#[test]
fn validate_checks_responses_built_in_code() {
    let hc = Instrument::builtin();
    let r = Response::new(hc.id(), Respondent::new("r-07").unwrap()).with_answer("shared-learning.1", 9);
    let err = hc.validate(&r).unwrap_err();
    assert!(matches!(err, ResponseError::OutOfScale { points: 5, .. }));
    names_all(&err, "shared-learning.1", "9");
    let r = Response::new(hc.id(), Respondent::new("r-07").unwrap()).with_answer("nope", 1);
    assert!(matches!(hc.validate(&r).unwrap_err(), ResponseError::UnknownItem { .. }));
}

#[test]
fn strict_serde_answers() {
    assert_eq!(serde_json::from_str::<Answer>("11").unwrap(), Answer::Value(11));
    for bad in ["0", "12", "-1", "3.5", "\"3\"", "null", "\"N/A\""] {
        assert!(serde_json::from_str::<Answer>(bad).is_err(), "{bad}");
    }
}
