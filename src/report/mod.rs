//! A group's statistics: the [`Aggregator`] that counts a partnership's
//! responses one at a time and merges with other partial counts, the
//! [`GroupReport`] it makes, with disclosure control applied, and the
//! [`Comparison`] of two reports over time.
//!
//! Nothing here reads bytes or starts threads: batches of responses are
//! [`crate::batch`]'s job. The formulas are those of `docs/scoring.md`.

mod aggregate;
mod compare;
mod disclosure;
mod dist;
mod inference;
mod key;
mod partners;
mod state;
mod stats;
pub(crate) mod tally;

pub(crate) use key::Fingerprints;

pub use crate::de::ReadError;
pub use aggregate::{AggregateError, Aggregator};
pub use compare::{CompareError, Comparison, FoundationChange, ScoreChange};
pub use dist::Summary;
pub use inference::{ChangeTest, GroupDifference, ItemAlpha, Reliability, WelchTest};
pub use key::{FingerprintKey, KeyParseError};
pub use partners::{
    MISMATCH_LEVELS, PartnerDensity, PartnerMap, PartnerNetwork, PartnerOrganisation, PartnerPair, PartnerTie,
};
pub use state::{AggregateState, STATE_FORMAT, StateError};
pub use stats::{
    FoundationStats, GroupReport, Grouping, ItemDistribution, LevelCount, MisconceptionPrevalence,
    OverallStats, PerspectiveGap, PowerSide, PowerStats, Priority, Segment, SegmentFoundation, Segments,
    SpectrumStats,
};
