//! Properties of the aggregator over random groups.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::cast_precision_loss)] // counts in tests are tiny

use collaboration::{Aggregator, GroupReport, Instrument, Response};
use proptest::prelude::*;

#[path = "util/groups.rs"]
mod groups;
use groups::group;

fn one_pass(responses: &[Response]) -> GroupReport {
    let mut agg = Aggregator::new(Instrument::builtin());
    for r in responses {
        agg.add(r).unwrap();
    }
    agg.report()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merge_equals_one_pass(responses in group(40), split in 0..40usize) {
        let split = split.min(responses.len());
        let (left, right) = responses.split_at(split);
        let mut a = Aggregator::new(Instrument::builtin());
        let mut b = Aggregator::new(Instrument::builtin());
        for r in left { a.add(r).unwrap(); }
        for r in right { b.add(r).unwrap(); }
        a.merge(&b).unwrap();
        prop_assert_eq!(a.report(), one_pass(&responses));
    }

    /// Every statistic of the inference section (intervals, alpha, the
    /// ANOVA by organisation, the voice gap test, item distributions), with
    /// disclosure control at 1 so that all of them show, merges to exactly
    /// the one-pass figures: split into three parts merged in turn.
    #[test]
    fn inference_merges_exactly(responses in group(40), cuts in (0..40usize, 0..40usize)) {
        let options = collaboration::ScoringOptions { min_segment: 1, ..Default::default() };
        let (mut lo, mut hi) = (cuts.0.min(responses.len()), cuts.1.min(responses.len()));
        if lo > hi { std::mem::swap(&mut lo, &mut hi); }
        let part = |rs: &[Response]| {
            let mut a = Aggregator::with_options(Instrument::builtin(), options);
            for r in rs { a.add(r).unwrap(); }
            a
        };
        let mut merged = part(&responses[..lo]);
        merged.merge(&part(&responses[lo..hi])).unwrap();
        merged.merge(&part(&responses[hi..])).unwrap();
        let (found, expected) = (merged.report(), part(&responses).report());
        for (f, e) in found.foundations.iter().zip(&expected.foundations) {
            prop_assert_eq!(f.ci95.map(|c| c.map(f64::to_bits)), e.ci95.map(|c| c.map(f64::to_bits)));
            prop_assert_eq!(&f.reliability, &e.reliability);
        }
        prop_assert_eq!(&found.segments.by_organisation.differences, &expected.segments.by_organisation.differences);
        prop_assert_eq!(found.power.as_ref().map(|p| p.voice_gap_test), expected.power.as_ref().map(|p| p.voice_gap_test));
        prop_assert_eq!(&found.items, &expected.items);
        prop_assert_eq!(serde_json::to_string(&found).unwrap(), serde_json::to_string(&expected).unwrap());
    }

    #[test]
    fn order_does_not_matter(responses in group(40), seed in any::<u64>()) {
        let mut shuffled = responses.clone();
        // A deterministic Fisher–Yates shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).unwrap();
            shuffled.swap(i, j);
        }
        prop_assert_eq!(one_pass(&shuffled), one_pass(&responses));
    }

    #[test]
    fn statistics_stay_in_range(responses in group(30)) {
        let report = one_pass(&responses);
        let in_score_range = |x: Option<f64>| x.is_none_or(|x| (0.0..=100.0).contains(&x));
        for f in &report.foundations {
            let s = &f.summary;
            for x in [s.mean, s.median, s.min, s.max] { prop_assert!(in_score_range(x), "{:?}", f); }
            prop_assert!(f.rwg.is_none_or(|r| (0.0..=1.0).contains(&r)), "{:?}", f);
            // A = 5 on every built-in foundation item: AD in [0, A − 1].
            prop_assert!(f.ad.is_none_or(|a| (0.0..=4.0).contains(&a)), "{:?}", f);
            prop_assert!(s.sd.is_none_or(|sd| sd >= 0.0));
        }
        for x in [report.overall.summary.mean, report.overall.summary.min, report.overall.summary.max, report.power.as_ref().unwrap().summary.mean] {
            prop_assert!(in_score_range(x));
        }
        for m in &report.misconceptions {
            prop_assert!(m.share.is_none_or(|s| (0.0..=1.0).contains(&s)));
        }
        for g in [&report.segments.by_role, &report.segments.by_organisation, &report.segments.by_power] {
            for s in &g.segments {
                for f in &s.foundations { prop_assert!(in_score_range(f.mean)); }
            }
        }
        prop_assert_eq!(report.respondents, responses.len() as u64);
        prop_assert!(!serde_json::to_string(&report).unwrap().contains("NaN"));
    }

    #[test]
    fn group_means_match_the_scorecards(responses in group(20)) {
        // The group's foundation mean is the mean of the respondents'
        // scorecard scores, computed here independently of the aggregator.
        let report = one_pass(&responses);
        let cards: Vec<_> = responses.iter().map(|r| Instrument::builtin().score(r).unwrap()).collect();
        for f in &report.foundations {
            let scores: Vec<f64> = cards.iter().filter_map(|c| c.foundation(f.foundation).and_then(|s| s.score)).collect();
            prop_assert_eq!(f.summary.n, scores.len() as u64);
            // Disclosure control withholds figures of fewer than 3.
            prop_assert_eq!(f.suppressed, scores.len() < 3 || responses.len() < 3);
            if !f.suppressed {
                let mean = scores.iter().sum::<f64>() / scores.len() as f64;
                prop_assert!((f.summary.mean.unwrap() - mean).abs() < 1e-9);
            }
        }
    }
}
