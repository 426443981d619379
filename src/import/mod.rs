//! Answers collected elsewhere, read in: spreadsheets exported by form tools
//! (CSV, TSV and Excel workbooks) and collections of FHIR
//! `QuestionnaireResponse`s.
