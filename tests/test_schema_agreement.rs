//! The committed schemas and the crate agree on what is valid.
//!
//! What this proves: for every generated document, a JSON Schema validator
//! given the committed file under `schemas/` accepts it exactly when the
//! crate does, so a form or a service in another language that checks its
//! JSON against the schema before sending it is never refused by the crate,
//! and is never told "valid" for something the crate refuses.
//!
//! - `response.schema.json` against `serde_json::from_value::<Response>`
//!   (the checks that need no instrument), and
//!   `collaboration-health-check.response.schema.json` against
//!   `Instrument::parse_response` on the built-in instrument, on responses
//!   with respondent ids and organisations of every kind (empty, blank,
//!   invisible, with control characters, non-ASCII, near and over 256
//!   characters, not strings), answers of every JSON type and range (0, 12,
//!   4.0, 3.5, `"4"`, `"N/A"`, `true`, `null`, lists, objects), unknown and
//!   missing fields, and up to 1,001 answers.
//! - `instrument.schema.json` against `Instrument::from_json` on
//!   definitions with points 0, 1, 2, 5, 5.0, 7, 11, 12 and worse, ids well
//!   formed and not (capitals, spaces, doubled or trailing hyphens, dots,
//!   257 characters), blank and over-long texts, unknown keyings and
//!   measures, and unknown and missing fields. A definition can also be
//!   refused for what no JSON Schema can say (two items with one id, an item
//!   on an undefined scale, a label count that differs from `points`, a
//!   declared foundation without items), so the generator makes only
//!   definitions whose faults, if any, a schema can express: ids are
//!   unique, items use a defined scale, labels number the points, and the
//!   declared foundations are those measured (or one repeated, which
//!   `uniqueItems` refuses).
//!
//! What it does not prove: agreement on what no schema can see (an item
//! answered twice in one object, repeated respondents in a batch, the byte
//! limits), which `tests/test_schemas.rs` and the crate's own tests cover.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::LazyLock;

use collaboration::{Foundation, Instrument, Response};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn committed(text: &str) -> jsonschema::Validator {
    jsonschema::draft202012::new(&serde_json::from_str::<Value>(text).unwrap()).unwrap()
}

static RESPONSE: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| committed(include_str!("../schemas/response.schema.json")));
static BUILTIN_RESPONSE: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| committed(include_str!("../schemas/collaboration-health-check.response.schema.json")));
static INSTRUMENT: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| committed(include_str!("../schemas/instrument.schema.json")));

/// Characters that probe the id rules: letters, white space of each kind,
/// control characters (C0, DEL, C1), invisible format characters, their
/// visible neighbours, a combining mark and characters beyond the BMP.
const CHARS: &[char] = &[
    'a',
    'Z',
    '7',
    '-',
    '.',
    '_',
    'é',
    '\u{301}',
    '🙂',
    '\u{E0001}',
    '\u{1D173}',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{0}',
    '\u{7}',
    '\u{1F}',
    '\u{7F}',
    '\u{85}',
    '\u{9F}',
    '\u{A0}',
    '\u{AD}',
    '\u{61C}',
    '\u{1680}',
    '\u{180E}',
    '\u{2000}',
    '\u{200A}',
    '\u{200B}',
    '\u{200F}',
    '\u{2010}',
    '\u{2028}',
    '\u{2029}',
    '\u{202A}',
    '\u{202F}',
    '\u{205F}',
    '\u{2060}',
    '\u{2064}',
    '\u{2065}',
    '\u{2066}',
    '\u{206F}',
    '\u{3000}',
    '\u{FEFF}',
    '\u{FFF9}',
    '\u{FFFB}',
    '\u{FFFC}',
];

/// Plain words, short strings of the probing characters, and strings
/// around a limit (`len` characters give or take two).
fn text_near(len: usize) -> impl Strategy<Value = String> {
    let short = prop::collection::vec(prop::sample::select(CHARS), 0..=4).prop_map(String::from_iter);
    let long = (prop::sample::select(&['a', 'é', ' ', '🙂'][..]), len - 2..=len + 2, any::<bool>()).prop_map(
        |(c, n, spaced)| {
            let mut s: String = std::iter::repeat_n(c, n).collect();
            if spaced {
                s.replace_range(0..c.len_utf8(), " ");
            }
            s
        },
    );
    let plain = "[a-zA-Z0-9é][a-zA-Z0-9é .-]{0,7}";
    prop_oneof![10 => proptest::string::string_regex(plain).unwrap(), 6 => short, 1 => long]
}

fn text() -> impl Strategy<Value = String> {
    text_near(256)
}

/// A JSON value of the wrong type for a string, an array or an object.
fn wrong() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![json!(7), json!(true), Value::Null, json!([]), json!({}), json!("x")])
}

/// What becomes of one field: left out, or given a value.
fn field(value: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![1 => Just(None), 12 => value.prop_map(Some)]
}

fn object(fields: Vec<(&str, Option<Value>)>, extra: Option<&str>) -> Value {
    let mut map: Map<String, Value> =
        fields.into_iter().filter_map(|(k, v)| Some((k.to_owned(), v?))).collect();
    if let Some(extra) = extra {
        map.insert(extra.to_owned(), json!("surprise"));
    }
    Value::Object(map)
}

fn extra(name: &'static str) -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![20 => Just(None), 1 => Just(Some(name))]
}

/// An answer: any JSON value, near and far from `1..=points` and `"n/a"`.
fn answer() -> impl Strategy<Value = Value> {
    prop_oneof![
        16 => (1i64..=5).prop_map(|v| json!(v)),
        3 => (-2i64..=14).prop_map(|v| json!(v)),
        1 => prop::sample::select(vec![
            json!(4.0), json!(3.5), json!(0.0), json!(-0.0), json!(11.0), json!(12.0), json!(1e300),
            json!(u64::MAX), json!(i64::MIN), json!(9_007_199_254_740_993_u64),
        ]),
        2 => prop::sample::select(vec![json!("n/a"), json!("N/A"), json!("4"), json!(""), json!(" n/a")]),
        1 => prop::sample::select(vec![json!(true), json!(false), Value::Null, json!([4]), json!({"v": 4})]),
    ]
}

/// An item id: the built-in instrument's (so that the instrument-specific
/// schema sees valid answers), or any text.
fn item_key() -> impl Strategy<Value = String> {
    let ids: Vec<String> = Instrument::builtin().items().iter().map(|i| i.id.clone()).collect();
    prop_oneof![12 => prop::sample::select(ids), 1 => text()]
}

fn answers() -> impl Strategy<Value = Value> {
    let few = prop::collection::vec((item_key(), answer()), 0..4)
        .prop_map(|pairs| Value::Object(pairs.into_iter().collect()));
    // At the limit of 1,000 answers and one past it.
    let many =
        (999usize..=1001).prop_map(|n| Value::Object((0..n).map(|i| (format!("q{i}"), json!(3))).collect()));
    prop_oneof![20 => few, 1 => many, 1 => wrong()]
}

fn ids_of(set: &'static [&'static str], junk: &'static str) -> impl Strategy<Value = Value> {
    let valid = prop::collection::vec(prop::sample::select(set), 0..3).prop_map(|v| json!(v));
    prop_oneof![12 => valid, 1 => Just(json!([junk])), 1 => Just(json!(set[0])), 1 => Just(Value::Null)]
}

fn respondent() -> impl Strategy<Value = Value> {
    let string_or_wrong = || prop_oneof![16 => text().prop_map(Value::String), 1 => wrong()];
    (
        field(string_or_wrong()),
        field(ids_of(&["system-leader", "system-activist", "system-steward"], "system-boss")),
        field(prop_oneof![1 => Just(Value::Null), 6 => string_or_wrong()]),
        field(ids_of(&["financial", "knowledge", "positional", "networks"], "charm")),
        extra("role"),
    )
        .prop_map(|(id, roles, organisation, power_sources, extra)| {
            object(
                vec![
                    ("id", id),
                    ("roles", roles),
                    ("organisation", organisation),
                    ("power_sources", power_sources),
                ],
                extra,
            )
        })
}

fn response() -> impl Strategy<Value = Value> {
    let instrument = prop_oneof![
        16 => Just(json!("collaboration-health-check")),
        1 => Just(json!("other-check")),
        1 => text().prop_map(Value::String),
        1 => wrong(),
    ];
    let version = prop_oneof![
        Just(json!("1.0.0")),
        Just(json!("0.1")),
        Just(Value::Null),
        Just(json!(1)),
        text().prop_map(Value::String),
    ];
    let response = (
        field(instrument),
        prop_oneof![Just(None), field(version)],
        field(prop_oneof![12 => respondent(), 1 => wrong()]),
        field(answers()),
        extra("comment"),
    )
        .prop_map(|(instrument, version, respondent, answers, extra)| {
            object(
                vec![
                    ("instrument", instrument),
                    ("instrument_version", version),
                    ("respondent", respondent),
                    ("answers", answers),
                ],
                extra,
            )
        });
    prop_oneof![30 => response, 1 => wrong()]
}

/// Mostly `good`, one time in `1 + odds` `bad`: each fault rare enough
/// that definitions with none are common too.
fn mostly<T: std::fmt::Debug>(
    odds: u32,
    good: impl Strategy<Value = T> + 'static,
    bad: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    prop_oneof![odds => good, 1 => bad].boxed()
}

/// One field left out, now and then.
fn left_out(fields: &'static [&'static str]) -> BoxedStrategy<Option<&'static str>> {
    mostly(30, Just(None), prop::sample::select(fields).prop_map(Some))
}

fn rare_extra(name: &'static str) -> BoxedStrategy<Option<&'static str>> {
    mostly(30, Just(None), Just(Some(name)))
}

/// An id for an instrument, a scale or an item (`dots` for an item):
/// mostly well formed; else capitals, spaces, doubled or stray hyphens or
/// dots, any text, or 255 to 258 characters.
fn id(dots: bool) -> BoxedStrategy<String> {
    let kebab = "[a-z0-9]{1,3}(-[a-z0-9]{1,3}){0,2}";
    let well_formed = if dots { format!("{kebab}(\\.{kebab}){{0,2}}") } else { kebab.to_owned() };
    let junk = prop::sample::select(vec![
        "",
        "A",
        "Agree",
        "a--b",
        "-a",
        "a-",
        "a b",
        "a_b",
        ".a",
        "a.",
        "a..b",
        "a.b",
        "é",
        "a\u{200B}",
    ]);
    let long = (255usize..=258).prop_map(|n| "a".repeat(n));
    let bad = prop_oneof![4 => junk.prop_map(str::to_owned), 2 => text(), 2 => long];
    mostly(40, proptest::string::string_regex(&well_formed).unwrap(), bad)
}

/// A title, version, prompt or label: mostly words; else text of any kind,
/// near the limit of `limit` characters, or an invisible character (which
/// the crate takes as text).
fn words(limit: usize) -> BoxedStrategy<String> {
    let words = proptest::string::string_regex("[A-Z][a-z]{0,6}( [a-z]{1,6}){0,3}").unwrap();
    mostly(40, words, prop_oneof![4 => text_near(limit), 1 => Just("\u{200B}".to_owned())])
}

/// Points, with how many labels to give: as many as the points, when they
/// are a count.
fn points() -> BoxedStrategy<(Value, usize)> {
    let good = prop::sample::select(vec![
        (json!(2), 2),
        (json!(3), 3),
        (json!(5), 5),
        (json!(7), 7),
        (json!(11), 11),
        (json!(5.0), 5),
        (json!(7.0), 7),
    ]);
    let bad = prop::sample::select(vec![
        (json!(0), 0),
        (json!(1), 1),
        (json!(12), 12),
        (json!(2.5), 3),
        (json!(-1), 3),
        (json!(300), 3),
        (json!("5"), 5),
        (Value::Null, 3),
    ]);
    mostly(8, good, bad)
}

fn scale() -> impl Strategy<Value = (String, Value)> {
    let not_applicable = mostly(
        15,
        prop_oneof![Just(None), Just(Some(json!(true))), Just(Some(json!(false)))],
        prop_oneof![Just(Some(Value::Null)), Just(Some(json!("yes")))],
    );
    (
        id(false),
        points(),
        prop::collection::vec(words(4096), 12),
        not_applicable,
        left_out(&["id", "points", "labels"]),
        rare_extra("colour"),
    )
        .prop_map(|(id, (points, count), labels, not_applicable, missing, extra)| {
            let labels: Vec<Value> = labels.into_iter().take(count).map(Value::String).collect();
            let mut scale = object(
                vec![
                    ("id", Some(json!(id))),
                    ("points", Some(points)),
                    ("labels", Some(Value::Array(labels))),
                    ("not_applicable", not_applicable),
                ],
                extra,
            );
            if let Some(missing) = missing {
                scale.as_object_mut().unwrap().remove(missing);
            }
            (id, scale)
        })
}

/// What an item measures: a foundation or a positive form of power (any
/// keying is allowed for these), or a measure no schema accepts.
fn measures() -> BoxedStrategy<Value> {
    let foundation = prop::sample::select(Foundation::ALL).prop_map(|f| json!({"foundation": f}));
    let power = prop::sample::select(vec!["power-to", "power-with", "power-within"])
        .prop_map(|p| json!({"power": p}));
    let wrong = prop::sample::select(vec![
        json!({"foundation": "team-spirit"}),
        json!({"foundation": "shared-learning", "power": "power-to"}),
        json!({}),
        json!("shared-learning"),
        json!({"feeling": "good"}),
    ]);
    mostly(30, prop_oneof![3 => foundation, 1 => power], wrong)
}

/// An item, with a number that picks the scale it uses among those
/// defined.
fn item() -> impl Strategy<Value = (String, Value, usize)> {
    let keying = mostly(
        30,
        prop_oneof![Just(None), Just(Some(json!("positive"))), Just(Some(json!("reverse")))],
        Just(Some(json!("backwards"))),
    );
    (
        id(true),
        words(4096),
        any::<prop::sample::Index>(),
        measures(),
        keying,
        left_out(&["id", "prompt", "scale", "measures"]),
        rare_extra("weight"),
    )
        .prop_map(|(id, prompt, scale, measures, keying, missing, extra)| {
            let mut item = object(
                vec![
                    ("id", Some(json!(id))),
                    ("prompt", Some(json!(prompt))),
                    // Filled in with a defined scale's id by `definition`.
                    ("scale", Some(Value::Null)),
                    ("measures", Some(measures)),
                    ("keying", keying),
                ],
                extra,
            );
            if let Some(missing) = missing {
                item.as_object_mut().unwrap().remove(missing);
            }
            (id, item, scale.index(usize::MAX))
        })
}

/// Keeps the first of each id.
fn unique<T>(entries: Vec<(String, T)>) -> Vec<(String, T)> {
    let mut seen = std::collections::HashSet::new();
    entries.into_iter().filter(|(id, _)| seen.insert(id.clone())).collect()
}

/// An instrument definition whose faults, if any, a JSON Schema can
/// express.
fn definition() -> impl Strategy<Value = Value> {
    let version =
        mostly(20, Just(json!("1.0.0")), prop_oneof![words(256).prop_map(Value::String), Just(json!(1))]);
    let source = mostly(10, Just("our own".to_owned()), prop_oneof![Just(String::new()), text_near(4096)]);
    let scales = mostly(30, prop::collection::vec(scale(), 1..4), Just(Vec::new()));
    let items = mostly(30, prop::collection::vec(item(), 1..5), Just(Vec::new()));
    (
        id(false),
        version,
        words(4096),
        source,
        0..4usize,
        scales,
        items,
        left_out(&["id", "version", "title", "source", "scales", "items"]),
        rare_extra("colour"),
    )
        .prop_map(|(id, version, title, source, foundations, scales, items, missing, extra)| {
            let scales = unique(scales);
            let items: Vec<(String, (Value, usize))> =
                unique(items.into_iter().map(|(id, item, scale)| (id, (item, scale))).collect());
            let scale_ids: Vec<&String> = scales.iter().map(|(id, _)| id).collect();
            let items: Vec<Value> = items
                .into_iter()
                .map(|(_, (mut item, scale))| {
                    // A defined scale, or (when there is none) an undefined
                    // one, which the schema refuses as no scales at all.
                    let scale =
                        if scale_ids.is_empty() { "agreement" } else { scale_ids[scale % scale_ids.len()] };
                    if let Some(slot) = item.get_mut("scale") {
                        *slot = json!(scale);
                    }
                    item
                })
                .collect();
            // The foundations the items measure, in the Guide's order:
            // declared as they are, or with the first repeated.
            let measured: Vec<Foundation> = Foundation::iter()
                .filter(|f| items.iter().any(|i| i["measures"] == json!({"foundation": f})))
                .collect();
            let foundations = match foundations {
                0 => None,
                1 => Some(Value::Null),
                2 => Some(json!(measured)),
                _ => Some(json!(measured.iter().chain(measured.first()).collect::<Vec<_>>())),
            };
            let mut def = object(
                vec![
                    ("id", Some(json!(id))),
                    ("version", Some(version)),
                    ("title", Some(json!(title))),
                    ("source", Some(json!(source))),
                    ("foundations", foundations),
                    ("scales", Some(Value::Array(scales.into_iter().map(|(_, s)| s).collect()))),
                    ("items", Some(Value::Array(items))),
                ],
                extra,
            );
            if let Some(missing) = missing {
                def.as_object_mut().unwrap().remove(missing);
            }
            def
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn the_response_schema_and_serde_agree(doc in response()) {
        let by_schema = RESPONSE.is_valid(&doc);
        let by_serde = serde_json::from_value::<Response>(doc.clone());
        prop_assert_eq!(by_schema, by_serde.is_ok(), "schema {} but serde {:?} for {}", by_schema, by_serde.err(), doc);
    }

    #[test]
    fn the_builtin_response_schema_and_parse_response_agree(doc in response()) {
        let by_schema = BUILTIN_RESPONSE.is_valid(&doc);
        let by_crate = Instrument::builtin().parse_response(&doc.to_string());
        prop_assert_eq!(by_schema, by_crate.is_ok(), "schema {} but the crate {:?} for {}", by_schema, by_crate.err(), doc);
    }

    #[test]
    fn the_instrument_schema_and_from_json_agree(doc in definition()) {
        let by_schema = INSTRUMENT.is_valid(&doc);
        let by_crate = Instrument::from_json(&doc.to_string());
        prop_assert_eq!(by_schema, by_crate.is_ok(), "schema {} but the crate {:?} for {}", by_schema, by_crate.err(), doc);
    }
}

/// The generators reach both verdicts, each at least once in 20: a test
/// that only ever saw refusals (or only acceptances) would prove little.
#[test]
fn the_generators_make_valid_and_invalid_documents() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut count = |strategy: &dyn Fn(&mut TestRunner) -> Value, validator: &jsonschema::Validator| {
        let valid = (0..500).filter(|_| validator.is_valid(&strategy(&mut runner))).count();
        eprintln!("{valid} of 500 valid");
        assert!((25..=475).contains(&valid), "{valid} of 500 valid");
    };
    count(&|r| response().new_tree(r).unwrap().current(), &RESPONSE);
    count(&|r| response().new_tree(r).unwrap().current(), &BUILTIN_RESPONSE);
    count(&|r| definition().new_tree(r).unwrap().current(), &INSTRUMENT);
}

/// The count limits, each at the limit and one past it.
#[test]
fn the_count_limits_agree() {
    let builtin = serde_json::to_value(Instrument::builtin()).unwrap();
    for (scales, items) in [(100, 1000), (101, 1), (1, 1001)] {
        let mut def = builtin.clone();
        let scale = def["scales"][0].clone();
        let item = def["items"][0].clone();
        def["scales"] = Value::Array(
            (0..scales)
                .map(|n| {
                    let mut s = scale.clone();
                    s["id"] = if n == 0 { scale["id"].clone() } else { json!(format!("s{n}")) };
                    s
                })
                .collect(),
        );
        def["items"] = Value::Array(
            (0..items)
                .map(|n| {
                    let mut i = item.clone();
                    i["id"] = json!(format!("q.{n}"));
                    i
                })
                .collect(),
        );
        def.as_object_mut().unwrap().remove("foundations");
        let by_schema = INSTRUMENT.is_valid(&def);
        let by_crate = Instrument::from_json(&def.to_string());
        assert_eq!(by_schema, by_crate.is_ok(), "{scales} scales, {items} items: {:?}", by_crate.err());
        assert_eq!(by_schema, scales <= 100 && items <= 1000);
    }
}
