//! Random groups of responses to the built-in instrument, for property
//! tests.
#![allow(dead_code)]

use collaboration::response::PartnerRating;
use collaboration::{Instrument, PowerSource, Respondent, Response, Role};

/// The organisations respondents belong to and rate.
pub const ORGANISATIONS: [&str; 4] = ["North", "South", "East", "West"];
use proptest::prelude::*;

/// A random response to the built-in instrument: each item missing, n/a
/// (where allowed) or a value on its scale; random roles, organisation and
/// power sources; and, from a respondent with an organisation, random
/// ratings of up to three of the other organisations.
pub fn response(id: usize) -> impl Strategy<Value = Response> {
    let hc = Instrument::builtin();
    let items: Vec<_> = hc
        .items()
        .iter()
        .map(|item| {
            let scale = hc.scale(&item.scale).unwrap();
            (item.id.clone(), scale.points, scale.not_applicable)
        })
        .collect();
    let answers = items
        .into_iter()
        .map(|(id, points, na)| {
            // 0 = missing, points + 1 = n/a (when allowed), else a value.
            (Just(id), 0..=points + u8::from(na)).prop_map(move |(id, v)| (id, v, points))
        })
        .collect::<Vec<_>>();
    (
        answers,
        proptest::collection::vec(0..3usize, 0..3),
        proptest::option::of(0..4usize),
        proptest::collection::vec(0..4usize, 0..3),
        proptest::collection::vec(
            (0..4usize, 1..=7u8, 1..=7u8, proptest::option::of(1..=5u8), proptest::option::of(1..=5u8)),
            0..4,
        ),
    )
        .prop_map(move |(answers, roles, org, sources, ratings)| {
            let mut respondent = Respondent::new(format!("r{id}")).unwrap();
            for r in roles {
                respondent = respondent.with_role(Role::ALL[r]);
            }
            let mut partners = std::collections::BTreeMap::new();
            if let Some(o) = org {
                respondent = respondent.with_organisation(ORGANISATIONS[o]);
                for (p, current, needed, trust, value) in ratings {
                    if p != o {
                        let rating = PartnerRating { current, needed, trust, value };
                        partners.insert(ORGANISATIONS[p].to_owned(), rating);
                    }
                }
            }
            for s in sources {
                respondent = respondent.with_power_source(PowerSource::ALL[s]);
            }
            let mut response = answers.into_iter().fold(
                Response::new(hc.id(), respondent),
                |r, (item, v, points)| match v {
                    0 => r,
                    v if v > points => r.with_answer(item, collaboration::Answer::NotApplicable),
                    v => r.with_answer(item, v),
                },
            );
            response.partners = partners;
            response
        })
}

pub fn group(max: usize) -> impl Strategy<Value = Vec<Response>> {
    (1..=max).prop_flat_map(|n| (0..n).map(response).collect::<Vec<_>>())
}
