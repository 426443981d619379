//! Collections of `QuestionnaireResponse`s read as responses: one resource,
//! a Bundle, or NDJSON.

use std::io::{BufRead, BufReader, Read};
use std::ops::Range;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::map::response_from_fhir;
use super::model::{BUNDLE, QUESTIONNAIRE_RESPONSE, QuestionnaireResponse};
use crate::forms::error::FormError;
use crate::instrument::Instrument;
use crate::response::Response;

/// The largest FHIR JSON document [`responses`] reads, in bytes: one
/// `QuestionnaireResponse` or a Bundle of them, read whole. A longer
/// document is refused without being parsed ([`FormError::TooLarge`]).
pub const MAX_FHIR_DOCUMENT_BYTES: usize = 256 << 20;

/// The longest NDJSON line [`responses`] reads, in bytes: one resource. A
/// longer line is refused and skipped; the lines after it are read.
pub const MAX_NDJSON_LINE_BYTES: usize = 4 << 20;

/// Where in its input a resource read by [`responses`] was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FhirPosition {
    /// The input is one resource.
    Resource,
    /// The n-th entry of a Bundle, from 1.
    Entry(usize),
    /// The n-th line of NDJSON, from 1 (blank lines counted).
    Line(usize),
    /// The input as a whole: a problem found before any resource could be
    /// told apart (an unreadable document, one over the size limit).
    Document,
}

impl std::fmt::Display for FhirPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Resource => f.write_str("the resource"),
            Self::Entry(n) => write!(f, "entry {n}"),
            Self::Line(n) => write!(f, "line {n}"),
            Self::Document => f.write_str("the document"),
        }
    }
}

/// Reads `QuestionnaireResponse`s from `reader` as responses to
/// `instrument`, one at a time.
///
/// The input is one `QuestionnaireResponse` resource, a Bundle of them (its
/// `entry[].resource`), or NDJSON (one resource a line, blank lines
/// skipped), as FHIR bulk data export writes. It is NDJSON when its first
/// non-blank line is a complete JSON object and more follows on later
/// lines; otherwise it is one JSON document.
///
/// Each item is where the resource was and the response read from it (by
/// [`response_from_fhir`]) or why it could not be read. A problem with one
/// resource (or one NDJSON line, or one entry of another `resourceType`)
/// is an error for it, and reading goes on; a problem that stops reading
/// (an I/O error, a document that is not JSON or over
/// [`MAX_FHIR_DOCUMENT_BYTES`]) is an error item after which the iterator
/// ends. An NDJSON line is at most [`MAX_NDJSON_LINE_BYTES`].
///
/// ```
/// use collaboration::forms::fhir::{self, FhirPosition};
/// use collaboration::{Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let mut ndjson = String::new();
/// for id in ["r-1", "r-2"] {
///     let response = Response::new(hc.id(), Respondent::new(id)?).with_answer("shared-learning.1", 4);
///     ndjson.push_str(&serde_json::to_string(&fhir::questionnaire_response(hc, &response))?);
///     ndjson.push('\n');
/// }
/// let mut read = Vec::new();
/// for (position, result) in fhir::responses(ndjson.as_bytes(), hc) {
///     read.push((position, result?));
/// }
/// assert_eq!(read.len(), 2);
/// assert_eq!(read[1].0, FhirPosition::Line(2));
/// assert_eq!(read[1].1.respondent.id.as_str(), "r-2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn responses<R: Read>(reader: R, instrument: &Instrument) -> FhirResponses<'_, R> {
    FhirResponses { instrument, reader: BufReader::new(reader), state: State::Start }
}

/// The iterator of [`responses`].
#[derive(Debug)]
pub struct FhirResponses<'i, R> {
    instrument: &'i Instrument,
    reader: BufReader<R>,
    state: State,
}

#[derive(Debug)]
enum State {
    /// Nothing read yet.
    Start,
    /// NDJSON: lines already read and not yet given, then the rest.
    Lines { pending: Vec<(usize, Line)>, last: usize },
    /// A Bundle: its text, and the byte range of each entry's resource.
    Bundle { text: String, entries: std::vec::IntoIter<Option<Range<usize>>>, next: usize },
    /// Finished.
    Done,
}

/// One line as read.
#[derive(Debug)]
enum Line {
    Text(Vec<u8>),
    TooLong,
}

/// What reading one line found.
enum Read1 {
    Eof,
    Line,
    /// Longer than the limit: the rest of it was skipped.
    TooLong,
}

type Item = (FhirPosition, Result<Response, FormError>);

impl<R: Read> Iterator for FhirResponses<'_, R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            match &mut self.state {
                State::Done => return None,
                State::Start => {
                    if let Some(item) = self.start() {
                        return Some(item);
                    }
                }
                State::Bundle { text, entries, next } => {
                    let Some(entry) = entries.next() else {
                        self.state = State::Done;
                        return None;
                    };
                    *next += 1;
                    let position = FhirPosition::Entry(*next);
                    let result = match entry.and_then(|range| Some((text.get(range.clone())?, range.start))) {
                        Some((resource, start)) => read_resource(self.instrument, resource.as_bytes())
                            .map_err(|err| at(err, text, start)),
                        None => Err(FormError::WrongResourceType { found: None }),
                    };
                    return Some((position, result));
                }
                State::Lines { pending, last } => {
                    if let Some((n, line)) = pending.pop() {
                        let result = match line {
                            Line::TooLong => {
                                Err(FormError::TooLarge { what: "the line", limit: MAX_NDJSON_LINE_BYTES })
                            }
                            Line::Text(text) => read_resource(self.instrument, &text),
                        };
                        return Some((FhirPosition::Line(n), result));
                    }
                    let mut buf = Vec::new();
                    let n = *last + 1;
                    match read_line(&mut self.reader, &mut buf, MAX_NDJSON_LINE_BYTES) {
                        Err(err) => {
                            self.state = State::Done;
                            return Some((
                                FhirPosition::Line(n),
                                Err(FormError::Io { message: err.to_string() }),
                            ));
                        }
                        Ok(Read1::Eof) => {
                            self.state = State::Done;
                            return None;
                        }
                        Ok(Read1::TooLong) => {
                            *last = n;
                            pending.push((n, Line::TooLong));
                        }
                        Ok(Read1::Line) => {
                            *last = n;
                            if !is_blank(&buf) {
                                pending.push((n, Line::Text(buf)));
                            }
                        }
                    }
                }
            }
        }
    }
}

impl<R: Read> FhirResponses<'_, R> {
    /// Reads the start of the input and decides what it is; gives an item
    /// when that ends reading (one resource, or a problem).
    fn start(&mut self) -> Option<Item> {
        self.state = State::Done;
        let stop = |err: FormError| Some((FhirPosition::Document, Err(err)));
        let io = |err: std::io::Error| FormError::Io { message: err.to_string() };
        let too_large = FormError::TooLarge { what: "the document", limit: MAX_FHIR_DOCUMENT_BYTES };
        // A byte order mark is not part of the JSON.
        match self.reader.fill_buf() {
            Ok(start) if start.starts_with(b"\xEF\xBB\xBF") => self.reader.consume(3),
            Ok(_) => {}
            Err(err) => return stop(io(err)),
        }
        // The first non-blank line, and the blank lines before it.
        let mut text: Vec<u8> = Vec::new();
        let mut line = 0;
        let first = loop {
            let mut buf = Vec::new();
            match read_line(&mut self.reader, &mut buf, MAX_FHIR_DOCUMENT_BYTES.saturating_sub(text.len())) {
                Err(err) => return stop(io(err)),
                Ok(Read1::TooLong) => return stop(too_large),
                // Nothing, or blank lines only: no resource.
                Ok(Read1::Eof) => return None,
                Ok(Read1::Line) => {
                    line += 1;
                    if !is_blank(&buf) {
                        break buf;
                    }
                    text.extend_from_slice(&buf);
                    text.push(b'\n');
                }
            }
        };
        if !is_object(&first) {
            text.extend_from_slice(&first);
            text.push(b'\n');
            return self.rest(text);
        }
        // A complete object: NDJSON if anything but blank lines follows.
        let first_line = line;
        loop {
            let mut buf = Vec::new();
            match read_line(&mut self.reader, &mut buf, MAX_NDJSON_LINE_BYTES) {
                Err(err) => return stop(io(err)),
                Ok(Read1::Eof) => {
                    text.extend_from_slice(&first);
                    return self.document(text);
                }
                Ok(Read1::Line) if is_blank(&buf) => line += 1,
                Ok(found) => {
                    line += 1;
                    let next = match found {
                        Read1::TooLong => Line::TooLong,
                        _ => Line::Text(buf),
                    };
                    let head =
                        if first.len() > MAX_NDJSON_LINE_BYTES { Line::TooLong } else { Line::Text(first) };
                    // The first line is given first: `pending` is a stack.
                    self.state = State::Lines { pending: vec![(line, next), (first_line, head)], last: line };
                    return None;
                }
            }
        }
    }

    /// Reads the rest of a document whose start is `text`.
    fn rest(&mut self, mut text: Vec<u8>) -> Option<Item> {
        let room = MAX_FHIR_DOCUMENT_BYTES.saturating_sub(text.len());
        let mut limited = (&mut self.reader).take(u64::try_from(room).unwrap_or(u64::MAX).saturating_add(1));
        if let Err(err) = limited.read_to_end(&mut text) {
            return Some((FhirPosition::Document, Err(FormError::Io { message: err.to_string() })));
        }
        if text.len() > MAX_FHIR_DOCUMENT_BYTES {
            let err = FormError::TooLarge { what: "the document", limit: MAX_FHIR_DOCUMENT_BYTES };
            return Some((FhirPosition::Document, Err(err)));
        }
        self.document(text)
    }

    /// One JSON document: a resource, or a Bundle.
    fn document(&mut self, text: Vec<u8>) -> Option<Item> {
        self.state = State::Done;
        let text = match String::from_utf8(text) {
            Ok(text) => text,
            Err(err) => {
                let (line, column) = line_column(err.as_bytes(), err.utf8_error().valid_up_to());
                let message = "the text is not UTF-8".to_owned();
                return Some((FhirPosition::Document, Err(FormError::Json { line, column, message })));
            }
        };
        let kind = match envelope(&text) {
            Ok(kind) => kind,
            Err(err) => return Some((FhirPosition::Document, Err(err))),
        };
        match kind {
            Envelope::Bundle(entries) => {
                self.state = State::Bundle { text, entries: entries.into_iter(), next: 0 };
                None
            }
            Envelope::Resource => {
                Some((FhirPosition::Resource, read_resource(self.instrument, text.as_bytes())))
            }
        }
    }
}

/// What a document is.
enum Envelope {
    /// A Bundle, with each entry's resource as a byte range of the text.
    Bundle(Vec<Option<Range<usize>>>),
    /// Anything else: read as one resource.
    Resource,
}

fn envelope(text: &str) -> Result<Envelope, FormError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Outline<'a> {
        #[serde(default)]
        resource_type: Option<String>,
        #[serde(default, borrow)]
        entry: Option<Vec<Entry<'a>>>,
    }
    #[derive(Deserialize)]
    struct Entry<'a> {
        #[serde(default, borrow)]
        resource: Option<&'a RawValue>,
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let outline: Outline<'_> = crate::de::object(&mut de).map_err(|err| FormError::json(&err))?;
    de.end().map_err(|err| FormError::json(&err))?;
    if outline.resource_type.as_deref() != Some(BUNDLE) {
        return Ok(Envelope::Resource);
    }
    let base = text.as_ptr() as usize;
    let entries = outline
        .entry
        .unwrap_or_default()
        .into_iter()
        .map(|entry| {
            let raw = entry.resource?.get();
            let start = (raw.as_ptr() as usize).checked_sub(base)?;
            Some(start..start.checked_add(raw.len())?)
        })
        .collect();
    Ok(Envelope::Bundle(entries))
}

/// Reads one resource's JSON as a response.
fn read_resource(instrument: &Instrument, json: &[u8]) -> Result<Response, FormError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Kind {
        #[serde(default)]
        resource_type: Option<String>,
    }
    let mut de = serde_json::Deserializer::from_slice(json);
    let kind: Kind = crate::de::object(&mut de).map_err(|err| FormError::json(&err))?;
    de.end().map_err(|err| FormError::json(&err))?;
    if kind.resource_type.as_deref() != Some(QUESTIONNAIRE_RESPONSE) {
        return Err(FormError::WrongResourceType { found: kind.resource_type });
    }
    let mut de = serde_json::Deserializer::from_slice(json);
    let qr: QuestionnaireResponse = crate::de::object(&mut de).map_err(|err| FormError::json(&err))?;
    response_from_fhir(instrument, &qr)
}

/// A JSON error in an entry at byte `start` of `text`, placed in `text`.
fn at(err: FormError, text: &str, start: usize) -> FormError {
    match err {
        FormError::Json { line, column, message } => {
            let (line0, column0) = line_column(text.as_bytes(), start);
            if line == 1 {
                FormError::Json { line: line0, column: column0 + column - 1, message }
            } else {
                FormError::Json { line: line0 + line - 1, column, message }
            }
        }
        other => other,
    }
}

/// The line and column, from 1, of byte `offset` of `text`.
fn line_column(text: &[u8], offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let column = before.len() - memchr::memrchr(b'\n', before).map_or(0, |i| i + 1) + 1;
    (line, column)
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// Whether `line` is one complete JSON object and nothing else.
fn is_object(line: &[u8]) -> bool {
    let trimmed = line.trim_ascii();
    trimmed.starts_with(b"{") && serde_json::from_slice::<serde::de::IgnoredAny>(trimmed).is_ok()
}

/// Reads one line (without its `\n`) into `buf`, of at most `limit` bytes;
/// a longer line is skipped to its end.
fn read_line<R: Read>(reader: &mut BufReader<R>, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Read1> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            return Ok(if too_long {
                Read1::TooLong
            } else if any {
                Read1::Line
            } else {
                Read1::Eof
            });
        }
        any = true;
        let (take, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > limit {
                too_long = true;
                buf.clear();
            } else if let Some(part) = chunk.get(..take) {
                buf.extend_from_slice(part);
            }
        }
        reader.consume(if end { take + 1 } else { take });
        if end {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if too_long { Read1::TooLong } else { Read1::Line });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column(b"ab", 10), (1, 3));
    }

    #[test]
    fn lines_are_read_up_to_their_limit() {
        let mut reader = BufReader::with_capacity(4, &b"abc\r\n0123456789\nxy"[..]);
        let mut buf = Vec::new();
        assert!(matches!(read_line(&mut reader, &mut buf, 5), Ok(Read1::Line)));
        assert_eq!(buf, b"abc");
        buf.clear();
        assert!(matches!(read_line(&mut reader, &mut buf, 5), Ok(Read1::TooLong)));
        buf.clear();
        assert!(matches!(read_line(&mut reader, &mut buf, 5), Ok(Read1::Line)));
        assert_eq!(buf, b"xy");
        buf.clear();
        assert!(matches!(read_line(&mut reader, &mut buf, 5), Ok(Read1::Eof)));
    }

    #[test]
    fn a_complete_object_on_a_line() {
        assert!(is_object(br#" {"a": 1} "#));
        assert!(!is_object(b"{"));
        assert!(!is_object(b"[1]"));
        assert!(!is_object(br#"{"a": 1} x"#));
    }
}
