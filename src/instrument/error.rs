use super::model::Measure;
use crate::error::quote;
use crate::framework::Foundation;

/// A problem with an instrument definition, naming the item or scale.
///
/// `<&'static str>::from(&error)` is the variant's name in kebab case
/// (such as `duplicate-item`): a kind for a program to match on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum InstrumentError {
    /// The text is not JSON of an instrument's shape.
    #[error("instrument JSON, line {line}, column {column}: {message}")]
    Json {
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What serde found wrong.
        message: String,
    },
    /// An id is not lowercase kebab-case (items may join such segments with dots).
    #[error("{what} id `{id}` is not well formed: use lowercase letters, digits and single hyphens{dots}", id = quote(id), dots = if *what == "item" { ", in segments joined by dots" } else { "" })]
    MalformedId {
        /// What carries the id: `"instrument"`, `"scale"` or `"item"`.
        what: &'static str,
        /// The id as given.
        id: String,
    },
    /// A text that must say something is empty.
    #[error("{what} of {owner} is empty")]
    EmptyText {
        /// Which text: `"title"`, `"version"`, `"prompt"`, `"label"`, ...
        what: &'static str,
        /// Whose text it is, e.g. ``item `trust.1` ``.
        owner: String,
    },
    /// Two items share an id.
    #[error("item `{item}` is defined twice (items {first} and {second})", item = quote(item))]
    DuplicateItem {
        /// The repeated id.
        item: String,
        /// The first position, counting from 1.
        first: usize,
        /// The second position, counting from 1.
        second: usize,
    },
    /// Two scales share an id.
    #[error("scale `{scale}` is defined twice", scale = quote(scale))]
    DuplicateScale {
        /// The repeated id.
        scale: String,
    },
    /// An item names a scale the instrument does not define.
    #[error("item `{item}`: unknown scale `{scale}`", item = quote(item), scale = quote(scale))]
    UnknownScale {
        /// The item.
        item: String,
        /// The scale it names.
        scale: String,
    },
    /// A scale has fewer than 2 or more than 11 points.
    #[error("scale `{scale}`: {points} points is outside 2..=11", scale = quote(scale))]
    PointsOutOfRange {
        /// The scale.
        scale: String,
        /// Its number of points.
        points: u8,
    },
    /// A scale's labels do not match its points one to one.
    #[error("scale `{scale}`: {labels} labels for {points} points", scale = quote(scale))]
    LabelCount {
        /// The scale.
        scale: String,
        /// Its number of points.
        points: u8,
        /// How many labels it has.
        labels: usize,
    },
    /// A foundation the instrument declares has no item measuring it.
    #[error("foundation `{foundation}` is declared but no item measures it")]
    FoundationWithoutItems {
        /// The foundation.
        foundation: Foundation,
    },
    /// An item measures a foundation the instrument's list leaves out.
    #[error("item `{item}` measures foundation `{foundation}`, which the instrument does not declare", item = quote(item))]
    UndeclaredFoundation {
        /// The item.
        item: String,
        /// The foundation it measures.
        foundation: Foundation,
    },
    /// A foundation is declared twice.
    #[error("foundation `{foundation}` is declared twice")]
    DuplicateFoundation {
        /// The foundation.
        foundation: Foundation,
    },
    /// A misconception or spectrum question is measured by two items.
    #[error("items `{first}` and `{second}` both measure {measure}; at most one item may", first = quote(first), second = quote(second))]
    DuplicateMeasure {
        /// The first item.
        first: String,
        /// The second item.
        second: String,
        /// What both measure.
        measure: Measure,
    },
    /// A spectrum item is not on a scale of exactly the seven collaboration levels.
    #[error("item `{item}` asks about the spectrum on scale `{scale}` of {points} points; it needs 7, one per collaboration level", item = quote(item), scale = quote(scale))]
    SpectrumScale {
        /// The item.
        item: String,
        /// Its scale.
        scale: String,
        /// The scale's points.
        points: u8,
    },
    /// The instrument has no items.
    #[error("the instrument has no items")]
    NoItems,
    /// An item about power over others keyed positively. Agreeing that some
    /// partners impose decisions on others is unhealthy, and the power score
    /// counts higher as healthier, so such an item must be reverse keyed.
    #[error("item `{item}` measures power over others but is keyed positively; agreeing that partners impose decisions is unhealthy, so give it \"keying\": \"reverse\"", item = quote(item))]
    PowerOverNotReversed {
        /// The item.
        item: String,
    },
    /// A spectrum item keyed in reverse: the spectrum is not a score, so its
    /// levels are read as given and reverse keying would silently mean
    /// nothing.
    #[error("item `{item}` asks about the spectrum, which is read level by level and never reversed; remove its \"keying\": \"reverse\"", item = quote(item))]
    ReverseSpectrum {
        /// The item.
        item: String,
    },
    /// The definition is longer than [`MAX_INSTRUMENT_BYTES`](crate::limits::MAX_INSTRUMENT_BYTES).
    #[error("the instrument definition is {bytes} bytes; the limit is {limit}")]
    TooLarge {
        /// Its length in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A partner the instrument expects, listed twice (the names equal
    /// once trimmed and normalised).
    #[error("partner `{partner}` is listed twice", partner = quote(partner))]
    DuplicatePartner {
        /// The second spelling.
        partner: String,
    },
    /// An expected partner whose name is blank, holds a control character
    /// or is over [`MAX_ID_CHARS`](crate::limits::MAX_ID_CHARS) characters.
    #[error("expected partner `{partner}`: {problem}", partner = quote(partner))]
    PartnerName {
        /// The name as listed.
        partner: String,
        /// What is wrong with it.
        problem: String,
    },
    /// More items, scales or expected partners than
    /// [`MAX_ITEMS`](crate::limits::MAX_ITEMS),
    /// [`MAX_SCALES`](crate::limits::MAX_SCALES) or
    /// [`MAX_PARTNERS`](crate::limits::MAX_PARTNERS).
    #[error("the instrument has {count} {what}; the limit is {limit}")]
    TooMany {
        /// `"items"`, `"scales"` or `"expected partners"`.
        what: &'static str,
        /// How many it has.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An id or text longer than [`MAX_ID_CHARS`](crate::limits::MAX_ID_CHARS) or
    /// [`MAX_TEXT_CHARS`](crate::limits::MAX_TEXT_CHARS).
    #[error("{what} of {owner} is {length} characters; the limit is {limit}", owner = quote(owner))]
    TooLong {
        /// Which id or text, e.g. `"prompt"`.
        what: &'static str,
        /// Whose it is, e.g. ``item `trust.1` ``.
        owner: String,
        /// Its length in characters.
        length: usize,
        /// The limit.
        limit: usize,
    },
}

impl InstrumentError {
    pub(crate) fn json(err: &serde_json::Error) -> Self {
        Self::Json {
            line: err.line().max(1),
            column: err.column().max(1),
            message: crate::de::humane(&crate::error::strip_position(err)),
        }
    }
}
