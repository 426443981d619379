//! The numbers one respondent contributes, shared by the scorecard and the
//! group aggregator so that both report exactly the same scores.

use super::ratio::Ratio;
use crate::framework::{CollaborationLevel, Foundation};
use crate::instrument::Instrument;
use crate::instrument::{Group, ItemInfo, SpectrumQuestion};
use crate::response::Sheet;

/// One respondent's scores, without the allocation of a full
/// [`Scorecard`](crate::score::Scorecard): what [`AnswerSheet::scores`](crate::response::AnswerSheet::scores)
/// gives, and what the group aggregator counts.
///
/// ```
/// use collaboration::{Foundation, Instrument, Respondent, Response};
///
/// let hc = Instrument::builtin();
/// let response = Response::new(hc.id(), Respondent::new("r-07")?)
///     .with_answer("shared-learning.1", 4)
///     .with_answer("shared-learning.2", 5);
/// let scores = hc.check(&response)?.scores();
/// assert_eq!(scores.foundation(Foundation::SharedLearning), Some(87.5));
/// assert_eq!(scores.overall(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    /// Per foundation of the instrument (in its order): the foundation,
    /// items answered, and the score when the coverage rule is met.
    foundations: [(Foundation, usize, Option<f64>); Foundation::COUNT],
    measured: usize,
    /// The overall score, when at least half the foundations are scored.
    pub(crate) overall: Option<f64>,
    /// The power score, when any power item was answered.
    pub(crate) power: Option<f64>,
    /// How many power items were answered.
    pub(crate) power_answered: usize,
    /// Where the collaboration is now.
    pub(crate) current: Option<CollaborationLevel>,
    /// Where its work needs it to be.
    pub(crate) needed: Option<CollaborationLevel>,
}

/// Whether `answered` of `items` meets the coverage rule: at least half,
/// rounded up.
fn covered(answered: usize, items: usize) -> bool {
    answered > 0 && answered >= items.div_ceil(2)
}

/// Whether `scored` of `foundations` is enough for an overall score: at
/// least half.
fn overall_covered(scored: usize, foundations: usize) -> bool {
    scored > 0 && 2 * scored >= foundations
}

impl Scores {
    /// Per foundation of the instrument, in its order: items answered and
    /// score.
    pub(crate) fn foundations(&self) -> impl Iterator<Item = (usize, Option<f64>)> + '_ {
        self.foundations.iter().take(self.measured).map(|&(_, answered, score)| (answered, score))
    }

    /// A foundation's score: `None` when the instrument does not measure it
    /// or too few of its items were answered.
    pub fn foundation(&self, foundation: Foundation) -> Option<f64> {
        self.foundations
            .iter()
            .take(self.measured)
            .find(|(f, _, _)| *f == foundation)
            .and_then(|&(_, _, s)| s)
    }

    /// The overall score, when at least half the foundations are scored.
    pub fn overall(&self) -> Option<f64> {
        self.overall
    }

    /// The power score, when any power item was answered.
    pub fn power(&self) -> Option<f64> {
        self.power
    }

    /// Where the collaboration is now, and where its work needs it to be.
    pub fn spectrum(&self) -> (Option<CollaborationLevel>, Option<CollaborationLevel>) {
        (self.current, self.needed)
    }

    /// `needed − current`, when both are answered.
    #[allow(clippy::cast_possible_wrap)] // levels are 1 to 7
    pub fn spectrum_gap(&self) -> Option<i8> {
        self.current.zip(self.needed).map(|(c, n)| n.level() as i8 - c.level() as i8)
    }
}

/// The exact mean normalised score of a group's answered items, and how
/// many were answered: `Σ (keyed − 1) × lcm / (points − 1)` over
/// `answered × lcm`.
fn group_mean(info: &[ItemInfo], group: &Group, sheet: &Sheet) -> (usize, Option<Ratio>) {
    let (mut num, mut answered) = (0u64, 0u64);
    for (&p, &weight) in group.positions.iter().zip(&group.weights) {
        if let (Some(item), Some(v)) = (info.get(p), sheet.value(p)) {
            // weight = lcm / (points − 1), made once (`Group::new`).
            num += u64::from(item.keyed(v) - 1) * weight;
            answered += 1;
        }
    }
    (usize::try_from(answered).unwrap_or(usize::MAX), Ratio::new(num, answered * group.lcm))
}

impl Instrument {
    /// The scores of one checked sheet of answers.
    pub(crate) fn scores(&self, sheet: &Sheet) -> Scores {
        let info = self.info();
        let mut foundations = [(Foundation::CollaborativeMindset, 0, None); Foundation::COUNT];
        let mut measured = 0;
        let (mut sum, mut scored) = (0.0, 0usize);
        let groups = self.foundations().iter().zip(self.foundation_groups());
        for ((&foundation, group), slot) in groups.zip(foundations.iter_mut()) {
            let (answered, ratio) = group_mean(info, group, sheet);
            let score = if covered(answered, group.positions.len()) { ratio.map(Ratio::score) } else { None };
            if let Some(score) = score {
                sum += score;
                scored += 1;
            }
            *slot = (foundation, answered, score);
            measured += 1;
        }
        #[allow(clippy::cast_precision_loss)] // at most six foundations
        let overall = overall_covered(scored, measured).then(|| sum / scored as f64);
        let (power_answered, power) = group_mean(info, self.power_group(), sheet);
        let level = |question| {
            self.spectrum_item(question).and_then(|p| sheet.value(p)).and_then(CollaborationLevel::from_level)
        };
        Scores {
            foundations,
            measured,
            overall,
            power: power.map(Ratio::score),
            power_answered,
            current: level(SpectrumQuestion::Current),
            needed: level(SpectrumQuestion::Needed),
        }
    }
}
