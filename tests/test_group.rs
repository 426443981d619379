//! Group statistics against values worked out by hand from SCORING.md ("A
//! group"), with the arithmetic in comments.
//!
//! Built-in scales have A = 5 points, so `σ²_EU = (A² − 1) / 12 = 24 / 12 = 2`,
//! and a keyed value v scores 100 × (v − 1) / 4.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use util::close;

use collaboration::{
    Aggregator, Band, Comparison, Foundation, GroupReport, Instrument, Misconception, PowerSource,
    Respondent, Response, ScoringOptions,
};

fn respond(id: &str, answers: &[(&str, u8)]) -> Response {
    answers
        .iter()
        .fold(Response::new("collaboration-health-check", Respondent::new(id).unwrap()), |r, &(item, v)| {
            r.with_answer(item, v)
        })
}

fn report(responses: &[Response]) -> GroupReport {
    report_with(responses, ScoringOptions::default())
}

/// A report with `min_segment` 1, so that disclosure control withholds
/// nothing: these tests check the formulas on groups smaller than the
/// default 3 (disclosure control has its own tests, `test_disclosure.rs`).
fn formulas(responses: &[Response]) -> GroupReport {
    report_with(responses, ScoringOptions { min_segment: 1, ..ScoringOptions::default() })
}

fn report_with(responses: &[Response], options: ScoringOptions) -> GroupReport {
    let mut group = Aggregator::with_options(Instrument::builtin(), options);
    for r in responses {
        group.add(r).unwrap();
    }
    group.report()
}

fn learning(values: &[u8]) -> Vec<Response> {
    values
        .iter()
        .enumerate()
        .map(|(n, &v)| respond(&format!("r{n}"), &[("shared-learning.1", v), ("shared-learning.2", v)]))
        .collect()
}

#[test]
fn mean_sd_and_median_for_odd_n() {
    // Scores 25, 75, 100 (answers 2, 4, 5 to both items).
    // mean = 200 / 3; deviations −125/3, 25/3, 100/3;
    // squares sum = (15625 + 625 + 10000) / 9 = 26250 / 9; / (n − 1 = 2) = 4375 / 3.
    let r = report(&learning(&[2, 4, 5]));
    let s = r.foundation(Foundation::SharedLearning).unwrap();
    assert_eq!(s.summary.n, 3);
    assert!(close(s.summary.mean, 200.0 / 3.0));
    assert!(close(s.summary.sd, (4375.0f64 / 3.0).sqrt()));
    assert!(close(s.summary.median, 75.0));
    assert!(close(s.summary.min, 25.0));
    assert!(close(s.summary.max, 100.0));
    assert_eq!(s.band, Some(Band::Developing));
    // Nobody answered mindset: n = 0, every statistic null.
    let m = r.foundation(Foundation::CollaborativeMindset).unwrap();
    assert_eq!((m.summary.n, m.summary.mean, m.summary.sd, m.summary.median), (0, None, None, None));
    assert_eq!((m.rwg, m.ad, m.band), (None, None, None));
}

#[test]
fn mean_sd_and_median_for_even_n() {
    // Scores 25, 50, 75, 100: mean 62.5, median (50 + 75) / 2 = 62.5;
    // deviations ±37.5, ±12.5: squares 2 × 1406.25 + 2 × 156.25 = 3125; / 3.
    let r = report(&learning(&[2, 3, 4, 5]));
    let s = r.foundation(Foundation::SharedLearning).unwrap();
    assert!(close(s.summary.mean, 62.5));
    assert!(close(s.summary.median, 62.5));
    assert!(close(s.summary.sd, (3125.0f64 / 3.0).sqrt()));
    // One respondent: sd is absent.
    let one = formulas(&learning(&[4]));
    assert_eq!(one.foundation(Foundation::SharedLearning).unwrap().summary.sd, None);
    assert!(close(one.foundation(Foundation::SharedLearning).unwrap().summary.median, 75.0));
}

#[test]
fn rwg_ad_divided_and_surface_agreement() {
    // Both items answered 2, 3, 4, 5: each item's mean is 3.5 and
    // s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3. J = 2 (item 3 unanswered).
    // s̄² / σ²_EU = (5/3) / 2 = 5/6;
    // rwg = 2 (1/6) / (2 (1/6) + 5/6) = (1/3) / (7/6) = 2/7.
    // AD: |dev| = 1.5, 0.5, 0.5, 1.5 → 1.0 per item → AD = 1.0 > 5/6.
    let r = report(&learning(&[2, 3, 4, 5]));
    let s = r.foundation(Foundation::SharedLearning).unwrap();
    assert!(close(s.rwg, 2.0 / 7.0));
    assert!(close(s.ad, 1.0));
    assert_eq!(s.ad_agreement, Some(false));
    // 2/7 < 0.70: divided; mean 62.5 is developing: surface agreement.
    assert!(s.divided);
    assert!(s.surface_agreement);

    // Full agreement: 4, 4, 4 → s² = 0 → rwg = J / J = 1, AD = 0; mean 75
    // (strength) and not divided, so no surface agreement.
    let r = report(&learning(&[4, 4, 4]));
    let s = r.foundation(Foundation::SharedLearning).unwrap();
    assert!(close(s.rwg, 1.0));
    assert!(close(s.ad, 0.0));
    assert_eq!(s.ad_agreement, Some(true));
    assert!(!s.divided && !s.surface_agreement);

    // A divided foundation whose mean is a priority is divided, not surface
    // agreement: answers 1 and 3 → scores 0 and 50, mean 25 (priority);
    // s² = (1 + 1) / 1 = 2 per item = σ²_EU → rwg truncated to 0.
    let r = formulas(&learning(&[1, 3]));
    let s = r.foundation(Foundation::SharedLearning).unwrap();
    assert!(close(s.rwg, 0.0));
    assert!(s.divided && !s.surface_agreement);
}

#[test]
fn rwg_truncates_to_zero_when_variance_exceeds_the_null() {
    // Answers 1 and 5: mean 3, s² = (4 + 4) / 1 = 8 ≥ σ²_EU = 2 → rwg = 0.
    // AD = (2 + 2) / 2 = 2 per item.
    let r = formulas(&learning(&[1, 5]));
    let s = r.foundation(Foundation::SharedLearning).unwrap();
    assert_eq!(s.rwg, Some(0.0));
    assert!(close(s.ad, 2.0));
    assert!(s.divided);
}

#[test]
fn j_counts_only_items_with_two_answers() {
    // Vision: a answers items 1 = 3, 2 = 4; b answers items 1 = 4, 3 = 4.
    // Item 1 has 2 answers: mean 3.5, s² = (0.25 + 0.25) / 1 = 0.5.
    // Items 2 and 3 have 1 answer each: not in J. So J = 1, s̄² = 0.5,
    // ratio 0.25, rwg = 0.75 / (0.75 + 0.25) = 0.75 (divided is false).
    // Had items 2 and 3 counted with s² = 0, s̄² would be 1/6 and rwg 12/13.
    // AD counts every item with an answer: (0.5 + 0 + 0) / 3 = 1/6.
    let r = formulas(&[
        respond("a", &[("shared-vision-and-purpose.1", 3), ("shared-vision-and-purpose.2", 4)]),
        respond("b", &[("shared-vision-and-purpose.1", 4), ("shared-vision-and-purpose.3", 4)]),
    ]);
    let s = r.foundation(Foundation::SharedVisionAndPurpose).unwrap();
    assert!(close(s.rwg, 0.75));
    assert!(close(s.ad, 1.0 / 6.0));
    assert!(!s.divided);
    // Scores: a = (2 + 3) / 8 = 62.5, b = (3 + 3) / 8 = 75 → mean 68.75.
    assert!(close(s.summary.mean, 68.75));
    // With one answer per item, J = 0: rwg is absent, AD is 0.
    let r =
        formulas(&[respond("a", &[("shared-vision-and-purpose.1", 3), ("shared-vision-and-purpose.2", 4)])]);
    let s = r.foundation(Foundation::SharedVisionAndPurpose).unwrap();
    assert_eq!(s.rwg, None);
    assert!(close(s.ad, 0.0));
    assert!(!s.divided);
}

#[test]
fn reverse_keyed_items_agree_on_keyed_values() {
    // Power over answered 1 and 5 by two people: keyed 5 and 1. Power scores
    // 100 and 0; mean 50, median 50.
    let r = formulas(&[respond("a", &[("power.power-over", 1)]), respond("b", &[("power.power-over", 5)])]);
    assert!(close(r.power.as_ref().unwrap().summary.mean, 50.0));
    assert!(close(r.power.as_ref().unwrap().summary.median, 50.0));
}

fn member(id: &str, org: &str, holds: bool, learning: u8, power_to: u8) -> Response {
    let mut respondent = Respondent::new(id).unwrap().with_organisation(org);
    if holds {
        respondent = respondent.with_power_source(PowerSource::Positional);
    }
    Response::new("collaboration-health-check", respondent)
        .with_answer("shared-learning.1", learning)
        .with_answer("shared-learning.2", learning)
        .with_answer("power.power-to", power_to)
}

/// Org A: 3 members holding structural power, learning answered 4 (75) and
/// power to 5 (100). Org B: 2 members holding none, learning 1 and 5 (0 and
/// 100), power to 3 (50). Org C: 3 members holding none, learning 2, 2, 3
/// (25, 25, 50), power to 3 (50).
fn team() -> Vec<Response> {
    vec![
        member("a1", "A", true, 4, 5),
        member("a2", "A", true, 4, 5),
        member("a3", "A", true, 4, 5),
        member("b1", "B", false, 1, 3),
        member("b2", "B", false, 5, 3),
        member("c1", "C", false, 2, 3),
        member("c2", "C", false, 2, 3),
        member("c3", "C", false, 3, 3),
    ]
}

#[test]
fn suppression_at_min_segment_minus_one_and_min_segment() {
    // Org A: 3 members (= min_segment, shown); org B: 2 (= min_segment − 1,
    // suppressed); org C: 3 (shown).
    // A's learning answers 4, 4, 4 → 75 each; C's 2, 2, 3 → 25, 25, 50.
    let team = team();
    let r = report(&team);
    let orgs = &r.segments.by_organisation;
    let seg = |name: &str| orgs.segments.iter().find(|s| s.segment == name).unwrap();
    assert_eq!(r.options.min_segment, 3);
    assert!(!seg("A").suppressed);
    assert_eq!(seg("A").respondents, Some(3));
    assert!(seg("B").suppressed);
    assert_eq!(seg("B").respondents, None);
    assert!(seg("B").foundations.is_empty());
    let learning_of = |name: &str| {
        seg(name).foundations.iter().find(|f| f.foundation == Foundation::SharedLearning).unwrap().mean
    };
    assert!(close(learning_of("A"), 75.0));
    // C would show (25 + 25 + 50) / 3 = 100 / 3, but then 8 − 3 − 3 = 2
    // respondents (B's) would be in no shown cell, and the whole minus A
    // minus C would give B's mean. Secondary suppression withholds the
    // smallest shown cell, ties going to the later: C.
    let learning_cell = |name: &str| {
        *seg(name).foundations.iter().find(|f| f.foundation == Foundation::SharedLearning).unwrap()
    };
    assert!(learning_cell("C").suppressed);
    assert_eq!((learning_cell("C").n, learning_cell("C").mean), (None, None));
    assert!(!learning_cell("A").suppressed);
    // With one segment shown there is no perspective gap.
    let gap = orgs.perspective_gaps.iter().find(|g| g.foundation == Foundation::SharedLearning).unwrap();
    assert_eq!((gap.gap, gap.lowest.as_deref(), gap.highest.as_deref()), (None, None, None));
    // With min_segment 2, B is shown and so is C: its mean is (0 + 100) / 2
    // = 50, between A's 75 and C's 100/3, so the gap is 75 − 100/3 = 125/3.
    let r2 = report_with(&team, ScoringOptions { min_segment: 2, ..ScoringOptions::default() });
    let b = r2.segments.by_organisation.segments.iter().find(|s| s.segment == "B").unwrap();
    assert!(!b.suppressed);
    assert_eq!(b.respondents, Some(2));
    let gap = r2
        .segments
        .by_organisation
        .perspective_gaps
        .iter()
        .find(|g| g.foundation == Foundation::SharedLearning);
    assert!(close(gap.unwrap().gap, 125.0 / 3.0));
}

#[test]
fn voice_gap() {
    // Holders (3): power to answered 5 → 100 each. Others (5): answered 3 →
    // 50 each. Voice gap = 100 − 50 = 50.
    let team = team();
    let r = report(&team);
    assert!(close(r.power.as_ref().unwrap().holders.mean, 100.0));
    assert_eq!(r.power.as_ref().unwrap().holders.respondents, Some(3));
    assert!(close(r.power.as_ref().unwrap().others.mean, 50.0));
    assert_eq!(r.power.as_ref().unwrap().others.n, Some(5));
    assert!(close(r.power.as_ref().unwrap().voice_gap, 50.0));
    // Overall power: (3 × 100 + 5 × 50) / 8 = 68.75.
    assert!(close(r.power.as_ref().unwrap().summary.mean, 68.75));
    // With only two holders, that side is suppressed and there is no gap.
    let r = report(&team[1..]);
    assert!(r.power.as_ref().unwrap().holders.suppressed);
    assert_eq!(r.power.as_ref().unwrap().holders.mean, None);
    assert_eq!(r.power.as_ref().unwrap().voice_gap, None);
}

#[test]
fn misconception_shares() {
    // everyone-is-equal answered 4, 5, 3, 2, 1: held (≥ 4) by 2 of 5 = 0.4.
    let r = report(
        &[4, 5, 3, 2, 1]
            .iter()
            .enumerate()
            .map(|(n, &v)| respond(&format!("m{n}"), &[("misconception.everyone-is-equal", v)]))
            .collect::<Vec<_>>(),
    );
    let m = r.misconceptions.iter().find(|m| m.misconception == Misconception::EveryoneIsEqual).unwrap();
    assert_eq!((m.answered, m.held), (5, Some(2)));
    assert!(close(m.share, 0.4));
    // Unanswered misconceptions are answered by fewer than 3, so their
    // count held and share are withheld.
    let other =
        r.misconceptions.iter().find(|m| m.misconception == Misconception::EveryoneDoesEverything).unwrap();
    assert_eq!((other.answered, other.held, other.share, other.suppressed), (0, None, None, true));
    assert_eq!(r.misconceptions.len(), 7);
}

#[test]
fn spectrum_counts_and_mean_gap() {
    // (current, needed): (3, 6), (4, 5), (2, 2) and one current-only 5.
    // Gaps 3, 1, 0 over 3 respondents → mean 4/3.
    let r = report(&[
        respond("s1", &[("spectrum.current", 3), ("spectrum.needed", 6)]),
        respond("s2", &[("spectrum.current", 4), ("spectrum.needed", 5)]),
        respond("s3", &[("spectrum.current", 2), ("spectrum.needed", 2)]),
        respond("s4", &[("spectrum.current", 5)]),
    ]);
    assert_eq!(r.spectrum.as_ref().unwrap().answered_both, 3);
    assert!(close(r.spectrum.as_ref().unwrap().mean_gap, 4.0 / 3.0));
    let current: Vec<u64> = r.spectrum.as_ref().unwrap().current.iter().map(|c| c.count).collect();
    assert_eq!(current, [0, 1, 1, 1, 1, 0, 0]);
    let needed: Vec<u64> = r.spectrum.as_ref().unwrap().needed.iter().map(|c| c.count).collect();
    assert_eq!(needed, [0, 1, 0, 0, 1, 1, 0]);
}

#[test]
fn priorities_lowest_mean_first_ties_in_guide_order() {
    // Mindset and infrastructure both 50 (answers 3, 3), learning 25, vision 75.
    let r = formulas(&[respond(
        "p",
        &[
            ("collaborative-mindset.1", 3),
            ("collaborative-mindset.2", 3),
            ("collaborative-infrastructure.1", 3),
            ("collaborative-infrastructure.2", 3),
            ("shared-learning.1", 2),
            ("shared-learning.2", 2),
            ("shared-vision-and-purpose.1", 4),
            ("shared-vision-and-purpose.2", 4),
        ],
    )]);
    let order: Vec<Foundation> = r.priorities.iter().map(|p| p.foundation).collect();
    assert_eq!(
        order,
        [
            Foundation::SharedLearning,
            Foundation::CollaborativeMindset,
            Foundation::CollaborativeInfrastructure,
            Foundation::SharedVisionAndPurpose
        ]
    );
    assert_eq!(r.priorities[0].band, Band::Priority);
}

#[test]
fn duplicates_are_rejected_and_nothing_is_counted() {
    let mut group = Aggregator::new(Instrument::builtin());
    group.add(&respond("x", &[("shared-learning.1", 4)])).unwrap();
    let err = group.add(&respond("x", &[("shared-learning.1", 1)])).unwrap_err();
    assert_eq!(err.to_string(), "respondent `x` appears more than once");
    assert_eq!(group.respondents(), 1);
    // A bad response is not counted either.
    assert!(group.add(&respond("y", &[("shared-learning.1", 9)])).is_err());
    assert_eq!(group.respondents(), 1);
    assert_eq!(group.contains("y"), Some(false));
    assert_eq!(group.contains("x"), Some(true));
}

#[test]
fn merging_shared_respondents_is_an_error() {
    // Parts that share a fingerprint key catch a shared respondent
    // (tests/test_state.rs has the case of different keys).
    let key = collaboration::report::FingerprintKey::random();
    let options = ScoringOptions::default();
    let mut a = Aggregator::with_key(Instrument::builtin(), options, key);
    let mut b = Aggregator::with_key(Instrument::builtin(), options, key);
    a.add(&respond("x", &[])).unwrap();
    b.add(&respond("x", &[])).unwrap();
    b.add(&respond("y", &[])).unwrap();
    let err = a.merge(&b).unwrap_err();
    assert_eq!(err, collaboration::report::AggregateError::SharedRespondents { count: 1 });
    assert_eq!(err.to_string(), "the aggregates share 1 respondent(s)");
    assert_eq!(a.respondents(), 1);
}

#[test]
fn comparison_of_two_reports() {
    // Earlier: learning 50 (3s, developing); later: 75 (4s, strength).
    let earlier = report(&learning(&[3, 3, 3]));
    let later = report(&learning(&[4, 4, 4]));
    let c = Comparison::of_reports(&earlier, &later).unwrap();
    let l = c.foundations.iter().find(|f| f.foundation == Foundation::SharedLearning).unwrap().change;
    assert!(close(l.change, 25.0));
    assert_eq!((l.earlier_band, l.later_band), (Some(Band::Developing), Some(Band::Strength)));
    assert!(l.moved);
    assert_eq!(c.moved_band, [Foundation::SharedLearning]);
    // Only learning is scored, 1 of 6 foundations: no overall either time.
    assert_eq!(c.overall.change, None);
    assert!(c.to_string().contains("Moved band: Shared learning."));
}

#[test]
fn report_json_has_nulls_never_nan_and_reads_back() {
    let r = report(&learning(&[4]));
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("NaN"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(json["foundations"][0]["mean"].is_null());
    assert!(json["foundations"][4]["sd"].is_null());
    assert_eq!(json["foundations"][4]["n"], 1);
    assert!(json["power"]["voice_gap"].is_null());
    assert_eq!(serde_json::from_str::<GroupReport>(&text).unwrap(), r);
}
