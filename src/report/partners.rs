//! The partner map: who collaborates with whom, how closely, and how closely
//! the work needs, from the partner ratings in responses
//! (`docs/scoring.md#the-partner-map`).
//!
//! Every figure comes from mergeable counts per directed tie (organisation
//! A's raters about organisation B), so a map made in parts and merged is the
//! map made in one pass.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::CollaborationLevel;

/// The counts behind one directed tie: what the raters from one
/// organisation said of one partner. Integers only, so they add exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TieTally {
    /// How many respondents from the organisation rated the partner.
    pub(crate) raters: u64,
    /// The sum of their current levels (1–7 each).
    pub(crate) current: u64,
    /// The sum of their needed levels (1–7 each).
    pub(crate) needed: u64,
    /// How many gave a trust rating, and its sum (1–5 each).
    pub(crate) trust_n: u64,
    pub(crate) trust: u64,
    /// How many gave a value rating, and its sum (1–5 each).
    pub(crate) value_n: u64,
    pub(crate) value: u64,
}

impl TieTally {
    pub(crate) fn merge(&mut self, other: &Self) {
        self.raters += other.raters;
        self.current += other.current;
        self.needed += other.needed;
        self.trust_n += other.trust_n;
        self.trust += other.trust;
        self.value_n += other.value_n;
        self.value += other.value;
    }
}

/// The directed ties counted, keyed by (rating organisation, rated partner),
/// both in canonical form (`docs/scoring.md#the-partner-map`).
pub(crate) type Ties = BTreeMap<(String, String), TieTally>;

/// Who collaborates with whom, how closely, and how closely the work needs:
/// the partner ratings of a group, organisation by organisation.
///
/// Partner ratings are given on behalf of organisations, not anonymously: a
/// tie rated by one person shows that person's ratings. Ties rated by fewer
/// respondents than the options' `min_partner_raters` are suppressed, and every other figure here (each
/// organisation's, each pair's and the network's) is made from the shown
/// ties alone, so a suppressed tie cannot be worked back out of them
/// (`docs/scoring.md#the-partner-map`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerMap {
    /// The fewest raters a tie needs to be shown.
    pub min_partner_raters: u64,
    /// Every organisation that rates or is rated in a shown tie, and every
    /// partner the instrument expects, in byte order of the names.
    pub organisations: Vec<PartnerOrganisation>,
    /// The shown directed ties, in byte order of (from, to).
    pub ties: Vec<PartnerTie>,
    /// How many directed ties were rated but are suppressed, having fewer
    /// than `min_partner_raters` raters.
    pub suppressed_ties: u64,
    /// Every pair of organisations with a shown tie in either direction, in
    /// byte order of (first, second), the first name before the second.
    pub pairs: Vec<PartnerPair>,
    /// The network as a whole.
    pub network: PartnerNetwork,
}

/// One directed tie A→B: what the respondents from A said of their
/// collaboration with B.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerTie {
    /// The rating organisation (A).
    pub from: String,
    /// The rated partner (B).
    pub to: String,
    /// How many respondents from A rated B.
    pub raters: u64,
    /// The mean current level on the collaboration spectrum, 1 (compete) to
    /// 7 (integrate).
    pub current: f64,
    /// The mean level the work needs, 1 to 7.
    pub needed: f64,
    /// The need gap: `needed − current`. Positive when the work needs closer
    /// collaboration than there is; negative when there is more than it
    /// needs.
    pub need_gap: f64,
    /// The mean trust rating (1 strongly disagree to 5 strongly agree that
    /// they trust the partner), over those who gave one; `null` when fewer
    /// than `min_partner_raters` did.
    pub trust: Option<f64>,
    /// How many gave a trust rating.
    pub trust_raters: u64,
    /// The mean value rating (1 to 5: the partner adds value to the work),
    /// over those who gave one; `null` when fewer than `min_partner_raters`
    /// did.
    pub value: Option<f64>,
    /// How many gave a value rating.
    pub value_raters: u64,
}

/// Two organisations, each direction of their tie compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerPair {
    /// The organisation whose name comes first in byte order.
    pub first: String,
    /// The other.
    pub second: String,
    /// The mean current level first→second; `null` when that tie is not
    /// shown.
    pub first_to_second: Option<f64>,
    /// The mean current level second→first; `null` when that tie is not
    /// shown.
    pub second_to_first: Option<f64>,
    /// The reciprocity gap `|current(first→second) − current(second→first)|`;
    /// `null` unless both ties are shown.
    pub reciprocity_gap: Option<f64>,
    /// Whether the two see their collaboration at least
    /// [`MISMATCH_LEVELS`] levels apart: "we see this as close
    /// collaboration; they see it as networking".
    pub mismatched: bool,
    /// Whether, in both directions, the level the work needs is below the
    /// current level: the Article's "everyone does everything", in the
    /// data.
    pub over_collaborating: bool,
}

/// One organisation's place in the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerOrganisation {
    /// The organisation.
    pub name: String,
    /// How many partners its respondents rated (shown ties from it).
    pub out_ties: u64,
    /// How many partners rated it (shown ties to it).
    pub in_ties: u64,
    /// How others see it: the mean, over the shown ties to it, of each
    /// tie's mean current level; `null` with no tie to it.
    pub seen_as: Option<f64>,
    /// How closely it sees its ties: the mean, over the shown ties from it,
    /// of each tie's mean current level; `null` with no tie from it.
    pub sees: Option<f64>,
    /// Its mean need gap: the mean, over the shown ties from it, of each
    /// tie's need gap; `null` with no tie from it.
    pub need_gap: Option<f64>,
}

/// The network as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerNetwork {
    /// How many organisations it has.
    pub organisations: u64,
    /// How many ordered pairs of them there are: `n (n − 1)`.
    pub ordered_pairs: u64,
    /// For each level of the spectrum, 1 to 7, the density at that
    /// threshold: the share of ordered pairs with a shown tie whose mean
    /// current level is at least that level; `null` with fewer than two
    /// organisations.
    pub density: Vec<PartnerDensity>,
    /// How many pairs have both ties shown.
    pub reciprocal_pairs: u64,
    /// How many of them are mismatched.
    pub mismatched_pairs: u64,
    /// The share of reciprocal pairs that are mismatched; `null` with none.
    pub mismatched_share: Option<f64>,
    /// How many reciprocal pairs are over-collaborating.
    pub over_collaborating_pairs: u64,
}

/// The density of a network at one level of the spectrum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerDensity {
    /// The level, 1 (compete) to 7 (integrate).
    #[schemars(range(min = 1, max = 7))]
    pub level: u8,
    /// The share of ordered pairs tied at this level or closer.
    pub density: Option<f64>,
}

/// How many levels apart two directions of a pair must be to be
/// mismatched.
pub const MISMATCH_LEVELS: f64 = 2.0;

impl PartnerMap {
    /// The map of `ties`, showing those with at least `min_raters` raters,
    /// with every partner in `expected` among its organisations.
    // Counts are far below 2^53, so they convert to `f64` exactly.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn of(ties: &Ties, min_raters: u64, expected: &[String]) -> Option<Self> {
        if ties.is_empty() {
            return None;
        }
        let min_raters = min_raters.max(1);
        let mean = |sum: u64, n: u64| sum as f64 / n as f64;
        let mut shown = Vec::new();
        let mut suppressed = 0u64;
        for ((from, to), t) in ties {
            if t.raters < min_raters {
                suppressed += 1;
                continue;
            }
            let current = mean(t.current, t.raters);
            let needed = mean(t.needed, t.raters);
            shown.push(PartnerTie {
                from: from.clone(),
                to: to.clone(),
                raters: t.raters,
                current,
                needed,
                need_gap: needed - current,
                trust: (t.trust_n >= min_raters).then(|| mean(t.trust, t.trust_n)),
                trust_raters: t.trust_n,
                value: (t.value_n >= min_raters).then(|| mean(t.value, t.value_n)),
                value_raters: t.value_n,
            });
        }
        // Inserted one by one rather than collected: `collect` into a B-tree
        // sorts first, and each sorted type is another copy of the sort in
        // the WebAssembly module.
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for name in expected {
            names.insert(name);
        }
        for tie in &shown {
            names.insert(&tie.from);
            names.insert(&tie.to);
        }
        let mut by_pair: BTreeMap<(&str, &str), &PartnerTie> = BTreeMap::new();
        for t in &shown {
            by_pair.insert((t.from.as_str(), t.to.as_str()), t);
        }
        let organisations = names
            .iter()
            .map(|&name| {
                let out: Vec<&PartnerTie> = shown.iter().filter(|t| t.from == name).collect();
                let into: Vec<&PartnerTie> = shown.iter().filter(|t| t.to == name).collect();
                let avg = |ties: &[&PartnerTie], f: fn(&PartnerTie) -> f64| {
                    (!ties.is_empty()).then(|| ties.iter().map(|t| f(t)).sum::<f64>() / ties.len() as f64)
                };
                PartnerOrganisation {
                    name: name.to_owned(),
                    out_ties: out.len() as u64,
                    in_ties: into.len() as u64,
                    seen_as: avg(&into, |t| t.current),
                    sees: avg(&out, |t| t.current),
                    need_gap: avg(&out, |t| t.need_gap),
                }
            })
            .collect();
        let mut pairs = Vec::new();
        let mut unordered: BTreeSet<(&str, &str)> = BTreeSet::new();
        for tie in &shown {
            let (a, b) = if tie.from < tie.to { (&tie.from, &tie.to) } else { (&tie.to, &tie.from) };
            unordered.insert((a, b));
        }
        let (mut reciprocal, mut mismatched, mut over) = (0u64, 0u64, 0u64);
        for (a, b) in unordered {
            let ab = by_pair.get(&(a, b)).copied();
            let ba = by_pair.get(&(b, a)).copied();
            let gap = ab.zip(ba).map(|(x, y)| (x.current - y.current).abs());
            let is_mismatched = gap.is_some_and(|g| g >= MISMATCH_LEVELS);
            let is_over = ab.zip(ba).is_some_and(|(x, y)| x.needed < x.current && y.needed < y.current);
            if gap.is_some() {
                reciprocal += 1;
            }
            mismatched += u64::from(is_mismatched);
            over += u64::from(is_over);
            pairs.push(PartnerPair {
                first: a.to_owned(),
                second: b.to_owned(),
                first_to_second: ab.map(|t| t.current),
                second_to_first: ba.map(|t| t.current),
                reciprocity_gap: gap,
                mismatched: is_mismatched,
                over_collaborating: is_over,
            });
        }
        let n = names.len() as u64;
        let ordered_pairs = n * n.saturating_sub(1);
        let density = CollaborationLevel::iter()
            .map(|level| {
                let at = f64::from(level.level());
                let close = shown.iter().filter(|t| t.current >= at).count();
                PartnerDensity {
                    level: level.level(),
                    density: (ordered_pairs > 0).then(|| close as f64 / ordered_pairs as f64),
                }
            })
            .collect();
        Some(Self {
            min_partner_raters: min_raters,
            organisations,
            ties: shown,
            suppressed_ties: suppressed,
            pairs,
            network: PartnerNetwork {
                organisations: n,
                ordered_pairs,
                density,
                reciprocal_pairs: reciprocal,
                mismatched_pairs: mismatched,
                mismatched_share: (reciprocal > 0).then(|| mismatched as f64 / reciprocal as f64),
                over_collaborating_pairs: over,
            },
        })
    }

    /// The shown tie from `from` to `to`, if there is one.
    pub fn tie(&self, from: &str, to: &str) -> Option<&PartnerTie> {
        self.ties.iter().find(|t| t.from == from && t.to == to)
    }

    /// The pair of `a` and `b`, in either order, if either tie is shown.
    pub fn pair(&self, a: &str, b: &str) -> Option<&PartnerPair> {
        self.pairs.iter().find(|p| (p.first == a && p.second == b) || (p.first == b && p.second == a))
    }

    /// The organisation called `name`, if it is in the map.
    pub fn organisation(&self, name: &str) -> Option<&PartnerOrganisation> {
        self.organisations.iter().find(|o| o.name == name)
    }
}
