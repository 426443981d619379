//! Saved results read back: a group report, a comparison and a scorecard
//! written as JSON deserialise to what was written, and a document with a
//! field the crate does not write, or a struct given as a list, is refused
//! in words, at every level (flattened statistics included).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::{BatchOptions, Catalogue, Comparison, GroupReport, Instrument, Scorecard, score_batch};
use serde_json::Value;

fn team() -> GroupReport {
    let team = include_str!("../examples/data/team.jsonl");
    score_batch(team.as_bytes(), Instrument::builtin(), &BatchOptions::default()).unwrap().report
}

fn card() -> Scorecard {
    let team = include_str!("../examples/data/team.jsonl");
    let first = team.lines().next().unwrap();
    let hc = Instrument::builtin();
    hc.score(&hc.parse_response(first).unwrap()).unwrap()
}

/// The message of reading `value` as a `T`, which must fail.
fn refusal<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: &Value) -> String {
    serde_json::from_str::<T>(&value.to_string()).unwrap_err().to_string()
}

#[test]
fn reports_comparisons_and_scorecards_round_trip() {
    let report = team();
    // The sample team of the README: 15 respondents, every section present.
    assert_eq!(report.respondents, 15);
    assert!(report.power.is_some() && report.spectrum.is_some());
    let back: GroupReport = serde_json::from_str(&serde_json::to_string_pretty(&report).unwrap()).unwrap();
    assert_eq!(back, report);
    let comparison = Comparison::of_reports(&report, &report).unwrap();
    let back: Comparison = serde_json::from_str(&serde_json::to_string(&comparison).unwrap()).unwrap();
    assert_eq!(back, comparison);
    let card = card();
    let back: Scorecard = serde_json::from_str(&serde_json::to_string(&card).unwrap()).unwrap();
    assert_eq!(back, card);
}

#[test]
fn an_unknown_field_is_refused_at_every_level() {
    let report = serde_json::to_value(team()).unwrap();
    // Top level, a flattened foundation, the flattened overall, the
    // flattened power figure, a power side, a segment and its cell.
    for path in [
        "",
        "/foundations/0",
        "/overall",
        "/power",
        "/power/holders",
        "/segments/by_role/segments/0",
        "/segments/by_role/segments/0/foundations/0",
        "/spectrum",
        "/options",
    ] {
        let mut edited = report.clone();
        edited.pointer_mut(path).unwrap().as_object_mut().unwrap().insert("extra".into(), Value::from(1));
        let message = refusal::<GroupReport>(&edited);
        assert!(message.starts_with("unknown field `extra`"), "{path}: {message}");
    }
    let comparison = serde_json::to_value(Comparison::of_reports(&team(), &team()).unwrap()).unwrap();
    for path in ["", "/foundations/0", "/overall"] {
        let mut edited = comparison.clone();
        edited.pointer_mut(path).unwrap().as_object_mut().unwrap().insert("extra".into(), Value::from(1));
        assert!(refusal::<Comparison>(&edited).starts_with("unknown field `extra`"), "{path}");
    }
    let card = serde_json::to_value(card()).unwrap();
    for path in ["", "/items/0", "/foundations/0", "/overall", "/power", "/spectrum"] {
        let mut edited = card.clone();
        edited.pointer_mut(path).unwrap().as_object_mut().unwrap().insert("extra".into(), Value::from(1));
        assert!(refusal::<Scorecard>(&edited).starts_with("unknown field `extra`"), "{path}");
    }
}

#[test]
fn a_struct_as_a_list_is_refused_in_words() {
    let report = serde_json::to_value(team()).unwrap();
    // The overall figure as the list of its fields' values.
    let mut edited = report.clone();
    let overall: Vec<Value> = report["overall"].as_object().unwrap().values().cloned().collect();
    edited["overall"] = Value::Array(overall);
    let message = refusal::<GroupReport>(&edited);
    assert!(message.starts_with("expected a JSON object, found a list"), "{message}");
    let message = refusal::<GroupReport>(&Value::from(1));
    assert!(message.starts_with("expected a JSON object, found the number 1"), "{message}");
    assert!(!message.contains("struct"), "{message}");
}

#[test]
fn the_catalogue_in_markdown_is_the_tour() {
    let text = Catalogue::new().to_string();
    // The Guide's six foundations and eighteen questions, the Article's
    // seven misconceptions, and the seven levels of the spectrum, compete
    // (1) to integrate (7).
    assert_eq!(text.matches("\n### ").count(), 6);
    assert!(text.contains("### 5. Shared learning (shared-learning)"), "{text}");
    assert_eq!(text.matches("  [").count(), 18);
    assert_eq!(text.matches("   Reality: ").count(), 7);
    assert!(text.contains("1. Compete (compete)") && text.contains("7. Integrate (integrate)"), "{text}");
}
