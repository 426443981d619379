//! Arbitrary sequences of aggregator merges, checked against one pass.
//!
//! The bytes are read as a plan: each response takes 33 bytes (a partition,
//! roles and organisation, then one byte per item: 0 missing, otherwise an
//! answer or "n/a"); the responses go to up to 4 partial aggregators, which
//! are merged in an order the remaining bytes choose.
#![no_main]

use collaboration::report::{AggregateState, FingerprintKey};
use collaboration::{Aggregator, Answer, Instrument, PowerSource, Respondent, Response, Role, ScoringOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let hc = Instrument::builtin();
    let items = hc.items();
    let chunk = 2 + items.len();
    let mut responses = Vec::new();
    let mut parts = Vec::new();
    let mut chunks = data.chunks_exact(chunk);
    for (n, bytes) in chunks.by_ref().enumerate() {
        let mut respondent = Respondent::new(format!("r{n}")).unwrap();
        let who = bytes[1];
        if who & 1 != 0 {
            respondent = respondent.with_role(Role::ALL[usize::from(who >> 1) % 3]);
        }
        if who & 8 != 0 {
            respondent = respondent.with_organisation(["A", "B", "C"][usize::from(who >> 4) % 3]);
        }
        if who & 64 != 0 {
            respondent = respondent.with_power_source(PowerSource::Networks);
        }
        let mut response = Response::new(hc.id(), respondent);
        for (item, &b) in items.iter().zip(&bytes[2..]) {
            let scale = hc.scale(&item.scale).unwrap();
            match b % (scale.points + 2) {
                0 => {}
                v if v > scale.points => {
                    if scale.not_applicable {
                        response = response.with_answer(item.id.clone(), Answer::NotApplicable);
                    }
                }
                v => response = response.with_answer(item.id.clone(), v),
            }
        }
        parts.push(usize::from(bytes[0] % 4));
        responses.push(response);
    }
    let order: Vec<usize> = chunks.remainder().iter().map(|&b| usize::from(b % 4)).collect();

    // One key for every part, so that a shared respondent is caught.
    let key = FingerprintKey::from_bytes([1; 32]);
    let new = || Aggregator::with_key(hc, ScoringOptions::default(), key);
    let mut one = new();
    for r in &responses {
        one.add(r).unwrap();
    }
    let mut partial: Vec<Aggregator<'_>> = (0..4).map(|_| new()).collect();
    for (r, &p) in responses.iter().zip(&parts) {
        partial[p].add(r).unwrap();
    }
    // Each part goes through a saved state: JSON for parts 0 and 2, binary
    // for 1 and 3.
    let partial: Vec<Aggregator<'_>> = partial
        .iter()
        .enumerate()
        .map(|(p, a)| {
            let state = a.state();
            let read = if p % 2 == 0 {
                AggregateState::from_json(&state.to_json()).unwrap()
            } else {
                AggregateState::from_bytes(&state.to_bytes()).unwrap()
            };
            Aggregator::restore(hc, &read).unwrap()
        })
        .collect();
    // Merge in the chosen order, then whatever is left.
    let mut merged = new();
    let mut used = [false; 4];
    for &p in order.iter().chain(&[0, 1, 2, 3]) {
        if !used[p] {
            used[p] = true;
            merged.merge(&partial[p]).unwrap();
        }
    }
    assert_eq!(merged.report(), one.report());
    assert_eq!(merged.state(), one.state());
    // Merging something already counted is refused and changes nothing.
    if !responses.is_empty() {
        let before = merged.report();
        assert!(merged.merge(&one).is_err());
        assert_eq!(merged.report(), before);
    }
});
