//! A catalogue of bad input. Each case checks the precise error and that its
//! message names the place: the line, the respondent, the item.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use collaboration::batch::{BatchError, Position, Rejection, RejectionReason};
use collaboration::instrument::{InstrumentDef, InstrumentError, Item, Measure, Scale};
use collaboration::limits::{MAX_ANSWERS, MAX_ID_CHARS, MAX_INSTRUMENT_BYTES, MAX_ITEMS, MAX_RESPONSE_BYTES};
use collaboration::response::ResponseError;
use collaboration::{BatchOptions, Instrument, ScoringOptions, score_batch};
use serde::Deserialize;

const HC: &str = "collaboration-health-check";

fn hc() -> &'static Instrument {
    Instrument::builtin()
}

/// A response with the given answers object.
fn with_answers(answers: &str) -> String {
    format!(r#"{{"instrument": "{HC}", "respondent": {{"id": "r-07"}}, "answers": {answers}}}"#)
}

fn parse(json: &str) -> ResponseError {
    hc().parse_response(json).unwrap_err()
}

/// An answer to `shared-learning.1` that must be rejected with a message
/// naming respondent, item and value.
fn bad_answer(value: &str) -> ResponseError {
    let err = parse(&with_answers(&format!(r#"{{"shared-learning.1": {value}}}"#)));
    let message = err.to_string();
    assert!(message.contains("respondent `r-07`"), "{message}");
    assert!(message.contains("item `shared-learning.1`"), "{message}");
    err
}

/// The one rejection of a batch whose line 2 is `line` (lines 1 and 3 are
/// good), the same from the fast and the simple path.
fn rejected_on_line_2(line: &str) -> Rejection {
    let input = format!(
        "{}\n{line}\n{}\n",
        with_answers("{}").replace("r-07", "a"),
        with_answers("{}").replace("r-07", "b")
    );
    let scored = util::score(input.as_bytes(), hc(), &ScoringOptions::default());
    let simple = util::score_simple(input.as_bytes(), hc(), &ScoringOptions::default()).unwrap();
    assert_eq!(scored, simple);
    assert_eq!(scored.rejections.len(), 1, "{:?}", scored.rejections);
    let rejection = scored.rejections[0].clone();
    assert_eq!(rejection.position, Position::Line(2));
    // One position only: "line 2, column 3: …" or "line 2: …".
    let text = rejection.to_string();
    assert!(text.starts_with("line 2, column ") || text.starts_with("line 2: "), "{rejection}");
    assert!(!text.contains("line 1"), "{rejection}");
    rejection
}

fn json_error(err: &ResponseError) -> (usize, usize, String) {
    match err {
        ResponseError::Json { line, column, message } => (*line, *column, message.clone()),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn c01_truncated_json() {
    let text = with_answers(r#"{"shared-learning.1": 4}"#);
    let err = parse(&text[..text.len() - 10]);
    let (line, column, message) = json_error(&err);
    assert_eq!(line, 1);
    assert!(column > 0);
    // Cut 10 bytes from the end, inside `"shared-learning.1"`: serde_json
    // says "EOF while parsing a string"; the crate, in words.
    assert_eq!(message, "the text ends inside a string, before its closing quote");
    assert!(err.to_string().starts_with("line 1, column "));
}

#[test]
fn c02_answer_zero() {
    let err = bad_answer("0");
    assert!(matches!(err, ResponseError::OutOfScale { ref value, points: 5, .. } if value == "0"), "{err:?}");
}

#[test]
fn c03_answer_six() {
    let err = bad_answer("6");
    assert!(matches!(err, ResponseError::OutOfScale { ref value, points: 5, .. } if value == "6"), "{err:?}");
    assert!(err.to_string().ends_with("6 is outside the scale 1..=5"));
}

#[test]
fn c04_answer_three_and_a_half() {
    let err = bad_answer("3.5");
    assert!(matches!(err, ResponseError::NotAnInteger { ref value, .. } if value == "3.5"), "{err:?}");
}

#[test]
fn c05_answer_minus_one() {
    let err = bad_answer("-1");
    assert!(matches!(err, ResponseError::OutOfScale { ref value, .. } if value == "-1"), "{err:?}");
}

#[test]
fn c06_answer_string_three() {
    let err = bad_answer(r#""3""#);
    assert!(matches!(err, ResponseError::NotAnInteger { ref value, .. } if value == "\"3\""), "{err:?}");
}

#[test]
fn c07_answer_null() {
    let err = bad_answer("null");
    assert!(matches!(err, ResponseError::NotAnInteger { ref value, .. } if value == "null"), "{err:?}");
}

#[test]
fn c08_answer_true() {
    let err = bad_answer("true");
    assert!(matches!(err, ResponseError::NotAnInteger { ref value, .. } if value == "true"), "{err:?}");
}

#[test]
fn c09_answer_1e400() {
    // Out of the range of a double: no longer a broken document, but an
    // answer that names its respondent and item, as written.
    let err = bad_answer("1e400");
    assert!(matches!(err, ResponseError::NotAnInteger { ref value, .. } if value == "1e400"), "{err:?}");
    assert_eq!(
        err.to_string(),
        "respondent `r-07`, item `shared-learning.1`: 1e400 is not an answer; expected an integer 1..=5 or \"n/a\""
    );
}

#[test]
fn c10_answer_two_to_the_64() {
    let err = bad_answer("18446744073709551616");
    assert!(matches!(err, ResponseError::OutOfScale { points: 5, .. }), "{err:?}");
}

#[test]
fn c11_duplicate_key_in_answers() {
    let err = parse(&with_answers(r#"{"shared-learning.1": 2, "shared-learning.1": 5}"#));
    assert_eq!(
        err,
        ResponseError::DuplicateAnswer {
            respondent: "r-07".into(),
            item: "shared-learning.1".into(),
            first: "2".into(),
            second: "5".into()
        }
    );
    let rejection = rejected_on_line_2(&with_answers(r#"{"shared-learning.1": 2, "shared-learning.1": 5}"#));
    assert!(rejection.reason.to_string().contains("answered twice (2, then 5)"), "{rejection}");
}

#[test]
fn c12_unknown_top_level_field() {
    let text = with_answers("{}").replace(r#""answers""#, r#""comment": "hi", "answers""#);
    let err = parse(&text);
    let (_, column, message) = json_error(&err);
    assert!(message.starts_with("unknown field `comment`"), "{message}");
    assert!(column > 0);
}

#[test]
fn c13_unknown_respondent_field() {
    let text = with_answers("{}").replace(r#""id": "r-07""#, r#""id": "r-07", "team": "x""#);
    let (_, _, message) = json_error(&parse(&text));
    assert!(message.starts_with("unknown field `team`"), "{message}");
}

#[test]
fn c14_empty_respondent_id() {
    let text = with_answers("{}").replace("r-07", "");
    assert_eq!(parse(&text), ResponseError::EmptyRespondentId);
    let rejection = rejected_on_line_2(&text);
    assert_eq!(rejection.to_string(), "line 2: respondent id is empty or has no visible character");
}

#[test]
fn c15_whitespace_respondent_id() {
    let text = with_answers("{}").replace("r-07", " \\t ");
    assert_eq!(parse(&text), ResponseError::EmptyRespondentId);
}

#[test]
fn c16_unknown_instrument() {
    let text = with_answers("{}").replace(HC, "wilder-inventory");
    let err = parse(&text);
    assert!(matches!(err, ResponseError::WrongInstrument { ref found, .. } if found == "wilder-inventory"));
    assert!(err.to_string().starts_with("respondent `r-07`: "), "{err}");
}

#[test]
fn c17_na_where_the_scale_forbids_it() {
    let err = parse(&with_answers(r#"{"power.power-over": "n/a"}"#));
    assert!(matches!(err, ResponseError::NotApplicableForbidden { ref scale, .. } if scale == "agreement"));
    assert!(err.to_string().contains("respondent `r-07`, item `power.power-over`"), "{err}");
}

#[test]
fn c18_duplicate_respondents() {
    let rejection = rejected_on_line_2(&with_answers("{}").replace("r-07", "a"));
    assert_eq!(rejection.respondent.as_deref(), Some("a"));
    assert_eq!(rejection.to_string(), "line 2: respondent `a` appears more than once in the batch");
}

#[test]
fn c19_empty_batch() {
    for empty in ["", "\n", " \r\n\t\n", "[]", "\u{feff}"] {
        let err = score_batch(empty.as_bytes(), hc(), &BatchOptions::default()).unwrap_err();
        assert!(matches!(err, BatchError::Empty), "{empty:?}: {err:?}");
        assert_eq!(err.to_string(), "the batch has no responses");
    }
}

#[test]
fn c20_bom_and_crlf_are_accepted() {
    let input =
        format!("\u{feff}{}\r\n{}\r\n", with_answers("{}"), with_answers("{}").replace("r-07", "r-08"));
    let scored = score_batch(input.as_bytes(), hc(), &BatchOptions::default()).unwrap();
    assert_eq!(scored.report.respondents, 2);
    assert!(scored.rejections.is_empty());
    // A byte order mark is accepted at the start of any input: a single
    // response, an instrument, and a line in the middle of JSON Lines (as
    // `cat a.jsonl b.jsonl` makes).
    assert!(hc().parse_response(&format!("\u{feff}{}", with_answers("{}"))).is_ok());
    let definition = serde_json::to_string(Instrument::builtin()).unwrap();
    assert!(Instrument::from_json(&format!("\u{feff}{definition}")).is_ok());
    let catted = format!("{}\n\u{feff}{}\n", with_answers("{}"), with_answers("{}").replace("r-07", "r-08"));
    let scored = util::score(catted.as_bytes(), hc(), &ScoringOptions::default());
    assert_eq!((scored.report.respondents, scored.rejections.len()), (2, 0));
}

#[test]
fn c21_invalid_utf8() {
    let mut input = with_answers("{}").replace("r-07", "a").into_bytes();
    input.extend_from_slice(b"\n{\"instrument\": \"\xc3\x28\"}\n");
    let scored = util::score(&input[..], hc(), &ScoringOptions::default());
    assert_eq!(scored.rejections.len(), 1);
    assert_eq!(scored.rejections[0].to_string(), "line 2: not valid UTF-8 (at byte 16)");
    // "\xc3\x28" breaks at byte 16, after `{"instrument": "`.
    assert_eq!(scored.rejections[0].reason, RejectionReason::InvalidUtf8 { valid_up_to: 16 });
}

#[test]
fn c22_ten_thousand_deep_nesting() {
    // As an answer, the nested lists are skipped without recursion and the
    // answer is named for what it is.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let err = bad_answer(&deep);
    assert!(matches!(err, ResponseError::NotAnInteger { ref value, .. } if value == "[…]"), "{err:?}");
    // Where a response or respondent is expected, the first unexpected
    // level is the error: nothing recurses, so nothing overflows.
    let rejection = rejected_on_line_2(&deep);
    assert!(
        rejection.reason.to_string().starts_with("line 1, column 1: expected a JSON object, found a list"),
        "{rejection}"
    );
    let rejection = rejected_on_line_2(&"{\"a\":".repeat(10_000));
    assert!(rejection.reason.to_string().starts_with("line 1, column 4: unknown field `a`"), "{rejection}");
    let err = parse(&with_answers("{}").replace(r#"{"id": "r-07"}"#, &deep));
    assert!(json_error(&err).2.contains("expected a JSON object, found a list"), "{err}");
}

#[test]
fn c23_ten_megabyte_string() {
    let huge = "x".repeat(10 << 20);
    let text = with_answers("{}").replace("r-07", &huge);
    let err = parse(&text);
    assert_eq!(err, ResponseError::TooLarge { bytes: text.len(), limit: MAX_RESPONSE_BYTES });
    let rejection = rejected_on_line_2(&text);
    assert_eq!(rejection.to_string(), format!("line 2: longer than {MAX_RESPONSE_BYTES} bytes"));
    assert_eq!(rejection.reason, RejectionReason::TooLong { limit: MAX_RESPONSE_BYTES });
    assert_eq!(rejection.respondent, None);
}

#[test]
fn c24_instrument_with_100_000_items() {
    let mut def = Instrument::builtin().definition().clone();
    def.items = (0..100_000)
        .map(|n| {
            Item::new(
                format!("q.{n}"),
                "A question?",
                "extent",
                Measure::Foundation(collaboration::Foundation::SharedLearning),
            )
        })
        .collect();
    let err = Instrument::new(def.clone()).unwrap_err();
    assert_eq!(err, InstrumentError::TooMany { what: "items", count: 100_000, limit: MAX_ITEMS });
    assert_eq!(err.to_string(), format!("the instrument has 100000 items; the limit is {MAX_ITEMS}"));
    // As JSON it is refused on its size, before it is parsed.
    let json = serde_json::to_string(&def).unwrap();
    let err = Instrument::from_json(&json).unwrap_err();
    assert_eq!(err, InstrumentError::TooLarge { bytes: json.len(), limit: MAX_INSTRUMENT_BYTES });
}

#[test]
fn c25_unknown_item() {
    let err = parse(&with_answers(r#"{"shared-learning.4": 3}"#));
    assert!(matches!(err, ResponseError::UnknownItem { ref item, .. } if item == "shared-learning.4"));
    assert!(err.to_string().starts_with("respondent `r-07`, item `shared-learning.4`"), "{err}");
}

#[test]
fn c26_wrong_instrument_version() {
    let text = with_answers("{}").replace(r#""respondent""#, r#""instrument_version": "0.9", "respondent""#);
    let err = parse(&text);
    assert!(matches!(err, ResponseError::WrongInstrumentVersion { ref found, .. } if found == "0.9"));
    assert!(err.to_string().starts_with("respondent `r-07`: "), "{err}");
}

#[test]
fn c27_respondent_id_too_long() {
    let long = "r".repeat(MAX_ID_CHARS + 1);
    let err = parse(&with_answers("{}").replace("r-07", &long));
    assert_eq!(
        err,
        ResponseError::TooLong {
            respondent: None,
            what: "respondent id",
            length: MAX_ID_CHARS + 1,
            limit: MAX_ID_CHARS
        }
    );
    // Characters, not bytes: 256 two-byte characters are within the limit.
    assert!(hc().parse_response(&with_answers("{}").replace("r-07", &"é".repeat(MAX_ID_CHARS))).is_ok());
}

#[test]
fn c28_organisation_too_long() {
    let text = with_answers("{}")
        .replace(r#""id": "r-07""#, &format!(r#""id": "r-07", "organisation": "{}""#, "o".repeat(300)));
    let err = parse(&text);
    assert_eq!(
        err,
        ResponseError::TooLong {
            respondent: Some("r-07".into()),
            what: "organisation",
            length: 300,
            limit: MAX_ID_CHARS
        }
    );
    assert!(err.to_string().starts_with("respondent `r-07`: organisation is 300 characters"), "{err}");
}

#[test]
fn c29_too_many_answers() {
    let answers: Vec<String> = (0..=MAX_ANSWERS).map(|n| format!(r#""x.{n}": 1"#)).collect();
    let err = parse(&with_answers(&format!("{{{}}}", answers.join(", "))));
    assert_eq!(err, ResponseError::TooManyAnswers { respondent: "r-07".into(), limit: MAX_ANSWERS });
}

#[test]
fn c30_answers_not_an_object() {
    let (_, _, message) = json_error(&parse(&with_answers("[4, 5]")));
    assert_eq!(message, "expected an object of item ids to answers, found a list");
}

#[test]
fn c31_missing_respondent() {
    let (_, _, message) = json_error(&parse(&format!(r#"{{"instrument": "{HC}", "answers": {{}}}}"#)));
    assert_eq!(message, "missing field `respondent`");
}

#[test]
fn c32_unknown_role() {
    let text = with_answers("{}").replace(r#""id": "r-07""#, r#""id": "r-07", "roles": ["system-boss"]"#);
    let (_, _, message) = json_error(&parse(&text));
    assert!(message.starts_with("unknown variant `system-boss`"), "{message}");
}

#[test]
fn c33_broken_array() {
    let input = format!("[\n{},\n{{\"instrument\": ", with_answers("{}"));
    let err = score_batch(input.as_bytes(), hc(), &BatchOptions::default()).unwrap_err();
    let BatchError::Array { line, elements, .. } = err else { panic!("{err:?}") };
    assert_eq!((line, elements), (3, 1));
}

#[test]
fn c34_trailing_characters() {
    let (_, _, message) = json_error(&parse(&format!("{} x", with_answers("{}"))));
    assert_eq!(message, "more text follows the end of the JSON value");
}

#[test]
fn c35_numeric_respondent_id() {
    let (_, _, message) = json_error(&parse(&with_answers("{}").replace(r#""r-07""#, "7")));
    assert_eq!(message, "expected a string, found the number 7");
}

#[test]
fn c36_nan_and_infinity_literals() {
    for literal in ["NaN", "Infinity", "-Infinity"] {
        let (_, _, message) =
            json_error(&parse(&with_answers(&format!(r#"{{"shared-learning.1": {literal}}}"#))));
        assert!(!message.is_empty(), "{literal}");
    }
}

#[test]
fn c37_spectrum_zero_and_eight() {
    for v in ["0", "8"] {
        let err = parse(&with_answers(&format!(r#"{{"spectrum.current": {v}}}"#)));
        assert!(matches!(err, ResponseError::OutOfScale { points: 7, .. }), "{err:?}");
    }
}

#[test]
fn c38_instrument_text_too_long() {
    let mut def: InstrumentDef = Instrument::builtin().definition().clone();
    def.items[3].prompt = "?".repeat(5_000);
    let err = Instrument::new(def).unwrap_err();
    assert!(
        matches!(err, InstrumentError::TooLong { what: "prompt", ref owner, length: 5_000, .. } if owner.contains("healthy-trusting-relationships.1")),
        "{err:?}"
    );
}

#[test]
fn c39_instrument_scale_of_one_label_per_point_missing() {
    let mut def: InstrumentDef = Instrument::builtin().definition().clone();
    def.scales[1] = Scale::new("agreement", ["No", "Yes", "Maybe"]);
    def.scales[1].points = 5;
    assert_eq!(
        Instrument::new(def).unwrap_err(),
        InstrumentError::LabelCount { scale: "agreement".into(), points: 5, labels: 3 }
    );
}

#[test]
fn c40_a_line_that_is_not_an_object() {
    // In words, with serde's type names gone: what was expected and what
    // was found.
    for (line, found) in
        [("42", "the number 42"), ("\"text\"", "the string \"text\""), ("[1, 2]", "a list"), ("null", "null")]
    {
        let rejection = rejected_on_line_2(line);
        let text = rejection.to_string();
        assert!(text.ends_with(&format!("expected a JSON object, found {found}")), "{text}");
        assert!(!text.contains("Given") && !text.contains("struct"), "{text}");
    }
}

// ------------------------------------------------- one contract at every door

#[test]
fn c41_positional_json_is_refused_everywhere() {
    // serde would read a struct from an array of its fields; every schema
    // refuses that, and so does the crate.
    let positional = r#"["collaboration-health-check", null, {"id": "s1"}, {"shared-learning.1": 4}]"#;
    let (_, _, message) = json_error(&parse(positional));
    assert_eq!(message, "expected a JSON object, found a list");
    let err = serde_json::from_str::<collaboration::Response>(positional).unwrap_err();
    assert!(err.to_string().starts_with("expected a JSON object, found a list"), "{err}");
    let respondent = with_answers("{}")
        .replace(r#"{"id": "r-07"}"#, r#"["s2", ["system-leader"], "City Council", ["financial"]]"#);
    assert_eq!(json_error(&parse(&respondent)).2, "expected a JSON object, found a list");
    let err = serde_json::from_str::<collaboration::Respondent>(r#"["s2", [], null, []]"#).unwrap_err();
    assert!(err.to_string().starts_with("expected a JSON object, found a list"), "{err}");
    // A positional instrument definition, and a positional scale inside one.
    let err = Instrument::from_json(r#"["pulse", "1", "Pulse", "ours", null, [], []]"#).unwrap_err();
    assert!(err.to_string().contains("expected a JSON object, found a list"), "{err}");
    let mut def = serde_json::to_value(Instrument::builtin()).unwrap();
    def["scales"][0] = serde_json::json!(["extent", 5, ["a", "b", "c", "d", "e"], true]);
    let err = Instrument::from_json(&def.to_string()).unwrap_err();
    assert!(err.to_string().contains("expected a JSON object, found a list"), "{err}");
    assert!(serde_json::from_value::<InstrumentDef>(def).is_err());
    // Every public way in, the trait called by name included.
    let mut de = serde_json::Deserializer::from_str(r#"["pulse", "1", "Pulse", "ours", null, [], []]"#);
    assert!(InstrumentDef::deserialize(&mut de).is_err());
    let mut de = serde_json::Deserializer::from_str(r#"["extent", 5, ["a", "b"], false]"#);
    assert!(Scale::deserialize(&mut de).is_err());
}

#[test]
fn c42_serde_refuses_an_item_answered_twice_as_parse_response_does() {
    // `axum::Json<Response>` reads with serde: it used to keep the last of
    // two answers; now both paths give the same error.
    let text = with_answers(r#"{"shared-learning.1": 1, "shared-learning.1": 5}"#);
    let documented = parse(&text);
    let serde = serde_json::from_str::<collaboration::Response>(&text).unwrap_err();
    assert!(serde.to_string().starts_with(&documented.to_string()), "{serde} / {documented}");
    assert!(documented.to_string().contains("answered twice (1, then 5)"), "{documented}");
}

#[test]
fn c43_ids_are_compared_in_nfc_and_trimmed() {
    // "José" with a precomposed é (NFC) and with e + U+0301 (NFD); `a` and
    // `a `: each pair is one respondent, so the second is a duplicate.
    for (first, second) in [("Jos\u{e9}", "Jose\u{301}"), ("a", "a "), (" b", "b")] {
        let input = format!(
            "{}\n{}\n",
            with_answers("{}").replace("r-07", first),
            with_answers("{}").replace("r-07", second)
        );
        let scored = util::score(input.as_bytes(), hc(), &ScoringOptions::default());
        assert_eq!(scored.report.respondents, 1, "{first:?} / {second:?}");
        assert!(matches!(scored.rejections[0].reason, RejectionReason::DuplicateRespondent { .. }));
    }
    // Case folding is an option: `Ann` and `ann` are two respondents by
    // default and one with `fold_case`.
    let input = format!(
        "{}\n{}\n",
        with_answers("{}").replace("r-07", "Ann"),
        with_answers("{}").replace("r-07", "ann")
    );
    assert_eq!(util::score(input.as_bytes(), hc(), &ScoringOptions::default()).report.respondents, 2);
    let folding = ScoringOptions { fold_case: true, ..ScoringOptions::default() };
    let scored = util::score(input.as_bytes(), hc(), &folding);
    assert_eq!((scored.report.respondents, scored.rejected.duplicate_respondent), (1, 1));
    // An organisation with a hidden left-to-right mark, a zero-width space
    // or a right-to-left override is the same segment as the plain name,
    // not a look-alike beside it.
    let orgs = ["City Council", "\u{200e}City Council", "City\u{200b} Council", "City Council\u{202e}"];
    let input: Vec<String> = orgs
        .iter()
        .enumerate()
        .map(|(n, org)| {
            with_answers(r#"{"shared-learning.1": 4}"#).replace(
                r#""id": "r-07""#,
                &format!(r#""id": "o{n}", "organisation": {}"#, serde_json::json!(org)),
            )
        })
        .collect();
    let report = util::score(
        input.join("\n").as_bytes(),
        hc(),
        &ScoringOptions { min_segment: 1, ..ScoringOptions::default() },
    )
    .report;
    let names: Vec<&str> =
        report.segments.by_organisation.segments.iter().map(|s| s.segment.as_str()).collect();
    assert_eq!(names, ["City Council"]);
    // The limit holds for the id as stored: U+0958 is two characters in
    // NFC, so 200 of them (200 as given) are 400 stored, over 256.
    let long = collaboration::Respondent::new("\u{958}".repeat(200));
    assert!(matches!(long, Err(ResponseError::TooLong { length: 400, .. })), "{long:?}");
    // Blank letters count as invisible: Hangul fillers, the blank braille
    // pattern.
    assert_eq!(
        collaboration::Respondent::new("\u{3164}\u{2800}\u{115f}").unwrap_err(),
        ResponseError::EmptyRespondentId
    );
    // Stored as compared.
    let r = collaboration::Respondent::new(" Jose\u{301} ").unwrap();
    assert_eq!(r.id.as_str(), "Jos\u{e9}");
}

#[test]
fn c44_control_and_invisible_ids_are_refused() {
    let nul = with_answers("{}").replace("r-07", "a\\u0000b");
    assert_eq!(
        parse(&nul),
        ResponseError::ControlCharacter { respondent: None, what: "respondent id", code: 0 }
    );
    assert_eq!(
        rejected_on_line_2(&nul).to_string(),
        "line 2: respondent id contains the control character U+0000"
    );
    // Zero-width space, joiner and a byte order mark: nothing visible.
    let invisible = with_answers("{}").replace("r-07", "\u{200b}\u{200d}\u{feff}");
    assert_eq!(parse(&invisible), ResponseError::EmptyRespondentId);
    // The same rules for organisations.
    let org = |name: &str| {
        with_answers("{}").replace(r#""id": "r-07""#, &format!(r#""id": "r-07", "organisation": "{name}""#))
    };
    assert_eq!(parse(&org("\u{200b}")), ResponseError::BlankOrganisation { respondent: "r-07".into() });
    assert_eq!(
        parse(&org("City\\u0007Council")),
        ResponseError::ControlCharacter { respondent: Some("r-07".into()), what: "organisation", code: 7 }
    );
}

#[test]
fn c45_custom_instruments_say_what_they_measure() {
    let pulse = |keying_over: &str, keying_spectrum: &str| {
        format!(
            r#"{{"id": "pulse", "version": "1", "title": "Pulse", "source": "ours",
                "scales": [{{"id": "agree", "points": 5, "labels": ["1", "2", "3", "4", "5"]}},
                           {{"id": "levels", "points": 7, "labels": ["1", "2", "3", "4", "5", "6", "7"]}}],
                "items": [{{"id": "over", "prompt": "Some impose decisions?", "scale": "agree",
                            "measures": {{"power": "power-over"}}, "keying": "{keying_over}"}},
                          {{"id": "now", "prompt": "Where are we?", "scale": "levels",
                            "measures": {{"spectrum": "current"}}, "keying": "{keying_spectrum}"}}]}}"#
        )
    };
    assert!(Instrument::from_json(&pulse("reverse", "positive")).is_ok());
    let err = Instrument::from_json(&pulse("positive", "positive")).unwrap_err();
    assert_eq!(err, InstrumentError::PowerOverNotReversed { item: "over".into() });
    assert!(err.to_string().contains("keyed positively"), "{err}");
    let err = Instrument::from_json(&pulse("reverse", "reverse")).unwrap_err();
    assert_eq!(err, InstrumentError::ReverseSpectrum { item: "now".into() });
}

#[test]
fn c46_points_as_integral_numbers_read_like_answers() {
    // JSON Schema counts 5.0 as an integer; so does the crate, for answers
    // and for points alike.
    let mut def = serde_json::to_value(Instrument::builtin()).unwrap();
    def["scales"][0]["points"] = serde_json::json!(5.0);
    assert!(Instrument::from_json(&def.to_string()).is_ok());
    assert!(hc().parse_response(&with_answers(r#"{"shared-learning.1": 5.0}"#)).is_ok());
    // 12 points is refused, as the schema now says too.
    def["scales"][0]["points"] = serde_json::json!(12);
    assert!(matches!(Instrument::from_json(&def.to_string()), Err(InstrumentError::PointsOutOfRange { .. })));
}

#[test]
fn c47_a_merge_of_different_versions_names_them() {
    let mut def = Instrument::builtin().definition().clone();
    def.version = "2.0.0".into();
    let v2 = Instrument::new(def).unwrap();
    let mut one = collaboration::Aggregator::new(Instrument::builtin());
    let two = collaboration::Aggregator::new(&v2);
    let err = one.merge(&two).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge aggregates of instrument `collaboration-health-check` version 2.0.0 into \
         `collaboration-health-check` version 1.0.0"
    );
}

/// Every bad response of this catalogue, through both doors: the documented
/// parser, and serde followed by `Instrument::validate`. They agree on the
/// verdict and the kind of error; where no instrument is needed to see the
/// problem, on the message too.
#[test]
fn c48_serde_and_the_documented_parser_agree_on_every_bad_response() {
    let cases: Vec<(String, bool)> = vec![
        // (document, needs the instrument to see the problem)
        (with_answers(r#"{"shared-learning.1": 1, "shared-learning.1": 5}"#), false),
        (with_answers("{}").replace("r-07", ""), false),
        (with_answers("{}").replace("r-07", " \\t "), false),
        (with_answers("{}").replace("r-07", "a\\u0000b"), false),
        (with_answers("{}").replace("r-07", &"x".repeat(MAX_ID_CHARS + 1)), false),
        (with_answers("{}").replace("\"answers\"", "\"answer\""), false),
        (with_answers("[4, 5]"), false),
        (r#"["collaboration-health-check", null, {"id": "s1"}, {}]"#.to_owned(), false),
        (with_answers(r#"{"shared-learning.1": "3"}"#), false),
        (with_answers(r#"{"shared-learning.1": 3.5}"#), false),
        (with_answers(r#"{"shared-learning.1": null}"#), false),
        (with_answers(r#"{"shared-learning.1": -1}"#), false),
        (with_answers(r#"{"shared-learning.1": 1e400}"#), false),
        (with_answers(r#"{"shared-learning.1": 6}"#), true),
        (with_answers(r#"{"shared-learning.1": 0}"#), false),
        (with_answers(r#"{"shared-learning.9": 4}"#), true),
        (with_answers(r#"{"power.power-to": "n/a"}"#), true),
        (with_answers("{}").replace(HC, "pulse"), true),
        (with_answers("{}").replace(r#""respondent""#, r#""instrument_version": "9", "respondent""#), true),
    ];
    for (text, needs_instrument) in cases {
        let documented = hc().parse_response(&text);
        let serde = serde_json::from_str::<collaboration::Response>(&text);
        let through_serde = match &serde {
            Ok(response) => hc().validate(response).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        let documented_err = documented.as_ref().map(drop).map_err(ToString::to_string);
        assert!(documented.is_err(), "{text}: the documented parser accepts it");
        assert_eq!(
            documented_err.is_err(),
            through_serde.is_err(),
            "{text}: {documented_err:?} / {through_serde:?}"
        );
        if needs_instrument {
            // serde reads it; validate finds what parse_response found.
            assert!(serde.is_ok(), "{text}");
            assert_eq!(through_serde, documented_err, "{text}");
        } else {
            // Both see it, with the same words (serde adds its position).
            let (a, b) = (documented_err.unwrap_err(), through_serde.unwrap_err());
            // Without an instrument serde checks answers against the widest
            // scale, 1..=11: the range it names is the one part that differs.
            let scale = |m: &str| {
                m.split("; expected")
                    .next()
                    .unwrap_or(m)
                    .split(" is outside the scale")
                    .next()
                    .unwrap_or(m)
                    .to_owned()
            };
            let core = |m: &str| {
                scale(
                    &m.split_once(": ")
                        .filter(|(p, _)| p.starts_with("line "))
                        .map_or(m.to_owned(), |(_, m)| m.to_owned()),
                )
            };
            let core_b = scale(&b.rsplit_once(" at line ").map_or(b.clone(), |(m, _)| m.to_owned()));
            assert!(
                core_b.starts_with(&core(&a)) || core(&a).starts_with(&core_b),
                "{text}:\n  documented: {a}\n  serde:      {b}"
            );
        }
    }
}

#[test]
fn c49_reports_leave_out_what_the_instrument_does_not_measure() {
    // A trust-only instrument: no power, no misconception, no spectrum.
    let pulse = Instrument::from_json(
        r#"{"id": "pulse", "version": "1", "title": "Pulse", "source": "ours",
            "scales": [{"id": "yn", "points": 2, "labels": ["No", "Yes"]}],
            "items": [{"id": "trust", "prompt": "Trust?", "scale": "yn",
                       "measures": {"foundation": "healthy-trusting-relationships"}}]}"#,
    )
    .unwrap();
    let batch = ["a", "b", "c"]
        .map(|id| format!("{{\"instrument\": \"pulse\", \"respondent\": {{\"id\": \"{id}\"}}, \"answers\": {{\"trust\": 2}}}}"))
        .join("\n");
    let report = util::score(batch.as_bytes(), &pulse, &ScoringOptions::default()).report;
    assert!(report.power.is_none() && report.spectrum.is_none() && report.misconceptions.is_empty());
    let markdown = report.to_string();
    for heading in ["## Power", "## Misconceptions", "## Collaboration spectrum", "over 0 respondents"] {
        assert!(!markdown.contains(heading), "{heading} in\n{markdown}");
    }
    #[cfg(feature = "html")]
    {
        let html = collaboration::HtmlReport::new(&report).to_html();
        for id in ["id=\"power\"", "id=\"misconceptions\"", "id=\"spectrum\"", "Mean power score"] {
            assert!(!html.contains(id), "{id} in the HTML");
        }
    }
}

#[test]
fn c50_the_wording_of_reversal_comes_from_the_instrument() {
    // The built-in instrument reverses power over only; a custom one that
    // also reverses power to says so, and never claims what it does not do.
    let mut def = Instrument::builtin().definition().clone();
    let to = def.items.iter_mut().find(|i| i.id == "power.power-to").unwrap();
    to.keying = collaboration::instrument::Keying::Reverse;
    let custom = Instrument::new(def).unwrap();
    assert_eq!(
        custom.reversed_power_forms(),
        [collaboration::PowerForm::PowerOver, collaboration::PowerForm::PowerTo]
    );
    let team = include_str!("../examples/data/team.jsonl");
    let report = util::score(team.as_bytes(), &custom, &ScoringOptions::default()).report;
    assert!(report.to_string().contains("The power over, power to items count reversed"), "{report}");
    let builtin = util::score(team.as_bytes(), hc(), &ScoringOptions::default()).report;
    assert!(builtin.to_string().contains("The power over item counts reversed"));
}

#[test]
fn c51_skipping_keeps_no_list_of_every_rejection_and_nothing_scored_is_an_error() {
    // 5 000 junk lines with invalid responses skipped: the result counts
    // them all and lists the first 1 000; the report itself, meant for the
    // wall, holds no rejection and no rejected respondent's id.
    let mut input = String::new();
    for n in 0..3 {
        input.push_str(&with_answers("{}").replace("r-07", &format!("ok-{n}")));
        input.push('\n');
    }
    for n in 0..5_000 {
        input.push_str(&with_answers(r#"{"shared-learning.1": 9}"#).replace("r-07", &format!("secret-{n}")));
        input.push('\n');
    }
    let scored = util::score(input.as_bytes(), hc(), &ScoringOptions::default());
    assert_eq!((scored.rejected.invalid, scored.rejections.len()), (5_000, 1_000));
    let json = serde_json::to_string(&scored.report).unwrap();
    assert!(!json.contains("secret-") && !json.contains("rejected"), "the report names rejected respondents");
    // Every line rejected: an error, even when skipping.
    let junk = "junk\n".repeat(10);
    let options = BatchOptions { skip_invalid: true, ..BatchOptions::default() };
    assert!(matches!(
        score_batch(junk.as_bytes(), hc(), &options),
        Err(BatchError::NothingScored { responses: 10, .. })
    ));
}

/// The display bullets: a right-to-left override cannot make one
/// organisation pass for another, a long unbroken name wraps, and the
/// tables scroll inside their own box on a narrow screen.
#[cfg(feature = "html")]
#[test]
fn c52_hostile_names_display_as_what_they_are() {
    let long = "RiversideHousingAndCare".repeat(7) + "Riverside"; // 170 characters, no space
    let orgs = ["\u{202e}licnuoC ytiC", "City Council", long.as_str()];
    let mut input = Vec::new();
    for (o, org) in orgs.iter().enumerate() {
        for n in 0..3 {
            let answers = r#"{"shared-learning.1": 4, "shared-learning.2": 4}"#;
            input.push(with_answers(answers).replace(
                r#""id": "r-07""#,
                &format!(r#""id": "o{o}-{n}", "organisation": {}"#, serde_json::json!(org)),
            ));
        }
    }
    let report = util::score(input.join("\n").as_bytes(), hc(), &ScoringOptions::default()).report;
    let html = collaboration::HtmlReport::new(&report).to_html();
    // The override is gone from the data and the page: the spoof reads as
    // the reversed text it is, beside the real name.
    assert!(!html.contains('\u{202e}'));
    assert!(
        html.contains("<bdi>licnuoC ytiC</bdi>") && html.contains("<bdi>City Council</bdi>"),
        "names in <bdi>"
    );
    // Long names wrap; tables scroll in their own box.
    assert!(html.contains(&format!("<bdi>{long}</bdi>")));
    assert!(html.contains("overflow-wrap: anywhere") && html.contains("overflow-x: auto"));
    assert_eq!(html.matches("<table").count(), html.matches("class=\"table-scroll\"").count());
}

/// Instruments through both doors: `Instrument::from_json` and serde give
/// the same verdict on every bad definition.
#[test]
fn c53_serde_and_from_json_agree_on_bad_instruments() {
    let builtin = serde_json::to_value(Instrument::builtin()).unwrap();
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut def = builtin.clone();
        edit(&mut def);
        def.to_string()
    };
    let cases = [
        r#"["pulse", "1", "Pulse", "ours", null, [], []]"#.to_owned(),
        with(&|d| d["scales"][0]["points"] = serde_json::json!(12)),
        with(&|d| d["scales"][0] = serde_json::json!(["extent", 5, ["a", "b", "c", "d", "e"], true])),
        with(&|d| d["items"][0]["scale"] = serde_json::json!("nope")),
        with(&|d| d["items"][0]["id"] = serde_json::json!("Shared Learning 1")),
        with(&|d| d["items"][28]["keying"] = serde_json::json!("positive")), // power.power-over
        with(&|d| d["items"][29]["keying"] = serde_json::json!("reverse")),  // spectrum.current
        with(&|d| d["surprise"] = serde_json::json!(1)),
    ];
    assert_eq!(builtin["items"][28]["id"], "power.power-over");
    assert_eq!(builtin["items"][29]["id"], "spectrum.current");
    for text in cases {
        let documented = Instrument::from_json(&text).map(drop).map_err(|e| e.to_string());
        let serde = serde_json::from_str::<Instrument>(&text).map(drop).map_err(|e| e.to_string());
        assert!(documented.is_err() && serde.is_err(), "{text}: {documented:?} / {serde:?}");
        let (a, b) = (documented.unwrap_err(), serde.unwrap_err());
        // The same words; serde adds its own position.
        let core = |m: &str| {
            m.split_once(": ")
                .filter(|(p, _)| p.starts_with("instrument JSON"))
                .map_or(m.to_owned(), |(_, rest)| {
                    rest.split_once(": ").map_or(rest.to_owned(), |(_, r)| r.to_owned())
                })
        };
        let b_core = b.rsplit_once(" at line ").map_or(b.clone(), |(m, _)| m.to_owned());
        assert!(
            core(&a).starts_with(&b_core) || b_core.starts_with(&core(&a)),
            "{text}:\n  from_json: {a}\n  serde:     {b}"
        );
    }
}
