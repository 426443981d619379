//! The counts behind a group report, which add and merge exactly.

use std::collections::BTreeMap;

use super::dist::{Dist, Fixed, Sum};
use super::inference::CrossProducts;
use super::partners::Ties;
use crate::framework::{Foundation, Role};
use crate::instrument::{Instrument, MAX_POINTS};
use crate::response::Sheet;
use crate::response::who::{Parts, RoleSet};
use crate::score::Scores;

/// One segment's counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct SegmentTally {
    pub(crate) respondents: u64,
    pub(crate) foundations: Vec<Sum>,
    pub(crate) power: Sum,
}

impl SegmentTally {
    pub(crate) fn new(foundations: usize) -> Self {
        Self { respondents: 0, foundations: vec![Sum::default(); foundations], power: Sum::default() }
    }

    fn add(&mut self, scores: &Prepared) {
        self.respondents += 1;
        for (score, sum) in scores.foundations.iter().zip(&mut self.foundations) {
            if let Some(score) = score {
                sum.add_prepared(*score);
            }
        }
        if let Some(power) = scores.power {
            self.power.add_prepared(power);
        }
    }

    fn merge(&mut self, other: &Self) {
        self.respondents += other.respondents;
        for (a, b) in self.foundations.iter_mut().zip(&other.foundations) {
            a.merge(b);
        }
        self.power.merge(&other.power);
    }
}

/// One respondent's scores as segment sums add them, made once for all the
/// segments they are in.
struct Prepared {
    foundations: [Option<Fixed>; Foundation::ALL.len()],
    power: Option<Fixed>,
}

impl Prepared {
    fn of(scores: &Scores) -> Self {
        let mut foundations = [None; Foundation::ALL.len()];
        for (slot, (_, score)) in foundations.iter_mut().zip(scores.foundations()) {
            *slot = score.map(Sum::prepare);
        }
        Self { foundations, power: scores.power.map(Sum::prepare) }
    }
}

/// The respondents who play one combination of roles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RoleSetTally {
    pub(crate) respondents: u64,
    /// Per foundation, how many of them are scored on it.
    pub(crate) scored: Vec<u64>,
}

impl RoleSetTally {
    fn new(foundations: usize) -> Self {
        Self { respondents: 0, scored: vec![0; foundations] }
    }
}

/// Everything the report needs, in memory independent of the number of
/// respondents: counts per item per scale point, and distributions of the
/// (finitely many) distinct scores.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tally {
    pub(crate) respondents: u64,
    /// Per item: `[n/a, value 1, …, value 11]`.
    pub(crate) answers: Vec<[u64; MAX_POINTS as usize + 1]>,
    pub(crate) foundations: Vec<Dist>,
    pub(crate) overall: Dist,
    pub(crate) power: Dist,
    pub(crate) gap_sum: i64,
    pub(crate) gap_n: u64,
    /// Per foundation, the complete cases of its items, for alpha.
    pub(crate) reliability: Vec<CrossProducts>,
    pub(crate) roles: BTreeMap<Role, SegmentTally>,
    pub(crate) organisations: BTreeMap<String, SegmentTally>,
    pub(crate) holders: SegmentTally,
    pub(crate) others: SegmentTally,
    /// Per combination of roles played (at least one), how many respondents
    /// are scored on each foundation: what disclosure control needs to see
    /// how overlapping role segments intersect.
    pub(crate) role_sets: BTreeMap<RoleSet, RoleSetTally>,
    /// The partner ratings, per directed tie.
    pub(crate) ties: Ties,
}

impl Tally {
    pub(crate) fn new(instrument: &Instrument) -> Self {
        let foundations = instrument.foundations().len();
        Self {
            respondents: 0,
            answers: vec![[0; MAX_POINTS as usize + 1]; instrument.items().len()],
            foundations: vec![Dist::default(); foundations],
            overall: Dist::default(),
            power: Dist::default(),
            gap_sum: 0,
            gap_n: 0,
            reliability: instrument
                .foundation_groups()
                .iter()
                .map(|g| CrossProducts::new(g.positions.len()))
                .collect(),
            roles: BTreeMap::new(),
            organisations: BTreeMap::new(),
            holders: SegmentTally::new(foundations),
            others: SegmentTally::new(foundations),
            role_sets: BTreeMap::new(),
            ties: Ties::new(),
        }
    }

    /// Adds one respondent's checked answers.
    pub(crate) fn add(&mut self, instrument: &Instrument, parts: Parts<'_>, sheet: &Sheet) {
        let scores = instrument.scores(sheet);
        self.respondents += 1;
        for (counts, &code) in self.answers.iter_mut().zip(sheet.codes()) {
            let slot = match code {
                Sheet::MISSING => None,
                Sheet::NA => counts.first_mut(),
                v => counts.get_mut(usize::from(v)),
            };
            if let Some(slot) = slot {
                *slot += 1;
            }
        }
        for ((_, score), dist) in scores.foundations().zip(&mut self.foundations) {
            if let Some(score) = score {
                dist.add(score);
            }
        }
        if let Some(overall) = scores.overall {
            self.overall.add(overall);
        }
        if let Some(power) = scores.power {
            self.power.add(power);
        }
        if let Some(gap) = scores.spectrum_gap() {
            self.gap_sum += i64::from(gap);
            self.gap_n += 1;
        }
        // The complete cases of each foundation's items, keyed.
        let info = instrument.info();
        let codes = sheet.codes();
        let (mut keyed, mut long) = ([0u8; 64], Vec::new());
        for (group, cross) in instrument.foundation_groups().iter().zip(&mut self.reliability) {
            let k = group.positions.len();
            let values: &mut [u8] = if let Some(values) = keyed.get_mut(..k) {
                values
            } else {
                long.resize(k, 0);
                &mut long
            };
            let complete = group.positions.iter().zip(values.iter_mut()).all(|(&p, slot)| {
                match (codes.get(p).copied(), info.get(p)) {
                    (Some(code), Some(item)) if code != Sheet::MISSING && code != Sheet::NA => {
                        *slot = item.keyed(code);
                        true
                    }
                    _ => false,
                }
            });
            if complete {
                cross.add(values);
            }
        }
        let foundations = self.foundations.len();
        if !parts.roles.is_empty() {
            let set = self.role_sets.entry(parts.roles).or_insert_with(|| RoleSetTally::new(foundations));
            set.respondents += 1;
            for ((_, score), n) in scores.foundations().zip(set.scored.iter_mut()) {
                if score.is_some() {
                    *n += 1;
                }
            }
        }
        let prepared = Prepared::of(&scores);
        for role in parts.roles.iter() {
            self.roles.entry(role).or_insert_with(|| SegmentTally::new(foundations)).add(&prepared);
        }
        // Ratings are checked to need an organisation; without one there is
        // nothing to count.
        if let (Some(from), false) = (&parts.organisation, parts.partners.is_empty()) {
            for (to, rating) in parts.partners {
                let key = (from.as_ref().to_owned(), to.clone());
                let tie = self.ties.entry(key).or_default();
                tie.raters += 1;
                tie.current += u64::from(rating.current);
                tie.needed += u64::from(rating.needed);
                if let Some(trust) = rating.trust {
                    tie.trust_n += 1;
                    tie.trust += u64::from(trust);
                }
                if let Some(value) = rating.value {
                    tie.value_n += 1;
                    tie.value += u64::from(value);
                }
            }
        }
        if let Some(org) = parts.organisation {
            if let Some(segment) = self.organisations.get_mut(org.as_ref()) {
                segment.add(&prepared);
            } else {
                let mut segment = SegmentTally::new(foundations);
                segment.add(&prepared);
                self.organisations.insert(org.into_owned(), segment);
            }
        }
        if parts.holds_power { &mut self.holders } else { &mut self.others }.add(&prepared);
    }

    /// Adds every count of `other`.
    pub(crate) fn merge(&mut self, other: &Self) {
        self.respondents += other.respondents;
        for (x, y) in self.answers.iter_mut().zip(&other.answers) {
            for (p, q) in x.iter_mut().zip(y) {
                *p += q;
            }
        }
        for (x, y) in self.foundations.iter_mut().zip(&other.foundations) {
            x.merge(y);
        }
        self.overall.merge(&other.overall);
        self.power.merge(&other.power);
        self.gap_sum += other.gap_sum;
        self.gap_n += other.gap_n;
        for (a, b) in self.reliability.iter_mut().zip(&other.reliability) {
            a.merge(b);
        }
        for (role, segment) in &other.roles {
            match self.roles.get_mut(role) {
                Some(mine) => mine.merge(segment),
                None => {
                    self.roles.insert(*role, segment.clone());
                }
            }
        }
        for (org, segment) in &other.organisations {
            match self.organisations.get_mut(org) {
                Some(mine) => mine.merge(segment),
                None => {
                    self.organisations.insert(org.clone(), segment.clone());
                }
            }
        }
        self.holders.merge(&other.holders);
        self.others.merge(&other.others);
        for (set, counts) in &other.role_sets {
            let mine = self.role_sets.entry(*set).or_insert_with(|| RoleSetTally::new(counts.scored.len()));
            mine.respondents += counts.respondents;
            for (a, b) in mine.scored.iter_mut().zip(&counts.scored) {
                *a += b;
            }
        }
        for (key, tie) in &other.ties {
            match self.ties.get_mut(key) {
                Some(mine) => mine.merge(tie),
                None => {
                    self.ties.insert(key.clone(), *tie);
                }
            }
        }
    }
}
