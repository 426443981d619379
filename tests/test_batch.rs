//! Batches from readers: every response is scored or rejected with its
//! position and a reason a caller can match.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use collaboration::batch::{BatchError, Position, RejectionReason, Scored, responses, scorecards};
use collaboration::response::ResponseError;
use collaboration::{Aggregator, BatchOptions, Instrument, ScoringOptions, score_batch};

const SAMPLE: &str = include_str!("../examples/data/team.jsonl");

fn line(id: &str, answers: &str) -> String {
    format!(
        r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "{id}"}}, "answers": {answers}}}"#
    )
}

/// Scored with invalid responses skipped.
fn score(input: &[u8]) -> Result<Scored, BatchError> {
    util::score_on(input, Instrument::builtin(), &ScoringOptions::default(), 0)
}

#[test]
fn sample_batch_equals_adding_each_response() {
    let scored = score(SAMPLE.as_bytes()).unwrap();
    assert_eq!((scored.report.respondents, scored.responses), (15, 15));
    assert!(scored.rejections.is_empty());
    let hc = Instrument::builtin();
    let mut group = Aggregator::new(hc);
    for l in SAMPLE.lines() {
        group.add(&hc.parse_response(l).unwrap()).unwrap();
    }
    assert_eq!(group.report(), scored.report);
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
    let scored = score(input.as_bytes()).unwrap();
    assert_eq!(scored.report.respondents, 2);
    let r = &scored.rejections;
    let lines: Vec<_> = r.iter().map(|r| r.position).collect();
    assert_eq!(lines, [Position::Line(2), Position::Line(4), Position::Line(5)]);
    assert_eq!(r[0].respondent.as_deref(), Some("b"));
    assert_eq!(r[2].respondent, None);
    // The reasons can be matched.
    assert!(matches!(r[0].reason, RejectionReason::Invalid(ResponseError::OutOfScale { .. })));
    assert!(matches!(r[1].reason, RejectionReason::Invalid(ResponseError::UnknownItem { .. })));
    assert!(matches!(r[2].reason, RejectionReason::Invalid(ResponseError::Json { .. })));
    assert!(r[0].to_string().starts_with("line 2: respondent `b`, item `shared-learning.1`: 6"));
    // Scored + rejected = non-blank lines.
    let non_blank = input.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(scored.responses, non_blank);
    assert_eq!(scored.report.respondents + r.len() as u64, non_blank as u64);
    // Without skip_invalid the batch fails, listing every rejection.
    let err = score_batch(input.as_bytes(), Instrument::builtin(), &BatchOptions::default()).unwrap_err();
    assert!(
        matches!(&err, BatchError::Invalid { rejections, rejected: 3, responses: 5 } if rejections.len() == 3),
        "{err:?}"
    );
}

#[test]
fn json_array_positions_are_elements() {
    let input = format!(
        "[\n{},\n{},\n{}\n]",
        line("a", "{}"),
        line("b", r#"{"power.power-to": "n/a"}"#),
        line("a", "{}")
    );
    let scored = score(input.as_bytes()).unwrap();
    assert_eq!(scored.report.respondents, 1);
    let positions: Vec<_> = scored.rejections.iter().map(|r| r.position).collect();
    assert_eq!(positions, [Position::Element(2), Position::Element(3)]);
    assert_eq!(
        scored.rejections[1].to_string(),
        "element 3: respondent `a` appears more than once in the batch"
    );
    assert!(matches!(scored.rejections[1].reason, RejectionReason::DuplicateRespondent { .. }));
}

#[test]
fn duplicate_respondents_are_rejected() {
    let input = [line("x", "{}"), line("y", "{}"), line("x", "{}")].join("\n");
    let scored = score(input.as_bytes()).unwrap();
    assert_eq!(scored.report.respondents, 2);
    assert_eq!(scored.rejections.len(), 1);
    assert_eq!(scored.rejections[0].position, Position::Line(3));
    assert_eq!(scored.rejections[0].respondent.as_deref(), Some("x"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let input =
        format!("\u{feff}{}\r\n\r\n{}\r\n", line("a", r#"{"shared-learning.1": 4}"#), line("b", "{}"));
    let scored = score(input.as_bytes()).unwrap();
    assert_eq!(scored.report.respondents, 2);
    assert!(scored.rejections.is_empty(), "{:?}", scored.rejections);
}

#[test]
fn invalid_utf8_is_rejected_with_its_line() {
    let mut input = line("a", "{}").into_bytes();
    input.extend_from_slice(b"\n{\"instrument\": \"\xff\"}\n");
    input.extend_from_slice(line("b", "{}").as_bytes());
    let scored = score(&input).unwrap();
    assert_eq!(scored.report.respondents, 2);
    assert_eq!(scored.rejections[0].position, Position::Line(2));
    // `{"instrument": "` is 16 bytes.
    assert_eq!(scored.rejections[0].reason, RejectionReason::InvalidUtf8 { valid_up_to: 16 });
}

#[test]
fn empty_and_broken_batches_are_errors() {
    for empty in ["", "\n\n  \n", "[]", " [ ] "] {
        assert!(matches!(score(empty.as_bytes()), Err(BatchError::Empty)), "{empty:?}");
    }
    let broken = format!("[{}, {{\"instrument\": ", line("a", "{}"));
    let err = score(broken.as_bytes()).unwrap_err();
    assert!(matches!(err, BatchError::Array { elements: 1, .. }), "{err:?}");
    // Two elements without a comma between them.
    let err = score(format!("[{} {}]", line("a", "{}"), line("b", "{}")).as_bytes()).unwrap_err();
    assert!(
        matches!(&err, BatchError::Array { elements: 1, message, .. } if message.contains("`,`")),
        "{err:?}"
    );
}

#[test]
fn the_iterator_accounts_for_every_response() {
    let input = [line("a", "{}"), line("b", r#"{"x": 1}"#), line("c", "{}")].join("\n");
    let seen: Vec<_> = responses(input.as_bytes(), Instrument::builtin())
        .map(|entry| entry.map(|(position, result)| (position, result.is_ok())))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(seen, [(Position::Line(1), true), (Position::Line(2), false), (Position::Line(3), true)]);
    // An empty batch: one error, then the end.
    let mut empty = responses(&b""[..], Instrument::builtin());
    assert!(matches!(empty.next(), Some(Err(BatchError::Empty))));
    assert!(empty.next().is_none());
}

#[test]
fn scorecards_stream_one_per_response() {
    let cards: Vec<_> = scorecards(SAMPLE.as_bytes(), Instrument::builtin(), &ScoringOptions::default())
        .map(|entry| entry.unwrap().1.unwrap())
        .collect();
    assert_eq!(cards.len(), 15);
    let hc = Instrument::builtin();
    let first = hc.score(&hc.parse_response(SAMPLE.lines().next().unwrap()).unwrap()).unwrap();
    assert_eq!(cards[0], first);
}

#[test]
fn the_simple_oracle_agrees_on_the_sample() {
    let fast = score(SAMPLE.as_bytes()).unwrap();
    let simple =
        util::score_simple(SAMPLE.as_bytes(), Instrument::builtin(), &ScoringOptions::default()).unwrap();
    assert_eq!(fast, simple);
}

#[test]
fn rejections_are_counted_by_reason_and_the_first_thousand_listed() {
    // 2 500 junk lines, one duplicate and one good response: every
    // rejection reaches the callback in order, the result lists the first
    // 1 000 (MAX_LISTED_REJECTIONS) and counts them all.
    let mut input = line("a", "{}");
    input.push('\n');
    for _ in 0..2_500 {
        input.push_str("junk\n");
    }
    input.push_str(&line("a", "{}"));
    let options = BatchOptions { skip_invalid: true, ..BatchOptions::default() };
    let mut seen = Vec::new();
    let scored =
        collaboration::batch::score_batch_with(input.as_bytes(), Instrument::builtin(), &options, |r| {
            seen.push(r.position);
        })
        .unwrap();
    assert_eq!(seen.len(), 2_501);
    assert_eq!(seen.first(), Some(&Position::Line(2)));
    assert_eq!(seen.last(), Some(&Position::Line(2_502)));
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "in the batch's order");
    assert_eq!(scored.rejections.len(), collaboration::batch::MAX_LISTED_REJECTIONS);
    assert_eq!(
        (scored.rejected.invalid, scored.rejected.duplicate_respondent, scored.rejected.total()),
        (2_500, 1, 2_501)
    );
    assert_eq!(scored.responses, 2_502);
    assert_eq!(scored.report.respondents + scored.rejected.total() as u64, scored.responses as u64);
}

#[test]
fn a_batch_with_nothing_scored_is_an_error_even_when_skipping() {
    let options = BatchOptions { skip_invalid: true, ..BatchOptions::default() };
    let err = score_batch("junk\nmore junk\n".as_bytes(), Instrument::builtin(), &options).unwrap_err();
    assert!(
        matches!(&err, BatchError::NothingScored { rejections, responses: 2 } if rejections.len() == 2),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("none of the 2 response(s) could be scored; the first problem: line 1, column 1: "),
        "{err}"
    );
}

/// A batch counted into an aggregator that already holds respondents keeps
/// both sets of respondents, whichever set is the larger: a respondent of
/// either is refused afterwards. Expected by the rule that every respondent
/// is counted once, by its fingerprint (docs/scoring.md, "Streaming and
/// merging").
#[test]
fn a_batch_counted_into_an_aggregator_keeps_every_earlier_respondent() {
    use collaboration::batch::Counter;
    use collaboration::report::AggregateError;
    let hc = Instrument::builtin();
    let answers = r#"{"shared-learning.1": 4}"#;
    // Fewer respondents before than in the batch, and more.
    for (before, batch) in [(2, 9), (9, 2)] {
        let mut group = Aggregator::new(hc);
        for i in 0..before {
            group.add(&hc.parse_response(&line(&format!("before-{i}"), answers)).unwrap()).unwrap();
        }
        let lines: Vec<String> = (0..batch).map(|i| line(&format!("batch-{i}"), answers)).collect();
        let options = BatchOptions { threads: 2, ..BatchOptions::default() };
        let mut counter = Counter::resume(group, &options, |_| {});
        assert_eq!(counter.json(lines.join("\n").as_bytes()).unwrap(), batch);
        let mut group = counter.finish().unwrap().aggregator;
        assert_eq!(group.respondents(), (before + batch) as u64);
        for id in [format!("before-{}", before - 1), format!("batch-{}", batch - 1)] {
            let again = hc.parse_response(&line(&id, answers)).unwrap();
            assert!(
                matches!(group.add(&again), Err(AggregateError::DuplicateRespondent { .. })),
                "{id} was counted again ({before} before, {batch} in the batch)"
            );
        }
    }
}
