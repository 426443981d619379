//! What the framework is: the content model.
//!
//! Everything here is static data drawn from two sources, which the docs of
//! each item name:
//!
//! - *the Guide*: Collaborate CIC, [*A Guide to Collaboration*](GUIDE) (2023);
//! - *the Article*: Collaborate CIC's [article on common misconceptions about
//!   collaboration](ARTICLE).
//!
//! The Guide's eighteen reflection questions and its definition of
//! collaboration are quoted verbatim. Every other text (summaries,
//! descriptions, the "reality" behind each misconception) is this crate's own
//! concise wording, faithful to the source it names.

mod behaviour;
mod catalogue;
mod foundation;
mod infrastructure;
mod misconception;
mod power;
mod question;
mod role;
pub(crate) mod set;
mod spectrum;
pub use behaviour::CollaborativeBehaviour;
pub use catalogue::{
    Catalogue, Described, FoundationEntry, LevelEntry, MisconceptionEntry, PowerFormEntry, PowerSourceEntry,
};
pub use foundation::Foundation;
pub use infrastructure::InfrastructureElement;
pub use misconception::Misconception;
pub use power::{PowerForm, PowerSource};
pub use question::{QuestionId, ReflectionQuestion};
pub use role::Role;
pub use spectrum::CollaborationLevel;
mod source;

pub use crate::error::ParseIdError;
pub use source::{ARTICLE, CORE_BELIEF, DEFINITION, GUIDE};
