//! Scales, items and instruments, and the lookups scoring needs.

use crate::framework::{Foundation, Misconception, PowerForm};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The fewest points a scale may have.
pub const MIN_POINTS: u8 = 2;
/// The most points a scale may have.
pub const MAX_POINTS: u8 = 11;

/// An ordinal answer scale: `points` labelled values `1..=points`, and
/// optionally an explicit "not applicable" answer that is never scored.
///
/// ```
/// use collaboration::instrument::Scale;
///
/// let scale = Scale::new("agreement", ["Disagree", "Neutral", "Agree"]);
/// assert_eq!(scale.points, 3);
/// assert!(!scale.not_applicable);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The scale's identifier, lowercase kebab-case, unique in its instrument.
    #[schemars(length(max = crate::limits::MAX_ID_CHARS), pattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))]
    pub id: String,
    /// How many points the scale has, from 2 to 11; answers are `1..=points`.
    /// Read like an answer: `5` and `5.0` are the same number.
    #[serde(deserialize_with = "crate::de::whole")]
    #[schemars(range(min = MIN_POINTS, max = MAX_POINTS))]
    pub points: u8,
    /// One label per point, lowest first.
    #[schemars(length(min = MIN_POINTS, max = MAX_POINTS), inner(length(max = crate::limits::MAX_TEXT_CHARS), pattern(r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]")))]
    pub labels: Vec<String>,
    /// Whether `"n/a"` (not applicable) is an allowed answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

impl Scale {
    /// A scale with one point per label and no "not applicable" answer.
    ///
    /// The scale is checked when it becomes part of an [`Instrument`].
    pub fn new<L: Into<String>>(id: impl Into<String>, labels: impl IntoIterator<Item = L>) -> Self {
        let labels: Vec<String> = labels.into_iter().map(Into::into).collect();
        Self {
            id: id.into(),
            points: u8::try_from(labels.len()).unwrap_or(u8::MAX),
            labels,
            not_applicable: false,
        }
    }

    /// The same scale with `"n/a"` allowed.
    #[must_use]
    pub fn with_not_applicable(mut self) -> Self {
        self.not_applicable = true;
        self
    }

    /// The label of `value`, if `value` is on the scale.
    pub fn label(&self, value: u8) -> Option<&str> {
        self.labels.get(usize::from(value).checked_sub(1)?).map(String::as_str)
    }
}

/// Whether agreeing with an item means more of what it measures (positive),
/// or less (reverse: the keyed value is `points + 1 − value`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Keying {
    /// A higher answer means more of what the item measures.
    #[default]
    Positive,
    /// A higher answer means less of what the item measures.
    Reverse,
}

/// Which of the two spectrum questions an item asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SpectrumQuestion {
    /// Where on the spectrum the collaboration is now.
    Current,
    /// Where on the spectrum its work needs it to be.
    Needed,
}

/// What an item measures.
///
/// On the wire it is an object with exactly one key:
/// `{"foundation": "shared-learning"}`, `{"power": "power-over"}`,
/// `{"misconception": "everyone-is-equal"}` or `{"spectrum": "current"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// One of the six foundations: the item counts towards its score.
    #[schemars(title = "FoundationMeasure")]
    Foundation(Foundation),
    /// A form of power: the item counts towards the power score.
    #[schemars(title = "PowerMeasure")]
    Power(PowerForm),
    /// A misconception: agreeing means holding it.
    #[schemars(title = "MisconceptionMeasure")]
    Misconception(Misconception),
    /// A spectrum question, answered on a scale of the seven collaboration
    /// levels.
    #[schemars(title = "SpectrumMeasure")]
    Spectrum(SpectrumQuestion),
}

/// One question of an instrument.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item's identifier, unique in its instrument: lowercase kebab-case
    /// segments joined by dots, such as `shared-learning.2`.
    #[schemars(length(max = crate::limits::MAX_ID_CHARS), pattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$"))]
    pub id: String,
    /// The question or statement put to the respondent.
    #[schemars(length(max = crate::limits::MAX_TEXT_CHARS), pattern(r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"))]
    pub prompt: String,
    /// The identifier of the scale it is answered on.
    #[schemars(length(max = crate::limits::MAX_ID_CHARS), pattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))]
    pub scale: String,
    /// What the item measures.
    pub measures: Measure,
    /// Its keying; positive when absent.
    #[serde(default, skip_serializing_if = "is_positive")]
    pub keying: Keying,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_positive(keying: &Keying) -> bool {
    *keying == Keying::Positive
}

impl Item {
    /// A positively keyed item.
    pub fn new(
        id: impl Into<String>,
        prompt: impl Into<String>,
        scale: impl Into<String>,
        measures: Measure,
    ) -> Self {
        Self { id: id.into(), prompt: prompt.into(), scale: scale.into(), measures, keying: Keying::Positive }
    }

    /// The same item, reverse keyed.
    #[must_use]
    pub fn reversed(mut self) -> Self {
        self.keying = Keying::Reverse;
        self
    }
}

/// The definition of an instrument as it is written, before validation: the
/// JSON shape of an instrument.
///
/// Turn it into an [`Instrument`] with [`Instrument::new`], which checks it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentDef {
    /// The instrument's identifier, lowercase kebab-case. Responses name it.
    #[schemars(length(max = crate::limits::MAX_ID_CHARS), pattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))]
    pub id: String,
    /// The instrument's version, such as `1.0.0`.
    #[schemars(length(max = crate::limits::MAX_ID_CHARS), pattern(r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"))]
    pub version: String,
    /// A human-readable title.
    #[schemars(length(max = crate::limits::MAX_TEXT_CHARS), pattern(r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"))]
    pub title: String,
    /// Where the items come from, with credit.
    #[schemars(length(max = crate::limits::MAX_TEXT_CHARS))]
    pub source: String,
    /// The foundations the instrument measures. When absent, the foundations
    /// its items measure; when present, each must have at least one item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("uniqueItems" = true))]
    pub foundations: Option<Vec<Foundation>>,
    /// The answer scales its items use.
    #[schemars(length(min = 1, max = crate::limits::MAX_SCALES))]
    pub scales: Vec<Scale>,
    /// The items, in the order they are asked.
    #[schemars(length(min = 1, max = crate::limits::MAX_ITEMS))]
    pub items: Vec<Item>,
    /// Whether the instrument asks each respondent to rate their
    /// organisation's partners, and which partners it expects; absent when
    /// it does not ask (`docs/scoring.md#the-partner-map`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partners: Option<PartnerSection>,
}

/// The partner ratings an instrument asks for: each respondent may rate
/// each partner organisation's collaboration with their own, now and as the
/// work needs, on the collaboration spectrum, with optional trust and value
/// ratings (see [`PartnerRating`](crate::response::PartnerRating)).
///
/// ```
/// use collaboration::instrument::PartnerSection;
///
/// let section = PartnerSection::expecting(["City Council", "Health Trust"]);
/// assert!(section.expects("City Council"));
/// assert!(!section.expects("Fire Service"));
/// assert!(PartnerSection::default().expects("Fire Service")); // no list: any partner
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerSection {
    /// What respondents are told before they rate partners: that ratings
    /// are given on behalf of their organisation and are not anonymous.
    #[schemars(length(min = 1, max = crate::limits::MAX_TEXT_CHARS))]
    pub notice: String,
    /// The partner organisations respondents may rate; empty for any. A
    /// rating of a partner outside a non-empty list is an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = crate::limits::MAX_PARTNERS))]
    pub expected: Vec<String>,
}

/// What the built-in instrument tells respondents about partner ratings.
pub const PARTNER_NOTICE: &str = "Partner ratings are given on behalf of your organisation and are not \
     anonymous: a partnership's map shows each organisation's ratings of each partner, and a rating \
     that you alone gave for your organisation can be read as yours. Rate only the partners you can \
     speak for, and leave the rest out.";

impl Default for PartnerSection {
    /// Any partner, with the built-in notice.
    fn default() -> Self {
        Self { notice: PARTNER_NOTICE.to_owned(), expected: Vec::new() }
    }
}

impl PartnerSection {
    /// A section that lists the partners respondents may rate, with the
    /// built-in notice.
    pub fn expecting<S: Into<String>>(partners: impl IntoIterator<Item = S>) -> Self {
        Self { expected: partners.into_iter().map(Into::into).collect(), ..Self::default() }
    }

    /// Whether `partner` may be rated: the list is empty, or names it (the
    /// two trimmed and in Unicode normalisation form C).
    pub fn expects(&self, partner: &str) -> bool {
        self.expected.is_empty() || {
            let partner = crate::text::canonical(partner);
            self.expected.iter().any(|e| crate::text::canonical(e) == partner)
        }
    }
}

/// What scoring needs to know of one item, resolved once at validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ItemInfo {
    pub(crate) points: u8,
    pub(crate) not_applicable: bool,
    pub(crate) reverse: bool,
    pub(crate) measures: Measure,
}

impl ItemInfo {
    /// An item on the widest scale there may be, `1..=MAX_POINTS` with n/a:
    /// what an answer read without an instrument is checked against.
    pub(crate) const fn widest() -> Self {
        Self {
            points: MAX_POINTS,
            not_applicable: true,
            reverse: false,
            measures: Measure::Spectrum(SpectrumQuestion::Current),
        }
    }

    /// The keyed value of an answer `value` in `1..=points`.
    pub(crate) fn keyed(self, value: u8) -> u8 {
        if self.reverse { self.points + 1 - value } else { value }
    }
}

/// A validated instrument: a versioned set of items, each answered on an
/// ordinal scale.
///
/// ```
/// use collaboration::Instrument;
///
/// let hc = Instrument::builtin();
/// assert_eq!(hc.id(), "collaboration-health-check");
/// assert_eq!(hc.items().len(), 31);
/// let item = hc.item("shared-learning.2").ok_or("no such item")?;
/// assert_eq!(hc.scale(&item.scale).ok_or("no such scale")?.points, 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instrument {
    pub(super) def: InstrumentDef,
    pub(super) foundations: Vec<Foundation>,
    /// Item id to its position in `def.items`.
    pub(super) index: HashMap<String, usize>,
    /// Parallel to `def.items`.
    pub(super) info: Vec<ItemInfo>,
    /// For each of `foundations`, its items.
    pub(super) foundation_items: Vec<Group>,
    /// The power items.
    pub(super) power_items: Group,
    /// The positions of the `spectrum.current` and `spectrum.needed` items.
    pub(super) spectrum_items: [Option<usize>; 2],
    /// The content digest ([`Instrument::digest`]), made once.
    pub(super) digest: String,
}

/// Items scored together, with the least common multiple of their scales'
/// spans (`points − 1`), so a mean of normalised scores is an exact fraction
/// over it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Group {
    pub(crate) positions: Vec<usize>,
    pub(crate) lcm: u64,
    /// Per position, `lcm / (points − 1)`: what a normalised step of that
    /// item is worth over `lcm`, divided once here rather than for every
    /// answer scored (a 64-bit division costs tens of cycles).
    pub(crate) weights: Vec<u64>,
}

impl Group {
    pub(crate) fn new(info: &[ItemInfo], keep: impl Fn(&ItemInfo) -> bool) -> Self {
        let positions: Vec<usize> =
            info.iter().enumerate().filter(|(_, i)| keep(i)).map(|(n, _)| n).collect();
        let lcm = positions.iter().filter_map(|&p| info.get(p)).fold(1u64, |l, i| {
            let span = u64::from(i.points - 1);
            l / gcd(l, span) * span
        });
        let weights = positions
            .iter()
            .map(|&p| {
                info.get(p).and_then(|i| lcm.checked_div(u64::from(i.points.saturating_sub(1)))).unwrap_or(0)
            })
            .collect();
        Self { positions, lcm, weights }
    }
}

impl Instrument {
    /// The instrument's identifier.
    pub fn id(&self) -> &str {
        &self.def.id
    }

    /// The instrument's version.
    pub fn version(&self) -> &str {
        &self.def.version
    }

    /// The instrument's title.
    pub fn title(&self) -> &str {
        &self.def.title
    }

    /// Where the items come from, with credit.
    pub fn source(&self) -> &str {
        &self.def.source
    }

    /// The foundations the instrument measures, in the Guide's order.
    pub fn foundations(&self) -> &[Foundation] {
        &self.foundations
    }

    /// The answer scales.
    pub fn scales(&self) -> &[Scale] {
        &self.def.scales
    }

    /// The items, in the order they are asked.
    pub fn items(&self) -> &[Item] {
        &self.def.items
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.def.items.get(*self.index.get(id)?)
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.def.scales.iter().find(|scale| scale.id == id)
    }

    /// The instrument's content digest: the BLAKE3 hash, as 64 lowercase
    /// hexadecimal digits, of its definition as compact JSON. Two
    /// instruments have one digest exactly when their definitions are the
    /// same, so a saved [`AggregateState`](crate::report::AggregateState)
    /// names the instrument it counts by id, version and digest.
    ///
    /// ```
    /// use collaboration::Instrument;
    ///
    /// let digest = Instrument::builtin().digest();
    /// assert_eq!(digest.len(), 64);
    /// assert_eq!(digest, Instrument::builtin().clone().digest());
    /// // Two definitions that differ in one prompt differ in digest.
    /// let mut def = Instrument::builtin().definition().clone();
    /// def.items[0].prompt.push_str(" (revised)");
    /// assert_ne!(Instrument::new(def)?.digest(), digest);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The definition the instrument was made from, for serialising it.
    pub fn definition(&self) -> &InstrumentDef {
        &self.def
    }

    /// Gives back the definition the instrument was made from.
    pub fn into_definition(self) -> InstrumentDef {
        self.def
    }

    /// The partner ratings the instrument asks for; `None` when it asks
    /// for none.
    pub fn partners(&self) -> Option<&PartnerSection> {
        self.def.partners.as_ref()
    }

    pub(crate) fn position(&self, item: &str) -> Option<usize> {
        self.index.get(item).copied()
    }

    pub(crate) fn info(&self) -> &[ItemInfo] {
        &self.info
    }

    /// The foundations with the positions of their items.
    pub(crate) fn foundation_items(&self) -> impl Iterator<Item = (Foundation, &[usize])> {
        self.foundations.iter().copied().zip(self.foundation_items.iter().map(|g| g.positions.as_slice()))
    }

    /// The foundations' item groups, in the order of `foundations()`.
    pub(crate) fn foundation_groups(&self) -> &[Group] {
        &self.foundation_items
    }

    /// The power items.
    pub(crate) fn power_group(&self) -> &Group {
        &self.power_items
    }

    /// Whether any item measures power.
    pub fn measures_power(&self) -> bool {
        !self.power_items.positions.is_empty()
    }

    /// Whether any item asks where the collaboration is, or needs to be, on
    /// the spectrum.
    pub fn measures_spectrum(&self) -> bool {
        self.spectrum_items.iter().any(Option::is_some)
    }

    /// The forms of power whose items this instrument keys in reverse
    /// (agreeing counts as less healthy), in the Article's order: what the
    /// power score counts reversed.
    pub fn reversed_power_forms(&self) -> Vec<PowerForm> {
        let mut forms: Vec<PowerForm> = self
            .info
            .iter()
            .filter_map(|i| match i.measures {
                Measure::Power(form) if i.reverse => Some(form),
                _ => None,
            })
            .collect();
        forms.sort();
        forms.dedup();
        forms
    }

    /// The position of the item asking `question`, if any.
    pub(crate) fn spectrum_item(&self, question: SpectrumQuestion) -> Option<usize> {
        match question {
            SpectrumQuestion::Current => self.spectrum_items[0],
            SpectrumQuestion::Needed => self.spectrum_items[1],
        }
    }
}

impl Serialize for Instrument {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.def.serialize(serializer)
    }
}

impl JsonSchema for Instrument {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Instrument".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        InstrumentDef::json_schema(generator)
    }
}

/// Measures that at most one item may carry, since a respondent holds a
/// misconception or stands on the spectrum once.
pub(crate) fn is_singular(measure: Measure) -> bool {
    matches!(measure, Measure::Misconception(_) | Measure::Spectrum(_))
}

impl std::fmt::Display for Measure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Foundation(x) => write!(f, "foundation `{x}`"),
            Self::Power(x) => write!(f, "power `{x}`"),
            Self::Misconception(x) => write!(f, "misconception `{x}`"),
            Self::Spectrum(SpectrumQuestion::Current) => f.write_str("spectrum `current`"),
            Self::Spectrum(SpectrumQuestion::Needed) => f.write_str("spectrum `needed`"),
        }
    }
}

/// The greatest common divisor, for the exact fractions of scores.
pub(crate) const fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// The content digest of a definition: the BLAKE3 hash of its compact JSON.
pub(super) fn digest(def: &InstrumentDef) -> String {
    let mut hasher = blake3::Hasher::new();
    // Serialising plain data into a hasher cannot fail.
    let _ = serde_json::to_writer(&mut hasher, def);
    hasher.finalize().to_hex().to_string()
}
