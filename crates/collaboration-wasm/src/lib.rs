//! The `collaboration` crate as WebAssembly: the npm package's bindings.
//!
//! Values in cross as JSON: a JavaScript object is `JSON.stringify`'d and
//! read by the crate's own parser (which names the respondent, the item
//! and the value of every problem). Values out are the crate's wire types,
//! written by their own `Serialize` impls as a tape that `js/tape.js`
//! builds into objects (`tape`): the objects `JSON.parse` would make of the
//! crate's JSON, without writing and parsing the text.
//! The work itself is in `text`, which is plain Rust and tested natively.
//! Errors are thrown as `Error`s named `CollaborationError` with the
//! fields of `problem::Problem`.

// A Problem is made at most once per call, and goes straight to JavaScript:
// its size on the error path costs nothing worth boxing for.
#![allow(clippy::result_large_err)]
// wasm-bindgen takes optional JavaScript values by value.
#![allow(clippy::needless_pass_by_value)]

mod problem;
mod tape;
mod text;

use std::cell::RefCell;

use collaboration::Instrument as Core;
use js_sys::{Array, JSON, Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::problem::Problem;
use crate::text::BatchSettings;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
import type {
  AggregateState, Catalogue, Comparison, GroupReport, InstrumentDefinition, Response,
  ResponseSchema, Scorecard, ScoringOptions,
} from "./types.js";
export type {
  AggregateState, Catalogue, Comparison, GroupReport, InstrumentDefinition, Response,
  ResponseSchema, Scorecard, ScoringOptions,
} from "./types.js";

/** One problem, in the crate's words, with where it was found. */
export interface Problem {
  /** The Rust error's message. */
  message: string;
  /** The kind of problem: the Rust variant in kebab case, such as "out-of-scale". */
  kind: string;
  /** The item, when one is named. */
  item?: string;
  /** The respondent, when known. */
  respondent?: string;
  /** The line (of a response's JSON, or of a JSON Lines batch), from 1. */
  line?: number;
  /** The column within the line, from 1. */
  column?: number;
  /** The element of a JSON array batch, from 1. */
  element?: number;
}

/** What every function throws: an Error with a Problem's fields. */
export interface CollaborationError extends Error, Problem {
  name: "CollaborationError";
  /** For a batch that failed: each rejected response's problem (the first 1000). */
  rejections: Problem[];
}

/**
 * Scoring options as given: `fold_case` (false) and `min_partner_raters` (1)
 * may be left out.
 */
export type ScoringOptionsInput = Omit<ScoringOptions, "fold_case" | "min_partner_raters"> & {
  fold_case?: boolean;
  min_partner_raters?: number;
};

/** A response: an object of the Response wire type, or its JSON text. */
export type ResponseInput = Response | string;

/** Options of an Aggregator. */
export interface AggregatorOptions {
  /** Bands, disclosure control and case folding; the crate's defaults when absent. */
  scoring?: ScoringOptionsInput;
  /** A fingerprint key (64 hexadecimal digits) shared by parts of one partnership; random when absent. */
  key?: string;
}

/** Options of scoreBatch. */
export interface BatchOptions {
  /** The instrument; the built-in collaboration-health-check when absent. */
  instrument?: Instrument | InstrumentDefinition;
  /** Bands, disclosure control and case folding. */
  scoring?: ScoringOptionsInput;
  /** Score the valid responses and list the rejected, rather than throw. */
  skipInvalid?: boolean;
  /** A fingerprint key (64 hexadecimal digits). */
  key?: string;
}

/** A scored batch. */
export interface BatchResult {
  /** The group report of the valid responses. */
  report: GroupReport;
  /** How many responses the batch had. */
  responses: number;
  /** How many were rejected, by reason. */
  rejected: { invalid: number; duplicateRespondent: number; tooLong: number; invalidUtf8: number };
  /** The first rejected responses (at most 1000), in the batch's order. */
  rejections: Problem[];
}

/** Options of radarSvg and compare. */
export interface ChartOptions {
  /** The instrument a scorecard was scored with; the built-in one when absent. */
  instrument?: Instrument | InstrumentDefinition;
  /** The chart's title. */
  title?: string;
}

/** Options of htmlReport. */
export interface HtmlReportOptions {
  /** The page's title. */
  title?: string;
  /** An earlier wave: the report then shows the change. */
  earlier?: GroupReport;
  /** The instrument, whose item prompts the report then shows. */
  instrument?: Instrument | InstrumentDefinition;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The options object `ScoringOptionsInput` (optional, so `options?:` in TypeScript).
    #[wasm_bindgen(typescript_type = "ScoringOptionsInput")]
    #[derive(Debug)]
    pub type ScoringOptionsArg;
    /// The options object `AggregatorOptions` (optional, so `options?:` in TypeScript).
    #[wasm_bindgen(typescript_type = "AggregatorOptions")]
    #[derive(Debug)]
    pub type AggregatorOptionsArg;
    /// The options object `ChartOptions` (optional, so `options?:` in TypeScript).
    #[wasm_bindgen(typescript_type = "ChartOptions")]
    #[derive(Debug)]
    pub type ChartOptionsArg;
    /// The options object `HtmlReportOptions` (optional, so `options?:` in TypeScript).
    #[wasm_bindgen(typescript_type = "HtmlReportOptions")]
    #[derive(Debug)]
    pub type HtmlReportOptionsArg;
    /// The options object `BatchOptions` (optional, so `options?:` in TypeScript).
    #[wasm_bindgen(typescript_type = "BatchOptions")]
    #[derive(Debug)]
    pub type BatchOptionsArg;
}

/// Runs once, when the module is instantiated: names are put in Unicode
/// NFC by JavaScript's `String.prototype.normalize`, so the module carries
/// no normalisation tables of its own (the crate is built without its
/// `unicode` feature; docs/architecture.md).
#[wasm_bindgen(start)]
fn start() {
    collaboration::set_nfc(nfc);
}

/// A name in Unicode normalisation form C, by the JavaScript engine.
fn nfc(name: &str) -> String {
    js_sys::JsString::from(name).normalize("NFC").into()
}

/// A problem as a thrown JavaScript `Error` with its fields.
fn throw(problem: &Problem) -> JsValue {
    let error = js_sys::Error::new(&problem.message);
    error.set_name("CollaborationError");
    let fields = problem_object(problem);
    let _ = Object::assign(&error, &fields);
    let rejections: Array = problem.rejections.iter().map(problem_object).collect();
    let _ = Reflect::set(&error, &"rejections".into(), &rejections);
    error.into()
}

fn problem_object(problem: &Problem) -> Object {
    let object = Object::new();
    let set = |name: &str, value: JsValue| {
        let _ = Reflect::set(&object, &name.into(), &value);
    };
    set("message", problem.message.as_str().into());
    set("kind", problem.kind.as_str().into());
    if let Some(item) = &problem.item {
        set("item", item.as_str().into());
    }
    if let Some(respondent) = &problem.respondent {
        set("respondent", respondent.as_str().into());
    }
    for (name, n) in [("line", problem.line), ("column", problem.column), ("element", problem.element)] {
        if let Some(n) = n {
            #[allow(clippy::cast_precision_loss)]
            set(name, JsValue::from_f64(n as f64));
        }
    }
    object
}

fn fail(problem: Problem) -> JsValue {
    throw(&problem)
}

/// JSON text as a JavaScript value.
fn parse(json: &str) -> Result<JsValue, JsValue> {
    JSON::parse(json)
}

#[wasm_bindgen(module = "/js/tape.js")]
extern "C" {
    /// Builds the value a tape describes (js/tape.js).
    #[wasm_bindgen(js_name = build)]
    fn build_value(tape: &[f64], text: &str, names: &Array) -> JsValue;

    /// A value's JSON as UTF-8 (js/tape.js), `undefined` when it has none.
    fn utf8(value: &JsValue) -> JsValue;
}

thread_local! {
    /// The names sent to JavaScript, and JavaScript's list of them: one
    /// pair per module instance, so the two always agree.
    static NAMES: (RefCell<tape::Names>, Array) = (RefCell::new(tape::Names::default()), Array::new());
}

/// One of the crate's wire types as a JavaScript value.
fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    NAMES.with(|(names, list)| {
        let written = tape::write(value, &mut names.borrow_mut());
        match written {
            Ok(t) => Ok(build_value(&t.tape, &t.text, list)),
            Err(e) => Err(fail(Problem::new("internal", format!("writing a value: {e}")))),
        }
    })
}

/// A JavaScript value as JSON text: a string as it is, anything else
/// through `JSON.stringify` (and so an Instrument through its `toJSON`).
fn text_of(value: &JsValue, what: &str) -> Result<String, JsValue> {
    let bytes = utf8(value).dyn_into::<Uint8Array>().map(|b| b.to_vec());
    // TextEncoder writes UTF-8 only; the check is a formality.
    match bytes.ok().and_then(|b| String::from_utf8(b).ok()) {
        Some(text) => Ok(text),
        None => Err(fail(Problem::new("not-json", format!("{what} cannot be written as JSON")))),
    }
}

/// The field `name` of an options object, `None` when absent or undefined.
fn field(options: Option<&JsValue>, name: &str) -> Option<JsValue> {
    let options = options.filter(|o| o.is_object())?;
    Reflect::get(options, &name.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn text_field(options: Option<&JsValue>, name: &str) -> Result<Option<String>, JsValue> {
    field(options, name).map(|v| text_of(&v, name)).transpose()
}

fn string_field(options: Option<&JsValue>, name: &str) -> Result<Option<String>, JsValue> {
    match field(options, name) {
        None => Ok(None),
        Some(v) => match v.as_string() {
            Some(s) => Ok(Some(s)),
            None => Err(fail(Problem::new("options", format!("`{name}` must be a string")))),
        },
    }
}

/// The instrument an options object names, or the built-in one.
fn instrument_field(options: Option<&JsValue>) -> Result<&'static Core, JsValue> {
    match text_field(options, "instrument")? {
        None => Ok(Core::builtin()),
        Some(json) => Core::from_json(&json).map(text::intern).map_err(|e| fail(e.into())),
    }
}

/// The whole framework: foundations and their reflection questions,
/// behaviours, infrastructure, roles, power, misconceptions and the
/// spectrum.
///
/// # Errors
///
/// None in practice: the catalogue is built in.
#[wasm_bindgen(unchecked_return_type = "Catalogue")]
pub fn catalogue() -> Result<JsValue, JsValue> {
    to_js(&collaboration::Catalogue::new())
}

/// The built-in collaboration-health-check instrument.
#[wasm_bindgen(js_name = builtinInstrument)]
pub fn builtin_instrument() -> Instrument {
    Instrument { inner: Core::builtin() }
}

/// An instrument: the items asked, on their scales.
///
/// Each distinct definition is kept once, for as long as the module lives
/// (`text::intern`): every `Instrument` and `Aggregator` made from it
/// shares that copy, and freeing them does not free it.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug)]
pub struct Instrument {
    inner: &'static Core,
}

#[wasm_bindgen]
impl Instrument {
    /// Reads and checks an instrument definition.
    ///
    /// # Errors
    ///
    /// The crate's first problem with the definition.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | InstrumentDefinition")] text: &JsValue,
    ) -> Result<Instrument, JsValue> {
        let json = text_of(text, "the instrument")?;
        Ok(Self { inner: text::intern(Core::from_json(&json).map_err(|e| fail(e.into()))?) })
    }

    /// The instrument's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The instrument's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version().to_owned()
    }

    /// The instrument's title.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.inner.title().to_owned()
    }

    /// The definition, as JSON (what `JSON.stringify` writes, too).
    ///
    /// # Errors
    ///
    /// None in practice.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "InstrumentDefinition")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.definition())
    }

    /// Every problem with a response, each as the Rust error says it; an
    /// empty list when it is valid.
    ///
    /// # Errors
    ///
    /// Only when the response cannot be written as JSON.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ResponseInput")] response: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let json = text_of(response, "the response")?;
        Ok(text::validate(self.inner, &json).iter().map(problem_object).collect::<Array>().into())
    }

    /// Scores one response: its Scorecard.
    ///
    /// # Errors
    ///
    /// The response's first problem.
    #[wasm_bindgen(unchecked_return_type = "Scorecard")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ResponseInput")] response: &JsValue,
        options: Option<ScoringOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let json = text_of(response, "the response")?;
        let options = options.map(JsValue::from).filter(|o| !o.is_undefined() && !o.is_null());
        let options = options.map(|o| text_of(&o, "the scoring options")).transpose()?;
        to_js(&text::score(self.inner, &json, options.as_deref()).map_err(fail)?)
    }

    /// A JSON Schema for responses to this instrument only.
    ///
    /// # Errors
    ///
    /// None in practice.
    #[wasm_bindgen(js_name = responseSchema, unchecked_return_type = "ResponseSchema")]
    pub fn response_schema(&self) -> Result<JsValue, JsValue> {
        to_js(&text::response_schema(self.inner).map_err(fail)?)
    }
}

/// Counts a group's responses, merges with other counts, and reports: the
/// crate's own `Aggregator`, held here, so that adding a response costs
/// the same whatever has been counted already.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Aggregator {
    inner: collaboration::Aggregator<'static>,
}

#[wasm_bindgen]
impl Aggregator {
    /// An empty aggregate for `instrument`.
    ///
    /// # Errors
    ///
    /// Bad options or key.
    #[wasm_bindgen(constructor)]
    pub fn new(
        instrument: &Instrument,
        options: Option<AggregatorOptionsArg>,
    ) -> Result<Aggregator, JsValue> {
        let options: Option<JsValue> = options.map(Into::into);
        let scoring = text_field(options.as_ref(), "scoring")?;
        let key = string_field(options.as_ref(), "key")?;
        let inner =
            text::new_aggregate(instrument.inner, scoring.as_deref(), key.as_deref()).map_err(fail)?;
        Ok(Self { inner })
    }

    /// A saved state (the bytes of `state()`, or its JSON), restored; with
    /// its key, responses can be added to it.
    ///
    /// # Errors
    ///
    /// A state that is damaged, of another instrument, or not the key's.
    pub fn restore(
        instrument: &Instrument,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string | AggregateState")] state: &JsValue,
        key: Option<String>,
    ) -> Result<Aggregator, JsValue> {
        let bytes = if let Some(array) = state.dyn_ref::<Uint8Array>() {
            array.to_vec()
        } else {
            text_of(state, "the state")?.into_bytes()
        };
        let inner = text::restore_aggregate(instrument.inner, &bytes, key.as_deref()).map_err(fail)?;
        Ok(Self { inner })
    }

    /// How many respondents are counted.
    #[wasm_bindgen(getter)]
    pub fn respondents(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let n = self.inner.respondents() as f64;
        n
    }

    /// Checks one response and counts it.
    ///
    /// # Errors
    ///
    /// An invalid response, a repeated respondent, or an aggregate
    /// restored without its key.
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ResponseInput")] response: &JsValue,
    ) -> Result<(), JsValue> {
        let json = text_of(response, "the response")?;
        text::add(&mut self.inner, &json).map_err(fail)
    }

    /// Adds another aggregate's counts to this one.
    ///
    /// # Errors
    ///
    /// Another instrument or other options, or respondents in common.
    pub fn merge(&mut self, other: &Aggregator) -> Result<(), JsValue> {
        self.inner.merge(&other.inner).map_err(|e| fail(e.into()))
    }

    /// The group report.
    ///
    /// # Errors
    ///
    /// None in practice.
    #[wasm_bindgen(unchecked_return_type = "GroupReport")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.report())
    }

    /// The bytes of the saved state, to keep or send and restore.
    pub fn state(&self) -> Uint8Array {
        Uint8Array::from(self.inner.state().to_bytes().as_slice())
    }

    /// The saved state as JSON.
    ///
    /// # Errors
    ///
    /// None in practice.
    #[wasm_bindgen(js_name = stateJson, unchecked_return_type = "AggregateState")]
    pub fn state_json(&self) -> Result<JsValue, JsValue> {
        parse(&self.inner.state().to_json())
    }
}

/// Compares two group reports, or two scorecards, of one instrument.
///
/// # Errors
///
/// Results of different instruments, one of each, or unreadable ones.
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "GroupReport | Scorecard")] earlier: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "GroupReport | Scorecard")] later: &JsValue,
    options: Option<ChartOptionsArg>,
) -> Result<JsValue, JsValue> {
    let options: Option<JsValue> = options.map(Into::into);
    let instrument = instrument_field(options.as_ref())?;
    let earlier = text_of(earlier, "the earlier result")?;
    let later = text_of(later, "the later result")?;
    to_js(&text::compare(&earlier, &later, instrument).map_err(fail)?)
}

/// The radar chart of a group report or a scorecard, as SVG markup.
///
/// # Errors
///
/// A value that is not a report or a scorecard as the crate wrote it.
#[wasm_bindgen(js_name = radarSvg)]
pub fn radar_svg(
    #[wasm_bindgen(unchecked_param_type = "GroupReport | Scorecard")] result: &JsValue,
    options: Option<ChartOptionsArg>,
) -> Result<String, JsValue> {
    let options: Option<JsValue> = options.map(Into::into);
    let instrument = instrument_field(options.as_ref())?;
    let title = string_field(options.as_ref(), "title")?;
    let json = text_of(result, "the result")?;
    text::radar(&json, instrument, title.as_deref()).map_err(fail)
}

/// The partner map of a group report as an SVG network diagram
/// (organisations on a circle, ties by level and need gap).
///
/// # Errors
///
/// A value that is not a report, or a report without a partner map.
#[wasm_bindgen(js_name = partnersSvg)]
pub fn partners_svg(
    #[wasm_bindgen(unchecked_param_type = "GroupReport")] report: &JsValue,
) -> Result<String, JsValue> {
    text::partners(&text_of(report, "the report")?, text::PartnerExport::Svg).map_err(fail)
}

/// The partner map of a group report as GraphML, for Gephi, networkx or
/// igraph.
///
/// # Errors
///
/// A value that is not a report, or a report without a partner map.
#[wasm_bindgen(js_name = partnersGraphml)]
pub fn partners_graphml(
    #[wasm_bindgen(unchecked_param_type = "GroupReport")] report: &JsValue,
) -> Result<String, JsValue> {
    text::partners(&text_of(report, "the report")?, text::PartnerExport::Graphml).map_err(fail)
}

/// The partner map's shown ties as CSV, one row a tie.
///
/// # Errors
///
/// A value that is not a report, or a report without a partner map.
#[wasm_bindgen(js_name = partnersCsv)]
pub fn partners_csv(
    #[wasm_bindgen(unchecked_param_type = "GroupReport")] report: &JsValue,
) -> Result<String, JsValue> {
    text::partners(&text_of(report, "the report")?, text::PartnerExport::Csv).map_err(fail)
}

/// The standalone, printable HTML report of a group report.
///
/// # Errors
///
/// A value that is not a report, or an earlier wave of another instrument.
#[wasm_bindgen(js_name = htmlReport)]
pub fn html_report(
    #[wasm_bindgen(unchecked_param_type = "GroupReport")] report: &JsValue,
    options: Option<HtmlReportOptionsArg>,
) -> Result<String, JsValue> {
    let options: Option<JsValue> = options.map(Into::into);
    let report = text_of(report, "the report")?;
    let title = string_field(options.as_ref(), "title")?;
    let earlier = text_field(options.as_ref(), "earlier")?;
    let instrument = match field(options.as_ref(), "instrument") {
        Some(_) => Some(instrument_field(options.as_ref())?),
        None => None,
    };
    text::html(&report, title.as_deref(), earlier.as_deref(), instrument).map_err(fail)
}

/// Scores a batch, JSON Lines or a JSON array (as text, bytes or an array
/// of responses), into one group report.
///
/// # Errors
///
/// An invalid response (unless `skipInvalid`), an empty or broken batch,
/// or nothing that could be scored.
#[wasm_bindgen(js_name = scoreBatch, unchecked_return_type = "BatchResult")]
pub fn score_batch(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | Response[]")] batch: &JsValue,
    options: Option<BatchOptionsArg>,
) -> Result<JsValue, JsValue> {
    let options: Option<JsValue> = options.map(Into::into);
    let options = options.as_ref();
    let instrument = instrument_field(options)?;
    let skip_invalid = field(options, "skipInvalid").is_some_and(|v| v.is_truthy());
    let settings = BatchSettings {
        scoring: text_field(options, "scoring")?,
        skip_invalid,
        key: string_field(options, "key")?,
    };
    // The caller's own array, not a copy: `Uint8Array::new` would copy it
    // whole (`new Uint8Array(array)`), a fifth of a large batch's time.
    let bytes = if let Some(array) = batch.dyn_ref::<Uint8Array>() {
        array.clone()
    } else {
        utf8(batch)
            .dyn_into::<Uint8Array>()
            .map_err(|_| fail(Problem::new("not-json", "the batch cannot be written as JSON")))?
    };
    to_js(&text::score_batch_text(instrument, JsBytes::new(bytes), &settings).map_err(fail)?)
}

/// A JavaScript `Uint8Array` read a piece at a time: the batch engine reads
/// it a block (about 1 MiB) at a time into its own buffers, so a batch is
/// never copied into the module's memory whole (a 250 MB file took 250 MB
/// of it, and its first use as many page faults).
struct JsBytes {
    array: Uint8Array,
    at: u32,
    len: u32,
}

impl JsBytes {
    fn new(array: Uint8Array) -> Self {
        let len = array.length();
        Self { array, at: 0, len }
    }
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = u32::try_from(buf.len()).unwrap_or(u32::MAX);
        let n = room.min(self.len.saturating_sub(self.at));
        let Some(into) = usize::try_from(n).ok().and_then(|n| buf.get_mut(..n)) else { return Ok(0) };
        if n > 0 {
            // Equal lengths, as copy_to needs.
            self.array.subarray(self.at, self.at + n).copy_to(into);
            self.at += n;
        }
        Ok(into.len())
    }
}
