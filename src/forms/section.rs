//! The sections a form asks the instrument's items in: one per foundation,
//! in the instrument's order of foundations, then power, misconceptions
//! and the spectrum where the instrument has them, in the order the
//! instrument first asks them (misconceptions, power, spectrum for the
//! built-in instrument). SurveyJS makes each a page, FHIR a group item.

use crate::instrument::{Instrument, Item, Measure};

/// The title of the last section, which asks who the respondent is.
pub(crate) const ABOUT_YOU: &str = "About you";
/// The id of the last section.
pub(crate) const ABOUT_YOU_ID: &str = "about-you";

/// One section of a form: an id, a title and its items in the instrument's
/// order.
pub(crate) struct Section<'i> {
    /// `collaborative-mindset`, `power`, `misconceptions` or `spectrum`.
    pub(crate) id: &'static str,
    pub(crate) title: &'static str,
    pub(crate) items: Vec<&'i Item>,
}

/// The instrument's sections, without those it has no items for.
pub(crate) fn sections(instrument: &Instrument) -> Vec<Section<'_>> {
    let pick = |keep: &dyn Fn(Measure) -> bool| -> Vec<&Item> {
        instrument.items().iter().filter(|item| keep(item.measures)).collect()
    };
    let mut out: Vec<Section<'_>> = instrument
        .foundations()
        .iter()
        .map(|&foundation| Section {
            id: foundation.id(),
            title: foundation.name(),
            items: pick(&|m| m == Measure::Foundation(foundation)),
        })
        .collect();
    let mut others = vec![
        Section { id: "power", title: "Power", items: pick(&|m| matches!(m, Measure::Power(_))) },
        Section {
            id: "misconceptions",
            title: "Misconceptions",
            items: pick(&|m| matches!(m, Measure::Misconception(_))),
        },
        Section {
            id: "spectrum",
            title: "The collaboration spectrum",
            items: pick(&|m| matches!(m, Measure::Spectrum(_))),
        },
    ];
    others.retain(|section| !section.items.is_empty());
    // In the order the instrument first asks them.
    others.sort_by_key(|section| {
        section.items.first().and_then(|item| instrument.position(&item.id)).unwrap_or(usize::MAX)
    });
    out.extend(others);
    out.retain(|section| !section.items.is_empty());
    out
}
