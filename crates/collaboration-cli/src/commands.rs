//! The subcommands: each reads its inputs, makes library calls, and writes.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use collaboration::batch::{Aggregated, BatchError, aggregate_batch_with, responses, scorecards};
use collaboration::report::{AggregateState, FingerprintKey};
use collaboration::{
    Aggregator, BatchOptions, Catalogue, Comparison, GroupReport, HtmlReport, Instrument, Radar,
    ScoringOptions, WireType,
};

use crate::fail::{Failure, io_words};
use crate::input::{self, Batch, Kind, Source};
use crate::output;
use crate::progress::Progress;
use crate::{CompareArgs, EachArgs, Format, KeyArgs, MergeArgs, ReportArgs, SchemaArgs, ScoreArgs, Scoring};

/// The instrument to score against: the one defined in `--instrument`, or
/// none for the built-in one.
fn custom_instrument(scoring: &Scoring) -> Result<Option<Instrument>, Failure> {
    read_instrument(scoring.instrument.as_deref())
}

/// The instrument defined in the file at `path`, if any.
fn read_instrument(path: Option<&Path>) -> Result<Option<Instrument>, Failure> {
    let Some(path) = path else { return Ok(None) };
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::new(format!("{shown}: {}", io_words(&e))))?;
    Instrument::from_json(&text).map(Some).map_err(|e| Failure::new(format!("{shown}: {e}")))
}

fn scoring_options(scoring: &Scoring) -> ScoringOptions {
    let default = ScoringOptions::default();
    ScoringOptions {
        bands: scoring.bands.unwrap_or(default.bands),
        min_segment: scoring.min_segment.and_then(|n| usize::try_from(n).ok()).unwrap_or(default.min_segment),
        ..default
    }
}

fn batch_options(scoring: &Scoring) -> BatchOptions {
    BatchOptions {
        scoring: scoring_options(scoring),
        skip_invalid: scoring.skip_invalid,
        threads: scoring.threads,
        key: None,
    }
}

/// The fingerprint key in the file at `path`.
fn read_key(path: &Path) -> Result<FingerprintKey, Failure> {
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::new(format!("{shown}: {}", io_words(&e))))?;
    text.parse().map_err(|e| Failure::new(format!("{shown}: {e}")))
}

/// Scores a batch into its group report.
fn group_report(
    batch: Batch,
    instrument: &Instrument,
    options: &BatchOptions,
    quiet: bool,
) -> Result<GroupReport, Failure> {
    aggregate(batch, instrument, options, quiet).map(|aggregator| aggregator.report())
}

/// Counts a batch into an aggregator. Every rejection is listed on
/// standard error as it is found, naming its file and line.
fn aggregate<'i>(
    batch: Batch,
    instrument: &'i Instrument,
    options: &BatchOptions,
    quiet: bool,
) -> Result<Aggregator<'i>, Failure> {
    let progress = Progress::new(batch.len, quiet, "scoring");
    let lines = Rc::clone(&batch.lines);
    let mut err = BufWriter::new(io::stderr().lock());
    let result = aggregate_batch_with(progress.reader(batch.reader), instrument, options, |rejection| {
        progress.line(&mut err, &lines.borrow().rejection(rejection));
    });
    progress.finish();
    let _ = err.flush();
    drop(err);
    match result {
        Ok(Aggregated { aggregator, responses, rejected, .. }) => {
            let rejected = rejected.total();
            if rejected > 0 {
                eprintln!(
                    "collaboration: scored {} of {responses} response(s); {rejected} rejected",
                    aggregator.respondents()
                );
            }
            Ok(aggregator)
        }
        Err(BatchError::Invalid { rejected, responses, .. }) => Err(Failure::new(format!(
            "{rejected} of {responses} response(s) are invalid, so nothing was scored \
             (--skip-invalid scores the valid ones)"
        ))),
        Err(BatchError::NothingScored { responses, .. }) => {
            Err(Failure::new(format!("none of the {responses} response(s) could be scored")))
        }
        Err(other) => Err(Failure::new(lines.borrow().batch_error(&other))),
    }
}

fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| Failure::new(format!("writing JSON: {e}")))?;
    writeln!(out).map_err(output::io("the output"))
}

/// `collaboration score`.
pub(crate) fn score(args: &ScoreArgs) -> Result<(), Failure> {
    let custom = custom_instrument(&args.scoring)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let sources = Scoring::sources(&args.inputs);
    let mut options = batch_options(&args.scoring);
    options.key = args.key_file.as_deref().map(read_key).transpose()?;
    let batch = input::batch(&sources, args.scoring.input_format)?;
    let aggregator = aggregate(batch, instrument, &options, args.scoring.quiet)?;
    write_report(args.output.as_deref(), args.format, &aggregator.report())?;
    if let Some(path) = &args.state {
        write_state(path, &aggregator.state())?;
    }
    Ok(())
}

/// Writes a report as JSON or Markdown.
fn write_report(path: Option<&Path>, format: Format, report: &GroupReport) -> Result<(), Failure> {
    output::to(path, |out| match format {
        Format::Json => write_json(out, report),
        Format::Markdown => write!(out, "{report}").map_err(output::io("the report")),
    })
}

/// Writes a state, readable by its owner only: JSON when the path ends in
/// `.json`, else the binary form.
fn write_state(path: &Path, state: &AggregateState) -> Result<(), Failure> {
    let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let bytes = if json { state.to_json().into_bytes() } else { state.to_bytes() };
    output::private_file(path, |out| out.write_all(&bytes).map_err(output::io("the state")))
}

/// `collaboration merge`.
pub(crate) fn merge(args: &MergeArgs) -> Result<(), Failure> {
    let paths: Vec<&Path> = args.states.iter().map(PathBuf::as_path).collect();
    one_stdin(&paths)?;
    let custom = read_instrument(args.instrument.as_deref())?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let mut merged: Option<Aggregator<'_>> = None;
    for path in &paths {
        let source = Source::from_arg(path);
        let opened = input::open(&source, None, true)?;
        let Kind::State(state) = opened.kind else {
            return Err(Failure::new(format!(
                "{source}: is not a saved aggregate state; `collaboration score --state OUT` writes one"
            )));
        };
        let part = restore(&source, instrument, &state)?;
        match &mut merged {
            None => merged = Some(part),
            Some(total) => total.merge(&part).map_err(|e| Failure::new(format!("{source}: {e}")))?,
        }
    }
    let merged = merged.ok_or_else(|| Failure::new("give at least one state to merge"))?;
    write_report(args.output.as_deref(), args.format, &merged.report())?;
    if let Some(path) = &args.state {
        write_state(path, &merged.state())?;
    }
    Ok(())
}

/// A state restored against the instrument, to report from or merge.
fn restore<'i>(
    source: &Source,
    instrument: &'i Instrument,
    state: &AggregateState,
) -> Result<Aggregator<'i>, Failure> {
    Aggregator::restore(instrument, state).map_err(|e| {
        let hint = if state.instrument_id() == instrument.id() {
            ""
        } else {
            " (--instrument names the definition it counts)"
        };
        Failure::new(format!("{source}: {e}{hint}"))
    })
}

/// `collaboration key`.
pub(crate) fn key(args: &KeyArgs) -> Result<(), Failure> {
    let line = format!("{}\n", FingerprintKey::random().to_hex());
    match args.output.as_deref() {
        Some(path) if path.as_os_str() != "-" => {
            output::private_file(path, |out| out.write_all(line.as_bytes()).map_err(output::io("the key")))
        }
        _ => output::to(None, |out| out.write_all(line.as_bytes()).map_err(output::io("the key"))),
    }
}

/// `collaboration each`.
pub(crate) fn each(args: &EachArgs) -> Result<(), Failure> {
    let custom = custom_instrument(&args.scoring)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let mut sources = Scoring::sources(&args.inputs);
    let options = scoring_options(&args.scoring);
    let quiet = args.scoring.quiet;
    let mut err = BufWriter::new(io::stderr().lock());
    if !args.scoring.skip_invalid {
        // A first pass checks the whole batch, so that invalid input
        // writes nothing. Standard input is kept in a temporary file to be
        // read again.
        for source in &mut sources {
            if matches!(source, Source::Stdin) {
                *source = spool()?;
            }
        }
        let batch = input::batch(&sources, args.scoring.input_format)?;
        let progress = Progress::new(batch.len, quiet, "checking");
        let (mut total, mut bad) = (0_usize, 0_usize);
        for entry in responses(progress.reader(batch.reader), instrument) {
            let entry = entry.map_err(|e| Failure::new(batch.lines.borrow().batch_error(&e)))?;
            total += 1;
            if let Err(rejection) = entry.1 {
                bad += 1;
                progress.line(&mut err, &batch.lines.borrow().rejection(&rejection));
            }
        }
        progress.finish();
        let _ = err.flush();
        if bad > 0 {
            return Err(Failure::new(format!(
                "{bad} of {total} response(s) are invalid, so no scorecard was written \
                 (--skip-invalid writes the valid ones')"
            )));
        }
    }
    let batch = input::batch(&sources, args.scoring.input_format)?;
    let progress = Progress::new(batch.len, quiet, "scoring");
    let lines = Rc::clone(&batch.lines);
    let (mut total, mut scored) = (0_usize, 0_usize);
    let result = output::to(args.output.as_deref(), |out| {
        for entry in scorecards(progress.reader(batch.reader), instrument, &options) {
            let entry = entry.map_err(|e| Failure::new(lines.borrow().batch_error(&e)))?;
            total += 1;
            match entry.1 {
                Ok(card) => {
                    scored += 1;
                    serde_json::to_writer(&mut *out, &card)
                        .map_err(|e| Failure::new(format!("writing a scorecard: {e}")))?;
                    writeln!(out).map_err(output::io("the scorecards"))?;
                }
                Err(rejection) => progress.line(&mut err, &lines.borrow().rejection(&rejection)),
            }
        }
        if scored == 0 {
            return Err(Failure::new(format!("none of the {total} response(s) could be scored")));
        }
        Ok(())
    });
    progress.finish();
    let _ = err.flush();
    result?;
    if total > scored {
        eprintln!("collaboration: scored {scored} of {total} response(s); {} rejected", total - scored);
    }
    Ok(())
}

/// Standard input copied to a temporary file, removed when the run ends.
fn spool() -> Result<Source, Failure> {
    let mut file = tempfile::NamedTempFile::new()
        .map_err(|e| Failure::new(format!("keeping standard input: {}", io_words(&e))))?;
    io::copy(&mut io::stdin().lock(), &mut file)
        .map_err(|e| Failure::new(format!("reading standard input: {}", io_words(&e))))?;
    Ok(Source::Spooled(Rc::new(file.into_temp_path())))
}

/// A group report from an input that is a saved report or a batch.
fn load_report(path: &Path, scoring: &Scoring, instrument: &Instrument) -> Result<GroupReport, Failure> {
    let opened = input::open(&Source::from_arg(path), scoring.input_format, true)?;
    match opened.kind {
        Kind::Report(report) => Ok(*report),
        Kind::State(state) => Ok(restore(&opened.source, instrument, &state)?.report()),
        Kind::Batch => {
            let batch = input::from_parts(vec![opened]);
            group_report(batch, instrument, &batch_options(scoring), scoring.quiet)
        }
    }
}

fn one_stdin(paths: &[&Path]) -> Result<(), Failure> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Failure::new("only one input can be standard input (`-`)"));
    }
    Ok(())
}

/// `collaboration compare`.
pub(crate) fn compare(args: &CompareArgs) -> Result<(), Failure> {
    one_stdin(&[&args.earlier, &args.later])?;
    let custom = custom_instrument(&args.scoring)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let earlier = load_report(&args.earlier, &args.scoring, instrument)?;
    let later = load_report(&args.later, &args.scoring, instrument)?;
    let comparison = Comparison::of_reports(&earlier, &later).map_err(Failure::new)?;
    output::to(args.output.as_deref(), |out| match args.format {
        Format::Json => write_json(out, &comparison),
        Format::Markdown => write!(out, "{comparison}").map_err(output::io("the comparison")),
    })
}

/// `collaboration report`.
pub(crate) fn report(args: &ReportArgs) -> Result<(), Failure> {
    let mut paths = vec![args.input.as_path()];
    paths.extend(args.earlier.as_deref());
    one_stdin(&paths)?;
    let custom = custom_instrument(&args.scoring)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let report = load_report(&args.input, &args.scoring, instrument)?;
    let earlier = match &args.earlier {
        Some(path) => Some(load_report(path, &args.scoring, instrument)?),
        None => None,
    };
    let mut html = HtmlReport::new(&report);
    if report.instrument == instrument.id() {
        html = html.with_instrument(instrument);
    }
    if let Some(title) = &args.title {
        html = html.with_title(title.clone());
    }
    let mut radar = Radar::from_report(&report);
    if let Some(earlier) = &earlier {
        html = html.with_earlier(earlier).map_err(Failure::new)?;
        radar = Radar::from_comparison(earlier, &report).map_err(Failure::new)?;
    }
    if let Some(title) = &args.title {
        radar = radar.with_title(title.clone());
    }
    if let Some(svg) = &args.svg {
        output::file(svg, |out| out.write_all(radar.to_svg().as_bytes()).map_err(output::io("the radar")))?;
    }
    output::file(&args.html, |out| out.write_all(html.to_html().as_bytes()).map_err(output::io("the report")))
}

/// `collaboration schema`.
pub(crate) fn schema(args: &SchemaArgs) -> Result<(), Failure> {
    let Some(name) = &args.name else {
        return output::to(args.output.as_deref(), |out| {
            for wire in WireType::iter() {
                let schema = wire.schema();
                let description = schema.get("description").and_then(|d| d.as_str()).unwrap_or_default();
                let first = description.split(". ").next().unwrap_or_default().trim_end_matches('.');
                let direction = match wire {
                    WireType::AggregateState => "both",
                    _ if wire.is_input() => "input",
                    _ => "output",
                };
                writeln!(out, "{:<16} {direction:<7} {first}", wire.id()).map_err(output::io("the list"))?;
            }
            Ok(())
        });
    };
    let wire: WireType = name.parse().map_err(|_| {
        let names: Vec<&str> = WireType::iter().map(WireType::id).collect();
        Failure::new(format!("there is no schema `{name}`; the schemas are {}", names.join(", ")))
    })?;
    output::to(args.output.as_deref(), |out| write_json(out, &wire.schema()))
}

/// `collaboration tour`.
pub(crate) fn tour() -> Result<(), Failure> {
    output::to(None, |out| write!(out, "{}", Catalogue::new()).map_err(output::io("the tour")))
}
