//! Spreadsheets → responses and counts. No panic on any bytes, as CSV or as
//! a workbook; the rows counted on worker threads give what one thread
//! gives; every row is a response or a rejection.
//!
//! Input starting with the zip mark is read as a workbook; anything else as
//! CSV, with the mapping file `{"labels": {"x": null}}` on odd lengths so
//! that mapped labels are reached too.
#![no_main]

use collaboration::batch::Counter;
use collaboration::import::{Mapping, Table, TableFormat};
use collaboration::{BatchOptions, Instrument};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let hc = Instrument::builtin();
    let format = if data.starts_with(b"PK\x03\x04") { TableFormat::Xlsx } else { TableFormat::Csv };
    let mapping = if data.len() % 2 == 1 {
        Mapping::from_json(r#"{"labels": {"x": null}}"#).unwrap()
    } else {
        Mapping::default()
    };
    let count = |threads| {
        let table = Table::read(data, format, hc, &mapping).ok()?;
        let options = BatchOptions { threads, skip_invalid: true, key: Some(collaboration::report::FingerprintKey::from_bytes([1; 32])), ..BatchOptions::default() };
        let mut rejected = 0_usize;
        let mut counter = Counter::new(hc, &options, |_| rejected += 1);
        let responses = counter.table(table).ok()?;
        let respondents = match counter.finish() {
            Ok(done) => {
                assert_eq!(done.responses, responses);
                Some(serde_json::to_string(&done.aggregator.report()).unwrap())
            }
            Err(_) => None,
        };
        Some((responses, rejected, respondents))
    };
    let one = count(1);
    assert_eq!(count(2), one);
    if let Some((responses, rejected, report)) = one {
        // Every row is counted or rejected.
        let counted = report.map_or(0, |r| serde_json::from_str::<serde_json::Value>(&r).unwrap()["respondents"].as_u64().unwrap() as usize);
        assert_eq!(counted + rejected, responses);
    }
});
