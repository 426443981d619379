#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

// The modules follow the data, each using only those above it
// (docs/architecture.md): what the framework is → how it is asked → how
// answers arrive → one person's scores → a group's statistics → forms out
// and in → spreadsheets and collections read → batches of responses → how
// findings leave. `tests/architecture.rs` checks that no
// module imports one that imports it back.
pub mod batch;
mod de;
mod error;
pub mod forms;
pub mod framework;
pub mod import;
pub mod instrument;
pub mod limits;
pub mod render;
pub mod report;
pub mod response;
pub mod schema;
pub mod score;
mod text;

// What a user starts from. Everything else is in the module named for its
// stage.
pub use batch::{BatchOptions, score_batch};
pub use framework::{
    Catalogue, CollaborationLevel, Foundation, Misconception, PowerForm, PowerSource, QuestionId,
    ReflectionQuestion, Role,
};
pub use instrument::Instrument;
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub use render::{HtmlReport, Radar};
pub use report::{Aggregator, Comparison, GroupReport};
pub use response::{Answer, Respondent, Response};
pub use schema::WireType;
pub use score::{Band, Bands, Scorecard, ScoringOptions};
pub use text::set_nfc;
