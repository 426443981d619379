//! Everything the package does, with JSON text in and the crate's own wire
//! types out: the bindings in `lib.rs` only carry values across to
//! JavaScript (out through `tape`, driven by the crate's own `Serialize`
//! impls, so what JavaScript gets is the crate's JSON as objects).

use collaboration::batch::{BatchOptions, Scored};
use collaboration::report::{AggregateState, FingerprintKey};
use collaboration::schema::ResponseSchemaParts;
use collaboration::{
    Aggregator, Comparison, GroupReport, HtmlReport, Instrument, Radar, Scorecard, ScoringOptions,
    score_batch,
};
use std::sync::{Mutex, PoisonError};

use serde_json::{Map, Value};

use crate::problem::Problem;

/// A result whose error is a [`Problem`].
pub type Result<T> = std::result::Result<T, Problem>;

/// Serialises one of the crate's wire types as JSON text.
#[cfg(test)]
pub fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Problem::new("internal", format!("writing JSON: {e}")))
}

/// Reads a JSON value, naming what it was meant to be.
fn value(json: &str, what: &str) -> Result<Value> {
    serde_json::from_str(json).map_err(|e| Problem {
        line: Some(e.line()),
        column: Some(e.column()),
        ..Problem::new("json", format!("{what}: line {}, column {}: not JSON", e.line(), e.column()))
    })
}

/// Scores one response (JSON text) with `options` (JSON text of
/// `ScoringOptions`, or `None` for the defaults).
pub fn score(instrument: &Instrument, response: &str, options: Option<&str>) -> Result<Scorecard> {
    let options = scoring_options(options)?;
    // One parse, which checks the response as it reads it, then the card.
    Ok(instrument.parse_sheet(response)?.scorecard(&options))
}

/// The crate's `ScoringOptions` from their JSON.
pub fn scoring_options(json: Option<&str>) -> Result<ScoringOptions> {
    match json {
        None => Ok(ScoringOptions::default()),
        Some(json) => serde_json::from_str(json).map_err(|e| Problem {
            line: Some(e.line()),
            column: Some(e.column()),
            ..Problem::new("options", format!("the scoring options: {e}"))
        }),
    }
}

/// Every problem with a response, each as the Rust error says it: the
/// response as a whole first (its JSON, its respondent, its instrument),
/// then each answer on its own, in the order written.
///
/// The crate stops at a response's first problem; a form wants them all.
/// Each answer is checked by the crate itself, in a response that carries
/// that answer alone, so every message is the crate's own.
pub fn validate(instrument: &Instrument, response: &str) -> Vec<Problem> {
    let first = match instrument.parse_response(response) {
        Ok(_) => return Vec::new(),
        Err(e) => Problem::from(&e),
    };
    // Without its answers: is the response itself sound?
    let Ok(Value::Object(mut whole)) = serde_json::from_str::<Value>(response) else {
        return vec![first];
    };
    let Some(Value::Object(answers)) = whole.insert("answers".to_owned(), Value::Object(Map::new())) else {
        return vec![first];
    };
    if let Err(e) = instrument.parse_response(&Value::Object(whole.clone()).to_string()) {
        return vec![Problem::from(&e)];
    }
    let mut problems = Vec::new();
    // An item answered twice is seen only in the text as written.
    if first.kind == "duplicate-answer" {
        problems.push(first.clone());
    }
    for (item, answer) in answers {
        let mut one = Map::new();
        one.insert(item, answer);
        whole.insert("answers".to_owned(), Value::Object(one));
        if let Err(e) = instrument.parse_response(&Value::Object(whole.clone()).to_string()) {
            problems.push(Problem::from(&e));
        }
    }
    if problems.is_empty() {
        problems.push(first);
    }
    problems
}

/// What `scoreBatch` returns: the report, how many responses the batch
/// had, how many were rejected by reason, and the first rejected.
#[derive(Debug, serde::Serialize)]
pub struct BatchOut {
    /// The group report of the valid responses.
    pub report: GroupReport,
    /// How many responses the batch had.
    pub responses: usize,
    /// How many were rejected, by reason.
    pub rejected: Rejected,
    /// The first rejected responses' problems.
    pub rejections: Vec<Problem>,
}

/// How many responses were rejected, by reason (camelCase, as JavaScript
/// names things).
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    /// Invalid responses.
    pub invalid: usize,
    /// Repeats of a respondent.
    pub duplicate_respondent: usize,
    /// Lines over the size limit.
    pub too_long: usize,
    /// Lines that are not UTF-8.
    pub invalid_utf8: usize,
}

impl From<Scored> for BatchOut {
    fn from(scored: Scored) -> Self {
        let counts = scored.rejected;
        Self {
            rejections: scored.rejections.iter().map(Problem::from).collect(),
            report: scored.report,
            responses: scored.responses,
            rejected: Rejected {
                invalid: counts.invalid,
                duplicate_respondent: counts.duplicate_respondent,
                too_long: counts.too_long,
                invalid_utf8: counts.invalid_utf8,
            },
        }
    }
}

#[allow(clippy::needless_pass_by_value)] // the shape map_err hands it
fn internal(e: serde_json::Error) -> Problem {
    Problem::new("internal", format!("writing JSON: {e}"))
}

/// How a batch is scored, from JavaScript's options.
#[derive(Clone, Debug, Default)]
pub struct BatchSettings {
    /// The crate's `ScoringOptions`, as JSON.
    pub scoring: Option<String>,
    /// Whether to score the valid responses and list the rest.
    pub skip_invalid: bool,
    /// A fingerprint key, as 64 hexadecimal digits.
    pub key: Option<String>,
}

/// Scores a batch (JSON Lines or a JSON array), read from `batch`, on the
/// calling thread.
pub fn score_batch_text(
    instrument: &Instrument,
    batch: impl std::io::Read,
    settings: &BatchSettings,
) -> Result<BatchOut> {
    let options = BatchOptions {
        scoring: scoring_options(settings.scoring.as_deref())?,
        // WebAssembly has no threads; one is what the crate uses there too.
        threads: 1,
        skip_invalid: settings.skip_invalid,
        key: settings.key.as_deref().map(key).transpose()?,
    };
    Ok(BatchOut::from(score_batch(batch, instrument, &options)?))
}

/// The parts of every response schema that no instrument changes, as the
/// crate generates them (`ResponseSchemaParts::generate`), kept as JSON so
/// that the module carries no schema generator. A test checks that they
/// are the crate's; with `COLLABORATION_REFRESH=1` it rewrites the file.
const RESPONSE_SCHEMA_PARTS: &str = include_str!("response-schema-parts.json");

/// `instrument`'s response schema: the crate's own, from the parts above.
pub fn response_schema(instrument: &Instrument) -> Result<Value> {
    let parts: ResponseSchemaParts = serde_json::from_str(RESPONSE_SCHEMA_PARTS)
        .map_err(|e| Problem::new("internal", format!("reading the response schema's parts: {e}")))?;
    Ok(instrument.response_schema_from(&parts).to_value())
}

/// A fingerprint key from its 64 hexadecimal digits.
pub fn key(hex: &str) -> Result<FingerprintKey> {
    hex.parse::<FingerprintKey>().map_err(|e| Problem::new("key", e))
}

/// A group report, or one respondent's scorecard, read back from JSON.
#[derive(Clone, Debug)]
pub enum Reading {
    /// A group report.
    Report(Box<GroupReport>),
    /// A scorecard.
    Card(Box<Scorecard>),
}

/// Reads a group report or a scorecard. The crate reads reports back;
/// a scorecard is scored again from its own answers and options with
/// `instrument`, and must come out exactly as given (numbers compared as
/// numbers), so what is drawn is the crate's scorecard, never a guess.
pub fn report_or_card(json: &str, instrument: &Instrument) -> Result<Reading> {
    let given = value(json, "the report or scorecard")?;
    let Value::Object(fields) = &given else {
        return Err(Problem::new("not-a-result", "expected a group report or a scorecard (a JSON object)"));
    };
    if !fields.contains_key("respondent") {
        return Ok(Reading::Report(Box::new(GroupReport::from_json(json)?)));
    }
    let mut answers = Map::new();
    if let Some(Value::Array(items)) = fields.get("items") {
        for item in items {
            if let (Some(Value::String(id)), Some(answer)) = (item.get("item"), item.get("answer"))
                && !answer.is_null()
            {
                answers.insert(id.clone(), answer.clone());
            }
        }
    }
    let mut response = Map::new();
    for field in ["instrument", "instrument_version", "respondent"] {
        if let Some(v) = fields.get(field) {
            response.insert(field.to_owned(), v.clone());
        }
    }
    response.insert("answers".to_owned(), Value::Object(answers));
    let options = fields.get("options").map(Value::to_string);
    let card = instrument.parse_response(&Value::Object(response).to_string())?;
    let card = instrument.score_with(&card, &scoring_options(options.as_deref())?)?;
    let again = serde_json::to_value(&card).map_err(internal)?;
    if !same(&given, &again) {
        return Err(Problem::new(
            "not-a-scorecard",
            format!(
                "this scorecard is not the one instrument `{}` gives for its answers; give the scorecard as score() returned it, and the instrument it was scored with",
                instrument.id()
            ),
        ));
    }
    Ok(Reading::Card(Box::new(card)))
}

/// JSON values alike, numbers compared by value (JavaScript writes `50`
/// where Rust writes `50.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The radar chart of a report or a scorecard, as SVG.
pub fn radar(json: &str, instrument: &Instrument, title: Option<&str>) -> Result<String> {
    let radar = match report_or_card(json, instrument)? {
        Reading::Report(report) => Radar::from_report(&report),
        Reading::Card(card) => Radar::from_scorecard(&card),
    };
    Ok(match title {
        Some(title) => radar.with_title(title).to_svg(),
        None => radar.to_svg(),
    })
}

/// The comparison of two reports, or of two scorecards.
pub fn compare(earlier: &str, later: &str, instrument: &Instrument) -> Result<Comparison> {
    let comparison = match (report_or_card(earlier, instrument)?, report_or_card(later, instrument)?) {
        (Reading::Report(a), Reading::Report(b)) => Comparison::of_reports(&a, &b)?,
        (Reading::Card(a), Reading::Card(b)) => Comparison::of_scorecards(&a, &b)?,
        _ => {
            return Err(Problem::new(
                "mixed-results",
                "compare two group reports or two scorecards, not one of each",
            ));
        }
    };
    Ok(comparison)
}

/// The standalone HTML report.
pub fn html(
    report: &str,
    title: Option<&str>,
    earlier: Option<&str>,
    instrument: Option<&Instrument>,
) -> Result<String> {
    let report = GroupReport::from_json(report)?;
    let earlier = earlier.map(GroupReport::from_json).transpose()?;
    let mut page = HtmlReport::new(&report);
    if let Some(title) = title {
        page = page.with_title(title);
    }
    if let Some(instrument) = instrument {
        page = page.with_instrument(instrument);
    }
    if let Some(earlier) = &earlier {
        page = page.with_earlier(earlier)?;
    }
    Ok(page.to_html())
}

/// Which export of a partner map.
#[derive(Clone, Copy, Debug)]
pub enum PartnerExport {
    /// The SVG network diagram.
    Svg,
    /// GraphML, for Gephi, networkx or igraph.
    Graphml,
    /// The shown ties as CSV.
    Csv,
}

/// The partner map of a report drawn or exported.
pub fn partners(report: &str, export: PartnerExport) -> Result<String> {
    let report = GroupReport::from_json(report)?;
    let map = report.partners.ok_or_else(|| {
        Problem::new(
            "no-partner-map",
            "the report has no partner map: no respondent rated a partner (a response's `partners`)"
                .to_owned(),
        )
    })?;
    Ok(match export {
        PartnerExport::Svg => collaboration::render::network_svg(&map),
        PartnerExport::Graphml => collaboration::render::graphml(&map),
        PartnerExport::Csv => collaboration::render::ties_csv(&map),
    })
}

/// The instruments the package has made, each kept for as long as the
/// module lives: the crate's [`Aggregator`] borrows its instrument, and a
/// borrow cannot cross into JavaScript, so each distinct definition is
/// leaked once (`Box::leak`) and every `Instrument` object made from it,
/// however many, shares that one `&'static Instrument`. The memory of an
/// instrument therefore lives as long as the module (the Python binding
/// does the same). The built-in instrument is `&'static` already.
static INSTRUMENTS: Mutex<Vec<&'static Instrument>> = Mutex::new(Vec::new());

/// The module's one copy of `instrument`: the built-in one, or the first
/// made with the same definition, or `instrument` itself, leaked. Two
/// instruments have one digest exactly when their definitions are the same
/// (`Instrument::digest`), so the digest is what is compared.
pub fn intern(instrument: Instrument) -> &'static Instrument {
    let builtin = Instrument::builtin();
    if builtin.digest() == instrument.digest() {
        return builtin;
    }
    // A panic aborts (panic = "abort"), so the lock is never poisoned;
    // and if it were, the list itself would still be whole.
    let mut known = INSTRUMENTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&same) = known.iter().find(|k| k.digest() == instrument.digest()) {
        return same;
    }
    let leaked: &'static Instrument = Box::leak(Box::new(instrument));
    known.push(leaked);
    leaked
}

/// How many instruments [`intern`] has leaked.
#[cfg(test)]
pub fn interned() -> usize {
    INSTRUMENTS.lock().unwrap_or_else(PoisonError::into_inner).len()
}

/// An empty aggregate, with the scoring options' JSON and a key's hex
/// (a random key when `None`).
pub fn new_aggregate(
    instrument: &'static Instrument,
    scoring: Option<&str>,
    key_hex: Option<&str>,
) -> Result<Aggregator<'static>> {
    let options = scoring_options(scoring)?;
    let key = match key_hex {
        Some(hex) => key(hex)?,
        None => FingerprintKey::random(),
    };
    Ok(Aggregator::with_key(instrument, options, key))
}

/// A saved state (binary, or JSON when it starts with `{`), restored; with
/// its key, responses can be added to it.
pub fn restore_aggregate(
    instrument: &'static Instrument,
    bytes: &[u8],
    key_hex: Option<&str>,
) -> Result<Aggregator<'static>> {
    let state = if bytes.first() == Some(&b'{') {
        AggregateState::from_json(std::str::from_utf8(bytes).map_err(|e| Problem::new("not-a-state", e))?)?
    } else {
        AggregateState::from_bytes(bytes)?
    };
    // Restoring checks the counts against the instrument (and the key).
    Ok(match key_hex.map(key).transpose()? {
        Some(key) => Aggregator::restore_keyed(instrument, &state, &key)?,
        None => Aggregator::restore(instrument, &state)?,
    })
}

/// Reads one response (JSON text) and counts it: one parse, which checks
/// it too.
pub fn add(aggregator: &mut Aggregator<'_>, response: &str) -> Result<()> {
    let sheet = aggregator.instrument().parse_sheet(response)?;
    Ok(aggregator.add_checked(&sheet)?)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::panic, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn hc() -> &'static Instrument {
        Instrument::builtin()
    }

    #[test]
    fn the_response_schema_parts_are_the_crates() {
        use collaboration::instrument::PartnerSection;

        // The crate generates them (schemars); the module reads the file.
        let fresh = ResponseSchemaParts::generate();
        let mut text = serde_json::to_string_pretty(&fresh).unwrap();
        text.push('\n');
        if std::env::var_os("COLLABORATION_REFRESH").is_some() && RESPONSE_SCHEMA_PARTS != text {
            // The module is built with the old file: rewritten, it needs a new build.
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/response-schema-parts.json");
            std::fs::write(path, &text).unwrap();
            eprintln!("rewrote src/response-schema-parts.json; run the tests again");
            return;
        }
        assert!(
            RESPONSE_SCHEMA_PARTS == text,
            "src/response-schema-parts.json is out of date; refresh it with `COLLABORATION_REFRESH=1 cargo test -p collaboration-wasm` and rebuild"
        );
        // And so the schemas: with partner ratings (the built-in
        // instrument asks for them), with a list of partners, and without.
        let mut listed = hc().definition().clone();
        listed.id = "listed".to_owned();
        listed.partners = Some(PartnerSection::expecting(["City Council", "NHS Trust"]));
        let mut plain = hc().definition().clone();
        plain.id = "plain".to_owned();
        plain.partners = None;
        let (listed, plain) = (Instrument::new(listed).unwrap(), Instrument::new(plain).unwrap());
        assert!(hc().partners().is_some() && plain.partners().is_none());
        for instrument in [hc(), &listed, &plain] {
            assert_eq!(response_schema(instrument).unwrap(), instrument.response_schema().to_value());
        }
    }

    #[test]
    fn validate_lists_every_bad_answer_in_the_crates_words() {
        // Two bad answers and one good: the crate's messages (the same text
        // as tests in src/response for these variants).
        let json = r#"{"instrument": "collaboration-health-check", "respondent": {"id": "r-07"},
            "answers": {"shared-learning.1": 3.5, "shared-learning.2": 4, "shared-learning.3": 9}}"#;
        let problems = validate(hc(), json);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "respondent `r-07`, item `shared-learning.1`: 3.5 is not an answer; expected an integer 1..=5 or \"n/a\"",
                "respondent `r-07`, item `shared-learning.3`: 9 is outside the scale 1..=5",
            ]
        );
        assert_eq!(problems[0].kind, "not-an-integer");
        assert_eq!(problems[1].item.as_deref(), Some("shared-learning.3"));
        assert_eq!(problems[1].respondent.as_deref(), Some("r-07"));
    }

    #[test]
    fn validate_stops_at_a_response_that_is_wrong_as_a_whole() {
        let json = r#"{"instrument": "other", "respondent": {"id": "r"}, "answers": {"x": 1}}"#;
        let problems = validate(hc(), json);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, "wrong-instrument");
        assert!(validate(hc(), "{").first().is_some_and(|p| p.kind == "json" && p.line == Some(1)));
        let good =
            r#"{"instrument": "collaboration-health-check", "respondent": {"id": "r"}, "answers": {}}"#;
        assert!(validate(hc(), good).is_empty());
    }

    #[test]
    fn a_scorecard_is_read_back_only_as_scored() {
        let json = r#"{"instrument": "collaboration-health-check", "respondent": {"id": "r"}, "answers": {"shared-learning.1": 4, "shared-learning.2": 5}}"#;
        let card = to_json(&score(hc(), json, None).unwrap()).unwrap();
        assert!(matches!(report_or_card(&card, hc()), Ok(Reading::Card(_))));
        // 87.5 is (75 + 100) / 2, the crate's own scorecard doctest; a
        // changed score is refused.
        assert!(card.contains("87.5"));
        let forged = card.replacen("87.5", "90.0", 1);
        assert_eq!(report_or_card(&forged, hc()).map(|_| ()).unwrap_err().kind, "not-a-scorecard");
    }

    #[test]
    fn an_aggregate_adds_merges_and_catches_a_repeat() {
        let line = |id: &str| {
            format!(
                r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "{id}"}}, "answers": {{"shared-learning.1": 4}}}}"#
            )
        };
        let key = "00".repeat(32);
        let mut a = new_aggregate(hc(), None, Some(&key)).unwrap_or_else(|p| panic!("{}", p.message));
        add(&mut a, &line("a")).unwrap_or_else(|p| panic!("{}", p.message));
        let err = add(&mut a, &line("a")).unwrap_err();
        assert_eq!((err.kind.as_str(), err.respondent.as_deref()), ("duplicate-respondent", Some("a")));
        let mut b = new_aggregate(hc(), None, Some(&key)).unwrap_or_else(|p| panic!("{}", p.message));
        add(&mut b, &line("b")).unwrap_or_else(|p| panic!("{}", p.message));
        a.merge(&b).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.respondents(), 2);
        // Restored from its bytes without the key: no more adding.
        let restored = restore_aggregate(hc(), &a.state().to_bytes(), None);
        let mut restored = restored.unwrap_or_else(|p| panic!("{}", p.message));
        assert_eq!(add(&mut restored, &line("c")).unwrap_err().kind, "key-unknown");
        // With it, a repeat of `a` is caught across the save.
        let mut keyed = restore_aggregate(hc(), &a.state().to_bytes(), Some(&key))
            .unwrap_or_else(|p| panic!("{}", p.message));
        assert_eq!(add(&mut keyed, &line("a")).unwrap_err().kind, "duplicate-respondent");
        add(&mut keyed, &line("c")).unwrap_or_else(|p| panic!("{}", p.message));
        assert_eq!(keyed.respondents(), 3);
    }

    #[test]
    fn an_instrument_is_kept_once_per_definition() {
        // The built-in one is the crate's own static, never leaked again.
        let before = interned();
        assert!(std::ptr::eq(intern(hc().clone()), hc()));
        // A changed definition is leaked once, however often it is made.
        let mut def = hc().definition().clone();
        def.items[0].prompt.push_str(" (revised)");
        let one = intern(Instrument::new(def.clone()).unwrap());
        let two = intern(Instrument::new(def).unwrap());
        assert!(std::ptr::eq(one, two));
        assert!(!std::ptr::eq(one, hc()));
        assert_eq!(interned(), before + 1);
    }
}
