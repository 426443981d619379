use schemars::JsonSchema;
use serde::Serialize;

use super::band::Band;
use super::options::ScoringOptions;
use super::ratio::{Ratio, mean_normalised};
use super::scores::Scores;
use crate::framework::{CollaborationLevel, Foundation, Misconception, PowerForm};
use crate::instrument::Instrument;
use crate::instrument::{ItemInfo, Measure};
use crate::response::{Answer, Respondent, Response, ResponseError};
use crate::response::{AnswerSheet, Sheet};

/// One item's answer and normalised score.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ItemScore {
    /// The item's id.
    pub item: String,
    /// The answer given; `null` when the item was not answered.
    pub answer: Option<Answer>,
    /// `100 × (keyed − 1) / (points − 1)`; `null` when not answered, when
    /// answered "n/a", and for spectrum items (reported under `spectrum`).
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<f64>,
}

/// One foundation's score for one respondent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FoundationScore {
    /// The foundation.
    pub foundation: Foundation,
    /// The mean normalised score of its answered items; `null` when fewer
    /// than half of its items (rounded up) were answered.
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<f64>,
    /// The band of the score; `null` when not scored.
    pub band: Option<Band>,
    /// How many of its items were answered (n/a and missing excluded).
    pub answered: usize,
    /// How many items it has.
    pub items: usize,
}

/// The overall score: the mean of the scored foundations, each weighted
/// equally.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct OverallScore {
    /// The score; `null` when fewer than half of the instrument's
    /// foundations are scored.
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<f64>,
    /// The band of the score; `null` when not scored.
    pub band: Option<Band>,
    /// How many foundations are scored.
    pub scored: usize,
    /// How many foundations the instrument measures.
    pub foundations: usize,
}

/// A misconception the respondent answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MisconceptionAnswer {
    /// The misconception.
    pub misconception: Misconception,
    /// The answer given on the item's scale.
    #[schemars(range(min = 1, max = crate::instrument::MAX_POINTS))]
    pub answer: u8,
    /// Whether the answer holds the belief: a keyed answer above the scale's
    /// midpoint (4 or 5 on the built-in 5-point agreement scale).
    pub held: bool,
}

/// The respondent's power score.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct PowerScore {
    /// The mean normalised, keyed score of the power items answered (the
    /// forms in `reversed` counted reversed, so higher is healthier); `null`
    /// when none was answered.
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<f64>,
    /// The forms of power whose items the instrument keys in reverse.
    pub reversed: Vec<PowerForm>,
    /// How many power items were answered.
    pub answered: usize,
    /// How many power items the instrument has.
    pub items: usize,
}

/// Where the respondent places the collaboration on the spectrum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SpectrumPosition {
    /// Where the collaboration is now; `null` when not answered.
    pub current: Option<CollaborationLevel>,
    /// Where its work needs it to be; `null` when not answered.
    pub needed: Option<CollaborationLevel>,
    /// `needed − current` in levels: positive when the work needs closer
    /// collaboration than it has. `null` unless both are answered.
    #[schemars(range(min = -6, max = 6))]
    pub gap: Option<i8>,
}

/// One respondent's results: item scores, foundation scores under the
/// coverage rule, the overall score, bands, misconceptions held, the power
/// score and the spectrum gap.
///
/// `Display` renders it as Markdown; serde gives the JSON of the wire
/// contract, with `null` (never NaN) for what is not scored.
///
/// ```
/// use collaboration::{Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let response = Response::new(hc.id(), Respondent::new("r-07")?)
///     .with_answer("shared-learning.1", 4)
///     .with_answer("shared-learning.2", 5)
///     .with_answer("misconception.everyone-is-equal", 4);
/// let card = hc.score(&response)?;
/// // (4 − 1)/4 = 75 and (5 − 1)/4 = 100: a mean of 87.5 from 2 of 3 items.
/// assert_eq!(card.foundation(collaboration::Foundation::SharedLearning).and_then(|f| f.score), Some(87.5));
/// // Only 1 of 6 foundations is scored: no overall score.
/// assert_eq!(card.overall.score, None);
/// assert!(card.misconceptions[0].held);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Scorecard {
    /// The instrument's id.
    pub instrument: String,
    /// The instrument's version.
    pub instrument_version: String,
    /// Who answered.
    pub respondent: Respondent,
    /// The options it was scored with; renderers draw its bands.
    pub options: ScoringOptions,
    /// Every item of the instrument, in order, with its answer and score.
    pub items: Vec<ItemScore>,
    /// Every foundation the instrument measures, in the Guide's order.
    pub foundations: Vec<FoundationScore>,
    /// The overall score.
    pub overall: OverallScore,
    /// The misconceptions answered, in the Article's order, each held or not.
    pub misconceptions: Vec<MisconceptionAnswer>,
    /// The power score; `null` when the instrument measures no power.
    pub power: Option<PowerScore>,
    /// The spectrum position and gap; `null` when the instrument asks no
    /// spectrum question.
    pub spectrum: Option<SpectrumPosition>,
}

impl Scorecard {
    /// The score of one foundation, if the instrument measures it.
    pub fn foundation(&self, foundation: Foundation) -> Option<&FoundationScore> {
        self.foundations.iter().find(|f| f.foundation == foundation)
    }

    /// The misconceptions held.
    pub fn held(&self) -> impl Iterator<Item = Misconception> + '_ {
        self.misconceptions.iter().filter(|m| m.held).map(|m| m.misconception)
    }
}

/// Whether a keyed answer on a scale of `points` is above the midpoint.
pub(crate) fn holds(info: ItemInfo, value: u8) -> bool {
    2 * u16::from(info.keyed(value)) > u16::from(info.points) + 1
}

impl Instrument {
    /// Scores one response with the default options.
    ///
    /// # Errors
    ///
    /// Any problem [`Instrument::validate`] finds.
    pub fn score(&self, response: &Response) -> Result<Scorecard, ResponseError> {
        self.score_with(response, &ScoringOptions::default())
    }

    /// Scores one response with `options` (band thresholds).
    ///
    /// # Errors
    ///
    /// Any problem [`Instrument::validate`] finds.
    pub fn score_with(
        &self,
        response: &Response,
        options: &ScoringOptions,
    ) -> Result<Scorecard, ResponseError> {
        let (sheet, _) = self.sheet(response)?;
        Ok(self.scorecard(response.respondent.clone(), &sheet, options))
    }

    pub(crate) fn scorecard(
        &self,
        respondent: Respondent,
        sheet: &Sheet,
        options: &ScoringOptions,
    ) -> Scorecard {
        let info = self.info();
        let items = self
            .items()
            .iter()
            .zip(sheet.codes())
            .zip(info)
            .map(|((item, &code), info)| {
                let answer = match code {
                    Sheet::MISSING => None,
                    Sheet::NA => Some(Answer::NotApplicable),
                    v => Some(Answer::Value(v)),
                };
                let score = match (answer, info.measures) {
                    (_, Measure::Spectrum(_)) | (None | Some(Answer::NotApplicable), _) => None,
                    (Some(Answer::Value(v)), _) => {
                        mean_normalised(std::iter::once((info, info.keyed(v)))).map(Ratio::score)
                    }
                };
                ItemScore { item: item.id.clone(), answer, score }
            })
            .collect();

        let scores = self.scores(sheet);
        let foundations: Vec<FoundationScore> = self
            .foundation_items()
            .zip(scores.foundations())
            .map(|((foundation, positions), (answered, score))| FoundationScore {
                foundation,
                score,
                band: score.map(|s| options.bands.band(s)),
                answered,
                items: positions.len(),
            })
            .collect();
        let overall = OverallScore {
            score: scores.overall,
            band: scores.overall.map(|s| options.bands.band(s)),
            scored: scores.foundations().filter(|(_, s)| s.is_some()).count(),
            foundations: foundations.len(),
        };

        let mut misconceptions: Vec<MisconceptionAnswer> = sheet
            .values(info)
            .filter_map(|(info, value)| match (info.measures, value) {
                (Measure::Misconception(misconception), Some(answer)) => {
                    Some(MisconceptionAnswer { misconception, answer, held: holds(*info, answer) })
                }
                _ => None,
            })
            .collect();
        misconceptions.sort_by_key(|m| m.misconception);

        let power = self.measures_power().then(|| PowerScore {
            score: scores.power,
            reversed: self.reversed_power_forms(),
            answered: scores.power_answered,
            items: info.iter().filter(|i| matches!(i.measures, Measure::Power(_))).count(),
        });
        let (current, needed) = (scores.current, scores.needed);
        let gap = scores.spectrum_gap();

        Scorecard {
            instrument: self.id().to_owned(),
            instrument_version: self.version().to_owned(),
            respondent,
            options: *options,
            items,
            foundations,
            overall,
            misconceptions,
            power,
            spectrum: self.measures_spectrum().then_some(SpectrumPosition { current, needed, gap }),
        }
    }
}

impl AnswerSheet<'_> {
    /// The respondent's scores: foundations, overall, power and spectrum,
    /// with no allocation.
    pub fn scores(&self) -> Scores {
        self.instrument().scores(self.sheet())
    }

    /// The full scorecard.
    pub fn scorecard(&self, options: &ScoringOptions) -> Scorecard {
        self.instrument().scorecard(self.respondent().clone(), self.sheet(), options)
    }
}

// Saved results read back, closed: `crate::de::read_closed`.
crate::de::read_closed!(ItemScore { item: String, answer: Option<Answer>, score: Option<f64> });
crate::de::read_closed!(FoundationScore { foundation: Foundation, score: Option<f64>, band: Option<Band>, answered: usize, items: usize });
crate::de::read_closed!(OverallScore { score: Option<f64>, band: Option<Band>, scored: usize, foundations: usize });
crate::de::read_closed!(MisconceptionAnswer { misconception: Misconception, answer: u8, held: bool });
crate::de::read_closed!(PowerScore { score: Option<f64>, reversed: Vec<PowerForm>, answered: usize, items: usize });
crate::de::read_closed!(SpectrumPosition { current: Option<CollaborationLevel>, needed: Option<CollaborationLevel>, gap: Option<i8> });
crate::de::read_closed!(Scorecard { instrument: String, instrument_version: String, respondent: Respondent, options: ScoringOptions, items: Vec<ItemScore>, foundations: Vec<FoundationScore>, overall: OverallScore, misconceptions: Vec<MisconceptionAnswer>, power: Option<PowerScore>, spectrum: Option<SpectrumPosition> });
