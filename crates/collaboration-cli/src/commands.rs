//! The subcommands: each reads its inputs, makes library calls, and writes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use collaboration::batch::{
    Aggregated, BatchError, Counter, Position, Rejection, RejectionReason, responses, scorecards,
};
use collaboration::forms::{self, fhir::FhirPosition};
use collaboration::import::{ImportWarning, Mapping, Table, TableFormat, column_letters};
use collaboration::render::{NetworkDiagram, graphml, ties_csv};
use collaboration::report::{AggregateState, FingerprintKey};
use collaboration::{
    Aggregator, BatchOptions, Catalogue, Comparison, GroupReport, HtmlReport, Instrument, Radar, Response,
    ScoringOptions, WireType,
};

use crate::fail::{Failure, io_words};
use crate::input::{self, InputFormat, Kind, Lines, Opened, Source};
use crate::output;
use crate::progress::Progress;
use crate::{
    CompareArgs, EachArgs, ExportArgs, ExportForm, Format, ImportArgs, KeyArgs, MergeArgs, PartnersArgs,
    Reading, ReportArgs, SchemaArgs, ScoreArgs, Scoring,
};

/// The instrument to score against: the one defined in `--instrument`, or
/// none for the built-in one.
fn custom_instrument(scoring: &Reading) -> Result<Option<Instrument>, Failure> {
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
        min_partner_raters: scoring
            .min_partner_raters
            .map_or(default.min_partner_raters, |n| usize::try_from(n).unwrap_or(usize::MAX)),
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
    parts: Vec<Opened>,
    scoring: &Scoring,
    instrument: &Instrument,
    options: &BatchOptions,
) -> Result<GroupReport, Failure> {
    aggregate(parts, scoring, instrument, options).map(|aggregator| aggregator.report())
}

/// The mapping file of `--mapping`, or the automatic matching.
fn read_mapping(scoring: &Reading) -> Result<Mapping, Failure> {
    let Some(path) = &scoring.mapping else { return Ok(Mapping::default()) };
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::new(format!("{shown}: {}", io_words(&e))))?;
    Mapping::from_json(&text).map_err(|e| Failure::new(format!("{shown}: {e}")))
}

/// Opens every input of a batch; a JSON array is scored on its own.
fn open_batch(sources: &[Source], format: Option<InputFormat>) -> Result<Vec<Opened>, Failure> {
    let mut parts = Vec::with_capacity(sources.len());
    for source in sources {
        let opened = input::open(source, format, false)?;
        if opened.array && sources.len() > 1 {
            return Err(Failure::new(format!(
                "{}is a JSON array; an array is scored on its own: give several files as JSON Lines",
                source.subject()
            )));
        }
        parts.push(opened);
    }
    Ok(parts)
}

/// Opens a table of responses, with the mapping, and lists the columns it
/// does not read on standard error.
fn open_table<'i>(
    opened: Opened,
    format: TableFormat,
    instrument: &'i Instrument,
    mapping: &Mapping,
    progress: &Progress,
) -> Result<Table<'i>, Failure> {
    let Opened { source, reader, .. } = opened;
    let table = Table::read(progress.reader(reader), format, instrument, mapping)
        .map_err(|e| Failure::new(format!("{}{e}", source.subject())))?;
    let mut err = io::stderr();
    let unmatched: Vec<String> = table
        .warnings()
        .iter()
        .filter(|w| matches!(w, ImportWarning::Unmatched { .. }))
        .map(|w| {
            let header = w.header().trim();
            let letters = column_letters(w.column());
            if header.is_empty() { format!("{letters} (no header)") } else { format!("{letters} `{header}`") }
        })
        .collect();
    if !unmatched.is_empty() {
        progress.line(
            &mut err,
            &format!(
                "collaboration: {}{} column(s) match no item and no respondent field, and were not read: {}",
                source.subject(),
                unmatched.len(),
                unmatched.join(", ")
            ),
        );
    }
    for warning in table.warnings().iter().filter(|w| !matches!(w, ImportWarning::Unmatched { .. })) {
        progress.line(&mut err, &format!("collaboration: {}{warning}", source.subject()));
    }
    Ok(table)
}

/// Where the rejections being found come from: a stream of JSON inputs,
/// or a table.
enum Place {
    Json(Rc<RefCell<Lines>>),
    Table(Source),
}

/// Counts a batch, JSON and tables, into an aggregator, in the order given.
/// Every rejection is listed on standard error as it is found, naming its
/// file and line or row.
fn aggregate<'i>(
    parts: Vec<Opened>,
    scoring: &Scoring,
    instrument: &'i Instrument,
    options: &BatchOptions,
) -> Result<Aggregator<'i>, Failure> {
    let mapping = read_mapping(scoring)?;
    let len = parts.iter().map(|p| p.source.len()).sum();
    let progress = Progress::new(len, scoring.quiet, "scoring");
    let place = RefCell::new(Place::Table(Source::Stdin));
    let mut err = BufWriter::new(io::stderr().lock());
    let mut counter = Counter::new(instrument, options, |rejection| {
        let line = match &*place.borrow() {
            Place::Json(lines) => lines.borrow().rejection(rejection),
            Place::Table(source) => format!("{}{rejection}", source.prefix()),
        };
        progress.line(&mut err, &line);
    });
    // Runs of JSON inputs are one stream; each table is counted on its own.
    let mut parts = parts.into_iter().peekable();
    while let Some(part) = parts.next() {
        if matches!(part.kind, Kind::Fhir) {
            let source = part.source.clone();
            *place.borrow_mut() = Place::Table(source.clone());
            counter
                .fhir(progress.reader(part.reader))
                .map_err(|e| Failure::new(format!("{}{e}", source.subject())))?;
            continue;
        }
        if matches!(part.kind, Kind::Surveyjs) {
            return Err(Failure::new(format!(
                "{}SurveyJS results are read by `collaboration import --input-format surveyjs`; score the JSON Lines it writes",
                part.source.subject()
            )));
        }
        if let Kind::Table(format) = part.kind {
            let source = part.source.clone();
            let table = open_table(part, format, instrument, &mapping, &progress)?;
            *place.borrow_mut() = Place::Table(source.clone());
            counter.table(table).map_err(|e| match e {
                BatchError::Import(e) => Failure::new(format!("{}{e}", source.subject())),
                other => Failure::new(format!("{}{other}", source.subject())),
            })?;
            continue;
        }
        let mut run = vec![part];
        while let Some(next) = parts.next_if(|p| matches!(p.kind, Kind::Batch)) {
            run.push(next);
        }
        let batch = input::from_parts(run);
        *place.borrow_mut() = Place::Json(Rc::clone(&batch.lines));
        counter
            .json(progress.reader(batch.reader))
            .map_err(|e| Failure::new(batch.lines.borrow().batch_error(&e)))?;
    }
    let result = counter.finish();
    progress.finish();
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
        Err(other) => Err(Failure::new(other.to_string())),
    }
}

fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => crate::fail::writing("JSON", &std::io::Error::from(kind)),
        None => Failure::new(format!("writing JSON: {e}")),
    })?;
    writeln!(out).map_err(output::io("the output"))
}

/// `collaboration score`.
pub(crate) fn score(args: &ScoreArgs) -> Result<(), Failure> {
    let custom = custom_instrument(&args.scoring)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let sources = Scoring::sources(&args.inputs);
    let mut options = batch_options(&args.scoring);
    options.key = args.key_file.as_deref().map(read_key).transpose()?;
    let parts = open_batch(&sources, args.scoring.input_format)?;
    let aggregator = aggregate(parts, &args.scoring, instrument, &options)?;
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

/// The responses of one input, each with where it is (`FILE: row 7`) and
/// the response or what is wrong with it, in words.
type Found<'a> = Box<dyn Iterator<Item = Result<(String, Result<Response, String>), Failure>> + 'a>;

/// Every response of the inputs (JSON, tables, FHIR, SurveyJS results), in
/// order: each good one handed to `good`, each bad one (and a respondent of
/// an earlier input) listed on standard error. Returns how many responses
/// there were, and how many were bad.
fn each_response(
    sources: &[Source],
    scoring: &Reading,
    instrument: &Instrument,
    doing: &'static str,
    mut good: impl FnMut(&Response) -> Result<(), Failure>,
) -> Result<(usize, usize), Failure> {
    let mapping = read_mapping(scoring)?;
    let len = sources.iter().map(Source::len).sum();
    let progress = Progress::new(len, scoring.quiet, doing);
    let mut err = io::stderr();
    let mut seen: HashMap<String, String> = HashMap::new();
    let (mut total, mut bad) = (0, 0);
    for source in sources {
        let opened = input::open(source, scoring.input_format, false)?;
        let prefix = source.prefix();
        let subject = source.subject();
        // Each response as (where, the response or what is wrong).
        let found: Found<'_> = match opened.kind {
            Kind::Table(format) => {
                let table = open_table(opened, format, instrument, &mapping, &progress)?;
                Box::new(table.map(move |row| {
                    let row = row.map_err(|e| Failure::new(format!("{subject}{e}")))?;
                    let here = format!("{prefix}row {}", row.number);
                    let prefix = prefix.clone();
                    Ok((
                        here,
                        row.result.map_err(|errors| {
                            errors.iter().map(|e| format!("{prefix}{e}")).collect::<Vec<_>>().join("\n")
                        }),
                    ))
                }))
            }
            Kind::Fhir => Box::new(forms::fhir::responses(progress.reader(opened.reader), instrument).map(
                move |(place, result)| {
                    if place == FhirPosition::Document {
                        let message = result.err().map(|e| e.to_string()).unwrap_or_default();
                        return Err(Failure::new(format!("{subject}{message}")));
                    }
                    let here = format!("{prefix}{place}");
                    let position = match place {
                        FhirPosition::Line(n) => Position::Line(n),
                        FhirPosition::Entry(n) => Position::Resource(n),
                        _ => Position::Resource(1),
                    };
                    let result = result.map_err(|e| {
                        let respondent = e.respondent().map(str::to_owned);
                        let rejection = Rejection { position, respondent, reason: RejectionReason::Form(e) };
                        format!("{prefix}{rejection}")
                    });
                    Ok((here, result))
                },
            )),
            Kind::Surveyjs => {
                let reader = io::BufReader::new(progress.reader(opened.reader));
                Box::new(io::BufRead::lines(reader).enumerate().filter_map(move |(k, line)| {
                    let here = format!("{prefix}line {}", k + 1);
                    let line = match line {
                        Ok(line) => line,
                        Err(e) => {
                            return Some(Err(Failure::new(format!("{subject}reading: {}", io_words(&e)))));
                        }
                    };
                    if line.trim().is_empty() {
                        return None;
                    }
                    let result = match serde_json::from_str::<serde_json::Value>(&line) {
                        Ok(data) => forms::surveyjs::response(instrument, &data, &format!("line-{}", k + 1))
                            .map_err(|e| format!("{here}: {e}")),
                        // serde's message without its own "at line 1 column c".
                        Err(e) => {
                            let text = e.to_string();
                            let message = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
                            Err(format!("{here}, column {}: not JSON: {message}", e.column()))
                        }
                    };
                    Some(Ok((here, result)))
                }))
            }
            Kind::Batch => {
                let reader = progress.reader(opened.reader);
                Box::new(responses(reader, instrument).map(move |entry| {
                    let (position, result) = entry.map_err(|e| Failure::new(format!("{subject}{e}")))?;
                    let here = format!("{prefix}{position}");
                    Ok((here, result.map_err(|rejection| format!("{prefix}{rejection}"))))
                }))
            }
            Kind::Report(_) | Kind::State(_) => unreachable_kind(source)?,
        };
        for entry in found {
            let (here, result) = entry?;
            total += 1;
            match result {
                Ok(response) => {
                    if let Some(first) = seen.get(response.respondent.id.as_str()) {
                        bad += 1;
                        progress.line(
                            &mut err,
                            &format!(
                                "{here}: respondent `{}` already answered in {first}",
                                response.respondent.id
                            ),
                        );
                        continue;
                    }
                    if sources.len() > 1 {
                        seen.insert(response.respondent.id.as_str().to_owned(), here);
                    }
                    good(&response)?;
                }
                Err(lines) => {
                    bad += 1;
                    progress.line(&mut err, &lines);
                }
            }
        }
    }
    progress.finish();
    Ok((total, bad))
}

/// A saved report or state, where responses were wanted (`open` refuses
/// them first; this keeps the match whole).
fn unreachable_kind(source: &Source) -> Result<Found<'static>, Failure> {
    Err(Failure::new(format!("{}is a saved report or state, not responses", source.subject())))
}

/// Spools standard input to a file, to be read twice.
fn spooled(sources: &mut [Source]) -> Result<(), Failure> {
    for source in sources {
        if matches!(source, Source::Stdin) {
            *source = spool()?;
        }
    }
    Ok(())
}

/// `collaboration each` of tables: a scorecard per row.
fn each_table(args: &EachArgs, sources: Vec<Source>, instrument: &Instrument) -> Result<(), Failure> {
    let options = scoring_options(&args.scoring);
    write_responses(sources, &args.scoring, args.output.as_deref(), instrument, |out, response| {
        let card = instrument.score_with(response, &options).map_err(Failure::new)?;
        serde_json::to_writer(out, &card).map_err(|e| Failure::new(format!("writing a scorecard: {e}")))
    })
}

/// Writes every response of the inputs with `write_one`, one per line:
/// after a first pass that checks them all, so that invalid input writes
/// nothing, unless `--skip-invalid`.
fn write_responses(
    mut sources: Vec<Source>,
    scoring: &Reading,
    path: Option<&Path>,
    instrument: &Instrument,
    mut write_one: impl FnMut(&mut dyn Write, &Response) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if !scoring.skip_invalid {
        spooled(&mut sources)?;
        let (total, bad) = each_response(&sources, scoring, instrument, "checking", |_| Ok(()))?;
        if bad > 0 {
            return Err(Failure::new(format!(
                "{bad} of {total} response(s) are invalid, so nothing was written \
                 (--skip-invalid writes the valid ones)"
            )));
        }
    }
    let mut counts = (0, 0);
    output::to(path, |out| {
        counts = each_response(&sources, scoring, instrument, "converting", |response| {
            write_one(&mut *out, response)?;
            writeln!(out).map_err(output::io("the output"))
        })?;
        if counts.0 == counts.1 {
            return Err(Failure::new(format!("none of the {} response(s) could be read", counts.0)));
        }
        Ok(())
    })?;
    let (total, bad) = counts;
    if bad > 0 {
        eprintln!("collaboration: wrote {} of {total} response(s); {bad} rejected", total - bad);
    }
    Ok(())
}

/// `collaboration import`: a form tool's export, FHIR
/// QuestionnaireResponses or SurveyJS results as JSON Lines of responses.
pub(crate) fn import(args: &ImportArgs) -> Result<(), Failure> {
    let custom = custom_instrument(&args.reading)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    write_responses(
        Scoring::sources(&args.inputs),
        &args.reading,
        args.output.as_deref(),
        instrument,
        |out, response| {
            serde_json::to_writer(out, response).map_err(|e| Failure::new(format!("writing a response: {e}")))
        },
    )
}

/// `collaboration export`: the instrument as a form, or responses as FHIR
/// QuestionnaireResponses.
pub(crate) fn export(args: &ExportArgs) -> Result<(), Failure> {
    let custom = custom_instrument(&args.reading)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let given = !args.inputs.is_empty();
    match args.form {
        ExportForm::Surveyjs | ExportForm::Fhir if given => {
            Err(Failure::new("the form needs no input: give responses to `export fhir-responses`"))
        }
        ExportForm::Surveyjs => {
            output::to(args.output.as_deref(), |out| write_json(out, &forms::surveyjs::form(instrument)))
        }
        ExportForm::Fhir => {
            output::to(args.output.as_deref(), |out| write_json(out, &forms::fhir::questionnaire(instrument)))
        }
        ExportForm::FhirResponses => write_responses(
            Scoring::sources(&args.inputs),
            &args.reading,
            args.output.as_deref(),
            instrument,
            |out, response| {
                let resource = forms::fhir::questionnaire_response(instrument, response);
                serde_json::to_writer(out, &resource)
                    .map_err(|e| Failure::new(format!("writing a resource: {e}")))
            },
        ),
    }
}

/// `collaboration each`.
pub(crate) fn each(args: &EachArgs) -> Result<(), Failure> {
    let custom = custom_instrument(&args.scoring)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    let mut sources = Scoring::sources(&args.inputs);
    // Tables, FHIR and SurveyJS results are read a response at a time; JSON
    // as one stream.
    spooled(&mut sources)?;
    let mut json = true;
    for source in &sources {
        let opened = input::open(source, args.scoring.input_format, false)?;
        json &= matches!(opened.kind, Kind::Batch);
    }
    if !json {
        return each_table(args, sources, instrument);
    }
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
        Kind::Batch | Kind::Table(_) | Kind::Fhir | Kind::Surveyjs => {
            group_report(vec![opened], scoring, instrument, &batch_options(scoring))
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

/// `collaboration partners`.
pub(crate) fn partners(args: &PartnersArgs) -> Result<(), Failure> {
    let custom = custom_instrument(&args.scoring)?;
    let instrument = custom.as_ref().unwrap_or_else(|| Instrument::builtin());
    // One input may also be a saved report or state; several are one batch.
    let report = if let [one] = args.inputs.as_slice() {
        load_report(one, &args.scoring, instrument)?
    } else {
        let sources = Scoring::sources(&args.inputs);
        let parts = open_batch(&sources, args.scoring.input_format)?;
        group_report(parts, &args.scoring, instrument, &batch_options(&args.scoring))?
    };
    let Some(map) = &report.partners else {
        return Err(Failure::new(format!(
            "no respondent rated a partner, so there is no partner map: a response gives its ratings in \
             `partners`, an organisation's name → {{\"current\": 1–7, \"needed\": 1–7}}, beside the \
             respondent's own `organisation` (`collaboration schema response` gives the shape); {} \
             respondent(s) were read",
            report.respondents
        )));
    };
    if let Some(path) = &args.svg {
        let mut diagram = NetworkDiagram::new(map);
        if let Some(title) = &args.title {
            diagram = diagram.with_title(title.clone());
        }
        output::file(path, |out| {
            out.write_all(diagram.to_svg().as_bytes()).map_err(output::io("the network"))
        })?;
    }
    if let Some(path) = &args.graphml {
        output::file(path, |out| out.write_all(graphml(map).as_bytes()).map_err(output::io("the GraphML")))?;
    }
    if let Some(path) = &args.csv {
        output::file(path, |out| out.write_all(ties_csv(map).as_bytes()).map_err(output::io("the ties")))?;
    }
    output::to(args.output.as_deref(), |out| write_json(out, map))
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
