//! Helpers the integration tests share (`mod util;` at the top of a test).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;

use collaboration::batch::{BatchError, Scored, responses};
use collaboration::{Aggregator, BatchOptions, Instrument, ScoringOptions, score_batch};

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
    let options = BatchOptions { scoring: *scoring, threads, skip_invalid: true };
    score_batch(input, instrument, &options)
}

/// The reference the fast path is tested against, built from public pieces
/// only: [`responses`] reads one response at a time with the simple parser,
/// and an [`Aggregator`] counts each, on the calling thread.
pub fn score_simple(
    input: impl Read,
    instrument: &Instrument,
    scoring: &ScoringOptions,
) -> Result<Scored, BatchError> {
    let mut aggregator = Aggregator::with_options(instrument, *scoring);
    let (mut count, mut rejections) = (0, Vec::new());
    for entry in responses(input, instrument) {
        let (_, result) = entry?;
        count += 1;
        match result {
            Ok(response) => aggregator.add(&response).expect("a response the reader passed is countable"),
            Err(rejection) => rejections.push(rejection),
        }
    }
    Ok(Scored { report: aggregator.report(), responses: count, rejections })
}
