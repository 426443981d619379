use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::framework::set::closed_set! {
/// Where a 0–100 score falls: a strength, developing, or a priority for the
/// partnership's attention.
///
/// ```
/// use collaboration::{Band, Bands};
///
/// let bands = Bands::default();
/// assert_eq!(bands.band(75.0), Band::Strength);
/// assert_eq!(bands.band(74.9), Band::Developing);
/// assert_eq!(bands.band(49.9), Band::Priority);
/// ```
pub enum Band as "band" {
    /// At or above the strength threshold (75 by default).
    Strength,
    /// At or above the developing threshold (50 by default), below strength.
    Developing,
    /// Below the developing threshold: a priority.
    Priority,
}
}

/// The thresholds that place a 0–100 score in a [`Band`]: `strength` at or
/// above 75 and `developing` at or above 50 by default. (On a 1–5 mean these
/// are 4.0 and 3.0, the cut-offs the Wilder Collaboration Factors Inventory
/// uses; the defaults are this crate's choice.)
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, try_from = "BandsDef")]
pub struct Bands {
    /// The lowest score that is a strength.
    strength: f64,
    /// The lowest score that is developing.
    developing: f64,
}

/// The wire shape of [`Bands`], checked on the way in.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Bands")]
struct BandsDef {
    /// The lowest score that is a strength.
    strength: f64,
    /// The lowest score that is developing.
    developing: f64,
}

impl TryFrom<BandsDef> for Bands {
    type Error = BandsError;

    fn try_from(def: BandsDef) -> Result<Self, Self::Error> {
        Self::new(def.developing, def.strength)
    }
}

/// Band thresholds that are not `0 ≤ developing ≤ strength ≤ 100`.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error(
    "band thresholds must satisfy 0 <= developing <= strength <= 100; got developing {developing}, strength {strength}"
)]
pub struct BandsError {
    /// The developing threshold given.
    pub developing: f64,
    /// The strength threshold given.
    pub strength: f64,
}

impl Default for Bands {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl Bands {
    /// Strength at 75 and above, developing at 50 and above.
    pub const DEFAULT: Self = Self { strength: 75.0, developing: 50.0 };

    /// Thresholds of your own.
    ///
    /// ```
    /// use collaboration::{Band, Bands};
    ///
    /// let strict = Bands::new(60.0, 80.0)?;
    /// assert_eq!(strict.band(75.0), Band::Developing);
    /// assert!(Bands::new(80.0, 60.0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`BandsError`] unless `0 ≤ developing ≤ strength ≤ 100` (NaN fails).
    pub fn new(developing: f64, strength: f64) -> Result<Self, BandsError> {
        if 0.0 <= developing && developing <= strength && strength <= 100.0 {
            Ok(Self { strength, developing })
        } else {
            Err(BandsError { developing, strength })
        }
    }

    /// The lowest score that is a strength.
    pub fn strength(&self) -> f64 {
        self.strength
    }

    /// The lowest score that is developing.
    pub fn developing(&self) -> f64 {
        self.developing
    }

    /// The band of a 0–100 score.
    pub fn band(&self, score: f64) -> Band {
        if score >= self.strength {
            Band::Strength
        } else if score >= self.developing {
            Band::Developing
        } else {
            Band::Priority
        }
    }
}
