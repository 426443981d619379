//! The built-in `collaboration-health-check` instrument.

use std::sync::OnceLock;

use super::model::{Instrument, InstrumentDef, Item, Measure, PartnerSection, Scale, SpectrumQuestion};
use crate::framework::{CollaborationLevel, Misconception, PowerForm, QuestionId};

/// The built-in instrument's id.
pub(crate) const ID: &str = "collaboration-health-check";

/// The crate's own statement of each misconception, worded so that agreeing
/// means holding the belief. Faithful to the Article, not quoted from it.
pub(crate) const fn misconception_statement(m: Misconception) -> &'static str {
    match m {
        Misconception::EveryoneDoesEverything => {
            "In a collaboration, every partner should be involved in everything the collaboration does."
        }
        Misconception::RepresentationEqualsCollaboration => {
            "Having a diverse set of partners around the table means we are collaborating well."
        }
        Misconception::EveryoneIsEqual => {
            "Everyone in this collaboration has equal influence over what happens."
        }
        Misconception::GovernanceEqualsBoardMeetings => {
            "Governing this collaboration well mainly means holding board meetings that everyone attends."
        }
        Misconception::CollaborationFeelsHarmonious => {
            "When this collaboration is working well, it feels harmonious and free of conflict."
        }
        Misconception::CollaborationIsAlwaysAboutGain => {
            "Collaborating should bring gains for every partner, without anyone having to give anything up."
        }
        Misconception::CollaborationNeedsNoLeadership => {
            "A partnership of equals like ours does not need anyone to lead it."
        }
    }
}

/// The crate's own statement for each form of power. Agreeing with the first
/// three is healthy; agreeing with power over is not, so that item is
/// reverse keyed.
pub(crate) const fn power_statement(form: PowerForm) -> &'static str {
    match form {
        PowerForm::PowerTo => "I am able to act and make a difference through this collaboration.",
        PowerForm::PowerWith => "Partners here act together to achieve what none of us could achieve alone.",
        PowerForm::PowerWithin => {
            "I feel confident that my contribution to this collaboration is valued and matters."
        }
        PowerForm::PowerOver => "Some partners in this collaboration impose decisions on others.",
    }
}

pub(super) fn definition() -> InstrumentDef {
    let extent =
        Scale::new("extent", ["Not at all", "A little", "Partly", "Largely", "Fully"]).with_not_applicable();
    let agreement = Scale::new(
        "agreement",
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    );
    let spectrum = Scale::new("spectrum", CollaborationLevel::iter().map(CollaborationLevel::name));

    let mut items: Vec<Item> = QuestionId::iter()
        .map(|q| Item::new(q.id(), q.text(), "extent", Measure::Foundation(q.foundation())))
        .collect();
    items.extend(Misconception::iter().map(|m| {
        Item::new(
            format!("misconception.{m}"),
            misconception_statement(m),
            "agreement",
            Measure::Misconception(m),
        )
    }));
    for form in [PowerForm::PowerTo, PowerForm::PowerWith, PowerForm::PowerWithin, PowerForm::PowerOver] {
        let item =
            Item::new(format!("power.{form}"), power_statement(form), "agreement", Measure::Power(form));
        items.push(if form.is_positive() { item } else { item.reversed() });
    }
    items.push(Item::new(
        "spectrum.current",
        "Where on the collaboration spectrum is this collaboration now?",
        "spectrum",
        Measure::Spectrum(SpectrumQuestion::Current),
    ));
    items.push(Item::new(
        "spectrum.needed",
        "Where on the collaboration spectrum does its work need it to be?",
        "spectrum",
        Measure::Spectrum(SpectrumQuestion::Needed),
    ));

    InstrumentDef {
        id: ID.to_owned(),
        version: "1.0.0".to_owned(),
        title: "Collaboration health check".to_owned(),
        source: "Foundation items: the reflection questions of Collaborate CIC, A Guide to Collaboration \
                 (2023), verbatim. Misconception and power items: this crate's own statements after \
                 Collaborate CIC's article on common misconceptions about collaboration. Spectrum items: \
                 the Tamarack Institute's Collaboration Spectrum, as the article cites it."
            .to_owned(),
        foundations: None,
        scales: vec![extent, agreement, spectrum],
        items,
        partners: Some(PartnerSection::default()),
    }
}

pub(super) fn instrument() -> Instrument {
    match Instrument::new(definition()) {
        Ok(instrument) => instrument,
        // The definition is fixed at compile time and a test checks it; this
        // arm cannot be reached.
        Err(err) => unreachable!("the built-in instrument is invalid: {err}"),
    }
}

impl Instrument {
    /// The built-in `collaboration-health-check` instrument: the Guide's 18
    /// reflection questions on an extent scale, 7 misconception statements
    /// and 4 power statements on an agreement scale, and 2 spectrum questions.
    ///
    /// The misconception and power statements are this crate's own wording,
    /// faithful to the Article; the reflection questions are the Guide's,
    /// verbatim.
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<Instrument> = OnceLock::new();
        BUILTIN.get_or_init(instrument)
    }
}
