//! The instrument as a form other tools render, and their results read
//! back: SurveyJS form JSON, and HL7 FHIR R4 `Questionnaire` and
//! `QuestionnaireResponse`.
//!
//! ```
//! use collaboration::Instrument;
//! use collaboration::forms::{fhir, surveyjs};
//!
//! let hc = Instrument::builtin();
//! // The form a web page renders with SurveyJS, and what it sends back.
//! let form = surveyjs::form(hc);
//! assert_eq!(form.pages[0].elements[0].name, "collaborative-mindset.1");
//! let data = serde_json::json!({"respondent_id": "r-07", "collaborative-mindset.1": 4});
//! let response = surveyjs::response(hc, &data, "unused")?;
//!
//! // The same response as FHIR, and back.
//! let qr = fhir::questionnaire_response(hc, &response);
//! assert_eq!(fhir::response_from_fhir(hc, &qr)?, response);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Both forms group the items alike: one page (SurveyJS) or group (FHIR)
//! per foundation, then power, misconceptions and the spectrum where the
//! instrument has them (in the order it first asks them), then "About
//! you". docs/forms.md has the mappings
//! field by field.

mod error;
pub mod fhir;
mod section;
pub mod surveyjs;

pub use error::FormError;
pub use fhir::{MAX_FHIR_DOCUMENT_BYTES, MAX_NDJSON_LINE_BYTES};
