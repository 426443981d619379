//! One bad cell of a spreadsheet, named as the person who fixes it sees it.

use std::fmt;

use crate::error::quote;
use crate::response::ResponseError;

/// A cell that cannot be read as what its column holds: where it is (the
/// row as the spreadsheet numbers it, the column's letters and header),
/// whose answer it is, what it holds, and what is wrong.
///
/// ```
/// use collaboration::Instrument;
/// use collaboration::import::{CellProblem, Mapping, Table};
///
/// let csv = "Email,Do you spend time building and strengthening your relationships as a group?\n\
///            ana@example.org,Sometimes\n";
/// let mut table = Table::csv(csv.as_bytes(), Instrument::builtin(), &Mapping::default())?;
/// let row = table.next().ok_or("no row")??;
/// let errors = row.result.unwrap_err();
/// assert_eq!(errors[0].row, 2);
/// assert_eq!(errors[0].column, 2);
/// assert!(matches!(errors[0].problem, CellProblem::UnknownLabel { .. }));
/// assert!(errors[0].to_string().starts_with("row 2, column B"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    /// The row, as the spreadsheet numbers it: the first header row is 1.
    pub row: usize,
    /// The column, from 1 (`A` is 1).
    pub column: usize,
    /// The column's header, as written.
    pub header: String,
    /// The respondent, when the row's id could be read.
    pub respondent: Option<String>,
    /// The cell's text, as written.
    pub value: String,
    /// What is wrong.
    pub problem: CellProblem,
}

impl CellError {
    /// A repeat of respondent `id` in row `row`: its id column (from 1) and
    /// header, when the table has one, and the row it first appeared in,
    /// when that was in this table.
    pub(crate) fn repeat(
        row: usize,
        id_column: Option<&(usize, String)>,
        id: String,
        first_row: Option<usize>,
    ) -> Self {
        let (column, header) = id_column.cloned().unwrap_or_default();
        Self {
            row,
            column,
            header,
            respondent: Some(id.clone()),
            value: id,
            problem: CellProblem::DuplicateRespondent { first_row },
        }
    }

    /// The item the cell answers, when it is an answer.
    pub fn item(&self) -> Option<&str> {
        match &self.problem {
            CellProblem::UnknownLabel { item, .. }
            | CellProblem::OutOfScale { item, .. }
            | CellProblem::NotApplicableForbidden { item, .. } => Some(item),
            _ => None,
        }
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, column {}", self.row, super::fold::letters(self.column))?;
        if !self.header.trim().is_empty() {
            write!(f, " `{}`", quote(self.header.trim()))?;
        }
        if let Some(respondent) = &self.respondent {
            write!(f, ", respondent `{}`", quote(respondent))?;
        }
        let value = quote(&self.value);
        match &self.problem {
            CellProblem::UnknownLabel { item, scale, points, labels, not_applicable } => {
                write!(
                    f,
                    ": `{value}` is not an answer to item `{item}`: give 1 to {points}, or a label of scale `{scale}` ({}){}",
                    labels.join(", "),
                    if *not_applicable { ", or n/a" } else { "" }
                )
            }
            CellProblem::OutOfScale { item, points } => {
                write!(f, ": `{value}` is outside the scale of item `{item}`, 1 to {points}")
            }
            CellProblem::NotApplicableForbidden { item, scale } => {
                write!(
                    f,
                    ": `{value}` (not applicable) is not allowed on item `{item}`, whose scale `{scale}` has no n/a"
                )
            }
            CellProblem::UnknownRole { part } => write!(
                f,
                ": `{}` is not a role; the roles are {}",
                quote(part),
                crate::framework::Role::ALL
                    .iter()
                    .map(|r| format!("{r} ({})", r.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            CellProblem::UnknownPowerSource { part } => write!(
                f,
                ": `{}` is not a source of power; the sources are {}",
                quote(part),
                crate::framework::PowerSource::ALL
                    .iter()
                    .map(|s| format!("{s} ({})", s.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            CellProblem::Respondent(err) => write!(f, ": `{value}`: {err}"),
            CellProblem::PastTheHeader { columns } => write!(
                f,
                ": `{value}` is past the last header (the header row has {columns} column(s)), so nothing would read it; give the column a header"
            ),
            CellProblem::NotUtf8 => write!(
                f,
                ": `{value}` is not UTF-8 text (U+FFFD stands for the bytes that are not); save the table as UTF-8 (in Excel, \"CSV UTF-8\")"
            ),
            CellProblem::DuplicateRespondent { first_row: Some(first) } => {
                write!(f, ": respondent `{value}` already answered in row {first}")
            }
            CellProblem::DuplicateRespondent { first_row: None } => {
                write!(f, ": respondent `{value}` was counted before")
            }
        }
    }
}

impl std::error::Error for CellError {}

/// What is wrong with a cell.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CellProblem {
    /// Text that is neither a point of the item's scale nor one of its
    /// labels (nor a label the mapping file gives).
    UnknownLabel {
        /// The item.
        item: String,
        /// The item's scale.
        scale: String,
        /// How many points the scale has.
        points: u8,
        /// The scale's labels, lowest first.
        labels: Vec<String>,
        /// Whether the scale allows n/a.
        not_applicable: bool,
    },
    /// A number outside the item's scale.
    OutOfScale {
        /// The item.
        item: String,
        /// How many points the scale has.
        points: u8,
    },
    /// Not applicable (`n/a`, `not applicable`) on an item whose scale does
    /// not allow it.
    NotApplicableForbidden {
        /// The item.
        item: String,
        /// The item's scale.
        scale: String,
    },
    /// A part of a roles cell that names no role, by id or name.
    UnknownRole {
        /// The part, as written.
        part: String,
    },
    /// A part of a power sources cell that names no source, by id or name.
    UnknownPowerSource {
        /// The part, as written.
        part: String,
    },
    /// The respondent id or organisation breaks a rule of the response
    /// (empty, a control character, too long).
    Respondent(ResponseError),
    /// A value in a column past the last header: the header row is shorter
    /// than the row, so nothing would read it.
    PastTheHeader {
        /// How many columns the header row has.
        columns: usize,
    },
    /// A respondent id or organisation cell that is not UTF-8 text, as a
    /// table saved in a Windows code page (Excel's "CSV (Comma delimited)")
    /// is: its value is shown with U+FFFD for the bytes that are not.
    NotUtf8,
    /// The respondent id of an earlier row, or of a response counted before
    /// the table.
    DuplicateRespondent {
        /// The row it first appeared in, when that was in this table.
        first_row: Option<usize>,
    },
}
