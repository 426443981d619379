//! Writes a deterministic batch of responses to the built-in instrument as
//! JSON Lines on standard output, for benchmarks and memory tests: `N`
//! responses, 1000 by default.
//!
//! ```text
//! Usage: gen-batch [N]
//! ```
//!
//! `cargo run --release -p collaboration-tools --bin gen-batch -- N > batch.jsonl`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{BufWriter, Write};

#[path = "../../../benches/support/generate.rs"]
mod generate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).map_or(Ok(1_000), |a| a.parse())?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    generate::write_batch(&mut out, n)?;
    out.flush()?;
    Ok(())
}
