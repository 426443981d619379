//! How findings leave for people: Markdown (the `Display` of scorecards,
//! reports and comparisons), and, with the `html` feature (on by default),
//! an SVG radar chart of the six foundations and a standalone, printable
//! HTML report.
//!
//! Every renderer reads the figures as the report holds them, disclosure
//! control applied, with the bands it was scored with, and rounds only for
//! display, in one formatting module. Every string that came from input
//! (organisation names, respondent ids, instrument ids and titles) is
//! escaped by the one markup writer, which is the only way the HTML and SVG
//! renderers write markup; the same escaping drops bidirectional formatting
//! characters, so a string reads in the order it was given and cannot
//! reorder the text around it, and the HTML isolates each such string in a
//! `<bdi>`.

pub(crate) mod format;
#[cfg(feature = "html")]
mod html;
mod markdown;
#[cfg(feature = "html")]
mod markup;
#[cfg(feature = "html")]
mod palette;
#[cfg(feature = "html")]
mod svg;

#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub use html::{HtmlReport, html_report};
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub use svg::{Radar, radar_svg};
