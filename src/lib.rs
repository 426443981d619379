#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod error;
mod framework;
mod group;
mod instrument;
mod limits;
#[cfg(feature = "html")]
mod render;
mod response;
mod schema;
mod score;

pub use error::ParseIdError;
pub use framework::{
    ARTICLE, CORE_BELIEF, Catalogue, CollaborationLevel, CollaborativeBehaviour, DEFINITION, Described,
    Foundation, FoundationEntry, GUIDE, InfrastructureElement, LevelEntry, Misconception, MisconceptionEntry,
    PowerForm, PowerFormEntry, PowerSource, PowerSourceEntry, QuestionId, ReflectionQuestion, Role,
};
pub use group::{
    AggregateError, Aggregator, BatchError, CompareError, Comparison, EntryError, FoundationChange,
    FoundationStats, GroupReport, Grouping, LevelCount, MisconceptionPrevalence, OverallStats,
    PerspectiveGap, Position, PowerSide, PowerStats, Priority, Rejection, ScoreChange, Segment,
    SegmentFoundation, Segments, SpectrumStats, Summary, for_each_response, score_batch, score_batch_on,
    score_batch_simple, score_each,
};
pub use instrument::{
    Instrument, InstrumentDef, InstrumentError, Item, Keying, MAX_POINTS, MIN_POINTS, Measure, Scale,
    SpectrumQuestion,
};
pub use limits::{
    MAX_ANSWERS, MAX_ARRAY_BYTES, MAX_ID_CHARS, MAX_INSTRUMENT_BYTES, MAX_ITEMS, MAX_RESPONSE_BYTES,
    MAX_SCALES, MAX_TEXT_CHARS,
};
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub use render::{HtmlReport, Radar, html_report, radar_svg};
pub use response::{Answer, AnswerSheet, Respondent, RespondentId, Response, ResponseError};
pub use schema::{SCHEMA_ID_PREFIX, WireType};
pub use score::{
    Band, Bands, BandsError, FoundationScore, ItemScore, MisconceptionAnswer, OverallScore, PowerScore,
    Scorecard, Scores, ScoringOptions, SpectrumPosition,
};
