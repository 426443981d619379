//! Instrument JSON → validate. No panic; what validates round-trips,
//! produces a response schema, and scores an empty response.
#![no_main]

use collaboration::{Instrument, Respondent, Response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Instrument::from_json(text) {
        Ok(instrument) => {
            let json = serde_json::to_string(&instrument).unwrap();
            assert_eq!(Instrument::from_json(&json).unwrap(), instrument);
            let _ = instrument.response_schema();
            let empty = Response::new(instrument.id(), Respondent::new("f").unwrap());
            let card = instrument.score(&empty).unwrap();
            assert_eq!(card.foundations.len(), instrument.foundations().len());
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
});
