//! Reading a file of responses of any format the crate reads: JSON Lines,
//! a JSON array, a FHIR resource, Bundle or NDJSON, and the form tools'
//! CSV, TSV and Excel exports.
//!
//! The format is told as the `collaboration` command tells it: by the
//! extension, else by the first bytes (a zip is a workbook; `{` or `[` is
//! JSON, FHIR when its first object has a top-level `resourceType`; a line
//! with separators is a table).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use collaboration::batch::{self, Aggregated, BatchOptions, Counter, Rejection};
use collaboration::import::{Mapping, Table, TableFormat};
use collaboration::{GroupReport, Instrument, Scorecard, ScoringOptions};

use crate::error::{Failure, Kind};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// JSON Lines or one JSON array of responses.
    Json,
    /// FHIR `QuestionnaireResponse`s.
    Fhir,
    /// A form tool's export.
    Table(TableFormat),
}

/// How many bytes are looked at to tell the format.
const PEEK: usize = 64 * 1024;

fn open(path: &Path) -> Result<File, Failure> {
    File::open(path).map_err(Failure::Io)
}

/// The format of the file at `path`.
fn format(path: &Path) -> Result<Format, Failure> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => return Ok(Format::Table(TableFormat::Csv)),
        Some("tsv" | "tab") => return Ok(Format::Table(TableFormat::Tsv)),
        Some("xlsx" | "xlsm") => return Ok(Format::Table(TableFormat::Xlsx)),
        Some(other @ ("xls" | "ods" | "numbers")) => {
            return Err(Failure::new(
                Kind::InvalidBatch,
                format!("{}: a .{other} file is not read; save it as .xlsx or .csv", path.display()),
            ));
        }
        _ => {}
    }
    let mut peeked = Vec::with_capacity(PEEK);
    open(path)?.take(PEEK as u64).read_to_end(&mut peeked).map_err(Failure::Io)?;
    if peeked.starts_with(b"PK\x03\x04") {
        return Ok(Format::Table(TableFormat::Xlsx));
    }
    let start = peeked.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&peeked);
    let start = start.get(start.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(start.len())..);
    let start = start.unwrap_or_default();
    let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
    match start.first() {
        // An object: FHIR when it names a `resourceType` (a resource on its
        // own, a Bundle, or NDJSON's first line), as the command tells it.
        Some(b'{') => Ok(if names_a_resource_type(path)? { Format::Fhir } else { Format::Json }),
        Some(b'[') => Ok(Format::Json),
        Some(_) if line.iter().any(|b| matches!(b, b',' | b';' | b'\t')) => {
            let (mut tabs, mut commas) = (0_usize, 0_usize);
            for &b in line {
                match b {
                    b'\t' => tabs += 1,
                    b',' | b';' => commas += 1,
                    _ => {}
                }
            }
            Ok(Format::Table(if tabs > commas { TableFormat::Tsv } else { TableFormat::Csv }))
        }
        // Anything else is read as JSON Lines, whose reader names each bad line.
        _ => Ok(Format::Json),
    }
}

/// Whether the file's first JSON object has a top-level `resourceType`
/// field. Its fields are read in order, their values skipped unread, up to
/// that field or the object's end: a pretty-printed Bundle, where the field
/// is on a line of its own or after the entries, is FHIR too. An object that
/// cannot be read is not FHIR; the JSON reader then names its problem.
fn names_a_resource_type(path: &Path) -> Result<bool, Failure> {
    use serde::de::{Deserializer as _, Error as _, IgnoredAny, MapAccess, Visitor};

    /// Reads an object's keys until `resourceType`, then stops.
    struct Keys<'a>(&'a mut bool);

    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = ();

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "resourceType" {
                    *self.0 = true;
                    // Found: the rest of the file is not read.
                    return Err(A::Error::custom("found"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }

    let mut found = false;
    let reader = BufReader::with_capacity(PEEK, open(path)?);
    let _ = serde_json::Deserializer::from_reader(reader).deserialize_map(Keys(&mut found));
    Ok(found)
}

/// A table opened on the file.
fn table<'i>(path: &Path, format: TableFormat, instrument: &'i Instrument) -> Result<Table<'i>, Failure> {
    let reader = BufReader::with_capacity(PEEK, open(path)?);
    Table::read(reader, format, instrument, &Mapping::default())
        .map_err(|e| Failure::new(Kind::InvalidBatch, format!("{}: {e}", path.display())))
}

/// The group report of every response in the file.
pub(crate) fn score(
    path: &Path,
    instrument: &Instrument,
    options: &BatchOptions,
) -> Result<GroupReport, Failure> {
    let format = format(path)?;
    let mut counter = Counter::new(instrument, options, |_: &Rejection| {});
    let read = match format {
        Format::Json => counter.json(open(path)?),
        Format::Fhir => counter.fhir(BufReader::with_capacity(PEEK, open(path)?)),
        Format::Table(format) => counter.table(table(path, format, instrument)?),
    };
    read.map_err(|e| Failure::batch(e, path))?;
    let Aggregated { aggregator, .. } = counter.finish().map_err(|e| Failure::batch(e, path))?;
    Ok(aggregator.report())
}

/// Every scorecard of the file, in its order. A rejected response is an
/// error unless `skip_invalid`.
pub(crate) fn scorecards(
    path: &Path,
    instrument: &Instrument,
    skip_invalid: bool,
) -> Result<Vec<Scorecard>, Failure> {
    let options = ScoringOptions::default();
    let mut cards = Vec::new();
    let reject = |rejection: &Rejection| -> Result<(), Failure> {
        if skip_invalid {
            Ok(())
        } else {
            Err(Failure::rejection(&format!("{}: {rejection}", path.display()), Some(rejection)))
        }
    };
    match format(path)? {
        Format::Json => {
            for entry in batch::scorecards(BufReader::with_capacity(PEEK, open(path)?), instrument, &options)
            {
                let (_, result) = entry.map_err(|e| Failure::batch(e, path))?;
                match result {
                    Ok(card) => cards.push(card),
                    Err(rejection) => reject(&rejection)?,
                }
            }
        }
        Format::Fhir => {
            return Err(Failure::new(
                Kind::InvalidBatch,
                format!(
                    "{}: scorecards are read from JSON and tables; score FHIR with score_file",
                    path.display()
                ),
            ));
        }
        Format::Table(format) => {
            for row in table(path, format, instrument)? {
                let row =
                    row.map_err(|e| Failure::new(Kind::InvalidBatch, format!("{}: {e}", path.display())))?;
                match row.result {
                    Ok(response) => match instrument.score_with(&response, &options) {
                        Ok(card) => cards.push(card),
                        Err(e) => {
                            if !skip_invalid {
                                let mut failure = Failure::response(&e, false);
                                if let Failure::Collaboration { kind, line, message, .. } = &mut failure {
                                    *kind = Kind::InvalidBatch;
                                    *line = Some(row.number);
                                    *message = format!("{}: row {}: {message}", path.display(), row.number);
                                }
                                return Err(failure);
                            }
                        }
                    },
                    Err(errors) => {
                        if !skip_invalid {
                            let first = errors.first();
                            let message =
                                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                            return Err(Failure::Collaboration {
                                kind: Kind::InvalidBatch,
                                message: format!("{}: {message}", path.display()),
                                item: first.and_then(|c| c.item().map(str::to_owned)),
                                respondent: first.and_then(|c| c.respondent.clone()),
                                line: Some(row.number),
                            });
                        }
                    }
                }
            }
        }
    }
    if cards.is_empty() {
        return Err(Failure::new(
            Kind::InvalidBatch,
            format!("{}: no response could be scored", path.display()),
        ));
    }
    Ok(cards)
}
