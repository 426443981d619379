//! Saved aggregate states: their size, the time to restore and merge 100 of
//! them, and the time to add one response to a restored state. Each time is
//! also given as a ratio to a baseline measured in the same run, which holds
//! from machine to machine where the absolute figures do not.
//!
//! Run with `cargo bench --bench state`. The sizes and ratios print at the
//! end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::cast_precision_loss, clippy::semicolon_if_nothing_returned)] // sizes as doubles for printing; criterion closures

use std::hint::black_box;
use std::time::Duration;

use collaboration::batch::aggregate_batch;
use collaboration::report::{AggregateState, FingerprintKey};
use collaboration::{Aggregator, BatchOptions, Instrument, Respondent, Response, ScoringOptions};
use criterion::{BatchSize, Criterion};

#[path = "support/estimates.rs"]
mod estimates;
#[path = "support/generate.rs"]
mod generate;
use estimates::mean_ns;

/// The 200 000-response benchmark batch (`gen-batch 200000`).
const BATCH: usize = 200_000;
/// How many states are restored and merged.
const PARTS: usize = 100;

fn key() -> FingerprintKey {
    FingerprintKey::from_bytes([7; 32])
}

fn main() {
    let hc = Instrument::builtin();
    let mut input = Vec::new();
    generate::write_batch(&mut input, BATCH).unwrap();
    let options = BatchOptions { key: Some(key()), ..BatchOptions::default() };
    let whole = aggregate_batch(&input[..], hc, &options).unwrap().aggregator;
    let state = whole.state();
    let (json, binary) = (state.to_json(), state.to_bytes());

    // The batch split into 100 parts of 2 000 lines, each saved in binary.
    let text = std::str::from_utf8(&input).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let parts: Vec<Vec<u8>> = lines
        .chunks(BATCH / PARTS)
        .map(|chunk| {
            let part = chunk.join("\n");
            aggregate_batch(part.as_bytes(), hc, &options).unwrap().aggregator.state().to_bytes()
        })
        .collect();
    let one_part = parts[0].clone();
    let response = Response::new(hc.id(), Respondent::new("a-new-respondent").unwrap())
        .with_answer("shared-learning.1", 4)
        .with_answer("collaborative-mindset.2", 3);
    let line = serde_json::to_string(&response).unwrap();

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("state");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    // Baseline: scoring the 200 000 raw responses on one thread, which is
    // what a roll-up without states would do.
    group.bench_function("baseline-score-200k", |b| {
        let options = BatchOptions { threads: 1, ..BatchOptions::default() };
        b.iter(|| collaboration::score_batch(black_box(&input[..]), hc, &options).unwrap())
    });
    group.bench_function("restore-merge-100", |b| {
        b.iter(|| {
            let restore =
                |bytes: &[u8]| Aggregator::restore(hc, &AggregateState::from_bytes(bytes).unwrap()).unwrap();
            let mut total = restore(&parts[0]);
            for part in &parts[1..] {
                total.merge(&restore(part)).unwrap();
            }
            total.report()
        })
    });
    group.bench_function("write-json-200k", |b| b.iter(|| black_box(&state).to_json()));
    group.bench_function("write-binary-200k", |b| b.iter(|| black_box(&state).to_bytes()));
    group.bench_function("read-json-200k", |b| {
        b.iter(|| AggregateState::from_json(black_box(&json)).unwrap())
    });
    group.bench_function("read-binary-200k", |b| {
        b.iter(|| AggregateState::from_bytes(black_box(&binary)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("add-one");
    group.sample_size(50);
    // Baseline: reading the response from JSON, which any back end does.
    group.bench_function("baseline-parse", |b| b.iter(|| hc.parse_response(black_box(&line)).unwrap()));
    group.bench_function("fresh", |b| {
        b.iter_batched_ref(
            || Aggregator::with_key(hc, ScoringOptions::default(), key()),
            |agg| agg.add(black_box(&response)).unwrap(),
            BatchSize::SmallInput,
        )
    });
    let restored =
        Aggregator::restore_keyed(hc, &AggregateState::from_bytes(&one_part).unwrap(), &key()).unwrap();
    group.bench_function("restored", |b| {
        b.iter_batched_ref(
            || restored.clone(),
            |agg| agg.add(black_box(&response)).unwrap(),
            BatchSize::SmallInput,
        )
    });
    // What a back end does per request: read the saved state, add, write it.
    group.bench_function("cycle-2k", |b| {
        b.iter(|| {
            let state = AggregateState::from_bytes(black_box(&one_part)).unwrap();
            let mut agg = Aggregator::restore_keyed(hc, &state, &key()).unwrap();
            agg.add(&hc.parse_response(&line).unwrap()).unwrap();
            agg.state().to_bytes()
        })
    });
    group.finish();
    c.final_summary();

    let per = |bytes: usize| bytes as f64 / BATCH as f64;
    println!(
        "\nThe state of the {BATCH}-response benchmark batch ({:.1} MB of JSON Lines):",
        input.len() as f64 / 1e6
    );
    println!(
        "  binary {:>10} bytes  {:>6.2} bytes a respondent  {:>6.4}x the batch",
        binary.len(),
        per(binary.len()),
        binary.len() as f64 / input.len() as f64
    );
    println!(
        "  JSON   {:>10} bytes  {:>6.2} bytes a respondent  {:>6.4}x the batch",
        json.len(),
        per(json.len()),
        json.len() as f64 / input.len() as f64
    );
    println!("  one part of {} respondents: {} bytes in binary", BATCH / PARTS, one_part.len());
    let ratio = |group: &str, name: &str, base: &str, what: &str| {
        if let (Some(ns), Some(base)) = (mean_ns(group, name), mean_ns(group, base)) {
            let time = if ns < 1e6 { format!("{:.2} µs", ns / 1e3) } else { format!("{:.2} ms", ns / 1e6) };
            println!("  {what:<56} {time:>12}  {:>8.4}x baseline", ns / base);
        }
    };
    println!("\nTimes (baseline: score_batch of the 200 000 raw responses, 1 thread):");
    ratio("state", "baseline-score-200k", "baseline-score-200k", "baseline");
    ratio(
        "state",
        "restore-merge-100",
        "baseline-score-200k",
        "restore 100 binary states of 2 000 and merge, report",
    );
    ratio("state", "write-binary-200k", "baseline-score-200k", "write the 200 000 state, binary");
    ratio("state", "read-binary-200k", "baseline-score-200k", "read the 200 000 state, binary");
    ratio("state", "write-json-200k", "baseline-score-200k", "write the 200 000 state, JSON");
    ratio("state", "read-json-200k", "baseline-score-200k", "read the 200 000 state, JSON");
    println!("\nAdding one response (baseline: parsing it from JSON):");
    ratio("add-one", "baseline-parse", "baseline-parse", "baseline");
    ratio("add-one", "fresh", "baseline-parse", "add to a new aggregator");
    ratio("add-one", "restored", "baseline-parse", "add to a restored state of 2 000");
    ratio("add-one", "cycle-2k", "baseline-parse", "read a 2 000 state, parse, add, write it back");
}
