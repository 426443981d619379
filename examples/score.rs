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
//! make directly (`batch::score_batch_with`, `batch::scorecards`,
//! `Instrument::from_json`), in memory bounded whatever the batch's size.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use collaboration::batch::BatchError;
use collaboration::batch::{responses, score_batch_with, scorecards};
use collaboration::{BatchOptions, Instrument, ScoringOptions};

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

/// The input as a file that can be read twice: the file itself, or
/// standard input copied to a temporary file (removed when dropped).
struct Rereadable {
    path: std::path::PathBuf,
    temporary: bool,
}

impl Rereadable {
    fn new(input: &str) -> io::Result<Self> {
        if input != "-" {
            return Ok(Self { path: input.into(), temporary: false });
        }
        let path = std::env::temp_dir().join(format!("score-stdin-{}.jsonl", std::process::id()));
        io::copy(&mut io::stdin().lock(), &mut std::fs::File::create(&path)?)?;
        Ok(Self { path, temporary: true })
    }

    fn open(&self) -> io::Result<std::fs::File> {
        std::fs::File::open(&self.path)
    }
}

impl Drop for Rereadable {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn run() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let custom = match &args.instrument {
        Some(path) => Some(Instrument::from_json(&std::fs::read_to_string(path)?)?),
        None => None,
    };
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let options = ScoringOptions::default();
    let mut stderr = BufWriter::new(io::stderr().lock());

    if args.each {
        // Scorecards stream, one at a time. Unless invalid responses are
        // skipped, a first pass checks the whole batch, so that invalid
        // input prints nothing on standard output.
        let input = Rereadable::new(&args.input)?;
        if !args.skip_invalid {
            let mut bad = 0;
            for entry in responses(input.open()?, instrument) {
                if let Err(rejection) = entry?.1 {
                    bad += 1;
                    writeln!(stderr, "{rejection}")?;
                }
            }
            if bad > 0 {
                stderr.flush()?;
                return Ok(ExitCode::FAILURE);
            }
        }
        let mut out = BufWriter::new(io::stdout().lock());
        for entry in scorecards(input.open()?, instrument, &options) {
            match entry?.1 {
                Ok(card) => {
                    serde_json::to_writer(&mut out, &card)?;
                    writeln!(out)?;
                }
                Err(rejection) => writeln!(stderr, "{rejection}")?,
            }
        }
        out.flush()?;
        stderr.flush()?;
        return Ok(ExitCode::SUCCESS);
    }

    // Every rejection goes to standard error as it is found; none is kept.
    let options =
        BatchOptions { scoring: options, skip_invalid: args.skip_invalid, ..BatchOptions::default() };
    let scored = score_batch_with(open(&args.input)?, instrument, &options, |rejection| {
        let _ = writeln!(stderr, "{rejection}");
    });
    stderr.flush()?;
    let scored = match scored {
        Ok(scored) => scored,
        Err(BatchError::Invalid { .. }) => return Ok(ExitCode::FAILURE),
        Err(BatchError::NothingScored { responses, .. }) => {
            eprintln!("score: none of the {responses} response(s) could be scored");
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
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
