//! How answers arrive: respondents, answers and responses, and their
//! validation against an instrument.
//!
//! A [`Response`] is one [`Respondent`]'s [`Answer`]s to an instrument's
//! items. [`Instrument::parse_response`](crate::Instrument::parse_response)
//! reads one from JSON seeing every answer as written, so each problem is a
//! [`ResponseError`] naming the respondent, the item and the value. The batch
//! path's fast parser applies the very same rules (one rule set, shared by
//! both parsers), so what is accepted never depends on the path.

mod error;
pub(crate) mod fast;
mod given;
mod parse;
mod partners;
pub(crate) mod rules;
mod sheet;
pub(crate) mod who;
pub use error::ResponseError;
pub use parse::AnswerSheet;
pub(crate) use partners::{NO_PARTNERS, Partners};
pub use partners::{PARTNER_AGREEMENT_POINTS, PARTNER_LEVELS, PartnerRating, RatingError};
pub(crate) use sheet::Sheet;

mod model;

pub use model::{Answer, Respondent, RespondentId, Response};
pub(crate) use rules::NOT_APPLICABLE;
