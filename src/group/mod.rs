//! How many people's answers become findings: the aggregator, the group
//! report, comparison over time, and batches.

mod aggregate;
pub(crate) mod batch;
mod compare;
mod disclosure;
mod dist;
mod engine;
mod fast;
mod report;
mod tally;

pub use aggregate::{AggregateError, Aggregator};
pub use batch::{
    BatchError, EntryError, Position, Rejection, for_each_response, score_batch, score_batch_on,
    score_batch_simple, score_each,
};
pub use compare::{CompareError, Comparison, FoundationChange, ScoreChange};
pub use dist::Summary;
pub use report::{
    FoundationStats, GroupReport, Grouping, LevelCount, MisconceptionPrevalence, OverallStats,
    PerspectiveGap, PowerSide, PowerStats, Priority, Segment, SegmentFoundation, Segments, SpectrumStats,
};
