//! The reports people look at: scores the bundled sample team
//! (`examples/data/team.jsonl`) and writes `report.html`, a standalone HTML
//! report to open in any browser or print, and `radar.svg`, the radar chart
//! of the six foundations.
//!
//! Run it with `cargo run --example report`; it writes into the current
//! directory, or into the directory given: `cargo run --example report --
//! target/report`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use collaboration::{BatchOptions, HtmlReport, Instrument, Radar, score_batch};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args_os().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;

    let hc = Instrument::builtin();
    let team = include_str!("data/team.jsonl");
    let report = score_batch(team.as_bytes(), hc, &BatchOptions::default())?.report;

    let html = HtmlReport::new(&report)
        .with_title("Sample partnership: collaboration health check")
        .with_instrument(hc)
        .to_html();
    let svg = Radar::from_report(&report).to_svg();

    let (html_path, svg_path) = (dir.join("report.html"), dir.join("radar.svg"));
    std::fs::write(&html_path, html)?;
    std::fs::write(&svg_path, svg)?;
    println!("wrote {} and {}", html_path.display(), svg_path.display());
    Ok(())
}
