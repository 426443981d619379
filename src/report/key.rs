//! Keyed fingerprints of respondent ids: how duplicates are caught without
//! keeping any id (`docs/wire.md#aggregate-state`).

use std::fmt;
use std::hash::BuildHasher;
use std::str::FromStr;
use std::sync::OnceLock;

/// The secret key under which an [`Aggregator`](super::Aggregator) turns
/// respondent ids into fingerprints.
///
/// An aggregate never keeps a respondent's id: it keeps a 128-bit
/// fingerprint, the first half of the keyed BLAKE3 hash of the id (trimmed,
/// in Unicode NFC, and lowercased when
/// [`fold_case`](crate::score::ScoringOptions::fold_case) is on). The
/// fingerprint of one id under one key is the same on every machine, so
/// parts of a partnership aggregated apart, with one key, catch a respondent
/// who answered in two of them when they are merged. Without the key, no one
/// can tell whether a given id is in an aggregate: not by hashing guesses,
/// and not from a saved [`AggregateState`](super::AggregateState), which
/// holds a check value of the key but never the key.
///
/// By default ([`Aggregator::new`](super::Aggregator::new)) each aggregate
/// has a random key of its own, which is never written anywhere. That means:
///
/// - duplicates are caught within the aggregate, and between it and any
///   aggregate made with the same key, but **not** against aggregates made
///   with another key: a respondent who answers in two such parts is counted
///   twice, and nothing can tell;
/// - a saved state made with a random key can still be merged and reported,
///   but no response can be added to it after it is restored, since its
///   repeats could not be caught.
///
/// To add to a state over time, or to catch repeats across machines, give
/// every part the same key ([`Aggregator::with_key`](super::Aggregator::with_key))
/// and keep it apart from the states, as you would a password: anyone with
/// the key and a state can test ids against it.
///
/// ```
/// use collaboration::report::FingerprintKey;
///
/// let key: FingerprintKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f".parse()?;
/// assert_eq!(key, FingerprintKey::from_bytes(std::array::from_fn(|i| i as u8)));
/// // The key never shows in debug output.
/// assert_eq!(format!("{key:?}"), "FingerprintKey(…)");
/// // A new random key, written out to keep it.
/// let fresh = FingerprintKey::random();
/// assert_eq!(fresh.to_hex().parse::<FingerprintKey>()?, fresh);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct FingerprintKey {
    /// The key as given.
    bytes: [u8; 32],
    /// The key fingerprints are made with, derived from `bytes`.
    hashing: [u8; 32],
    /// A check value that identifies the key without revealing it.
    check: u128,
}

/// BLAKE3 key derivation contexts: one for the fingerprints, one for the
/// check value, so that neither can stand in for the other.
const HASHING_CONTEXT: &str = "collaboration 2026-12-01 respondent fingerprint key";
const CHECK_CONTEXT: &str = "collaboration 2026-12-01 fingerprint key check";

impl FingerprintKey {
    /// The key with these 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        let hashing = blake3::derive_key(HASHING_CONTEXT, &bytes);
        let check = first_half(&blake3::derive_key(CHECK_CONTEXT, &bytes));
        Self { bytes, hashing, check }
    }

    /// A new key from the operating system's random number generator.
    ///
    /// Should that generator be unavailable (no mainstream platform lacks
    /// one), the key comes from the standard library's randomly seeded
    /// hasher keys instead, which are unpredictable too.
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        if getrandom::fill(&mut bytes).is_err() {
            for (i, chunk) in bytes.chunks_mut(8).enumerate() {
                let word = std::hash::RandomState::new().hash_one(i).to_le_bytes();
                chunk.copy_from_slice(&word);
            }
        }
        Self::from_bytes(bytes)
    }

    /// The key's 32 bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.bytes
    }

    /// The key as 64 lowercase hexadecimal digits, as [`FromStr`] reads it.
    pub fn to_hex(&self) -> String {
        use fmt::Write as _;
        self.bytes.iter().fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }

    /// The value a saved state records to tell which key made its
    /// fingerprints.
    pub(crate) fn check(&self) -> u128 {
        self.check
    }

    /// The fingerprint of a respondent id as ids are compared: trimmed, in
    /// NFC, and lowercased when `fold_case`.
    pub(crate) fn fingerprint(&self, id: &str, fold_case: bool) -> u128 {
        let id = crate::response::rules::canonical(id);
        let hash = if fold_case {
            blake3::keyed_hash(&self.hashing, id.to_lowercase().as_bytes())
        } else {
            blake3::keyed_hash(&self.hashing, id.as_bytes())
        };
        first_half(hash.as_bytes())
    }

    /// One random key for the whole process, for duplicate detection that
    /// never leaves memory (the batch iterators).
    pub(crate) fn process() -> &'static Self {
        static KEY: OnceLock<FingerprintKey> = OnceLock::new();
        KEY.get_or_init(Self::random)
    }
}

/// The first 16 bytes of a hash, as a number.
fn first_half(hash: &[u8; 32]) -> u128 {
    let mut half = [0u8; 16];
    half.copy_from_slice(hash.get(..16).unwrap_or(&[0; 16]));
    u128::from_le_bytes(half)
}

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FingerprintKey(…)")
    }
}

/// Why text is not a [`FingerprintKey`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a fingerprint key is 64 hexadecimal digits (32 bytes); found {found}")]
pub struct KeyParseError {
    /// What was found, in words (never the text itself, which may be most of
    /// a key).
    found: String,
}

impl FromStr for FingerprintKey {
    type Err = KeyParseError;

    /// Reads 64 hexadecimal digits, either case, with surrounding white
    /// space ignored (as a key file ends with a newline).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let digits = s.chars().count();
        if digits != 64 {
            return Err(KeyParseError { found: format!("{digits} characters") });
        }
        if let Some(bad) = s.chars().find(|c| !c.is_ascii_hexdigit()) {
            return Err(KeyParseError { found: format!("the character {bad:?}") });
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(s.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).unwrap_or("00");
            *byte = u8::from_str_radix(pair, 16).unwrap_or(0);
        }
        Ok(Self::from_bytes(bytes))
    }
}

/// Hashes a fingerprint by its own low bits: it is already uniformly
/// random, so hashing it again would only cost time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FingerprintHasher(u64);

impl std::hash::Hasher for FingerprintHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u128` is used; this keeps any other use well defined.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    #[allow(clippy::cast_possible_truncation)] // the low 64 bits are the hash
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

/// A set of respondent fingerprints.
pub(crate) type Fingerprints =
    std::collections::HashSet<u128, std::hash::BuildHasherDefault<FingerprintHasher>>;
