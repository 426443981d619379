//! Partner ratings: how closely a respondent's organisation works with each
//! partner now, and how closely the work needs (`docs/scoring.md#the-partner-map`).

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::error::ResponseError;
use super::given::Given;
use super::rules::{self, Written};
use crate::instrument::Instrument;

/// The levels of the collaboration spectrum a partner rating uses: 1
/// (compete) to 7 (integrate).
pub const PARTNER_LEVELS: u8 = 7;

/// The points of the agreement scale that trust and value ratings use: 1
/// (strongly disagree) to 5 (strongly agree).
pub const PARTNER_AGREEMENT_POINTS: u8 = 5;

/// One respondent's rating of one partner organisation.
///
/// `current` and `needed` are levels of the collaboration spectrum (1
/// compete, 2 co-exist, 3 communicate, 4 cooperate, 5 coordinate, 6
/// collaborate, 7 integrate). `trust` ("we trust them") and `value` ("they
/// add value to our work") are optional, on the agreement scale from 1
/// (strongly disagree) to 5 (strongly agree).
///
/// ```
/// use collaboration::response::PartnerRating;
///
/// let rating = PartnerRating::new(3, 5)?.with_trust(4)?;
/// assert_eq!(serde_json::to_string(&rating)?, r#"{"current":3,"needed":5,"trust":4}"#);
/// assert!(PartnerRating::new(0, 5).is_err());
/// assert_eq!(serde_json::from_str::<PartnerRating>(r#"{"current":3,"needed":5,"trust":4}"#)?, rating);
/// assert!(serde_json::from_str::<PartnerRating>(r#"{"current":8,"needed":5}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "One respondent's rating of one partner organisation: the current and needed levels on the collaboration spectrum (1 compete … 7 integrate), and optionally trust and value on the agreement scale (1 strongly disagree … 5 strongly agree)."
)]
pub struct PartnerRating {
    /// How closely the respondent's organisation works with the partner
    /// now, 1 to 7.
    #[schemars(range(min = 1, max = 7))]
    pub current: u8,
    /// How closely the work needs them to, 1 to 7.
    #[schemars(range(min = 1, max = 7))]
    pub needed: u8,
    /// "We trust them", 1 (strongly disagree) to 5 (strongly agree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub trust: Option<u8>,
    /// "They add value to our work", 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub value: Option<u8>,
}

/// A partner rating that does not fit its scale.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field} {value} is not allowed; expected an integer 1..={points}")]
pub struct RatingError {
    /// `"current"`, `"needed"`, `"trust"` or `"value"`.
    pub field: &'static str,
    /// The value given.
    pub value: u8,
    /// The top of its scale.
    pub points: u8,
}

impl PartnerRating {
    /// A rating of the current and needed levels, 1 to 7.
    ///
    /// # Errors
    ///
    /// [`RatingError`] for a level outside 1 to 7.
    pub fn new(current: u8, needed: u8) -> Result<Self, RatingError> {
        Ok(Self {
            current: checked("current", current, PARTNER_LEVELS)?,
            needed: checked("needed", needed, PARTNER_LEVELS)?,
            trust: None,
            value: None,
        })
    }

    /// The same rating with trust, 1 to 5.
    ///
    /// # Errors
    ///
    /// [`RatingError`] for a rating outside 1 to 5.
    pub fn with_trust(mut self, trust: u8) -> Result<Self, RatingError> {
        self.trust = Some(checked("trust", trust, PARTNER_AGREEMENT_POINTS)?);
        Ok(self)
    }

    /// The same rating with value, 1 to 5.
    ///
    /// # Errors
    ///
    /// [`RatingError`] for a rating outside 1 to 5.
    pub fn with_value(mut self, value: u8) -> Result<Self, RatingError> {
        self.value = Some(checked("value", value, PARTNER_AGREEMENT_POINTS)?);
        Ok(self)
    }

    /// Each field with a value, with its name and the top of its scale.
    fn fields(&self) -> impl Iterator<Item = (&'static str, u8, u8)> {
        [
            Some(("current", self.current, PARTNER_LEVELS)),
            Some(("needed", self.needed, PARTNER_LEVELS)),
            self.trust.map(|v| ("trust", v, PARTNER_AGREEMENT_POINTS)),
            self.value.map(|v| ("value", v, PARTNER_AGREEMENT_POINTS)),
        ]
        .into_iter()
        .flatten()
    }
}

/// A rating as written, if it is an integer (or integral number) from 1 to
/// `points`.
fn on_scale(value: &Given, points: u8) -> Option<u8> {
    let fits = match value.written() {
        Written::Unsigned(v) => u8::try_from(v).ok(),
        Written::Float(v) => rules::integral(v).and_then(|v| u8::try_from(v).ok()),
        _ => None,
    };
    fits.filter(|v| (1..=points).contains(v))
}

/// Reading a rating on its own with serde checks its values, with the
/// words of [`RatingError`]; in a response, the response's own reading
/// also names the respondent and the partner.
impl<'de> Deserialize<'de> for PartnerRating {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ObjectRating(given) = ObjectRating::deserialize(deserializer)?;
        let level = |field: &'static str, value: &Given, points: u8| {
            on_scale(value, points).ok_or_else(|| {
                de::Error::custom(format!("{field} {value} is not allowed; expected an integer 1..={points}"))
            })
        };
        Ok(Self {
            current: level("current", &given.current, PARTNER_LEVELS)?,
            needed: level("needed", &given.needed, PARTNER_LEVELS)?,
            trust: given.trust.as_ref().map(|t| level("trust", t, PARTNER_AGREEMENT_POINTS)).transpose()?,
            value: given.value.as_ref().map(|v| level("value", v, PARTNER_AGREEMENT_POINTS)).transpose()?,
        })
    }
}

fn checked(field: &'static str, value: u8, points: u8) -> Result<u8, RatingError> {
    if (1..=points).contains(&value) { Ok(value) } else { Err(RatingError { field, value, points }) }
}

/// A rating as written, before its values are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "PartnerRating")]
pub(crate) struct GivenRating {
    current: Given,
    needed: Given,
    #[serde(default)]
    trust: Option<Given>,
    #[serde(default)]
    value: Option<Given>,
}

/// A rating read from an object only (never from a list of its fields).
struct ObjectRating(GivenRating);

impl<'de> Deserialize<'de> for ObjectRating {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::de::object::<GivenRating, D>(deserializer).map(ObjectRating)
    }
}

/// The partner ratings in the order written, keeping repeats so they can be
/// reported. Past [`MAX_PARTNERS`](crate::limits::MAX_PARTNERS) they are
/// counted, not kept.
#[derive(Default)]
pub(crate) struct GivenPartners(pub(crate) Vec<(String, GivenRating)>, pub(crate) bool);

impl<'de> Deserialize<'de> for GivenPartners {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = GivenPartners;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of partner organisations to ratings")
            }
            crate::de::not_an_object!("an object of partner organisations to ratings");
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GivenPartners, A::Error> {
                let mut partners = Vec::new();
                let mut overflow = false;
                while let Some(name) = map.next_key::<String>()? {
                    if partners.len() < crate::limits::MAX_PARTNERS {
                        let ObjectRating(rating) = map.next_value()?;
                        partners.push((name, rating));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                        overflow = true;
                    }
                }
                Ok(GivenPartners(partners, overflow))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The partner ratings of one response, checked.
pub(crate) type Partners = BTreeMap<String, PartnerRating>;

/// An empty set of ratings, for the paths that carry none.
pub(crate) static NO_PARTNERS: Partners = BTreeMap::new();

/// Checks the partner ratings a response gives, as written, and returns
/// them keyed by the partner's canonical name
/// ([`rules::canonical`]).
pub(crate) fn check_given(
    respondent: &str,
    organisation: Option<&str>,
    given: GivenPartners,
) -> Result<Partners, ResponseError> {
    let GivenPartners(given, overflow) = given;
    if overflow {
        return Err(ResponseError::TooManyPartners {
            respondent: respondent.to_owned(),
            limit: crate::limits::MAX_PARTNERS,
        });
    }
    let mut partners = Partners::new();
    for (name, rating) in given {
        let level = |field: &'static str, value: &Given, points: u8| -> Result<u8, ResponseError> {
            on_scale(value, points).ok_or_else(|| ResponseError::PartnerRating {
                respondent: respondent.to_owned(),
                partner: name.clone(),
                field,
                value: value.to_string(),
                points,
            })
        };
        let current = level("current", &rating.current, PARTNER_LEVELS)?;
        let needed = level("needed", &rating.needed, PARTNER_LEVELS)?;
        let trust = rating.trust.as_ref().map(|t| level("trust", t, PARTNER_AGREEMENT_POINTS)).transpose()?;
        let value = rating.value.as_ref().map(|v| level("value", v, PARTNER_AGREEMENT_POINTS)).transpose()?;
        insert(
            respondent,
            organisation,
            &mut partners,
            name,
            PartnerRating { current, needed, trust, value },
        )?;
    }
    Ok(partners)
}

/// Checks ratings built in code (or read by serde), as
/// [`check_given`] does.
pub(crate) fn check(
    respondent: &str,
    organisation: Option<&str>,
    ratings: &Partners,
) -> Result<Partners, ResponseError> {
    if ratings.len() > crate::limits::MAX_PARTNERS {
        return Err(ResponseError::TooManyPartners {
            respondent: respondent.to_owned(),
            limit: crate::limits::MAX_PARTNERS,
        });
    }
    let mut partners = Partners::new();
    for (name, rating) in ratings {
        if let Some((field, value, points)) =
            rating.fields().find(|&(_, v, points)| !(1..=points).contains(&v))
        {
            return Err(ResponseError::PartnerRating {
                respondent: respondent.to_owned(),
                partner: name.clone(),
                field,
                value: value.to_string(),
                points,
            });
        }
        insert(respondent, organisation, &mut partners, name.clone(), *rating)?;
    }
    Ok(partners)
}

/// Adds one checked rating: a readable name, not the respondent's own
/// organisation, and not rated twice.
fn insert(
    respondent: &str,
    organisation: Option<&str>,
    partners: &mut Partners,
    name: String,
    rating: PartnerRating,
) -> Result<(), ResponseError> {
    rules::partner_name(respondent, &name)?;
    let Some(own) = organisation.map(rules::canonical).filter(|o| !o.is_empty()) else {
        return Err(ResponseError::PartnersWithoutOrganisation { respondent: respondent.to_owned() });
    };
    let canonical = rules::canonical(&name).into_owned();
    if canonical == own {
        return Err(ResponseError::SelfRating { respondent: respondent.to_owned(), partner: name });
    }
    if partners.insert(canonical, rating).is_some() {
        return Err(ResponseError::DuplicatePartner { respondent: respondent.to_owned(), partner: name });
    }
    Ok(())
}

impl Instrument {
    /// Checks checked ratings against what this instrument asks: partner
    /// ratings at all, and only the partners it lists.
    pub(crate) fn check_partners(&self, respondent: &str, partners: &Partners) -> Result<(), ResponseError> {
        if partners.is_empty() {
            return Ok(());
        }
        let Some(section) = self.partners() else {
            return Err(ResponseError::PartnersNotAsked {
                respondent: respondent.to_owned(),
                instrument: self.id().to_owned(),
            });
        };
        if let Some(unknown) = partners.keys().find(|name| !section.expects(name)) {
            return Err(ResponseError::UnknownPartner {
                respondent: respondent.to_owned(),
                partner: unknown.clone(),
                instrument: self.id().to_owned(),
            });
        }
        Ok(())
    }
}
