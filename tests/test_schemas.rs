//! The JSON Schemas: fresh, valid against the 2020-12 meta-schema, accepting
//! every real value, and agreeing with serde (and with the crate's own
//! validation) on wrong documents.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use collaboration::batch::scorecards;
use collaboration::{
    BatchOptions, Catalogue, Comparison, GroupReport, Instrument, Response, ScoringOptions, WireType,
    score_batch,
};
use serde_json::{Value, json};

const SAMPLE: &str = include_str!("../examples/data/team.jsonl");

fn schema_of(wire: WireType) -> Value {
    serde_json::to_value(wire.schema()).unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).unwrap()
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let v = validator(schema);
    let errors: Vec<String> =
        v.iter_errors(instance).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} fails its schema: {errors:#?}");
}

fn sample_report() -> GroupReport {
    score_batch(SAMPLE.as_bytes(), Instrument::builtin(), &BatchOptions::default()).unwrap().report
}

#[test]
fn committed_schemas_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let hc = Instrument::builtin();
    let mut expected: Vec<(String, Value)> =
        WireType::iter().map(|w| (w.file_name(), serde_json::to_value(w.schema()).unwrap())).collect();
    expected.push((
        format!("{}.response.schema.json", hc.id()),
        serde_json::to_value(hc.response_schema()).unwrap(),
    ));
    expected.push((format!("{}.instrument.json", hc.id()), serde_json::to_value(hc).unwrap()));
    expected.push(("catalogue.json".to_owned(), serde_json::to_value(Catalogue::new()).unwrap()));
    for (file, value) in expected {
        let path = dir.join(&file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let mut fresh = serde_json::to_string_pretty(&value).unwrap();
        fresh.push('\n');
        assert!(
            committed == fresh,
            "schemas/{file} is out of date with the code; refresh it with `cargo run -p collaboration-tools --bin export-schemas` and commit the result"
        );
    }
}

#[test]
fn every_schema_passes_the_2020_12_meta_schema() {
    let mut schemas: Vec<Value> = WireType::iter().map(schema_of).collect();
    schemas.push(serde_json::to_value(Instrument::builtin().response_schema()).unwrap());
    for schema in &schemas {
        if let Err(e) = jsonschema::draft202012::meta::validate(schema) {
            panic!("{} is not a valid 2020-12 schema: {e}", schema["$id"]);
        }
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        for key in ["$id", "title", "description"] {
            assert!(
                schema[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} missing in {}",
                schema["$id"]
            );
        }
    }
}

/// Every schema, with its name.
fn every_schema() -> Vec<(String, Value)> {
    let mut schemas: Vec<(String, Value)> = WireType::iter().map(|w| (w.file_name(), schema_of(w))).collect();
    schemas.push((
        "collaboration-health-check.response.schema.json".to_owned(),
        serde_json::to_value(Instrument::builtin().response_schema()).unwrap(),
    ));
    schemas
}

/// Every object in `value`, itself included.
fn objects<'a>(value: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
    match value {
        Value::Object(map) => {
            out.push(map);
            map.values().for_each(|v| objects(v, out));
        }
        Value::Array(values) => values.iter().for_each(|v| objects(v, out)),
        _ => {}
    }
}

#[test]
fn generated_names_are_stable_and_meaningful() {
    for (file, schema) in every_schema() {
        for name in schema["$defs"].as_object().into_iter().flat_map(|defs| defs.keys()) {
            assert!(
                name.chars().all(|c| c.is_ascii_alphabetic()),
                "{file}: `$defs/{name}` has a number or a sign in its name; give the Rust type a \
                 `#[schemars(rename = \"...\")]`"
            );
        }
        // A `$ref` beside other keywords makes code generators copy the
        // referenced type under a numbered name (`PowerSide1`).
        let mut all = Vec::new();
        objects(&schema, &mut all);
        for object in all {
            assert!(
                !object.contains_key("$ref") || object.len() == 1,
                "{file}: a `$ref` beside other keywords: {object:?}"
            );
        }
    }
    let names = |wire: WireType| -> Vec<String> {
        schema_of(wire)["$defs"].as_object().unwrap().keys().cloned().collect()
    };
    let instrument = names(WireType::Instrument);
    for name in ["FoundationMeasure", "PowerMeasure", "MisconceptionMeasure", "SpectrumMeasure"] {
        assert!(instrument.iter().any(|n| n == name), "no {name} in {instrument:?}");
    }
    let catalogue = names(WireType::Catalogue);
    for name in ["CollaborativeBehaviourEntry", "InfrastructureElementEntry", "RoleEntry"] {
        assert!(catalogue.iter().any(|n| n == name), "no {name} in {catalogue:?}");
    }
}

/// Outputs are closed like inputs: a field the schema does not list is an
/// error, so generated types have no `[k: string]: unknown`.
#[test]
fn every_object_schema_is_closed() {
    for (file, schema) in every_schema() {
        let mut all = Vec::new();
        objects(&schema, &mut all);
        for object in all {
            let is_object = match object.get("type") {
                Some(Value::String(t)) => t == "object",
                Some(Value::Array(types)) => types.iter().any(|t| t == "object"),
                _ => object.contains_key("properties"),
            };
            if is_object {
                assert!(
                    object.contains_key("additionalProperties"),
                    "{file}: an object schema without `additionalProperties`: {object:?}"
                );
            }
        }
    }
}

/// Descriptions are prose for readers in any language: no rustdoc links,
/// Rust paths or code blocks.
#[test]
fn descriptions_are_plain_prose() {
    for (file, schema) in every_schema() {
        let mut all = Vec::new();
        objects(&schema, &mut all);
        for description in all.iter().filter_map(|o| o.get("description").and_then(Value::as_str)) {
            for rust in ["[`", "`]", "](", "::", "```"] {
                assert!(!description.contains(rust), "{file}: `{rust}` in the description {description:?}");
            }
        }
    }
}

#[test]
fn enums_are_documented_string_constants() {
    let schema = schema_of(WireType::GroupReport);
    let band = &schema["$defs"]["Band"]["oneOf"];
    let consts: Vec<&str> = band.as_array().unwrap().iter().map(|b| b["const"].as_str().unwrap()).collect();
    assert_eq!(consts, ["strength", "developing", "priority"]);
    assert!(band.as_array().unwrap().iter().all(|b| b["description"].is_string() && b["type"] == "string"));
    // No rustdoc code examples leak into descriptions.
    assert!(!schema.to_string().contains("```"));
}

#[test]
fn every_real_value_validates() {
    let hc = Instrument::builtin();
    assert_valid(
        &schema_of(WireType::Instrument),
        &serde_json::to_value(hc).unwrap(),
        "the built-in instrument",
    );
    let response = schema_of(WireType::Response);
    let specific = serde_json::to_value(hc.response_schema()).unwrap();
    let mut all = Vec::new();
    for line in SAMPLE.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        assert_valid(&response, &value, line);
        assert_valid(&specific, &value, line);
        all.push(value);
    }
    assert_valid(&schema_of(WireType::Batch), &Value::Array(all), "the sample as an array");

    let report = sample_report();
    assert_valid(
        &schema_of(WireType::GroupReport),
        &serde_json::to_value(&report).unwrap(),
        "the sample report",
    );
    // A report of a batch with a rejection, and suppressed segments.
    let with_rejects = format!("{SAMPLE}{{\"bad\": 1}}\n");
    let scoring = ScoringOptions { min_segment: 5, ..ScoringOptions::default() };
    let options = BatchOptions { scoring, skip_invalid: true, ..BatchOptions::default() };
    let scored = score_batch(with_rejects.as_bytes(), hc, &options).unwrap();
    assert_eq!(scored.rejections.len(), 1);
    let rejected = scored.report;
    assert_valid(
        &schema_of(WireType::GroupReport),
        &serde_json::to_value(&rejected).unwrap(),
        "a report with suppressed segments",
    );

    let scorecard = schema_of(WireType::Scorecard);
    for entry in scorecards(SAMPLE.as_bytes(), hc, &ScoringOptions::default()) {
        let card = entry.unwrap().1.unwrap();
        assert_valid(&scorecard, &serde_json::to_value(card).unwrap(), "a sample scorecard");
    }

    let comparison = Comparison::of_reports(&report, &rejected).unwrap();
    assert_valid(
        &schema_of(WireType::Comparison),
        &serde_json::to_value(&comparison).unwrap(),
        "a comparison",
    );
    assert_valid(
        &schema_of(WireType::Catalogue),
        &serde_json::to_value(Catalogue::new()).unwrap(),
        "the catalogue",
    );

    // The sample's aggregate state, in its JSON form; and one whose
    // fingerprint is not 32 hexadecimal digits, which the schema refuses
    // as the reader does.
    let state = collaboration::batch::aggregate_batch(SAMPLE.as_bytes(), hc, &BatchOptions::default())
        .unwrap()
        .aggregator
        .state();
    let mut value: Value = serde_json::from_str(&state.to_json()).unwrap();
    let schema = schema_of(WireType::AggregateState);
    assert_valid(&schema, &value, "the sample's state");
    value["fingerprints"][0] = json!("not-hex");
    assert!(!validator(&schema).is_valid(&value), "a bad fingerprint passed the schema");
    assert!(collaboration::report::AggregateState::from_json(&value.to_string()).is_err());
}

fn base() -> Value {
    json!({
        "instrument": "collaboration-health-check",
        "respondent": {"id": "r-07", "roles": ["system-steward"], "organisation": "City Council",
                       "power_sources": ["positional"]},
        "answers": {"shared-learning.1": 4, "collaborative-mindset.2": "n/a", "spectrum.current": 7}
    })
}

/// Documents each changed from `base()` in one way, with what a reader may
/// make of them.
fn documents() -> Vec<(&'static str, Value)> {
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = base();
        f(&mut v);
        v
    };
    vec![
        ("valid", base()),
        ("no answers", edit(&|v| v["answers"] = json!({}))),
        ("answer 0", edit(&|v| v["answers"]["shared-learning.1"] = json!(0))),
        ("answer 6", edit(&|v| v["answers"]["shared-learning.1"] = json!(6))),
        ("answer 12", edit(&|v| v["answers"]["shared-learning.1"] = json!(12))),
        ("answer -1", edit(&|v| v["answers"]["shared-learning.1"] = json!(-1))),
        ("answer 3.5", edit(&|v| v["answers"]["shared-learning.1"] = json!(3.5))),
        ("answer 4.0", edit(&|v| v["answers"]["shared-learning.1"] = json!(4.0))),
        ("string answer", edit(&|v| v["answers"]["shared-learning.1"] = json!("3"))),
        ("null answer", edit(&|v| v["answers"]["shared-learning.1"] = Value::Null)),
        ("bool answer", edit(&|v| v["answers"]["shared-learning.1"] = json!(true))),
        ("N/A capitalised", edit(&|v| v["answers"]["shared-learning.1"] = json!("N/A"))),
        ("n/a on agreement", edit(&|v| v["answers"]["power.power-to"] = json!("n/a"))),
        ("unknown item", edit(&|v| v["answers"]["shared-learning.4"] = json!(3))),
        ("unknown field", edit(&|v| v["comment"] = json!("hi"))),
        ("unknown respondent field", edit(&|v| v["respondent"]["role"] = json!("x"))),
        ("missing respondent", edit(&|v| drop(v.as_object_mut().unwrap().remove("respondent")))),
        ("missing answers", edit(&|v| drop(v.as_object_mut().unwrap().remove("answers")))),
        ("missing instrument", edit(&|v| drop(v.as_object_mut().unwrap().remove("instrument")))),
        ("empty respondent id", edit(&|v| v["respondent"]["id"] = json!(""))),
        ("blank respondent id", edit(&|v| v["respondent"]["id"] = json!("  "))),
        ("numeric respondent id", edit(&|v| v["respondent"]["id"] = json!(7))),
        ("bad role id", edit(&|v| v["respondent"]["roles"] = json!(["system-boss"]))),
        ("bad power source", edit(&|v| v["respondent"]["power_sources"] = json!(["charm"]))),
        ("roles not a list", edit(&|v| v["respondent"]["roles"] = json!("system-leader"))),
        ("answers a list", edit(&|v| v["answers"] = json!([4, 5]))),
        ("wrong instrument", edit(&|v| v["instrument"] = json!("other-check"))),
        ("wrong version", edit(&|v| v["instrument_version"] = json!("0.1"))),
        ("right version", edit(&|v| v["instrument_version"] = json!("1.0.0"))),
        ("null version", edit(&|v| v["instrument_version"] = Value::Null)),
        ("spectrum 8", edit(&|v| v["answers"]["spectrum.current"] = json!(8))),
        ("a number", json!(42)),
    ]
}

#[test]
fn response_schema_agrees_with_serde() {
    let schema = validator(&schema_of(WireType::Response));
    for (what, doc) in documents() {
        let by_schema = schema.is_valid(&doc);
        let by_serde = serde_json::from_value::<Response>(doc.clone()).is_ok();
        assert_eq!(by_schema, by_serde, "{what}: schema says {by_schema}, serde says {by_serde} for {doc}");
    }
}

#[test]
fn instrument_response_schema_agrees_with_full_validation() {
    let hc = Instrument::builtin();
    let schema = validator(&serde_json::to_value(hc.response_schema()).unwrap());
    let mut rejected = 0;
    for (what, doc) in documents() {
        let by_schema = schema.is_valid(&doc);
        let by_crate = hc.parse_response(&doc.to_string()).is_ok();
        assert_eq!(by_schema, by_crate, "{what}: schema says {by_schema}, the crate says {by_crate}");
        rejected += usize::from(!by_crate);
    }
    assert!(rejected >= 12, "only {rejected} wrong documents");
}

#[test]
fn instrument_schema_agrees_with_serde() {
    let schema = validator(&schema_of(WireType::Instrument));
    let good: Value = serde_json::to_value(Instrument::builtin()).unwrap();
    let mut docs = vec![good.clone()];
    for (path, value) in [
        ("/scales/0/points", json!(-1)),
        ("/scales/0/points", json!(300)),
        ("/items/28/keying", json!("backwards")),
        ("/items/0/measures", json!({"foundation": "team-spirit"})),
        ("/items/0/measures", json!({"foundation": "shared-learning", "power": "power-to"})),
        ("/title", json!(5)),
    ] {
        let mut doc = good.clone();
        *doc.pointer_mut(path).unwrap() = value;
        docs.push(doc);
    }
    let mut extra = good.clone();
    extra.as_object_mut().unwrap().insert("colour".into(), json!("blue"));
    docs.push(extra);
    for doc in docs {
        let by_schema = schema.is_valid(&doc);
        let by_serde =
            serde_json::from_value::<collaboration::instrument::InstrumentDef>(doc.clone()).is_ok();
        assert_eq!(by_schema, by_serde, "schema {by_schema}, serde {by_serde}: {doc}");
    }
}

#[test]
fn the_import_mapping_schema_and_the_library_agree() {
    // Each case: (the mapping file, whether it is one). The expectations are
    // the schema's rules as docs/import.md states them.
    let cases = [
        (json!({}), true),
        (json!({"header_rows": 3, "sheet": "Form1", "respondent": {"id": "Participant"}}), true),
        (json!({"columns": {"Q1": "shared-learning.1", "Timestamp": null}}), true),
        (json!({"labels": {"Sometimes": 3, "Don't know": "n/a", "-99": null}}), true),
        (json!({"scales": {"extent": {"Unsure": "n/a"}}}), true),
        (json!({"colums": {}}), false),
        (json!({"header_rows": 0}), false),
        (json!({"header_rows": 11}), false),
        (json!({"labels": {"Agree": 4.5}}), false),
        (json!({"labels": {"Agree": "4"}}), false),
        (json!({"respondent": {"email": "Email"}}), false),
        (json!([]), false),
    ];
    let schema = schema_of(WireType::ImportMapping);
    let validator = validator(&schema);
    for (mapping, valid) in cases {
        assert_eq!(validator.is_valid(&mapping), valid, "schema on {mapping}");
        // header_rows out of range is read, and refused when the table is
        // opened (MappingError::HeaderRows): the library's check is there.
        let read = collaboration::import::Mapping::from_json(&mapping.to_string()).is_ok();
        let range =
            mapping.get("header_rows").and_then(Value::as_u64).is_some_and(|n| !(1..=10).contains(&n));
        assert_eq!(read && !range, valid, "library on {mapping}");
    }
}
