//! `score`: the crate as a command-line tool.
//!
//! ```text
//! cargo run --release --example score -- [--instrument DEF.json] [--skip-invalid] [--each] FILE|-
//! ```
//!
//! Reads a batch of responses (JSON Lines or one JSON array) from FILE, or
//! from standard input when FILE is `-`, scores it against the built-in
//! instrument (or the one defined in DEF.json), and prints the group report
//! as JSON on standard output.
//!
//! - Invalid input: exit status 1, nothing on standard output, and one line
//!   per problem on standard error (`line N: …` or `item N: …`), for every
//!   bad response in the batch.
//! - `--skip-invalid`: score the valid responses, list each rejected one on
//!   standard error, and exit 0.
//! - `--each`: print one scorecard per response (JSON Lines) instead of the
//!   group report.
//!
//! It stays thin: everything it does is a public library call a server could
//! make directly (`score_batch`, `batch::scorecards`, `Instrument::from_json`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use collaboration::batch::BatchError;
use collaboration::batch::scorecards;
use collaboration::{BatchOptions, Instrument, ScoringOptions, score_batch};

const USAGE: &str = "usage: score [--instrument DEF.json] [--skip-invalid] [--each] FILE|-";

struct Args {
    input: String,
    instrument: Option<String>,
    skip_invalid: bool,
    each: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut input, mut instrument, mut skip_invalid, mut each) = (None, None, false, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--instrument" => instrument = Some(args.next().ok_or("--instrument needs a file")?),
            "--skip-invalid" => skip_invalid = true,
            "--each" => each = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}\n{USAGE}")),
            _ if input.is_some() => return Err(format!("one input only\n{USAGE}")),
            _ => input = Some(arg),
        }
    }
    Ok(Args { input: input.ok_or(USAGE)?, instrument, skip_invalid, each })
}

fn open(path: &str) -> io::Result<Box<dyn Read>> {
    if path == "-" { Ok(Box::new(io::stdin().lock())) } else { Ok(Box::new(std::fs::File::open(path)?)) }
}

fn run() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let custom = match &args.instrument {
        Some(path) => Some(Instrument::from_json(&std::fs::read_to_string(path)?)?),
        None => None,
    };
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let options = ScoringOptions::default();
    let input = open(&args.input)?;
    let mut stderr = io::stderr().lock();

    if args.each {
        // Hold the scorecards until the whole batch is known to be valid, so
        // that invalid input prints nothing on standard output.
        let mut cards = Vec::new();
        let mut bad = 0;
        for entry in scorecards(input, instrument, &options) {
            match entry?.1 {
                Ok(card) => cards.push(card),
                Err(rejection) => {
                    bad += 1;
                    writeln!(stderr, "{rejection}")?;
                }
            }
        }
        if bad > 0 && !args.skip_invalid {
            return Ok(ExitCode::FAILURE);
        }
        let mut out = BufWriter::new(io::stdout().lock());
        for card in &cards {
            serde_json::to_writer(&mut out, card)?;
            writeln!(out)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }

    let options = BatchOptions { scoring: options, skip_invalid: args.skip_invalid, threads: 0 };
    let scored = match score_batch(input, instrument, &options) {
        Ok(scored) => scored,
        Err(BatchError::Invalid { rejections, .. }) => {
            for rejection in &rejections {
                writeln!(stderr, "{rejection}")?;
            }
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    for rejection in &scored.rejections {
        writeln!(stderr, "{rejection}")?;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &scored.report)?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("score: {err}");
            ExitCode::FAILURE
        }
    }
}
