//! The group report: what a partnership's answers show together.

use schemars::JsonSchema;
use serde::Serialize;

use super::dist::Summary;
use super::inference::{GroupDifference, Reliability, WelchTest};
use crate::framework::{CollaborationLevel, Foundation, Misconception, PowerForm};
use crate::score::{Band, ScoringOptions};

/// One foundation across the group.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FoundationStats {
    /// The foundation.
    pub foundation: Foundation,
    /// Whether fewer than `min_segment` respondents are scored on it, so
    /// that every statistic but `n` is withheld
    /// (`docs/scoring.md#disclosure-control`).
    pub suppressed: bool,
    /// Statistics of the foundation scores of the respondents whose score
    /// meets the coverage rule.
    #[serde(flatten)]
    pub summary: Summary,
    /// The mean's 95% confidence interval, `mean ± t(0.975, n − 1) · sd /
    /// √n`, not clamped to 0–100; `null` when `n` < 2 or withheld.
    pub ci95: Option<[f64; 2]>,
    /// Cronbach's alpha of the foundation's items over the respondents who
    /// answered them all; `null` for a foundation of fewer than 2 items.
    pub reliability: Option<Reliability>,
    /// The band of the mean; `null` when no one is scored.
    pub band: Option<Band>,
    /// Within-group agreement rwg(j) (James, Demaree & Wolf 1984) over the
    /// keyed answers to the foundation's items, from 0 (none) to 1 (full);
    /// `null` when no item has two answers.
    pub rwg: Option<f64>,
    /// Burke's average deviation: the mean over items of the mean absolute
    /// deviation of the keyed answers from their mean; `null` when no item
    /// was answered.
    pub ad: Option<f64>,
    /// Whether AD shows practical agreement (AD ≤ A/6, A the scale's
    /// points); `null` with AD.
    pub ad_agreement: Option<bool>,
    /// Views are divided: rwg(j) < 0.70. False when rwg(j) is `null`.
    pub divided: bool,
    /// The mean looks healthy (strength or developing) but views are
    /// divided: the Article's "collaboration feels harmonious" in the data.
    pub surface_agreement: bool,
}

/// The overall score across the group.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct OverallStats {
    /// Whether fewer than `min_segment` respondents have an overall score,
    /// so that every statistic but `n` is withheld.
    pub suppressed: bool,
    /// Statistics of the respondents' overall scores.
    #[serde(flatten)]
    pub summary: Summary,
    /// The mean's 95% confidence interval; `null` when `n` < 2 or withheld.
    pub ci95: Option<[f64; 2]>,
    /// The band of the mean; `null` when no one has an overall score.
    pub band: Option<Band>,
}

/// A foundation in the order of priority.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Priority {
    /// The foundation.
    pub foundation: Foundation,
    /// Its mean score.
    pub mean: f64,
    /// The band of the mean.
    pub band: Band,
    /// Whether views on it are divided.
    pub divided: bool,
}

/// How widely a misconception is held.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct MisconceptionPrevalence {
    /// The misconception.
    pub misconception: Misconception,
    /// Whether fewer than `min_segment` respondents answered, so that `held`
    /// and `share` are withheld.
    pub suppressed: bool,
    /// How many respondents answered its item.
    pub answered: u64,
    /// How many of them hold it; `null` when suppressed.
    pub held: Option<u64>,
    /// `held / answered`, from 0 to 1; `null` when suppressed or when no one
    /// answered.
    pub share: Option<f64>,
}

/// The power score of one side of the structural-power divide.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct PowerSide {
    /// Whether the side's power figures are withheld: too few of its
    /// respondents have a power score, or too few on the other side, so
    /// that the whole minus this side would reveal them
    /// (`docs/scoring.md#disclosure-control`).
    pub suppressed: bool,
    /// How many respondents are on this side; `null` when fewer than
    /// `min_segment`.
    pub respondents: Option<u64>,
    /// How many of them have a power score; `null` when suppressed.
    pub n: Option<u64>,
    /// Their mean power score; `null` when suppressed.
    pub mean: Option<f64>,
}

/// Power across the group.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct PowerStats {
    /// Whether fewer than `min_segment` respondents have a power score, so
    /// that every statistic but `n` is withheld.
    pub suppressed: bool,
    /// The forms of power whose items the instrument keys in reverse: what
    /// the power score counts reversed.
    pub reversed: Vec<PowerForm>,
    /// Statistics of the respondents' power scores (higher is healthier;
    /// power over counts reversed).
    #[serde(flatten)]
    pub summary: Summary,
    /// Respondents holding any structural power source.
    pub holders: PowerSide,
    /// Respondents holding none.
    pub others: PowerSide,
    /// Mean power score of holders minus that of the others: how much more
    /// power those with structural power feel they have. `null` unless both
    /// sides are shown.
    pub voice_gap: Option<f64>,
    /// Welch's t-test of the voice gap (holders minus others, on the power
    /// score); `null` unless both sides are shown.
    pub voice_gap_test: Option<WelchTest>,
}

/// One foundation's figures within a segment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SegmentFoundation {
    /// The foundation.
    pub foundation: Foundation,
    /// Whether this cell is withheld: too few of the segment's respondents
    /// are scored on the foundation, or showing it would let the whole
    /// minus the shown cells reveal fewer than `min_segment` people
    /// (`docs/scoring.md#disclosure-control`).
    pub suppressed: bool,
    /// How many of the segment's respondents are scored on it; `null` when
    /// suppressed.
    pub n: Option<u64>,
    /// Their mean; `null` when suppressed.
    pub mean: Option<f64>,
}

/// One segment of the group: a role, an organisation, or a side of the
/// structural-power divide.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Segment {
    /// The segment: a role id, an organisation's name, or
    /// `holds-structural-power` / `holds-none`.
    pub segment: String,
    /// Whether it has fewer than `min_segment` respondents, so that all its
    /// figures are withheld and no one can be singled out.
    pub suppressed: bool,
    /// How many respondents it has; `null` when suppressed.
    pub respondents: Option<u64>,
    /// Per foundation, n and mean, each cell withheld where disclosure
    /// control says so; empty when the segment is suppressed.
    pub foundations: Vec<SegmentFoundation>,
}

/// The spread of segment means on one foundation.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct PerspectiveGap {
    /// The foundation.
    pub foundation: Foundation,
    /// The highest minus the lowest shown segment mean; `null` when fewer
    /// than two segments show a mean.
    pub gap: Option<f64>,
    /// The segment with the lowest mean.
    pub lowest: Option<String>,
    /// The segment with the highest mean.
    pub highest: Option<String>,
}

/// The segments of one grouping and the perspective gaps between them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Grouping {
    /// Every segment, suppressed ones included (without figures).
    pub segments: Vec<Segment>,
    /// Per foundation, the gap between the segments' means.
    pub perspective_gaps: Vec<PerspectiveGap>,
    /// Per foundation, a one-way ANOVA of the shown segments' scores, where
    /// at least two show a mean: for organisations only (roles overlap, and
    /// the power divide has its own test); empty otherwise.
    pub differences: Vec<GroupDifference>,
}

/// Perspectives: the group seen by role, by organisation, and by
/// structural power.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Segments {
    /// By system role (a respondent with two roles counts in both).
    pub by_role: Grouping,
    /// By organisation.
    pub by_organisation: Grouping,
    /// Respondents who hold any structural power source, and those who hold
    /// none.
    pub by_power: Grouping,
}

/// How many respondents chose one level of the spectrum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LevelCount {
    /// The level.
    pub level: CollaborationLevel,
    /// How many chose it.
    pub count: u64,
}

/// Where the group places the collaboration on the spectrum.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SpectrumStats {
    /// Whether the counts are withheld because the whole report is
    /// suppressed; `current` and `needed` are then empty.
    pub suppressed: bool,
    /// Count per level for where the collaboration is now, compete first.
    pub current: Vec<LevelCount>,
    /// Count per level for where its work needs it to be, compete first.
    pub needed: Vec<LevelCount>,
    /// How many respondents answered both.
    pub answered_both: u64,
    /// The mean of `needed − current` over those respondents; `null` when
    /// fewer than `min_segment` answered both.
    pub mean_gap: Option<f64>,
}

/// A whole group's answers to one instrument: agreement, divided views,
/// perspectives by role, organisation and power, misconceptions held, and
/// the spectrum.
///
/// Serialises to the JSON of the wire contract (`null`, never NaN) and
/// `Display`s as Markdown.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct GroupReport {
    /// The instrument's id.
    pub instrument: String,
    /// The instrument's version.
    pub instrument_version: String,
    /// How many responses were scored.
    pub respondents: u64,
    /// Whether the whole report is suppressed because it has fewer than
    /// `min_segment` respondents: it then shows counts only, and every
    /// statistic is `null` (`docs/scoring.md#disclosure-control`).
    pub suppressed: bool,
    /// Why the report is suppressed, in words; `null` when it is not.
    pub suppressed_reason: Option<String>,
    /// The options it was scored with: its bands, and `min_segment` for
    /// disclosure control. Renderers draw the bands given here.
    pub options: ScoringOptions,
    /// Every foundation the instrument measures, in the Guide's order.
    pub foundations: Vec<FoundationStats>,
    /// The overall score.
    pub overall: OverallStats,
    /// The scored foundations, lowest mean first (ties in the Guide's order).
    pub priorities: Vec<Priority>,
    /// Every misconception the instrument asks about, in the Article's order.
    pub misconceptions: Vec<MisconceptionPrevalence>,
    /// Power and the voice gap; `null` when the instrument measures no power.
    pub power: Option<PowerStats>,
    /// Perspectives by segment.
    pub segments: Segments,
    /// The spectrum; `null` when the instrument asks no spectrum question.
    pub spectrum: Option<SpectrumStats>,
    /// Per item, in the instrument's order, how many gave each answer;
    /// empty when the report is suppressed.
    pub items: Vec<ItemDistribution>,
    /// The partner map: who collaborates with whom, how closely, and how
    /// closely the work needs; absent when no respondent rated a partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partners: Option<super::partners::PartnerMap>,
}

/// How one item was answered across the group.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ItemDistribution {
    /// The item's id.
    pub item: String,
    /// Whether the counts are withheld: fewer than `min_segment` gave a
    /// value, or the figure the item makes (its foundation, misconception
    /// or power score) is withheld, which the counts would otherwise give
    /// away (`docs/scoring.md#item-distributions`).
    pub suppressed: bool,
    /// How many gave each value, from 1 to the scale's points (the raw
    /// answer, before reverse keying); empty when suppressed.
    pub counts: Vec<u64>,
    /// How many answered "not applicable".
    pub not_applicable: u64,
    /// How many did not answer it.
    pub missing: u64,
}

impl GroupReport {
    /// Reads a saved report back from its JSON, as `serde_json` would but
    /// with the error in words: objects only, unknown fields refused.
    ///
    /// ```
    /// use collaboration::GroupReport;
    ///
    /// let err = GroupReport::from_json(r#"{"instrument": 1}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "line 1, column 16: expected a string, found the number 1");
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReadError`](crate::report::ReadError) with the line, column and what is
    /// wrong, when the JSON is not a group report.
    pub fn from_json(json: &str) -> Result<Self, crate::de::ReadError> {
        crate::de::read_json(json)
    }

    /// The statistics of one foundation, if the instrument measures it.
    pub fn foundation(&self, foundation: Foundation) -> Option<&FoundationStats> {
        self.foundations.iter().find(|f| f.foundation == foundation)
    }

    /// The divided foundations.
    pub fn divided(&self) -> impl Iterator<Item = &FoundationStats> {
        self.foundations.iter().filter(|f| f.divided)
    }
}

// Saved results read back, closed: `crate::de::read_closed`.
crate::de::read_closed!(FoundationStats { foundation: Foundation, suppressed: bool, ci95: Option<[f64; 2]>, reliability: Option<Reliability>, band: Option<Band>, rwg: Option<f64>, ad: Option<f64>, ad_agreement: Option<bool>, divided: bool, surface_agreement: bool } flatten summary: Summary { n: u64, mean: Option<f64>, sd: Option<f64>, median: Option<f64>, min: Option<f64>, max: Option<f64> });
crate::de::read_closed!(OverallStats { suppressed: bool, ci95: Option<[f64; 2]>, band: Option<Band> } flatten summary: Summary { n: u64, mean: Option<f64>, sd: Option<f64>, median: Option<f64>, min: Option<f64>, max: Option<f64> });
crate::de::read_closed!(Priority { foundation: Foundation, mean: f64, band: Band, divided: bool });
crate::de::read_closed!(MisconceptionPrevalence { misconception: Misconception, suppressed: bool, answered: u64, held: Option<u64>, share: Option<f64> });
crate::de::read_closed!(PowerSide { suppressed: bool, respondents: Option<u64>, n: Option<u64>, mean: Option<f64> });
crate::de::read_closed!(PowerStats { suppressed: bool, reversed: Vec<PowerForm>, holders: PowerSide, others: PowerSide, voice_gap: Option<f64>, voice_gap_test: Option<WelchTest> } flatten summary: Summary { n: u64, mean: Option<f64>, sd: Option<f64>, median: Option<f64>, min: Option<f64>, max: Option<f64> });
crate::de::read_closed!(SegmentFoundation { foundation: Foundation, suppressed: bool, n: Option<u64>, mean: Option<f64> });
crate::de::read_closed!(Segment { segment: String, suppressed: bool, respondents: Option<u64>, foundations: Vec<SegmentFoundation> });
crate::de::read_closed!(PerspectiveGap { foundation: Foundation, gap: Option<f64>, lowest: Option<String>, highest: Option<String> });
crate::de::read_closed!(Grouping { segments: Vec<Segment>, perspective_gaps: Vec<PerspectiveGap>, differences: Vec<GroupDifference> });
crate::de::read_closed!(Segments { by_role: Grouping, by_organisation: Grouping, by_power: Grouping });
crate::de::read_closed!(LevelCount { level: CollaborationLevel, count: u64 });
crate::de::read_closed!(SpectrumStats { suppressed: bool, current: Vec<LevelCount>, needed: Vec<LevelCount>, answered_both: u64, mean_gap: Option<f64> });
crate::de::read_closed!(GroupReport { instrument: String, instrument_version: String, respondents: u64, suppressed: bool, suppressed_reason: Option<String>, options: ScoringOptions, foundations: Vec<FoundationStats>, overall: OverallStats, priorities: Vec<Priority>, misconceptions: Vec<MisconceptionPrevalence>, power: Option<PowerStats>, segments: Segments, spectrum: Option<SpectrumStats>, items: Vec<ItemDistribution>, partners: Option<super::partners::PartnerMap> });
crate::de::read_closed!(ItemDistribution { item: String, suppressed: bool, counts: Vec<u64>, not_applicable: u64, missing: u64 });
