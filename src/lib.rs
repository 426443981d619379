#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
mod framework;

pub use error::ParseIdError;
pub use framework::{
    ARTICLE, CORE_BELIEF, CollaborationLevel, CollaborativeBehaviour, DEFINITION, Foundation, GUIDE,
    InfrastructureElement, Misconception, PowerForm, PowerSource, QuestionId, ReflectionQuestion, Role,
};
