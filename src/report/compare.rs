//! Change over time: two reports, or two scorecards, on one instrument.

use schemars::JsonSchema;
use serde::Serialize;

use super::dist::Summary;
use super::inference::{ChangeTest, Sample};
use super::stats::GroupReport;
use crate::framework::Foundation;
use crate::score::{Band, Scorecard};

/// A score then and now.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ScoreChange {
    /// The earlier mean (or score); `null` when not scored then.
    pub earlier: Option<f64>,
    /// The later mean (or score); `null` when not scored now.
    pub later: Option<f64>,
    /// `later − earlier`; `null` unless both are scored.
    pub change: Option<f64>,
    /// The earlier band.
    pub earlier_band: Option<Band>,
    /// The later band.
    pub later_band: Option<Band>,
    /// Whether it moved from one band to another.
    pub moved: bool,
    /// Whether the change is beyond noise (Welch's t-test); `null` for
    /// scorecards, and unless both reports show the mean.
    pub test: Option<ChangeTest>,
}

impl ScoreChange {
    fn new((earlier, earlier_band, then): Point, (later, later_band, now): Point) -> Self {
        let sample = |s: Summary| Some(Sample { n: s.n, mean: s.mean?, variance: s.sd.map(|sd| sd * sd) });
        let test = then.and_then(sample).zip(now.and_then(sample)).map(|(a, b)| ChangeTest::of(a, b));
        Self {
            earlier,
            later,
            change: earlier.zip(later).map(|(e, l)| l - e),
            earlier_band,
            later_band,
            moved: matches!((earlier_band, later_band), (Some(a), Some(b)) if a != b),
            test,
        }
    }
}

/// One foundation, then and now.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FoundationChange {
    /// The foundation.
    pub foundation: Foundation,
    /// Its mean (or score) then and now.
    #[serde(flatten)]
    pub change: ScoreChange,
}

/// Two reports or two scorecards on the same instrument, compared: the
/// change per foundation and overall, and the foundations that moved band.
///
/// ```
/// use collaboration::{Comparison, Foundation, Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let at = |value| -> Result<_, Box<dyn std::error::Error>> {
///     let r = Response::new(hc.id(), Respondent::new("r-07")?)
///         .with_answer("shared-learning.1", value)
///         .with_answer("shared-learning.2", value);
///     Ok(hc.score(&r)?)
/// };
/// let change = Comparison::of_scorecards(&at(3)?, &at(4)?)?;
/// // 50 (developing) → 75 (strength).
/// assert_eq!(change.moved_band, [Foundation::SharedLearning]);
/// assert_eq!(change.foundations[4].change.change, Some(25.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Comparison {
    /// The instrument.
    pub instrument: String,
    /// Its version at the earlier time.
    pub earlier_version: String,
    /// Its version at the later time.
    pub later_version: String,
    /// Every foundation measured at either time, in the Guide's order.
    pub foundations: Vec<FoundationChange>,
    /// The overall score.
    pub overall: ScoreChange,
    /// The foundations that moved band, in the Guide's order.
    pub moved_band: Vec<Foundation>,
}

/// Two results that cannot be compared.
///
/// `<&'static str>::from(&error)` is the variant's name in kebab case
/// (such as `different-instrument`): a kind for a program to match on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum CompareError {
    /// They are on different instruments.
    #[error("cannot compare results of instrument `{earlier}` with results of `{later}`")]
    DifferentInstrument {
        /// The earlier instrument.
        earlier: String,
        /// The later instrument.
        later: String,
    },
}

/// A mean (or score), its band, and for a report the summary a test needs.
type Point = (Option<f64>, Option<Band>, Option<Summary>);

impl Comparison {
    fn build(
        (instrument, earlier_version, later_version): (&str, &str, &str),
        later_instrument: &str,
        earlier: impl Fn(Foundation) -> Option<Point>,
        later: impl Fn(Foundation) -> Option<Point>,
        overall: (Point, Point),
    ) -> Result<Self, CompareError> {
        if instrument != later_instrument {
            return Err(CompareError::DifferentInstrument {
                earlier: instrument.to_owned(),
                later: later_instrument.to_owned(),
            });
        }
        let foundations: Vec<FoundationChange> = Foundation::iter()
            .filter(|&f| earlier(f).is_some() || later(f).is_some())
            .map(|foundation| FoundationChange {
                foundation,
                change: ScoreChange::new(
                    earlier(foundation).unwrap_or((None, None, None)),
                    later(foundation).unwrap_or((None, None, None)),
                ),
            })
            .collect();
        Ok(Self {
            instrument: instrument.to_owned(),
            earlier_version: earlier_version.to_owned(),
            later_version: later_version.to_owned(),
            moved_band: foundations.iter().filter(|f| f.change.moved).map(|f| f.foundation).collect(),
            foundations,
            overall: ScoreChange::new(overall.0, overall.1),
        })
    }

    /// Compares two group reports: the change in each foundation's mean.
    ///
    /// # Errors
    ///
    /// [`CompareError::DifferentInstrument`] when the reports are on
    /// different instruments.
    pub fn of_reports(earlier: &GroupReport, later: &GroupReport) -> Result<Self, CompareError> {
        let point = |r: &GroupReport, f| r.foundation(f).map(|s| (s.summary.mean, s.band, Some(s.summary)));
        Self::build(
            (&earlier.instrument, &earlier.instrument_version, &later.instrument_version),
            &later.instrument,
            |f| point(earlier, f),
            |f| point(later, f),
            (
                (earlier.overall.summary.mean, earlier.overall.band, Some(earlier.overall.summary)),
                (later.overall.summary.mean, later.overall.band, Some(later.overall.summary)),
            ),
        )
    }

    /// Compares two scorecards: the change in each foundation's score.
    ///
    /// # Errors
    ///
    /// [`CompareError::DifferentInstrument`] when the scorecards are on
    /// different instruments.
    pub fn of_scorecards(earlier: &Scorecard, later: &Scorecard) -> Result<Self, CompareError> {
        let point = |c: &Scorecard, f| c.foundation(f).map(|s| (s.score, s.band, None));
        Self::build(
            (&earlier.instrument, &earlier.instrument_version, &later.instrument_version),
            &later.instrument,
            |f| point(earlier, f),
            |f| point(later, f),
            (
                (earlier.overall.score, earlier.overall.band, None),
                (later.overall.score, later.overall.band, None),
            ),
        )
    }
}

// Saved results read back, closed: `crate::de::read_closed`.
crate::de::read_closed!(ScoreChange { earlier: Option<f64>, later: Option<f64>, change: Option<f64>, earlier_band: Option<Band>, later_band: Option<Band>, moved: bool, test: Option<ChangeTest> });
crate::de::read_closed!(FoundationChange { foundation: Foundation } flatten change: ScoreChange { earlier: Option<f64>, later: Option<f64>, change: Option<f64>, earlier_band: Option<Band>, later_band: Option<Band>, moved: bool, test: Option<ChangeTest> });
crate::de::read_closed!(Comparison { instrument: String, earlier_version: String, later_version: String, foundations: Vec<FoundationChange>, overall: ScoreChange, moved_band: Vec<Foundation> });
