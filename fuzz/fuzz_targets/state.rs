//! Saved aggregate states → a restored aggregator. No panic on any bytes;
//! a state that restores reports, and writes back to the same state.
//!
//! Input starting with `{` is read as the JSON form. Anything else is taken
//! as the binary form's payload and given a valid header and checksum, so
//! that the fuzzer reaches the decoder and the count checks rather than
//! stopping at the checksum.
#![no_main]

use collaboration::report::{AggregateState, STATE_FORMAT};
use collaboration::{Aggregator, Instrument};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.first() == Some(&b'{') {
        data.to_vec()
    } else {
        let mut out = b"CLBSTATE".to_vec();
        out.extend_from_slice(&STATE_FORMAT.to_le_bytes());
        out.extend_from_slice(&(data.len() as u64).to_le_bytes());
        out.extend_from_slice(data);
        let checksum = blake3::hash(&out);
        out.extend_from_slice(&checksum.as_bytes()[..16]);
        out
    };
    let Ok(state) = AggregateState::from_slice(&bytes) else { return };
    let Ok(aggregator) = Aggregator::restore(Instrument::builtin(), &state) else { return };
    let report = aggregator.report();
    assert!(!serde_json::to_string(&report).unwrap().contains("NaN"));
    assert_eq!(aggregator.state(), state);
});
