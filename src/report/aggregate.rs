//! The streaming, mergeable aggregator behind every group report.

use super::disclosure;
use super::dist::{Dist, Sum, Summary};
use super::inference::{self, Cell, GroupDifference, ItemAlpha, Reliability, Sample, WelchTest};
use super::key::{FingerprintKey, Fingerprints};
use super::partners::PartnerMap;
use super::state::{AggregateState, StateError};
use super::stats::{
    FoundationStats, GroupReport, Grouping, ItemDistribution, LevelCount, MisconceptionPrevalence,
    OverallStats, PerspectiveGap, PowerSide, PowerStats, Priority, Segment, SegmentFoundation, Segments,
    SpectrumStats,
};
use super::tally::{SegmentTally, Tally};
use crate::error::quote;
use crate::framework::{CollaborationLevel, Role};
use crate::instrument::{Instrument, MAX_POINTS};
use crate::instrument::{ItemInfo, Measure, SpectrumQuestion};
use crate::response::Partners;
use crate::response::who::Parts;
use crate::response::{AnswerSheet, Sheet};
use crate::response::{Respondent, Response, ResponseError};
use crate::score::holds;
use crate::score::{Band, ScoringOptions};

/// Why a response could not be added to an [`Aggregator`], or two
/// aggregators could not be merged.
///
/// `<&'static str>::from(&error)` is the variant's name in kebab case
/// (such as `duplicate-respondent`): a kind for a program to match on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
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
    /// The two aggregators were made with different options (bands,
    /// `min_segment` or `fold_case`), so their merge would be neither's
    /// report.
    #[error("cannot merge aggregates made with different options ({expected} and {found})")]
    DifferentOptions {
        /// This aggregator's options, as JSON.
        expected: String,
        /// The other's.
        found: String,
    },
    /// The aggregator was restored without its fingerprint key, so a
    /// response added to it could repeat a respondent counted before
    /// without anyone knowing; restore it with
    /// [`Aggregator::restore_keyed`] to add to it.
    #[error(
        "this aggregate was restored without its fingerprint key, so responses cannot be added to it: a repeat of an earlier respondent would go unnoticed"
    )]
    KeyUnknown,
    /// The two aggregators are for different instruments, or different
    /// versions or definitions of one.
    #[error("cannot merge aggregates of instrument `{found}` version {found_version} into `{expected}` version {expected_version}{}", if found == expected && found_version == expected_version { " (same id and version, different definitions)" } else { "" })]
    DifferentInstrument {
        /// This aggregator's instrument.
        expected: String,
        /// Its version.
        expected_version: String,
        /// The other's.
        found: String,
        /// The other's version.
        found_version: String,
    },
}

impl AggregateError {
    fn different(expected: &Instrument, found: &Instrument) -> Self {
        Self::DifferentInstrument {
            expected: expected.id().to_owned(),
            expected_version: expected.version().to_owned(),
            found: found.id().to_owned(),
            found_version: found.version().to_owned(),
        }
    }
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
///
/// An aggregator keeps no respondent id: duplicates are caught by keyed
/// fingerprints ([`FingerprintKey`]). Its state can be saved
/// ([`Aggregator::state`]), sent elsewhere, restored
/// ([`Aggregator::restore`]) and merged, with the same report as one pass
/// over every response.
#[derive(Clone, Debug)]
pub struct Aggregator<'i> {
    instrument: &'i Instrument,
    options: ScoringOptions,
    /// The key new fingerprints are made with; `None` when restored without
    /// it.
    key: Option<FingerprintKey>,
    /// The check value of the key the fingerprints were made with.
    key_check: u128,
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
    /// `min_segment`) applied when the report is made, and a random
    /// fingerprint key of its own (see [`FingerprintKey`] for what that
    /// means).
    pub fn with_options(instrument: &'i Instrument, options: ScoringOptions) -> Self {
        Self::with_key(instrument, options, FingerprintKey::random())
    }

    /// An empty aggregate whose fingerprints are made with `key`: parts of
    /// one group aggregated apart with one key catch, when merged, a
    /// respondent who answered in two of them, and a saved state can be
    /// added to after [`Aggregator::restore_keyed`] with the key.
    pub fn with_key(instrument: &'i Instrument, options: ScoringOptions, key: FingerprintKey) -> Self {
        Self {
            instrument,
            options,
            key: Some(key),
            key_check: key.check(),
            ids: Fingerprints::default(),
            tally: Tally::new(instrument),
        }
    }

    /// The aggregate saved in `state`, for `instrument`: to report from, or
    /// to merge with others. Responses cannot be added to it
    /// ([`AggregateError::KeyUnknown`]), since without the key its
    /// fingerprints cannot catch a repeat; use
    /// [`Aggregator::restore_keyed`] for that.
    ///
    /// # Errors
    ///
    /// [`StateError::DifferentInstrument`] when the state counts another
    /// instrument (or another version or definition of it), and
    /// [`StateError::Inconsistent`] when its counts do not agree with each
    /// other or with the instrument.
    pub fn restore(instrument: &'i Instrument, state: &AggregateState) -> Result<Self, StateError> {
        let tally = state.tally(instrument)?;
        Ok(Self {
            instrument,
            options: *state.options(),
            key: None,
            key_check: state.key_check(),
            ids: state.fingerprints().collect(),
            tally,
        })
    }

    /// [`Aggregator::restore`], with the key the state's fingerprints were
    /// made with, so that responses can be added to it.
    ///
    /// # Errors
    ///
    /// As [`Aggregator::restore`], and [`StateError::WrongKey`] when `key`
    /// is not the state's.
    pub fn restore_keyed(
        instrument: &'i Instrument,
        state: &AggregateState,
        key: &FingerprintKey,
    ) -> Result<Self, StateError> {
        if state.key_check() != key.check() {
            return Err(StateError::WrongKey);
        }
        let mut aggregator = Self::restore(instrument, state)?;
        aggregator.key = Some(*key);
        Ok(aggregator)
    }

    /// The aggregate's state, to save or send: every count, the options,
    /// and the respondents' fingerprints, never their ids.
    pub fn state(&self) -> AggregateState {
        AggregateState::new(
            self.instrument,
            self.options,
            self.key_check,
            &self.tally,
            self.ids.iter().copied(),
        )
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

    /// Whether a respondent with this id has been counted; `None` when the
    /// aggregate was restored without its key, which alone can tell.
    pub fn contains(&self, respondent: &str) -> Option<bool> {
        let key = self.key?;
        Some(self.ids.contains(&key.fingerprint(respondent, self.options.fold_case)))
    }

    /// Checks one response and counts it.
    ///
    /// # Errors
    ///
    /// [`AggregateError::Response`] for any problem
    /// [`Instrument::validate`] finds,
    /// [`AggregateError::DuplicateRespondent`] for a respondent already
    /// counted, and [`AggregateError::KeyUnknown`] for an aggregate
    /// restored without its key. Nothing is counted when it fails.
    pub fn add(&mut self, response: &Response) -> Result<(), AggregateError> {
        if self.key.is_none() {
            return Err(AggregateError::KeyUnknown);
        }
        let (sheet, partners) = self.instrument.sheet(response)?;
        self.add_sheet(&response.respondent, &partners, &sheet)
    }

    /// Counts a response already checked against this aggregator's
    /// instrument.
    ///
    /// # Errors
    ///
    /// [`AggregateError::DuplicateRespondent`] for a respondent already
    /// counted, [`AggregateError::DifferentInstrument`] when the sheet
    /// was checked against another instrument, and
    /// [`AggregateError::KeyUnknown`] for an aggregate restored without its
    /// key. Nothing is counted when it fails.
    pub fn add_checked(&mut self, sheet: &AnswerSheet<'_>) -> Result<(), AggregateError> {
        let instrument = sheet.instrument();
        if !std::ptr::eq(self.instrument, instrument) && self.instrument != instrument {
            return Err(AggregateError::different(self.instrument, instrument));
        }
        self.add_sheet(sheet.respondent(), sheet.partners(), sheet.sheet())
    }

    /// Counts one checked sheet of answers.
    pub(crate) fn add_sheet(
        &mut self,
        respondent: &Respondent,
        partners: &Partners,
        sheet: &Sheet,
    ) -> Result<(), AggregateError> {
        let key = self.key.ok_or(AggregateError::KeyUnknown)?;
        self.add_fingerprinted(
            key.fingerprint(respondent.id.as_str(), self.options.fold_case),
            respondent,
            partners,
            sheet,
        )
    }

    /// Counts one checked sheet of answers whose respondent was
    /// fingerprinted with this aggregator's key and options already.
    pub(crate) fn add_fingerprinted(
        &mut self,
        print: u128,
        respondent: &Respondent,
        partners: &Partners,
        sheet: &Sheet,
    ) -> Result<(), AggregateError> {
        if self.key.is_none() {
            return Err(AggregateError::KeyUnknown);
        }
        if !self.ids.insert(print) {
            return Err(AggregateError::DuplicateRespondent {
                respondent: respondent.id.as_str().to_owned(),
            });
        }
        self.tally.add(self.instrument, Parts::of(respondent).with_partners(partners), sheet);
        Ok(())
    }

    /// The key new fingerprints are made with, for the batch path.
    pub(crate) fn key(&self) -> Option<&FingerprintKey> {
        self.key.as_ref()
    }

    /// The fingerprints counted, for the batch path.
    pub(crate) fn fingerprints(&self) -> &Fingerprints {
        &self.ids
    }

    /// Adds counts made apart, with the fingerprints of their respondents
    /// (none of them counted here), for the batch path that dedupes on its
    /// own.
    pub(crate) fn absorb(&mut self, tally: &Tally, mut ids: Fingerprints) {
        // The larger set takes in the smaller: into a fresh aggregator, a
        // batch's set is moved, not inserted again one id at a time.
        if ids.len() > self.ids.len() {
            std::mem::swap(&mut self.ids, &mut ids);
        }
        self.ids.extend(ids);
        self.tally.merge(tally);
    }

    /// Adds everything `other` counted, as if its responses had been added
    /// here.
    ///
    /// # Errors
    ///
    /// [`AggregateError::DifferentInstrument`] when `other` counts another
    /// instrument, [`AggregateError::DifferentOptions`] when it was made
    /// with other options, and [`AggregateError::SharedRespondents`] when
    /// both count a respondent. Nothing is merged when it fails.
    ///
    /// A respondent counted in both is found only when both made their
    /// fingerprints with the same [`FingerprintKey`]; with different keys it
    /// is counted twice, and nothing can tell.
    pub fn merge(&mut self, other: &Aggregator<'_>) -> Result<(), AggregateError> {
        if !std::ptr::eq(self.instrument, other.instrument) && self.instrument != other.instrument {
            return Err(AggregateError::different(self.instrument, other.instrument));
        }
        if self.options != other.options {
            let json = |o: &ScoringOptions| serde_json::to_string(o).unwrap_or_default();
            return Err(AggregateError::DifferentOptions {
                expected: json(&self.options),
                found: json(&other.options),
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

    /// The group report of everything counted so far, with disclosure
    /// control applied (`docs/scoring.md#disclosure-control`): no figure it
    /// shows can be combined with the others to give the mean of fewer than
    /// `min_segment` respondents, within any one grouping.
    pub fn report(&self) -> GroupReport {
        let instrument = self.instrument;
        let t = &self.tally;
        let bands = self.options.bands;
        let info = instrument.info();
        let k = u64::try_from(self.options.min_segment).unwrap_or(u64::MAX);
        let whole_shown = disclosure::figure_shown(t.respondents, k);
        // A figure is shown when the whole group is and enough stand behind it.
        let shown = |n: u64| whole_shown && disclosure::figure_shown(n, k);

        let foundations: Vec<FoundationStats> = instrument
            .foundation_items()
            .zip(&t.foundations)
            .zip(&t.reliability)
            .map(|(((foundation, positions), dist), cross)| {
                let n = dist.n();
                let reliability = |shown: bool| {
                    (positions.len() >= 2).then(|| {
                        let (alpha, dropped) = if shown && disclosure::figure_shown(cross.n, k) {
                            cross.alpha()
                        } else {
                            (None, Vec::new())
                        };
                        Reliability {
                            complete: cross.n,
                            alpha,
                            alpha_if_dropped: positions
                                .iter()
                                .zip(dropped)
                                .filter_map(|(&p, alpha)| {
                                    Some(ItemAlpha { item: instrument.items().get(p)?.id.clone(), alpha })
                                })
                                .collect(),
                        }
                    })
                };
                if !shown(n) {
                    return FoundationStats {
                        foundation,
                        suppressed: true,
                        summary: Summary::withheld(n),
                        ci95: None,
                        reliability: reliability(false),
                        band: None,
                        rwg: None,
                        ad: None,
                        ad_agreement: None,
                        divided: false,
                        surface_agreement: false,
                    };
                }
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
                    suppressed: false,
                    summary,
                    ci95: inference::ci95(summary.n, summary.mean, summary.sd),
                    reliability: reliability(true),
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

        let overall = if shown(t.overall.n()) {
            let summary = t.overall.summary();
            OverallStats {
                suppressed: false,
                summary,
                ci95: inference::ci95(summary.n, summary.mean, summary.sd),
                band: summary.mean.map(|m| bands.band(m)),
            }
        } else {
            OverallStats {
                suppressed: true,
                summary: Summary::withheld(t.overall.n()),
                ci95: None,
                band: None,
            }
        };

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
                let suppressed = !shown(answered);
                #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
                let share = (!suppressed && answered > 0).then(|| held as f64 / answered as f64);
                Some(MisconceptionPrevalence {
                    misconception,
                    suppressed,
                    answered,
                    held: (!suppressed).then_some(held),
                    share,
                })
            })
            .collect();
        misconceptions.sort_by_key(|m| m.misconception);

        // The power figure, by the two sides of the structural-power divide.
        let power_n = t.power.n();
        let power_suppressed = !shown(power_n);
        let sides = [&t.holders, &t.others];
        let power_cells = disclosure::cells(
            &disclosure::Figure {
                total: power_n,
                cells: sides.iter().map(|s| s.power.n()).collect(),
                overlap: None,
            },
            k,
        );
        let side = |s: &SegmentTally, verdict: Option<disclosure::Withheld>| {
            let hidden = power_suppressed || verdict.is_some();
            PowerSide {
                suppressed: hidden,
                respondents: (whole_shown && s.respondents >= k).then_some(s.respondents),
                n: (!hidden).then(|| s.power.n()),
                mean: if hidden { None } else { s.power.mean() },
            }
        };
        let holders = side(&t.holders, power_cells.first().copied().flatten());
        let others = side(&t.others, power_cells.get(1).copied().flatten());
        let voice_gap = holders.mean.zip(others.mean).map(|(h, o)| h - o);
        let sample =
            |s: &SegmentTally, mean: f64| Sample { n: s.power.n(), mean, variance: s.power.variance() };
        let voice_gap_test = holders
            .mean
            .zip(others.mean)
            .map(|(h, o)| WelchTest::of(sample(&t.holders, h), sample(&t.others, o)));
        let power = instrument.measures_power().then(|| PowerStats {
            suppressed: power_suppressed,
            reversed: instrument.reversed_power_forms(),
            summary: if power_suppressed { Summary::withheld(power_n) } else { t.power.summary() },
            holders,
            others,
            voice_gap,
            voice_gap_test,
        });

        let roles: Vec<(Role, &SegmentTally)> = t.roles.iter().map(|(role, s)| (*role, s)).collect();
        let role_atoms = |f: usize| -> Vec<(u64, u64)> {
            let mut atoms: Vec<(u64, u64)> = t
                .role_sets
                .iter()
                .map(|(set, counts)| {
                    let bits = roles
                        .iter()
                        .enumerate()
                        .filter(|(_, (role, _))| set.contains(*role))
                        .fold(0u64, |bits, (j, _)| bits | (1 << j));
                    (bits, counts.scored.get(f).copied().unwrap_or(0))
                })
                .collect();
            let with_roles: u64 = atoms.iter().map(|&(_, n)| n).sum();
            let total = t.foundations.get(f).map_or(0, Dist::n);
            atoms.push((0, total.saturating_sub(with_roles)));
            atoms
        };
        let power_sides: Vec<(String, &SegmentTally)> =
            [("holds-structural-power".to_owned(), &t.holders), ("holds-none".to_owned(), &t.others)]
                .into_iter()
                .filter(|(_, s)| s.respondents > 0)
                .collect();
        let segments = Segments {
            by_role: self.grouping(
                &roles.iter().map(|(role, s)| (role.id().to_owned(), *s)).collect::<Vec<_>>(),
                Some(&role_atoms),
            ),
            by_organisation: {
                let organisations: Vec<(String, &SegmentTally)> =
                    t.organisations.iter().map(|(org, s)| (org.clone(), s)).collect();
                let mut grouping = self.grouping(&organisations, None);
                grouping.differences = differences(&grouping, &organisations);
                grouping
            },
            by_power: self.grouping(&power_sides, None),
        };

        let level_counts = |question| {
            if !whole_shown {
                return Vec::new();
            }
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
        let spectrum = instrument.measures_spectrum().then(|| SpectrumStats {
            suppressed: !whole_shown,
            current: level_counts(SpectrumQuestion::Current),
            needed: level_counts(SpectrumQuestion::Needed),
            answered_both: t.gap_n,
            mean_gap: (t.gap_n > 0 && shown(t.gap_n)).then(|| t.gap_sum as f64 / t.gap_n as f64),
        });

        let items = if whole_shown {
            instrument
                .items()
                .iter()
                .zip(info)
                .zip(&t.answers)
                .map(|((item, info), counts)| {
                    let values: Vec<u64> =
                        counts.iter().skip(1).take(usize::from(info.points)).copied().collect();
                    let not_applicable = counts.first().copied().unwrap_or(0);
                    let given: u64 = values.iter().sum();
                    // An item's answers are withheld with the figure they
                    // make (its foundation, misconception or power
                    // score), and when fewer than k gave one: otherwise a
                    // withheld figure could be rebuilt from its items.
                    let figure_withheld = match info.measures {
                        Measure::Foundation(f) => {
                            foundations.iter().find(|s| s.foundation == f).is_none_or(|s| s.suppressed)
                        }
                        Measure::Misconception(m) => {
                            misconceptions.iter().find(|p| p.misconception == m).is_none_or(|p| p.suppressed)
                        }
                        Measure::Power(_) => power_suppressed,
                        Measure::Spectrum(_) => false,
                    };
                    let suppressed = figure_withheld || !disclosure::figure_shown(given, k);
                    ItemDistribution {
                        item: item.id.clone(),
                        suppressed,
                        counts: if suppressed { Vec::new() } else { values },
                        not_applicable,
                        missing: t.respondents.saturating_sub(given + not_applicable),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };

        GroupReport {
            instrument: instrument.id().to_owned(),
            instrument_version: instrument.version().to_owned(),
            respondents: t.respondents,
            suppressed: !whole_shown,
            suppressed_reason: (!whole_shown).then(|| {
                format!(
                    "the report has {} respondent(s), fewer than the {} needed to show any figure, so it \
                     shows counts only",
                    t.respondents, self.options.min_segment
                )
            }),
            options: self.options,
            foundations,
            overall,
            priorities,
            misconceptions,
            power,
            segments,
            spectrum,
            items,
            partners: {
                let expected: Vec<String> = instrument
                    .partners()
                    .map(|p| {
                        p.expected.iter().map(|e| crate::response::rules::canonical(e).into_owned()).collect()
                    })
                    .unwrap_or_default();
                let k = u64::try_from(self.options.min_partner_raters).unwrap_or(u64::MAX);
                PartnerMap::of(&t.ties, k, &expected)
            },
        }
    }

    /// The segments of one grouping, each cell shown or withheld by
    /// disclosure control, and the perspective gaps between the shown ones.
    ///
    /// `atoms`, for a grouping where one respondent may be in several
    /// segments, gives per foundation how its scored respondents fall into
    /// segments (see [`disclosure::Figure::overlap`]).
    fn grouping(
        &self,
        segments: &[(String, &SegmentTally)],
        atoms: Option<&dyn Fn(usize) -> Vec<(u64, u64)>>,
    ) -> Grouping {
        let t = &self.tally;
        let k = u64::try_from(self.options.min_segment).unwrap_or(u64::MAX);
        let whole_shown = disclosure::figure_shown(t.respondents, k);
        let foundations = self.instrument.foundations();
        // Per foundation, the verdict on each segment's cell.
        let verdicts: Vec<Vec<Option<disclosure::Withheld>>> = (0..foundations.len())
            .map(|f| {
                let total = t.foundations.get(f).map_or(0, Dist::n);
                if !whole_shown || !disclosure::figure_shown(total, k) {
                    return vec![Some(disclosure::Withheld::TooFew); segments.len()];
                }
                let figure = disclosure::Figure {
                    total,
                    cells: segments.iter().map(|(_, s)| s.foundations.get(f).map_or(0, Sum::n)).collect(),
                    overlap: atoms.map(|atoms| atoms(f)),
                };
                disclosure::cells(&figure, k)
            })
            .collect();
        let segments: Vec<Segment> = segments
            .iter()
            .enumerate()
            .map(|(j, (name, s))| {
                let suppressed = !whole_shown || s.respondents < k;
                Segment {
                    segment: name.clone(),
                    suppressed,
                    respondents: (!suppressed).then_some(s.respondents),
                    foundations: if suppressed {
                        Vec::new()
                    } else {
                        foundations
                            .iter()
                            .zip(&s.foundations)
                            .zip(&verdicts)
                            .map(|((&foundation, sum), verdicts)| {
                                let hidden = verdicts.get(j).copied().flatten().is_some();
                                SegmentFoundation {
                                    foundation,
                                    suppressed: hidden,
                                    n: (!hidden).then(|| sum.n()),
                                    mean: if hidden { None } else { sum.mean() },
                                }
                            })
                            .collect()
                    },
                }
            })
            .collect();
        let perspective_gaps = foundations
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
        Grouping { segments, perspective_gaps, differences: Vec::new() }
    }
}

/// Per foundation, the one-way ANOVA of the shown segments of `grouping`
/// with a mean, when there are at least two: their n and mean as shown,
/// and their sums of squared deviations from the counts.
fn differences(grouping: &Grouping, tallies: &[(String, &SegmentTally)]) -> Vec<GroupDifference> {
    let foundations: Vec<_> = grouping.perspective_gaps.iter().map(|g| g.foundation).collect();
    foundations
        .iter()
        .enumerate()
        .filter_map(|(f, &foundation)| {
            #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
            let cells: Vec<Cell> = grouping
                .segments
                .iter()
                .zip(tallies)
                .filter_map(|(segment, (_, tally))| {
                    let cell = segment.foundations.get(f)?;
                    let (n, mean) = (cell.n?, cell.mean?);
                    let sum = tally.foundations.get(f)?;
                    let ss = sum.variance().map_or(0.0, |v| v * (n - 1) as f64);
                    Some(Cell { n, mean, ss })
                })
                .collect();
            (cells.len() >= 2).then(|| GroupDifference::of(foundation, &cells))
        })
        .collect()
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
