//! An Excel workbook's sheet as rows of cell text, read with `calamine`
//! within limits that hold whatever the zip claims.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::error::ImportError;
use crate::limits::{MAX_TABLE_CELLS, MAX_WORKBOOK_UNPACKED_BYTES};

/// A cell as the text it shows: a whole number without a decimal point,
/// text as written, a date or time as Excel's serial number, a formula's
/// error as Excel writes it (`#N/A`).
fn text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Int(v) => v.to_string(),
        DataRef::Float(v) => match crate::response::rules::integral(v.abs()) {
            Some(n) if *v < 0.0 => format!("-{n}"),
            Some(n) => n.to_string(),
            None => v.to_string(),
        },
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn workbook_error(err: &impl std::fmt::Display) -> ImportError {
    ImportError::Workbook { message: err.to_string() }
}

/// The rows of the sheet named `sheet` (the first when `None`), each with
/// its number as Excel shows it (from 1), blank rows left out.
pub(crate) fn rows(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    // What the zip says it unpacks to, before anything is unpacked; reading
    // stops at the cell limit too, so a zip that lies cannot fill memory.
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| workbook_error(&e))?;
    let unpacked: u64 =
        archive.decompressed_size().map_or(u64::MAX, |n| u64::try_from(n).unwrap_or(u64::MAX));
    if unpacked > MAX_WORKBOOK_UNPACKED_BYTES {
        return Err(ImportError::TooLarge { what: "unpacked workbook", limit: MAX_WORKBOOK_UNPACKED_BYTES });
    }
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| workbook_error(&e))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| super::fold::fold(n) == super::fold::fold(wanted)))
            .cloned()
            .ok_or_else(|| ImportError::NoSuchSheet { sheet: wanted.to_owned(), sheets: names.clone() })?,
        None => names.first().cloned().ok_or(ImportError::Empty)?,
    };
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(|e| workbook_error(&e))?;
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut cells = 0_usize;
    while let Some(cell) = reader.next_cell().map_err(|e| workbook_error(&e))? {
        cells += 1;
        if cells > MAX_TABLE_CELLS {
            return Err(ImportError::TooLarge {
                what: "workbook's sheet (in cells)",
                limit: MAX_TABLE_CELLS as u64,
            });
        }
        let value = text(cell.get_value());
        if value.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let (row, column) = (row as usize + 1, column as usize);
        if column >= crate::limits::MAX_TABLE_COLUMNS {
            return Err(ImportError::TooLarge {
                what: "workbook's sheet (in columns)",
                limit: crate::limits::MAX_TABLE_COLUMNS as u64,
            });
        }
        if rows.last().is_none_or(|(last, _)| *last != row) {
            rows.push((row, Vec::new()));
        }
        if let Some((_, cells)) = rows.last_mut() {
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            if let Some(slot) = cells.get_mut(column) {
                *slot = value;
            }
        }
    }
    // Cells come in row order in every workbook Excel writes; sort in case
    // one does not.
    rows.sort_by_key(|(row, _)| *row);
    Ok(rows)
}
