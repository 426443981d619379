//! Saved aggregate states: the round trip through JSON and the binary
//! form, merging across "machines", keyed duplicate detection, and every
//! kind of bad state (`docs/wire.md#aggregate-state`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::batch::aggregate_batch;
use collaboration::instrument::{InstrumentDef, Item};
use collaboration::limits::MAX_STATE_BYTES;
use collaboration::report::{AggregateError, AggregateState, FingerprintKey, STATE_FORMAT, StateError};
use collaboration::{Aggregator, BatchOptions, Instrument, Respondent, Response, Role, ScoringOptions};
use proptest::prelude::*;

#[path = "util/groups.rs"]
mod groups;

const KEY: &str = "5f1c3a9e0b7d42c6a8e1f30d9b6c5a4e7d2f1b0c9a8e7d6c5b4a39281706f5e4";

fn key() -> FingerprintKey {
    KEY.parse().unwrap()
}

fn respond(id: &str, answers: &[(&str, u8)]) -> Response {
    answers
        .iter()
        .fold(Response::new(Instrument::builtin().id(), Respondent::new(id).unwrap()), |r, (item, v)| {
            r.with_answer(*item, *v)
        })
}

/// A small group with every kind of count: roles, organisations, power, the
/// spectrum and the misconceptions, from the sample team of the README.
fn team() -> Aggregator<'static> {
    let hc = Instrument::builtin();
    let mut group = Aggregator::with_key(hc, ScoringOptions::default(), key());
    for line in include_str!("../examples/data/team.jsonl").lines().filter(|l| !l.trim().is_empty()) {
        group.add(&hc.parse_response(line).unwrap()).unwrap();
    }
    group
}

fn restore(bytes: &[u8]) -> Aggregator<'static> {
    Aggregator::restore(Instrument::builtin(), &AggregateState::from_slice(bytes).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Split at random into 1–8 parts, each aggregated, written as JSON or
    /// binary, read back and merged in a random order: the report, and the
    /// state itself, are those of one pass, bit for bit.
    #[test]
    fn restored_parts_merge_to_one_pass(
        responses in groups::group(40),
        parts in 1..=8usize,
        assignment in proptest::collection::vec(0..8usize, 40),
        binary in proptest::collection::vec(any::<bool>(), 8),
        order in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let hc = Instrument::builtin();
        let options = ScoringOptions::default();
        let mut whole = Aggregator::with_key(hc, options, key());
        for r in &responses {
            whole.add(r).unwrap();
        }
        let mut split: Vec<Aggregator<'_>> = (0..parts).map(|_| Aggregator::with_key(hc, options, key())).collect();
        for (r, &part) in responses.iter().zip(&assignment) {
            split[part % parts].add(r).unwrap();
        }
        let saved: Vec<Vec<u8>> = split
            .iter()
            .zip(&binary)
            .map(|(a, &binary)| if binary { a.state().to_bytes() } else { a.state().to_json().into_bytes() })
            .collect();
        let order: Vec<usize> = order.into_iter().filter(|&i| i < parts).collect();
        let mut merged = restore(&saved[order[0]]);
        for &i in &order[1..] {
            merged.merge(&restore(&saved[i])).unwrap();
        }
        let (expected, found) = (whole.report(), merged.report());
        prop_assert_eq!(serde_json::to_string(&found).unwrap(), serde_json::to_string(&expected).unwrap());
        prop_assert_eq!(found, expected);
        prop_assert_eq!(merged.state().to_bytes(), whole.state().to_bytes());
    }
}

#[test]
fn both_forms_round_trip_the_sample_team() {
    let team = team();
    let state = team.state();
    // The README's sample team has 15 respondents.
    assert_eq!(state.respondents(), 15);
    assert_eq!(state.format(), STATE_FORMAT);
    assert_eq!(state.instrument_id(), "collaboration-health-check");
    assert_eq!(AggregateState::from_json(&state.to_json()).unwrap(), state);
    assert_eq!(AggregateState::from_bytes(&state.to_bytes()).unwrap(), state);
    // Pretty JSON reads too (any layout of the same JSON).
    assert_eq!(AggregateState::from_json(&serde_json::to_string_pretty(&state).unwrap()).unwrap(), state);
    assert_eq!(restore(&state.to_bytes()).report(), team.report());
    // read_from takes either form from a reader.
    assert_eq!(AggregateState::read_from(state.to_json().as_bytes()).unwrap(), state);
    assert_eq!(AggregateState::read_from(&state.to_bytes()[..]).unwrap(), state);
}

#[test]
fn no_respondent_id_is_in_a_state() {
    let hc = Instrument::builtin();
    // Long, distinctive ids, so that no chance run of fingerprint bytes can
    // match one; in two cases, so that case folding is covered too.
    let ids: Vec<String> = (0..50).map(|i| format!("Respondent-{i:04}-Kestrel")).collect();
    for fold_case in [false, true] {
        let options = ScoringOptions { fold_case, ..ScoringOptions::default() };
        let mut group = Aggregator::with_key(hc, options, key());
        for id in &ids {
            group.add(&respond(id, &[("shared-learning.1", 4)])).unwrap();
        }
        let state = group.state();
        let forms = [state.to_json().into_bytes(), state.to_bytes()];
        for bytes in &forms {
            for id in &ids {
                for form in [id.clone(), id.to_lowercase()] {
                    assert!(
                        !bytes.windows(form.len()).any(|w| w == form.as_bytes()),
                        "{form} is in the state"
                    );
                }
            }
        }
    }
}

#[test]
fn one_key_catches_a_shared_respondent_and_different_keys_cannot() {
    let hc = Instrument::builtin();
    let options = ScoringOptions::default();
    let part = |key: FingerprintKey, ids: &[&str]| {
        let mut a = Aggregator::with_key(hc, options, key);
        for id in ids {
            a.add(&respond(id, &[("shared-learning.1", 3)])).unwrap();
        }
        a.state().to_bytes()
    };
    // Same key: "ann" at both sites is caught when the restored states merge.
    let mut north = restore(&part(key(), &["ann", "bo"]));
    let err = north.merge(&restore(&part(key(), &["ann", "cy"]))).unwrap_err();
    assert_eq!(err, AggregateError::SharedRespondents { count: 1 });
    assert_eq!(north.respondents(), 2, "nothing merged");
    // Different keys: the fingerprints differ, so the merge goes through and
    // "ann" is counted twice. Nothing can tell (the docs say so).
    let mut north = restore(&part(key(), &["ann", "bo"]));
    north.merge(&restore(&part(FingerprintKey::random(), &["ann", "cy"]))).unwrap();
    assert_eq!(north.respondents(), 4);
}

#[test]
fn a_restored_state_continues_with_its_key_only() {
    let hc = Instrument::builtin();
    let state = team().state();
    // With the key: new respondents are added, and a repeat is caught.
    let mut group = Aggregator::restore_keyed(hc, &state, &key()).unwrap();
    group.add(&respond("new-person", &[("shared-learning.1", 5)])).unwrap();
    assert_eq!(group.respondents(), 16);
    assert_eq!(group.contains("new-person"), Some(true));
    // examples/data/team.jsonl's first respondent is "cc-01".
    assert_eq!(group.contains("cc-01"), Some(true));
    let err = group.add(&respond("cc-01", &[("shared-learning.1", 5)])).unwrap_err();
    assert!(matches!(err, AggregateError::DuplicateRespondent { .. }), "{err:?}");
    // Another key is refused.
    let err = Aggregator::restore_keyed(hc, &state, &FingerprintKey::random()).unwrap_err();
    assert_eq!(err, StateError::WrongKey);
    // Without the key: report and merge, but no adding, and no membership test.
    let mut keyless = Aggregator::restore(hc, &state).unwrap();
    assert_eq!(keyless.contains("cc-01"), None);
    let err = keyless.add(&respond("other", &[("shared-learning.1", 5)])).unwrap_err();
    assert_eq!(err, AggregateError::KeyUnknown);
    assert_eq!(keyless.report(), team().report());
}

#[test]
fn merging_different_options_is_refused() {
    let hc = Instrument::builtin();
    let mut a = Aggregator::with_key(hc, ScoringOptions::default(), key());
    let b = Aggregator::with_key(hc, ScoringOptions { min_segment: 5, ..ScoringOptions::default() }, key());
    let err = a.merge(&b).unwrap_err();
    assert!(matches!(err, AggregateError::DifferentOptions { .. }), "{err:?}");
    assert!(err.to_string().contains("\"min_segment\":5"), "{err}");
}

#[test]
fn batches_aggregated_apart_merge_to_the_whole() {
    let hc = Instrument::builtin();
    let options = BatchOptions { key: Some(key()), threads: 2, ..BatchOptions::default() };
    let lines: Vec<&str> = include_str!("../examples/data/team.jsonl").lines().collect();
    let (first, second) = lines.split_at(7);
    let half = |lines: &[&str]| {
        let state = aggregate_batch(lines.join("\n").as_bytes(), hc, &options).unwrap().aggregator.state();
        state.to_bytes()
    };
    let mut merged = restore(&half(first));
    merged.merge(&restore(&half(second))).unwrap();
    let whole = aggregate_batch(lines.join("\n").as_bytes(), hc, &options).unwrap().aggregator;
    assert_eq!(merged.report(), whole.report());
    assert_eq!(merged.state(), whole.state());
    // And the batch's one-pass report is the aggregator's.
    assert_eq!(merged.report(), team().report());
}

#[test]
fn a_batch_repeating_a_respondent_of_the_state_is_caught_in_the_merge() {
    // The same respondent in two batches under one key.
    let hc = Instrument::builtin();
    let options = BatchOptions { key: Some(key()), ..BatchOptions::default() };
    let line =
        r#"{"instrument": "collaboration-health-check", "respondent": {"id": "cc-01"}, "answers": {}}"#;
    let extra = aggregate_batch(line.as_bytes(), hc, &options).unwrap().aggregator;
    let mut group = team();
    assert_eq!(group.merge(&extra).unwrap_err(), AggregateError::SharedRespondents { count: 1 });
}

// ---- bad states ----

/// The sample team's state as a JSON value, to damage.
fn team_json() -> serde_json::Value {
    serde_json::from_str(&team().state().to_json()).unwrap()
}

fn read_json(value: &serde_json::Value) -> Result<Aggregator<'static>, StateError> {
    let state = AggregateState::from_json(&value.to_string())?;
    Aggregator::restore(Instrument::builtin(), &state)
}

#[test]
fn a_damaged_binary_state_is_corrupt() {
    let mut bytes = team().state().to_bytes();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    let err = AggregateState::from_bytes(&bytes).unwrap_err();
    assert!(matches!(&err, StateError::Corrupt { reason } if reason.contains("checksum")), "{err:?}");
    // Bytes after the end.
    let mut longer = team().state().to_bytes();
    longer.push(0);
    assert!(matches!(AggregateState::from_bytes(&longer), Err(StateError::Corrupt { .. })));
}

#[test]
fn a_damaged_json_state_is_corrupt_and_says_where() {
    let json = team().state().to_json().replacen("\"respondents\":15", "\"respondents\":\"15\"", 1);
    let err = AggregateState::from_json(&json).unwrap_err();
    let StateError::Corrupt { reason } = &err else { panic!("{err:?}") };
    // Words, and a position; never serde's type names.
    assert!(reason.starts_with("line 1, column "), "{reason}");
    assert!(reason.contains("expected a whole number, found the string \"15\""), "{reason}");
    // An unknown field.
    let mut value = team_json();
    value["extra"] = serde_json::json!(1);
    assert!(matches!(read_json(&value), Err(StateError::Corrupt { .. })));
    // A list where the state's object should be.
    assert!(matches!(AggregateState::from_json("[1, 2]"), Err(StateError::Corrupt { .. })));
}

#[test]
fn a_cut_short_state_is_truncated() {
    let bytes = team().state().to_bytes();
    let err = AggregateState::from_bytes(&bytes[..bytes.len() - 10]).unwrap_err();
    assert_eq!(
        err,
        StateError::Truncated { found: bytes.len() as u64 - 10, expected: Some(bytes.len() as u64) }
    );
    assert!(matches!(
        AggregateState::from_bytes(&bytes[..5]),
        Err(StateError::Truncated { expected: None, .. })
    ));
    assert!(matches!(
        AggregateState::from_bytes(&bytes[..15]),
        Err(StateError::Truncated { expected: None, .. })
    ));
    let json = team().state().to_json();
    let err = AggregateState::from_json(&json[..json.len() / 2]).unwrap_err();
    assert!(matches!(err, StateError::Truncated { expected: None, .. }), "{err:?}");
}

#[test]
fn a_newer_format_is_refused_in_both_forms() {
    let mut bytes = team().state().to_bytes();
    bytes[8..12].copy_from_slice(&(STATE_FORMAT + 1).to_le_bytes());
    let newer = StateError::NewerFormat { found: STATE_FORMAT + 1, supported: STATE_FORMAT };
    assert_eq!(AggregateState::from_bytes(&bytes).unwrap_err(), newer);
    // A newer JSON state, even one whose other fields have changed shape.
    let mut value = team_json();
    value["format"] = serde_json::json!(STATE_FORMAT + 1);
    assert_eq!(read_json(&value).unwrap_err(), newer);
    value["answers"] = serde_json::json!({"changed": true});
    assert_eq!(read_json(&value).unwrap_err(), newer);
}

#[test]
fn a_state_of_another_instrument_is_refused() {
    let state = team().state();
    // Same id and version, one prompt changed: a different definition.
    let mut def: InstrumentDef = Instrument::builtin().definition().clone();
    let first: &mut Item = &mut def.items[0];
    first.prompt.push_str(" (revised)");
    let revised = Instrument::new(def).unwrap();
    let err = Aggregator::restore(&revised, &state).unwrap_err();
    assert!(matches!(err, StateError::DifferentInstrument { .. }), "{err:?}");
    assert!(err.to_string().ends_with("(same id and version, different definitions)"), "{err}");
    // And merging into an aggregate of it is refused too.
    let mut other = Aggregator::new(&revised);
    let restored = Aggregator::restore(Instrument::builtin(), &state).unwrap();
    assert!(matches!(other.merge(&restored), Err(AggregateError::DifferentInstrument { .. })));
}

#[test]
fn inconsistent_counts_are_refused() {
    // Each edit breaks one relation that every true state keeps.
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 15] = [
        ("more complete cases than respondents", |v| v["reliability"][0]["complete"] = serde_json::json!(99)),
        ("a segment's squares out of reach", |v| {
            v["holders"]["power"]["squares"] = serde_json::json!("340282366920938463463374607431768211455");
        }),
        ("organisations out of order", |v| v["organisations"].as_array_mut().unwrap().reverse()),
        ("combinations of roles out of order", |v| v["role_sets"].as_array_mut().unwrap().reverse()),
        ("a combination's roles out of order", |v| {
            v["role_sets"][3]["roles"] = serde_json::json!(["system-steward", "system-leader"]);
        }),
        ("one more respondent than fingerprints", |v| v["respondents"] = serde_json::json!(16)),
        ("a fingerprint repeated", |v| {
            let first = v["fingerprints"][0].clone();
            v["fingerprints"][1] = first;
        }),
        ("a holder moved out of the count", |v| v["holders"]["respondents"] = serde_json::json!(0)),
        ("an item with a count too many", |v| v["answers"][0] = serde_json::json!([0, 0, 0, 0, 0, 0, 0])),
        ("answers for one item too few", |v| {
            v["answers"].as_array_mut().unwrap().pop();
        }),
        ("scores out of order", |v| v["foundations"][0].as_array_mut().unwrap().reverse()),
        ("a score over 100", |v| v["overall"][0][0] = serde_json::json!(100.5)),
        ("a role segment with no combination", |v| {
            v["role_sets"] = serde_json::json!([]);
        }),
        ("more answers than respondents", |v| v["answers"][0][1] = serde_json::json!(99)),
        ("a spectrum gap too wide", |v| v["spectrum_gap"]["sum"] = serde_json::json!(1000)),
    ];
    for (what, edit) in edits {
        let mut value = team_json();
        edit(&mut value);
        let err = read_json(&value).unwrap_err();
        assert!(matches!(err, StateError::Inconsistent { .. }), "{what}: {err:?}");
    }
}

#[test]
fn not_a_state_and_too_large() {
    let err = AggregateState::from_slice(b"PK\x03\x04 a zip file").unwrap_err();
    assert!(matches!(err, StateError::NotAState { .. }), "{err:?}");
    assert!(matches!(AggregateState::from_slice(b""), Err(StateError::NotAState { .. })));
    // A header claiming more than the limit is refused before anything is read.
    let mut header = b"CLBSTATE".to_vec();
    header.extend_from_slice(&STATE_FORMAT.to_le_bytes());
    header.extend_from_slice(&(u64::MAX / 2).to_le_bytes());
    assert!(matches!(AggregateState::from_bytes(&header), Err(StateError::TooLarge { .. })));
    // A reader with more than the limit: reading stops at the limit.
    let endless = std::io::Read::take(std::io::repeat(b' '), MAX_STATE_BYTES as u64 + 100);
    let err = AggregateState::read_from(endless).unwrap_err();
    assert_eq!(err, StateError::TooLarge { bytes: MAX_STATE_BYTES as u64 + 1, limit: MAX_STATE_BYTES });
}

#[test]
fn a_state_grows_by_sixteen_bytes_a_respondent() {
    // The same mix of answers, roles and organisations for n and 2n
    // respondents: only the fingerprints (16 bytes each) and, rarely, the
    // width of a count (a byte when it passes a power of 128) grow.
    let hc = Instrument::builtin();
    let size = |n: usize| {
        let mut group = Aggregator::with_key(hc, ScoringOptions::default(), key());
        for i in 0..n {
            let id = format!("p{i}");
            let respondent = Respondent::new(id.as_str())
                .unwrap()
                .with_organisation(["North", "South"][i % 2])
                .with_role(Role::ALL[i % 3]);
            let response = Response::new(hc.id(), respondent)
                .with_answer("shared-learning.1", u8::try_from(1 + i % 5).unwrap())
                .with_answer("shared-learning.2", u8::try_from(1 + (i / 5) % 5).unwrap());
            group.add(&response).unwrap();
        }
        let state = group.state();
        (state.to_bytes().len(), state.to_json().len())
    };
    let (small, small_json) = size(1_000);
    let (large, large_json) = size(2_000);
    let growth = large - small;
    assert!((16_000..16_000 + 256).contains(&growth), "binary grew {growth} bytes for 1000 respondents");
    // In JSON, a fingerprint is 32 hexadecimal digits, two quotes and a comma.
    let growth = large_json - small_json;
    assert!((35_000..35_000 + 256).contains(&growth), "JSON grew {growth} bytes for 1000 respondents");
}

#[test]
fn the_digest_is_the_hash_of_the_committed_definition() {
    // docs/wire.md: the BLAKE3 hash of the definition as compact JSON. The
    // committed file is the built-in instrument's definition, pretty-printed;
    // read and written compactly, its hash is the digest.
    let committed = include_str!("../schemas/collaboration-health-check.instrument.json");
    let value: serde_json::Value = serde_json::from_str(committed).unwrap();
    let expected = blake3::hash(serde_json::to_string(&value).unwrap().as_bytes()).to_hex().to_string();
    assert_eq!(Instrument::builtin().digest(), expected);
    // And a state names it.
    let json: serde_json::Value = serde_json::from_str(&team().state().to_json()).unwrap();
    assert_eq!(json["instrument"]["digest"], serde_json::json!(expected));
}
