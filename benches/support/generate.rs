//! A deterministic batch of responses to the built-in instrument, for
//! benchmarks and memory tests: shared by `benches/throughput.rs` and the
//! `gen-batch` tool, `tools/src/bin/gen-batch.rs`.

use std::io::{self, Write};

use collaboration::Instrument;

/// Writes `n` responses as JSON Lines: every item answered (about one in
/// twenty extent items "n/a"), with roles, organisations and power sources
/// varied by a fixed pseudo-random sequence, so the same `n` always gives
/// the same bytes.
pub fn write_batch(out: &mut impl Write, n: usize) -> io::Result<()> {
    let hc = Instrument::builtin();
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move |k: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % k
    };
    let roles = ["system-leader", "system-activist", "system-steward"];
    let orgs =
        ["City Council", "NHS Trust", "Community Voice", "Housing Association", "Police", "University"];
    let sources = ["financial", "knowledge", "positional", "networks"];
    let pick =
        |list: &[&'static str], i: u64| list.get(usize::try_from(i).unwrap_or(0)).copied().unwrap_or("");
    for i in 0..n {
        let role = pick(&roles, next(3));
        let org = pick(&orgs, next(6));
        write!(
            out,
            r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "r-{i:07}", "roles": ["{role}"], "organisation": "{org}""#
        )?;
        if next(2) == 0 {
            write!(out, r#", "power_sources": ["{}"]"#, pick(&sources, next(4)))?;
        }
        write!(out, r#"}}, "answers": {{"#)?;
        for (k, item) in hc.items().iter().enumerate() {
            let Some(scale) = hc.scale(&item.scale) else { continue };
            if k > 0 {
                write!(out, ", ")?;
            }
            if scale.not_applicable && next(20) == 0 {
                write!(out, r#""{}": "n/a""#, item.id)?;
            } else {
                write!(out, r#""{}": {}"#, item.id, next(u64::from(scale.points)) + 1)?;
            }
        }
        writeln!(out, "}}}}")?;
    }
    Ok(())
}
