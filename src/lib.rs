#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
mod framework;
mod group;
mod instrument;
mod response;
mod score;

pub use error::ParseIdError;
pub use framework::{
    ARTICLE, CORE_BELIEF, CollaborationLevel, CollaborativeBehaviour, DEFINITION, Foundation, GUIDE,
    InfrastructureElement, Misconception, PowerForm, PowerSource, QuestionId, ReflectionQuestion, Role,
};
pub use group::{
    AggregateError, Aggregator, BatchError, CompareError, Comparison, EntryError, FoundationChange,
    FoundationStats, GroupReport, Grouping, LevelCount, MisconceptionPrevalence, OverallStats,
    PerspectiveGap, Position, PowerSide, PowerStats, Priority, Rejection, ScoreChange, Segment,
    SegmentFoundation, Segments, SpectrumStats, Summary, for_each_response, score_batch, score_each,
};
pub use instrument::{
    Instrument, InstrumentDef, InstrumentError, Item, Keying, MAX_POINTS, MIN_POINTS, Measure, Scale,
    SpectrumQuestion,
};
pub use response::{Answer, Respondent, RespondentId, Response, ResponseError};
pub use score::{
    Band, Bands, BandsError, FoundationScore, ItemScore, MisconceptionAnswer, OverallScore, PowerScore,
    Scorecard, ScoringOptions, SpectrumPosition,
};
