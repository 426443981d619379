//! One answer or rating as it was written, before it is checked: what both
//! the response and the partner ratings are read into, so that each problem
//! can name the value as given.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::rules::Written;

/// One answer as it was written, before it is checked against a scale.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Given {
    /// A number JSON allows but a double cannot hold, such as `1e400`, as
    /// written.
    Huge(String),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Bool(bool),
    Null,
    List,
    Object,
}

impl fmt::Display for Given {
    /// The answer as JSON (lists and objects abbreviated).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Huge(text) => write!(f, "{}", crate::error::quote(text)),
            Self::Unsigned(v) => write!(f, "{v}"),
            Self::Signed(v) => write!(f, "{v}"),
            Self::Float(v) => write!(f, "{v}"),
            Self::Text(s) => write!(f, "{}", serde_json::Value::String(crate::error::quote(s).to_string())),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Null => f.write_str("null"),
            Self::List => f.write_str("[…]"),
            Self::Object => f.write_str("{…}"),
        }
    }
}

impl Given {
    /// The answer as the rules see it.
    pub(crate) fn written(&self) -> Written<'_> {
        match self {
            Self::Unsigned(v) => Written::Unsigned(*v),
            Self::Signed(_) => Written::Signed,
            Self::Float(v) => Written::Float(*v),
            Self::Text(s) => Written::Text(s),
            Self::Huge(_) | Self::Bool(_) | Self::Null | Self::List | Self::Object => Written::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Given;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Given, E> {
                Ok(Given::Unsigned(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Given, E> {
                Ok(Given::Signed(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Given, E> {
                Ok(Given::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Given, E> {
                Ok(Given::Text(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Given, E> {
                Ok(Given::Bool(v))
            }
            fn visit_unit<E>(self) -> Result<Given, E> {
                Ok(Given::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Given, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Given::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Given, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Given::Object)
            }
        }
        deserializer.deserialize_any(V)
    }
}
