//! The README's pictures: renders the bundled sample team's radar chart to
//! `docs/radar.svg` and its partner network to `docs/partners.svg`, and each,
//! with resvg at twice its size, to a PNG beside it (`docs/radar.png`,
//! `docs/partners.png`, each holding the SVG it was rendered from in a text
//! chunk).
//!
//! ```text
//! Usage: readme-image
//! ```
//!
//! Run it with `cargo run -p collaboration-tools --bin readme-image` after
//! changing the chart; it writes into the repository's `docs/` wherever it
//! is run from. `tests/test_render.rs` and `tests/test_partner_render.rs` check that the
//! files are current.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../../tests/util/raster.rs"]
mod raster;

use collaboration::render::NetworkDiagram;
use collaboration::{BatchOptions, Instrument, Radar, score_batch};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let team = include_str!("../../../examples/data/team.jsonl");
    let report = score_batch(team.as_bytes(), Instrument::builtin(), &BatchOptions::default())?.report;
    let svg = Radar::from_report(&report).to_svg();
    let image = raster::rasterise(&svg, raster::SCALE)?;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().ok_or("tools/ has no parent")?;
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs)?;
    std::fs::write(docs.join("radar.svg"), &svg)?;
    std::fs::write(docs.join("radar.png"), raster::encode(&image, &svg)?)?;
    println!("wrote docs/radar.svg and docs/radar.png ({} × {})", image.width, image.height);

    let map = report.partners.as_ref().ok_or("the sample team rates no partner")?;
    let svg = NetworkDiagram::new(map).to_svg();
    let image = raster::rasterise(&svg, raster::SCALE)?;
    std::fs::write(docs.join("partners.svg"), &svg)?;
    std::fs::write(docs.join("partners.png"), raster::encode(&image, &svg)?)?;
    println!("wrote docs/partners.svg and docs/partners.png ({} × {})", image.width, image.height);
    Ok(())
}
