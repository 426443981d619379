//! A value of one of the crate's wire types, written for JavaScript to build
//! as an object directly: the crate's own `Serialize` impls drive a serde
//! `Serializer` that writes a tape of numbers (`f64`) and one text of the
//! strings, and `js/tape.js` builds the object from the two in one pass.
//!
//! Why not JSON text and `JSON.parse`: for one scorecard, `JSON.parse` of
//! the ~3.6 KB alone took longer than the whole scoring (Node 20, measured
//! in bench/), and writing the JSON (escaping every string byte by byte)
//! about as long again. The object built from the tape has exactly the
//! fields and values `JSON.parse` of the crate's JSON gives (the Node test
//! compares every scorecard and report with the Rust CLI's JSON), because
//! the data model is mapped as `serde_json` maps it: `None` and unit are
//! `null`, a non-finite number is `null`, bytes are an array of numbers, an
//! enum's variant is its name or a one-key object, a map's keys are
//! strings.
//!
//! The tape: `NULL`, `FALSE`, `TRUE`; `NUM x`; `STR n` (the next `n`
//! UTF-16 units of the text); `ARR … END`; `OBJ (key value)… END`. A field
//! name or a variant name (a `&'static str`) is sent once per module as
//! `NEW n` (from the text) and then named by its index as `NAME i`, so that
//! JavaScript builds every object with the same key strings; a map's key is
//! `KEY n` (from the text).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use serde::ser::{self, Serialize};

/// `null`.
pub const NULL: f64 = 0.0;
/// `false`.
pub const FALSE: f64 = 1.0;
/// `true`.
pub const TRUE: f64 = 2.0;
/// A number: the next entry.
pub const NUM: f64 = 3.0;
/// A string: the next entry is its length in UTF-16 units, in the text.
pub const STR: f64 = 4.0;
/// An array, to `END`.
pub const ARR: f64 = 5.0;
/// An object, to `END`: keys and values.
pub const OBJ: f64 = 6.0;
/// The end of an array or object.
pub const END: f64 = 7.0;
/// A name already sent: the next entry is its index.
pub const NAME: f64 = 8.0;
/// A name sent now: the next entry is its length, in the text; it takes the
/// next index.
pub const NEW: f64 = 9.0;
/// A map's key: the next entry is its length, in the text.
pub const KEY: f64 = 10.0;

/// A value written as a tape and its text.
#[derive(Debug, Default)]
pub struct Tape {
    /// The tape.
    pub tape: Vec<f64>,
    /// The strings, one after another.
    pub text: String,
}

/// Why a value could not be written: a map key that is not a string or a
/// number (which `serde_json` refuses too), or a `Serialize` impl's own
/// error.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

/// The names JavaScript has been sent, for this module's life: each
/// `&'static str` by its address and length, with its index in
/// JavaScript's list. JavaScript keeps that list in an array the module
/// owns too (see `lib.rs`), so the two always agree. A name written at two
/// addresses is sent twice, under two indices, which does no harm.
#[derive(Debug, Default)]
pub struct Names(HashMap<u64, u32, BuildHasherDefault<AddressHasher>>);

impl Names {
    /// How many names have been sent.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    fn truncate(&mut self, len: usize) {
        self.0.retain(|_, i| (*i as usize) < len);
    }
}

/// A hasher for addresses: a multiplication spreads them well enough,
/// where `SipHash` took a fifth of a scorecard's time (profiled in Node).
#[derive(Debug, Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Writes `value` as a tape, naming fields by `names` (and adding to it).
///
/// # Errors
///
/// As [`Error`] says.
pub fn write<T: Serialize + ?Sized>(value: &T, names: &mut Names) -> Result<Tape, Error> {
    let known = names.len();
    let mut writer = Writer { out: Tape::default(), names: std::mem::take(names) };
    let written = value.serialize(&mut writer);
    *names = writer.names;
    match written {
        Ok(()) => Ok(writer.out),
        Err(e) => {
            // This tape is never sent, so neither are the names it added.
            names.truncate(known);
            Err(e)
        }
    }
}

/// The serializer.
#[derive(Debug)]
struct Writer {
    out: Tape,
    names: Names,
}

impl Writer {
    fn text(&mut self, op: f64, s: &str) {
        self.out.text.push_str(s);
        #[allow(clippy::cast_precision_loss)]
        let units = if s.is_ascii() { s.len() } else { s.encode_utf16().count() } as f64;
        self.out.tape.extend_from_slice(&[op, units]);
    }

    fn name(&mut self, name: &'static str) {
        // The address and the length: a name is found with no comparison of
        // its text.
        let address = (name.as_ptr() as usize as u64) ^ ((name.len() as u64) << 48);
        let next = u32::try_from(self.names.0.len()).unwrap_or(u32::MAX);
        match self.names.0.entry(address) {
            Entry::Occupied(known) => self.out.tape.extend_from_slice(&[NAME, f64::from(*known.get())]),
            Entry::Vacant(new) => {
                new.insert(next);
                self.text(NEW, name);
            }
        }
    }

    fn num(&mut self, x: f64) {
        if x.is_finite() {
            self.out.tape.extend_from_slice(&[NUM, x]);
        } else {
            // serde_json writes null for NaN and the infinities.
            self.out.tape.push(NULL);
        }
    }
}

type Res = Result<(), Error>;

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Seq<'a>;
    type SerializeStruct = Seq<'a>;
    type SerializeStructVariant = Seq<'a>;

    fn serialize_bool(self, v: bool) -> Res {
        self.out.tape.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.num(f64::from(v));
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.num(f64::from(v));
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.num(f64::from(v));
        Ok(())
    }
    #[allow(clippy::cast_precision_loss)] // as JSON.parse reads a long integer: the nearest double
    fn serialize_i64(self, v: i64) -> Res {
        self.num(v as f64);
        Ok(())
    }
    #[allow(clippy::cast_precision_loss)]
    fn serialize_i128(self, v: i128) -> Res {
        self.num(v as f64);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.num(f64::from(v));
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.num(f64::from(v));
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.num(f64::from(v));
        Ok(())
    }
    #[allow(clippy::cast_precision_loss)]
    fn serialize_u64(self, v: u64) -> Res {
        self.num(v as f64);
        Ok(())
    }
    #[allow(clippy::cast_precision_loss)]
    fn serialize_u128(self, v: u128) -> Res {
        self.num(v as f64);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Res {
        // serde_json writes an f32 in its shortest digits, which JSON.parse
        // reads as the nearest double to those digits: the same here.
        let x = if v.is_finite() { v.to_string().parse().unwrap_or(f64::from(v)) } else { f64::NAN };
        self.num(x);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Res {
        self.num(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Res {
        self.text(STR, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Res {
        self.text(STR, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Res {
        self.out.tape.push(ARR);
        for &b in v {
            self.num(f64::from(b));
        }
        self.out.tape.push(END);
        Ok(())
    }
    fn serialize_none(self) -> Res {
        self.out.tape.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.out.tape.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Res {
        self.out.tape.push(NULL);
        Ok(())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Res {
        self.name(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Res {
        self.out.tape.push(OBJ);
        self.name(variant);
        value.serialize(&mut *self)?;
        self.out.tape.push(END);
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>, Error> {
        self.out.tape.push(ARR);
        Ok(Seq { w: self, ends: 1 })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'a>, Error> {
        self.out.tape.push(OBJ);
        self.name(variant);
        self.out.tape.push(ARR);
        Ok(Seq { w: self, ends: 2 })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Seq<'a>, Error> {
        self.out.tape.push(OBJ);
        Ok(Seq { w: self, ends: 1 })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Seq<'a>, Error> {
        self.out.tape.push(OBJ);
        Ok(Seq { w: self, ends: 1 })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'a>, Error> {
        self.out.tape.push(OBJ);
        self.name(variant);
        self.out.tape.push(OBJ);
        Ok(Seq { w: self, ends: 2 })
    }
}

/// An array or object being written, and how many `END`s close it.
#[derive(Debug)]
pub struct Seq<'a> {
    w: &'a mut Writer,
    ends: usize,
}

impl Seq<'_> {
    #[allow(clippy::unnecessary_wraps)] // the shape every `end` of serde's returns
    fn end(self) -> Res {
        for _ in 0..self.ends {
            self.w.out.tape.push(END);
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Seq::end(self)
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Seq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Seq::end(self)
    }
}

impl ser::SerializeTupleVariant for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Seq::end(self)
    }
}

impl ser::SerializeStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.w.name(key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Seq::end(self)
    }
}

impl ser::SerializeStructVariant for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.w.name(key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Seq::end(self)
    }
}

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Res {
        // As serde_json: a string, or a number or bool written as one.
        let key = key.serialize(KeyText)?;
        self.w.text(KEY, &key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        Seq::end(self)
    }
}

/// A map key as the text `serde_json` writes for it.
#[derive(Debug)]
struct KeyText;

fn not_a_key() -> Error {
    Error("a map key must be a string or a number".to_owned())
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_f64(self, _v: f64) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_owned())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_none(self) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _v: &T) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_unit_struct(self, _n: &'static str) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_unit_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        v: &T,
    ) -> Result<String, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        _variant: &'static str,
        _v: &T,
    ) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_seq(self, _l: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _l: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _l: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _l: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_a_key())
    }
    fn serialize_map(self, _l: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(not_a_key())
    }
    fn serialize_struct(self, _n: &'static str, _l: usize) -> Result<Self::SerializeStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _l: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_a_key())
    }
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::float_cmp,
    clippy::panic,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
mod tests {
    use super::*;
    use serde_json::{Map, Value};

    /// A reader of the tape in Rust, the way `js/tape.js` reads it, so the
    /// tape can be compared with what `JSON.parse` makes of `serde_json`'s
    /// text (an independent path: `serde_json`'s own mapping of the data
    /// model).
    fn read(tape: &Tape, names: &mut Vec<String>) -> Value {
        let text: Vec<u16> = tape.text.encode_utf16().collect();
        let (mut i, mut p) = (0, 0);
        read_value(&tape.tape, &text, names, &mut i, &mut p)
    }

    fn take(text: &[u16], p: &mut usize, n: f64) -> String {
        let n = n as usize;
        let s = String::from_utf16(&text[*p..*p + n]).unwrap();
        *p += n;
        s
    }

    fn read_value(t: &[f64], text: &[u16], names: &mut Vec<String>, i: &mut usize, p: &mut usize) -> Value {
        let op = t[*i];
        *i += 1;
        match op {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            NUM => {
                *i += 1;
                serde_json::Number::from_f64(t[*i - 1]).map_or(Value::Null, Value::Number)
            }
            STR => {
                *i += 1;
                Value::String(take(text, p, t[*i - 1]))
            }
            NAME | NEW => {
                *i -= 1;
                Value::String(read_name(t, text, names, i, p))
            }
            ARR => {
                let mut out = Vec::new();
                while t[*i] != END {
                    out.push(read_value(t, text, names, i, p));
                }
                *i += 1;
                Value::Array(out)
            }
            OBJ => {
                let mut out = Map::new();
                while t[*i] != END {
                    let key = read_name(t, text, names, i, p);
                    out.insert(key, read_value(t, text, names, i, p));
                }
                *i += 1;
                Value::Object(out)
            }
            other => panic!("op {other}"),
        }
    }

    fn read_name(t: &[f64], text: &[u16], names: &mut Vec<String>, i: &mut usize, p: &mut usize) -> String {
        let (op, arg) = (t[*i], t[*i + 1]);
        *i += 2;
        match op {
            NAME => names[arg as usize].clone(),
            NEW => {
                let name = take(text, p, arg);
                names.push(name.clone());
                name
            }
            KEY => take(text, p, arg),
            other => panic!("key op {other}"),
        }
    }

    /// What JavaScript's `JSON.parse` makes of `serde_json`'s text for
    /// `value`: every number a double.
    fn parsed<T: serde::Serialize>(value: &T) -> Value {
        fn doubles(v: Value) -> Value {
            match v {
                Value::Number(n) => {
                    serde_json::Number::from_f64(n.as_f64().unwrap()).map_or(Value::Null, Value::Number)
                }
                Value::Array(a) => Value::Array(a.into_iter().map(doubles).collect()),
                Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, doubles(v))).collect()),
                v => v,
            }
        }
        doubles(serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap())
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        UnitOne,
        New(u8),
        Tuple(u8, bool),
        Struct { x: f32 },
    }

    #[derive(serde::Serialize)]
    struct Sample {
        name: String,
        missing: Option<u8>,
        kinds: Vec<Kind>,
        map: std::collections::BTreeMap<u32, f64>,
        bytes: serde_bytes_like::Bytes,
        nan: f64,
        unit: (),
        big: u64,
        accent: char,
    }

    mod serde_bytes_like {
        /// Serialised with `serialize_bytes`.
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn the_tape_reads_back_as_serde_json_maps_the_value() {
        let sample = Sample {
            name: "Zoë ☂ \u{1F600}".to_owned(),
            missing: None,
            kinds: vec![Kind::UnitOne, Kind::New(3), Kind::Tuple(1, true), Kind::Struct { x: 0.1 }],
            map: [(2, 0.5), (10, -1.0)].into_iter().collect(),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            nan: f64::NAN,
            unit: (),
            big: u64::MAX,
            accent: 'é',
        };
        let mut names = Names::default();
        let mut js_names = Vec::new();
        let first = write(&sample, &mut names).unwrap();
        assert_eq!(read(&first, &mut js_names), parsed(&sample));
        // The second time every name is known already: none is sent again.
        let sent = names.len();
        let second = write(&sample, &mut names).unwrap();
        assert_eq!(names.len(), sent);
        assert!(!second.text.contains("missing") && first.text.contains("missing"));
        assert_eq!(read(&second, &mut js_names), parsed(&sample));
    }

    #[test]
    fn a_scorecard_reads_back_as_its_json() {
        // The sample team's first respondent: roles, power, spectrum and
        // misconceptions all answered.
        let hc = collaboration::Instrument::builtin();
        let team = include_str!("../../../examples/data/team.jsonl");
        let card = hc.score(&hc.parse_response(team.lines().next().unwrap()).unwrap()).unwrap();
        let mut names = Names::default();
        let tape = write(&card, &mut names).unwrap();
        assert_eq!(read(&tape, &mut Vec::new()), parsed(&card));
    }

    #[test]
    fn a_map_key_that_is_not_text_is_refused_as_serde_json_refuses_it() {
        let map: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(serde_json::to_value(&map).is_err());
        assert!(write(&map, &mut Names::default()).is_err());
    }
}
