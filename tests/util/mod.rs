//! Helpers the integration tests share (`mod util;` at the top of a test).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;

use collaboration::batch::{
    BatchError, MAX_LISTED_REJECTIONS, RejectionCounts, RejectionReason, Scored, responses,
};
use collaboration::{Aggregator, BatchOptions, Instrument, Response, ScoringOptions, score_batch};

/// The tolerance of every comparison with a hand-worked figure.
pub const EPS: f64 = 1e-9;

/// Whether `got` is a number within [`EPS`] of `want`.
pub fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() < EPS)
}

/// A batch scored with invalid responses skipped, on every core.
pub fn score(input: impl Read, instrument: &Instrument, scoring: &ScoringOptions) -> Scored {
    score_on(input, instrument, scoring, 0).unwrap()
}

/// A batch scored with invalid responses skipped, on `threads` threads (0:
/// every core).
pub fn score_on(
    input: impl Read,
    instrument: &Instrument,
    scoring: &ScoringOptions,
    threads: usize,
) -> Result<Scored, BatchError> {
    let options = BatchOptions { scoring: *scoring, threads, skip_invalid: true, ..BatchOptions::default() };
    score_batch(input, instrument, &options)
}

/// The reference the fast path is tested against, built from public pieces
/// only: [`responses`] reads one response at a time with the simple parser,
/// and an [`Aggregator`] counts each, on the calling thread. Rejections are
/// counted by reason and the first [`MAX_LISTED_REJECTIONS`] kept, as
/// `batch::Scored` documents; a batch with nothing scored is an error.
pub fn score_simple(
    input: impl Read,
    instrument: &Instrument,
    scoring: &ScoringOptions,
) -> Result<Scored, BatchError> {
    let mut aggregator = Aggregator::with_options(instrument, *scoring);
    let (mut count, mut rejections, mut rejected) = (0, Vec::new(), RejectionCounts::default());
    for entry in responses(input, instrument) {
        let (_, result) = entry?;
        count += 1;
        match result {
            Ok(response) => aggregator.add(&response).expect("a response the reader passed is countable"),
            Err(rejection) => {
                match rejection.reason {
                    RejectionReason::Invalid(_) => rejected.invalid += 1,
                    RejectionReason::DuplicateRespondent { .. } => rejected.duplicate_respondent += 1,
                    RejectionReason::TooLong { .. } => rejected.too_long += 1,
                    RejectionReason::InvalidUtf8 { .. } => rejected.invalid_utf8 += 1,
                    _ => unreachable!("a reason this oracle does not know"),
                }
                if rejections.len() < MAX_LISTED_REJECTIONS {
                    rejections.push(rejection);
                }
            }
        }
    }
    let report = aggregator.report();
    if report.respondents == 0 {
        return Err(BatchError::NothingScored { rejections, responses: count });
    }
    Ok(Scored { report, responses: count, rejected, rejections })
}

/// The sample team's responses (`examples/data/team.jsonl`) without their
/// partner ratings, which forms and form-tool exports do not carry: what a
/// round trip through them should give back.
pub fn team_without_partners() -> Vec<Response> {
    include_str!("../../examples/data/team.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut response = Instrument::builtin().parse_response(l).unwrap();
            response.partners.clear();
            response
        })
        .collect()
}
