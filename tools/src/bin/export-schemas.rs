//! Writes the JSON Schema of every wire type, the response schema of the
//! built-in instrument, the built-in instrument itself and the framework
//! catalogue into a folder (`schemas/` in the current directory by default).
//!
//! ```text
//! Usage: export-schemas [FOLDER]
//! ```
//!
//! Run it from the repository's root with
//! `cargo run -p collaboration-tools --bin export-schemas [-- FOLDER]`. The
//! files under `schemas/` are committed, and a test fails when they drift
//! from what the code generates.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use collaboration::{Catalogue, Instrument, WireType};

fn write(path: &Path, value: &impl serde::Serialize) -> Result<(), Box<dyn std::error::Error>> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    std::fs::write(path, text)?;
    println!("wrote {}", path.display());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "schemas".to_owned()));
    std::fs::create_dir_all(&dir)?;
    for wire in WireType::iter() {
        write(&dir.join(wire.file_name()), &wire.schema())?;
    }
    let hc = Instrument::builtin();
    write(&dir.join(format!("{}.response.schema.json", hc.id())), &hc.response_schema())?;
    write(&dir.join(format!("{}.instrument.json", hc.id())), hc)?;
    write(&dir.join("catalogue.json"), &Catalogue::new())?;
    Ok(())
}
