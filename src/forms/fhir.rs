//! HL7 FHIR R4 (4.0.1): an instrument as a `Questionnaire`, a response as a
//! `QuestionnaireResponse`, and `QuestionnaireResponse`s read back, one at
//! a time, from one resource, a Bundle or NDJSON.
//!
//! The resources are plain serde structs written for the fields the crate
//! uses (docs/forms.md says why no FHIR crate is used). Fields the crate
//! does not use are ignored when read.
//!
//! ```
//! use collaboration::forms::fhir;
//! use collaboration::{Instrument, Respondent, Response, Role};
//!
//! let hc = Instrument::builtin();
//! let questionnaire = fhir::questionnaire(hc);
//! assert_eq!(questionnaire.url.as_deref(), Some("urn:collaboration:instrument:collaboration-health-check"));
//!
//! let respondent = Respondent::new("r-07")?.with_role(Role::SystemSteward);
//! let response = Response::new(hc.id(), respondent).with_answer("shared-learning.1", 4);
//! let json = serde_json::to_string(&fhir::questionnaire_response(hc, &response))?;
//! assert!(json.contains(r#""system":"urn:collaboration:scale:collaboration-health-check:extent""#));
//!
//! let qr: fhir::QuestionnaireResponse = serde_json::from_str(&json)?;
//! assert_eq!(fhir::response_from_fhir(hc, &qr)?, response);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod map;
mod model;
mod read;

pub use map::{
    ITEM_WEIGHT, ORGANISATION_LINK_ID, POWER_SOURCE_SYSTEM, POWER_SOURCES_LINK_ID, RESPONDENT_SYSTEM,
    ROLE_SYSTEM, ROLES_LINK_ID, questionnaire, questionnaire_response, questionnaire_url, response_from_fhir,
    scale_system,
};
pub use model::{
    AnswerOption, BUNDLE, Bundle, BundleEntry, Coding, Extension, Identifier, QUESTIONNAIRE,
    QUESTIONNAIRE_RESPONSE, Questionnaire, QuestionnaireItem, QuestionnaireResponse,
    QuestionnaireResponseAnswer, QuestionnaireResponseItem,
};
pub use read::{FhirPosition, FhirResponses, MAX_FHIR_DOCUMENT_BYTES, MAX_NDJSON_LINE_BYTES, responses};
