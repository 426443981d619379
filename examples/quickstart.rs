//! Quickstart: score one person's answers to the built-in health check.
//!
//! It builds a response in code, scores it and prints the scorecard; then it
//! does the same from a JSON string, as a web form would send it; then it
//! scores the bundled sample team (`examples/data/team.jsonl`) and prints
//! their group report.
//!
//! Run it with `cargo run --example quickstart`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::{Answer, BatchOptions, Instrument, PowerSource, Respondent, Response, Role, score_batch};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let hc = Instrument::builtin();

    // 1. A response built in code.
    let respondent = Respondent::new("r-07")?
        .with_role(Role::SystemSteward)
        .with_organisation("City Council")
        .with_power_source(PowerSource::Positional);
    let response = Response::new(hc.id(), respondent)
        .with_answer("collaborative-mindset.1", 4)
        .with_answer("collaborative-mindset.2", 3)
        .with_answer("collaborative-mindset.3", Answer::NotApplicable)
        .with_answer("healthy-trusting-relationships.1", 2)
        .with_answer("healthy-trusting-relationships.2", 3)
        .with_answer("shared-vision-and-purpose.1", 5)
        .with_answer("shared-vision-and-purpose.2", 4)
        .with_answer("shared-vision-and-purpose.3", 4)
        .with_answer("collaborative-behaviours.1", 3)
        .with_answer("collaborative-behaviours.2", 3)
        .with_answer("shared-learning.1", 2)
        .with_answer("collaborative-infrastructure.1", 3)
        .with_answer("collaborative-infrastructure.2", 2)
        .with_answer("misconception.everyone-is-equal", 4)
        .with_answer("misconception.collaboration-feels-harmonious", 2)
        .with_answer("power.power-to", 4)
        .with_answer("power.power-over", 4)
        .with_answer("spectrum.current", 4)
        .with_answer("spectrum.needed", 6);
    let card = hc.score(&response)?;
    println!("{card}");

    // 2. The same kind of response, as JSON from a form.
    let json = r#"{
        "instrument": "collaboration-health-check",
        "respondent": {"id": "r-08", "roles": ["system-activist"], "organisation": "Community Trust"},
        "answers": {
            "collaborative-mindset.1": 5, "collaborative-mindset.2": 4, "collaborative-mindset.3": 4,
            "healthy-trusting-relationships.1": 4, "healthy-trusting-relationships.2": 5,
            "healthy-trusting-relationships.3": 3,
            "shared-vision-and-purpose.1": 3, "shared-vision-and-purpose.2": 3,
            "collaborative-behaviours.1": 4, "collaborative-behaviours.2": 4, "collaborative-behaviours.3": 5,
            "shared-learning.1": 4, "shared-learning.2": "n/a", "shared-learning.3": 4,
            "collaborative-infrastructure.1": 2, "collaborative-infrastructure.2": 3,
            "collaborative-infrastructure.3": 2,
            "misconception.everyone-does-everything": 2,
            "misconception.collaboration-needs-no-leadership": 1,
            "power.power-to": 3, "power.power-with": 4, "power.power-within": 4, "power.power-over": 2,
            "spectrum.current": 5, "spectrum.needed": 5
        }
    }"#;
    let response = hc.parse_response(json)?;
    let card = hc.score(&response)?;
    println!("{card}");

    // The scorecard as JSON, for storing or sending on.
    println!("{}\n", serde_json::to_string(&card)?);

    // A mistake in the form is named precisely.
    let typo = json.replace("\"shared-learning.3\": 4", "\"shared-learning.3\": 6");
    if let Err(err) = hc.parse_response(&typo) {
        println!("A bad answer is rejected: {err}\n");
    }

    // 3. A whole partnership: the bundled sample team of 15, as JSON Lines.
    let team = include_str!("data/team.jsonl");
    let scored = score_batch(team.as_bytes(), hc, &BatchOptions::default())?;
    println!("{}", scored.report);
    Ok(())
}
