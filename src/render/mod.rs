//! How findings leave for people: Markdown (the `Display` of scorecards,
//! reports and comparisons); the partner map's ties as CSV ([`ties_csv`])
//! and its network as GraphML ([`graphml`]); and, with the `html` feature
//! (on by default), an SVG radar chart of the six foundations, an SVG
//! network diagram of the partner map ([`NetworkDiagram`]) and a
//! standalone, printable HTML report.
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

mod export;
pub(crate) mod format;
#[cfg(feature = "html")]
mod html;
mod markdown;
// The GraphML export writes through it too, with or without `html`.
#[cfg_attr(not(feature = "html"), allow(dead_code))]
mod markup;
#[cfg(feature = "html")]
mod network;
#[cfg(feature = "html")]
mod palette;
#[cfg(feature = "html")]
mod svg;

pub use export::{TIES_CSV_COLUMNS, graphml, ties_csv};

#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub use html::{HtmlReport, html_report};
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub use network::{NetworkDiagram, network_svg};
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub use svg::{Radar, radar_svg};
