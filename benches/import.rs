//! Scoring a form tool's CSV export against the same answers as JSON Lines,
//! side by side in one run: 200 000 respondents of the built-in instrument,
//! the CSV with the scale's points in its cells and again with its labels
//! (as Google Forms, Microsoft Forms and SurveyMonkey write them). The
//! JSON Lines are the baseline, on one thread and on every core, and so
//! is each CSV.
//!
//! Run with `cargo bench --bench import`. The ratios print at the end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::cast_precision_loss, clippy::semicolon_if_nothing_returned)] // ratios; criterion closures

use std::hint::black_box;
use std::time::Duration;

use collaboration::batch::Counter;
use collaboration::import::{Mapping, Table};
use collaboration::{Answer, BatchOptions, Instrument, Response, score_batch};
use criterion::{Criterion, Throughput};

#[path = "support/estimates.rs"]
mod estimates;
#[path = "support/generate.rs"]
mod generate;
use estimates::mean_ns;

const RESPONDENTS: usize = 200_000;

/// The responses as a CSV: a header of respondent fields and prompts, a
/// row per respondent, each cell the point or, with `labels`, its label.
fn csv(hc: &Instrument, responses: &[Response], labels: bool) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "Respondent".to_owned(),
        "Organisation".to_owned(),
        "Roles".to_owned(),
        "Power sources".to_owned(),
    ];
    header.extend(hc.items().iter().map(|i| i.prompt.clone()));
    out.write_record(&header).unwrap();
    for r in responses {
        let who = &r.respondent;
        let mut row = vec![
            who.id.as_str().to_owned(),
            who.organisation.clone().unwrap_or_default(),
            who.roles.iter().map(ToString::to_string).collect::<Vec<_>>().join(";"),
            who.power_sources.iter().map(ToString::to_string).collect::<Vec<_>>().join(";"),
        ];
        for item in hc.items() {
            let scale = hc.scale(&item.scale).unwrap();
            row.push(match r.answers.get(&item.id) {
                None => String::new(),
                Some(Answer::NotApplicable) => "n/a".to_owned(),
                Some(Answer::Value(v)) if labels => scale.label(*v).unwrap().to_owned(),
                Some(Answer::Value(v)) => v.to_string(),
            });
        }
        out.write_record(&row).unwrap();
    }
    out.into_inner().unwrap()
}

fn table_report(hc: &Instrument, csv: &[u8], threads: usize) -> u64 {
    let options = BatchOptions { threads, ..BatchOptions::default() };
    let mut counter = Counter::new(hc, &options, |_| {});
    counter.table(Table::csv(csv, hc, &Mapping::default()).unwrap()).unwrap();
    let done = counter.finish().unwrap();
    black_box(done.aggregator.report()).respondents
}

fn main() {
    let hc = Instrument::builtin();
    let mut jsonl = Vec::new();
    generate::write_batch(&mut jsonl, RESPONDENTS).unwrap();
    let responses: Vec<Response> =
        std::str::from_utf8(&jsonl).unwrap().lines().map(|l| hc.parse_response(l).unwrap()).collect();
    let points = csv(hc, &responses, false);
    let labels = csv(hc, &responses, true);
    drop(responses);
    // The same report from each, before anything is timed.
    let report = |input: &[u8], threads| {
        let options = BatchOptions { threads, ..BatchOptions::default() };
        serde_json::to_string(&score_batch(input, hc, &options).unwrap().report).unwrap()
    };
    assert_eq!(table_report(hc, &points, 1), RESPONDENTS as u64);
    assert_eq!(table_report(hc, &points, 2), RESPONDENTS as u64);
    {
        let mut counter = Counter::new(hc, &BatchOptions::default(), |_| {});
        counter.table(Table::csv(labels.as_slice(), hc, &Mapping::default()).unwrap()).unwrap();
        let from_table = serde_json::to_string(&counter.finish().unwrap().aggregator.report()).unwrap();
        assert_eq!(from_table, report(&jsonl, 1), "the CSV and the JSON Lines give one report");
    }
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Elements(RESPONDENTS as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(12));
    let score = |input: &[u8], threads| {
        let options = BatchOptions { threads, ..BatchOptions::default() };
        score_batch(input, hc, &options).unwrap().report.respondents
    };
    group.bench_function("jsonl-1", |b| b.iter(|| score(black_box(&jsonl), 1)));
    group.bench_function("jsonl-all", |b| b.iter(|| score(black_box(&jsonl), threads)));
    group.bench_function("csv-points", |b| b.iter(|| table_report(hc, black_box(&points), 1)));
    group.bench_function("csv-labels", |b| b.iter(|| table_report(hc, black_box(&labels), 1)));
    group.bench_function("csv-points-all", |b| b.iter(|| table_report(hc, black_box(&points), threads)));
    group.bench_function("csv-labels-all", |b| b.iter(|| table_report(hc, black_box(&labels), threads)));
    group.finish();
    c.final_summary();

    println!(
        "\n{RESPONDENTS} respondents: JSON Lines {:.1} MB, CSV of points {:.1} MB, CSV of labels {:.1} MB; {threads} cores",
        jsonl.len() as f64 / 1e6,
        points.len() as f64 / 1e6,
        labels.len() as f64 / 1e6
    );
    let (Some(one), Some(all)) = (mean_ns("import", "jsonl-1"), mean_ns("import", "jsonl-all")) else {
        println!("(the JSON Lines were not measured in this run: run the whole bench to get ratios)");
        return;
    };
    for (name, what) in [
        ("jsonl-1", "JSON Lines, score_batch, 1 thread"),
        ("jsonl-all", "JSON Lines, score_batch, every core"),
        ("csv-points", "CSV of points, Table + Counter, 1 thread"),
        ("csv-labels", "CSV of labels, Table + Counter, 1 thread"),
        ("csv-points-all", "CSV of points, Table + Counter, every core"),
        ("csv-labels-all", "CSV of labels, Table + Counter, every core"),
    ] {
        if let Some(ns) = mean_ns("import", name) {
            println!(
                "  {what:<44} {:>7.0} ms  {:>5.2}x the 1-thread JSON Lines time  {:>5.2}x the every-core time",
                ns / 1e6,
                ns / one,
                ns / all
            );
        }
    }
}
