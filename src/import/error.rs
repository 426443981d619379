//! What stops a table being read, and what the caller is told about columns
//! that were not used.

use std::fmt;

use super::fold::letters;
use crate::error::quote;

/// A column, as a person finds it: its letters and its header.
fn column(index: usize, header: &str) -> String {
    if header.trim().is_empty() {
        format!("column {} (no header)", letters(index))
    } else {
        format!("column {} `{}`", letters(index), quote(header.trim()))
    }
}

/// A problem with a table as a whole, or with the mapping file: nothing of
/// it is read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// Reading the input failed.
    #[error("reading the table: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV or TSV is broken where the `csv` reader could not go on.
    #[error("row {row}: {message}")]
    Csv {
        /// The row, as a spreadsheet numbers it.
        row: usize,
        /// What is wrong.
        message: String,
    },
    /// The workbook cannot be read.
    #[error("the workbook cannot be read: {message}")]
    Workbook {
        /// What is wrong.
        message: String,
    },
    /// The workbook has no sheet of the name the mapping file gives.
    #[error("the workbook has no sheet `{sheet}`; its sheets are {}", sheets.iter().map(|s| format!("`{}`", quote(s))).collect::<Vec<_>>().join(", "))]
    NoSuchSheet {
        /// The name asked for.
        sheet: String,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// The input is larger than [`MAX_TABLE_BYTES`](crate::limits::MAX_TABLE_BYTES)
    /// (a workbook, read whole), or a workbook unpacks to more than
    /// [`MAX_WORKBOOK_UNPACKED_BYTES`](crate::limits::MAX_WORKBOOK_UNPACKED_BYTES).
    #[error("the {what} is larger than {limit} bytes")]
    TooLarge {
        /// `"workbook"` or `"unpacked workbook"`.
        what: &'static str,
        /// The limit.
        limit: u64,
    },
    /// There is no header row.
    #[error("the table is empty: it has no header row")]
    Empty,
    /// No column is an item of the instrument.
    #[error("no column is an item of instrument `{instrument}` (by its prompt or its id, as a Google Forms grid `Title [prompt]` or a Qualtrics `Title - prompt`); the headers are {}; a mapping file names the columns (`collaboration schema import-mapping`)", headers.iter().take(8).map(|h| format!("`{}`", quote(h))).collect::<Vec<_>>().join(", "))]
    NoItems {
        /// The instrument.
        instrument: String,
        /// The headers of the table (the first few are shown).
        headers: Vec<String>,
    },
    /// Two columns give the answers to one item.
    #[error("header row {row}: {} and {} both answer item `{item}`; a mapping file can say which one does", column(*first, first_header), column(*second, second_header))]
    SameItem {
        /// The item.
        item: String,
        /// The header row they were matched in.
        row: usize,
        /// The first column, from 1.
        first: usize,
        /// Its header.
        first_header: String,
        /// The second column, from 1.
        second: usize,
        /// Its header.
        second_header: String,
    },
    /// The mapping file is not JSON of a mapping's shape.
    #[error("the mapping file, line {line}, column {column}: {message}")]
    MappingJson {
        /// The line of the problem, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What is wrong, in words.
        message: String,
    },
    /// The mapping file does not fit the table or the instrument.
    #[error("the mapping file: {0}")]
    Mapping(MappingError),
}

/// A mapping file that does not fit the table or the instrument.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MappingError {
    /// It names an item the instrument does not have.
    #[error("column `{header}` is mapped to `{item}`, which is not an item of instrument `{instrument}`", header = quote(header), item = quote(item))]
    UnknownItem {
        /// The header, as the mapping file gives it.
        header: String,
        /// The item id given.
        item: String,
        /// The instrument.
        instrument: String,
    },
    /// It names a header the table does not have.
    #[error("the table has no column `{header}` (for {what})", header = quote(header))]
    NoSuchColumn {
        /// The header, as the mapping file gives it.
        header: String,
        /// What the mapping file wanted from it: `"item shared-learning.1"`,
        /// `"the respondent id"`, …
        what: String,
    },
    /// It gives labels for a scale the instrument does not have.
    #[error("labels are given for scale `{scale}`, which instrument `{instrument}` does not have", scale = quote(scale))]
    UnknownScale {
        /// The scale id given.
        scale: String,
        /// The instrument.
        instrument: String,
    },
    /// It maps a label of a scale to a point the scale does not have, or to
    /// n/a where the scale does not allow it.
    #[error("label `{label}` of scale `{scale}` is mapped to {answer}, which that scale does not have", label = quote(label))]
    LabelOffScale {
        /// The scale.
        scale: String,
        /// The label.
        label: String,
        /// The answer it is mapped to, as JSON.
        answer: String,
    },
    /// `header_rows` is 0 or more than [`MAX_HEADER_ROWS`](crate::limits::MAX_HEADER_ROWS).
    #[error("header_rows is {rows}; give 1 to {max}", max = crate::limits::MAX_HEADER_ROWS)]
    HeaderRows {
        /// The number given.
        rows: usize,
    },
}

/// Something about a table the caller should know, though it was read: a
/// column that was not used. Columns are never dropped silently.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportWarning {
    /// The column matches no item and no respondent field.
    Unmatched {
        /// The column, from 1.
        column: usize,
        /// Its header.
        header: String,
    },
    /// The column would give a respondent field that another column
    /// already gives (an `Email` column beside an `Id`).
    Unused {
        /// The column, from 1.
        column: usize,
        /// Its header.
        header: String,
        /// The field.
        field: &'static str,
        /// The column that gives it, from 1.
        used: usize,
        /// That column's header.
        used_header: String,
    },
}

impl ImportWarning {
    /// The column the warning is about, from 1.
    pub fn column(&self) -> usize {
        match self {
            Self::Unmatched { column, .. } | Self::Unused { column, .. } => *column,
        }
    }

    /// The header of the column the warning is about.
    pub fn header(&self) -> &str {
        match self {
            Self::Unmatched { header, .. } | Self::Unused { header, .. } => header,
        }
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unmatched { column: index, header } => {
                write!(
                    f,
                    "{} matches no item and no respondent field: it was not read",
                    column(*index, header)
                )
            }
            Self::Unused { column: index, header, field, used, used_header } => write!(
                f,
                "{} was not read: {} gives the {field}",
                column(*index, header),
                column(*used, used_header)
            ),
        }
    }
}
