//! The instrument as a form other tools render, and their results read
//! back: SurveyJS form JSON, and HL7 FHIR R4 `Questionnaire` and
//! `QuestionnaireResponse`.
