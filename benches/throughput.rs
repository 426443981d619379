//! Throughput of the batch path, each figure also given as a ratio to a
//! baseline measured in the same run: parsing the same JSON Lines bytes into
//! `serde_json::Value`, line by line, on one thread. The ratio holds from
//! machine to machine; the absolute figures do not.
//!
//! Run with `cargo bench --bench throughput`. The ratios print at the end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::cast_precision_loss, clippy::semicolon_if_nothing_returned)] // MB/s arithmetic; criterion closures

use std::hint::black_box;
use std::time::Duration;

use collaboration::{Aggregator, Instrument, Response, ScoringOptions};
use criterion::{Criterion, Throughput};

#[path = "support/estimates.rs"]
mod estimates;
#[path = "support/generate.rs"]
mod generate;
use estimates::mean_ns;
#[path = "../tests/util/mod.rs"]
mod util;

fn generate(n: usize) -> String {
    let mut out = Vec::new();
    generate::write_batch(&mut out, n).unwrap();
    String::from_utf8(out).unwrap()
}

const BATCH: usize = 20_000;

fn baseline(input: &str) -> usize {
    let mut n = 0;
    for line in input.lines() {
        black_box(serde_json::from_str::<serde_json::Value>(line).unwrap());
        n += 1;
    }
    n
}

fn benches(c: &mut Criterion, input: &str, threads: usize) {
    let hc = Instrument::builtin();
    let options = ScoringOptions::default();
    let bytes = input.len() as u64;

    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("baseline", |b| b.iter(|| baseline(black_box(input))));
    group.bench_function("simple", |b| {
        b.iter(|| util::score_simple(black_box(input.as_bytes()), hc, &options).unwrap())
    });
    group.bench_function("fast-1", |b| {
        b.iter(|| util::score_on(black_box(input.as_bytes()), hc, &options, 1).unwrap())
    });
    group.bench_function("fast-all", |b| {
        b.iter(|| util::score_on(black_box(input.as_bytes()), hc, &options, threads).unwrap())
    });
    group.finish();

    let responses: Vec<Response> = input.lines().map(|l| hc.parse_response(l).unwrap()).collect();
    let sheets: Vec<_> = responses.iter().map(|r| hc.check(r).unwrap()).collect();
    let sheet = &sheets[7];
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(1));
    group.bench_function("scores", |b| b.iter(|| black_box(sheet).scores()));
    group.bench_function("scorecard", |b| b.iter(|| black_box(sheet).scorecard(&options)));
    group.bench_function("check-and-scorecard", |b| b.iter(|| hc.score(black_box(&responses[7])).unwrap()));
    group.finish();

    let mut group = c.benchmark_group("aggregate");
    group.throughput(Throughput::Elements(10_000));
    group.sample_size(20);
    group.bench_function("aggregate-10k", |b| {
        b.iter(|| {
            let mut agg = Aggregator::new(hc);
            for sheet in &sheets[..10_000] {
                agg.add_checked(sheet).unwrap();
            }
            agg.report()
        })
    });
    group.finish();
}

fn main() {
    let input = generate(BATCH);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, &input, threads);
    c.final_summary();

    let mb = input.len() as f64 / 1e6;
    println!("\nBatch of {BATCH} responses, {mb:.1} MB, on {threads} cores:");
    let Some(base) = mean_ns("batch", "baseline") else {
        println!("(no baseline measured in this run: run the whole bench to get ratios)");
        return;
    };
    for (name, what) in [
        ("baseline", "baseline: serde_json::Value, line by line, 1 thread".to_owned()),
        ("simple", "simple path (batch::responses + Aggregator), 1 thread".to_owned()),
        ("fast-1", "fast path (score_batch, threads 1), 1 thread".to_owned()),
        ("fast-all", format!("fast path (score_batch), {threads} threads")),
    ] {
        if let Some(ns) = mean_ns("batch", name) {
            println!("  {what:<52} {:>7.1} MB/s  {:>5.2}x baseline", mb / (ns / 1e9), base / ns);
        }
    }
    for (name, what) in [
        ("scores", "score one parsed response (AnswerSheet::scores)"),
        ("scorecard", "full scorecard from a parsed response"),
        ("check-and-scorecard", "check a Response and build its scorecard"),
    ] {
        if let Some(ns) = mean_ns("score", name) {
            println!("  {what:<52} {ns:>7.0} ns");
        }
    }
    if let Some(ns) = mean_ns("aggregate", "aggregate-10k") {
        println!(
            "  {:<52} {:>7.2} ms ({:.0} ns a response)",
            "aggregate 10 000 checked responses",
            ns / 1e6,
            ns / 1e4
        );
    }
}
