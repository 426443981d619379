//! `running_report`: a live group report per partnership, kept in SQLite.
//!
//! ```text
//! cargo run --example running_report -- DB PARTNERSHIP [FILE|-]
//! ```
//!
//! A web back end that receives one response per request does not want to
//! read every response again to show the report. This keeps one saved
//! [`AggregateState`] per partnership in the database `DB`: each response of
//! FILE (JSON Lines; standard input when FILE is `-` or absent) is added in
//! a transaction of its own (read the state, restore it, add, write it
//! back), so a crash loses nothing counted. A second run continues where the
//! first stopped, and catches a respondent who answered in both.
//!
//! The fingerprint key comes from the environment variable
//! `COLLABORATION_KEY` (64 hexadecimal digits) or, when that is unset, from
//! the file `DB.key`, made on first use. Keep it apart from the database in
//! production: anyone with both can test whether an id answered.
//!
//! It prints one line per response on standard error and, at the end, the
//! live report as Markdown on standard output. A rejected response is
//! named, with its line, and counted; the others still go in.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::error::Error;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use collaboration::report::{AggregateState, FingerprintKey};
use collaboration::{Aggregator, GroupReport, Instrument, Response, ScoringOptions};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// Opens (or creates) the database, with its one table.
///
/// # Errors
///
/// When `SQLite` cannot open or create it.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS states (
             partnership TEXT PRIMARY KEY,
             state BLOB NOT NULL,
             respondents INTEGER NOT NULL
         )",
    )?;
    Ok(conn)
}

/// Adds one response to the partnership's saved state, in one transaction,
/// and gives back the live report. Nothing is written when it fails.
///
/// # Errors
///
/// A database error; a saved state that does not read or restore (another
/// key: `StateError::WrongKey`); or a response the aggregator refuses (a
/// repeat: `AggregateError::DuplicateRespondent`).
pub fn add(
    conn: &mut Connection,
    instrument: &Instrument,
    key: &FingerprintKey,
    partnership: &str,
    response: &Response,
) -> Result<GroupReport, Box<dyn Error>> {
    // IMMEDIATE: two writers never both read the old state.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let saved: Option<Vec<u8>> = tx
        .query_row("SELECT state FROM states WHERE partnership = ?1", [partnership], |row| row.get(0))
        .optional()?;
    let mut aggregator = match saved {
        Some(bytes) => Aggregator::restore_keyed(instrument, &AggregateState::from_bytes(&bytes)?, key)?,
        None => Aggregator::with_key(instrument, ScoringOptions::default(), *key),
    };
    aggregator.add(response)?;
    tx.execute(
        "INSERT INTO states (partnership, state, respondents) VALUES (?1, ?2, ?3)
         ON CONFLICT (partnership) DO UPDATE SET state = excluded.state, respondents = excluded.respondents",
        rusqlite::params![
            partnership,
            aggregator.state().to_bytes(),
            i64::try_from(aggregator.respondents())?
        ],
    )?;
    tx.commit()?;
    Ok(aggregator.report())
}

/// The partnership's live report; `None` before its first response.
///
/// # Errors
///
/// A database error, or a saved state that does not read or restore.
pub fn report(
    conn: &Connection,
    instrument: &Instrument,
    partnership: &str,
) -> Result<Option<GroupReport>, Box<dyn Error>> {
    let saved: Option<Vec<u8>> = conn
        .query_row("SELECT state FROM states WHERE partnership = ?1", [partnership], |row| row.get(0))
        .optional()?;
    let Some(bytes) = saved else { return Ok(None) };
    // Reporting needs no key.
    Ok(Some(Aggregator::restore(instrument, &AggregateState::from_bytes(&bytes)?)?.report()))
}

/// The key from `COLLABORATION_KEY`, or from `DB.key`, made on first use.
fn key_for(db: &Path) -> Result<FingerprintKey, Box<dyn Error>> {
    if let Ok(hex) = std::env::var("COLLABORATION_KEY") {
        return Ok(hex.parse()?);
    }
    let mut path = db.as_os_str().to_owned();
    path.push(".key");
    let path = std::path::PathBuf::from(path);
    match std::fs::read_to_string(&path) {
        Ok(hex) => Ok(hex.parse()?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = FingerprintKey::random();
            let mut file = std::fs::OpenOptions::new();
            file.write(true).create_new(true);
            // Readable by its owner only.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut file, 0o600);
            std::io::Write::write_all(&mut file.open(&path)?, format!("{}\n", key.to_hex()).as_bytes())?;
            eprintln!(
                "made a new fingerprint key in {}: keep it, and keep it apart from the database",
                path.display()
            );
            Ok(key)
        }
        Err(e) => Err(format!("{}: {e}", path.display()).into()),
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(partnership)) = (args.first(), args.get(1)) else {
        return Err("usage: running_report DB PARTNERSHIP [FILE|-]".into());
    };
    let hc = Instrument::builtin();
    let key = key_for(Path::new(db))?;
    let mut conn = open(Path::new(db))?;
    let input: Box<dyn Read> = match args.get(2).map(String::as_str) {
        None | Some("-") => Box::new(std::io::stdin().lock()),
        Some(file) => Box::new(std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?),
    };
    let (mut added, mut rejected) = (0, 0);
    for (number, line) in BufReader::new(input).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let outcome = hc.parse_response(&line).map_err(Into::into).and_then(|response| {
            add(&mut conn, hc, &key, partnership, &response).map(|report| (response, report))
        });
        match outcome {
            Ok((response, report)) => {
                added += 1;
                eprintln!(
                    "line {}: added {}; {} respondents so far",
                    number + 1,
                    response.respondent.id.as_str(),
                    report.respondents
                );
            }
            Err(e) => {
                rejected += 1;
                eprintln!("line {}: not added: {e}", number + 1);
            }
        }
    }
    eprintln!("{added} added, {rejected} rejected");
    match report(&conn, hc, partnership)? {
        Some(report) => print!("{report}"),
        None => println!("No responses yet for {partnership}."),
    }
    Ok(())
}
