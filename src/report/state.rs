//! The saved form of an aggregate: versioned, checked, mergeable
//! (`docs/wire.md#aggregate-state`).

use std::io::Read;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::dist::{Dist, Sum};
use super::inference::CrossProducts;
use super::partners::{TieTally, Ties};
use super::tally::{RoleSetTally, SegmentTally, Tally};
use crate::error::quote;
use crate::framework::{CollaborationLevel, Role};
use crate::instrument::{Instrument, MAX_POINTS};
use crate::limits::{MAX_ID_CHARS, MAX_STATE_BYTES};
use crate::response::who::RoleSet;
use crate::score::ScoringOptions;

/// The format this version of the crate writes, and the newest it reads.
pub const STATE_FORMAT: u32 = 1;

/// The first bytes of the binary form.
const MAGIC: &[u8; 8] = b"CLBSTATE";

/// Magic, format (u32, little-endian) and payload length (u64,
/// little-endian).
const HEADER: usize = 8 + 4 + 8;

/// The BLAKE3 checksum that ends the binary form: its first 16 bytes.
const CHECKSUM: usize = 16;

/// The most respondents a state may count: counts stay exact in a double.
const MAX_RESPONDENTS: u64 = 1 << 52;

/// An aggregate, saved: every count a group report needs, with no
/// respondent id in it.
///
/// A state comes from [`Aggregator::state`](super::Aggregator::state), and
/// goes back with [`Aggregator::restore`](super::Aggregator::restore) (or
/// [`Aggregator::restore_keyed`](super::Aggregator::restore_keyed) to add to
/// it), which checks it against the instrument. It can be written as JSON
/// ([`AggregateState::to_json`], described by the `aggregate-state` JSON
/// Schema) or in a compact binary form ([`AggregateState::to_bytes`]); both
/// hold exactly the same counts, so a report made from states restored from
/// either is, bit for bit, the report of one pass over all the responses.
///
/// It carries:
/// - the format version ([`STATE_FORMAT`]);
/// - the instrument's id, version and content digest
///   ([`Instrument::digest`]), so that it is never merged with, or reported
///   against, another instrument;
/// - the [`ScoringOptions`];
/// - a check value of the [`FingerprintKey`](super::FingerprintKey) its
///   fingerprints were made with (never the key);
/// - the exact counts, and one 16-byte keyed fingerprint per respondent.
///
/// **A state is confidential.** Its counts are not suppressed: with them,
/// the answers of a small segment, or the change one response makes, can be
/// worked out. Keep states where you keep raw responses, and share only
/// group reports, which apply disclosure control. Organisation names are in
/// it as given.
///
/// ```
/// use collaboration::report::AggregateState;
/// use collaboration::{Aggregator, Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let mut site = Aggregator::new(hc);
/// for (id, value) in [("a", 2), ("b", 4), ("c", 5)] {
///     site.add(&Response::new(hc.id(), Respondent::new(id)?).with_answer("healthy-trusting-relationships.1", value))?;
/// }
/// let bytes = site.state().to_bytes();
/// let json = site.state().to_json();
/// assert!(!json.contains("\"a\"")); // no respondent id in it
///
/// let from_bytes = Aggregator::restore(hc, &AggregateState::from_bytes(&bytes)?)?;
/// let from_json = Aggregator::restore(hc, &AggregateState::from_json(&json)?)?;
/// assert_eq!(from_bytes.report(), site.report());
/// assert_eq!(from_json.report(), site.report());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AggregateState")]
pub struct AggregateState {
    /// The format version; readers refuse a newer one.
    #[schemars(range(min = 1))]
    format: u32,
    /// The instrument counted.
    instrument: Stamp,
    /// The options the report uses.
    options: ScoringOptions,
    /// A check value of the key the fingerprints were made with: 32
    /// hexadecimal digits, which identify the key without revealing it.
    key: Fingerprint,
    /// How many respondents are counted.
    respondents: u64,
    /// Per item, in the instrument's order: how many answered "not
    /// applicable", then how many gave each value from 1 to the scale's
    /// points.
    answers: Vec<Vec<u64>>,
    /// Per foundation, in the instrument's order: the distinct scores with
    /// their counts, in ascending order of score.
    foundations: Vec<Vec<(f64, u64)>>,
    /// The overall scores with their counts.
    overall: Vec<(f64, u64)>,
    /// The power scores with their counts.
    power: Vec<(f64, u64)>,
    /// The spectrum gaps (needed level − current level).
    spectrum_gap: Gap,
    /// Per foundation, in the instrument's order, the complete cases of its
    /// items.
    reliability: Vec<ItemProducts>,
    /// The segment of each role played, in the Guide's order.
    roles: Vec<RoleSegment>,
    /// The segment of each organisation, in byte order of the names.
    organisations: Vec<OrganisationSegment>,
    /// The respondents who hold structural power.
    holders: SegmentCounts,
    /// The respondents who do not.
    others: SegmentCounts,
    /// Per combination of roles played, how many respondents play exactly
    /// those roles, and how many of them are scored on each foundation.
    role_sets: Vec<RoleSetCounts>,
    /// Per directed tie of the partner ratings, in byte order of (from,
    /// to): what the raters from one organisation said of one partner.
    partners: Vec<TieCounts>,
    /// One keyed fingerprint per respondent (32 hexadecimal digits), in
    /// ascending order.
    fingerprints: Vec<Fingerprint>,
}

/// Which instrument a state counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Stamp {
    /// The instrument's id.
    id: String,
    /// Its version.
    version: String,
    /// Its content digest: 64 hexadecimal digits.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    digest: String,
}

/// The spectrum gaps' count and sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Gap {
    /// How many respondents have a gap.
    n: u64,
    /// The sum of their gaps.
    sum: i64,
}

/// A segment's counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SegmentCounts {
    /// How many respondents are in it.
    respondents: u64,
    /// Per foundation, the exact sum of its members' scores.
    foundations: Vec<ExactSum>,
    /// The exact sum of their power scores.
    power: ExactSum,
}

/// A role's segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RoleSegment {
    /// The role.
    role: Role,
    /// Its counts.
    counts: SegmentCounts,
}

/// An organisation's segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OrganisationSegment {
    /// The organisation, trimmed and in NFC.
    organisation: String,
    /// Its counts.
    counts: SegmentCounts,
}

/// The respondents who play one combination of roles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RoleSetCounts {
    /// The roles, in the Guide's order.
    roles: Vec<Role>,
    /// How many respondents play exactly these roles.
    respondents: u64,
    /// Per foundation, how many of them are scored on it.
    scored: Vec<u64>,
}

/// The partner ratings the respondents from one organisation gave one
/// partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TieCounts {
    /// The raters' organisation, trimmed and in NFC.
    from: String,
    /// The partner, trimmed and in NFC.
    to: String,
    /// How many rated it.
    raters: u64,
    /// The sum of their current levels (1 to 7 each).
    current: u64,
    /// The sum of their needed levels (1 to 7 each).
    needed: u64,
    /// The trust ratings (1 to 5 each).
    trust: RatingSum,
    /// The value ratings (1 to 5 each).
    value: RatingSum,
}

/// How many gave an optional rating, and its sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RatingSum {
    /// How many gave it.
    n: u64,
    /// The sum of what they gave.
    sum: u64,
}

/// An exact sum of scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ExactSum {
    /// How many scores.
    n: u64,
    /// Their total in units of 2⁻⁶⁴, as a decimal string (it may need 128
    /// bits).
    total: Total,
    /// The total of their squares, each in units of 2⁻⁴⁸ rounded down, as a
    /// decimal string.
    squares: Total,
}

/// The complete cases of one foundation's items, for Cronbach's alpha.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ItemProducts {
    /// How many respondents answered every item of the foundation.
    complete: u64,
    /// Per item, the sum of their keyed answers.
    sums: Vec<u64>,
    /// The sums of the products of their keyed answers, item i with item j
    /// for i ≤ j, row by row.
    products: Vec<u64>,
}

/// A 128-bit total: a decimal string in JSON, a number in the binary form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Total(u128);

impl Serialize for Total {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(&self.0)
        } else {
            serializer.serialize_u128(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Total {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let text = String::deserialize(deserializer)?;
            if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(serde::de::Error::custom(format!(
                    "expected a total as a string of decimal digits, found {:?}",
                    quote(&text).to_string()
                )));
            }
            text.parse().map(Total).map_err(|_| serde::de::Error::custom("a total is over 128 bits"))
        } else {
            u128::deserialize(deserializer).map(Total)
        }
    }
}

impl JsonSchema for Total {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Total".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A whole number below 2^128, as a string of decimal digits.",
            "type": "string",
            "pattern": "^[0-9]{1,39}$"
        })
    }
}

/// A 128-bit fingerprint: 32 hexadecimal digits in JSON, 16 bytes in the
/// binary form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fingerprint(u128);

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(&format_args!("{:032x}", self.0))
        } else {
            self.0.to_le_bytes().serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let text = String::deserialize(deserializer)?;
            if text.len() != 32 || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                return Err(serde::de::Error::custom(format!(
                    "expected a fingerprint of 32 lowercase hexadecimal digits, found {:?}",
                    quote(&text).to_string()
                )));
            }
            u128::from_str_radix(&text, 16)
                .map(Fingerprint)
                .map_err(|_| serde::de::Error::custom("a fingerprint is not hexadecimal"))
        } else {
            <[u8; 16]>::deserialize(deserializer).map(|b| Fingerprint(u128::from_le_bytes(b)))
        }
    }
}

impl JsonSchema for Fingerprint {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fingerprint".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "128 bits as 32 lowercase hexadecimal digits.",
            "type": "string",
            "pattern": "^[0-9a-f]{32}$"
        })
    }
}

/// Why a saved aggregate state could not be read or restored.
///
/// `<&'static str>::from(&error)` is the variant's name in kebab case
/// (such as `wrong-key`): a kind for a program to match on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum StateError {
    /// The state is over [`MAX_STATE_BYTES`]; nothing of it was read.
    #[error("the state is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Its size in bytes (at least; reading stopped at the limit).
        bytes: u64,
        /// The limit.
        limit: usize,
    },
    /// The bytes are not a state in either form.
    #[error("this is not an aggregate state: it {found}")]
    NotAState {
        /// What it is, or begins with, in words.
        found: String,
    },
    /// The state ends before its end: a copy or a write was cut short.
    #[error("the state is cut short after {found} bytes{}", expected.map(|e| format!(", of its {e}")).unwrap_or_default())]
    Truncated {
        /// How many bytes there are.
        found: u64,
        /// How many there should be, as the binary form's header gives it
        /// (`None` for JSON, which has no header, or when the header itself
        /// is cut short).
        expected: Option<u64>,
    },
    /// The state is damaged: its checksum does not match, or it does not
    /// read as a state.
    #[error("the state is damaged: {reason}")]
    Corrupt {
        /// What is wrong, and where.
        reason: String,
    },
    /// The state was written by a newer version of the crate.
    #[error(
        "the state is in format {found}, newer than format {supported}, the newest this version reads; upgrade to read it"
    )]
    NewerFormat {
        /// Its format.
        found: u32,
        /// The newest this version reads ([`STATE_FORMAT`]).
        supported: u32,
    },
    /// The state counts another instrument, or another version or
    /// definition of it.
    #[error("the state counts instrument `{found}` version {found_version}, not `{expected}` version {expected_version}{}", if found == expected && found_version == expected_version { " (same id and version, different definitions)" } else { "" })]
    DifferentInstrument {
        /// The instrument it was restored against.
        expected: String,
        /// Its version.
        expected_version: String,
        /// The instrument the state counts.
        found: String,
        /// Its version.
        found_version: String,
    },
    /// The state's counts cannot all be true together.
    #[error("the state's counts do not agree: {reason}")]
    Inconsistent {
        /// Which counts, and how.
        reason: String,
    },
    /// The key given is not the one the state's fingerprints were made
    /// with.
    #[error("the fingerprint key given is not the one this state was made with")]
    WrongKey,
    /// The state could not be read.
    #[error("the state could not be read: {message}")]
    Io {
        /// The operating system's message.
        message: String,
    },
}

/// `Err(StateError::Inconsistent)` with a formatted reason, unless `cond`.
macro_rules! ensure {
    ($cond:expr, $($reason:tt)+) => {
        if !$cond {
            return Err(StateError::Inconsistent { reason: format!($($reason)+) });
        }
    };
}

impl AggregateState {
    /// The state of an aggregate's counts.
    pub(crate) fn new(
        instrument: &Instrument,
        options: ScoringOptions,
        key: u128,
        tally: &Tally,
        fingerprints: impl Iterator<Item = u128>,
    ) -> Self {
        let mut fingerprints: Vec<Fingerprint> = fingerprints.map(Fingerprint).collect();
        // Sorted: the same respondents give the same bytes, and the order
        // in which they answered is not kept.
        fingerprints.sort_unstable();
        let dist = |d: &Dist| d.entries().collect::<Vec<_>>();
        Self {
            format: STATE_FORMAT,
            instrument: Stamp {
                id: instrument.id().to_owned(),
                version: instrument.version().to_owned(),
                digest: instrument.digest().to_owned(),
            },
            options,
            key: Fingerprint(key),
            respondents: tally.respondents,
            answers: instrument
                .info()
                .iter()
                .zip(&tally.answers)
                .map(|(info, counts)| counts.iter().take(usize::from(info.points) + 1).copied().collect())
                .collect(),
            foundations: tally.foundations.iter().map(dist).collect(),
            overall: dist(&tally.overall),
            power: dist(&tally.power),
            spectrum_gap: Gap { n: tally.gap_n, sum: tally.gap_sum },
            reliability: tally
                .reliability
                .iter()
                .map(|c| ItemProducts { complete: c.n, sums: c.sums.clone(), products: c.products.clone() })
                .collect(),
            roles: tally
                .roles
                .iter()
                .map(|(&role, s)| RoleSegment { role, counts: SegmentCounts::of(s) })
                .collect(),
            organisations: tally
                .organisations
                .iter()
                .map(|(name, s)| OrganisationSegment {
                    organisation: name.clone(),
                    counts: SegmentCounts::of(s),
                })
                .collect(),
            holders: SegmentCounts::of(&tally.holders),
            others: SegmentCounts::of(&tally.others),
            role_sets: tally
                .role_sets
                .iter()
                .map(|(set, counts)| RoleSetCounts {
                    roles: set.iter().collect(),
                    respondents: counts.respondents,
                    scored: counts.scored.clone(),
                })
                .collect(),
            partners: tally
                .ties
                .iter()
                .map(|((from, to), t)| TieCounts {
                    from: from.clone(),
                    to: to.clone(),
                    raters: t.raters,
                    current: t.current,
                    needed: t.needed,
                    trust: RatingSum { n: t.trust_n, sum: t.trust },
                    value: RatingSum { n: t.value_n, sum: t.value },
                })
                .collect(),
            fingerprints,
        }
    }

    /// The instrument's id.
    pub fn instrument_id(&self) -> &str {
        &self.instrument.id
    }

    /// The instrument's version.
    pub fn instrument_version(&self) -> &str {
        &self.instrument.version
    }

    /// How many respondents are counted.
    pub fn respondents(&self) -> u64 {
        self.respondents
    }

    /// The options the report uses.
    pub fn options(&self) -> &ScoringOptions {
        &self.options
    }

    /// The format version it was written in.
    pub fn format(&self) -> u32 {
        self.format
    }

    /// The key check value.
    pub(crate) fn key_check(&self) -> u128 {
        self.key.0
    }

    /// The fingerprints.
    pub(crate) fn fingerprints(&self) -> impl Iterator<Item = u128> + '_ {
        self.fingerprints.iter().map(|f| f.0)
    }

    /// The state as compact JSON, as the `aggregate-state` schema describes.
    pub fn to_json(&self) -> String {
        // Serialising plain data to a string cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The state in its compact binary form: the 8 bytes `CLBSTATE`, the
    /// format (4 bytes) and the payload's length (8 bytes), little-endian;
    /// the payload ([postcard](https://docs.rs/postcard)); and the first 16
    /// bytes of the BLAKE3 hash of all that, so that damage is found.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain data to memory cannot fail.
        let payload = postcard::to_allocvec(self).unwrap_or_default();
        let mut out = Vec::with_capacity(HEADER + payload.len() + CHECKSUM);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.format.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&payload);
        let checksum = blake3::hash(&out);
        out.extend_from_slice(checksum.as_bytes().get(..CHECKSUM).unwrap_or_default());
        out
    }

    /// Reads the JSON form.
    ///
    /// # Errors
    ///
    /// [`StateError::TooLarge`] over [`MAX_STATE_BYTES`],
    /// [`StateError::NewerFormat`], [`StateError::Truncated`] for JSON that
    /// ends early, [`StateError::Corrupt`] for anything else that does not
    /// read as a state (with its line and column), and
    /// [`StateError::Inconsistent`] for counts that cannot all be true.
    pub fn from_json(json: &str) -> Result<Self, StateError> {
        too_large(json.len() as u64)?;
        let state: Self = match crate::de::object(&mut serde_json::Deserializer::from_str(json)) {
            Ok(state) => state,
            Err(err) => {
                // A newer format may not read as this one: say so first.
                #[derive(Deserialize)]
                struct Probe {
                    format: u32,
                }
                if let Ok(Probe { format }) = serde_json::from_str::<Probe>(json) {
                    newer(format)?;
                }
                if err.is_eof() {
                    return Err(StateError::Truncated { found: json.len() as u64, expected: None });
                }
                return Err(StateError::Corrupt {
                    reason: format!(
                        "line {}, column {}: {}",
                        err.line(),
                        err.column(),
                        crate::de::humane(&crate::error::strip_position(&err))
                    ),
                });
            }
        };
        newer(state.format)?;
        state.check()?;
        Ok(state)
    }

    /// Reads the binary form.
    ///
    /// # Errors
    ///
    /// [`StateError::TooLarge`] over [`MAX_STATE_BYTES`],
    /// [`StateError::NotAState`] without the `CLBSTATE` mark,
    /// [`StateError::NewerFormat`], [`StateError::Truncated`] when bytes are
    /// missing, [`StateError::Corrupt`] when the checksum does not match or
    /// the payload does not read, and [`StateError::Inconsistent`] for
    /// counts that cannot all be true.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StateError> {
        too_large(bytes.len() as u64)?;
        let found = bytes.len() as u64;
        if !bytes.starts_with(MAGIC) {
            if MAGIC.starts_with(bytes) && !bytes.is_empty() {
                return Err(StateError::Truncated { found, expected: None });
            }
            return Err(StateError::NotAState { found: describe(bytes) });
        }
        let (Some(format), Some(length)) = (bytes.get(8..12), bytes.get(12..HEADER)) else {
            return Err(StateError::Truncated { found, expected: None });
        };
        let format = u32::from_le_bytes(format.try_into().unwrap_or_default());
        newer(format)?;
        let length = u64::from_le_bytes(length.try_into().unwrap_or_default());
        too_large(length)?;
        let expected = HEADER as u64 + length + CHECKSUM as u64;
        if found < expected {
            return Err(StateError::Truncated { found, expected: Some(expected) });
        }
        if found > expected {
            return Err(StateError::Corrupt { reason: format!("{} bytes follow its end", found - expected) });
        }
        // In range: `found == expected`, which is at most MAX_STATE_BYTES.
        #[allow(clippy::cast_possible_truncation)]
        let (body, checksum) = bytes.split_at(HEADER + length as usize);
        if blake3::hash(body).as_bytes().get(..CHECKSUM) != Some(checksum) {
            return Err(StateError::Corrupt {
                reason: "its checksum does not match its contents".to_owned(),
            });
        }
        let payload = body.get(HEADER..).unwrap_or_default();
        let state: Self = match postcard::take_from_bytes::<Self>(payload) {
            Ok((state, [])) => state,
            Ok((_, rest)) => {
                return Err(StateError::Corrupt {
                    reason: format!("{} bytes follow its payload", rest.len()),
                });
            }
            Err(err) => {
                return Err(StateError::Corrupt { reason: format!("its payload does not read: {err}") });
            }
        };
        if state.format != format {
            return Err(StateError::Corrupt {
                reason: format!("its header says format {format}, its payload format {}", state.format),
            });
        }
        state.check()?;
        Ok(state)
    }

    /// Reads either form, telling them apart by the first byte that is not
    /// white space: `{` for JSON.
    ///
    /// # Errors
    ///
    /// As [`AggregateState::from_json`] or [`AggregateState::from_bytes`];
    /// [`StateError::Corrupt`] for JSON that is not UTF-8.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, StateError> {
        too_large(bytes.len() as u64)?;
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            let json = std::str::from_utf8(bytes).map_err(|e| StateError::Corrupt {
                reason: format!("byte {} is not UTF-8, as JSON must be", e.valid_up_to() + 1),
            })?;
            Self::from_json(json)
        } else {
            Self::from_bytes(bytes)
        }
    }

    /// Reads either form from `reader`, never holding more than
    /// [`MAX_STATE_BYTES`] of it.
    ///
    /// # Errors
    ///
    /// As [`AggregateState::from_slice`], and [`StateError::Io`] when the
    /// reader fails.
    pub fn read_from(reader: impl Read) -> Result<Self, StateError> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_STATE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| StateError::Io { message: e.to_string() })?;
        Self::from_slice(&bytes)
    }

    /// The checks that need no instrument: every count agrees with the
    /// others.
    fn check(&self) -> Result<(), StateError> {
        let total = self.respondents;
        ensure!(
            total <= MAX_RESPONDENTS,
            "{total} respondents is more than a state may count ({MAX_RESPONDENTS})"
        );
        ensure!(
            self.fingerprints.len() as u64 == total,
            "{} fingerprints for {total} respondents; there is one per respondent",
            self.fingerprints.len()
        );
        ensure!(
            self.fingerprints.windows(2).all(|w| w.first() < w.get(1)),
            "the fingerprints are not in strictly ascending order"
        );
        for (i, counts) in self.answers.iter().enumerate() {
            ensure!(
                counts.iter().try_fold(0u64, |a, &c| a.checked_add(c)).is_some_and(|n| n <= total),
                "item {} (in the instrument's order): more answers than the {total} respondents",
                i + 1
            );
        }
        let segments = self
            .roles
            .iter()
            .map(|r| (format!("role `{}`", r.role), &r.counts))
            .chain(
                self.organisations
                    .iter()
                    .map(|o| (format!("organisation {}", quote(&o.organisation)), &o.counts)),
            )
            .chain([
                ("the holders of power".to_owned(), &self.holders),
                ("the others".to_owned(), &self.others),
            ]);
        for (name, segment) in segments {
            ensure!(segment.respondents <= total, "{name}: {} respondents of {total}", segment.respondents);
            for sum in segment.foundations.iter().chain([&segment.power]) {
                ensure!(
                    sum.n <= segment.respondents,
                    "{name}: {} scores for {} respondents",
                    sum.n,
                    segment.respondents
                );
                ensure!(
                    Sum::from_parts(sum.n, sum.total.0, sum.squares.0).is_some(),
                    "{name}: a total over what {} scores of 100 make",
                    sum.n
                );
            }
        }
        ensure!(
            self.holders.respondents.checked_add(self.others.respondents) == Some(total),
            "{} holders of power and {} others for {total} respondents",
            self.holders.respondents,
            self.others.respondents
        );
        ensure!(
            self.spectrum_gap.n <= total,
            "{} spectrum gaps for {total} respondents",
            self.spectrum_gap.n
        );
        let widest = i64::try_from(CollaborationLevel::iter().count().saturating_sub(1)).unwrap_or(i64::MAX);
        let most = i64::try_from(self.spectrum_gap.n).ok().and_then(|n| n.checked_mul(widest));
        ensure!(
            most.is_some_and(|most| self.spectrum_gap.sum.checked_abs().is_some_and(|s| s <= most)),
            "a spectrum gap sum of {} over {} respondents",
            self.spectrum_gap.sum,
            self.spectrum_gap.n
        );
        Ok(())
    }

    /// Restores the counts, checking them against `instrument`.
    pub(crate) fn tally(&self, instrument: &Instrument) -> Result<Tally, StateError> {
        let digest = instrument.digest();
        if self.instrument.id != instrument.id()
            || self.instrument.version != instrument.version()
            || self.instrument.digest != digest
        {
            return Err(StateError::DifferentInstrument {
                expected: instrument.id().to_owned(),
                expected_version: instrument.version().to_owned(),
                found: self.instrument.id.clone(),
                found_version: self.instrument.version.clone(),
            });
        }
        self.check()?;
        let total = self.respondents;
        let info = instrument.info();
        let foundations = instrument.foundations();
        let nf = foundations.len();
        ensure!(
            self.answers.len() == info.len(),
            "answers to {} items; the instrument has {}",
            self.answers.len(),
            info.len()
        );
        let mut answers = Vec::with_capacity(info.len());
        for ((item, info), counts) in instrument.items().iter().zip(info).zip(&self.answers) {
            let item = &item.id;
            ensure!(
                counts.len() == usize::from(info.points) + 1,
                "item `{}`: {} counts; its scale has {} points, so it has {}",
                item,
                counts.len(),
                info.points,
                usize::from(info.points) + 1
            );
            let mut row = [0u64; MAX_POINTS as usize + 1];
            for (slot, &count) in row.iter_mut().zip(counts) {
                *slot = count;
            }
            answers.push(row);
        }
        ensure!(
            self.foundations.len() == nf,
            "scores for {} foundations; the instrument measures {nf}",
            self.foundations.len()
        );
        let dist = |what: &str, entries: &[(f64, u64)]| {
            Dist::from_entries(entries.iter().copied(), total).ok_or_else(|| StateError::Inconsistent {
                reason: format!(
                    "{what}: the scores are not distinct numbers from 0 to 100 in ascending order with counts of at least 1 adding up to at most {total}"
                ),
            })
        };
        let dists = foundations
            .iter()
            .zip(&self.foundations)
            .map(|(f, entries)| dist(&format!("foundation `{f}`"), entries))
            .collect::<Result<Vec<_>, _>>()?;
        let overall = dist("the overall scores", &self.overall)?;
        let power = dist("the power scores", &self.power)?;
        ensure!(
            instrument.measures_power() || power.n() == 0,
            "power scores for an instrument that does not measure power"
        );
        let segment = |name: &str, s: &SegmentCounts| -> Result<SegmentTally, StateError> {
            ensure!(
                s.foundations.len() == nf,
                "{name}: sums for {} foundations; the instrument measures {nf}",
                s.foundations.len()
            );
            let mut out = SegmentTally::new(nf);
            out.respondents = s.respondents;
            for (slot, sum) in out.foundations.iter_mut().zip(&s.foundations) {
                *slot = Sum::from_parts(sum.n, sum.total.0, sum.squares.0).unwrap_or_default();
            }
            out.power = Sum::from_parts(s.power.n, s.power.total.0, s.power.squares.0).unwrap_or_default();
            Ok(out)
        };
        let holders = segment("the holders of power", &self.holders)?;
        let others = segment("the others", &self.others)?;
        for ((f, d), (h, o)) in
            foundations.iter().zip(&dists).zip(holders.foundations.iter().zip(&others.foundations))
        {
            let whole = d.sum();
            ensure!(
                h.n() + o.n() == whole.n()
                    && h.total().checked_add(o.total()) == Some(whole.total())
                    && h.squares().checked_add(o.squares()) == Some(whole.squares()),
                "foundation `{f}`: the holders' and others' scores do not add up to the whole group's"
            );
        }
        let whole = power.sum();
        ensure!(
            holders.power.n() + others.power.n() == whole.n()
                && holders.power.total().checked_add(others.power.total()) == Some(whole.total())
                && holders.power.squares().checked_add(others.power.squares()) == Some(whole.squares()),
            "the holders' and others' power scores do not add up to the whole group's"
        );

        // Segments and combinations in one order only, so that a state has
        // one form.
        ensure!(
            self.roles.windows(2).all(|w| w.first().map(|r| r.role) < w.get(1).map(|r| r.role)),
            "the role segments are not each listed once, in the Guide's order"
        );
        ensure!(
            self.organisations
                .windows(2)
                .all(|w| w.first().map(|o| &o.organisation) < w.get(1).map(|o| &o.organisation)),
            "the organisations are not each listed once, in byte order of their names"
        );
        let mut roles = std::collections::BTreeMap::new();
        for r in &self.roles {
            let name = format!("role `{}`", r.role);
            ensure!(r.counts.respondents > 0, "{name}: a segment with no respondents");
            ensure!(roles.insert(r.role, segment(&name, &r.counts)?).is_none(), "{name} appears twice");
        }
        let mut role_sets = std::collections::BTreeMap::new();
        let mut in_sets = 0u64;
        for s in &self.role_sets {
            let mut set = RoleSet::default();
            for &role in &s.roles {
                set.insert(role);
            }
            let name = format!(
                "the roles [{}]",
                s.roles.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            );
            ensure!(
                !set.is_empty() && set.iter().eq(s.roles.iter().copied()),
                "{name}: a combination names at least one role, each once, in the Guide's order"
            );
            ensure!(
                role_sets.last_key_value().is_none_or(|(last, _): (&RoleSet, _)| *last < set),
                "{name}: the combinations are not each listed once, in order"
            );
            ensure!(s.respondents > 0, "{name}: a combination with no respondents");
            ensure!(
                s.scored.len() == nf,
                "{name}: counts for {} foundations; the instrument measures {nf}",
                s.scored.len()
            );
            ensure!(
                s.scored.iter().all(|&n| n <= s.respondents),
                "{name}: more scored than the {} respondents",
                s.respondents
            );
            in_sets = in_sets.saturating_add(s.respondents);
            ensure!(
                role_sets
                    .insert(set, RoleSetTally { respondents: s.respondents, scored: s.scored.clone() })
                    .is_none(),
                "{name} appears twice"
            );
        }
        ensure!(in_sets <= total, "{in_sets} respondents play roles, of {total}");
        for role in Role::iter() {
            let sets = role_sets.iter().filter(|(set, _)| set.contains(role)).map(|(_, c)| c);
            let respondents: u64 = sets.clone().map(|c: &RoleSetTally| c.respondents).sum();
            match roles.get(&role) {
                None => ensure!(
                    respondents == 0,
                    "role `{role}`: {respondents} respondents play it, but it has no segment"
                ),
                Some(segment) => {
                    ensure!(
                        segment.respondents == respondents,
                        "role `{role}`: its segment has {} respondents, its combinations {respondents}",
                        segment.respondents
                    );
                    for (f, (sum, &foundation)) in segment.foundations.iter().zip(foundations).enumerate() {
                        let scored: u64 = sets.clone().map(|c| c.scored.get(f).copied().unwrap_or(0)).sum();
                        ensure!(
                            sum.n() == scored,
                            "role `{role}`, foundation `{foundation}`: {} scores in the segment, {scored} in its combinations",
                            sum.n()
                        );
                    }
                }
            }
        }
        for (f, (d, &foundation)) in dists.iter().zip(foundations).enumerate() {
            let scored: u64 =
                role_sets.values().map(|c: &RoleSetTally| c.scored.get(f).copied().unwrap_or(0)).sum();
            ensure!(scored <= d.n(), "foundation `{foundation}`: {scored} with roles scored, of {}", d.n());
        }

        let mut organisations = std::collections::BTreeMap::new();
        let mut in_organisations = 0u64;
        for o in &self.organisations {
            let name = format!("organisation {}", quote(&o.organisation));
            ensure!(
                !o.organisation.is_empty()
                    && o.organisation.chars().count() <= MAX_ID_CHARS
                    && crate::response::rules::canonical(&o.organisation) == o.organisation.as_str(),
                "{name}: a name must be trimmed, in NFC, not blank, and at most {MAX_ID_CHARS} characters"
            );
            ensure!(o.counts.respondents > 0, "{name}: a segment with no respondents");
            in_organisations = in_organisations.saturating_add(o.counts.respondents);
            ensure!(
                organisations.insert(o.organisation.clone(), segment(&name, &o.counts)?).is_none(),
                "{name} appears twice"
            );
        }
        ensure!(in_organisations <= total, "{in_organisations} respondents in organisations, of {total}");

        ensure!(
            self.reliability.len() == nf,
            "complete cases for {} foundations; the instrument measures {nf}",
            self.reliability.len()
        );
        let mut reliability = Vec::with_capacity(nf);
        for ((group, &foundation), r) in
            instrument.foundation_groups().iter().zip(foundations).zip(&self.reliability)
        {
            let k = group.positions.len();
            let name = format!("foundation `{foundation}`");
            ensure!(r.complete <= total, "{name}: {} complete cases of {total} respondents", r.complete);
            ensure!(
                r.sums.len() == k && r.products.len() == k * (k + 1) / 2,
                "{name}: complete-case sums for {} items and {} products; it has {k} items",
                r.sums.len(),
                r.products.len()
            );
            // Every keyed answer is 1 to the scale's points (at most 11).
            let most = r.complete.saturating_mul(u64::from(MAX_POINTS));
            ensure!(
                r.sums.iter().all(|&s| (r.complete..=most).contains(&s)),
                "{name}: a complete-case sum outside what {} answers can make",
                r.complete
            );
            let mut cross = CrossProducts::new(k);
            cross.n = r.complete;
            cross.sums.clone_from(&r.sums);
            cross.products.clone_from(&r.products);
            reliability.push(cross);
        }

        let ties = self.ties(instrument, &organisations)?;

        Ok(Tally {
            respondents: total,
            reliability,
            answers,
            foundations: dists,
            overall,
            power,
            gap_sum: self.spectrum_gap.sum,
            gap_n: self.spectrum_gap.n,
            roles,
            organisations,
            holders,
            others,
            role_sets,
            ties,
        })
    }

    /// The partner ties, checked: canonical, distinct names in order, no
    /// organisation rating itself, only partners the instrument expects,
    /// no more raters than the organisation has respondents, and sums
    /// within what that many ratings make.
    fn ties(
        &self,
        instrument: &Instrument,
        organisations: &std::collections::BTreeMap<String, SegmentTally>,
    ) -> Result<Ties, StateError> {
        use crate::response::{PARTNER_AGREEMENT_POINTS, PARTNER_LEVELS};
        let mut ties = Ties::new();
        if !self.partners.is_empty() {
            ensure!(instrument.partners().is_some(), "partner ratings for an instrument that asks for none");
        }
        for t in &self.partners {
            let name = format!("the tie from {} to {}", quote(&t.from), quote(&t.to));
            for org in [&t.from, &t.to] {
                ensure!(
                    !org.is_empty()
                        && org.chars().count() <= MAX_ID_CHARS
                        && crate::response::rules::canonical(org) == org.as_str(),
                    "{name}: a name must be trimmed, in NFC, not blank, and at most {MAX_ID_CHARS} characters"
                );
            }
            ensure!(t.from != t.to, "{name}: an organisation is not its own partner");
            ensure!(
                instrument.partners().is_some_and(|p| p.expects(&t.to)),
                "{name}: not a partner the instrument lists"
            );
            let members = organisations.get(&t.from).map_or(0, |o| o.respondents);
            ensure!(
                (1..=members).contains(&t.raters),
                "{name}: {} raters, of the organisation's {members} respondents",
                t.raters
            );
            let within = |n: u64, sum: u64, points: u8| {
                n.checked_mul(u64::from(points)).is_some_and(|most| (n..=most).contains(&sum))
            };
            ensure!(
                within(t.raters, t.current, PARTNER_LEVELS) && within(t.raters, t.needed, PARTNER_LEVELS),
                "{name}: a level sum outside what {} ratings of 1 to {PARTNER_LEVELS} make",
                t.raters
            );
            for (what, r) in [("trust", t.trust), ("value", t.value)] {
                ensure!(
                    r.n <= t.raters && within(r.n, r.sum, PARTNER_AGREEMENT_POINTS),
                    "{name}: {} {what} ratings summing to {} from {} raters",
                    r.n,
                    r.sum,
                    t.raters
                );
            }
            let key = (t.from.clone(), t.to.clone());
            ensure!(
                ties.last_key_value().is_none_or(|(last, _)| *last < key),
                "the partner ties are not in strictly ascending order"
            );
            ties.insert(
                key,
                TieTally {
                    raters: t.raters,
                    current: t.current,
                    needed: t.needed,
                    trust_n: t.trust.n,
                    trust: t.trust.sum,
                    value_n: t.value.n,
                    value: t.value.sum,
                },
            );
        }
        Ok(ties)
    }
}

impl SegmentCounts {
    fn of(s: &SegmentTally) -> Self {
        let sum = |s: &Sum| ExactSum { n: s.n(), total: Total(s.total()), squares: Total(s.squares()) };
        Self {
            respondents: s.respondents,
            foundations: s.foundations.iter().map(sum).collect(),
            power: sum(&s.power),
        }
    }
}

/// `Err(TooLarge)` over the limit.
fn too_large(bytes: u64) -> Result<(), StateError> {
    if bytes > MAX_STATE_BYTES as u64 {
        return Err(StateError::TooLarge { bytes, limit: MAX_STATE_BYTES });
    }
    Ok(())
}

/// `Err(NewerFormat)` for a format this version does not read.
fn newer(format: u32) -> Result<(), StateError> {
    if format > STATE_FORMAT {
        return Err(StateError::NewerFormat { found: format, supported: STATE_FORMAT });
    }
    if format == 0 {
        return Err(StateError::Corrupt { reason: "its format is 0; formats start at 1".to_owned() });
    }
    Ok(())
}

/// What bytes that are not a state are, in words.
fn describe(bytes: &[u8]) -> String {
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None if bytes.is_empty() => "is empty".to_owned(),
        None => "is only white space".to_owned(),
        Some(b'[') => "is a JSON array, not an object".to_owned(),
        Some(_) => {
            "does not begin with the binary form's mark `CLBSTATE`, nor with `{` as the JSON form does"
                .to_owned()
        }
    }
}
