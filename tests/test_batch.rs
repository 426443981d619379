//! Batches from readers: every response is scored or rejected with its
//! position and reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::{
    Aggregator, BatchError, Instrument, Position, ScoringOptions, for_each_response, score_batch, score_each,
};

const SAMPLE: &str = include_str!("../examples/data/team.jsonl");

fn line(id: &str, answers: &str) -> String {
    format!(
        r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "{id}"}}, "answers": {answers}}}"#
    )
}

fn score(input: &[u8]) -> Result<collaboration::GroupReport, BatchError> {
    score_batch(input, Instrument::builtin(), &ScoringOptions::default())
}

#[test]
fn sample_batch_equals_adding_each_response() {
    let report = score(SAMPLE.as_bytes()).unwrap();
    assert_eq!(report.respondents, 15);
    assert!(report.rejected.is_empty());
    let hc = Instrument::builtin();
    let mut group = Aggregator::new(hc);
    for l in SAMPLE.lines() {
        group.add(&hc.parse_response(l).unwrap()).unwrap();
    }
    assert_eq!(group.report(), report);
}

#[test]
fn three_bad_lines_among_good_ones_are_all_reported() {
    let input = [
        line("a", r#"{"shared-learning.1": 4}"#),
        line("b", r#"{"shared-learning.1": 6}"#), // 2: out of scale
        String::new(),                            // 3: blank
        line("c", r#"{"shared-learning.9": 4}"#), // 4: unknown item
        "{not json".to_owned(),                   // 5: syntax
        line("d", r#"{"shared-learning.1": 2}"#),
    ]
    .join("\n");
    let report = score(input.as_bytes()).unwrap();
    assert_eq!(report.respondents, 2);
    let lines: Vec<_> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [Some(2), Some(4), Some(5)]);
    assert_eq!(report.rejected[0].respondent.as_deref(), Some("b"));
    assert_eq!(report.rejected[2].respondent, None);
    assert!(
        report.rejected[0].to_string().starts_with("line 2: respondent `b`, item `shared-learning.1`: 6")
    );
    assert!(report.rejected[2].to_string().starts_with("line 5: line 1, column"), "{}", report.rejected[2]);
    // Scored + rejected = non-blank lines.
    let non_blank = input.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(report.respondents + report.rejected.len() as u64, non_blank as u64);
}

#[test]
fn json_array_positions_are_items() {
    let input = format!(
        "[\n{},\n{},\n{}\n]",
        line("a", "{}"),
        line("b", r#"{"power.power-to": "n/a"}"#),
        line("a", "{}")
    );
    let report = score(input.as_bytes()).unwrap();
    assert_eq!(report.respondents, 1);
    let items: Vec<_> = report.rejected.iter().map(|r| (r.item, r.line)).collect();
    assert_eq!(items, [(Some(2), None), (Some(3), None)]);
    assert_eq!(report.rejected[1].to_string(), "item 3: respondent `a` appears more than once in the batch");
}

#[test]
fn duplicate_respondents_are_rejected() {
    let input = [line("x", "{}"), line("y", "{}"), line("x", "{}")].join("\n");
    let report = score(input.as_bytes()).unwrap();
    assert_eq!(report.respondents, 2);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, Some(3));
    assert_eq!(report.rejected[0].respondent.as_deref(), Some("x"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let input =
        format!("\u{feff}{}\r\n\r\n{}\r\n", line("a", r#"{"shared-learning.1": 4}"#), line("b", "{}"));
    let report = score(input.as_bytes()).unwrap();
    assert_eq!(report.respondents, 2);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
}

#[test]
fn invalid_utf8_is_rejected_with_its_line() {
    let mut input = line("a", "{}").into_bytes();
    input.extend_from_slice(b"\n{\"instrument\": \"\xff\"}\n");
    input.extend_from_slice(line("b", "{}").as_bytes());
    let report = score(&input).unwrap();
    assert_eq!(report.respondents, 2);
    assert_eq!(report.rejected[0].line, Some(2));
    assert!(report.rejected[0].reason.contains("UTF-8"));
}

#[test]
fn empty_and_broken_batches_are_errors() {
    for empty in ["", "\n\n  \n", "[]", " [ ] "] {
        assert!(matches!(score(empty.as_bytes()), Err(BatchError::Empty)), "{empty:?}");
    }
    let broken = format!("[{}, {{\"instrument\": ", line("a", "{}"));
    let err = score(broken.as_bytes()).unwrap_err();
    assert!(matches!(err, BatchError::Array { items: 1, .. }), "{err:?}");
}

#[test]
fn for_each_response_accounts_for_every_response() {
    let input = [line("a", "{}"), line("b", r#"{"x": 1}"#), line("c", "{}")].join("\n");
    let mut seen = Vec::new();
    let n = for_each_response(input.as_bytes(), Instrument::builtin(), |position, result| {
        seen.push((position, result.is_ok()));
    })
    .unwrap();
    assert_eq!(n, 3);
    assert_eq!(seen, [(Position::Line(1), true), (Position::Line(2), false), (Position::Line(3), true)]);
}

#[test]
fn score_each_gives_one_scorecard_per_response() {
    let mut cards = Vec::new();
    score_each(SAMPLE.as_bytes(), Instrument::builtin(), &ScoringOptions::default(), |_, result| {
        cards.push(result.unwrap());
    })
    .unwrap();
    assert_eq!(cards.len(), 15);
    let hc = Instrument::builtin();
    let first = hc.score(&hc.parse_response(SAMPLE.lines().next().unwrap()).unwrap()).unwrap();
    assert_eq!(cards[0], first);
}
