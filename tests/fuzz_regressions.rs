//! Inputs the fuzzers (`fuzz/`) found to break an invariant, kept as
//! regression tests. Each file under `tests/data/fuzz/` is named for the
//! target that found it and what went wrong, and is checked here the way
//! that target checks its input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use collaboration::batch::{BatchError, RejectionReason};
use collaboration::response::ResponseError;
use collaboration::{Instrument, ScoringOptions};
use util::{score_on, score_simple};

/// The `batch` target's check: the fast path on one and two threads gives
/// exactly the simple path's report, or the same error.
fn batch_paths_agree(data: &[u8]) {
    let hc = Instrument::builtin();
    let options = ScoringOptions::default();
    let simple = score_simple(data, hc, &options);
    let one = score_on(data, hc, &options, 1);
    let two = score_on(data, hc, &options, 2);
    match (simple, one, two) {
        (Ok(a), Ok(b), Ok(c)) => {
            assert_eq!(a, b);
            assert_eq!(a, c);
        }
        (Err(a), Err(b), Err(c)) => {
            assert_eq!(a.to_string(), b.to_string());
            assert_eq!(a.to_string(), c.to_string());
        }
        (a, b, c) => panic!("the paths disagree: {a:?} / {b:?} / {c:?}"),
    }
}

#[test]
fn every_batch_regression_input() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("batch-") {
            batch_paths_agree(&std::fs::read(&path).unwrap());
            checked += 1;
        }
    }
    assert!(checked >= 1);
}

/// Found by the `batch` target: a line that breaks off inside an object.
/// The simple path parsed the line with its line end, so `serde_json` placed
/// the error at "line 2, column 0"; the fast path's fallback parsed it
/// without, at "line 1, column 25". Both now parse the line's content.
#[test]
fn an_unfinished_line_reports_the_same_place_on_both_paths() {
    let input = "{\"instrument\": \"collab\n{\"instrument\": \"x\", \"respondent\": {\"id\": \"a\"}, \"answers\": {\r\n";
    batch_paths_agree(input.as_bytes());
    // Both lines are rejected, so nothing is scored: the error lists them.
    let Err(BatchError::NothingScored { rejections, .. }) =
        score_simple(input.as_bytes(), Instrument::builtin(), &ScoringOptions::default())
    else {
        panic!("both lines should be rejected")
    };
    for rejection in &rejections[..2] {
        assert!(
            matches!(rejection.reason, RejectionReason::Invalid(ResponseError::Json { line: 1, .. })),
            "{rejection}"
        );
    }
}
