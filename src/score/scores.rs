//! The numbers one respondent contributes, shared by the scorecard and the
//! group aggregator so that both report exactly the same scores.

use super::{Ratio, mean_normalised};
use crate::instrument::{Measure, SpectrumQuestion};
use crate::response::Sheet;
use crate::{CollaborationLevel, Foundation, Instrument};

/// One respondent's scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scores {
    /// Per foundation of the instrument (in its order): items answered, and
    /// the score when the coverage rule is met.
    foundations: [(usize, Option<f64>); Foundation::COUNT],
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
        self.foundations.iter().take(self.measured).copied()
    }

    /// `needed − current`, when both are answered.
    #[allow(clippy::cast_possible_wrap)] // levels are 1 to 7
    pub(crate) fn spectrum_gap(&self) -> Option<i8> {
        self.current.zip(self.needed).map(|(c, n)| n.level() as i8 - c.level() as i8)
    }
}

impl Instrument {
    /// The scores of one checked sheet of answers.
    pub(crate) fn scores(&self, sheet: &Sheet) -> Scores {
        let info = self.info();
        let mut foundations = [(0, None); Foundation::COUNT];
        let mut measured = 0;
        for ((_, positions), slot) in self.foundation_items().zip(foundations.iter_mut()) {
            let answers = positions.iter().filter_map(|&p| {
                let info = info.get(p)?;
                let v = sheet.value(p)?;
                Some((info, info.keyed(v)))
            });
            let answered = answers.clone().count();
            let score = if covered(answered, positions.len()) {
                mean_normalised(answers).map(Ratio::score)
            } else {
                None
            };
            *slot = (answered, score);
            measured += 1;
        }
        let (mut sum, mut scored) = (0.0, 0usize);
        for (_, score) in foundations.iter().take(measured) {
            if let Some(score) = score {
                sum += score;
                scored += 1;
            }
        }
        #[allow(clippy::cast_precision_loss)] // at most six foundations
        let overall = overall_covered(scored, measured).then(|| sum / scored as f64);

        let power_answers = sheet.values(info).filter_map(|(info, value)| match (info.measures, value) {
            (Measure::Power(_), Some(v)) => Some((info, info.keyed(v))),
            _ => None,
        });
        let level = |question| {
            sheet.values(info).find_map(|(info, value)| match (info.measures, value) {
                (Measure::Spectrum(q), Some(v)) if q == question => CollaborationLevel::from_level(v),
                _ => None,
            })
        };
        Scores {
            foundations,
            measured,
            overall,
            power: mean_normalised(power_answers.clone()).map(Ratio::score),
            power_answered: power_answers.count(),
            current: level(SpectrumQuestion::Current),
            needed: level(SpectrumQuestion::Needed),
        }
    }
}
