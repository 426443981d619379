//! Answers collected elsewhere, read in: the spreadsheets that form tools
//! export (CSV, TSV and Excel workbooks), for any instrument
//! (docs/import.md).
//!
//! A [`Table`] reads the header rows once and decides what each column
//! gives: a header that equals an item's prompt or id (compared ignoring
//! case, white space and the form of quotes and dashes), a Google Forms grid
//! header `Title [prompt]`, or a Qualtrics matrix header `Title - prompt`,
//! answers that item; `Email`, `Respondent ID`, `Organisation`, `Roles` and
//! `Power sources` give the respondent. Qualtrics' three header rows and
//! SurveyMonkey's two are recognised. A [`Mapping`] file overrides any of
//! it. Cells are a point of the scale, a label of it, `n/a`, or empty for
//! "not answered"; every other cell is a [`CellError`] naming its row and
//! column as the spreadsheet shows them.
//!
//! ```
//! use collaboration::batch::Counter;
//! use collaboration::import::{Mapping, Table};
//! use collaboration::{BatchOptions, Instrument, ScoringOptions};
//!
//! let export = "\
//! Timestamp,Email Address,Organisation,Do you spend time building and strengthening your relationships as a group?
//! 2026/03/02 10:14:07,ana@example.org,City Council,Largely
//! 2026/03/02 11:40:51,ben@example.org,Riverside Trust,Partly
//! 2026/03/02 12:02:33,cleo@example.org,City Council,Fully
//! ";
//! let hc = Instrument::builtin();
//! let table = Table::csv(export.as_bytes(), hc, &Mapping::default())?;
//! let mut counter = Counter::new(hc, &BatchOptions::default(), |_| {});
//! counter.table(table)?;
//! let report = counter.finish()?.aggregator.report();
//! assert_eq!(report.respondents, 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cell;
mod error;
pub(crate) mod fold;
mod mapping;
mod plan;
mod table;
#[cfg(feature = "xlsx")]
mod workbook;

pub use cell::{CellError, CellProblem};
pub use error::{ImportError, ImportWarning, MappingError};
pub use fold::letters as column_letters;
pub use mapping::{Mapping, RespondentColumns};
pub use plan::{Column, ColumnUse};
pub use table::{Layout, Row, Table, TableFormat};
pub(crate) use table::{RawRow, Record};
