//! Instruments: the built-in one as SCORING.md specifies it, a custom one in
//! JSON scored to hand-computed values, and one test per invalid definition.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::instrument::{InstrumentError, Keying, Measure, SpectrumQuestion};
use collaboration::{Foundation, Instrument, Misconception, PowerForm, QuestionId, Respondent, Response};

#[test]
fn builtin_matches_scoring_md() {
    let hc = Instrument::builtin();
    assert_eq!(hc.id(), "collaboration-health-check");
    assert_eq!(hc.foundations(), Foundation::ALL);
    let count = |pred: fn(&Measure) -> bool| hc.items().iter().filter(|i| pred(&i.measures)).count();
    assert_eq!(count(|m| matches!(m, Measure::Foundation(_))), 18);
    assert_eq!(count(|m| matches!(m, Measure::Misconception(_))), 7);
    assert_eq!(count(|m| matches!(m, Measure::Power(_))), 4);
    assert_eq!(count(|m| matches!(m, Measure::Spectrum(_))), 2);

    // Foundation items: ids = question ids, prompts verbatim, extent scale.
    for q in QuestionId::iter() {
        let item = hc.item(q.id()).unwrap();
        assert_eq!(item.prompt, q.text());
        assert_eq!(item.scale, "extent");
        assert_eq!(item.measures, Measure::Foundation(q.foundation()));
        assert_eq!(item.keying, Keying::Positive);
    }
    for m in Misconception::iter() {
        let item = hc.item(&format!("misconception.{m}")).unwrap();
        assert_eq!((item.scale.as_str(), item.keying), ("agreement", Keying::Positive));
        assert_eq!(item.measures, Measure::Misconception(m));
    }
    for form in PowerForm::iter() {
        let item = hc.item(&format!("power.{form}")).unwrap();
        assert_eq!(item.scale, "agreement");
        let keying = if form == PowerForm::PowerOver { Keying::Reverse } else { Keying::Positive };
        assert_eq!(item.keying, keying, "{form}");
    }
    assert_eq!(hc.item("spectrum.current").unwrap().measures, Measure::Spectrum(SpectrumQuestion::Current));
    assert_eq!(hc.item("spectrum.needed").unwrap().measures, Measure::Spectrum(SpectrumQuestion::Needed));

    let extent = hc.scale("extent").unwrap();
    assert_eq!(extent.labels, ["Not at all", "A little", "Partly", "Largely", "Fully"]);
    assert!(extent.not_applicable);
    let agreement = hc.scale("agreement").unwrap();
    assert_eq!(
        agreement.labels,
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
    );
    assert!(!agreement.not_applicable);
    let spectrum = hc.scale("spectrum").unwrap();
    assert_eq!(spectrum.points, 7);
    assert_eq!(spectrum.label(1), Some("Compete"));
    assert_eq!(spectrum.label(7), Some("Integrate"));
    assert!(!spectrum.not_applicable);
}

#[test]
fn builtin_round_trips_through_json() {
    let hc = Instrument::builtin();
    let json = serde_json::to_string(hc).unwrap();
    let back = Instrument::from_json(&json).unwrap();
    assert_eq!(&back, hc);
}

/// A custom instrument: a 7-point scale, two foundations, one reverse-keyed
/// item.
const CUSTOM: &str = r#"{
  "id": "partnership-pulse",
  "version": "2024.1",
  "title": "Partnership pulse",
  "source": "our own items",
  "scales": [
    {"id": "seven", "points": 7,
     "labels": ["1", "2", "3", "4", "5", "6", "7"], "not_applicable": true}
  ],
  "items": [
    {"id": "trust.honest", "prompt": "We are honest with each other.", "scale": "seven",
     "measures": {"foundation": "healthy-trusting-relationships"}},
    {"id": "trust.guarded", "prompt": "People keep their real views to themselves.", "scale": "seven",
     "measures": {"foundation": "healthy-trusting-relationships"}, "keying": "reverse"},
    {"id": "learning.review", "prompt": "We review what we learn.", "scale": "seven",
     "measures": {"foundation": "shared-learning"}}
  ]
}"#;

#[test]
fn custom_instrument_loads_validates_and_scores_by_hand() {
    let pulse = Instrument::from_json(CUSTOM).unwrap();
    assert_eq!(pulse.foundations(), [Foundation::HealthyTrustingRelationships, Foundation::SharedLearning]);
    let r = Response::new("partnership-pulse", Respondent::new("p1").unwrap())
        .with_answer("trust.honest", 6)
        .with_answer("trust.guarded", 3)
        .with_answer("learning.review", 2);
    let card = pulse.score(&r).unwrap();
    // k = 7, so a keyed value v scores 100 × (v − 1) / 6.
    // trust.honest 6 → 100 × 5/6 = 83.333…
    // trust.guarded 3, reverse → 7 + 1 − 3 = 5 → 100 × 4/6 = 66.666…
    // Relationships = (83.333… + 66.666…) / 2 = 75.
    // learning.review 2 → 100 × 1/6 = 16.666…; 1 of 1 item answered.
    // Overall = (75 + 16.666…) / 2 = 45.833…
    let rel = card.foundation(Foundation::HealthyTrustingRelationships).unwrap();
    assert!((rel.score.unwrap() - 75.0).abs() < 1e-9);
    let learning = card.foundation(Foundation::SharedLearning).unwrap();
    assert!((learning.score.unwrap() - 100.0 / 6.0).abs() < 1e-9);
    // (900/12 + 200/12) / 2 = 550/12.
    assert!((card.overall.score.unwrap() - 550.0 / 12.0).abs() < 1e-9);
    assert_eq!(card.overall.foundations, 2);
    let guarded = card.items.iter().find(|i| i.item == "trust.guarded").unwrap();
    assert!((guarded.score.unwrap() - 400.0 / 6.0).abs() < 1e-9);
    // The instrument has no power and no spectrum items: the scorecard
    // leaves both out.
    assert_eq!((card.power.as_ref(), card.spectrum.as_ref()), (None, None));
    let json = serde_json::to_value(&card).unwrap();
    assert!(json["power"].is_null() && json["spectrum"].is_null());
    assert!(!card.to_string().contains("## Power"), "{card}");
    // With only trust.honest answered, relationships has 1 of 2 = ceil(2/2):
    // scored, 83.333…; learning has 0 of 1: not scored; 1 of 2 foundations is
    // half, so overall = 83.333….
    let r = Response::new("partnership-pulse", Respondent::new("p2").unwrap()).with_answer("trust.honest", 6);
    let card = pulse.score(&r).unwrap();
    assert!((card.overall.score.unwrap() - 500.0 / 6.0).abs() < 1e-9);
}

fn custom_with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Instrument, InstrumentError> {
    let mut def: serde_json::Value = serde_json::from_str(CUSTOM).unwrap();
    edit(&mut def);
    Instrument::from_json(&def.to_string())
}

#[test]
fn duplicate_item_id() {
    let err = custom_with(|d| d["items"][2]["id"] = "trust.honest".into()).unwrap_err();
    assert_eq!(err, InstrumentError::DuplicateItem { item: "trust.honest".into(), first: 1, second: 3 });
    assert_eq!(err.to_string(), "item `trust.honest` is defined twice (items 1 and 3)");
}

#[test]
fn unknown_scale() {
    let err = custom_with(|d| d["items"][1]["scale"] = "five".into()).unwrap_err();
    assert_eq!(err, InstrumentError::UnknownScale { item: "trust.guarded".into(), scale: "five".into() });
    assert_eq!(err.to_string(), "item `trust.guarded`: unknown scale `five`");
}

#[test]
fn label_count_differs_from_points() {
    let err = custom_with(|d| d["scales"][0]["points"] = 5.into()).unwrap_err();
    assert_eq!(err, InstrumentError::LabelCount { scale: "seven".into(), points: 5, labels: 7 });
    assert_eq!(err.to_string(), "scale `seven`: 7 labels for 5 points");
}

#[test]
fn points_outside_2_to_11() {
    for points in [1u8, 12] {
        let err = custom_with(|d| {
            d["scales"][0]["points"] = points.into();
            d["scales"][0]["labels"] = serde_json::Value::Array(vec!["x".into(); points.into()]);
        })
        .unwrap_err();
        assert_eq!(err, InstrumentError::PointsOutOfRange { scale: "seven".into(), points });
        assert_eq!(err.to_string(), format!("scale `seven`: {points} points is outside 2..=11"));
    }
}

#[test]
fn declared_foundation_with_no_items() {
    let err = custom_with(|d| {
        d["foundations"] =
            serde_json::json!(["healthy-trusting-relationships", "shared-learning", "collaborative-mindset"]);
    })
    .unwrap_err();
    assert_eq!(err, InstrumentError::FoundationWithoutItems { foundation: Foundation::CollaborativeMindset });
    assert_eq!(err.to_string(), "foundation `collaborative-mindset` is declared but no item measures it");
}

#[test]
fn item_of_an_undeclared_foundation() {
    let err = custom_with(|d| d["foundations"] = serde_json::json!(["healthy-trusting-relationships"]))
        .unwrap_err();
    assert_eq!(
        err,
        InstrumentError::UndeclaredFoundation {
            item: "learning.review".into(),
            foundation: Foundation::SharedLearning
        }
    );
}

#[test]
fn malformed_ids() {
    for bad in ["Trust.Honest", "trust..honest", "trust honest", "-trust", "trust.", ""] {
        let err = custom_with(|d| d["items"][0]["id"] = bad.into()).unwrap_err();
        assert_eq!(err, InstrumentError::MalformedId { what: "item", id: bad.into() });
        assert!(err.to_string().starts_with(&format!("item id `{bad}` is not well formed")), "{err}");
    }
    let err = custom_with(|d| d["id"] = "Partnership Pulse".into()).unwrap_err();
    assert_eq!(err, InstrumentError::MalformedId { what: "instrument", id: "Partnership Pulse".into() });
    // Scale ids have no dots.
    let err = custom_with(|d| d["scales"][0]["id"] = "seven.point".into()).unwrap_err();
    assert_eq!(err, InstrumentError::MalformedId { what: "scale", id: "seven.point".into() });
}

#[test]
fn other_definition_problems() {
    let err = custom_with(|d| d["items"] = serde_json::json!([])).unwrap_err();
    assert_eq!(err, InstrumentError::NoItems);
    let err = custom_with(|d| d["scales"][0]["labels"][3] = " ".into()).unwrap_err();
    assert!(matches!(err, InstrumentError::EmptyText { what: "a label", .. }), "{err:?}");
    // The 7-point scale fits the spectrum: one spectrum item on it is fine.
    assert!(custom_with(|d| d["items"][2]["measures"] = serde_json::json!({"spectrum": "current"})).is_ok());
    let err = custom_with(|d| {
        d["items"][0]["measures"] = serde_json::json!({"misconception": "everyone-is-equal"});
        d["items"][1]["measures"] = serde_json::json!({"misconception": "everyone-is-equal"});
    })
    .unwrap_err();
    assert_eq!(
        err,
        InstrumentError::DuplicateMeasure {
            first: "trust.honest".into(),
            second: "trust.guarded".into(),
            measure: Measure::Misconception(Misconception::EveryoneIsEqual),
        }
    );
    let err = custom_with(|d| {
        d["scales"][0]["points"] = 2.into();
        d["scales"][0]["labels"] = serde_json::json!(["no", "yes"]);
        d["items"][2]["measures"] = serde_json::json!({"spectrum": "needed"});
    })
    .unwrap_err();
    assert_eq!(
        err,
        InstrumentError::SpectrumScale { item: "learning.review".into(), scale: "seven".into(), points: 2 }
    );
}

#[test]
fn json_shape_errors_give_line_and_column() {
    let err = Instrument::from_json("{\n  \"id\": \"x\",\n  \"colour\": 1\n}").unwrap_err();
    let InstrumentError::Json { line, message, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*line, 3);
    assert!(message.contains("colour"), "{message}");
    assert!(err.to_string().starts_with("instrument JSON, line 3, column"), "{err}");
}
