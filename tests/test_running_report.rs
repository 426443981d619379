//! Drives `examples/running_report.rs`: a live report kept in SQLite, over
//! two runs, equals one pass over the same responses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../examples/running_report.rs"]
#[allow(dead_code)] // the example's `main` is not called here
mod running_report;

use collaboration::report::FingerprintKey;
use collaboration::{BatchOptions, Instrument, Response, score_batch};

const TEAM: &str = include_str!("../examples/data/team.jsonl");

fn responses() -> Vec<Response> {
    let hc = Instrument::builtin();
    TEAM.lines().filter(|l| !l.trim().is_empty()).map(|l| hc.parse_response(l).unwrap()).collect()
}

/// A fresh database path of this test's own.
fn database(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("collaboration-running-report-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("reports.sqlite");
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn two_runs_give_the_one_pass_report() {
    let hc = Instrument::builtin();
    let key = FingerprintKey::random();
    let path = database("two-runs");
    let responses = responses();
    let (first, second) = responses.split_at(6);
    // First run: six responses, then the connection closes.
    {
        let mut conn = running_report::open(&path).unwrap();
        for r in first {
            running_report::add(&mut conn, hc, &key, "north", r).unwrap();
        }
    }
    // Second run, a new connection: it continues where the first stopped.
    let mut conn = running_report::open(&path).unwrap();
    let mut live = None;
    for r in second {
        live = Some(running_report::add(&mut conn, hc, &key, "north", r).unwrap());
    }
    // The expectation is the batch path's one pass over the same file.
    let one_pass = score_batch(TEAM.as_bytes(), hc, &BatchOptions::default()).unwrap().report;
    assert_eq!(live.unwrap(), one_pass);
    assert_eq!(running_report::report(&conn, hc, "north").unwrap().unwrap(), one_pass);
    // Another partnership has its own state.
    assert_eq!(running_report::report(&conn, hc, "south").unwrap(), None);

    // A respondent of the first run, again: refused, and nothing written.
    let err = running_report::add(&mut conn, hc, &key, "north", &first[0]).unwrap_err();
    assert!(err.to_string().contains("appears more than once"), "{err}");
    assert_eq!(running_report::report(&conn, hc, "north").unwrap().unwrap(), one_pass);
    // With another key the state is not continued (its repeats could not be
    // caught).
    let err = running_report::add(&mut conn, hc, &FingerprintKey::random(), "north", &first[0]).unwrap_err();
    assert!(err.to_string().contains("not the one this state was made with"), "{err}");

    // The database holds no respondent id: the sample's ids are "cc-01"
    // and the like, and its organisation names are kept as given.
    let bytes = std::fs::read(&path).unwrap();
    for r in &responses {
        let id = r.respondent.id.as_str().as_bytes();
        assert!(!bytes.windows(id.len()).any(|w| w == id), "{} is in the database", r.respondent.id.as_str());
    }
}
