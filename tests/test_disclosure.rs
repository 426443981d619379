//! Disclosure control (`docs/scoring.md#disclosure-control`): no figure a
//! report shows can be combined with the others to give the mean of fewer
//! than `min_segment` people.
//!
//! Expectations are worked by hand from the rules; the property test at the
//! end plays an attacker written independently of the crate: it knows who is
//! in which segment, takes every sum the report shows, and asks linear
//! algebra whether any set of 1 to k − 1 people lies in their span.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::cast_precision_loss)] // counts of at most 30 people

mod util;

use util::close;

#[cfg(feature = "html")]
use collaboration::HtmlReport;
use collaboration::{
    Aggregator, Answer, Comparison, Foundation, GroupReport, Instrument, PowerSource, Respondent, Response,
    Role, ScoringOptions,
};
use proptest::prelude::*;

fn report_with(responses: &[Response], min_segment: usize) -> GroupReport {
    let options = ScoringOptions { min_segment, ..ScoringOptions::default() };
    let mut group = Aggregator::with_options(Instrument::builtin(), options);
    for r in responses {
        group.add(r).unwrap();
    }
    group.report()
}

fn with_answers(mut response: Response, answers: &[(&str, u8)]) -> Response {
    for &(item, v) in answers {
        response = response.with_answer(item, v);
    }
    response
}

/// Every item of a foundation answered `v`.
fn foundation(f: Foundation, v: u8) -> Vec<(String, u8)> {
    f.reflection_questions().iter().map(|q| (q.id.id().to_owned(), v)).collect()
}

/// The case: seven respondents, two holding positional power.
/// Holders answer power to 3 (50), with 3 (50), within 2 (25), over 4
/// (reversed: 2, 25): power score (50 + 50 + 25 + 25) / 4 = 37.5. The five
/// others answer 4, 4, 4 and over 3 (reversed 3, 50): (75·3 + 50) / 4 =
/// 68.75. The group: (2 × 37.5 + 5 × 68.75) / 7 = 418.75 / 7 = 59.82…
/// Trust: holders 1 (0), others 5 (100).
fn seven() -> Vec<Response> {
    let power = |to, with, within, over| {
        [
            ("power.power-to", to),
            ("power.power-with", with),
            ("power.power-within", within),
            ("power.power-over", over),
        ]
    };
    (0..7)
        .map(|i| {
            let holder = i < 2;
            let mut respondent = Respondent::new(format!("p{i}")).unwrap();
            if holder {
                respondent = respondent.with_power_source(PowerSource::Positional);
            }
            let r = Response::new("collaboration-health-check", respondent);
            let r = with_answers(r, &if holder { power(3, 3, 2, 4) } else { power(4, 4, 4, 3) });
            let trust = foundation(Foundation::HealthyTrustingRelationships, if holder { 1 } else { 5 });
            trust.iter().fold(r, |r, (item, v)| r.with_answer(item.as_str(), *v))
        })
        .collect()
}

#[test]
fn the_seven_respondent_case_reveals_nothing_about_the_two_holders() {
    let responses = seven();
    let r = report_with(&responses, 3);
    // The whole group's power figure (n = 7 ≥ 3) is shown.
    assert!(close(r.power.as_ref().unwrap().summary.mean, 418.75 / 7.0));
    assert_eq!(r.power.as_ref().unwrap().summary.n, 7);
    // Holders: 2 < 3, primary. Others: 7 − 5 = 2 < 3, the complement rule.
    assert!(r.power.as_ref().unwrap().holders.suppressed && r.power.as_ref().unwrap().others.suppressed);
    assert_eq!(
        (
            r.power.as_ref().unwrap().holders.mean,
            r.power.as_ref().unwrap().others.mean,
            r.power.as_ref().unwrap().others.n
        ),
        (None, None, None)
    );
    assert_eq!(r.power.as_ref().unwrap().voice_gap, None);
    // The same on trust, by structural power: holds-none has 5 of 7.
    let by_power = &r.segments.by_power.segments;
    let none = by_power.iter().find(|s| s.segment == "holds-none").unwrap();
    let holders = by_power.iter().find(|s| s.segment == "holds-structural-power").unwrap();
    assert!(holders.suppressed);
    let trust =
        none.foundations.iter().find(|f| f.foundation == Foundation::HealthyTrustingRelationships).unwrap();
    assert!(trust.suppressed);
    assert_eq!((trust.n, trust.mean), (None, None));
    // Nothing anywhere shows the others' means (68.75 power, 100 trust) or
    // the holders' (37.5 power, 0 trust) as a mean.
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    for side in ["holders", "others"] {
        assert!(json["power"][side]["mean"].is_null(), "{side}");
    }
    for segment in json["segments"]["by_power"]["segments"].as_array().unwrap() {
        for cell in segment["foundations"].as_array().unwrap() {
            assert!(cell["mean"].is_null(), "{cell}");
        }
    }
    #[cfg_attr(not(feature = "html"), allow(unused_mut))]
    let mut texts = vec![r.to_string()];
    #[cfg(feature = "html")]
    texts.push(HtmlReport::new(&r).to_html());
    for text in &texts {
        assert!(!text.contains("68.8") && !text.contains("68.75"), "the others' power mean is shown");
        assert!(!text.contains("37.5"), "the holders' power mean is shown");
        assert!(!text.contains("Voice gap: "), "a voice gap is shown");
    }
}

#[test]
fn rule_1_a_group_below_k_shows_counts_only() {
    // Two respondents, k = 3: the report is suppressed.
    let responses = &seven()[..2];
    let r = report_with(responses, 3);
    assert!(r.suppressed);
    assert!(r.suppressed_reason.as_deref().unwrap().contains("2 respondent(s), fewer than the 3"));
    let trust = r.foundation(Foundation::HealthyTrustingRelationships).unwrap();
    assert!(trust.suppressed);
    assert_eq!(trust.summary.n, 2);
    assert_eq!(
        (trust.summary.mean, trust.summary.min, trust.band, trust.rwg, trust.ad),
        (None, None, None, None, None)
    );
    assert!(r.priorities.is_empty());
    assert!(r.power.as_ref().unwrap().suppressed && r.power.as_ref().unwrap().summary.mean.is_none());
    assert!(r.spectrum.as_ref().unwrap().suppressed && r.spectrum.as_ref().unwrap().current.is_empty());
    assert!(r.misconceptions.iter().all(|m| m.held.is_none() && m.share.is_none()));
    #[cfg(feature = "html")]
    {
        let html = HtmlReport::new(&r).to_html();
        assert!(html.contains("Too few respondents to show"));
        assert!(!html.contains("<svg"), "a suppressed report draws no radar");
    }
    assert!(r.to_string().contains("**Suppressed:**"));
}

#[test]
fn rule_2_a_figure_with_n_below_k_keeps_only_n() {
    // Five respondents; only two answer shared learning (4 and 4, 75 each),
    // the rest n/a on both items. Learning: n = 2 < 3, withheld.
    let responses: Vec<Response> = (0..5)
        .map(|i| {
            let r = Response::new("collaboration-health-check", Respondent::new(format!("l{i}")).unwrap());
            let v = if i < 2 { Answer::Value(4) } else { Answer::NotApplicable };
            r.with_answer("shared-learning.1", v)
                .with_answer("shared-learning.2", v)
                .with_answer("collaborative-mindset.1", 3)
                .with_answer("collaborative-mindset.2", 3)
        })
        .collect();
    let r = report_with(&responses, 3);
    assert!(!r.suppressed);
    let learning = r.foundation(Foundation::SharedLearning).unwrap();
    assert!(learning.suppressed);
    assert_eq!(learning.summary.n, 2);
    assert_eq!((learning.summary.mean, learning.summary.median, learning.band), (None, None, None));
    // Mindset: 5 answered 3 → 50 each, shown.
    let mindset = r.foundation(Foundation::CollaborativeMindset).unwrap();
    assert!(!mindset.suppressed && close(mindset.summary.mean, 50.0));
    assert_eq!(
        r.priorities.iter().map(|p| p.foundation).collect::<Vec<_>>(),
        [Foundation::CollaborativeMindset]
    );
    // A comparison over time sees the withheld mean as not there.
    let change = Comparison::of_reports(&r, &r).unwrap();
    let l = change.foundations.iter().find(|c| c.foundation == Foundation::SharedLearning).unwrap();
    assert_eq!((l.change.earlier, l.change.later, l.change.change), (None, None, None));
}

/// `n` respondents in organisation `org`, each answering every learning
/// item `v`.
fn members(org: Option<&str>, prefix: &str, n: usize, v: u8) -> Vec<Response> {
    (0..n)
        .map(|i| {
            let mut respondent = Respondent::new(format!("{prefix}{i}")).unwrap();
            if let Some(org) = org {
                respondent = respondent.with_organisation(org);
            }
            let r = Response::new("collaboration-health-check", respondent);
            r.with_answer("shared-learning.1", v).with_answer("shared-learning.2", v)
        })
        .collect()
}

fn learning_cell(r: &GroupReport, grouping: &str, segment: &str) -> Option<(Option<u64>, Option<f64>)> {
    let g = match grouping {
        "role" => &r.segments.by_role,
        "organisation" => &r.segments.by_organisation,
        _ => &r.segments.by_power,
    };
    let s = g.segments.iter().find(|s| s.segment == segment)?;
    let cell = s.foundations.iter().find(|f| f.foundation == Foundation::SharedLearning)?;
    Some((cell.n, cell.mean))
}

#[test]
fn rules_3_and_5_the_rest_must_be_none_or_at_least_k() {
    // Orgs A (4, answering 5 → 100) and B (4, answering 3 → 50), and two
    // people with no organisation. N = 10, cells 4 and 4: rules 3 and 4 pass
    // (10 − 4 = 6), but 2 respondents would be in no shown cell and
    // 10·mean − 4·100 − 4·50 would give their sum. Rule 5 withholds the
    // smaller cell; A and B tie at 4, so the later, B. Then 6 are outside.
    let mut responses = members(Some("A"), "a", 4, 5);
    responses.extend(members(Some("B"), "b", 4, 3));
    responses.extend(members(None, "x", 2, 1));
    let r = report_with(&responses, 3);
    assert_eq!(learning_cell(&r, "organisation", "A"), Some((Some(4), Some(100.0))));
    assert_eq!(learning_cell(&r, "organisation", "B"), Some((None, None)));
    // A third person without an organisation: 3 outside, both shown.
    responses.extend(members(None, "y", 1, 1));
    let r = report_with(&responses, 3);
    assert_eq!(learning_cell(&r, "organisation", "B"), Some((Some(4), Some(50.0))));
    // And a perspective gap of 100 − 50 = 50 between them.
    let gap = r
        .segments
        .by_organisation
        .perspective_gaps
        .iter()
        .find(|g| g.foundation == Foundation::SharedLearning);
    assert!(close(gap.unwrap().gap, 50.0));
}

#[test]
fn rule_3_primary_and_rule_4_the_complement() {
    // A has 2 (primary: withheld, head count too); B has 5 of N = 7, so
    // 7 − 5 = 2 and B is withheld by the complement rule; its head count
    // (5 ≥ 3) stays.
    let mut responses = members(Some("A"), "a", 2, 5);
    responses.extend(members(Some("B"), "b", 5, 3));
    let r = report_with(&responses, 3);
    let b = r.segments.by_organisation.segments.iter().find(|s| s.segment == "B").unwrap();
    assert!(!b.suppressed && b.respondents == Some(5));
    assert_eq!(learning_cell(&r, "organisation", "B"), Some((None, None)));
    let a = r.segments.by_organisation.segments.iter().find(|s| s.segment == "A").unwrap();
    assert!(a.suppressed && a.respondents.is_none() && a.foundations.is_empty());
    // With k = 2 both are shown: 7 − 5 = 2 ≥ 2 and 7 − 2 = 5.
    let r = report_with(&responses, 2);
    assert_eq!(learning_cell(&r, "organisation", "B"), Some((Some(5), Some(50.0))));
    assert_eq!(learning_cell(&r, "organisation", "A"), Some((Some(2), Some(100.0))));
}

/// `n` respondents with these roles, each answering every learning item `v`.
fn playing(roles: &[Role], prefix: &str, n: usize, v: u8) -> Vec<Response> {
    (0..n)
        .map(|i| {
            let respondent = roles
                .iter()
                .fold(Respondent::new(format!("{prefix}{i}")).unwrap(), |r, &role| r.with_role(role));
            let r = Response::new("collaboration-health-check", respondent);
            r.with_answer("shared-learning.1", v).with_answer("shared-learning.2", v)
        })
        .collect()
}

#[test]
fn rule_6_overlapping_roles_cannot_be_subtracted_to_one_person() {
    // Leaders only: 5 (answer 4 → 75); stewards only: 4 (answer 2 → 25);
    // one person both (answer 1 → 0); no one else. N = 10, leaders 6,
    // stewards 5: rules 3–5 pass (complements 4 and 5; no one in no cell),
    // but leaders + stewards − all = the one in both:
    // 6·62.5 + 5·20 − 10·47.5 = 375 + 100 − 475 = 0, their score. The audit
    // withholds the smaller cell, stewards.
    use Role::{SystemLeader as L, SystemSteward as S};
    let mut responses = playing(&[L], "l", 5, 4);
    responses.extend(playing(&[S], "s", 4, 2));
    responses.extend(playing(&[L, S], "b", 1, 1));
    let r = report_with(&responses, 3);
    // Leaders: (5 × 75 + 0) / 6 = 62.5.
    assert_eq!(learning_cell(&r, "role", "system-leader"), Some((Some(6), Some(62.5))));
    assert_eq!(learning_cell(&r, "role", "system-steward"), Some((None, None)));
    // Three more with no role: then leaders + stewards − all is no longer
    // anyone's sum, and both roles show. Stewards: (4 × 25 + 0) / 5 = 20.
    responses.extend(playing(&[], "n", 3, 3));
    let r = report_with(&responses, 3);
    assert_eq!(learning_cell(&r, "role", "system-steward"), Some((Some(5), Some(20.0))));
}

#[test]
fn the_sample_team_still_shows_every_segment() {
    // The sample: four organisations of 4, 4, 3 and 4; roles of 4 each with
    // one person leading and stewarding and four with no role; 9 holders of
    // structural power and 6 without. Every cell has at least 3, every rest
    // at least 3, and no combination isolates the one with two roles (the
    // four without a role stand between), so nothing beyond primary
    // suppression is withheld, and primary withholds nothing at k = 3.
    let team = include_str!("../examples/data/team.jsonl");
    let r = collaboration::score_batch(
        team.as_bytes(),
        Instrument::builtin(),
        &collaboration::BatchOptions::default(),
    )
    .unwrap()
    .report;
    for g in [&r.segments.by_role, &r.segments.by_organisation, &r.segments.by_power] {
        for s in &g.segments {
            assert!(!s.suppressed, "{}", s.segment);
            assert!(s.foundations.iter().all(|f| !f.suppressed), "{}", s.segment);
        }
    }
    // The README's voice gap, computed here from each respondent's own
    // scorecard, not from the report: holders' mean power minus the others'.
    let hc = Instrument::builtin();
    let (mut holders, mut others) = (Vec::new(), Vec::new());
    for line in team.lines() {
        let response = hc.parse_response(line).unwrap();
        let score = hc.score(&response).unwrap().power.unwrap().score.unwrap();
        if response.respondent.holds_structural_power() { holders.push(score) } else { others.push(score) }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert_eq!((holders.len(), others.len()), (9, 6));
    let gap = mean(&holders) - mean(&others);
    assert!(close(r.power.as_ref().unwrap().voice_gap, gap));
    // And it is the +43.75 the README quotes, to the display's rounding.
    assert_eq!(format!("{gap:+.2}"), "+43.75");
}

// The attacker, independent of the crate.

/// One generated respondent: roles as bits, an organisation, whether they
/// hold structural power, and an answer per foundation item and power item
/// (0 for n/a, or no answer on the power items).
#[derive(Clone, Debug)]
struct Person {
    roles: u8,
    organisation: Option<u8>,
    holds: bool,
    answers: Vec<u8>,
}

fn person() -> impl Strategy<Value = Person> {
    // 18 foundation items and 4 power items; a third of answers n/a, so
    // that foundations' n differ.
    (
        0u8..8,
        prop::option::weighted(0.8, 0u8..4),
        any::<bool>(),
        prop::collection::vec(prop_oneof![1 => Just(0u8), 2 => 1u8..=5], 22),
    )
        .prop_map(|(roles, organisation, holds, answers)| Person { roles, organisation, holds, answers })
}

const ORGS: [&str; 4] = ["North", "South", "East", "West"];
const POWER: [&str; 4] = ["power.power-to", "power.power-with", "power.power-within", "power.power-over"];

fn response(i: usize, p: &Person) -> Response {
    let mut respondent = Respondent::new(format!("r{i}")).unwrap();
    for (bit, role) in Role::iter().enumerate() {
        if p.roles & (1 << bit) != 0 {
            respondent = respondent.with_role(role);
        }
    }
    if let Some(o) = p.organisation {
        respondent = respondent.with_organisation(ORGS[usize::from(o)]);
    }
    if p.holds {
        respondent = respondent.with_power_source(PowerSource::Financial);
    }
    let items = Foundation::iter()
        .flat_map(|f| f.reflection_questions().map(|q| q.id.id().to_owned()))
        .chain(POWER.iter().map(|s| (*s).to_owned()));
    let mut r = Response::new("collaboration-health-check", respondent);
    for (index, (item, &v)) in items.zip(&p.answers).enumerate() {
        // The power items' scale has no n/a: a 0 there leaves the item
        // unanswered.
        match (v, index < 18) {
            (0, true) => r = r.with_answer(item, Answer::NotApplicable),
            (0, false) => {}
            (v, _) => r = r.with_answer(item, Answer::Value(v)),
        }
    }
    r
}

/// The orthogonal projector onto the span of `vectors` (Gram–Schmidt), as a
/// dense matrix.
fn projector(vectors: &[Vec<f64>], n: usize) -> Vec<Vec<f64>> {
    let mut basis: Vec<Vec<f64>> = Vec::new();
    for v in vectors {
        let mut w = v.clone();
        for b in &basis {
            let d: f64 = w.iter().zip(b).map(|(x, y)| x * y).sum();
            for (x, y) in w.iter_mut().zip(b) {
                *x -= d * y;
            }
        }
        let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 1e-7 {
            basis.push(w.iter().map(|x| x / norm).collect());
        }
    }
    let mut p = vec![vec![0.0; n]; n];
    for b in &basis {
        for i in 0..n {
            for j in 0..n {
                p[i][j] += b[i] * b[j];
            }
        }
    }
    p
}

/// Whether some set of 1 to k − 1 of the `n` people has its indicator in the
/// span whose projector is `p`: x ∈ span ⇔ xᵀPx = |x|² for a projector.
fn finds_small_set(p: &[Vec<f64>], n: usize, k: usize) -> Option<Vec<usize>> {
    fn search(p: &[Vec<f64>], n: usize, left: usize, start: usize, set: &mut Vec<usize>) -> bool {
        if !set.is_empty() {
            let quad: f64 = set.iter().map(|&i| set.iter().map(|&j| p[i][j]).sum::<f64>()).sum();
            if (quad - set.len() as f64).abs() < 1e-6 {
                return true;
            }
        }
        if left == 0 {
            return false;
        }
        for i in start..n {
            set.push(i);
            if search(p, n, left - 1, i + 1, set) {
                return true;
            }
            set.pop();
        }
        false
    }
    let mut set = Vec::new();
    search(p, n, k.saturating_sub(1), 0, &mut set).then_some(set)
}

/// The attacker on one figure: `members` are the people counted in it;
/// `whole` whether its whole-group sum is shown; `cells` the shown cells,
/// each as the set of people in it (all people, not only members).
fn attack(members: &[usize], whole: bool, cells: &[Vec<bool>], k: usize) -> Option<Vec<usize>> {
    let n = members.len();
    let mut vectors: Vec<Vec<f64>> = Vec::new();
    if whole {
        vectors.push(vec![1.0; n]);
    }
    for cell in cells {
        vectors.push(members.iter().map(|&m| if cell[m] { 1.0 } else { 0.0 }).collect());
    }
    finds_small_set(&projector(&vectors, n), n, k)
}

/// Every figure the report shows, per grouping, put to the attacker.
fn check_report(people: &[Person], k: usize) -> Result<(), TestCaseError> {
    let responses: Vec<Response> = people.iter().enumerate().map(|(i, p)| response(i, p)).collect();
    let report = report_with(&responses, k);
    let cards: Vec<_> = responses.iter().map(|r| Instrument::builtin().score(r).unwrap()).collect();
    let in_segment = |grouping: usize, name: &str| -> Vec<bool> {
        people
            .iter()
            .map(|p| match grouping {
                0 => Role::iter().enumerate().any(|(bit, r)| r.id() == name && p.roles & (1 << bit) != 0),
                1 => p.organisation.is_some_and(|o| ORGS[usize::from(o)] == name),
                _ => p.holds == (name == "holds-structural-power"),
            })
            .collect()
    };
    let groupings = [&report.segments.by_role, &report.segments.by_organisation, &report.segments.by_power];
    for (g, grouping) in groupings.iter().enumerate() {
        for (fi, f) in Foundation::iter().enumerate() {
            let members: Vec<usize> = (0..people.len())
                .filter(|&i| cards[i].foundation(f).and_then(|s| s.score).is_some())
                .collect();
            let whole = report.foundations[fi].summary.mean.is_some();
            let cells: Vec<Vec<bool>> = grouping
                .segments
                .iter()
                .filter(|s| s.foundations.iter().any(|c| c.foundation == f && c.mean.is_some()))
                .map(|s| in_segment(g, &s.segment))
                .collect();
            if let Some(set) = attack(&members, whole, &cells, k) {
                let who: Vec<usize> = set.iter().map(|&i| members[i]).collect();
                return Err(TestCaseError::fail(format!(
                    "grouping {g}, {f}: the sum of people {who:?} is shown"
                )));
            }
        }
    }
    // The power figure, by the sides of the divide.
    let members: Vec<usize> =
        (0..people.len()).filter(|&i| cards[i].power.as_ref().unwrap().score.is_some()).collect();
    let mut cells = Vec::new();
    for (side, name) in [
        (&report.power.as_ref().unwrap().holders, "holds-structural-power"),
        (&report.power.as_ref().unwrap().others, "holds-none"),
    ] {
        if side.mean.is_some() {
            cells.push(in_segment(2, name));
        }
    }
    if let Some(set) = attack(&members, report.power.as_ref().unwrap().summary.mean.is_some(), &cells, k) {
        return Err(TestCaseError::fail(format!("power: the sum of people {set:?} is shown")));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_set_of_fewer_than_k_can_be_isolated(people in prop::collection::vec(person(), 3..=30), k in 2usize..=4) {
        check_report(&people, k)?;
    }
}

/// Cells that disclosure control withholds though they pass primary
/// suppression (n ≥ k), over many generated groups: the cost of the rules,
/// measured. Printed for the record (`cargo test --test test_disclosure --
/// --nocapture over_suppression`).
#[test]
fn over_suppression_is_measured() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..Config::default()
    });
    let (mut eligible, mut withheld) = (0u64, 0u64);
    for _ in 0..300 {
        let people = prop::collection::vec(person(), 3..=30).new_tree(&mut runner).unwrap().current();
        let responses: Vec<Response> = people.iter().enumerate().map(|(i, p)| response(i, p)).collect();
        let report = report_with(&responses, 3);
        let cards: Vec<_> = responses.iter().map(|r| Instrument::builtin().score(r).unwrap()).collect();
        for grouping in
            [&report.segments.by_role, &report.segments.by_organisation, &report.segments.by_power]
        {
            for s in grouping.segments.iter().filter(|s| !s.suppressed) {
                for cell in &s.foundations {
                    // The cell's n, counted here from the scorecards.
                    let n = responses
                        .iter()
                        .zip(&cards)
                        .filter(|(r, c)| {
                            let p = &r.respondent;
                            let member = p.roles.iter().any(|role| role.id() == s.segment)
                                || p.organisation.as_deref() == Some(s.segment.as_str())
                                || (s.segment == "holds-structural-power" && p.holds_structural_power())
                                || (s.segment == "holds-none" && !p.holds_structural_power());
                            member && c.foundation(cell.foundation).and_then(|f| f.score).is_some()
                        })
                        .count();
                    if n >= 3 && !report.foundation(cell.foundation).unwrap().suppressed {
                        eligible += 1;
                        withheld += u64::from(cell.suppressed);
                    }
                }
            }
        }
    }
    let share = withheld as f64 / eligible as f64;
    println!("over-suppression: {withheld} of {eligible} cells with n ≥ 3 withheld ({:.1}%)", share * 100.0);
    // Some cells must pass, or the rules would hide everything.
    assert!(withheld < eligible && eligible > 1000, "{withheld} of {eligible}");
}
