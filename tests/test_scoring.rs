//! Scoring one respondent. Every expectation is worked by hand from
//! SCORING.md ("One respondent"), with the arithmetic in a comment.
//!
//! Built-in scales: `extent` and `agreement` have k = 5 points, so a keyed
//! value v scores 100 × (v − 1) / 4: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use util::close;

use collaboration::{
    Answer, Band, Bands, CollaborationLevel, Foundation, Instrument, Misconception, Respondent, Response,
    ScoringOptions,
};

fn response(id: &str) -> Response {
    Response::new("collaboration-health-check", Respondent::new(id).unwrap())
}

/// Every item answered with `value`, except power over, answered with
/// `power_over`, and the spectrum items, answered with `spectrum`.
fn uniform(value: u8, power_over: u8, spectrum: (u8, u8)) -> Response {
    let hc = Instrument::builtin();
    let mut r = response("uniform");
    for item in hc.items() {
        let v = match item.id.as_str() {
            "power.power-over" => power_over,
            "spectrum.current" => spectrum.0,
            "spectrum.needed" => spectrum.1,
            _ => value,
        };
        r = r.with_answer(item.id.clone(), v);
    }
    r
}

#[test]
fn top_of_every_keyed_scale_gives_100_everywhere() {
    // All 5s, and 1 on the reverse-keyed power over (keyed 5 + 1 − 1 = 5).
    let card = Instrument::builtin().score(&uniform(5, 1, (7, 7))).unwrap();
    for f in &card.foundations {
        // (5 − 1) / 4 = 1 → 100 for each of the 3 items.
        assert!(close(f.score, 100.0), "{f:?}");
        assert_eq!(f.band, Some(Band::Strength));
        assert_eq!((f.answered, f.items), (3, 3));
    }
    assert!(close(card.overall.score, 100.0));
    assert_eq!(card.overall.band, Some(Band::Strength));
    assert!(close(card.power.as_ref().unwrap().score, 100.0));
    assert_eq!(card.power.as_ref().unwrap().answered, 4);
    // Agreeing fully with every misconception statement holds all seven.
    assert_eq!(card.held().count(), 7);
    assert_eq!(card.spectrum.as_ref().unwrap().gap, Some(0));
    assert_eq!(card.spectrum.as_ref().unwrap().current, Some(CollaborationLevel::Integrate));
}

#[test]
fn bottom_of_every_keyed_scale_gives_0_everywhere() {
    // All 1s, and 5 on power over (keyed 5 + 1 − 5 = 1).
    let card = Instrument::builtin().score(&uniform(1, 5, (1, 1))).unwrap();
    for f in &card.foundations {
        assert!(close(f.score, 0.0), "{f:?}");
        assert_eq!(f.band, Some(Band::Priority));
    }
    assert!(close(card.overall.score, 0.0));
    assert!(close(card.power.as_ref().unwrap().score, 0.0));
    assert_eq!(card.held().count(), 0);
    assert!(card.items.iter().filter(|i| i.item.starts_with("power.")).all(|i| close(i.score, 0.0)));
}

#[test]
fn all_fives_raw_scores_power_over_as_zero() {
    // Power: to, with, within = 100 each; over answered 5 → keyed 1 → 0.
    // Mean (100 + 100 + 100 + 0) / 4 = 75.
    let card = Instrument::builtin().score(&uniform(5, 5, (3, 6))).unwrap();
    assert!(close(card.power.as_ref().unwrap().score, 75.0));
    // Spectrum gap = needed − current = 6 − 3 = 3.
    assert_eq!(card.spectrum.as_ref().unwrap().gap, Some(3));
    assert_eq!(card.spectrum.as_ref().unwrap().needed, Some(CollaborationLevel::Collaborate));
}

#[test]
fn power_over_is_reverse_keyed() {
    // power.power-over answered 2 → keyed 5 + 1 − 2 = 4 → 100 × 3/4 = 75.
    let r = response("r").with_answer("power.power-over", 2);
    let card = Instrument::builtin().score(&r).unwrap();
    let item = card.items.iter().find(|i| i.item == "power.power-over").unwrap();
    assert_eq!(item.answer, Some(Answer::Value(2)));
    assert!(close(item.score, 75.0));
    assert!(close(card.power.as_ref().unwrap().score, 75.0));
    assert_eq!((card.power.as_ref().unwrap().answered, card.power.as_ref().unwrap().items), (1, 4));
    // And power to answered 2 is positive: 100 × 1/4 = 25.
    let r = response("r").with_answer("power.power-to", 2);
    assert!(close(Instrument::builtin().score(&r).unwrap().power.unwrap().score, 25.0));
}

#[test]
fn coverage_rule_both_ways_with_na_and_missing() {
    let r = response("mixed")
        // Mindset: 4, n/a, missing → 1 of 3 answered < ceil(3/2) = 2 → not scored.
        .with_answer("collaborative-mindset.1", 4)
        .with_answer("collaborative-mindset.2", Answer::NotApplicable)
        // Relationships: 2, 5, n/a → 2 of 3 answered → scored: (1 + 4) / 8 = 62.5.
        .with_answer("healthy-trusting-relationships.1", 2)
        .with_answer("healthy-trusting-relationships.2", 5)
        .with_answer("healthy-trusting-relationships.3", Answer::NotApplicable)
        // Vision: n/a, n/a, n/a → 0 answered → not scored.
        .with_answer("shared-vision-and-purpose.1", Answer::NotApplicable)
        .with_answer("shared-vision-and-purpose.2", Answer::NotApplicable)
        .with_answer("shared-vision-and-purpose.3", Answer::NotApplicable)
        // Behaviours: 3, 3, 4 → (2 + 2 + 3) / 12 = 58.333…
        .with_answer("collaborative-behaviours.1", 3)
        .with_answer("collaborative-behaviours.2", 3)
        .with_answer("collaborative-behaviours.3", 4)
        // Learning: 1, missing, 2 → 2 answered → (0 + 1) / 8 = 12.5.
        .with_answer("shared-learning.1", 1)
        .with_answer("shared-learning.3", 2);
    // Infrastructure: nothing → not scored.
    let card = Instrument::builtin().score(&r).unwrap();
    let f = |x| *card.foundation(x).unwrap();

    let mindset = f(Foundation::CollaborativeMindset);
    assert_eq!((mindset.score, mindset.band, mindset.answered), (None, None, 1));
    let relationships = f(Foundation::HealthyTrustingRelationships);
    assert!(close(relationships.score, 62.5));
    assert_eq!(relationships.answered, 2);
    assert_eq!(f(Foundation::SharedVisionAndPurpose).score, None);
    assert_eq!(f(Foundation::SharedVisionAndPurpose).answered, 0);
    assert!(close(f(Foundation::CollaborativeBehaviours).score, 700.0 / 12.0));
    assert!(close(f(Foundation::SharedLearning).score, 12.5));
    assert_eq!(f(Foundation::CollaborativeInfrastructure).score, None);

    // 3 of 6 scored: exactly half is enough. (62.5 + 58.333… + 12.5) / 3 = 44.444…
    assert_eq!(card.overall.scored, 3);
    assert!(close(card.overall.score, (62.5 + 700.0 / 12.0 + 12.5) / 3.0));
    assert_eq!(card.overall.band, Some(Band::Priority));

    // The n/a item has an answer but no score; the missing one has neither.
    let item = |id: &str| card.items.iter().find(|i| i.item == id).unwrap().clone();
    assert_eq!(item("collaborative-mindset.2").answer, Some(Answer::NotApplicable));
    assert_eq!(item("collaborative-mindset.2").score, None);
    assert_eq!(item("collaborative-mindset.3").answer, None);
    assert!(close(item("collaborative-mindset.1").score, 75.0));
}

#[test]
fn overall_is_not_scored_when_fewer_than_half_the_foundations_are() {
    // Two foundations fully answered (4s → 75 each), four not at all: 2 < 6 / 2.
    let mut r = response("two");
    for q in ["collaborative-mindset", "shared-learning"] {
        for n in 1..=3 {
            r = r.with_answer(format!("{q}.{n}"), 4);
        }
    }
    let card = Instrument::builtin().score(&r).unwrap();
    assert_eq!(card.overall.scored, 2);
    assert_eq!(card.overall.foundations, 6);
    assert_eq!(card.overall.score, None);
    assert_eq!(card.overall.band, None);
    // A third makes it exactly half: (75 + 75 + 75) / 3 = 75.
    let r = r.with_answer("collaborative-behaviours.1", 4).with_answer("collaborative-behaviours.2", 4);
    let card = Instrument::builtin().score(&r).unwrap();
    assert!(close(card.overall.score, 75.0));
}

#[test]
fn bands_at_exactly_50_and_75_and_just_below() {
    let bands = Bands::default();
    assert_eq!(bands.band(75.0), Band::Strength);
    assert_eq!(bands.band(75.0 - 1e-9), Band::Developing);
    assert_eq!(bands.band(50.0), Band::Developing);
    assert_eq!(bands.band(50.0 - 1e-9), Band::Priority);
    assert_eq!(bands.band(100.0), Band::Strength);
    assert_eq!(bands.band(0.0), Band::Priority);

    // Through scoring: 4, 4, 4 → 75 exactly (strength); 3, 3, 3 → 50 exactly
    // (developing); 4, 4, 3 → (3 + 3 + 2) / 12 = 66.67 (developing);
    // 3, 3, 2 → (2 + 2 + 1) / 12 = 41.67 (priority).
    let r = response("b")
        .with_answer("collaborative-mindset.1", 4)
        .with_answer("collaborative-mindset.2", 4)
        .with_answer("collaborative-mindset.3", 4)
        .with_answer("shared-learning.1", 3)
        .with_answer("shared-learning.2", 3)
        .with_answer("shared-learning.3", 3)
        .with_answer("shared-vision-and-purpose.1", 4)
        .with_answer("shared-vision-and-purpose.2", 4)
        .with_answer("shared-vision-and-purpose.3", 3)
        .with_answer("collaborative-behaviours.1", 3)
        .with_answer("collaborative-behaviours.2", 3)
        .with_answer("collaborative-behaviours.3", 2);
    let card = Instrument::builtin().score(&r).unwrap();
    let band = |f| card.foundation(f).unwrap().band;
    assert_eq!(band(Foundation::CollaborativeMindset), Some(Band::Strength));
    assert_eq!(band(Foundation::SharedLearning), Some(Band::Developing));
    assert_eq!(band(Foundation::SharedVisionAndPurpose), Some(Band::Developing));
    assert_eq!(band(Foundation::CollaborativeBehaviours), Some(Band::Priority));
}

#[test]
fn band_thresholds_are_configurable() {
    // With strength at 80 and developing at 60, 75 is developing and 50 a priority.
    let options = ScoringOptions { bands: Bands::new(60.0, 80.0).unwrap(), ..ScoringOptions::default() };
    let r = response("c")
        .with_answer("collaborative-mindset.1", 4)
        .with_answer("collaborative-mindset.2", 4)
        .with_answer("shared-learning.1", 3)
        .with_answer("shared-learning.2", 3);
    let card = Instrument::builtin().score_with(&r, &options).unwrap();
    assert_eq!(card.foundation(Foundation::CollaborativeMindset).unwrap().band, Some(Band::Developing));
    assert_eq!(card.foundation(Foundation::SharedLearning).unwrap().band, Some(Band::Priority));
    assert!(Bands::new(80.0, 60.0).is_err());
    assert!(Bands::new(-1.0, 60.0).is_err());
    assert!(Bands::new(50.0, 101.0).is_err());
    assert!(Bands::new(f64::NAN, 75.0).is_err());
}

#[test]
fn misconception_held_at_4_and_5_only() {
    // SCORING.md: held when the agreement value is ≥ 4.
    let r = response("m")
        .with_answer("misconception.everyone-does-everything", 3)
        .with_answer("misconception.everyone-is-equal", 4)
        .with_answer("misconception.collaboration-feels-harmonious", 5)
        .with_answer("misconception.collaboration-needs-no-leadership", 1);
    let card = Instrument::builtin().score(&r).unwrap();
    assert_eq!(card.misconceptions.len(), 4);
    assert_eq!(
        card.held().collect::<Vec<_>>(),
        [Misconception::EveryoneIsEqual, Misconception::CollaborationFeelsHarmonious]
    );
}

#[test]
fn spectrum_gap_needs_both_answers() {
    let r = response("s").with_answer("spectrum.current", 5);
    let card = Instrument::builtin().score(&r).unwrap();
    assert_eq!(card.spectrum.as_ref().unwrap().current, Some(CollaborationLevel::Coordinate));
    assert_eq!(card.spectrum.as_ref().unwrap().needed, None);
    assert_eq!(card.spectrum.as_ref().unwrap().gap, None);
    // needed 2 − current 5 = −3: the work needs less integration than it has.
    let card = Instrument::builtin().score(&r.with_answer("spectrum.needed", 2)).unwrap();
    assert_eq!(card.spectrum.as_ref().unwrap().gap, Some(-3));
    // Spectrum items carry no normalised score.
    assert!(card.items.iter().filter(|i| i.item.starts_with("spectrum.")).all(|i| i.score.is_none()));
}

#[test]
fn scorecard_json_has_nulls_never_nan() {
    let card = Instrument::builtin().score(&response("empty")).unwrap();
    let json = serde_json::to_value(&card).unwrap();
    assert!(json["overall"]["score"].is_null());
    assert!(json["power"]["score"].is_null());
    assert!(json["foundations"][0]["score"].is_null());
    assert!(json["foundations"][0]["band"].is_null());
    assert_eq!(json["foundations"][0]["answered"], 0);
    assert_eq!(json["foundations"][0]["items"], 3);
    assert!(json["spectrum"]["gap"].is_null());
    assert!(!serde_json::to_string(&card).unwrap().contains("NaN"));
    // And it reads back to the same scorecard.
    let back: collaboration::Scorecard = serde_json::from_value(json).unwrap();
    assert_eq!(back, card);
}

#[test]
fn names_in_markdown_are_escaped() {
    // A respondent id and an organisation that Markdown would read as raw
    // HTML, emphasis or a table cell's end are written with backslashes.
    let hc = Instrument::builtin();
    let r = collaboration::Response::new(hc.id(), collaboration::Respondent::new("<b>x</b>").unwrap());
    let text = hc.score(&r).unwrap().to_string();
    assert!(text.starts_with("# Scorecard: \\<b>x\\</b>\n"), "{text}");
    // Three from one organisation, so that its segment is shown.
    let mut group = collaboration::Aggregator::new(hc);
    for id in ["y1", "y2", "y3"] {
        let who = collaboration::Respondent::new(id).unwrap().with_organisation("A|*B*");
        group.add(&collaboration::Response::new(hc.id(), who).with_answer("shared-learning.1", 4)).unwrap();
    }
    let text = group.report().to_string();
    assert!(text.contains("A\\|\\*B\\*"), "{text}");
    assert!(!text.contains("A|*B*"), "{text}");
}

#[test]
fn scorecard_renders_as_markdown() {
    let r = uniform(4, 2, (4, 6));
    let text = Instrument::builtin().score(&r).unwrap().to_string();
    assert!(text.starts_with("# Scorecard: uniform\n"));
    // 4s score 75 everywhere: a strength.
    assert!(text.contains("| 1. Collaborative mindset | 75.0 | strength | 3 of 3 |"), "{text}");
    assert!(text.contains("| **Overall** | **75.0** | strength | 6 of 6 foundations |"), "{text}");
    assert!(text.contains("gap +2"), "{text}");
    assert!(text.contains("\"Everyone is equal\""), "{text}");
}
