//! A tour of the whole framework: prints every foundation with its heading,
//! summary and reflection questions, then the behaviours, the infrastructure,
//! the roles, the forms and sources of power, the misconceptions and the
//! collaboration spectrum.
//!
//! Run it with `cargo run --example tour`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{self, Write};

use collaboration::framework::{
    ARTICLE, CORE_BELIEF, CollaborativeBehaviour, DEFINITION, GUIDE, InfrastructureElement,
};
use collaboration::{CollaborationLevel, Foundation, Misconception, PowerForm, PowerSource, Role};

fn main() -> io::Result<()> {
    let mut out = io::stdout().lock();

    writeln!(out, "# A framework for effective collaboration\n")?;
    writeln!(out, "> {DEFINITION}\n")?;
    writeln!(out, "Source: {GUIDE}.")?;
    writeln!(out, "Misconceptions and power: {ARTICLE}.\n")?;
    writeln!(out, "The core belief of a collaborative mindset: {CORE_BELIEF}\n")?;

    writeln!(out, "## The six foundations\n")?;
    for foundation in Foundation::iter() {
        writeln!(
            out,
            "### {}. {} ({}): *{}*\n",
            foundation.number(),
            foundation.name(),
            foundation.id(),
            foundation.heading()
        )?;
        writeln!(out, "{}\n", foundation.summary())?;
        writeln!(out, "Reflection questions:")?;
        for question in foundation.reflection_questions() {
            writeln!(out, "{}. {}  [{}]", question.number, question.text, question.id)?;
        }
        let reading = foundation.further_reading();
        if !reading.is_empty() {
            writeln!(out, "\nFurther reading: {}", reading.join("; "))?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Collaborative behaviours (foundation 4)\n")?;
    for behaviour in CollaborativeBehaviour::iter() {
        writeln!(out, "- {} ({}): {}", behaviour.name(), behaviour.id(), behaviour.description())?;
    }

    writeln!(out, "\n## Collaborative infrastructure (foundation 6)\n")?;
    for element in InfrastructureElement::iter() {
        writeln!(out, "- {} ({}): {}", element.name(), element.id(), element.description())?;
    }

    writeln!(out, "\n## System roles\n")?;
    for role in Role::iter() {
        writeln!(out, "- {} ({}): {}", role.name(), role.id(), role.description())?;
    }

    writeln!(out, "\n## Forms of power\n")?;
    for form in PowerForm::iter() {
        let kind = if form.is_positive() { "positive" } else { "the imbalance to surface" };
        writeln!(out, "- {} ({}, {kind}): {}", form.name(), form.id(), form.meaning())?;
    }

    writeln!(out, "\n## Sources of structural power\n")?;
    for source in PowerSource::iter() {
        writeln!(out, "- {} ({})", source.name(), source.id())?;
    }

    writeln!(out, "\n## Common misconceptions\n")?;
    for (n, misconception) in Misconception::iter().enumerate() {
        let foundations: Vec<&str> = misconception.foundations().iter().map(|f| f.name()).collect();
        writeln!(out, "{}. \"{}\" ({})", n + 1, misconception.claim(), misconception.id())?;
        writeln!(out, "   Reality: {}", misconception.reality())?;
        writeln!(out, "   Bears on: {}\n", foundations.join("; "))?;
    }

    writeln!(out, "## The collaboration spectrum (Tamarack Institute)\n")?;
    for level in CollaborationLevel::iter() {
        writeln!(out, "{}. {} ({}): {}", level.level(), level.name(), level.id(), level.meaning())?;
    }
    Ok(())
}
