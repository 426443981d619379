//! Response JSON → validate → score. Whatever the bytes: no panic, and
//! everything that parses scores, the same way through every entry point.
#![no_main]

use collaboration::{Instrument, Response, ScoringOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let hc = Instrument::builtin();
    match hc.parse_response(text) {
        Ok(response) => {
            // What parses validates and scores, and the sheet agrees.
            hc.validate(&response).unwrap();
            let card = hc.score(&response).unwrap();
            let sheet = hc.parse_sheet(text).unwrap();
            assert_eq!(sheet.scorecard(&ScoringOptions::default()), card);
            assert_eq!(sheet.scores().overall(), card.overall.score);
            // It writes back to JSON that reads to the same response.
            let again = hc.parse_response(&serde_json::to_string(&response).unwrap()).unwrap();
            assert_eq!(again, response);
            assert!(!serde_json::to_string(&card).unwrap().contains("NaN"));
        }
        Err(err) => {
            // Every error can be shown, and the sheet path agrees.
            let _ = err.to_string();
            assert!(hc.parse_sheet(text).is_err());
        }
    }
    // Plain serde never accepts what the instrument rejects for shape.
    if let Ok(response) = serde_json::from_str::<Response>(text) {
        let _ = hc.score(&response);
    }
});
