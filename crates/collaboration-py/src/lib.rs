//! The Python module `collaboration._native`, wrapped by the package
//! `collaboration` (python/collaboration). Every value crosses as the
//! crate's own serde types (through `pythonize`), so a dict here is the JSON
//! the crate writes; errors become the exceptions of
//! `collaboration._errors`, with the item, respondent and line they name.
//!
//! The Python API is documented in docs/python.md and the stub
//! python/collaboration/__init__.pyi.

mod error;
mod file;

use std::sync::{Mutex, PoisonError};

use collaboration::report::{AggregateState, FingerprintKey};
use collaboration::{Bands, Comparison, GroupReport, ScoringOptions};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use pythonize::{depythonize, pythonize};

use crate::error::{Failure, Kind};

/// A value as the Python object its JSON reads as (`json.loads` of what
/// the crate writes): through `serde_json::Value`, so that a Rust tuple is
/// a list, as in the JSON, and not a Python tuple.
fn to_python<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let fail = |e: &dyn std::fmt::Display| Failure::new(Kind::Base, format!("converting to Python: {e}"));
    let json = serde_json::to_value(value).map_err(|e| fail(&e))?;
    pythonize(py, &json).map_err(|e| fail(&e).into())
}

/// A Python value (a dict, a list, a number…) as JSON text, or a `str`
/// taken as JSON text already. `what` names it in the error.
fn json_text(value: &Bound<'_, PyAny>, kind: Kind, what: &str) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_str()?.to_owned());
    }
    let json: serde_json::Value =
        depythonize(value).map_err(|e| Failure::new(kind, format!("{what} is not a JSON value: {e}")))?;
    Ok(json.to_string())
}

/// Instruments are kept for the life of the process, once per distinct
/// definition, so that an aggregator can borrow its instrument as the crate
/// requires (`Aggregator<'i>`) without any `unsafe`: the built-in one is
/// static already, and each other definition read is kept once.
fn keep(instrument: collaboration::Instrument) -> &'static collaboration::Instrument {
    static KEPT: Mutex<Vec<&'static collaboration::Instrument>> = Mutex::new(Vec::new());
    let builtin = collaboration::Instrument::builtin();
    if instrument == *builtin {
        return builtin;
    }
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = kept.iter().find(|i| ***i == instrument) {
        return found;
    }
    let leaked: &'static collaboration::Instrument = Box::leak(Box::new(instrument));
    kept.push(leaked);
    leaked
}

/// An instrument: the items asked, their scales and what each counts
/// towards.
#[pyclass(module = "collaboration", frozen, eq)]
#[derive(Debug, PartialEq)]
struct Instrument {
    inner: &'static collaboration::Instrument,
}

#[pymethods]
impl Instrument {
    /// Reads and checks an instrument definition from its JSON text.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let instrument = collaboration::Instrument::from_json(text).map_err(|e| Failure::instrument(&e))?;
        Ok(Self { inner: keep(instrument) })
    }

    /// The instrument's id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// Its version.
    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }

    /// Its title.
    #[getter]
    fn title(&self) -> &str {
        self.inner.title()
    }

    /// The digest of its definition, as saved states record it.
    #[getter]
    fn digest(&self) -> &str {
        self.inner.digest()
    }

    /// Its ids of items, in order.
    fn item_ids(&self) -> Vec<String> {
        self.inner.items().iter().map(|i| i.id.clone()).collect()
    }

    /// The definition as a dict, the instrument's JSON.
    fn definition<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self.inner.definition())
    }

    /// Checks a response (a dict, or its JSON text); raises
    /// `InvalidResponse` naming what is wrong.
    fn validate(&self, response: &Bound<'_, PyAny>) -> PyResult<()> {
        let text = json_text(response, Kind::InvalidResponse, "the response")?;
        let from_text = response.is_instance_of::<PyString>();
        let parsed = self.inner.parse_response(&text).map_err(|e| Failure::response(&e, from_text))?;
        self.inner.validate(&parsed).map_err(|e| Failure::response(&e, from_text))?;
        Ok(())
    }

    /// One respondent's scorecard, as the dict of its JSON.
    #[pyo3(signature = (response, *, bands = None))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        response: &Bound<'py, PyAny>,
        bands: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(3, 1, bands)?;
        let text = json_text(response, Kind::InvalidResponse, "the response")?;
        let from_text = response.is_instance_of::<PyString>();
        let parsed = self.inner.parse_response(&text).map_err(|e| Failure::response(&e, from_text))?;
        let card = self.inner.score_with(&parsed, &options).map_err(|e| Failure::response(&e, from_text))?;
        to_python(py, &card)
    }

    /// Pickled as its definition, so Dask and Spark can send it to workers.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        let json = serde_json::to_string(slf.get().inner.definition())
            .map_err(|e| Failure::new(Kind::Base, format!("writing the instrument: {e}")))?;
        Ok((py.get_type::<Self>().getattr("from_json")?, (json,)))
    }

    fn __repr__(&self) -> String {
        format!("<Instrument {} {}>", self.inner.id(), self.inner.version())
    }
}

/// The scoring options from the Python arguments.
fn options(
    min_segment: usize,
    min_partner_raters: usize,
    bands: Option<&Bound<'_, PyAny>>,
) -> PyResult<ScoringOptions> {
    let bands = match bands {
        None => Bands::DEFAULT,
        Some(b) if b.is_none() => Bands::DEFAULT,
        Some(b) => depythonize::<Bands>(b).map_err(|e| {
            Failure::new(
                Kind::Base,
                format!("bands: {e}; give a dict such as {{\"developing\": 50.0, \"strength\": 75.0}}"),
            )
        })?,
    };
    Ok(ScoringOptions { bands, min_segment, fold_case: false, min_partner_raters })
}

/// A fingerprint key from 32 bytes or 64 hexadecimal digits.
fn key_of(key: &Bound<'_, PyAny>) -> PyResult<FingerprintKey> {
    if let Ok(bytes) = key.cast::<PyBytes>() {
        let array: [u8; 32] = bytes.as_bytes().try_into().map_err(|_| {
            Failure::new(Kind::Base, format!("a fingerprint key is 32 bytes, not {}", bytes.as_bytes().len()))
        })?;
        return Ok(FingerprintKey::from_bytes(array));
    }
    let text: String = key.extract().map_err(|_| {
        Failure::new(Kind::Base, "a fingerprint key is 32 bytes or 64 hexadecimal digits".to_owned())
    })?;
    text.trim()
        .parse::<FingerprintKey>()
        .map_err(|e| Failure::new(Kind::Base, format!("the fingerprint key: {e}")).into())
}

/// A new random fingerprint key, 32 bytes: give the same one to every
/// part of one partnership so that a respondent counted in two parts is
/// caught when they merge.
#[pyfunction]
fn new_key(py: Python<'_>) -> Bound<'_, PyBytes> {
    PyBytes::new(py, &FingerprintKey::random().to_bytes())
}

/// Counts a group's responses, merges with other counts, and gives the
/// group report.
#[pyclass(module = "collaboration")]
#[derive(Debug)]
struct Aggregator {
    inner: collaboration::Aggregator<'static>,
}

#[pymethods]
impl Aggregator {
    #[new]
    #[pyo3(signature = (instrument, *, min_segment = 3, bands = None, key = None, min_partner_raters = 1))]
    fn new(
        instrument: &Instrument,
        min_segment: usize,
        bands: Option<&Bound<'_, PyAny>>,
        key: Option<&Bound<'_, PyAny>>,
        min_partner_raters: usize,
    ) -> PyResult<Self> {
        let options = options(min_segment, min_partner_raters, bands)?;
        let key = match key {
            Some(k) if !k.is_none() => key_of(k)?,
            _ => FingerprintKey::random(),
        };
        Ok(Self { inner: collaboration::Aggregator::with_key(instrument.inner, options, key) })
    }

    /// An aggregator from a saved state (the binary form or its JSON, as
    /// bytes or str). With the key its fingerprints were made with,
    /// responses can be added to it; without, it can be merged and
    /// reported only.
    #[staticmethod]
    #[pyo3(signature = (instrument, data, *, key = None))]
    fn restore(
        instrument: &Instrument,
        data: &Bound<'_, PyAny>,
        key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let state = if let Ok(bytes) = data.cast::<PyBytes>() {
            AggregateState::from_slice(bytes.as_bytes())
        } else if let Ok(text) = data.cast::<PyString>() {
            AggregateState::from_json(text.to_str()?)
        } else {
            return Err(Failure::new(
                Kind::InvalidState,
                "a saved state is bytes or a str of JSON".to_owned(),
            )
            .into());
        }
        .map_err(|e| Failure::new(Kind::InvalidState, e.to_string()))?;
        let restored = match key {
            Some(k) if !k.is_none() => {
                collaboration::Aggregator::restore_keyed(instrument.inner, &state, &key_of(k)?)
            }
            _ => collaboration::Aggregator::restore(instrument.inner, &state),
        };
        let inner = restored.map_err(|e| Failure::new(Kind::InvalidState, e.to_string()))?;
        Ok(Self { inner })
    }

    /// Checks one response (a dict or its JSON text) and counts it.
    fn add(&mut self, response: &Bound<'_, PyAny>) -> PyResult<()> {
        let instrument = self.inner.instrument();
        let text = json_text(response, Kind::InvalidResponse, "the response")?;
        let from_text = response.is_instance_of::<PyString>();
        let parsed = instrument.parse_response(&text).map_err(|e| Failure::response(&e, from_text))?;
        self.inner.add(&parsed).map_err(|e| Failure::aggregate(&e, from_text).into())
    }

    /// Adds another aggregator's counts to this one's.
    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) -> PyResult<()> {
        // Cloned first: `other` may be `slf` itself.
        let other = other.borrow().inner.clone();
        slf.borrow_mut().inner.merge(&other).map_err(|e| Failure::aggregate(&e, false).into())
    }

    /// How many respondents are counted.
    #[getter]
    fn respondents(&self) -> u64 {
        self.inner.respondents()
    }

    /// The group report, as the dict of its JSON.
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.report())
    }

    /// The state, in the compact binary form `collaboration merge` reads.
    fn state<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.state().to_bytes())
    }

    /// The state as JSON text.
    fn state_json(&self) -> String {
        self.inner.state().to_json()
    }

    fn __repr__(&self) -> String {
        format!("<Aggregator of {} respondent(s)>", self.inner.respondents())
    }
}

/// The framework's catalogue: foundations, roles, powers, misconceptions
/// and levels, with the Guide's words.
#[pyfunction]
fn catalogue(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_python(py, &collaboration::Catalogue::new())
}

/// The built-in instrument, `collaboration-health-check`.
#[pyfunction]
fn builtin_instrument() -> Instrument {
    Instrument { inner: collaboration::Instrument::builtin() }
}

/// A group report from its dict (or JSON text).
fn report_of(value: &Bound<'_, PyAny>, what: &str) -> PyResult<GroupReport> {
    let text = json_text(value, Kind::InvalidReport, what)?;
    GroupReport::from_json(&text)
        .map_err(|e| Failure::new(Kind::InvalidReport, format!("{what}: {e}")).into())
}

/// How two reports of one instrument differ, as a dict.
#[pyfunction]
fn compare<'py>(
    py: Python<'py>,
    earlier: &Bound<'py, PyAny>,
    later: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let earlier = report_of(earlier, "the earlier report")?;
    let later = report_of(later, "the later report")?;
    let comparison =
        Comparison::of_reports(&earlier, &later).map_err(|e| Failure::new(Kind::Compare, e.to_string()))?;
    to_python(py, &comparison)
}

/// The standalone HTML page of a report, as `collaboration report` writes
/// it: naming the instrument (the built-in one unless another is given)
/// when the report is of it, with `earlier`'s change when given.
#[pyfunction]
#[pyo3(signature = (report, *, instrument = None, title = None, earlier = None))]
fn html_report(
    report: &Bound<'_, PyAny>,
    instrument: Option<&Instrument>,
    title: Option<String>,
    earlier: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let report = report_of(report, "the report")?;
    let earlier = earlier.map(|e| report_of(e, "the earlier report")).transpose()?;
    let instrument = instrument.map_or_else(collaboration::Instrument::builtin, |i| i.inner);
    let mut html = collaboration::HtmlReport::new(&report);
    if report.instrument == instrument.id() {
        html = html.with_instrument(instrument);
    }
    if let Some(title) = title {
        html = html.with_title(title);
    }
    if let Some(earlier) = &earlier {
        html = html.with_earlier(earlier).map_err(|e| Failure::new(Kind::Compare, e.to_string()))?;
    }
    Ok(html.to_html())
}

/// The SVG radar chart of a report's foundation means, with `earlier`'s
/// polygon when given.
#[pyfunction]
#[pyo3(signature = (report, *, title = None, earlier = None))]
fn radar_svg(
    report: &Bound<'_, PyAny>,
    title: Option<String>,
    earlier: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let report = report_of(report, "the report")?;
    let mut radar = match earlier {
        Some(e) => collaboration::Radar::from_comparison(&report_of(e, "the earlier report")?, &report)
            .map_err(|e| Failure::new(Kind::Compare, e.to_string()))?,
        None => collaboration::Radar::from_report(&report),
    };
    if let Some(title) = title {
        radar = radar.with_title(title);
    }
    Ok(radar.to_svg())
}

/// The partner map of a report, or a `Kind::Report` error when no
/// respondent rated a partner.
fn partner_map_of(report: &Bound<'_, PyAny>) -> PyResult<collaboration::report::PartnerMap> {
    report_of(report, "the report")?.partners.ok_or_else(|| {
        Failure::new(
            Kind::InvalidReport,
            "the report has no partner map: no respondent rated a partner (a response's `partners`)"
                .to_owned(),
        )
        .into()
    })
}

/// The partner map as the SVG network diagram.
#[pyfunction]
fn partners_svg(report: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(collaboration::render::network_svg(&partner_map_of(report)?))
}

/// The partner map's network as GraphML, for Gephi, networkx or igraph.
#[pyfunction]
fn partners_graphml(report: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(collaboration::render::graphml(&partner_map_of(report)?))
}

/// The partner map's shown ties as CSV, one row a tie.
#[pyfunction]
fn partners_csv(report: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(collaboration::render::ties_csv(&partner_map_of(report)?))
}

/// Scores a whole file of responses (JSON Lines, a JSON array, CSV, TSV,
/// an Excel workbook or FHIR) with the GIL released.
#[pyfunction]
// Python's keyword arguments, one per option.
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (path, *, threads = None, skip_invalid = false, instrument = None, min_segment = 3, bands = None, min_partner_raters = 1))]
fn score_file<'py>(
    py: Python<'py>,
    path: std::path::PathBuf,
    threads: Option<usize>,
    skip_invalid: bool,
    instrument: Option<&Instrument>,
    min_segment: usize,
    bands: Option<&Bound<'py, PyAny>>,
    min_partner_raters: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let instrument = instrument.map_or_else(collaboration::Instrument::builtin, |i| i.inner);
    let options = collaboration::BatchOptions {
        scoring: options(min_segment, min_partner_raters, bands)?,
        threads: threads.unwrap_or(0),
        skip_invalid,
        key: None,
    };
    let report = py.detach(move || file::score(&path, instrument, &options))?;
    to_python(py, &report)
}

/// Every respondent's scorecard in a file, as dicts (what
/// `scorecards_frame` makes its rows of).
#[pyfunction]
#[pyo3(signature = (path, *, skip_invalid = false, instrument = None))]
fn scorecards<'py>(
    py: Python<'py>,
    path: std::path::PathBuf,
    skip_invalid: bool,
    instrument: Option<&Instrument>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let instrument = instrument.map_or_else(collaboration::Instrument::builtin, |i| i.inner);
    let cards = py.detach(move || file::scorecards(&path, instrument, skip_invalid))?;
    cards.iter().map(|card| to_python(py, card)).collect()
}

/// The module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Instrument>()?;
    m.add_class::<Aggregator>()?;
    m.add_function(wrap_pyfunction!(catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(builtin_instrument, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(html_report, m)?)?;
    m.add_function(wrap_pyfunction!(radar_svg, m)?)?;
    m.add_function(wrap_pyfunction!(partners_svg, m)?)?;
    m.add_function(wrap_pyfunction!(partners_graphml, m)?)?;
    m.add_function(wrap_pyfunction!(partners_csv, m)?)?;
    m.add_function(wrap_pyfunction!(score_file, m)?)?;
    m.add_function(wrap_pyfunction!(scorecards, m)?)?;
    m.add_function(wrap_pyfunction!(new_key, m)?)?;
    Ok(())
}
