//! The partner map (`docs/scoring.md#the-partner-map`): every figure of a
//! four-organisation example worked by hand, suppression, the saved state,
//! and each kind of bad partner rating.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use collaboration::instrument::{InstrumentDef, PartnerSection};
use collaboration::report::{AggregateState, PartnerMap, StateError};
use collaboration::response::{PartnerRating, ResponseError};
use collaboration::{Aggregator, BatchOptions, Instrument, Respondent, Response, ScoringOptions};
use serde_json::{Value, json};

const EPS: f64 = 1e-9;

/// Four organisations, six respondents; the ratings of the worked example
/// in `docs/scoring.md#the-partner-map`.
fn example() -> Vec<Value> {
    let who = |id: &str, org: &str, partners: Value| {
        json!({
            "instrument": "collaboration-health-check",
            "respondent": {"id": id, "organisation": org},
            "answers": {"shared-learning.1": 3},
            "partners": partners,
        })
    };
    vec![
        who(
            "a1",
            "A",
            json!({"B": {"current": 6, "needed": 6, "trust": 4, "value": 5}, "C": {"current": 2, "needed": 4}}),
        ),
        who("a2", "A", json!({"B": {"current": 6, "needed": 5, "trust": 5}})),
        who("b1", "B", json!({"A": {"current": 3, "needed": 5, "trust": 2, "value": 3}})),
        who("c1", "C", json!({"D": {"current": 5, "needed": 3}, "A": {"current": 2, "needed": 5}})),
        who("d1", "D", json!({"C": {"current": 6, "needed": 4, "value": 4}})),
        who("d2", "D", json!({"C": {"current": 4, "needed": 3}})),
    ]
}

fn map_of(responses: &[Value], options: ScoringOptions) -> PartnerMap {
    let hc = Instrument::builtin();
    let mut group = Aggregator::with_options(hc, options);
    for r in responses {
        group.add(&hc.parse_response(&r.to_string()).unwrap()).unwrap();
    }
    group.report().partners.expect("a partner map")
}

fn near(got: f64, want: f64) -> bool {
    (got - want).abs() < EPS
}

fn some_near(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| near(g, want))
}

#[test]
fn every_figure_of_the_four_organisation_example() {
    let map = map_of(&example(), ScoringOptions::default());
    assert_eq!(map.min_partner_raters, 1);
    assert_eq!(map.suppressed_ties, 0);

    // Ties, by hand: A→B from a1 and a2: current (6 + 6)/2 = 6, needed
    // (6 + 5)/2 = 5.5, gap −0.5, trust (4 + 5)/2 = 4.5 of 2, value 5 of 1.
    let ab = map.tie("A", "B").unwrap();
    assert_eq!(ab.raters, 2);
    assert!(near(ab.current, 6.0) && near(ab.needed, 5.5) && near(ab.need_gap, -0.5));
    assert!(some_near(ab.trust, 4.5) && ab.trust_raters == 2);
    assert!(some_near(ab.value, 5.0) && ab.value_raters == 1);
    // A→C from a1 alone: 2, 4, gap 2, no trust or value.
    let ac = map.tie("A", "C").unwrap();
    assert!(ac.raters == 1 && near(ac.current, 2.0) && near(ac.needed, 4.0) && near(ac.need_gap, 2.0));
    assert!(ac.trust.is_none() && ac.trust_raters == 0 && ac.value.is_none() && ac.value_raters == 0);
    // B→A: 3, 5, gap 2, trust 2, value 3.
    let ba = map.tie("B", "A").unwrap();
    assert!(near(ba.current, 3.0) && near(ba.needed, 5.0) && near(ba.need_gap, 2.0));
    assert!(some_near(ba.trust, 2.0) && some_near(ba.value, 3.0));
    // C→A: 2, 5, gap 3; C→D: 5, 3, gap −2.
    let ca = map.tie("C", "A").unwrap();
    assert!(near(ca.current, 2.0) && near(ca.needed, 5.0) && near(ca.need_gap, 3.0));
    let cd = map.tie("C", "D").unwrap();
    assert!(near(cd.current, 5.0) && near(cd.needed, 3.0) && near(cd.need_gap, -2.0));
    // D→C from d1 and d2: (6 + 4)/2 = 5, (4 + 3)/2 = 3.5, gap −1.5, value 4 of 1.
    let dc = map.tie("D", "C").unwrap();
    assert!(dc.raters == 2 && near(dc.current, 5.0) && near(dc.needed, 3.5) && near(dc.need_gap, -1.5));
    assert!(dc.trust.is_none() && some_near(dc.value, 4.0) && dc.value_raters == 1);
    // Six ties, in byte order of (from, to); none from B to C, D, or to B from C, D.
    let order: Vec<(&str, &str)> = map.ties.iter().map(|t| (t.from.as_str(), t.to.as_str())).collect();
    assert_eq!(order, [("A", "B"), ("A", "C"), ("B", "A"), ("C", "A"), ("C", "D"), ("D", "C")]);

    // Pairs: A↔B 6 against 3, gap 3 ≥ 2: mismatched; A→B needs 5.5 < 6 but
    // B→A needs 5 > 3, so not over-collaborating.
    let pair = map.pair("A", "B").unwrap();
    assert_eq!((pair.first.as_str(), pair.second.as_str()), ("A", "B"));
    assert!(some_near(pair.first_to_second, 6.0) && some_near(pair.second_to_first, 3.0));
    assert!(some_near(pair.reciprocity_gap, 3.0) && pair.mismatched && !pair.over_collaborating);
    // A↔C: 2 against 2, gap 0; needs 4 and 5 are above 2.
    let pair = map.pair("C", "A").unwrap();
    assert!(some_near(pair.reciprocity_gap, 0.0) && !pair.mismatched && !pair.over_collaborating);
    // C↔D: 5 against 5; needs 3 < 5 and 3.5 < 5: over-collaborating.
    let pair = map.pair("C", "D").unwrap();
    assert!(some_near(pair.reciprocity_gap, 0.0) && !pair.mismatched && pair.over_collaborating);
    assert_eq!(map.pairs.len(), 3);
    assert!(map.pair("B", "D").is_none());

    // Organisations. A: out A→B, A→C; in B→A (3), C→A (2): seen as 2.5;
    // sees (6 + 2)/2 = 4; need gap (−0.5 + 2)/2 = 0.75.
    let a = map.organisation("A").unwrap();
    assert!(a.out_ties == 2 && a.in_ties == 2);
    assert!(some_near(a.seen_as, 2.5) && some_near(a.sees, 4.0) && some_near(a.need_gap, 0.75));
    // B: seen as 6 (A→B), sees 3, gap 2.
    let b = map.organisation("B").unwrap();
    assert!(b.out_ties == 1 && b.in_ties == 1);
    assert!(some_near(b.seen_as, 6.0) && some_near(b.sees, 3.0) && some_near(b.need_gap, 2.0));
    // C: in A→C (2), D→C (5): 3.5; out C→A (2), C→D (5): 3.5; gaps (3 − 2)/2 = 0.5.
    let c = map.organisation("C").unwrap();
    assert!(some_near(c.seen_as, 3.5) && some_near(c.sees, 3.5) && some_near(c.need_gap, 0.5));
    // D: in C→D (5), out D→C (5, gap −1.5).
    let d = map.organisation("D").unwrap();
    assert!(some_near(d.seen_as, 5.0) && some_near(d.sees, 5.0) && some_near(d.need_gap, -1.5));
    let names: Vec<&str> = map.organisations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);

    // The network: 4 organisations, 4 × 3 = 12 ordered pairs; tie levels
    // 6, 2, 3, 2, 5, 5. At least 1 or 2: 6 of 12; 3: 4; 4 and 5: 3; 6: 1; 7: 0.
    let net = &map.network;
    assert!(net.organisations == 4 && net.ordered_pairs == 12);
    let want = [6.0, 6.0, 4.0, 3.0, 3.0, 1.0, 0.0];
    assert_eq!(net.density.len(), 7);
    for (d, (level, w)) in net.density.iter().zip((1u8..).zip(want)) {
        assert_eq!(d.level, level);
        assert!(some_near(d.density, w / 12.0), "level {level}: {:?}", d.density);
    }
    // Three reciprocal pairs, one mismatched: a third; one over-collaborating.
    assert!(net.reciprocal_pairs == 3 && net.mismatched_pairs == 1 && net.over_collaborating_pairs == 1);
    assert!(some_near(net.mismatched_share, 1.0 / 3.0));
}

#[test]
fn ties_below_min_partner_raters_are_suppressed_and_left_out_of_every_figure() {
    let options = ScoringOptions { min_partner_raters: 2, ..ScoringOptions::default() };
    let map = map_of(&example(), options);
    assert_eq!(map.min_partner_raters, 2);
    // Only A→B and D→C have two raters; the other four are suppressed.
    let order: Vec<(&str, &str)> = map.ties.iter().map(|t| (t.from.as_str(), t.to.as_str())).collect();
    assert_eq!(order, [("A", "B"), ("D", "C")]);
    assert_eq!(map.suppressed_ties, 4);
    // Trust of A→B had 2 ratings: shown; its value had 1: withheld.
    let ab = map.tie("A", "B").unwrap();
    assert!(some_near(ab.trust, 4.5) && ab.value.is_none() && ab.value_raters == 1);
    // D→C's one value rating is withheld too.
    assert!(map.tie("D", "C").unwrap().value.is_none());
    // No pair has both directions shown: nothing is mismatched.
    let pair = map.pair("A", "B").unwrap();
    assert!(pair.second_to_first.is_none() && pair.reciprocity_gap.is_none() && !pair.mismatched);
    assert_eq!(map.network.reciprocal_pairs, 0);
    assert_eq!(map.network.mismatched_share, None);
    // A is seen by no shown tie: its "seen as" cannot leak B→A or C→A.
    let a = map.organisation("A").unwrap();
    assert!(a.seen_as.is_none() && a.in_ties == 0 && some_near(a.sees, 6.0));
    // Density from the two shown ties (6 and 5) over 12 ordered pairs.
    assert!(some_near(map.network.density[4].density, 2.0 / 12.0));
    assert!(some_near(map.network.density[5].density, 1.0 / 12.0));
}

#[test]
fn a_report_without_ratings_has_no_map_and_its_json_no_field() {
    let hc = Instrument::builtin();
    let mut group = Aggregator::new(hc);
    let r = Response::new(hc.id(), Respondent::new("x").unwrap().with_organisation("A"))
        .with_answer("shared-learning.1", 3);
    group.add(&r).unwrap();
    let report = group.report();
    assert!(report.partners.is_none());
    assert!(serde_json::to_value(&report).unwrap().get("partners").is_none());
}

#[test]
fn the_sample_team_has_a_mismatched_and_an_over_collaborating_pair() {
    let team = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team.jsonl")).unwrap();
    let report = collaboration::score_batch(&team[..], Instrument::builtin(), &BatchOptions::default())
        .unwrap()
        .report;
    let map = report.partners.unwrap();
    // By hand from team.jsonl: City Council → Community Voice (cc-01, cc-02)
    // 6 and 6; Community Voice → City Council (cv-01, cv-03) 3 and 2: 2.5.
    let pair = map.pair("City Council", "Community Voice").unwrap();
    assert!(some_near(pair.reciprocity_gap, 3.5) && pair.mismatched);
    // NHS Trust → Housing Association 6, 5 needing 4, 4; back 6, 5 needing
    // 4, 3: both need less than they have.
    let pair = map.pair("NHS Trust", "Housing Association").unwrap();
    assert!(pair.over_collaborating && some_near(pair.reciprocity_gap, 0.0));
    assert_eq!(map.network.organisations, 4);
    assert_eq!(map.ties.len(), 10);
}

#[test]
fn names_are_compared_trimmed_and_in_nfc() {
    let hc = Instrument::builtin();
    // "Café" with a combining acute accent, and with spaces around it.
    let json = json!({
        "instrument": "collaboration-health-check",
        "respondent": {"id": "x", "organisation": "Cafe\u{301}"},
        "answers": {},
        "partners": {" Bar ": {"current": 4, "needed": 4}},
    });
    let response = hc.parse_response(&json.to_string()).unwrap();
    assert_eq!(response.partners.keys().collect::<Vec<_>>(), ["Bar"]);
    let mut group = Aggregator::new(hc);
    group.add(&response).unwrap();
    let map = group.report().partners.unwrap();
    assert_eq!(map.ties[0].from, "Caf\u{e9}");
    assert_eq!(map.ties[0].to, "Bar");
}

// ------------------------------------------------------------ bad input

#[allow(clippy::needless_pass_by_value)] // called with `json!` literals
fn response_with(organisation: Option<&str>, partners: Value) -> String {
    let mut respondent = json!({"id": "r-1"});
    if let Some(org) = organisation {
        respondent["organisation"] = json!(org);
    }
    json!({"instrument": "collaboration-health-check", "respondent": respondent, "answers": {}, "partners": partners})
        .to_string()
}

/// The error for a response, the same on every path: `parse_response`,
/// serde then `validate`, and a batch (which names the line).
fn error(json: &str) -> ResponseError {
    let hc = Instrument::builtin();
    let err = hc.parse_response(json).unwrap_err();
    let by_serde = serde_json::from_str::<Response>(json)
        .map_err(|e| e.to_string())
        .and_then(|r| hc.validate(&r).map_err(|e| e.to_string()));
    assert_eq!(by_serde.unwrap_err(), err.to_string(), "serde and parse_response disagree");
    let batch = collaboration::score_batch(json.as_bytes(), hc, &BatchOptions::default()).unwrap_err();
    assert!(batch.to_string().contains(&err.to_string()), "{batch}");
    err
}

#[test]
fn partners_without_an_organisation() {
    let err = error(&response_with(None, json!({"B": {"current": 3, "needed": 4}})));
    assert!(matches!(err, ResponseError::PartnersWithoutOrganisation { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`: partner ratings need the respondent's organisation, which is not given"
    );
    assert_eq!(err.respondent(), Some("r-1"));
}

#[test]
fn rating_ones_own_organisation() {
    // The same name once trimmed: still the respondent's own.
    let err =
        error(&response_with(Some("City Council"), json!({"City Council ": {"current": 3, "needed": 4}})));
    assert!(matches!(err, ResponseError::SelfRating { .. }));
    assert_eq!(err.partner(), Some("City Council "));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, partner `City Council `: that is the respondent's own organisation, which is not its own partner"
    );
}

#[test]
fn a_level_out_of_range_or_not_an_integer() {
    for (rating, field, shown, points) in [
        (json!({"current": 0, "needed": 4}), "current", "0", 7),
        (json!({"current": 3, "needed": 8}), "needed", "8", 7),
        (json!({"current": 3.5, "needed": 4}), "current", "3.5", 7),
        (json!({"current": "4", "needed": 4}), "current", "\"4\"", 7),
        (json!({"current": 3, "needed": 4, "trust": 6}), "trust", "6", 5),
        (json!({"current": 3, "needed": 4, "value": -1}), "value", "-1", 5),
        (json!({"current": 3, "needed": 4, "value": null}), "", "", 0),
    ] {
        let json = response_with(Some("A"), json!({"B": rating}));
        if field.is_empty() {
            // null is no rating.
            assert!(Instrument::builtin().parse_response(&json).is_ok());
            continue;
        }
        let err = error(&json);
        let ResponseError::PartnerRating { field: f, points: p, .. } = &err else { panic!("{err:?}") };
        assert_eq!((*f, *p), (field, points));
        assert_eq!(
            err.to_string(),
            format!(
                "respondent `r-1`, partner `B`: {field} {shown} is not allowed; expected an integer 1..={points}"
            )
        );
    }
    // 4.0 is an integer, as JSON Schema counts it.
    assert!(
        Instrument::builtin()
            .parse_response(&response_with(Some("A"), json!({"B": {"current": 4.0, "needed": 4}})))
            .is_ok()
    );
}

#[test]
fn a_partner_outside_the_instruments_list() {
    let mut def: InstrumentDef = Instrument::builtin().definition().clone();
    def.id = "listed".to_owned();
    def.partners = Some(PartnerSection::expecting(["City Council", "NHS Trust"]));
    let listed = Instrument::new(def).unwrap();
    let json = |partner: &str| {
        json!({"instrument": "listed", "respondent": {"id": "r-1", "organisation": "NHS Trust"}, "answers": {},
               "partners": {partner: {"current": 3, "needed": 5}}})
        .to_string()
    };
    assert!(listed.parse_response(&json("City Council")).is_ok());
    let err = listed.parse_response(&json("Fire Service")).unwrap_err();
    assert!(matches!(err, ResponseError::UnknownPartner { .. }));
    assert_eq!(
        err.to_string(),
        "respondent `r-1`, partner `Fire Service`: not a partner instrument `listed` lists"
    );
    // The same through validate, for a response built in code.
    let response = Response::new("listed", Respondent::new("r-1").unwrap().with_organisation("NHS Trust"))
        .with_partner("Fire Service", PartnerRating::new(3, 5).unwrap());
    assert_eq!(listed.validate(&response).unwrap_err(), err);
    // The list is in the instrument's response schema.
    let schema = serde_json::to_value(listed.response_schema()).unwrap();
    assert_eq!(
        schema["properties"]["partners"]["propertyNames"]["enum"],
        json!(["City Council", "NHS Trust"])
    );
}

#[test]
fn an_instrument_that_does_not_ask() {
    let mut def: InstrumentDef = Instrument::builtin().definition().clone();
    def.id = "no-partners".to_owned();
    def.partners = None;
    let plain = Instrument::new(def).unwrap();
    let json = json!({"instrument": "no-partners", "respondent": {"id": "r-1", "organisation": "A"}, "answers": {},
                      "partners": {"B": {"current": 3, "needed": 5}}});
    let err = plain.parse_response(&json.to_string()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "respondent `r-1`: instrument `no-partners` does not ask for partner ratings"
    );
    assert!(serde_json::to_value(plain.response_schema()).unwrap()["properties"].get("partners").is_none());
}

#[test]
fn a_partner_rated_twice_under_two_spellings() {
    let err = error(&response_with(
        Some("A"),
        json!({"Caf\u{e9}": {"current": 3, "needed": 4}, "Cafe\u{301}": {"current": 5, "needed": 5}}),
    ));
    assert!(matches!(err, ResponseError::DuplicatePartner { .. }), "{err:?}");
}

#[test]
fn the_shape_of_the_ratings() {
    let hc = Instrument::builtin();
    for (partners, words) in [
        (json!([1, 2]), "expected an object of partner organisations to ratings, found a list"),
        (json!({"B": [3, 4]}), "expected a JSON object, found a list"),
        (json!({"B": {"current": 3}}), "missing field `needed`"),
        (json!({"B": {"current": 3, "needed": 4, "closeness": 2}}), "unknown field `closeness`"),
    ] {
        let err = hc.parse_response(&response_with(Some("A"), partners)).unwrap_err();
        assert!(matches!(err, ResponseError::Json { .. }), "{err:?}");
        assert!(err.to_string().contains(words), "{err}");
        assert!(!err.to_string().contains("GivenRating") && !err.to_string().contains("struct"), "{err}");
    }
    let blank =
        hc.parse_response(&response_with(Some("A"), json!({" \u{200b}": {"current": 3, "needed": 4}})));
    assert!(matches!(blank.unwrap_err(), ResponseError::BlankPartner { .. }));
    let many: serde_json::Map<String, Value> =
        (0..=256).map(|n| (format!("P{n}"), json!({"current": 3, "needed": 4}))).collect();
    let err = hc.parse_response(&response_with(Some("A"), Value::Object(many))).unwrap_err();
    assert_eq!(err.to_string(), "respondent `r-1`: more than 256 partner ratings");
}

#[test]
fn a_rating_built_in_code_is_checked() {
    assert_eq!(
        PartnerRating::new(8, 3).unwrap_err().to_string(),
        "current 8 is not allowed; expected an integer 1..=7"
    );
    assert!(PartnerRating::new(3, 3).unwrap().with_value(0).is_err());
    // A struct literal that bypasses the constructor is caught by validate.
    let bad = PartnerRating { current: 3, needed: 9, trust: None, value: None };
    let response =
        Response::new("collaboration-health-check", Respondent::new("r").unwrap().with_organisation("A"))
            .with_partner("B", bad);
    let err = Instrument::builtin().validate(&response).unwrap_err();
    assert_eq!(
        err.to_string(),
        "respondent `r`, partner `B`: needed 9 is not allowed; expected an integer 1..=7"
    );
}

// ------------------------------------------------------------ saved state

#[test]
fn the_map_travels_in_the_state() {
    let hc = Instrument::builtin();
    let example = example();
    let (first, second) = example.split_at(3);
    let part = |responses: &[Value]| {
        let mut group = Aggregator::new(hc);
        for r in responses {
            group.add(&hc.parse_response(&r.to_string()).unwrap()).unwrap();
        }
        group.state()
    };
    let mut merged =
        Aggregator::restore(hc, &AggregateState::from_bytes(&part(first).to_bytes()).unwrap()).unwrap();
    let other =
        Aggregator::restore(hc, &AggregateState::from_json(&part(second).to_json()).unwrap()).unwrap();
    merged.merge(&other).unwrap();
    assert_eq!(merged.report().partners.unwrap(), map_of(&example, ScoringOptions::default()));
}

/// The example's state as JSON, edited by `edit`, restored.
fn restore_edited(edit: impl Fn(&mut Value)) -> Result<(), StateError> {
    let hc = Instrument::builtin();
    let mut group = Aggregator::new(hc);
    for r in example() {
        group.add(&hc.parse_response(&r.to_string()).unwrap()).unwrap();
    }
    let mut state: Value = serde_json::from_str(&group.state().to_json()).unwrap();
    edit(&mut state);
    let state = AggregateState::from_json(&state.to_string())?;
    Aggregator::restore(hc, &state).map(drop)
}

#[test]
fn inconsistent_partner_counts_are_refused() {
    assert!(restore_edited(|_| {}).is_ok());
    for (edit, words) in [
        // More raters from A than A has respondents (2).
        (
            Box::new(|s: &mut Value| s["partners"][0]["raters"] = json!(3)) as Box<dyn Fn(&mut Value)>,
            "3 raters, of the organisation's 2 respondents",
        ),
        (
            Box::new(|s: &mut Value| s["partners"][0]["to"] = json!("A")),
            "an organisation is not its own partner",
        ),
        (
            Box::new(|s: &mut Value| s["partners"][0]["current"] = json!(15)),
            "a level sum outside what 2 ratings of 1 to 7 make",
        ),
        (
            Box::new(|s: &mut Value| s["partners"][0]["trust"]["n"] = json!(3)),
            "3 trust ratings summing to 9 from 2 raters",
        ),
        (Box::new(|s: &mut Value| s["partners"][0]["from"] = json!(" A")), "a name must be trimmed"),
        (
            Box::new(|s: &mut Value| s["partners"].as_array_mut().unwrap().swap(0, 1)),
            "not in strictly ascending order",
        ),
        (
            Box::new(|s: &mut Value| s["partners"][2]["from"] = json!("Z")),
            "of the organisation's 0 respondents",
        ),
    ] {
        let err = restore_edited(edit).unwrap_err();
        assert!(matches!(err, StateError::Inconsistent { .. }), "{err:?}");
        assert!(err.to_string().contains(words), "{err} does not say {words}");
    }
}

#[path = "util/groups.rs"]
mod groups;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Random groups with partner ratings, split into 1–5 parts merged in
    /// order: the partner map is that of one pass, and so is the state.
    #[test]
    fn merge_equals_one_pass(
        responses in groups::group(30),
        assignment in proptest::collection::vec(0..5usize, 30),
        parts in 1..=5usize,
    ) {
        let hc = Instrument::builtin();
        proptest::prop_assume!(responses.iter().any(|r| !r.partners.is_empty()));
        let mut whole = Aggregator::new(hc);
        let mut split: Vec<Aggregator<'_>> = (0..parts).map(|_| Aggregator::new(hc)).collect();
        for (r, &a) in responses.iter().zip(&assignment) {
            whole.add(r).unwrap();
            split[a % parts].add(r).unwrap();
        }
        let mut merged = Aggregator::new(hc);
        for part in &split {
            merged.merge(part).unwrap();
        }
        let (one, many) = (whole.report().partners, merged.report().partners);
        proptest::prop_assert!(one.is_some());
        proptest::prop_assert_eq!(
            serde_json::to_string(&one).unwrap(),
            serde_json::to_string(&many).unwrap()
        );
    }
}

#[test]
fn the_markdown_report_lists_the_ties_and_the_pairs_to_talk_about() {
    let team = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team.jsonl")).unwrap();
    let report = collaboration::score_batch(&team[..], Instrument::builtin(), &BatchOptions::default())
        .unwrap()
        .report;
    let text = report.to_string();
    // From team.jsonl by hand: cc-01 and cc-02 rate Community Voice 6 and 6,
    // needing 6 and 7 (6.5), trust 4 and 5, value 5 and 4.
    assert!(text.contains("| City Council → Community Voice | 2 | 6.0 | 6.5 | +0.5 | 4.5 | 4.5 |"), "{text}");
    assert!(text.contains("**City Council ↔ Community Voice: mismatched.**"));
    assert!(text.contains("**Housing Association ↔ NHS Trust: over-collaborating.**"));
    // A name with a pipe stays in its cell.
    let hc = Instrument::builtin();
    let mut group = Aggregator::new(hc);
    group
        .add(
            &hc.parse_response(&response_with(Some("A|B"), json!({"C": {"current": 2, "needed": 3}})))
                .unwrap(),
        )
        .unwrap();
    assert!(group.report().to_string().contains("| A\\|B → C | 1 | 2.0 | 3.0 | +1.0 | — | — |"));
}

#[test]
fn a_rating_reads_back_on_its_own() {
    let rating = PartnerRating::new(2, 6).unwrap().with_value(5).unwrap();
    let json = serde_json::to_string(&rating).unwrap();
    assert_eq!(json, r#"{"current":2,"needed":6,"value":5}"#);
    assert_eq!(serde_json::from_str::<PartnerRating>(&json).unwrap(), rating);
    // Out of range, and not an integer, in RatingError's words.
    let err = serde_json::from_str::<PartnerRating>(r#"{"current": 3, "needed": 8}"#).unwrap_err();
    assert!(err.to_string().starts_with("needed 8 is not allowed; expected an integer 1..=7"), "{err}");
    let err =
        serde_json::from_str::<PartnerRating>(r#"{"current": 3, "needed": 4, "trust": "4"}"#).unwrap_err();
    assert!(err.to_string().starts_with(r#"trust "4" is not allowed; expected an integer 1..=5"#), "{err}");
    // Objects only, and closed.
    assert!(serde_json::from_str::<PartnerRating>("[3, 4]").is_err());
    assert!(serde_json::from_str::<PartnerRating>(r#"{"current": 3, "needed": 4, "x": 1}"#).is_err());
}
