//! How the framework is asked: scales, items and instruments.
//!
//! An [`Instrument`] is a validated, versioned set of items, each answered on
//! a labelled ordinal [`Scale`] and measuring a foundation, a form of power,
//! a misconception or the spectrum. The built-in
//! `collaboration-health-check` ([`Instrument::builtin`]) asks the Guide's
//! eighteen reflection questions; custom instruments arrive as JSON
//! ([`Instrument::from_json`]) and are checked with one typed
//! [`InstrumentError`] per problem.

mod builtin;
mod error;
mod read;
mod validate;
pub use error::InstrumentError;
mod model;

pub(crate) use model::{Group, ItemInfo, gcd};
pub use model::{
    Instrument, InstrumentDef, Item, Keying, MAX_POINTS, MIN_POINTS, Measure, PARTNER_NOTICE, PartnerSection,
    Scale, SpectrumQuestion,
};
