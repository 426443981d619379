//! Where input comes from, what it is, and where each response stands.
//!
//! A batch given as several files is read as one stream (so a respondent
//! in two files is a repeat, as in one file); [`Lines`] turns a line of the
//! stream back into its file and line. Before any scoring, each input is
//! looked at once: a file that is not JSON at all (a spreadsheet's CSV) is
//! refused in one line, and a saved report is told from a batch by its
//! fields.

use std::cell::RefCell;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use clap::ValueEnum;
use collaboration::GroupReport;
use collaboration::batch::{BatchError, Position, Rejection};
use collaboration::import::TableFormat;
use collaboration::report::AggregateState;

use crate::fail::{Failure, io_words};

/// How an input is written, when its extension does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// JSON: one JSON array of responses, or a saved report.
    Json,
    /// A form tool's CSV export (comma- or semicolon-separated).
    Csv,
    /// A form tool's TSV export.
    Tsv,
    /// An Excel workbook, as Microsoft Forms exports.
    Xlsx,
    /// FHIR R4 QuestionnaireResponses: one resource, a Bundle, or NDJSON.
    Fhir,
    /// SurveyJS results: one `survey.data` object per line.
    Surveyjs,
}

impl InputFormat {
    /// The table format, for the spreadsheet formats.
    fn table(self) -> Option<TableFormat> {
        match self {
            Self::Csv => Some(TableFormat::Csv),
            Self::Tsv => Some(TableFormat::Tsv),
            Self::Xlsx => Some(TableFormat::Xlsx),
            Self::Jsonl | Self::Json | Self::Fhir | Self::Surveyjs => None,
        }
    }
}

/// One input: a file, or standard input.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// Standard input (`-`).
    Stdin,
    /// Standard input, kept in a temporary file to be read twice.
    Spooled(Rc<tempfile::TempPath>),
    /// A file.
    File(PathBuf),
}

impl Source {
    /// `-` is standard input; anything else a file.
    pub(crate) fn from_arg(path: &Path) -> Self {
        if path.as_os_str() == "-" { Self::Stdin } else { Self::File(path.to_owned()) }
    }

    fn open(&self) -> Result<Box<dyn Read>, Failure> {
        match self {
            Self::Stdin => Ok(Box::new(io::stdin())),
            Self::Spooled(path) => match File::open(&**path) {
                Ok(file) => Ok(Box::new(file)),
                Err(err) => Err(Failure::new(format!("standard input, kept: {}", io_words(&err)))),
            },
            Self::File(path) => match File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(err) => Err(Failure::new(format!("{}: {}", path.display(), io_words(&err)))),
            },
        }
    }

    /// The size in bytes, for the progress bar, where it is known.
    pub(crate) fn len(&self) -> Option<u64> {
        match self {
            Self::Stdin => None,
            Self::Spooled(path) => std::fs::metadata(&**path).ok().map(|m| m.len()),
            Self::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
        }
    }

    /// The format its extension declares.
    fn declared(&self) -> Declared {
        let Self::File(path) = self else { return Declared::Unknown };
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("jsonl" | "ndjson" | "jsonlines") => Declared::Format(InputFormat::Jsonl),
            Some("json") => Declared::Format(InputFormat::Json),
            Some("csv") => Declared::Format(InputFormat::Csv),
            Some("tsv" | "tab") => Declared::Format(InputFormat::Tsv),
            Some("xlsx" | "xlsm") => Declared::Format(InputFormat::Xlsx),
            Some(other @ ("xls" | "ods" | "numbers")) => Declared::Unsupported(other.to_owned()),
            _ => Declared::Unknown,
        }
    }

    /// The prefix of a message about the input as a whole: `FILE: ` or
    /// `standard input: `.
    pub(crate) fn subject(&self) -> String {
        format!("{self}: ")
    }

    /// The prefix of a rejection's line: `FILE: `, or nothing for standard
    /// input, whose lines read `line 2: …`.
    pub(crate) fn prefix(&self) -> String {
        match self {
            Self::Stdin | Self::Spooled(_) => String::new(),
            Self::File(path) => format!("{}: ", path.display()),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stdin | Self::Spooled(_) => f.write_str("standard input"),
            Self::File(path) => write!(f, "{}", path.display()),
        }
    }
}

enum Declared {
    Format(InputFormat),
    /// A spreadsheet format that is not read (`xls`, `ods`).
    Unsupported(String),
    Unknown,
}

/// What an input holds.
#[derive(Debug)]
pub(crate) enum Kind {
    /// Responses, to be scored.
    Batch,
    /// A saved group report, read back.
    Report(Box<GroupReport>),
    /// A saved aggregate state, read back (not yet checked against an
    /// instrument).
    State(Box<AggregateState>),
    /// A form tool's export: a table of responses, to be scored.
    Table(TableFormat),
    /// FHIR QuestionnaireResponses (a resource, a Bundle or NDJSON).
    Fhir,
    /// SurveyJS results, a `survey.data` object per line.
    Surveyjs,
}

/// The words every "this is not JSON" message ends with.
const ACCEPTED: &str = "give responses as JSON Lines (one JSON object per line, .jsonl) or as one JSON array \
                        of objects (.json); `collaboration schema response` shows a response's shape";

/// How many bytes of an input are looked at to tell what it is.
const PEEK: usize = 64 * 1024;

/// The most a saved report may have, in bytes.
const MAX_REPORT_BYTES: usize = 256 << 20;

/// An input opened and looked at: what it is, and its bytes from the
/// start.
pub(crate) struct Opened {
    pub(crate) source: Source,
    pub(crate) kind: Kind,
    pub(crate) reader: Box<dyn Read>,
    pub(crate) array: bool,
}

/// Opens an input and tells what it is. `reports` says whether a saved
/// report or state is welcome here (`compare`, `report`, `merge`) or an
/// error (`score`).
pub(crate) fn open(source: &Source, format: Option<InputFormat>, reports: bool) -> Result<Opened, Failure> {
    let prefix = source.subject();
    let declared = match format {
        Some(format) => Declared::Format(format),
        None => source.declared(),
    };
    if let Declared::Unsupported(extension) = &declared {
        return Err(Failure::new(format!(
            "{prefix}a .{extension} file is not read; save it as .xlsx or .csv, or {ACCEPTED}"
        )));
    }
    let mut reader = BufReader::with_capacity(PEEK, source.open()?);
    let peeked = reader.fill_buf().map_err(|e| Failure::new(format!("{prefix}reading: {}", io_words(&e))))?;
    let kind = |kind: Kind, reader: BufReader<Box<dyn Read>>| Opened {
        source: source.clone(),
        kind,
        reader: Box::new(reader),
        array: false,
    };
    let table = |format: TableFormat, reader| kind(Kind::Table(format), reader);
    if let Declared::Format(format) = declared
        && let Some(table_format) = format.table()
    {
        let first = first_content(peeked).first().copied();
        if table_format != TableFormat::Xlsx && matches!(first, Some(b'{' | b'[')) {
            return Err(Failure::new(format!(
                "{prefix}starts with `{}`: it is JSON, not a table; use --input-format jsonl or json",
                char::from(first.unwrap_or(b'{'))
            )));
        }
        if table_format == TableFormat::Xlsx && !peeked.starts_with(b"PK\x03\x04") {
            return Err(Failure::new(format!(
                "{prefix}is not an Excel workbook (.xlsx): it is not a zip file"
            )));
        }
        return Ok(table(table_format, reader));
    }
    match declared {
        Declared::Format(InputFormat::Fhir) => return Ok(kind(Kind::Fhir, reader)),
        Declared::Format(InputFormat::Surveyjs) => return Ok(kind(Kind::Surveyjs, reader)),
        _ => {}
    }
    if matches!(declared, Declared::Unknown) && peeked.starts_with(b"PK\x03\x04") {
        return Ok(table(TableFormat::Xlsx, reader));
    }
    if peeked.starts_with(b"CLBSTATE") {
        if !reports {
            return Err(not_a_batch(&prefix, "saved aggregate state"));
        }
        return state(source, reader);
    }
    let start = first_content(peeked);
    let first = start.first().copied();
    let array = first == Some(b'[');
    match declared {
        Declared::Format(InputFormat::Jsonl) if array => {
            return Err(Failure::new(format!(
                "{prefix}starts with `[`, a JSON array, not JSON Lines; use --input-format json"
            )));
        }
        Declared::Format(InputFormat::Json) if first.is_some_and(|b| b != b'[' && b != b'{') => {
            return Err(Failure::new(format!(
                "{prefix}is not JSON: it starts with {}; {ACCEPTED}",
                starts_with(start)
            )));
        }
        Declared::Unknown if first.is_some_and(|b| b != b'[' && b != b'{') && looks_like_a_table(start) => {
            // A table of comma-, semicolon- or tab-separated values.
            let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
            let tabs = memchr::memchr_iter(b'\t', line).count();
            let commas = memchr::memchr_iter(b',', line).count() + memchr::memchr_iter(b';', line).count();
            let format = if tabs > commas { TableFormat::Tsv } else { TableFormat::Csv };
            return Ok(table(format, reader));
        }
        _ => {}
    }
    if first != Some(b'{') {
        return Ok(Opened { source: source.clone(), kind: Kind::Batch, reader: Box::new(reader), array });
    }
    // An object: a response (a batch's first line) or a saved report. Its
    // top-level fields tell which; the bytes read to see them are kept and
    // given back.
    let mut tee = Tee { inner: reader, kept: Vec::new(), limit: MAX_REPORT_BYTES };
    let fields = serde_json::Deserializer::from_reader(&mut tee).into_iter::<Fields>().next();
    let has = |field: &str| matches!(&fields, Some(Ok(Fields(names))) if names.iter().any(|n| n == field));
    let looks_like_state = has("fingerprints") && has("format") && has("answers");
    let looks_like_report = has("foundations") && has("respondents") && !has("answers");
    let looks_like_fhir = has("resourceType");
    let Tee { inner, kept, .. } = tee;
    let reader: Box<dyn Read> = Box::new(io::Cursor::new(kept).chain(inner));
    if looks_like_fhir {
        return Ok(Opened { source: source.clone(), kind: Kind::Fhir, reader, array: false });
    }
    if looks_like_state {
        if !reports {
            return Err(not_a_batch(&prefix, "saved aggregate state"));
        }
        return state(source, reader);
    }
    if !looks_like_report && format == Some(InputFormat::Json) {
        // Said to be a JSON array, on the command line: a `.json` file of
        // JSON Lines is read as what it is, but not against the flag.
        return Err(Failure::new(format!(
            "{prefix}starts with an object, not a JSON array: it is JSON Lines or a single response; \
             use --input-format jsonl"
        )));
    }
    if !looks_like_report {
        return Ok(Opened { source: source.clone(), kind: Kind::Batch, reader, array: false });
    }
    if !reports {
        return Err(not_a_batch(&prefix, "saved group report"));
    }
    let mut text = String::new();
    reader
        .take(MAX_REPORT_BYTES as u64 + 1)
        .read_to_string(&mut text)
        .map_err(|e| Failure::new(format!("{prefix}reading the saved report: {}", io_words(&e))))?;
    if text.len() > MAX_REPORT_BYTES {
        return Err(Failure::new(format!("{prefix}a saved report larger than {MAX_REPORT_BYTES} bytes")));
    }
    let report = GroupReport::from_json(&text)
        .map_err(|e| Failure::new(format!("{prefix}not a valid saved group report: {e}")))?;
    Ok(Opened {
        source: source.clone(),
        kind: Kind::Report(Box::new(report)),
        reader: Box::new(io::empty()),
        array: false,
    })
}

/// A saved report or state where a batch was wanted.
fn not_a_batch(prefix: &str, what: &str) -> Failure {
    Failure::new(format!(
        "{prefix}is a {what}, not a batch of responses; `collaboration merge`, `collaboration compare` \
         and `collaboration report` read saved states and reports"
    ))
}

/// Reads a saved aggregate state, in either form.
fn state(source: &Source, reader: impl Read) -> Result<Opened, Failure> {
    let state = AggregateState::read_from(reader)
        .map_err(|e| Failure::new(format!("{}not a usable aggregate state: {e}", source.subject())))?;
    Ok(Opened {
        source: source.clone(),
        kind: Kind::State(Box::new(state)),
        reader: Box::new(io::empty()),
        array: false,
    })
}

/// The bytes from the first that is not white space or a byte order mark.
fn first_content(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// The first line, from its first visible byte, as a table's header or row
/// would be: separators, and no JSON object or array.
fn looks_like_a_table(start: &[u8]) -> bool {
    let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
    line.contains(&b',') || line.contains(&b'\t') || line.contains(&b';')
}

/// `the text "respondent,shared-learning.1"`: the start of a line, quoted
/// and cut short.
fn starts_with(start: &[u8]) -> String {
    let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
    let text = String::from_utf8_lossy(line);
    let short: String = text.trim_end().chars().take(40).collect();
    format!("{}", serde_json::Value::String(short))
}

/// The names of an object's top-level fields, every value skipped.
struct Fields(Vec<String>);

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    names.push(name);
                }
                Ok(Fields(names))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// A reader that keeps what it reads, up to a limit.
struct Tee<R> {
    inner: R,
    kept: Vec<u8>,
    limit: usize,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.kept.len() >= self.limit {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        self.kept.extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// Where each file of a stream of several starts.
#[derive(Debug)]
pub(crate) struct Lines {
    /// Per input: its source and the line of the stream its line 1 is.
    starts: Vec<(Source, usize)>,
}

impl Lines {
    /// A rejection as a person reads it: `FILE: line 7: …`, the line
    /// counted in its own file.
    pub(crate) fn rejection(&self, rejection: &Rejection) -> String {
        let (source, position) = self.locate(rejection.position);
        let local = Rejection {
            position,
            respondent: rejection.respondent.clone(),
            reason: rejection.reason.clone(),
        };
        format!("{}{local}", source.map(Source::prefix).unwrap_or_default())
    }

    fn locate(&self, position: Position) -> (Option<&Source>, Position) {
        match position {
            Position::Line(n) => {
                let found = self.starts.iter().rev().find(|(_, start)| *start <= n);
                match found {
                    Some((source, start)) => (Some(source), Position::Line(n - start + 1)),
                    None => (None, position),
                }
            }
            _ => (self.starts.first().map(|(s, _)| s), position),
        }
    }

    /// A problem with the batch as a whole, naming its file when there is
    /// one.
    pub(crate) fn batch_error(&self, err: &BatchError) -> String {
        let prefix = match self.starts.as_slice() {
            [(source, _)] => source.subject(),
            _ => String::new(),
        };
        match err {
            BatchError::Io(e) => format!("{prefix}reading the batch: {}", io_words(e)),
            other => format!("{prefix}{other}"),
        }
    }
}

/// A batch: one or more inputs read as one stream.
pub(crate) struct Batch {
    pub(crate) reader: Box<dyn Read>,
    pub(crate) lines: Rc<RefCell<Lines>>,
    /// The total size in bytes, where every input's is known.
    pub(crate) len: Option<u64>,
}

/// Opens every input of a batch. A JSON array is scored on its own.
pub(crate) fn batch(sources: &[Source], format: Option<InputFormat>) -> Result<Batch, Failure> {
    let mut parts = Vec::with_capacity(sources.len());
    for source in sources {
        let opened = open(source, format, false)?;
        if opened.array && sources.len() > 1 {
            return Err(Failure::new(format!(
                "{}is a JSON array; an array is scored on its own: give several files as JSON Lines",
                source.subject()
            )));
        }
        parts.push(opened);
    }
    Ok(from_parts(parts))
}

/// A batch from inputs already opened.
pub(crate) fn from_parts(parts: Vec<Opened>) -> Batch {
    let len = parts.iter().map(|p| p.source.len()).sum();
    let first = parts.first().map(|p| (p.source.clone(), 1)).into_iter().collect();
    let lines = Rc::new(RefCell::new(Lines { starts: first }));
    let count = parts.len() > 1;
    let reader: Box<dyn Read> = if count {
        Box::new(Chain {
            parts: parts.into_iter().map(|p| (p.source, p.reader)).collect(),
            lines: Rc::clone(&lines),
            ended_with_newline: true,
            line: 1,
        })
    } else {
        match parts.into_iter().next() {
            Some(part) => part.reader,
            None => Box::new(io::empty()),
        }
    };
    Batch { reader, lines, len }
}

/// Several inputs as one stream of JSON Lines, a line end put between two
/// where the first lacks one, with the line each starts on recorded.
struct Chain {
    parts: std::collections::VecDeque<(Source, Box<dyn Read>)>,
    lines: Rc<RefCell<Lines>>,
    ended_with_newline: bool,
    /// The stream's line the next byte is on.
    line: usize,
}

impl Read for Chain {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some((_, reader)) = self.parts.front_mut() else { return Ok(0) };
            let n = reader.read(buf)?;
            if n > 0 {
                let bytes = buf.get(..n).unwrap_or_default();
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.ended_with_newline = bytes.last() == Some(&b'\n');
                return Ok(n);
            }
            // This part is done; the next starts on a fresh line.
            self.parts.pop_front();
            let Some((source, _)) = self.parts.front() else { return Ok(0) };
            if !self.ended_with_newline {
                self.ended_with_newline = true;
                self.line += 1;
                let source = source.clone();
                self.lines.borrow_mut().starts.push((source, self.line));
                if let Some(first) = buf.first_mut() {
                    *first = b'\n';
                    return Ok(1);
                }
                return Ok(0);
            }
            let source = source.clone();
            self.lines.borrow_mut().starts.push((source, self.line));
        }
    }
}
