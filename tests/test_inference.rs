//! The statistics of issue 16 against an independent implementation in R
//! (`tests/r/check.R`: `psych::alpha`, `aov`, `multilevel::ICC1/ICC2`,
//! `t.test(var.equal = FALSE)`, `qt`), whose output on the sample team is
//! committed as `tests/r/expected.json`; and hand-worked cases for every
//! formula and null.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::float_cmp)] // exact expectations are exact

mod util;
use util::close;

use collaboration::report::ChangeTest;
use collaboration::{Aggregator, BatchOptions, Comparison, GroupReport, Instrument, Respondent, Response};
use serde_json::Value;

/// 1e-9, the contract, relative to the size of the figure where it is large
/// (an F of 14 or a t of 8), absolute below 1.
fn near(found: Option<f64>, expected: &Value, what: &str) {
    match (found, expected.as_f64()) {
        (None, None) => {}
        (Some(f), Some(e)) => {
            assert!((f - e).abs() <= 1e-9 * e.abs().max(1.0), "{what}: {f} against R's {e}");
        }
        _ => panic!("{what}: {found:?} against R's {expected}"),
    }
}

fn near_pair(found: Option<[f64; 2]>, expected: &Value, what: &str) {
    match found {
        None => assert!(expected.is_null(), "{what}: null against R's {expected}"),
        Some([lo, hi]) => {
            near(Some(lo), &expected[0], what);
            near(Some(hi), &expected[1], what);
        }
    }
}

fn expected() -> Value {
    serde_json::from_str(include_str!("r/expected.json")).unwrap()
}

fn report(batch: &str) -> GroupReport {
    collaboration::score_batch(batch.as_bytes(), Instrument::builtin(), &BatchOptions::default())
        .unwrap()
        .report
}

fn team() -> GroupReport {
    report(include_str!("../examples/data/team.jsonl"))
}

#[test]
fn foundations_overall_and_reliability_agree_with_r() {
    let r = expected();
    let report = team();
    for (found, e) in report.foundations.iter().zip(r["foundations"].as_array().unwrap()) {
        let name = e["foundation"].as_str().unwrap();
        assert_eq!(found.foundation.to_string(), name);
        assert_eq!(found.summary.n, e["n"].as_u64().unwrap(), "{name}");
        near(found.summary.mean, &e["mean"], &format!("{name} mean"));
        near(found.summary.sd, &e["sd"], &format!("{name} sd"));
        near_pair(found.ci95, &e["ci95"], &format!("{name} ci95"));
        let reliability = found.reliability.as_ref().unwrap();
        assert_eq!(reliability.complete, e["reliability"]["complete"].as_u64().unwrap(), "{name}");
        near(reliability.alpha, &e["reliability"]["alpha"], &format!("{name} alpha"));
        let dropped = e["reliability"]["alpha_if_dropped"].as_array().unwrap();
        assert_eq!(reliability.alpha_if_dropped.len(), dropped.len());
        for (item, e) in reliability.alpha_if_dropped.iter().zip(dropped) {
            assert_eq!(item.item, e["item"].as_str().unwrap());
            near(item.alpha, &e["alpha"], &format!("{name} alpha without {}", item.item));
        }
    }
    let overall = &r["overall"];
    assert_eq!(report.overall.summary.n, overall["n"].as_u64().unwrap());
    near(report.overall.summary.mean, &overall["mean"], "overall mean");
    near(report.overall.summary.sd, &overall["sd"], "overall sd");
    near_pair(report.overall.ci95, &overall["ci95"], "overall ci95");
}

#[test]
fn organisations_differ_as_r_says() {
    let r = expected();
    let report = team();
    let differences = &report.segments.by_organisation.differences;
    let expected = r["differences"].as_array().unwrap();
    assert_eq!(differences.len(), expected.len());
    for (d, e) in differences.iter().zip(expected) {
        let name = e["foundation"].as_str().unwrap();
        assert_eq!(d.foundation.to_string(), name);
        assert_eq!(d.groups, e["groups"].as_u64().unwrap(), "{name}");
        assert_eq!(d.df_between, e["df_between"].as_u64().unwrap(), "{name}");
        assert_eq!(d.df_within, e["df_within"].as_u64().unwrap(), "{name}");
        near(d.f, &e["f"], &format!("{name} F"));
        near(d.p, &e["p"], &format!("{name} p"));
        near(d.eta_squared, &e["eta_squared"], &format!("{name} eta²"));
        near(d.icc1, &e["icc1"], &format!("{name} ICC1"));
        near(d.icc2, &e["icc2"], &format!("{name} ICC2"));
    }
    // Roles overlap and the power divide has its own test.
    assert!(report.segments.by_role.differences.is_empty());
    assert!(report.segments.by_power.differences.is_empty());
}

#[test]
fn the_voice_gap_test_agrees_with_r() {
    let r = expected();
    let test = team().power.unwrap().voice_gap_test.unwrap();
    let e = &r["voice_gap_test"];
    near(test.t, &e["t"], "t");
    near(test.df, &e["df"], "df");
    near(test.p, &e["p"], "p");
    near_pair(test.ci95, &e["ci95"], "ci95");
    near(test.cohens_d, &e["cohens_d"], "d");
}

#[test]
fn change_between_waves_agrees_with_r() {
    let r = expected();
    let later = report(include_str!("r/later.jsonl"));
    let comparison = Comparison::of_reports(&team(), &later).unwrap();
    let check = |test: Option<ChangeTest>, e: &Value, name: &str| {
        let test = test.unwrap();
        near(test.t, &e["t"], &format!("{name} t"));
        near(test.df, &e["df"], &format!("{name} df"));
        near(test.p, &e["p"], &format!("{name} p"));
        near_pair(test.ci95, &e["ci95"], &format!("{name} ci95"));
        near(test.cohens_d, &e["cohens_d"], &format!("{name} d"));
        assert_eq!(test.significant, e["significant"].as_bool(), "{name}");
    };
    for (change, e) in comparison.foundations.iter().zip(r["change"]["foundations"].as_array().unwrap()) {
        let name = e["foundation"].as_str().unwrap();
        assert_eq!(change.foundation.to_string(), name);
        near(change.change.change, &e["change"], &format!("{name} change"));
        check(change.change.test, e, name);
    }
    check(comparison.overall.test, &r["change"]["overall"], "overall");
}

#[test]
fn item_distributions_agree_with_r() {
    let r = expected();
    let report = team();
    let expected = r["items"].as_array().unwrap();
    assert_eq!(report.items.len(), expected.len());
    for (item, e) in report.items.iter().zip(expected) {
        assert_eq!(item.item, e["item"].as_str().unwrap());
        let counts: Vec<u64> = e["counts"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).collect();
        assert!(!item.suppressed, "{}", item.item);
        assert_eq!(item.counts, counts, "{}", item.item);
        assert_eq!(item.not_applicable, e["not_applicable"].as_u64().unwrap(), "{}", item.item);
        assert_eq!(item.missing, e["missing"].as_u64().unwrap(), "{}", item.item);
    }
}

// ---- hand-worked cases ----

fn respond(id: &str, answers: &[(&str, u8)]) -> Response {
    answers
        .iter()
        .fold(Response::new(Instrument::builtin().id(), Respondent::new(id).unwrap()), |r, (item, v)| {
            r.with_answer(*item, *v)
        })
}

fn group(responses: &[Response]) -> GroupReport {
    let mut agg = Aggregator::new(Instrument::builtin());
    for r in responses {
        agg.add(r).unwrap();
    }
    agg.report()
}

#[test]
fn alpha_and_the_interval_by_hand() {
    // Three respondents on shared learning's three items (keyed = raw):
    //   a: 1 2 2   (sum 5)     b: 2 3 3   (sum 8)     c: 3 4 5   (sum 12)
    // Item variances: item 1 {1,2,3} = 1; item 2 {2,3,4} = 1; item 3
    // {2,3,5}: mean 10/3, squares (16+1+25)/9 = 42/9, so 42/18 = 7/3.
    // Sum X {5,8,12}: mean 25/3, deviations −10/3, −1/3, 11/3: squares
    // (100+1+121)/9 = 222/9, variance 111/9 = 37/3.
    // alpha = 3/2 · (1 − (1 + 1 + 7/3)/(37/3)) = 3/2 · (1 − 13/37) = 36/37.
    // Without item 3: items 1, 2 (sums 3, 5, 7: variance 4):
    //   2 · (1 − 2/4) = 1.
    // Without item 1: items 2, 3 (sums 4, 6, 9: mean 19/3, squares
    //   (49+1+64)/9 = 114/9, variance 57/9 = 19/3): 2 · (1 − (1 + 7/3)/(19/3)) = 2 · 9/19 = 18/19.
    let responses = [
        respond("a", &[("shared-learning.1", 1), ("shared-learning.2", 2), ("shared-learning.3", 2)]),
        respond("b", &[("shared-learning.1", 2), ("shared-learning.2", 3), ("shared-learning.3", 3)]),
        respond("c", &[("shared-learning.1", 3), ("shared-learning.2", 4), ("shared-learning.3", 5)]),
    ];
    let report = group(&responses);
    let learning = report.foundation(collaboration::Foundation::SharedLearning).unwrap();
    let reliability = learning.reliability.as_ref().unwrap();
    assert_eq!(reliability.complete, 3);
    assert!(close(reliability.alpha, 36.0 / 37.0));
    assert!(close(reliability.alpha_if_dropped[2].alpha, 1.0));
    assert!(close(reliability.alpha_if_dropped[0].alpha, 18.0 / 19.0));
    // Scores: (sum − 3) / 12 · 100 = 16.67, 41.67, 75: mean 133.33/3, and
    // the interval is mean ± t(0.975, 2) · sd / √3 with t = 4.302652729749464
    // (R: qt(0.975, 2)).
    let (mean, sd) = (learning.summary.mean.unwrap(), learning.summary.sd.unwrap());
    let half = 4.302_652_729_749_464 * sd / 3f64.sqrt();
    let [lo, hi] = learning.ci95.unwrap();
    assert!(close(Some(lo), mean - half) && close(Some(hi), mean + half), "{lo} {hi}");
    // A foundation no one answered: no interval, no alpha.
    let trust = report.foundation(collaboration::Foundation::HealthyTrustingRelationships).unwrap();
    assert_eq!(trust.ci95, None);
    assert_eq!(trust.reliability.as_ref().unwrap().alpha, None);
}

#[test]
fn nulls_where_a_formula_is_undefined() {
    // All three give the same answers: the sum does not vary, so alpha is
    // null; the sd is 0, so the interval is [mean, mean].
    let same: Vec<Response> = ["a", "b", "c"]
        .iter()
        .map(|id| {
            respond(id, &[("shared-learning.1", 3), ("shared-learning.2", 3), ("shared-learning.3", 3)])
        })
        .collect();
    let report = group(&same);
    let learning = report.foundation(collaboration::Foundation::SharedLearning).unwrap();
    assert_eq!(learning.reliability.as_ref().unwrap().alpha, None);
    assert_eq!(learning.ci95, Some([50.0, 50.0]));
    // Two respondents, under min_segment 3: the report is suppressed, and
    // every new figure with it.
    let report = group(&same[..2]);
    assert!(report.suppressed);
    assert!(report.items.is_empty());
    let learning = report.foundation(collaboration::Foundation::SharedLearning).unwrap();
    assert_eq!(learning.ci95, None);
    assert_eq!(learning.reliability.as_ref().unwrap().alpha, None);
    assert!(learning.reliability.as_ref().unwrap().alpha_if_dropped.is_empty());
    // No organisation: no differences; no power side: no voice gap test.
    assert!(group(&same).segments.by_organisation.differences.is_empty());
    assert_eq!(group(&same).power.unwrap().voice_gap_test, None);
}

#[test]
fn welch_by_hand() {
    let wave = |values: &[u8], wave: &str| -> GroupReport {
        let responses: Vec<Response> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                // Shared learning, all three items at v: score (3v − 3)/12 · 100.
                respond(
                    &format!("{wave}{i}"),
                    &[("shared-learning.1", v), ("shared-learning.2", v), ("shared-learning.3", v)],
                )
            })
            .collect();
        group(&responses)
    };
    // Values 1..3 give scores 0, 25, 50; 2..4 give 25, 50, 75: a change of
    // 25, variances 625 each: se = √(625/3 · 2), t = 25/se = 1.224744871391589;
    // df = (2·625/3)² / (2 · (625/3)²/2) = 4; the pooled sd is 25, so d = 1.
    let (earlier, later) = (wave(&[1, 2, 3], "e"), wave(&[2, 3, 4], "l"));
    let comparison = Comparison::of_reports(&earlier, &later).unwrap();
    let learning = comparison
        .foundations
        .iter()
        .find(|f| f.foundation == collaboration::Foundation::SharedLearning)
        .unwrap();
    let test = learning.change.test.unwrap();
    assert!(close(test.t, 1.224_744_871_391_589));
    assert!(close(test.df, 4.0));
    assert!(close(test.cohens_d, 1.0));
    // R: 2*pt(-1.224744871391589, 4) = 0.2878641347
    assert!((test.p.unwrap() - 0.287_864_134_7).abs() < 1e-9);
    assert_eq!(test.significant, Some(false));
    // Scorecards carry no test.
    let hc = Instrument::builtin();
    let card = hc.score(&respond("x", &[("shared-learning.1", 3)])).unwrap();
    assert_eq!(Comparison::of_scorecards(&card, &card).unwrap().overall.test, None);
}

#[test]
fn item_answers_are_withheld_with_their_figure() {
    // Four respondents (min_segment 3). All answer collaborative mindset's
    // three items. Shared learning: a, b and c answer item 1, but only a and
    // b also answer item 2, so two are scored (the coverage rule needs 2 of
    // 3 items) and the foundation is withheld. Item 1 has 3 answers, yet
    // showing them would let its foundation's two scores be worked out with
    // item 2's, so both are withheld; item 2 has 2 answers anyway.
    let mindset =
        [("collaborative-mindset.1", 4), ("collaborative-mindset.2", 4), ("collaborative-mindset.3", 3)];
    let with = |extra: &[(&'static str, u8)]| -> Vec<(&'static str, u8)> {
        mindset.iter().chain(extra).copied().collect()
    };
    let responses = [
        respond("a", &with(&[("shared-learning.1", 5), ("shared-learning.2", 5)])),
        respond("b", &with(&[("shared-learning.1", 1), ("shared-learning.2", 2)])),
        respond("c", &with(&[("shared-learning.1", 3)])),
        respond("d", &with(&[])),
    ];
    let report = group(&responses);
    assert!(!report.suppressed);
    let learning = report.foundation(collaboration::Foundation::SharedLearning).unwrap();
    assert!(learning.suppressed);
    let item = |id: &str| report.items.iter().find(|i| i.item == id).unwrap();
    for id in ["shared-learning.1", "shared-learning.2"] {
        assert!(item(id).suppressed, "{id}");
        assert!(item(id).counts.is_empty(), "{id}");
    }
    // Counts of people stay: 4 − 3 answered item 1.
    assert_eq!(item("shared-learning.1").missing, 1);
    // Mindset is shown, and so are its items: item 1 has four 4s.
    assert!(!item("collaborative-mindset.1").suppressed);
    assert_eq!(item("collaborative-mindset.1").counts, [0, 0, 0, 4, 0]);
    // A misconception answered by no one: withheld (0 answers, like its
    // prevalence).
    assert!(item("misconception.everyone-is-equal").suppressed);
}
