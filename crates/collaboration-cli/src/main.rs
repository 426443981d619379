//! `collaboration`: the crate as a command-line tool, for analysts, shell
//! scripts, notebooks and CI jobs.
//!
//! The binary's job is arguments and output; every figure comes from a
//! library call (`batch::score_batch_with`, `batch::scorecards`,
//! `Comparison::of_reports`, `HtmlReport`, `WireType::schema`, …).
//!
//! Exit status: 0 when it did what it was asked, 1 on invalid input (with
//! nothing on standard output, and the problems on standard error), 2 on a
//! usage error.

mod commands;
mod fail;
mod input;
mod output;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use collaboration::Bands;

use crate::input::{InputFormat, Source};

const SCORE_EXAMPLES: &str = "\
Examples:
  collaboration score examples/data/team.jsonl
  collaboration score --format markdown team.jsonl
  cat wave-2.jsonl | collaboration score - > wave-2.report.json
  collaboration score --skip-invalid --min-segment 5 --bands 40,80 responses.jsonl
  collaboration score --instrument pulse.json pulse-responses.jsonl
  collaboration score --key-file partnership.key --state site-a.state site-a.jsonl";

const IMPORT_EXAMPLES: &str = "\
Examples:
  collaboration import google-forms.csv > responses.jsonl
  collaboration import --mapping qualtrics.map.json qualtrics.csv -o responses.jsonl
  collaboration score microsoft-forms.xlsx
  collaboration schema import-mapping";

const EXPORT_EXAMPLES: &str = "\
Examples:
  collaboration export surveyjs -o form.json
  collaboration export fhir --instrument pulse.json -o questionnaire.json
  collaboration export fhir-responses examples/data/team.jsonl > responses.ndjson
  collaboration import --input-format surveyjs survey-data.jsonl > responses.jsonl";

const MERGE_EXAMPLES: &str = "\
Examples:
  collaboration score --state north.state north.jsonl
  collaboration score --state south.state south.jsonl
  collaboration merge north.state south.state
  collaboration merge --state region.state north.state south.state --format markdown";

const KEY_EXAMPLES: &str = "\
Examples:
  collaboration key -o partnership.key
  collaboration score --key-file partnership.key --state site-a.state site-a.jsonl";

const EACH_EXAMPLES: &str = "\
Examples:
  collaboration each examples/data/team.jsonl
  collaboration each --skip-invalid responses.jsonl > scorecards.jsonl";

const COMPARE_EXAMPLES: &str = "\
Examples:
  collaboration compare wave-1.report.json wave-2.report.json
  collaboration compare --format markdown wave-1.jsonl wave-2.jsonl";

const REPORT_EXAMPLES: &str = "\
Examples:
  collaboration report examples/data/team.jsonl --html report.html --svg radar.svg
  collaboration report wave-2.report.json --earlier wave-1.report.json --html change.html \\
      --title \"Riverside partnership, spring\"";

const PARTNERS_EXAMPLES: &str = "\
Examples:
  collaboration partners examples/data/team.jsonl
  collaboration partners team.jsonl --svg partners.svg --graphml partners.graphml --csv ties.csv
  collaboration partners --min-partner-raters 2 responses.jsonl --svg partners.svg";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  collaboration schema
  collaboration schema response > response.schema.json";

const TOUR_EXAMPLES: &str = "\
Examples:
  collaboration tour | less";

/// Score assessments of Collaborate CIC's framework for effective
/// collaboration, and report on a partnership.
#[derive(Debug, Parser)]
#[command(
    name = "collaboration",
    bin_name = "collaboration",
    version,
    propagate_version = true,
    after_help = "Responses are JSON Lines (one JSON object per line, .jsonl) or one JSON array of \
                  objects (.json); `collaboration schema response` gives their shape. Form tools' \
                  exports (.csv, .tsv, .xlsx) and FHIR QuestionnaireResponses are read too.\n\
                  Exit status: 0 ok, 1 invalid input (nothing on standard output), 2 usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a batch of responses: the group report, as JSON.
    ///
    /// Reads every FILE (or standard input for `-`, or when no FILE is
    /// given) as one batch and prints the group report: agreement and
    /// divided views, perspectives by role, organisation and power, the
    /// voice gap, misconceptions and the spectrum, under disclosure control.
    /// Any invalid response makes it exit 1 and print nothing on standard
    /// output, each problem on standard error; with --skip-invalid the
    /// valid ones are scored and the rejected listed.
    #[command(after_help = SCORE_EXAMPLES)]
    Score(ScoreArgs),
    /// Score each response on its own: one scorecard per line (JSON Lines).
    ///
    /// Without --skip-invalid the whole batch is checked first, so invalid
    /// input prints nothing on standard output.
    #[command(after_help = EACH_EXAMPLES)]
    Each(EachArgs),
    /// Read a form tool's export (CSV, TSV, .xlsx), FHIR
    /// QuestionnaireResponses or SurveyJS results into JSON Lines of
    /// responses.
    ///
    /// Columns are matched to items by their headers (the prompt or the
    /// item id, a Google Forms grid `Title [prompt]`, a Qualtrics
    /// `Title - prompt`), and to the respondent by their usual names
    /// (`Email`, `Respondent ID`, `Organisation`, `Roles`, …); Qualtrics'
    /// and SurveyMonkey's header rows are recognised. Columns that are not
    /// read are listed on standard error; --mapping says what the matching
    /// does not know. Any bad cell makes it exit 1 and write nothing, each
    /// problem named by row and column; with --skip-invalid the good rows
    /// are written.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// The instrument as a form other tools render (SurveyJS form JSON, a
    /// FHIR R4 Questionnaire), or responses as FHIR QuestionnaireResponses.
    ///
    /// `surveyjs` and `fhir` write the form of the built-in instrument (or
    /// --instrument's); `fhir-responses FILE…` reads responses (JSON, a
    /// form tool's export) and writes one QuestionnaireResponse per line
    /// (NDJSON). docs/forms.md lists every field.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Merge saved aggregate states: the report of all their responses.
    ///
    /// Each STATE is a file written by `score --state` (or another merge):
    /// the counts of a part of a partnership, with no respondent id in it.
    /// The report is that of one pass over every part's responses. A
    /// respondent counted in two parts is refused when the parts were made
    /// with one --key-file; with different keys it cannot be detected.
    #[command(after_help = MERGE_EXAMPLES)]
    Merge(MergeArgs),
    /// Compare two waves: the change in every foundation and overall.
    ///
    /// EARLIER and LATER are each a saved group report (the output of
    /// `collaboration score`), a saved aggregate state, or a batch of
    /// responses, which is scored.
    #[command(after_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
    /// Render the standalone, printable HTML report (and the radar chart).
    ///
    /// INPUT is a batch of responses, which is scored, a saved aggregate
    /// state, or a saved group report.
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// The partner map: who collaborates with whom, how closely, and how
    /// closely the work needs, as JSON; and its network as SVG, GraphML or
    /// CSV.
    ///
    /// Reads a batch as `score` does and prints the group report's partner
    /// map: each directed tie (raters, mean current and needed level, need
    /// gap, trust, value), each pair (reciprocity gap, mismatched,
    /// over-collaborating), each organisation and the network's density.
    /// Partner ratings are given on behalf of organisations, not
    /// anonymously; --min-partner-raters suppresses ties rated by fewer.
    /// Exits 1 when no respondent rated a partner.
    #[command(after_help = PARTNERS_EXAMPLES)]
    Partners(PartnersArgs),
    /// List the JSON Schemas of the wire types, or print one.
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// The framework, readably: foundations and their reflection questions,
    /// behaviours, infrastructure, roles, power, misconceptions and the
    /// spectrum.
    #[command(after_help = TOUR_EXAMPLES)]
    Tour,
    /// Make a new random fingerprint key, for parts of one partnership
    /// scored apart.
    ///
    /// Parts scored with one key (`score --key-file`) fingerprint a
    /// respondent the same way, so `merge` catches one who answered in two
    /// parts. Keep the key apart from the states: with both, anyone can
    /// test whether an id answered.
    #[command(after_help = KEY_EXAMPLES)]
    Key(KeyArgs),
}

/// How responses are read.
#[derive(Debug, Args)]
struct Reading {
    /// Read against the instrument defined in this JSON file, in place of
    /// the built-in collaboration-health-check.
    #[arg(long, value_name = "DEF.json")]
    instrument: Option<PathBuf>,
    /// Go on past invalid responses, listing them on standard error, rather
    /// than exit 1 when any is invalid. Input with nothing valid still
    /// exits 1.
    #[arg(long)]
    skip_invalid: bool,
    /// How to read the columns of a spreadsheet (CSV, TSV, .xlsx), where the
    /// automatic matching does not know them: a JSON mapping file
    /// (`collaboration schema import-mapping` gives its shape).
    #[arg(long, value_name = "MAP.json")]
    mapping: Option<PathBuf>,
    /// How to read the input, when its extension does not say (.jsonl,
    /// .ndjson: JSON Lines; .json: a JSON array or a saved report; .csv,
    /// .tsv, .xlsx: a form tool's export; FHIR is told by its
    /// `resourceType`; SurveyJS results only by this flag).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// No progress bar (it shows only on a terminal, for inputs that take
    /// more than about a second).
    #[arg(long, short)]
    quiet: bool,
}

/// How responses are read and scored.
#[derive(Debug, Args)]
struct Scoring {
    #[command(flatten)]
    reading: Reading,
    /// Disclosure control: withhold every figure of fewer than N
    /// respondents [default: 3].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    min_segment: Option<u64>,
    /// The partner map: suppress every tie that fewer than N respondents of
    /// its organisation rated (and every trust or value mean of fewer
    /// ratings) [default: 1, as partner ratings are not anonymous].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    min_partner_raters: Option<u64>,
    /// The band thresholds: a mean below PRIORITY is a priority, one of
    /// STRENGTH or more a strength, the rest developing.
    #[arg(long, value_name = "PRIORITY,STRENGTH", value_parser = parse_bands)]
    bands: Option<Bands>,
    /// How many threads score JSON Lines and tables; 0 for every core.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
}

impl std::ops::Deref for Scoring {
    type Target = Reading;

    fn deref(&self) -> &Reading {
        &self.reading
    }
}

/// How a report or a comparison is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum Format {
    /// JSON, for programs.
    #[default]
    Json,
    /// Markdown, for people.
    Markdown,
}

#[derive(Debug, Args)]
struct ScoreArgs {
    /// The batch: JSON Lines or a JSON array, form tools' exports (.csv,
    /// .tsv, .xlsx) or FHIR QuestionnaireResponses; one or more files, or
    /// `-` for standard input (the default). Several files are scored as one
    /// batch; each error names its file and line or row.
    #[arg(value_name = "FILE")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    scoring: Scoring,
    /// The report as JSON, or as Markdown for people.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write the report to this file (atomically: a temporary file, then a
    /// rename) in place of standard output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Also write the aggregate state here (readable by its owner only), to
    /// merge later: JSON when OUT ends in .json, else the compact binary
    /// form. It holds unsuppressed counts: keep it as you keep responses.
    #[arg(long, value_name = "OUT")]
    state: Option<PathBuf>,
    /// The fingerprint key (64 hexadecimal digits, as `collaboration key`
    /// writes), shared by every part of one partnership; without it, a
    /// random key of this run's own.
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The exports: CSV, TSV or Excel workbooks (.xlsx); FHIR
    /// QuestionnaireResponses (a resource, a Bundle or NDJSON); SurveyJS
    /// results (--input-format surveyjs: one `survey.data` per line). One
    /// or more, or `-` for standard input.
    #[arg(value_name = "FILE")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    reading: Reading,
    /// Write the responses to this file (atomically) in place of standard
    /// output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
}

/// What `collaboration export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportForm {
    /// SurveyJS form JSON, for `new Model(json)`.
    Surveyjs,
    /// A FHIR R4 Questionnaire.
    Fhir,
    /// FHIR R4 QuestionnaireResponses, one per line (NDJSON), of the
    /// responses given.
    FhirResponses,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// What to write.
    #[arg(value_enum)]
    form: ExportForm,
    /// For fhir-responses: the responses (JSON Lines, a JSON array, a form
    /// tool's export), or `-` for standard input.
    #[arg(value_name = "FILE")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    reading: Reading,
    /// Write to this file (atomically) in place of standard output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct MergeArgs {
    /// The saved states (binary or JSON), one or more.
    #[arg(value_name = "STATE", required = true, num_args = 1..)]
    states: Vec<PathBuf>,
    /// Score against the instrument defined in this JSON file, in place of
    /// the built-in collaboration-health-check.
    #[arg(long, value_name = "DEF.json")]
    instrument: Option<PathBuf>,
    /// The report as JSON, or as Markdown for people.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write the report to this file (atomically) in place of standard
    /// output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Also write the merged state here (JSON when OUT ends in .json).
    #[arg(long, value_name = "OUT")]
    state: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct KeyArgs {
    /// Write the key to this file (readable by its owner only) in place of
    /// standard output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct EachArgs {
    /// The batch: JSON Lines or a JSON array, form tools' exports (.csv,
    /// .tsv, .xlsx) or FHIR QuestionnaireResponses; one or more files, or
    /// `-` for standard input (the default).
    #[arg(value_name = "FILE")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    scoring: Scoring,
    /// Write the scorecards to this file (atomically) in place of standard
    /// output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CompareArgs {
    /// The earlier wave: a saved group report or a batch (`-` for standard
    /// input).
    earlier: PathBuf,
    /// The later wave: a saved group report or a batch.
    later: PathBuf,
    #[command(flatten)]
    scoring: Scoring,
    /// The comparison as JSON, or as Markdown for people.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write the comparison to this file (atomically) in place of standard
    /// output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// A batch of responses or a saved group report (`-` for standard
    /// input).
    input: PathBuf,
    /// Write the HTML report here (atomically).
    #[arg(long, value_name = "OUT.html")]
    html: PathBuf,
    /// Also write the radar chart as SVG here (atomically).
    #[arg(long, value_name = "OUT.svg")]
    svg: Option<PathBuf>,
    /// An earlier wave (a saved report or a batch): the report then shows
    /// the change, and the radar both waves.
    #[arg(long, value_name = "INPUT")]
    earlier: Option<PathBuf>,
    /// The report's title.
    #[arg(long, value_name = "T")]
    title: Option<String>,
    #[command(flatten)]
    scoring: Scoring,
}

#[derive(Debug, Args)]
struct PartnersArgs {
    /// The batch, as for `score`: JSON Lines or a JSON array, form tools'
    /// exports or FHIR QuestionnaireResponses; one or more files, or `-` for
    /// standard input (the default). One input may also be a saved group
    /// report or aggregate state.
    #[arg(value_name = "FILE")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    scoring: Scoring,
    /// Also write the network diagram as SVG here (atomically).
    #[arg(long, value_name = "OUT.svg")]
    svg: Option<PathBuf>,
    /// Also write the network as GraphML, for Gephi or networkx, here
    /// (atomically).
    #[arg(long, value_name = "OUT.graphml")]
    graphml: Option<PathBuf>,
    /// Also write the ties as CSV, one row per tie, here (atomically).
    #[arg(long, value_name = "OUT.csv")]
    csv: Option<PathBuf>,
    /// The network diagram's title.
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// Write the map's JSON to this file (atomically) in place of standard
    /// output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct SchemaArgs {
    /// The wire type whose schema to print (as listed without it).
    name: Option<String>,
    /// Write the schema to this file (atomically) in place of standard
    /// output.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
}

/// `--bands PRIORITY,STRENGTH`, checked by the library.
fn parse_bands(text: &str) -> Result<Bands, String> {
    let (priority, strength) =
        text.split_once(',').ok_or("give two numbers, PRIORITY,STRENGTH, such as 50,75")?;
    let number = |s: &str| s.trim().parse::<f64>().map_err(|_| format!("`{}` is not a number", s.trim()));
    Bands::new(number(priority)?, number(strength)?).map_err(|e| e.to_string())
}

impl Scoring {
    fn sources(paths: &[PathBuf]) -> Vec<Source> {
        if paths.is_empty() {
            vec![Source::Stdin]
        } else {
            paths.iter().map(|p| Source::from_arg(p)).collect()
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => commands::score(&args),
        Command::Each(args) => commands::each(&args),
        Command::Import(args) => commands::import(&args),
        Command::Export(args) => commands::export(&args),
        Command::Compare(args) => commands::compare(&args),
        Command::Report(args) => commands::report(&args),
        Command::Partners(args) => commands::partners(&args),
        Command::Schema(args) => commands::schema(&args),
        Command::Tour => commands::tour(),
        Command::Merge(args) => commands::merge(&args),
        Command::Key(args) => commands::key(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
