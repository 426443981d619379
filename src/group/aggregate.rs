//! The streaming, mergeable aggregator behind every group report.

use super::report::{
    FoundationStats, GroupReport, Grouping, LevelCount, MisconceptionPrevalence, OverallStats,
    PerspectiveGap, PowerSide, PowerStats, Priority, Segment, SegmentFoundation, Segments, SpectrumStats,
};
use super::tally::{Fingerprints, Parts, SegmentTally, Tally, fingerprint};
use crate::error::quote;
use crate::instrument::{ItemInfo, Measure, SpectrumQuestion};
use crate::response::{AnswerSheet, Sheet};
use crate::score::holds;
use crate::{
    Band, CollaborationLevel, Instrument, MAX_POINTS, Respondent, Response, ResponseError, ScoringOptions,
};

/// Why a response could not be added to an [`Aggregator`], or two
/// aggregators could not be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AggregateError {
    /// The response is invalid for the instrument.
    #[error(transparent)]
    Response(#[from] ResponseError),
    /// A respondent already counted.
    #[error("respondent `{respondent}` appears more than once", respondent = quote(respondent))]
    DuplicateRespondent {
        /// The repeated id.
        respondent: String,
    },
    /// The two aggregators count respondents in common.
    #[error("the aggregates share {count} respondent(s)")]
    SharedRespondents {
        /// How many respondents both count.
        count: usize,
    },
    /// The two aggregators are for different instruments.
    #[error("cannot merge aggregates of instrument `{found}` into `{expected}`")]
    DifferentInstrument {
        /// This aggregator's instrument.
        expected: String,
        /// The other's.
        found: String,
    },
}

/// Counts a group's responses one at a time, merges with other partial
/// counts, and produces the [`GroupReport`].
///
/// Memory does not grow with the number of respondents, except for the set
/// of respondent ids that catches duplicates (and one entry per distinct
/// organisation). Every statistic is computed from counts, so the report is
/// exactly the same whatever the order of the responses and however the
/// work was split and merged.
///
/// ```
/// use collaboration::{Aggregator, Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let mut group = Aggregator::new(hc);
/// for (id, value) in [("a", 2), ("b", 4), ("c", 5)] {
///     let response = Response::new(hc.id(), Respondent::new(id)?)
///         .with_answer("shared-learning.1", value)
///         .with_answer("shared-learning.2", value);
///     group.add(&response)?;
/// }
/// let report = group.report();
/// let learning = report.foundation(collaboration::Foundation::SharedLearning).ok_or("missing")?;
/// // Scores 25, 75 and 100: the mean is 200 / 3 and the median 75.
/// assert!((learning.summary.mean.unwrap_or_default() - 200.0 / 3.0).abs() < 1e-9);
/// assert_eq!(learning.summary.median, Some(75.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Aggregator<'i> {
    instrument: &'i Instrument,
    options: ScoringOptions,
    /// Fingerprints of the respondent ids counted.
    ids: Fingerprints,
    tally: Tally,
}

impl<'i> Aggregator<'i> {
    /// An empty aggregate for `instrument`, with the default options.
    pub fn new(instrument: &'i Instrument) -> Self {
        Self::with_options(instrument, ScoringOptions::default())
    }

    /// An empty aggregate for `instrument`, with `options` (bands and
    /// `min_segment`) applied when the report is made.
    pub fn with_options(instrument: &'i Instrument, options: ScoringOptions) -> Self {
        Self { instrument, options, ids: Fingerprints::default(), tally: Tally::new(instrument) }
    }

    /// The instrument counted.
    pub fn instrument(&self) -> &'i Instrument {
        self.instrument
    }

    /// The options the report will use.
    pub fn options(&self) -> &ScoringOptions {
        &self.options
    }

    /// How many respondents have been counted.
    pub fn respondents(&self) -> u64 {
        self.tally.respondents
    }

    /// Whether a respondent with this id has been counted.
    pub fn contains(&self, respondent: &str) -> bool {
        self.ids.contains(&fingerprint(respondent))
    }

    /// Checks one response and counts it.
    ///
    /// # Errors
    ///
    /// [`AggregateError::Response`] for any problem
    /// [`Instrument::validate`] finds, and
    /// [`AggregateError::DuplicateRespondent`] for a respondent already
    /// counted. Nothing is counted when it fails.
    pub fn add(&mut self, response: &Response) -> Result<(), AggregateError> {
        let sheet = self.instrument.sheet(response)?;
        self.add_unique(&response.respondent, &sheet)
    }

    /// Counts a response already checked against this aggregator's
    /// instrument.
    ///
    /// # Errors
    ///
    /// [`AggregateError::DuplicateRespondent`] for a respondent already
    /// counted, and [`AggregateError::DifferentInstrument`] when the sheet
    /// was checked against another instrument. Nothing is counted when it
    /// fails.
    pub fn add_checked(&mut self, sheet: &AnswerSheet<'_>) -> Result<(), AggregateError> {
        let instrument = sheet.instrument();
        if !std::ptr::eq(self.instrument, instrument) && self.instrument != instrument {
            return Err(AggregateError::DifferentInstrument {
                expected: self.instrument.id().to_owned(),
                found: instrument.id().to_owned(),
            });
        }
        self.add_unique(sheet.respondent(), sheet.sheet())
    }

    /// Counts one checked sheet of answers; false, counting nothing, when
    /// the respondent was counted before.
    pub(crate) fn add_sheet(&mut self, respondent: &Respondent, sheet: &Sheet) -> bool {
        if !self.ids.insert(fingerprint(respondent.id.as_str())) {
            return false;
        }
        self.tally.add(self.instrument, Parts::of(respondent), sheet);
        true
    }

    /// [`Aggregator::add_sheet`], with a duplicate as an error.
    fn add_unique(&mut self, respondent: &Respondent, sheet: &Sheet) -> Result<(), AggregateError> {
        if self.add_sheet(respondent, sheet) {
            Ok(())
        } else {
            Err(AggregateError::DuplicateRespondent { respondent: respondent.id.as_str().to_owned() })
        }
    }

    /// The counts, for the batch path that dedupes on its own.
    pub(crate) fn from_tally(instrument: &'i Instrument, options: ScoringOptions, tally: Tally) -> Self {
        Self { instrument, options, ids: Fingerprints::default(), tally }
    }

    /// Adds everything `other` counted, as if its responses had been added
    /// here.
    ///
    /// # Errors
    ///
    /// [`AggregateError::DifferentInstrument`] when `other` counts another
    /// instrument, and [`AggregateError::SharedRespondents`] when both count
    /// a respondent. Nothing is merged when it fails.
    pub fn merge(&mut self, other: &Aggregator<'_>) -> Result<(), AggregateError> {
        if !std::ptr::eq(self.instrument, other.instrument) && self.instrument != other.instrument {
            return Err(AggregateError::DifferentInstrument {
                expected: self.instrument.id().to_owned(),
                found: other.instrument.id().to_owned(),
            });
        }
        let count = other.ids.iter().filter(|id| self.ids.contains(*id)).count();
        if count > 0 {
            return Err(AggregateError::SharedRespondents { count });
        }
        self.ids.extend(other.ids.iter().copied());
        self.tally.merge(&other.tally);
        Ok(())
    }

    /// The group report of everything counted so far.
    pub fn report(&self) -> GroupReport {
        let instrument = self.instrument;
        let t = &self.tally;
        let bands = self.options.bands;
        let info = instrument.info();

        let foundations: Vec<FoundationStats> = instrument
            .foundation_items()
            .zip(&t.foundations)
            .map(|((foundation, positions), dist)| {
                let summary = dist.summary();
                let band = summary.mean.map(|m| bands.band(m));
                let items: Vec<(&ItemInfo, Vec<(f64, u64)>)> = positions
                    .iter()
                    .filter_map(|&p| Some((info.get(p)?, keyed_counts(*info.get(p)?, t.answers.get(p)?))))
                    .collect();
                let (rwg, ad, ad_agreement) = agreement(&items);
                let divided = rwg.is_some_and(|r| r < DIVIDED_BELOW);
                FoundationStats {
                    foundation,
                    summary,
                    band,
                    rwg,
                    ad,
                    ad_agreement,
                    divided,
                    surface_agreement: divided && matches!(band, Some(Band::Strength | Band::Developing)),
                }
            })
            .collect();

        let mut priorities: Vec<Priority> = foundations
            .iter()
            .filter_map(|f| {
                let mean = f.summary.mean?;
                Some(Priority { foundation: f.foundation, mean, band: bands.band(mean), divided: f.divided })
            })
            .collect();
        // Stable: ties keep the Guide's order.
        priorities.sort_by(|a, b| a.mean.total_cmp(&b.mean));

        let overall_summary = t.overall.summary();
        let overall =
            OverallStats { summary: overall_summary, band: overall_summary.mean.map(|m| bands.band(m)) };

        let mut misconceptions: Vec<MisconceptionPrevalence> = info
            .iter()
            .zip(&t.answers)
            .filter_map(|(info, counts)| {
                let Measure::Misconception(misconception) = info.measures else { return None };
                let (mut answered, mut held) = (0, 0);
                for v in 1..=info.points {
                    let c = counts.get(usize::from(v)).copied().unwrap_or(0);
                    answered += c;
                    if holds(*info, v) {
                        held += c;
                    }
                }
                #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
                let share = (answered > 0).then(|| held as f64 / answered as f64);
                Some(MisconceptionPrevalence { misconception, answered, held, share })
            })
            .collect();
        misconceptions.sort_by_key(|m| m.misconception);

        let min = self.options.min_segment;
        let side = |s: &SegmentTally| {
            let suppressed = suppressed(s.respondents, min);
            PowerSide {
                suppressed,
                respondents: (!suppressed).then_some(s.respondents),
                n: (!suppressed).then(|| s.power.n()),
                mean: if suppressed { None } else { s.power.mean() },
            }
        };
        let (holders, others) = (side(&t.holders), side(&t.others));
        let voice_gap = holders.mean.zip(others.mean).map(|(h, o)| h - o);
        let power = PowerStats { summary: t.power.summary(), holders, others, voice_gap };

        let segments = Segments {
            min_segment: min,
            by_role: self.grouping(t.roles.iter().map(|(role, s)| (role.id().to_owned(), s))),
            by_organisation: self.grouping(t.organisations.iter().map(|(org, s)| (org.clone(), s))),
            by_power: self.grouping(
                [("holds-structural-power".to_owned(), &t.holders), ("holds-none".to_owned(), &t.others)]
                    .into_iter()
                    .filter(|(_, s)| s.respondents > 0),
            ),
        };

        let level_counts = |question| {
            let counts = info
                .iter()
                .zip(&t.answers)
                .find(|(info, _)| info.measures == Measure::Spectrum(question))
                .map(|(_, counts)| counts);
            CollaborationLevel::iter()
                .map(|level| LevelCount {
                    level,
                    count: counts.and_then(|c| c.get(usize::from(level.level()))).copied().unwrap_or(0),
                })
                .collect()
        };
        #[allow(clippy::cast_precision_loss)] // counts and gaps stay far below 2^52
        let spectrum = SpectrumStats {
            current: level_counts(SpectrumQuestion::Current),
            needed: level_counts(SpectrumQuestion::Needed),
            answered_both: t.gap_n,
            mean_gap: (t.gap_n > 0).then(|| t.gap_sum as f64 / t.gap_n as f64),
        };

        GroupReport {
            instrument: instrument.id().to_owned(),
            instrument_version: instrument.version().to_owned(),
            respondents: t.respondents,
            foundations,
            overall,
            priorities,
            misconceptions,
            power,
            segments,
            spectrum,
            rejected: Vec::new(),
        }
    }

    /// The segments of one grouping, suppressed where small, and the
    /// perspective gaps between the rest.
    fn grouping<'a>(&self, segments: impl Iterator<Item = (String, &'a SegmentTally)>) -> Grouping {
        let min = self.options.min_segment;
        let segments: Vec<Segment> = segments
            .map(|(name, s)| {
                let suppressed = suppressed(s.respondents, min);
                Segment {
                    segment: name,
                    suppressed,
                    respondents: (!suppressed).then_some(s.respondents),
                    foundations: if suppressed {
                        Vec::new()
                    } else {
                        self.instrument
                            .foundations()
                            .iter()
                            .zip(&s.foundations)
                            .map(|(&foundation, dist)| SegmentFoundation {
                                foundation,
                                n: dist.n(),
                                mean: dist.mean(),
                            })
                            .collect()
                    },
                }
            })
            .collect();
        let perspective_gaps = self
            .instrument
            .foundations()
            .iter()
            .enumerate()
            .map(|(i, &foundation)| {
                let means = segments.iter().filter_map(|s| Some((s.foundations.get(i)?.mean?, &s.segment)));
                let lowest = means.clone().fold(None, |best: Option<(f64, &String)>, (m, s)| match best {
                    Some((b, _)) if b <= m => best,
                    _ => Some((m, s)),
                });
                let highest = means.clone().fold(None, |best: Option<(f64, &String)>, (m, s)| match best {
                    Some((b, _)) if b >= m => best,
                    _ => Some((m, s)),
                });
                let enough = means.count() >= 2;
                PerspectiveGap {
                    foundation,
                    gap: if enough { lowest.zip(highest).map(|((lo, _), (hi, _))| hi - lo) } else { None },
                    lowest: if enough { lowest.map(|(_, s)| s.clone()) } else { None },
                    highest: if enough { highest.map(|(_, s)| s.clone()) } else { None },
                }
            })
            .collect();
        Grouping { segments, perspective_gaps }
    }
}

/// Whether a segment of `respondents` is too small to show.
fn suppressed(respondents: u64, min_segment: usize) -> bool {
    usize::try_from(respondents).is_ok_and(|r| r < min_segment)
}

/// rwg(j) below this means views are divided.
const DIVIDED_BELOW: f64 = 0.70;

/// An item's answers as `(keyed value, count)`, for values `1..=points`.
fn keyed_counts(info: ItemInfo, counts: &[u64; MAX_POINTS as usize + 1]) -> Vec<(f64, u64)> {
    (1..=info.points)
        .map(|v| (f64::from(info.keyed(v)), counts.get(usize::from(v)).copied().unwrap_or(0)))
        .collect()
}

/// rwg(j), AD and whether AD shows practical agreement, over the items of
/// one foundation, each given as its keyed answers with counts.
///
/// With items on scales of different sizes, each item's variance is taken
/// relative to its own uniform null variance, and AD's threshold is the mean
/// of the items' A/6; on one scale both reduce to SCORING.md's formulas.
#[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
fn agreement(items: &[(&ItemInfo, Vec<(f64, u64)>)]) -> (Option<f64>, Option<f64>, Option<bool>) {
    let (mut j, mut ratio_sum) = (0u32, 0.0);
    let (mut answered_items, mut ad_sum, mut threshold_sum) = (0u32, 0.0, 0.0);
    for (info, counts) in items {
        let n: u64 = counts.iter().map(|&(_, c)| c).sum();
        if n == 0 {
            continue;
        }
        let mean = counts.iter().map(|&(v, c)| v * c as f64).sum::<f64>() / n as f64;
        answered_items += 1;
        ad_sum += counts.iter().map(|&(v, c)| (v - mean).abs() * c as f64).sum::<f64>() / n as f64;
        let a = f64::from(info.points);
        threshold_sum += a / 6.0;
        if n >= 2 {
            let s2 =
                counts.iter().map(|&(v, c)| (v - mean) * (v - mean) * c as f64).sum::<f64>() / (n - 1) as f64;
            let sigma_eu = (a * a - 1.0) / 12.0;
            ratio_sum += s2 / sigma_eu;
            j += 1;
        }
    }
    let rwg = (j > 0).then(|| {
        let r = ratio_sum / f64::from(j);
        if r >= 1.0 {
            0.0
        } else {
            let jf = f64::from(j);
            jf * (1.0 - r) / (jf * (1.0 - r) + r)
        }
    });
    let ad = (answered_items > 0).then(|| ad_sum / f64::from(answered_items));
    let ad_agreement = ad.map(|ad| ad <= threshold_sum / f64::from(answered_items));
    (rwg, ad, ad_agreement)
}
