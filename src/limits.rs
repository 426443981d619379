//! Limits for server use.
//!
//! The crate sits behind web forms and import jobs, so every input is bounded
//! before memory is spent on it. Each limit is enforced with a clear error
//! that names it; none is a silent truncation.

/// The most items an instrument may have.
pub const MAX_ITEMS: usize = 1_000;

/// The most scales an instrument may have.
pub const MAX_SCALES: usize = 100;

/// The most answers one response may carry. (A valid response answers each
/// of its instrument's items at most once, so this only stops hostile
/// input early.)
pub const MAX_ANSWERS: usize = MAX_ITEMS;

/// The most partner organisations one response may rate, and one
/// instrument may list.
pub const MAX_PARTNERS: usize = 256;

/// The longest id or name, in characters (Unicode scalar values, as JSON
/// Schema's `maxLength` counts them): respondent, instrument, scale and item
/// ids, organisation names, versions.
pub const MAX_ID_CHARS: usize = 256;

/// The longest text, in characters: titles, sources, prompts and labels.
pub const MAX_TEXT_CHARS: usize = 4_096;

/// The longest response document, in bytes: one line of JSON Lines, one
/// element of a JSON array, or one call of
/// [`Instrument::parse_response`](crate::instrument::Instrument::parse_response). A
/// longer line is rejected without being parsed or kept.
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;

/// The longest instrument definition, in bytes, for
/// [`Instrument::from_json`](crate::instrument::Instrument::from_json).
pub const MAX_INSTRUMENT_BYTES: usize = 4 << 20;

/// The largest batch given as one JSON array, in bytes. JSON Lines have no
/// such limit: they are read a block at a time.
pub const MAX_ARRAY_BYTES: usize = 256 << 20;

/// The largest saved aggregate state, in bytes, in either form, for
/// [`AggregateState`](crate::report::AggregateState): refused before it is
/// read. The binary form takes 16 bytes a respondent besides counts that do
/// not grow with them, so this is room for about 16 million respondents
/// (7 million in JSON).
pub const MAX_STATE_BYTES: usize = 256 << 20;

/// The length of `s` in characters, when that is over `limit`.
pub(crate) fn over(s: &str, limit: usize) -> Option<usize> {
    // A string's bytes are at least its characters: most need no count.
    if s.len() <= limit {
        return None;
    }
    let chars = s.chars().count();
    (chars > limit).then_some(chars)
}

/// The most bytes of a workbook (`.xlsx`) read, which is read whole; CSV
/// and TSV are read as a stream, a row at a time, and have no limit.
pub const MAX_TABLE_BYTES: u64 = 256 << 20;

/// The most a workbook may say it unpacks to (every part of its zip).
pub const MAX_WORKBOOK_UNPACKED_BYTES: u64 = 1 << 30;

/// The most cells a workbook's sheet may have; reading stops there, so a
/// workbook whose zip lies about its size cannot fill memory.
pub const MAX_TABLE_CELLS: usize = 10_000_000;

/// The most columns a workbook's sheet may have (Excel's own limit is
/// 16 384).
pub const MAX_TABLE_COLUMNS: usize = 16_384;

/// The most header rows a mapping file may declare
/// ([`Mapping::header_rows`](crate::import::Mapping::header_rows)).
pub const MAX_HEADER_ROWS: usize = 10;
