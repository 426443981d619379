//! The fast path for one line of a batch: answers go straight from the JSON
//! text into a [`Sheet`], item ids resolved while parsing, with no
//! allocation per answer.
//!
//! It only ever says "valid" or "not sure": any problem at all (including
//! ones the simple path would accept after all) makes it give up, and the
//! caller then runs the simple path, whose verdict and error message stand.
//! So the fast path cannot change what is accepted or how errors read, and
//! every rule it applies is [`super::rules`]', the same function the simple
//! path calls.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::rules::{self, Written};
use super::sheet::Sheet;
use super::who::{Parts, RoleSet, organisation};
use crate::framework::{PowerSource, Role};
use crate::instrument::{Instrument, ItemInfo};

/// A response read by the fast path: who, and their answers in the sheet.
#[derive(Debug)]
pub(crate) struct Fast<'a> {
    pub(crate) id: Cow<'a, str>,
    roles: RoleSet,
    organisation: Option<Cow<'a, str>>,
    holds_power: bool,
}

impl Fast<'_> {
    pub(crate) fn parts(&self) -> Parts<'_> {
        Parts {
            roles: self.roles,
            organisation: organisation(self.organisation.as_deref()),
            holds_power: self.holds_power,
            // A line with partner ratings is the simple parser's.
            partners: &super::partners::NO_PARTNERS,
        }
    }
}

/// Reads `line` into `sheet` (which it clears first), or `None` when anything
/// is not plainly valid.
pub(crate) fn parse<'a>(instrument: &Instrument, line: &'a str, sheet: &mut Sheet) -> Option<Fast<'a>> {
    sheet.clear();
    let mut de = serde_json::Deserializer::from_str(line);
    let fast = Top { instrument, sheet }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(fast)
}

/// Gives up: the simple path will say why.
fn unsure<E: de::Error>() -> E {
    E::custom("")
}

/// A string, borrowed from the input when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A string that must equal `self.0` (or, when `.1`, may be null).
struct Expect<'e>(&'e str, bool);

impl<'de> DeserializeSeed<'de> for Expect<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for Expect<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a known string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if v == self.0 { Ok(()) } else { Err(unsure()) }
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.1 { Ok(()) } else { Err(unsure()) }
    }
}

/// The top-level fields, matched without allocating.
enum Field {
    Instrument,
    InstrumentVersion,
    Respondent,
    Answers,
}

impl<'de> de::Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                match v {
                    "instrument" => Ok(Field::Instrument),
                    "instrument_version" => Ok(Field::InstrumentVersion),
                    "respondent" => Ok(Field::Respondent),
                    "answers" => Ok(Field::Answers),
                    _ => Err(unsure()),
                }
            }
        }
        deserializer.deserialize_identifier(V)
    }
}

struct Top<'i, 's> {
    instrument: &'i Instrument,
    sheet: &'s mut Sheet,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = Fast<'de>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fast<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = Fast<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a response")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fast<'de>, A::Error> {
        let (mut instrument, mut version, mut answers) = (false, false, false);
        let mut respondent = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Instrument if !instrument => {
                    map.next_value_seed(Expect(self.instrument.id(), false))?;
                    instrument = true;
                }
                Field::InstrumentVersion if !version => {
                    map.next_value_seed(Expect(self.instrument.version(), true))?;
                    version = true;
                }
                Field::Respondent if respondent.is_none() => respondent = Some(map.next_value_seed(Who)?),
                Field::Answers if !answers => {
                    map.next_value_seed(Answers { instrument: self.instrument, sheet: &mut *self.sheet })?;
                    answers = true;
                }
                _ => return Err(unsure()),
            }
        }
        match respondent {
            Some(who) if instrument && answers => Ok(who),
            _ => Err(unsure()),
        }
    }
}

/// The respondent object.
struct Who;

enum WhoField {
    Id,
    Roles,
    Organisation,
    PowerSources,
}

impl<'de> de::Deserialize<'de> for WhoField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = WhoField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a respondent field")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WhoField, E> {
                match v {
                    "id" => Ok(WhoField::Id),
                    "roles" => Ok(WhoField::Roles),
                    "organisation" => Ok(WhoField::Organisation),
                    "power_sources" => Ok(WhoField::PowerSources),
                    _ => Err(unsure()),
                }
            }
        }
        deserializer.deserialize_identifier(V)
    }
}

impl<'de> DeserializeSeed<'de> for Who {
    type Value = Fast<'de>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fast<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Who {
    type Value = Fast<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a respondent")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fast<'de>, A::Error> {
        let mut id: Option<Cow<'de, str>> = None;
        let mut roles: Option<RoleSet> = None;
        let mut org: Option<Option<Cow<'de, str>>> = None;
        let mut holds: Option<bool> = None;
        while let Some(field) = map.next_key::<WhoField>()? {
            match field {
                WhoField::Id if id.is_none() => id = Some(map.next_value::<Text<'de>>()?.0),
                WhoField::Roles if roles.is_none() => roles = Some(map.next_value_seed(Roles)?),
                WhoField::Organisation if org.is_none() => {
                    org = Some(map.next_value::<Option<Text<'de>>>()?.map(|t| t.0));
                }
                WhoField::PowerSources if holds.is_none() => holds = Some(map.next_value_seed(Sources)?),
                _ => return Err(unsure()),
            }
        }
        let org = org.flatten();
        if rules::organisation("", org.as_deref()).is_err() {
            return Err(unsure());
        }
        match id {
            Some(id) if rules::respondent_id(&id).is_ok() => Ok(Fast {
                id,
                roles: roles.unwrap_or_default(),
                organisation: org,
                holds_power: holds.unwrap_or(false),
            }),
            _ => Err(unsure()),
        }
    }
}

/// A list of role ids, as a set.
struct Roles;

impl<'de> DeserializeSeed<'de> for Roles {
    type Value = RoleSet;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RoleSet, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Roles {
    type Value = RoleSet;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("roles")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RoleSet, A::Error> {
        let mut set = RoleSet::default();
        while let Some(role) = seq.next_element::<Text<'de>>()? {
            set.insert(Role::parse(&role.0).map_err(|_| unsure())?);
        }
        Ok(set)
    }
}

/// A list of power source ids: whether there is any.
struct Sources;

impl<'de> DeserializeSeed<'de> for Sources {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Sources {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("power sources")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut any = false;
        while let Some(source) = seq.next_element::<Text<'de>>()? {
            PowerSource::parse(&source.0).map_err(|_| unsure())?;
            any = true;
        }
        Ok(any)
    }
}

/// The answers object, written straight into the sheet.
struct Answers<'i, 's> {
    instrument: &'i Instrument,
    sheet: &'s mut Sheet,
}

impl<'de> DeserializeSeed<'de> for Answers<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// An item id, resolved to the item's position while the key is read:
/// first against the item after the previous one (answers usually come in
/// the instrument's order), then by look-up.
struct ItemKey<'i> {
    instrument: &'i Instrument,
    next: usize,
}

impl<'de> DeserializeSeed<'de> for ItemKey<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for ItemKey<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an item id")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        if self.instrument.items().get(self.next).is_some_and(|item| item.id == v) {
            return Ok(self.next);
        }
        self.instrument.position(v).ok_or_else(unsure)
    }
}

/// One answer, checked against its item's scale.
struct Value(ItemInfo);

impl<'de> DeserializeSeed<'de> for Value {
    type Value = u8;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u8, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for Value {
    type Value = u8;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u8, E> {
        rules::answer(self.0, Written::Unsigned(v)).map_err(|_| unsure())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<u8, E> {
        rules::answer(self.0, Written::Signed).map_err(|_| unsure())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u8, E> {
        rules::answer(self.0, Written::Float(v)).map_err(|_| unsure())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<u8, E> {
        rules::answer(self.0, Written::Text(v)).map_err(|_| unsure())
    }
}

impl<'de> Visitor<'de> for Answers<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("answers")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let info = self.instrument.info();
        let mut next = 0;
        while let Some(position) = map.next_key_seed(ItemKey { instrument: self.instrument, next })? {
            let Some(&item) = info.get(position) else {
                map.next_value::<IgnoredAny>()?;
                return Err(unsure());
            };
            let code = map.next_value_seed(Value(item))?;
            // An item answered twice is for the simple path to report.
            if !self.sheet.set(position, code) {
                return Err(unsure());
            }
            next = position + 1;
        }
        Ok(())
    }
}
