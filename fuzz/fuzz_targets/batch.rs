//! A JSON Lines (or array) batch → group report. No panic, and the fast
//! path on one thread and on two gives exactly the simple path's report.
#![no_main]

use collaboration::{Instrument, ScoringOptions};

#[path = "../../tests/util/mod.rs"]
mod util;
use util::{score_on, score_simple};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let hc = Instrument::builtin();
    let options = ScoringOptions::default();
    let simple = score_simple(data, hc, &options);
    let one = score_on(data, hc, &options, 1);
    let two = score_on(data, hc, &options, 2);
    match (&simple, &one, &two) {
        (Ok(a), Ok(b), Ok(c)) => {
            assert_eq!(a, b);
            assert_eq!(a, c);
            assert!(!serde_json::to_string(&a.report).unwrap().contains("NaN"));
            let _ = a.report.to_string();
        }
        (Err(a), Err(b), Err(c)) => {
            assert_eq!(a.to_string(), b.to_string());
            assert_eq!(a.to_string(), c.to_string());
        }
        _ => panic!("the paths disagree: {simple:?} / {one:?} / {two:?}"),
    }
});
