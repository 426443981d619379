//! How findings leave: JSON Schemas (draft 2020-12) of every wire type, for
//! validators and code generators in other languages.

use schemars::generate::SchemaSettings;
use schemars::transform::{RecursiveTransform, RestrictFormats};
use schemars::{JsonSchema, Schema, json_schema};
use serde_json::{Map, Value, json};

use crate::framework::Catalogue;
use crate::import::Mapping;
use crate::instrument::Instrument;
use crate::report::{AggregateState, Comparison, GroupReport};
use crate::response::NOT_APPLICABLE;
use crate::response::{PartnerRating, Respondent, Response};
use crate::score::Scorecard;

crate::framework::set::closed_set! {
/// A JSON shape the crate reads or writes, each with its JSON Schema.
///
/// ```
/// use collaboration::WireType;
///
/// let schema = WireType::Response.schema();
/// assert_eq!(schema.get("title").and_then(|t| t.as_str()), Some("Response"));
/// assert_eq!(WireType::GroupReport.file_name(), "group-report.schema.json");
/// ```
pub enum WireType as "wire type" {
    /// One response (input).
    Response,
    /// A batch of responses as one JSON array (input; JSON Lines hold one
    /// response per line).
    Batch,
    /// An instrument definition (input).
    Instrument,
    /// One respondent's scorecard (output).
    Scorecard,
    /// A group report (output).
    GroupReport,
    /// A comparison over time (output).
    Comparison,
    /// The framework catalogue (output).
    Catalogue,
    /// A saved aggregate state, in its JSON form (output and input).
    AggregateState,
    /// How to read a form tool's spreadsheet (input).
    ImportMapping,
}
}

/// The meta-schema every schema follows.
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The prefix of every schema's `$id`.
pub const SCHEMA_ID_PREFIX: &str = "urn:collaboration:schema:";

/// Rustdoc prose as a schema description: the first paragraphs up to any
/// code example or section heading, each paragraph on one line, with
/// rustdoc's link syntax reduced to the linked words.
fn tidy(description: &str) -> String {
    let mut paragraphs = Vec::new();
    for paragraph in description.split("\n\n") {
        let paragraph = paragraph.trim();
        if paragraph.starts_with("```") || paragraph.starts_with('#') {
            break;
        }
        paragraphs.push(unlink(&paragraph.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    paragraphs.join("\n\n")
}

/// Prose without link syntax: an intra-doc link `` [`Band`] `` reads
/// `Band`, and `` [`Band`](crate::score::Band) ``, `[words](target)` and
/// `[words][target]` read as their words (code spans lose their backticks
/// only inside a link). Code spans are copied as they are, so brackets in
/// them stay; other brackets are text.
fn unlink(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['[', '`']) {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        if let Some(code) = tail.strip_prefix('`') {
            // A code span, copied up to its closing backtick.
            let end = code.find('`').map_or(code.len(), |end| end + 1);
            let (span, after) = code.split_at(end);
            out.push('`');
            out.push_str(span);
            rest = after;
        } else if let Some((words, after)) = link(tail) {
            out.push_str(words);
            rest = after;
        } else {
            out.push('[');
            rest = tail.strip_prefix('[').unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// The text after a link's `(target)` or `[target]`, when `after` starts
/// with one.
fn target(after: &str, open: char, close: char) -> Option<&str> {
    after.strip_prefix(open).and_then(|t| t.split_once(close)).map(|(_, after)| after)
}

/// The words of the link that `tail` starts with, and the text after it.
fn link(tail: &str) -> Option<(&str, &str)> {
    let (label, after) = tail.strip_prefix('[')?.split_once(']')?;
    if label.contains('[') {
        return None;
    }
    let words = label.strip_prefix('`').and_then(|l| l.strip_suffix('`')).unwrap_or(label);
    if let Some(after) = target(after, '(', ')').or_else(|| target(after, '[', ']')) {
        Some((words, after))
    } else if words.len() + 2 == label.len() && !words.contains('`') {
        // `` [`Band`] ``: an intra-doc link in its short form.
        Some((words, after))
    } else {
        None
    }
}

fn tidy_descriptions(schema: &mut Schema) {
    if let Some(Value::String(description)) = schema.get_mut("description") {
        *description = tidy(description);
    }
}

/// `$ref` beside other keywords (a field's own description) becomes
/// `allOf: [{"$ref": …}]` beside them: the same constraint, and code
/// generators then use the referenced type itself instead of making a copy
/// of it under a numbered name (`PowerSide1`).
fn lone_refs(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else { return };
    if object.len() < 2 {
        return;
    }
    let Some(reference) = object.shift_remove("$ref") else { return };
    let reference = json!({ "$ref": reference });
    match object.get_mut("allOf") {
        Some(Value::Array(all)) => all.insert(0, reference),
        _ => {
            object.insert("allOf".to_owned(), json!([reference]));
        }
    }
}

/// An output object lists every field the crate writes, and no other: the
/// same closed shape as the inputs (which `deny_unknown_fields` closes), so
/// that generated types have no open index signature.
fn closed_objects(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else { return };
    let is_object = match object.get("type") {
        Some(Value::String(kind)) => kind == "object",
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == "object"),
        _ => false,
    };
    let open = ["additionalProperties", "unevaluatedProperties", "patternProperties"]
        .iter()
        .all(|key| !object.contains_key(*key));
    if is_object && open {
        object.insert("additionalProperties".to_owned(), Value::Bool(false));
    }
}

/// Inline object schemas given a `title` among the `oneOf` or `anyOf` of an
/// enum (the variants of [`Measure`](crate::instrument::Measure)) move to
/// `$defs` under that title, so every code generator names them after it
/// (`FoundationMeasure`), not after their place (`Measure1`).
fn hoist_titled_variants(schema: &mut Schema) {
    fn walk(value: &mut Value, hoisted: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(object) => {
                for key in ["oneOf", "anyOf"] {
                    let Some(Value::Array(variants)) = object.get_mut(key) else { continue };
                    for variant in variants {
                        let Value::Object(fields) = variant else { continue };
                        if fields.get("type").and_then(Value::as_str) != Some("object") {
                            continue;
                        }
                        let Some(Value::String(title)) = fields.shift_remove("title") else { continue };
                        let reference = json!({ "$ref": format!("#/$defs/{title}") });
                        hoisted.push((title, std::mem::replace(variant, reference)));
                    }
                }
                object.values_mut().for_each(|v| walk(v, hoisted));
            }
            Value::Array(values) => values.iter_mut().for_each(|v| walk(v, hoisted)),
            _ => {}
        }
    }
    let mut hoisted = Vec::new();
    if let Some(object) = schema.as_object_mut() {
        object.values_mut().for_each(|v| walk(v, &mut hoisted));
        if hoisted.is_empty() {
            return;
        }
        if let Value::Object(definitions) =
            object.entry("$defs".to_owned()).or_insert_with(|| Value::Object(Map::new()))
        {
            definitions.extend(hoisted);
        }
    }
}

/// The wire's description of types whose rustdoc speaks of Rust (`Ord`,
/// `Foundation::iter`). These closed sets cannot carry a
/// `#[schemars(description)]` of their own: `closed_set!` puts a type's
/// attributes before its derives.
const WIRE_DESCRIPTIONS: [(&str, &str); 3] = [
    ("Foundation", "One of the Guide's six foundations for effective collaboration, in the Guide's order."),
    (
        "CollaborativeBehaviour",
        "One of the seven collaborative behaviours the Guide lists under its foundation 4, collaborative behaviours.",
    ),
    (
        "InfrastructureElement",
        "One of the six pieces of collaborative infrastructure the Guide lists under its foundation 6, collaborative infrastructure.",
    ),
];

fn wire_descriptions(schema: &mut Schema) {
    let Some(Value::Object(definitions)) = schema.get_mut("$defs") else { return };
    for (name, description) in WIRE_DESCRIPTIONS {
        if let Some(Value::Object(definition)) = definitions.get_mut(name) {
            definition.insert("description".to_owned(), Value::String(description.to_owned()));
        }
    }
}

fn settings(input: bool) -> SchemaSettings {
    let mut settings = SchemaSettings::draft2020_12()
        .with_transform(RestrictFormats::default())
        .with_transform(RecursiveTransform(tidy_descriptions))
        .with_transform(RecursiveTransform(lone_refs));
    if !input {
        settings = settings.with_transform(RecursiveTransform(closed_objects));
    }
    if input { settings.for_deserialize() } else { settings.for_serialize() }
}

fn root<T: JsonSchema>(input: bool) -> Schema {
    let mut schema = settings(input).into_generator().into_root_schema_for::<T>();
    hoist_titled_variants(&mut schema);
    wire_descriptions(&mut schema);
    schema
}

/// The schema with `$schema`, `$id`, `title` and `description` first.
fn label(schema: Schema, id: &str, title: &str, description: &str) -> Schema {
    let mut rest = match schema.to_value() {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let mut map = Map::new();
    map.insert("$schema".to_owned(), rest.shift_remove("$schema").unwrap_or_else(|| json!(DRAFT_2020_12)));
    map.insert("$id".to_owned(), Value::String(format!("{SCHEMA_ID_PREFIX}{id}")));
    map.insert("title".to_owned(), Value::String(title.to_owned()));
    map.insert("description".to_owned(), Value::String(description.to_owned()));
    rest.shift_remove("title");
    rest.shift_remove("description");
    map.extend(rest);
    Schema::from(map)
}

impl WireType {
    /// Whether the crate reads this shape (its schema is the deserialize
    /// contract) rather than writes it (the serialize contract).
    pub const fn is_input(self) -> bool {
        matches!(
            self,
            Self::Response | Self::Batch | Self::Instrument | Self::AggregateState | Self::ImportMapping
        )
    }

    /// The file the schema is kept in under `schemas/`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.id())
    }

    /// The type's JSON Schema (draft 2020-12), with `$id`, `title` and
    /// `description`.
    pub fn schema(self) -> Schema {
        let input = self.is_input();
        let (schema, title, description) = match self {
            Self::Response => (
                root::<Response>(input),
                "Response",
                "One person's answers to one instrument. Answers are integers on the item's scale, or \"n/a\" where the scale allows it; a missing item was not answered.",
            ),
            Self::Batch => {
                let mut schema = root::<Vec<Response>>(input);
                schema.insert("minItems".to_owned(), json!(1));
                (
                    schema,
                    "Batch",
                    "A batch of responses as one JSON array; respondent ids must be unique within it. (JSON Lines batches hold one Response per line.)",
                )
            }
            Self::Instrument => (
                root::<Instrument>(input),
                "Instrument",
                "An instrument definition: a versioned set of items, each answered on an ordinal scale.",
            ),
            Self::Scorecard => (
                root::<Scorecard>(input),
                "Scorecard",
                "One respondent's results. Absent scores are null, never NaN.",
            ),
            Self::GroupReport => (
                root::<GroupReport>(input),
                "GroupReport",
                "A group's results: agreement, divided views, perspectives, power, misconceptions and the spectrum. Absent statistics are null, never NaN.",
            ),
            Self::Comparison => (
                root::<Comparison>(input),
                "Comparison",
                "Two reports or scorecards on one instrument, compared over time.",
            ),
            Self::Catalogue => (
                root::<Catalogue>(input),
                "Catalogue",
                "The whole framework: foundations with their reflection questions, behaviours, infrastructure, roles, power, misconceptions and the collaboration spectrum.",
            ),
            Self::AggregateState => (
                root::<AggregateState>(input),
                "AggregateState",
                "A saved aggregate: every count a group report needs, with keyed fingerprints in place of respondent ids. Confidential: its counts are not suppressed; share reports, not states.",
            ),
            Self::ImportMapping => (
                root::<Mapping>(input),
                "ImportMapping",
                "How to read a spreadsheet of answers exported by a form tool: which columns give the respondent and the items, what cell texts mean, how many rows head the table and which sheet to read. Everything is optional and overrides the automatic matching.",
            ),
        };
        label(schema, self.id(), title, description)
    }
}

/// The parts of every instrument's response schema that no instrument
/// changes, as schemars generates them for [`Respondent`] and
/// [`PartnerRating`]: what [`Instrument::response_schema`] generates each
/// time, and [`Instrument::response_schema_from`] takes ready-made.
///
/// A program that makes many response schemas, or that would rather not
/// carry schemars' generator (the WebAssembly module, which reads these
/// parts from JSON it was built with), generates them once. They serialise
/// as JSON and read back the same.
///
/// ```
/// use collaboration::Instrument;
/// use collaboration::schema::ResponseSchemaParts;
///
/// let parts = ResponseSchemaParts::generate();
/// let hc = Instrument::builtin();
/// assert_eq!(hc.response_schema_from(&parts), hc.response_schema());
/// let text = serde_json::to_string(&parts)?;
/// assert_eq!(serde_json::from_str::<ResponseSchemaParts>(&text)?, parts);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSchemaParts {
    /// The respondent's schema (a `$ref` into the definitions).
    pub respondent: Value,
    /// A partner rating's schema (a `$ref` into the definitions).
    pub partner_rating: Value,
    /// The `$defs` of a response schema without partner ratings.
    pub definitions: Map<String, Value>,
    /// The `$defs` of a response schema with partner ratings.
    pub partner_definitions: Map<String, Value>,
}

impl ResponseSchemaParts {
    /// The parts, generated by schemars with the settings of every input
    /// schema.
    pub fn generate() -> Self {
        let mut generator = settings(true).into_generator();
        let respondent = generator.subschema_for::<Respondent>();
        let definitions = generator.take_definitions(true);
        let mut generator = settings(true).into_generator();
        generator.subschema_for::<Respondent>();
        let partner_rating = generator.subschema_for::<PartnerRating>();
        let partner_definitions = generator.take_definitions(true);
        Self {
            respondent: respondent.to_value(),
            partner_rating: partner_rating.to_value(),
            definitions,
            partner_definitions,
        }
    }
}

impl Instrument {
    /// A JSON Schema (draft 2020-12) for responses to this instrument only.
    ///
    /// Its `answers` lists exactly this instrument's item ids, each with
    /// exactly its allowed values (`1..=points`, and `"n/a"` only where the
    /// scale allows it); other items are rejected. A form in any language can
    /// check a response with it before sending. (One thing no JSON Schema can
    /// see: an item answered twice in the same object, which
    /// [`Instrument::parse_response`] rejects.)
    ///
    /// ```
    /// use collaboration::Instrument;
    ///
    /// let schema = Instrument::builtin().response_schema();
    /// let answers = &schema.get("properties").ok_or("no properties")?["answers"];
    /// assert_eq!(answers["properties"].as_object().ok_or("not an object")?.len(), 31);
    /// assert_eq!(answers["additionalProperties"], false);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn response_schema(&self) -> Schema {
        self.response_schema_from(&ResponseSchemaParts::generate())
    }

    /// [`Instrument::response_schema`], with the parts that no instrument
    /// changes given ready-made (generated once, or read back from their
    /// JSON): the same schema, without running schemars' generator.
    pub fn response_schema_from(&self, parts: &ResponseSchemaParts) -> Schema {
        let respondent = parts.respondent.clone();
        let mut properties = Map::new();
        for item in self.items() {
            let Some(scale) = self.scale(&item.scale) else { continue };
            let value = json!({
                "type": "integer",
                "minimum": 1,
                "maximum": scale.points,
                "description": format!("1 = {}, {} = {}", scale.labels.first().map_or("", String::as_str), scale.points, scale.labels.last().map_or("", String::as_str)),
            });
            let answer = if scale.not_applicable {
                json!({"oneOf": [value, {"const": NOT_APPLICABLE, "description": "Not applicable"}]})
            } else {
                value
            };
            let mut answer = answer;
            if let Some(object) = answer.as_object_mut() {
                object.insert("title".to_owned(), Value::String(item.prompt.clone()));
            }
            properties.insert(item.id.clone(), answer);
        }
        let partners = self.partners().map(|section| {
            let rating = parts.partner_rating.clone();
            let mut partners = json!({
                "type": "object",
                "description": format!("Partner organisation to this respondent's rating of it. {}", section.notice),
                "maxProperties": crate::limits::MAX_PARTNERS,
                "additionalProperties": rating,
            });
            if !section.expected.is_empty()
                && let Some(object) = partners.as_object_mut()
            {
                object.insert("propertyNames".to_owned(), json!({"enum": section.expected}));
            }
            partners
        });
        let mut schema = json_schema!({
            "$schema": DRAFT_2020_12,
            "type": "object",
            "properties": {
                "instrument": {"const": self.id(), "description": "The instrument's id."},
                "instrument_version": {"enum": [self.version(), null], "description": "The instrument's version, if given."},
                "respondent": respondent,
                "answers": {
                    "type": "object",
                    "description": "Item id to answer; a missing item was not answered.",
                    "properties": properties,
                    "additionalProperties": false
                }
            },
            "required": ["instrument", "respondent", "answers"],
            "additionalProperties": false
        });
        if let Some(partners) = partners {
            if let Some(Value::Object(properties)) = schema.get_mut("properties") {
                properties.insert("partners".to_owned(), partners);
            }
            // Ratings are given on behalf of the respondent's organisation.
            schema.insert(
                "dependentSchemas".to_owned(),
                json!({"partners": {
                    "properties": {"respondent": {"required": ["organisation"]}},
                    "additionalProperties": true
                }}),
            );
        }
        let definitions =
            if self.partners().is_some() { &parts.partner_definitions } else { &parts.definitions };
        if !definitions.is_empty() {
            schema.insert("$defs".to_owned(), Value::Object(definitions.clone()));
        }
        label(
            schema,
            &format!("response:{}:{}", self.id(), self.version()),
            &format!("Response to {}", self.title()),
            &format!("A response to instrument `{}` version {}, item by item.", self.id(), self.version()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn descriptions_lose_rustdoc_link_syntax() {
        for (rustdoc, prose) in [
            ("in a [`Band`]: strength", "in a Band: strength"),
            (
                "with [`Instrument::parse_response`](crate::Instrument::parse_response), which",
                "with Instrument::parse_response, which",
            ),
            ("see [the Guide](https://example.org) and [scoring][docs]", "see the Guide and scoring"),
            ("`null` when `n` is 0", "`null` when `n` is 0"),
            (
                "a list `[1, 2]` stays, [so] do [brackets] in text",
                "a list `[1, 2]` stays, [so] do [brackets] in text",
            ),
            ("first\nline\n\nsecond   paragraph\n\n```\ncode\n```", "first line\n\nsecond paragraph"),
            ("an open [`bracket", "an open [`bracket"),
        ] {
            assert_eq!(tidy(rustdoc), prose);
        }
    }
}
