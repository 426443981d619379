//! Batches of responses from any reader, JSON Lines or one JSON array: one
//! documented way to score a whole batch, [`score_batch`] with
//! [`BatchOptions`], and iterators for one response at a time,
//! [`responses`] and [`scorecards`].
//!
//! Every response of a batch is accounted for: it is either counted or
//! rejected with its [`Position`] and a [`RejectionReason`] a caller can
//! `match`. JSON Lines take the fast path: blocks of lines parsed on worker
//! threads straight into counts and merged in order, with exactly the
//! result of one response at a time.

mod engine;
mod input;
mod reader;
mod rejection;
mod run;

pub use reader::{Responses, Scorecards, responses, scorecards};
pub use rejection::{BatchError, Position, Rejection, RejectionReason};
pub use run::{
    Aggregated, BatchOptions, Counter, MAX_LISTED_REJECTIONS, RejectionCounts, Scored, aggregate_batch,
    aggregate_batch_with, score_batch, score_batch_with,
};
