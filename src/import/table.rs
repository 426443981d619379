//! A table of answers opened: its header rows understood, its rows read one
//! at a time into responses.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read};

use super::cell::{CellError, CellProblem};
use super::error::{ImportError, ImportWarning};
use super::fold::fold;
use super::mapping::Mapping;
use super::plan::{Column, ColumnUse, Field, Plan, Read as CellRead, plan};
use crate::instrument::Instrument;
use crate::report::FingerprintKey;
use crate::response::{Answer, Respondent, RespondentId, Response, Sheet, rules};

use crate::limits::MAX_HEADER_ROWS;

/// How a table is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableFormat {
    /// Comma-separated values (a semicolon-separated file, as Excel writes
    /// in some locales, is recognised by its first line).
    Csv,
    /// Tab-separated values.
    Tsv,
    /// An Excel workbook (`.xlsx`), as Microsoft Forms exports.
    #[cfg(feature = "xlsx")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
    Xlsx,
}

impl TableFormat {
    /// The format a file name's extension says (`.csv`, `.tsv`, `.tab`,
    /// `.xlsx`; any case), if any.
    ///
    /// ```
    /// use collaboration::import::TableFormat;
    ///
    /// assert_eq!(TableFormat::from_path("export.CSV".as_ref()), Some(TableFormat::Csv));
    /// assert_eq!(TableFormat::from_path("team.jsonl".as_ref()), None);
    /// ```
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(Self::Csv),
            "tsv" | "tab" => Some(Self::Tsv),
            #[cfg(feature = "xlsx")]
            "xlsx" | "xlsm" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

/// Which layout of header rows a table was found to have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layout {
    /// One header row (Google Forms, Microsoft Forms, LimeSurvey, a
    /// spreadsheet of one's own).
    Plain,
    /// Qualtrics: three header rows, the third of `{"ImportId": …}`.
    Qualtrics,
    /// SurveyMonkey: two header rows, the question above its answer
    /// options.
    SurveyMonkey,
    /// As many header rows as the mapping file says.
    Mapped(usize),
}

impl Layout {
    /// How many rows head the table.
    pub const fn header_rows(self) -> usize {
        match self {
            Self::Plain => 1,
            Self::Qualtrics => 3,
            Self::SurveyMonkey => 2,
            Self::Mapped(n) => n,
        }
    }
}

/// A row's cells, as bytes.
trait Cells {
    fn cell(&self, column: usize) -> &[u8];
    fn width(&self) -> usize;
}

impl Cells for csv::ByteRecord {
    fn cell(&self, column: usize) -> &[u8] {
        self.get(column).unwrap_or_default()
    }
    fn width(&self) -> usize {
        self.len()
    }
}

impl Cells for Vec<String> {
    fn cell(&self, column: usize) -> &[u8] {
        self.get(column).map(String::as_bytes).unwrap_or_default()
    }
    fn width(&self) -> usize {
        self.len()
    }
}

/// Where the rows come from.
enum Rows<'a> {
    Delimited {
        reader: csv::Reader<Box<dyn Read + 'a>>,
        /// Rows read before the data, given back first.
        pending: VecDeque<csv::ByteRecord>,
        /// The number of the last row read.
        row: usize,
    },
    /// A workbook's rows, read whole (none without the `xlsx` feature).
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    Cells(std::vec::IntoIter<(usize, Vec<String>)>),
}

/// One respondent's row, read: their response, or every bad cell in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row, as the spreadsheet numbers it (the first header row is 1).
    pub number: usize,
    /// The response the row gives, or every bad cell in it (at least one).
    pub result: Result<Response, Vec<CellError>>,
}

/// A row read into what scoring needs.
pub(crate) struct Record {
    pub(crate) number: usize,
    /// The respondent, their answers and their fingerprint.
    pub(crate) result: Converted,
}

/// A table of answers, as a form tool exports it, read one respondent's row
/// at a time: CSV, TSV or an Excel workbook, for any instrument
/// (docs/import.md).
///
/// Opening it reads the header rows and decides once what every column
/// gives ([`Table::columns`]); a column that gives nothing is reported in
/// [`Table::warnings`], never dropped silently. Each later row is a
/// [`Row`]: a checked [`Response`], or every bad cell of it, each naming
/// the row and column as the spreadsheet shows them, the respondent and the
/// value. Rows whose cells are all empty are not responses and are passed
/// over. To score a table, give it to
/// [`batch::Counter::table`](crate::batch::Counter::table).
///
/// ```
/// use collaboration::Instrument;
/// use collaboration::import::{Mapping, Table};
///
/// let csv = "Timestamp,Email Address,Organisation,Trust [Do you spend time building and strengthening your relationships as a group?]\n\
///            2026/03/02 10:14:07,ana@example.org,City Council,Largely\n\
///            2026/03/02 11:40:51,ben@example.org,Riverside Trust,2\n";
/// let table = Table::csv(csv.as_bytes(), Instrument::builtin(), &Mapping::default())?;
/// assert_eq!(table.warnings()[0].header(), "Timestamp");
/// let responses: Vec<_> = table.map(|row| row.map(|row| row.result)).collect::<Result<_, _>>()?;
/// let ana = responses[0].as_ref().map_err(|errors| errors[0].to_string())?;
/// assert_eq!(ana.respondent.id.as_str(), "ana@example.org");
/// assert_eq!(ana.answers["healthy-trusting-relationships.2"], 4.into());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Table<'a> {
    instrument: &'a Instrument,
    plan: Plan,
    layout: Layout,
    rows: Rows<'a>,
    /// Respondents seen, by fingerprint, with the row they were first in.
    seen: HashMap<u128, usize>,
    /// How fingerprints are made: a counter sets its aggregator's, so that
    /// each respondent is fingerprinted once.
    key: (FingerprintKey, bool),
    sheet: Sheet,
    failed: bool,
}

impl std::fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("instrument", &self.instrument.id())
            .field("layout", &self.layout)
            .field("columns", &self.plan.columns)
            .finish_non_exhaustive()
    }
}

/// The bytes of a header cell, as text.
fn header_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.trim_start_matches('\u{feff}').trim().to_owned()
}

/// Whether the rows read look like Qualtrics' or SurveyMonkey's header rows.
fn detect(rows: &[Vec<String>]) -> Layout {
    if let Some(third) = rows.get(2)
        && third.iter().any(|c| c.trim_start().starts_with("{\"ImportId\""))
    {
        return Layout::Qualtrics;
    }
    if let (Some(first), Some(second)) = (rows.first(), rows.get(1))
        && let Some(id) = first.iter().position(|c| fold(c) == "respondent id")
        && second.get(id).is_none_or(|c| c.trim().is_empty())
        && second.iter().any(|c| !c.trim().is_empty())
    {
        return Layout::SurveyMonkey;
    }
    Layout::Plain
}

/// `input` as UTF-8: decoded from UTF-16 as it is read when it starts with
/// a UTF-16 byte order mark (which is dropped), and as it is otherwise, so
/// a UTF-8 table's bytes, invalid ones too, reach the reader unchanged.
fn utf8<'a>(input: impl Read + 'a) -> std::io::Result<Box<dyn Read + 'a>> {
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let start = reader.fill_buf()?;
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new().strip_bom(true).build(reader);
        return Ok(Box::new(decoded));
    }
    Ok(Box::new(reader))
}

/// The order header rows' texts are tried in: the lowest first, without
/// Qualtrics' row of import ids.
fn order(layout: Layout) -> Vec<usize> {
    match layout {
        Layout::Qualtrics => vec![1, 0],
        other => (0..other.header_rows()).rev().collect(),
    }
}

impl<'a> Table<'a> {
    /// Opens a CSV table: comma-separated, or semicolon-separated when its
    /// first line has more semicolons than commas; quoted as RFC 4180 and
    /// spreadsheets write it; a byte order mark is passed over. A table
    /// that starts with a UTF-16 byte order mark is read as UTF-16 (see
    /// [`Table::tsv`]); any other as UTF-8.
    ///
    /// # Errors
    ///
    /// [`ImportError`] when the header rows cannot be read, the mapping
    /// file does not fit the table or the instrument, two columns answer
    /// one item, or no column is an item.
    pub fn csv(
        input: impl Read + 'a,
        instrument: &'a Instrument,
        mapping: &Mapping,
    ) -> Result<Self, ImportError> {
        let mut reader = BufReader::with_capacity(1 << 16, utf8(input)?);
        let start = reader.fill_buf()?;
        let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
        let count = |sep: u8| memchr::memchr_iter(sep, line).count();
        let delimiter = if count(b';') > count(b',') { b';' } else { b',' };
        Self::delimited(Box::new(reader), delimiter, instrument, mapping)
    }

    /// Opens a TSV table: tab-separated, quoted as spreadsheets write it.
    /// A table that starts with a UTF-16 byte order mark (little- or
    /// big-endian), as Excel's "Unicode Text" and Qualtrics' TSV exports
    /// are written, is decoded from UTF-16 as it is read (an unpaired
    /// surrogate becomes U+FFFD); any other is read as UTF-8.
    ///
    /// # Errors
    ///
    /// As [`Table::csv`].
    pub fn tsv(
        input: impl Read + 'a,
        instrument: &'a Instrument,
        mapping: &Mapping,
    ) -> Result<Self, ImportError> {
        Self::delimited(utf8(input)?, b'\t', instrument, mapping)
    }

    /// Opens a table in the given format. A workbook is read whole, up to
    /// [`MAX_TABLE_BYTES`](crate::limits::MAX_TABLE_BYTES).
    ///
    /// # Errors
    ///
    /// As [`Table::csv`], and for a workbook as [`Table::xlsx`].
    pub fn read(
        input: impl Read + 'a,
        format: TableFormat,
        instrument: &'a Instrument,
        mapping: &Mapping,
    ) -> Result<Self, ImportError> {
        match format {
            TableFormat::Csv => Self::csv(input, instrument, mapping),
            TableFormat::Tsv => Self::tsv(input, instrument, mapping),
            #[cfg(feature = "xlsx")]
            TableFormat::Xlsx => {
                let limit = crate::limits::MAX_TABLE_BYTES;
                let mut bytes = Vec::new();
                input.take(limit + 1).read_to_end(&mut bytes)?;
                if bytes.len() as u64 > limit {
                    return Err(ImportError::TooLarge { what: "workbook", limit });
                }
                Self::xlsx(&bytes, instrument, mapping)
            }
        }
    }

    fn delimited(
        input: Box<dyn Read + 'a>,
        delimiter: u8,
        instrument: &'a Instrument,
        mapping: &Mapping,
    ) -> Result<Self, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(input);
        let wanted = match mapping.header_rows {
            Some(n) => check_rows(n)?,
            None => 3,
        };
        let mut peeked = Vec::new();
        let mut row = 0;
        while peeked.len() < wanted {
            let mut record = csv::ByteRecord::new();
            match reader.read_byte_record(&mut record) {
                Ok(true) => {
                    row += 1;
                    peeked.push(record);
                }
                Ok(false) => break,
                Err(err) => return Err(csv_error(row + 1, &err)),
            }
        }
        let texts: Vec<Vec<String>> = peeked.iter().map(|r| r.iter().map(header_text).collect()).collect();
        let layout = match mapping.header_rows {
            Some(n) => Layout::Mapped(n),
            None => detect(&texts),
        };
        let plan = Self::plan(instrument, mapping, layout, texts)?;
        let pending: VecDeque<csv::ByteRecord> = peeked.into_iter().skip(layout.header_rows()).collect();
        let row = row - pending.len();
        Ok(Self::new(instrument, plan, layout, Rows::Delimited { reader, pending, row }))
    }

    /// Opens the first sheet of an Excel workbook (`.xlsx`), or the one the
    /// mapping file names. Numbers are read as the text they show; dates as
    /// ISO 8601.
    ///
    /// # Errors
    ///
    /// As [`Table::csv`]; [`ImportError::Workbook`] for bytes that are not a
    /// workbook, [`ImportError::NoSuchSheet`], and
    /// [`ImportError::TooLarge`] for a workbook that unpacks to more than
    /// [`MAX_WORKBOOK_UNPACKED_BYTES`](crate::limits::MAX_WORKBOOK_UNPACKED_BYTES)
    /// or holds more than [`MAX_TABLE_CELLS`](crate::limits::MAX_TABLE_CELLS)
    /// cells.
    #[cfg(feature = "xlsx")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
    pub fn xlsx(bytes: &[u8], instrument: &'a Instrument, mapping: &Mapping) -> Result<Self, ImportError> {
        let rows = super::workbook::rows(bytes, mapping.sheet.as_deref())?;
        let wanted = match mapping.header_rows {
            Some(n) => check_rows(n)?,
            None => 3,
        };
        // Header rows are the first rows of the sheet as it is numbered.
        // Every column with a value anywhere is a column, headed or not, so
        // that one with no header is reported rather than passed over.
        let width = rows.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0);
        let texts: Vec<Vec<String>> = (1..=wanted)
            .map(|n| {
                let mut cells: Vec<String> = rows
                    .iter()
                    .find(|(row, _)| *row == n)
                    .map(|(_, cells)| cells.iter().map(|c| header_text(c.as_bytes())).collect())
                    .unwrap_or_default();
                if n == 1 {
                    cells.resize(width.max(cells.len()), String::new());
                }
                cells
            })
            .collect();
        if rows.is_empty() {
            return Err(ImportError::Empty);
        }
        let layout = match mapping.header_rows {
            Some(n) => Layout::Mapped(n),
            None => detect(&texts),
        };
        let plan = Self::plan(instrument, mapping, layout, texts)?;
        let first_data = layout.header_rows();
        let data: Vec<(usize, Vec<String>)> = rows.into_iter().filter(|(row, _)| *row > first_data).collect();
        Ok(Self::new(instrument, plan, layout, Rows::Cells(data.into_iter())))
    }

    fn plan(
        instrument: &Instrument,
        mapping: &Mapping,
        layout: Layout,
        texts: Vec<Vec<String>>,
    ) -> Result<Plan, ImportError> {
        if texts.first().is_none_or(|cells| cells.iter().all(String::is_empty)) {
            return Err(ImportError::Empty);
        }
        let headers: Vec<(usize, Vec<String>)> = texts
            .into_iter()
            .take(layout.header_rows())
            .enumerate()
            .map(|(i, cells)| (i + 1, cells))
            .collect();
        let spans = matches!(layout, Layout::SurveyMonkey) || matches!(layout, Layout::Mapped(n) if n > 1);
        plan(instrument, mapping, &headers, &order(layout), spans)
    }

    fn new(instrument: &'a Instrument, plan: Plan, layout: Layout, rows: Rows<'a>) -> Self {
        let items = instrument.items().len();
        Self {
            instrument,
            plan,
            layout,
            rows,
            seen: HashMap::new(),
            key: (*FingerprintKey::process(), false),
            sheet: Sheet::new(items),
            failed: false,
        }
    }

    /// Every column, and what it gives.
    pub fn columns(&self) -> &[Column] {
        &self.plan.columns
    }

    /// The columns that were not read, each once, and why.
    pub fn warnings(&self) -> &[ImportWarning] {
        &self.plan.warnings
    }

    /// The layout of header rows found (or given).
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The instrument the table is read for.
    pub fn instrument(&self) -> &'a Instrument {
        self.instrument
    }

    /// Fingerprints respondents with `key` (folding case when `fold_case`),
    /// as the aggregator that counts the table does.
    pub(crate) fn fingerprint_with(&mut self, key: FingerprintKey, fold_case: bool) {
        self.key = (key, fold_case);
    }

    /// The respondent id's column (from 1) and header, when a column gives it.
    pub(crate) fn id_column(&self) -> Option<(usize, String)> {
        let column = self.plan.field(Field::Id)?;
        self.plan.columns.get(column).map(|c| (c.index, c.header.clone()))
    }

    /// The next row that is not blank, read into a respondent and a sheet.
    pub(crate) fn next_record(&mut self) -> Option<Result<Record, ImportError>> {
        loop {
            let converted = match self.rows.next_raw(&mut self.failed)? {
                Err(e) => return Some(Err(e)),
                Ok((number, raw)) => {
                    let converter =
                        Converter { instrument: self.instrument, plan: &self.plan, key: self.key };
                    converter.convert(number, &raw, &mut self.sheet).map(|r| (number, r))
                }
            };
            if let Some((number, result)) = converted {
                let result = self.dedupe(number, result);
                return Some(Ok(Record { number, result }));
            }
        }
    }

    /// The table in its parts, for a counter that converts rows on worker
    /// threads: the converter they share, the rows to read, and the
    /// respondents seen.
    pub(crate) fn split(&mut self) -> (Converter<'_>, RowReader<'_, 'a>, Seen<'_>) {
        let id_column = self.id_column();
        (
            Converter { instrument: self.instrument, plan: &self.plan, key: self.key },
            RowReader { rows: &mut self.rows, failed: &mut self.failed },
            Seen { seen: &mut self.seen, id_column },
        )
    }

    /// A converted row, checked against the rows before it.
    fn dedupe(&mut self, number: usize, result: Converted) -> Converted {
        let id_column = self.id_column();
        Seen { seen: &mut self.seen, id_column }.check(number, result)
    }
}

/// The rows of a table still to read.
pub(crate) struct RowReader<'t, 'a> {
    rows: &'t mut Rows<'a>,
    failed: &'t mut bool,
}

impl RowReader<'_, '_> {
    /// Reads the next row into `into`, reusing its buffers; its number.
    pub(crate) fn next_raw_into(&mut self, into: &mut RawRow) -> Option<Result<usize, ImportError>> {
        self.rows.next_raw_into(self.failed, into)
    }
}

/// The respondents of the rows read so far, with the row each was first in.
pub(crate) struct Seen<'t> {
    seen: &'t mut HashMap<u128, usize>,
    id_column: Option<(usize, String)>,
}

impl Seen<'_> {
    /// The row a respondent's fingerprint was first seen in.
    pub(crate) fn first_row(&self, print: u128) -> Option<usize> {
        self.seen.get(&print).copied()
    }

    /// Notes a respondent's fingerprint, first seen in row `number`.
    pub(crate) fn note(&mut self, print: u128, number: usize) {
        self.seen.insert(print, number);
    }

    /// A converted row, checked against the rows before it: a respondent
    /// seen in an earlier row is refused, naming that row.
    pub(crate) fn check(&mut self, number: usize, result: Converted) -> Converted {
        let Ok((respondent, _, print)) = &result else { return result };
        if let Some(&first) = self.seen.get(print) {
            let id = respondent.id.as_str().to_owned();
            return Err(vec![CellError::repeat(number, self.id_column.as_ref(), id, Some(first))]);
        }
        self.seen.insert(*print, number);
        result
    }
}

/// A row converted: the respondent, their answers and their fingerprint,
/// or every bad cell.
pub(crate) type Converted = Result<(Respondent, Sheet, u128), Vec<CellError>>;

/// A row as read: a CSV record's bytes, or a workbook row's texts.
#[derive(Debug, Default)]
pub(crate) enum RawRow {
    /// No row (a buffer not yet filled).
    #[default]
    Empty,
    Bytes(csv::ByteRecord),
    Texts(Vec<String>),
}

impl Cells for RawRow {
    fn cell(&self, column: usize) -> &[u8] {
        match self {
            Self::Bytes(record) => record.cell(column),
            Self::Texts(cells) => cells.cell(column),
            Self::Empty => &[],
        }
    }
    fn width(&self) -> usize {
        match self {
            Self::Bytes(record) => record.width(),
            Self::Texts(cells) => cells.width(),
            Self::Empty => 0,
        }
    }
}

impl Rows<'_> {
    fn next_raw(&mut self, failed: &mut bool) -> Option<Result<(usize, RawRow), ImportError>> {
        let mut row = RawRow::Bytes(csv::ByteRecord::new());
        let number = self.next_raw_into(failed, &mut row)?;
        Some(number.map(|n| (n, row)))
    }

    /// Reads the next row into `into`, reusing its buffers; its number.
    fn next_raw_into(&mut self, failed: &mut bool, into: &mut RawRow) -> Option<Result<usize, ImportError>> {
        if *failed {
            return None;
        }
        match self {
            Self::Delimited { reader, pending, row } => {
                if let Some(next) = pending.pop_front() {
                    *into = RawRow::Bytes(next);
                } else {
                    if !matches!(into, RawRow::Bytes(_)) {
                        *into = RawRow::Bytes(csv::ByteRecord::new());
                    }
                    let RawRow::Bytes(record) = into else { return None };
                    match reader.read_byte_record(record) {
                        Ok(true) => {}
                        Ok(false) => return None,
                        Err(err) => {
                            *failed = true;
                            return Some(Err(csv_error(*row + 1, &err)));
                        }
                    }
                }
                *row += 1;
                Some(Ok(*row))
            }
            Self::Cells(rows) => rows.next().map(|(number, cells)| {
                *into = RawRow::Texts(cells);
                Ok(number)
            }),
        }
    }
}

/// What turns a row into a response; shared by the workers of a counter.
#[derive(Clone, Copy)]
pub(crate) struct Converter<'t> {
    instrument: &'t Instrument,
    plan: &'t Plan,
    key: (FingerprintKey, bool),
}

impl Converter<'_> {
    /// Reads one row: `None` when every cell is empty.
    pub(crate) fn convert(&self, number: usize, row: &RawRow, sheet: &mut Sheet) -> Option<Converted> {
        convert(self.instrument, self.plan, sheet, &self.key, number, row)
    }
}

fn check_rows(n: usize) -> Result<usize, ImportError> {
    if (1..=MAX_HEADER_ROWS).contains(&n) {
        Ok(n)
    } else {
        Err(ImportError::Mapping(super::error::MappingError::HeaderRows { rows: n }))
    }
}

fn csv_error(row: usize, err: &csv::Error) -> ImportError {
    match err.kind() {
        csv::ErrorKind::Io(e) => ImportError::Io(std::io::Error::new(e.kind(), e.to_string())),
        _ => ImportError::Csv { row, message: err.to_string() },
    }
}

impl Iterator for Table<'_> {
    type Item = Result<Row, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.next_record()?;
        Some(record.map(|Record { number, result }| Row {
            number,
            result: result.map(|(respondent, sheet, _)| {
                let mut response = Response::new(self.instrument.id(), respondent);
                response.instrument_version = None;
                for (item, &code) in self.instrument.items().iter().zip(sheet.codes()) {
                    let answer = match code {
                        Sheet::MISSING => continue,
                        Sheet::NA => Answer::NotApplicable,
                        value => Answer::Value(value),
                    };
                    response.answers.insert(item.id.clone(), answer);
                }
                response
            }),
        }))
    }
}

/// A cell's text, trimmed, or a problem when it is not UTF-8.
fn text(bytes: &[u8]) -> Result<&str, String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.trim()),
        Err(_) => Err(String::from_utf8_lossy(bytes).trim().to_owned()),
    }
}

/// Reads one row: `None` when every cell is empty.
fn convert(
    instrument: &Instrument,
    plan: &Plan,
    sheet: &mut Sheet,
    key: &(FingerprintKey, bool),
    number: usize,
    row: &impl Cells,
) -> Option<Converted> {
    if (0..row.width()).all(|c| row.cell(c).trim_ascii().is_empty()) {
        return None;
    }
    let mut errors = Vec::new();
    let header = |column: usize| plan.columns.get(column).map(|c| c.header.clone()).unwrap_or_default();
    // A value past the last header (a CSV row longer than its header row)
    // would be read by nothing: it is an error, not dropped.
    for column in plan.columns.len()..row.width() {
        let cell = row.cell(column).trim_ascii();
        if !cell.is_empty() {
            errors.push(CellError {
                row: number,
                column: column + 1,
                header: String::new(),
                respondent: None,
                value: String::from_utf8_lossy(cell).into_owned(),
                problem: CellProblem::PastTheHeader { columns: plan.columns.len() },
            });
        }
    }
    let error = |column: usize, value: String, problem: CellProblem| CellError {
        row: number,
        column: column + 1,
        header: header(column),
        respondent: None,
        value,
        problem,
    };

    // The respondent.
    let id_text = match plan.field(Field::Id) {
        Some(column) => match text(row.cell(column)) {
            Ok(t) => Some((column, t.to_owned())),
            Err(lossy) => {
                errors.push(error(column, lossy, CellProblem::NotUtf8));
                None
            }
        },
        None => Some((usize::MAX, format!("row-{number}"))),
    };
    let mut respondent = match id_text {
        Some((column, id)) => match RespondentId::new(id.as_str()) {
            Ok(id) => Some((
                column,
                Respondent { id, roles: Vec::new(), organisation: None, power_sources: Vec::new() },
            )),
            Err(e) => {
                errors.push(error(column, id, CellProblem::Respondent(e)));
                None
            }
        },
        None => None,
    };
    let who = respondent.as_ref().map(|(_, r)| r.id.as_str().to_owned());
    if let Some((_, r)) = &mut respondent {
        if let Some(column) = plan.field(Field::Organisation) {
            match text(row.cell(column)) {
                Ok("") => {}
                Ok(org) => match rules::organisation(r.id.as_str(), Some(org)) {
                    Ok(()) => r.organisation = Some(org.to_owned()),
                    Err(e) => errors.push(error(column, org.to_owned(), CellProblem::Respondent(e))),
                },
                Err(lossy) => errors.push(CellError {
                    respondent: Some(r.id.as_str().to_owned()),
                    ..error(column, lossy, CellProblem::NotUtf8)
                }),
            }
        }
        if let Some(column) = plan.field(Field::Roles) {
            let cell = String::from_utf8_lossy(row.cell(column));
            for part in parts(&cell) {
                match super::plan::role_in(part) {
                    Some(role) if !r.roles.contains(&role) => r.roles.push(role),
                    Some(_) => {}
                    None => errors.push(error(
                        column,
                        cell.trim().to_owned(),
                        CellProblem::UnknownRole { part: part.to_owned() },
                    )),
                }
            }
        }
        if let Some(column) = plan.field(Field::PowerSources) {
            let cell = String::from_utf8_lossy(row.cell(column));
            for part in parts(&cell) {
                match super::plan::power_source_in(part) {
                    Some(source) if !r.power_sources.contains(&source) => r.power_sources.push(source),
                    Some(_) => {}
                    None => errors.push(error(
                        column,
                        cell.trim().to_owned(),
                        CellProblem::UnknownPowerSource { part: part.to_owned() },
                    )),
                }
            }
        }
        for (column, reads) in &plan.options {
            if row.cell(*column).trim_ascii().is_empty() {
                continue;
            }
            match reads {
                ColumnUse::HasRole(role) if !r.roles.contains(role) => r.roles.push(*role),
                ColumnUse::HoldsPower(source) if !r.power_sources.contains(source) => {
                    r.power_sources.push(*source);
                }
                _ => {}
            }
        }
    }

    // The answers.
    sheet.clear();
    for &(column, position, reader) in &plan.items {
        let Some(scale) = plan.scales.get(reader) else { continue };
        let item = || instrument.items().get(position).map(|i| i.id.clone()).unwrap_or_default();
        let cell = row.cell(column).trim_ascii();
        if cell.is_empty() {
            continue;
        }
        let problem = match scale.read(cell) {
            CellRead::Answer(code) => {
                sheet.set(position, code);
                continue;
            }
            CellRead::Unanswered => continue,
            CellRead::OutOfScale => CellProblem::OutOfScale { item: item(), points: scale.points },
            CellRead::NotApplicableForbidden => {
                CellProblem::NotApplicableForbidden { item: item(), scale: scale.id.clone() }
            }
            CellRead::Unknown => {
                // A cell of only Unicode white space is empty too.
                if std::str::from_utf8(cell).is_ok_and(|t| t.trim().is_empty()) {
                    continue;
                }
                unknown(scale, item())
            }
        };
        let problem = (String::from_utf8_lossy(cell).trim().to_owned(), problem);
        errors.push(error(column, problem.0, problem.1));
    }

    for e in &mut errors {
        e.respondent.clone_from(&who);
    }
    match respondent {
        Some((_, r)) if errors.is_empty() => {
            let print = key.0.fingerprint(r.id.as_str(), key.1);
            Some(Ok((r, sheet.clone(), print)))
        }
        _ => Some(Err(errors)),
    }
}

fn unknown(scale: &super::plan::ScaleReader, item: String) -> CellProblem {
    CellProblem::UnknownLabel {
        item,
        scale: scale.id.clone(),
        points: scale.points,
        labels: scale.labels.clone(),
        not_applicable: scale.not_applicable,
    }
}

/// The parts of a list cell: separated by `;` or `,`, trimmed, empty ones
/// dropped.
fn parts(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', ',']).map(str::trim).filter(|p| !p.is_empty())
}
