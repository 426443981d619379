//! One contract for every input: objects only.
//!
//! serde lets a struct deserialise from a JSON array of its fields in order,
//! so `["collaboration-health-check", null, {"id": "s1"}, {}]` would read as
//! a response, though every published schema refuses it. [`ObjectsOnly`]
//! wraps a deserializer so that a struct can be read from a map and nothing
//! else, and says "a JSON object" when it finds something else. Every input
//! type's `Deserialize` goes through it.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A deserializer that reads structs only from maps.
pub(crate) struct ObjectsOnly<D>(pub(crate) D);

/// "expected …, found …": the words every wrong-typed input gets, on every
/// path, in place of serde's `invalid type: …`.
pub(crate) fn found<E: de::Error>(expected: &str, unexpected: de::Unexpected<'_>) -> E {
    let found = match unexpected {
        de::Unexpected::Unsigned(v) => format!("the number {v}"),
        de::Unexpected::Signed(v) => format!("the number {v}"),
        de::Unexpected::Float(v) => format!("the number {v}"),
        de::Unexpected::Str(v) => {
            format!("the string {}", serde_json::Value::String(crate::error::quote(v).to_string()))
        }
        de::Unexpected::Bool(v) => v.to_string(),
        de::Unexpected::Unit | de::Unexpected::Option => "null".to_owned(),
        de::Unexpected::Seq => "a list".to_owned(),
        de::Unexpected::Map => "an object".to_owned(),
        other => other.to_string(),
    };
    E::custom(format!("expected {expected}, found {found}"))
}

/// Visitor methods that refuse every JSON value but the one a visitor
/// accepts, in the words of [`found`].
macro_rules! refuse {
    ($expected:expr; $($method:ident($($arg:ident: $ty:ty)?) => $unexpected:expr),* $(,)?) => {
        $(
            fn $method<E: serde::de::Error>(self, $($arg: $ty)?) -> Result<Self::Value, E> {
                Err($crate::de::found($expected, $unexpected))
            }
        )*
    };
}
pub(crate) use refuse;

/// The refusals of a visitor that accepts only an object.
macro_rules! not_an_object {
    ($expected:expr) => {
        $crate::de::refuse!($expected;
            visit_bool(v: bool) => serde::de::Unexpected::Bool(v),
            visit_i64(v: i64) => serde::de::Unexpected::Signed(v),
            visit_u64(v: u64) => serde::de::Unexpected::Unsigned(v),
            visit_f64(v: f64) => serde::de::Unexpected::Float(v),
            visit_str(v: &str) => serde::de::Unexpected::Str(v),
            visit_unit() => serde::de::Unexpected::Unit,
        );
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err($crate::de::found($expected, serde::de::Unexpected::Seq))
        }
    };
}
pub(crate) use not_an_object;

/// A struct's visitor, which accepts only a map, and expects "a JSON object".
struct MapVisitor<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for MapVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(map)
    }

    not_an_object!("a JSON object");
}

macro_rules! forward {
    ($($method:ident),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
                self.0.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectsOnly<D> {
    type Error = D::Error;

    forward!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_tuple_struct(name, len, visitor)
    }

    /// A struct: from a map only.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // `any`, not `map`: given something else, serde_json then calls the
        // visitor, whose refusals are in words.
        self.0.deserialize_any(MapVisitor(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// `Deserialize` for an output struct, closed like the inputs: read from an
/// object only, through a private twin with the same fields and
/// `deny_unknown_fields`, so that a saved report or scorecard reads back
/// and a misspelt or foreign field is an error, not silently dropped. (serde's
/// `flatten` does not combine with `deny_unknown_fields`; a flattened part is
/// listed after `flatten`, with its own fields.) The struct literal names
/// every field, so a field added to the struct and not here fails to compile.
macro_rules! read_closed {
    ($name:ident { $($field:ident: $ty:ty),* $(,)? }
     $(flatten $part:ident: $part_ty:ident { $($part_field:ident: $part_field_ty:ty),* $(,)? })?) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Fields {
                    $($field: $ty,)*
                    $($($part_field: $part_field_ty,)*)?
                }
                let fields: Fields = $crate::de::object(deserializer)?;
                Ok(Self {
                    $($field: fields.$field,)*
                    $($part: $part_ty { $($part_field: fields.$part_field,)* },)?
                })
            }
        }
    };
}
pub(crate) use read_closed;

/// Reads a `T` from `deserializer`, a struct only from an object.
pub(crate) fn object<'de, T: de::Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::deserialize(ObjectsOnly(deserializer))
}

/// A small whole number, written as an integer or as an integral number
/// (`5.0`): JSON Schema counts both as integers, and so does the crate.
pub(crate) fn whole<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    struct Whole;
    impl Visitor<'_> for Whole {
        type Value = u8;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number from 0 to 255")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u8, E> {
            u8::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u8, E> {
            u8::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<u8, E> {
            if v.fract() == 0.0 && (0.0..=255.0).contains(&v) {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked above
                Ok(v as u8)
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
    }
    deserializer.deserialize_any(Whole)
}

/// serde's message in words a person reads: `invalid type: integer `1`,
/// expected a JSON object` becomes `expected a JSON object, found the
/// number 1`, and `EOF while parsing an object` becomes `the text ends
/// before the object is closed`. Other messages pass unchanged.
pub(crate) fn humane(message: &str) -> String {
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        return match what {
            "a value" => "the text ends where a value was expected".to_owned(),
            "a string" => "the text ends inside a string, before its closing quote".to_owned(),
            "a list" => "the text ends before the list is closed with `]`".to_owned(),
            "an object" => "the text ends before the object is closed with `}`".to_owned(),
            other => format!("the text ends inside {other}"),
        };
    }
    if message == "trailing characters" {
        return "more text follows the end of the JSON value".to_owned();
    }
    let Some(rest) =
        message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: "))
    else {
        return message.to_owned();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else { return message.to_owned() };
    let between =
        |s: &str, open: char| s.split_once(open).map(|(_, v)| v.trim_end_matches(['`', '"']).to_owned());
    let found = if let Some(v) = found.strip_prefix("integer ") {
        format!("the number {}", between(v, '`').unwrap_or_default())
    } else if let Some(v) = found.strip_prefix("floating point ") {
        format!("the number {}", between(v, '`').unwrap_or_default())
    } else if let Some(v) = found.strip_prefix("string ") {
        format!("the string {v}")
    } else if let Some(v) = found.strip_prefix("boolean ") {
        between(v, '`').unwrap_or_default()
    } else {
        match found {
            "sequence" => "a list".to_owned(),
            "map" => "an object".to_owned(),
            "null" | "unit value" => "null".to_owned(),
            other => other.to_owned(),
        }
    };
    let expected = match expected {
        "a sequence" => "a list",
        "a map" => "a JSON object",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128" => {
            "a whole number"
        }
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        other if other.starts_with("struct ") => "a JSON object",
        other => other,
    };
    format!("expected {expected}, found {found}")
}

/// A saved result (a report, a comparison, a scorecard) that could not be
/// read back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ReadError {
    /// The line of the JSON where reading stopped, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

/// Reads a saved result from JSON, with its error in words.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ReadError> {
    serde_json::from_str(json).map_err(|err| ReadError {
        line: err.line(),
        column: err.column(),
        message: humane(&crate::error::strip_position(&err)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_words() {
        // Rust's type names become words.
        assert_eq!(
            humane("invalid type: string \"x\", expected u64"),
            "expected a whole number, found the string \"x\""
        );
        assert_eq!(
            humane("invalid type: integer `1`, expected struct Summary"),
            "expected a JSON object, found the number 1"
        );
        assert_eq!(humane("invalid type: null, expected f64"), "expected a number, found null");
        assert_eq!(humane("missing field `overall`"), "missing field `overall`");
        assert_eq!(
            humane("invalid type: integer `1`, expected a JSON object"),
            "expected a JSON object, found the number 1"
        );
        assert_eq!(humane("invalid type: sequence, expected a string"), "expected a string, found a list");
        assert_eq!(
            humane("invalid type: string \"x\", expected u8"),
            "expected a whole number, found the string \"x\""
        );
        assert_eq!(
            humane("invalid type: boolean `true`, expected a JSON object"),
            "expected a JSON object, found true"
        );
        assert_eq!(humane("missing field `answers`"), "missing field `answers`");
        // serde_json's words for text that ends early, or goes on.
        assert_eq!(
            humane("EOF while parsing an object"),
            "the text ends before the object is closed with `}`"
        );
        assert_eq!(humane("EOF while parsing a value"), "the text ends where a value was expected");
        assert_eq!(humane("trailing characters"), "more text follows the end of the JSON value");
    }
}
