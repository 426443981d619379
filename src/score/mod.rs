//! How answers become findings for one respondent: the scorecard.
//!
//! A [`Scorecard`] gives each foundation's score out of 100 and its [`Band`],
//! the overall score, the misconceptions held, the power score and the
//! spectrum gap, by the formulas of `docs/scoring.md#one-respondent`.
//! [`ScoringOptions`] (the [`Bands`] and disclosure control's
//! `min_segment`) travel with every result, so renderers draw what it was
//! scored with.

mod band;
mod ratio;
mod scorecard;
mod scores;
pub use band::{Band, Bands, BandsError};
pub(crate) use scorecard::holds;
pub use scorecard::{
    FoundationScore, ItemScore, MisconceptionAnswer, OverallScore, PowerScore, Scorecard, SpectrumPosition,
};
pub use scores::Scores;
mod options;

pub use options::ScoringOptions;
