//! Spreadsheets from form tools read in (docs/import.md).
//!
//! The fixtures in tests/data/import/ are the sample team
//! (examples/data/team.jsonl) laid out as each tool documents its export;
//! tests/data/import/make.py wrote them and says which layout each follows.
//! Each must give back exactly the team's responses, and score to exactly
//! the report the JSON Lines give through the separate JSON path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::fmt::Write as _;

use collaboration::batch::{BatchError, Counter, Position, RejectionReason};
use collaboration::import::{
    CellError, CellProblem, ColumnUse, ImportError, ImportWarning, Layout, Mapping, MappingError, Table,
};
use collaboration::response::ResponseError;
use collaboration::{BatchOptions, Instrument, Response, score_batch};

mod util;

const TEAM: &str = include_str!("../examples/data/team.jsonl");
const GOOGLE: &str = include_str!("data/import/google-forms.csv");
const QUALTRICS: &str = include_str!("data/import/qualtrics.csv");
const SURVEYMONKEY: &str = include_str!("data/import/surveymonkey.csv");
#[cfg(feature = "xlsx")]
const MICROSOFT: &[u8] = include_bytes!("data/import/microsoft-forms.xlsx");

/// Qualtrics' numeric export recodes "Not applicable" as 6 (make.py).
const QUALTRICS_MAPPING: &str = r#"{"scales": {"extent": {"6": "n/a"}}}"#;

fn hc() -> &'static Instrument {
    Instrument::builtin()
}

/// The sample team's responses without their partner ratings: a form
/// tool's export and the SurveyJS and FHIR forms carry the answers and the
/// respondent, not the partner ratings (docs/forms.md).
fn team() -> Vec<Response> {
    util::team_without_partners()
}

fn rows(table: Table<'_>) -> Vec<Response> {
    table.map(|row| row.unwrap().result.unwrap_or_else(|e| panic!("{e:?}"))).collect()
}

/// The responses agree with the team's in everything but the id, which
/// each tool writes its own way (`ids`).
fn same_answers(got: &[Response], ids: impl Fn(usize, &Response) -> String) {
    let team = team();
    assert_eq!(got.len(), team.len());
    for (k, (got, want)) in got.iter().zip(&team).enumerate() {
        assert_eq!(got.respondent.id.as_str(), ids(k, want), "row of {}", want.respondent.id);
        assert_eq!(got.answers, want.answers, "answers of {}", want.respondent.id);
        assert_eq!(got.respondent.organisation, want.respondent.organisation);
        let set = |v: &[collaboration::Role]| v.iter().copied().collect::<BTreeSet<_>>();
        assert_eq!(
            set(&got.respondent.roles),
            set(&want.respondent.roles),
            "roles of {}",
            want.respondent.id
        );
        let power = |v: &[collaboration::PowerSource]| v.iter().copied().collect::<BTreeSet<_>>();
        assert_eq!(power(&got.respondent.power_sources), power(&want.respondent.power_sources));
        assert_eq!(got.instrument, "collaboration-health-check");
    }
}

/// The report of a table, through the counter.
fn table_report(table: Table<'_>) -> String {
    let mut counter = Counter::new(hc(), &BatchOptions { threads: 1, ..BatchOptions::default() }, |r| {
        panic!("rejected: {r}")
    });
    counter.table(table).unwrap();
    serde_json::to_string(&counter.finish().unwrap().aggregator.report()).unwrap()
}

/// The report of the JSON Lines (without partner ratings, as `team`),
/// through the JSON batch path.
fn team_report() -> String {
    let lines: String = team().iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    serde_json::to_string(&score_batch(lines.as_bytes(), hc(), &BatchOptions::default()).unwrap().report)
        .unwrap()
}

fn unmatched(table: &Table<'_>) -> Vec<String> {
    table
        .warnings()
        .iter()
        .filter(|w| matches!(w, ImportWarning::Unmatched { .. }))
        .map(|w| w.header().to_owned())
        .collect()
}

#[test]
fn google_forms_csv_gives_the_team() {
    let table = Table::csv(GOOGLE.as_bytes(), hc(), &Mapping::default()).unwrap();
    assert_eq!(table.layout(), Layout::Plain);
    // Timestamp is the one column Google adds that gives nothing.
    assert_eq!(unmatched(&table), ["Timestamp"]);
    assert_eq!(table.columns()[1].reads, ColumnUse::RespondentId);
    assert_eq!(table.columns()[5].reads, ColumnUse::Item("collaborative-mindset.1".into()));
    same_answers(&rows(table), |_, r| format!("{}@example.org", r.respondent.id));
    assert_eq!(
        table_report(Table::csv(GOOGLE.as_bytes(), hc(), &Mapping::default()).unwrap()),
        team_report()
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn microsoft_forms_workbook_gives_the_team() {
    let table = Table::xlsx(MICROSOFT, hc(), &Mapping::default()).unwrap();
    assert_eq!(table.layout(), Layout::Plain);
    assert_eq!(unmatched(&table), ["Start time", "Completion time", "Name"]);
    // `Id` gives the respondent; `Email` ("anonymous" for every row) is
    // reported as not read.
    let unused: Vec<_> =
        table.warnings().iter().filter(|w| matches!(w, ImportWarning::Unused { .. })).collect();
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0].header(), "Email");
    assert_eq!(unused[0].to_string(), "column D `Email` was not read: column A `Id` gives the respondent id");
    // Microsoft numbers the responses from 1.
    same_answers(&rows(table), |k, _| (k + 1).to_string());
    assert_eq!(table_report(Table::xlsx(MICROSOFT, hc(), &Mapping::default()).unwrap()), team_report());
    // Through `read`, by format, as the CLI opens it.
    let table =
        Table::read(MICROSOFT, collaboration::import::TableFormat::Xlsx, hc(), &Mapping::default()).unwrap();
    assert_eq!(rows(table).len(), 15);
}

#[test]
fn qualtrics_csv_with_three_header_rows_gives_the_team() {
    let mapping = Mapping::from_json(QUALTRICS_MAPPING).unwrap();
    let table = Table::csv(QUALTRICS.as_bytes(), hc(), &mapping).unwrap();
    assert_eq!(table.layout(), Layout::Qualtrics);
    // Every metadata column but the response id, by its second-row words
    // and its export tag.
    let unmatched = unmatched(&table);
    assert_eq!(unmatched.len(), 16, "{unmatched:?}");
    assert_eq!(unmatched[0], "Start Date / StartDate");
    // The response ids of make.py, R_ and 15 digits from 7 340 000.
    same_answers(&rows(table), |k, _| format!("R_{:015}", 7_340_000 + k));
    assert_eq!(table_report(Table::csv(QUALTRICS.as_bytes(), hc(), &mapping).unwrap()), team_report());
}

#[test]
fn qualtrics_recode_values_without_the_mapping_are_named_cell_by_cell() {
    let table = Table::csv(QUALTRICS.as_bytes(), hc(), &Mapping::default()).unwrap();
    let bad: Vec<(usize, Vec<CellError>)> =
        table.map(|row| row.unwrap()).filter_map(|row| row.result.err().map(|e| (row.number, e))).collect();
    // team.jsonl has two n/a answers, from two respondents (make.py writes
    // them as 6): rows 4 onwards hold the data, after three header rows.
    assert_eq!(bad.len(), 2);
    for (number, errors) in &bad {
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, *number);
        assert!(*number >= 4);
        assert_eq!(errors[0].value, "6");
        assert!(matches!(&errors[0].problem, CellProblem::OutOfScale { points: 5, .. }));
        assert!(errors[0].to_string().contains("is outside the scale"), "{}", errors[0]);
    }
}

#[test]
fn surveymonkey_csv_with_two_header_rows_gives_the_team() {
    let table = Table::csv(SURVEYMONKEY.as_bytes(), hc(), &Mapping::default()).unwrap();
    assert_eq!(table.layout(), Layout::SurveyMonkey);
    // The options of the roles and power questions each have a column.
    assert_eq!(table.columns()[10].reads, ColumnUse::HasRole(collaboration::Role::SystemLeader));
    assert!(
        table
            .columns()
            .iter()
            .any(|c| c.reads == ColumnUse::HoldsPower(collaboration::PowerSource::Networks))
    );
    let unmatched = unmatched(&table);
    assert_eq!(
        unmatched,
        ["Collector ID", "Start Date", "End Date", "IP Address", "First Name", "Last Name", "Custom Data 1"]
    );
    same_answers(&rows(table), |k, _| (118_400_000_000_u64 + 7 * k as u64).to_string());
    assert_eq!(
        table_report(Table::csv(SURVEYMONKEY.as_bytes(), hc(), &Mapping::default()).unwrap()),
        team_report()
    );
}

/// A small table of the built-in instrument, one header row.
fn small(body: &str) -> String {
    let hc = hc();
    let prompt = |id: &str| hc.item(id).unwrap().prompt.clone();
    format!(
        "Respondent,Organisation,Roles,Power sources,\"{}\",\"{}\",spectrum.current\n{body}",
        prompt("collaborative-mindset.1"),
        prompt("misconception.everyone-is-equal"),
    )
}

fn errors_of(csv: impl AsRef<[u8]>) -> Vec<CellError> {
    let table = Table::csv(csv.as_ref(), hc(), &Mapping::default()).unwrap();
    table.map(|row| row.unwrap()).filter_map(|row| row.result.err()).flatten().collect()
}

#[test]
fn every_bad_cell_names_its_row_column_respondent_and_value() {
    // Row 2 is fine; row 3 has four bad cells, each its own error.
    let csv = small(
        "ana,City Council,System leader,Positional,Largely,Agree,6\nben,NHS Trust,chair,wealth,Sometimes,N/A,9\n",
    );
    let errors = errors_of(&csv);
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors.iter().all(|e| e.row == 3 && e.respondent.as_deref() == Some("ben")));
    let by_column = |c: usize| errors.iter().find(|e| e.column == c).unwrap();

    // An unknown role and an unknown power source (columns C and D).
    assert_eq!(by_column(3).problem, CellProblem::UnknownRole { part: "chair".into() });
    assert!(
        by_column(3)
            .to_string()
            .starts_with("row 3, column C `Roles`, respondent `ben`: `chair` is not a role")
    );
    assert_eq!(by_column(4).problem, CellProblem::UnknownPowerSource { part: "wealth".into() });

    // An unknown label: the extent scale's labels are the instrument's.
    let label = by_column(5);
    assert_eq!(label.value, "Sometimes");
    assert_eq!(label.item(), Some("collaborative-mindset.1"));
    assert!(
        matches!(&label.problem, CellProblem::UnknownLabel { scale, points: 5, not_applicable: true, .. } if scale == "extent")
    );
    assert!(
        label.to_string().contains(
            "give 1 to 5, or a label of scale `extent` (Not at all, A little, Partly, Largely, Fully), or n/a"
        ),
        "{label}"
    );
    assert!(label.to_string().starts_with("row 3, column E `Do your actions align"), "{label}");

    // n/a where the agreement scale does not allow it.
    let na = by_column(6);
    assert_eq!(na.value, "N/A");
    assert_eq!(
        na.problem,
        CellProblem::NotApplicableForbidden {
            item: "misconception.everyone-is-equal".into(),
            scale: "agreement".into()
        }
    );

    // Out of the spectrum's seven points.
    let out = by_column(7);
    assert_eq!((out.value.as_str(), out.header.as_str()), ("9", "spectrum.current"));
    assert_eq!(out.problem, CellProblem::OutOfScale { item: "spectrum.current".into(), points: 7 });
    assert_eq!(
        out.to_string(),
        "row 3, column G `spectrum.current`, respondent `ben`: `9` is outside the scale of item `spectrum.current`, 1 to 7"
    );
}

#[test]
fn a_repeated_respondent_names_both_rows_and_the_id_column() {
    let csv = small("ana,,,,4,,\nben,,,,3,,\nana,,,,2,,\n");
    let errors = errors_of(&csv);
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!((e.row, e.column, e.header.as_str(), e.value.as_str()), (4, 1, "Respondent", "ana"));
    assert_eq!(e.problem, CellProblem::DuplicateRespondent { first_row: Some(2) });
    assert_eq!(
        e.to_string(),
        "row 4, column A `Respondent`, respondent `ana`: respondent `ana` already answered in row 2"
    );

    // Counted, the repeat is a rejection at its row, counted as a
    // duplicate, and the first answer stands.
    let options = BatchOptions { skip_invalid: true, ..BatchOptions::default() };
    let mut seen = Vec::new();
    let mut counter = Counter::new(hc(), &options, |r| seen.push(r.clone()));
    counter.table(Table::csv(csv.as_bytes(), hc(), &Mapping::default()).unwrap()).unwrap();
    let result = counter.finish().unwrap();
    assert_eq!((result.responses, result.aggregator.respondents()), (3, 2));
    assert_eq!(result.rejected.duplicate_respondent, 1);
    assert_eq!(seen[0].position, Position::Row(4));
    assert_eq!(seen[0].respondent.as_deref(), Some("ana"));
    assert!(seen[0].reason.is_duplicate());
    // The rejection reads as its cell error: one row, one column.
    assert!(seen[0].to_string().starts_with("row 4, column A"), "{}", seen[0]);
}

#[test]
fn two_columns_answering_one_item_stop_the_table() {
    let hc = hc();
    let prompt = &hc.item("shared-learning.2").unwrap().prompt;
    let csv = format!("id,\"{prompt}\",Learning [{prompt}]\na,4,4\n");
    let err = Table::csv(csv.as_bytes(), hc, &Mapping::default()).unwrap_err();
    match &err {
        ImportError::SameItem { item, row, first, second, .. } => {
            assert_eq!((item.as_str(), *row, *first, *second), ("shared-learning.2", 1, 2, 3));
        }
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(text.starts_with("header row 1: column B `"), "{text}");
    assert!(text.contains("and column C `Learning ["), "{text}");
    // The mapping file settles it: one column ignored.
    let mapping = Mapping::from_json(&format!(r#"{{"columns": {{"Learning [{prompt}]": null}}}}"#)).unwrap();
    let table = Table::csv(csv.as_bytes(), hc, &mapping).unwrap();
    assert!(table.warnings().is_empty());
    assert_eq!(table.columns()[2].reads, ColumnUse::Ignored);
}

#[test]
fn respondent_ids_and_organisations_obey_the_response_rules() {
    let csv = small("\"a\u{7}b\",City Council,,,4,,\n,NHS Trust,,,4,,\nc,\"x\u{1}\",,,4,,\n");
    let errors = errors_of(&csv);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(matches!(
        errors[0].problem,
        CellProblem::Respondent(ResponseError::ControlCharacter { code: 7, .. })
    ));
    assert_eq!((errors[0].row, errors[0].column), (2, 1));
    // An empty id where the table has an id column.
    assert!(matches!(errors[1].problem, CellProblem::Respondent(ResponseError::EmptyRespondentId)));
    assert_eq!(errors[1].row, 3);
    assert!(matches!(
        errors[2].problem,
        CellProblem::Respondent(ResponseError::ControlCharacter { code: 1, .. })
    ));
    assert_eq!((errors[2].row, errors[2].column, errors[2].respondent.as_deref()), (4, 2, Some("c")));
}

#[test]
fn without_an_id_column_rows_are_named_by_number_and_blank_rows_pass() {
    let hc = hc();
    let csv = "shared-learning.1,shared-learning.2\n4,5\n,\n\n3,\n";
    let table = Table::csv(csv.as_bytes(), hc, &Mapping::default()).unwrap();
    let got: Vec<_> = table.map(|r| r.unwrap()).collect();
    // Row 3 (",") is blank and passed over; the csv reader skips the empty
    // line, so the next row is row 4.
    assert_eq!(got.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 4]);
    let ids: Vec<_> =
        got.iter().map(|r| r.result.as_ref().unwrap().respondent.id.as_str().to_owned()).collect();
    assert_eq!(ids, ["row-2", "row-4"]);
    assert_eq!(got[1].result.as_ref().unwrap().answers.len(), 1);
}

#[test]
fn labels_ignore_case_space_and_numbers_read_as_points() {
    let csv = small("ana,,system-steward; SYSTEM LEADER,networks,  largely ,strongly AGREE,Collaborate\n");
    let table = Table::csv(csv.as_bytes(), hc(), &Mapping::default()).unwrap();
    let r = rows(table).remove(0);
    assert_eq!(r.answers["collaborative-mindset.1"], 4.into());
    assert_eq!(r.answers["misconception.everyone-is-equal"], 5.into());
    // Collaborate is the sixth of the spectrum's seven levels.
    assert_eq!(r.answers["spectrum.current"], 6.into());
    assert_eq!(r.respondent.roles, [collaboration::Role::SystemSteward, collaboration::Role::SystemLeader]);
    assert_eq!(r.respondent.power_sources, [collaboration::PowerSource::Networks]);
}

#[test]
fn tsv_semicolons_and_a_byte_order_mark() {
    let tsv = "\u{feff}Respondent\tshared-learning.1\na\t4\n";
    let table = Table::tsv(tsv.as_bytes(), hc(), &Mapping::default()).unwrap();
    assert_eq!(table.columns()[0].header, "Respondent");
    assert_eq!(rows(table)[0].answers["shared-learning.1"], 4.into());
    let semicolons = "Respondent;shared-learning.1;Timestamp\na;4;02/03/2026 10:00\n";
    let table = Table::csv(semicolons.as_bytes(), hc(), &Mapping::default()).unwrap();
    assert_eq!(unmatched(&table), ["Timestamp"]);
    assert_eq!(rows(table)[0].answers["shared-learning.1"], 4.into());
}

/// `text` in UTF-16 with its byte order mark, by the standard library's
/// encoder (not the decoder under test): little- or big-endian.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let units = std::iter::once(0xFEFF_u16).chain(text.encode_utf16());
    units.flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
}

#[test]
fn utf16_tables_read_as_their_utf8() {
    // Excel's "Unicode Text" and Qualtrics' TSV export are UTF-16 with a
    // byte order mark. The Google Forms fixture so written, either byte
    // order, gives the team and the report the JSON Lines give.
    for little in [true, false] {
        let bytes = utf16(GOOGLE, little);
        let table = Table::csv(&bytes[..], hc(), &Mapping::default()).unwrap();
        assert_eq!(unmatched(&table), ["Timestamp"], "little-endian: {little}");
        same_answers(&rows(table), |_, r| format!("{}@example.org", r.respondent.id));
        let table = Table::csv(&bytes[..], hc(), &Mapping::default()).unwrap();
        assert_eq!(table_report(table), team_report());
    }
    // A TSV whose names are outside ASCII, one outside the Basic
    // Multilingual Plane (a surrogate pair in UTF-16): read back as written.
    let tsv = "Respondent\tOrganisation\tshared-learning.1\nJos\u{e9}\tCaf\u{e9} \u{1F333} Trust\t4\n";
    for little in [true, false] {
        let bytes = utf16(tsv, little);
        let table = Table::tsv(&bytes[..], hc(), &Mapping::default()).unwrap();
        assert_eq!(table.columns()[0].header, "Respondent");
        let got = rows(table);
        assert_eq!(got[0].respondent.id.as_str(), "Jos\u{e9}");
        assert_eq!(got[0].respondent.organisation.as_deref(), Some("Caf\u{e9} \u{1F333} Trust"));
        assert_eq!(got[0].answers["shared-learning.1"], 4.into());
    }
}

#[test]
fn cells_that_are_not_utf8_are_named_as_such() {
    // Excel's "CSV (Comma delimited)" writes a Windows code page: é is the
    // one byte 0xE9 (Windows-1252), which is not UTF-8. The id and the
    // organisation are each named, with U+FFFD shown for the byte, and the
    // message says how to save the table.
    let errors =
        errors_of(b"Respondent,Organisation,shared-learning.1\nJos\xe9,City,4\nann,Caf\xe9 Trust,5\n");
    assert_eq!(errors.len(), 2);
    assert_eq!((errors[0].row, errors[0].column, errors[0].problem.clone()), (2, 1, CellProblem::NotUtf8));
    assert_eq!(errors[0].value, "Jos\u{FFFD}");
    assert_eq!(errors[0].respondent, None);
    assert_eq!((errors[1].row, errors[1].column, errors[1].problem.clone()), (3, 2, CellProblem::NotUtf8));
    assert_eq!(errors[1].respondent.as_deref(), Some("ann"));
    assert_eq!(
        errors[1].to_string(),
        "row 3, column B `Organisation`, respondent `ann`: `Caf\u{FFFD} Trust` is not UTF-8 text \
         (U+FFFD stands for the bytes that are not); save the table as UTF-8 (in Excel, \"CSV UTF-8\")"
    );
}

#[test]
fn the_mapping_file_overrides_the_matching() {
    let csv = "Participant,Org,Q1,Q2,Q3,Junk\np1,City Council,Sometimes,-99,Don't know,x\n";
    let mapping = Mapping::from_json(
        r#"{
          "respondent": {"id": "participant", "organisation": "ORG"},
          "columns": {"Q1": "shared-learning.1", "Q2": "shared-learning.2", "Q3": "shared-learning.3", "Junk": null},
          "labels": {"Sometimes": 3, "-99": null},
          "scales": {"extent": {"Don't know": "n/a"}}
        }"#,
    )
    .unwrap();
    let table = Table::csv(csv.as_bytes(), hc(), &mapping).unwrap();
    assert!(table.warnings().is_empty(), "{:?}", table.warnings());
    let r = rows(table).remove(0);
    assert_eq!(r.respondent.id.as_str(), "p1");
    assert_eq!(r.respondent.organisation.as_deref(), Some("City Council"));
    assert_eq!(r.answers["shared-learning.1"], 3.into());
    // -99 means not answered; "Don't know" is n/a on the extent scale.
    assert!(!r.answers.contains_key("shared-learning.2"));
    assert_eq!(r.answers["shared-learning.3"], collaboration::Answer::NotApplicable);

    // Header rows as the mapping says: the second row is then a header.
    let two = "a,b\nRespondent,shared-learning.1\nx,4\n";
    let mapping = Mapping::from_json(r#"{"header_rows": 2}"#).unwrap();
    let table = Table::csv(two.as_bytes(), hc(), &mapping).unwrap();
    assert_eq!(table.layout(), Layout::Mapped(2));
    let row = table.map(|r| r.unwrap()).next().unwrap();
    assert_eq!(row.number, 3);
}

#[test]
fn a_mapping_that_does_not_fit_is_refused_in_words() {
    let csv = "Respondent,shared-learning.1\na,4\n";
    let fails =
        |json: &str| Table::csv(csv.as_bytes(), hc(), &Mapping::from_json(json).unwrap()).unwrap_err();
    let e = fails(r#"{"columns": {"shared-learning.1": "shared-lerning.1"}}"#);
    assert!(
        matches!(&e, ImportError::Mapping(MappingError::UnknownItem { item, .. }) if item == "shared-lerning.1")
    );
    assert_eq!(
        e.to_string(),
        "the mapping file: column `shared-learning.1` is mapped to `shared-lerning.1`, which is not an item of instrument `collaboration-health-check`"
    );
    let e = fails(r#"{"columns": {"Q9": "shared-learning.2"}}"#);
    assert_eq!(e.to_string(), "the mapping file: the table has no column `Q9` (for item shared-learning.2)");
    let e = fails(r#"{"respondent": {"organisation": "Org"}}"#);
    assert!(matches!(e, ImportError::Mapping(MappingError::NoSuchColumn { .. })), "{e}");
    let e = fails(r#"{"scales": {"extnt": {}}}"#);
    assert!(matches!(e, ImportError::Mapping(MappingError::UnknownScale { .. })), "{e}");
    // The agreement scale has no n/a.
    let e = fails(r#"{"scales": {"agreement": {"Unsure": "n/a"}}}"#);
    assert_eq!(
        e.to_string(),
        "the mapping file: label `Unsure` of scale `agreement` is mapped to \"n/a\", which that scale does not have"
    );
    let e = fails(r#"{"header_rows": 0}"#);
    assert!(matches!(e, ImportError::Mapping(MappingError::HeaderRows { rows: 0 })), "{e}");

    // JSON that is not a mapping: line, column and words.
    let e = Mapping::from_json("{\n  \"colums\": {}\n}").unwrap_err();
    match &e {
        ImportError::MappingJson { line, message, .. } => {
            assert_eq!(*line, 2);
            assert!(message.contains("colums"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let e = Mapping::from_json("[1]").unwrap_err();
    assert!(e.to_string().contains("expected a JSON object, found a list"), "{e}");
    let e = Mapping::from_json(r#"{"labels": {"Agree": 4.5}}"#).unwrap_err();
    assert!(!e.to_string().contains("Answer"), "no Rust type names: {e}");
}

#[test]
fn tables_with_nothing_to_read_are_refused() {
    let e = Table::csv("".as_bytes(), hc(), &Mapping::default()).unwrap_err();
    assert!(matches!(e, ImportError::Empty), "{e}");
    let e = Table::csv("Name,Colour\nAna,red\n".as_bytes(), hc(), &Mapping::default()).unwrap_err();
    assert!(matches!(&e, ImportError::NoItems { headers, .. } if headers == &["Name", "Colour"]), "{e}");
    assert!(e.to_string().starts_with("no column is an item of instrument `collaboration-health-check`"));
    #[cfg(feature = "xlsx")]
    {
        let e = Table::xlsx(b"PK\x03\x04 not really a zip", hc(), &Mapping::default()).unwrap_err();
        assert!(matches!(e, ImportError::Workbook { .. }), "{e}");
        let mapping = Mapping::from_json(r#"{"sheet": "Responses"}"#).unwrap();
        let e = Table::xlsx(MICROSOFT, hc(), &mapping).unwrap_err();
        assert_eq!(e.to_string(), "the workbook has no sheet `Responses`; its sheets are `Sheet1`");
    }
}

#[test]
fn a_batch_of_json_and_a_table_is_one_batch() {
    // Without skip_invalid, one bad row stops the whole batch.
    let csv = small("ana,,,,Sometimes,,\n");
    let mut counter = Counter::new(hc(), &BatchOptions::default(), |_| {});
    counter.json(TEAM.as_bytes()).unwrap();
    counter.table(Table::csv(csv.as_bytes(), hc(), &Mapping::default()).unwrap()).unwrap();
    match counter.finish().unwrap_err() {
        BatchError::Invalid { rejected, responses, rejections } => {
            assert_eq!((rejected, responses), (1, 16));
            assert!(matches!(&rejections[0].reason, RejectionReason::Cells(cells) if cells[0].row == 2));
        }
        other => panic!("{other:?}"),
    }
    // A table for another instrument is refused, not mixed in.
    let def = r#"{"id": "pulse", "version": "1", "title": "Pulse", "source": "test", "scales": [{"id": "s", "points": 3, "labels": ["a", "b", "c"]}], "items": [{"id": "trust.1", "prompt": "Trust?", "scale": "s", "measures": {"foundation": "healthy-trusting-relationships"}}]}"#;
    let pulse = Instrument::from_json(def).unwrap();
    let mut counter = Counter::new(hc(), &BatchOptions::default(), |_| {});
    let table = Table::csv("id,trust.1\na,2\n".as_bytes(), &pulse, &Mapping::default()).unwrap();
    assert!(matches!(counter.table(table), Err(BatchError::OtherInstrument { .. })));
    // Any instrument reads its own tables.
    let mut counter = Counter::new(&pulse, &BatchOptions::default(), |_| {});
    counter
        .table(Table::csv("id,Trust?\na,b\nb,c\nc,a\n".as_bytes(), &pulse, &Mapping::default()).unwrap())
        .unwrap();
    let report = counter.finish().unwrap().aggregator.report();
    assert_eq!(report.respondents, 3);
}

#[test]
fn rows_converted_on_workers_count_as_one_thread_does() {
    // 5 000 rows, more than two chunks of 2 048: every 97th a bad label,
    // every 89th a repeat of the row 40 before it (so some repeats cross a
    // chunk's edge). Both counts must give the same report and the same
    // rejections in the same order.
    let mut csv =
        String::from("Respondent,Organisation,shared-learning.1,shared-learning.2,spectrum.current\n");
    for k in 0..5_000 {
        let id = if k % 89 == 88 { k - 40 } else { k };
        let label = if k % 97 == 5 { "Sometimes" } else { ["Not at all", "Partly", "Fully"][k % 3] };
        writeln!(csv, "r{id},Org {},{label},{},{}", k % 4, 1 + k % 5, 1 + k % 7).unwrap();
    }
    let count = |threads| {
        let options = BatchOptions {
            threads,
            skip_invalid: true,
            key: Some(collaboration::report::FingerprintKey::from_bytes([7; 32])),
            ..BatchOptions::default()
        };
        let mut seen = Vec::new();
        let mut counter = Counter::new(hc(), &options, |r| seen.push(r.clone()));
        counter.table(Table::csv(csv.as_bytes(), hc(), &Mapping::default()).unwrap()).unwrap();
        let done = counter.finish().unwrap();
        (serde_json::to_string(&done.aggregator.report()).unwrap(), done.responses, seen)
    };
    let (one, responses, rejected) = count(1);
    assert_eq!(responses, 5_000);
    // 52 bad labels (k ≡ 5 mod 97 below 5 000) and 56 repeats (k ≡ 88 mod
    // 89), none both.
    assert_eq!(rejected.len(), 52 + 56);
    for threads in [2, 3, 8] {
        let (report, responses, seen) = count(threads);
        assert_eq!(report, one, "{threads} threads");
        assert_eq!(responses, 5_000);
        assert_eq!(seen, rejected, "{threads} threads");
    }
}

#[test]
fn a_value_with_no_header_is_never_passed_over() {
    // A CSV row longer than its header row: the extra value is an error
    // naming its row and column.
    let errors = errors_of("Respondent,shared-learning.1\na,4,called back\nb,3\n");
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!((e.row, e.column, e.value.as_str()), (2, 3, "called back"));
    assert_eq!(e.problem, CellProblem::PastTheHeader { columns: 2 });
    assert!(
        e.to_string().starts_with("row 2, column C, respondent `a`: `called back` is past the last header"),
        "{e}"
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn a_workbook_column_with_no_header_is_reported() {
    // make.py: column C holds a note in row 2 and has no header.
    let table =
        Table::xlsx(include_bytes!("data/import/no-header-column.xlsx"), hc(), &Mapping::default()).unwrap();
    assert_eq!(table.warnings().len(), 1);
    assert_eq!(table.warnings()[0].column(), 3);
    assert_eq!(
        table.warnings()[0].to_string(),
        "column C (no header) matches no item and no respondent field: it was not read"
    );
    assert_eq!(rows(table).len(), 2);
}
