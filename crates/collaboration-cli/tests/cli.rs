//! The `collaboration` binary as a user runs it: every subcommand, the exit
//! codes (0 ok, 1 invalid input with nothing on standard output, 2 usage),
//! the accounting of `--skip-invalid`, saved reports read back, and atomic
//! writes.
//!
//! Expected figures come from the README (the sample team has 15
//! respondents, and only surface agreement on trust) or are worked by hand
//! in the comments; none is computed by the code under test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The repository's root, where `examples/data/team.jsonl` is.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_collaboration"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before it reads its input (a bad instrument)
    // may exit first: its closed pipe is no failure of the test.
    if let Err(err) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe, "{err}");
    }
    child.wait_with_output().unwrap()
}

fn run(args: &[&str], stdin: &str) -> Output {
    run_in(&root(), args, stdin)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr(out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Exit status 1, nothing on standard output.
fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert!(out.stdout.is_empty(), "something on standard output: {}", String::from_utf8_lossy(&out.stdout));
    stderr(out)
}

fn line(id: &str, answers: &str) -> String {
    format!(
        r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "{id}"}}, "answers": {answers}}}"#
    )
}

/// Seven lines, one blank: `b` answers 3.5, `a` repeats, `d` says "n/a"
/// where the agreement scale has none. 6 non-blank lines, 3 of them bad.
fn three_bad() -> String {
    [
        line("a", r#"{"shared-learning.1": 4}"#),
        line("b", r#"{"shared-learning.1": 3.5}"#),
        line("c", r#"{"shared-learning.1": 2}"#),
        String::new(),
        line("a", "{}"),
        line("d", r#"{"power.power-over": "n/a"}"#),
        line("e", "{}"),
    ]
    .join("\n")
}

/// The lines of standard error that are rejections (not the closing
/// `collaboration: …` summary).
fn rejections(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with("collaboration: ")).collect()
}

const PULSE: &str = r#"{"id": "pulse", "version": "1", "title": "Pulse", "source": "ours",
    "scales": [{"id": "yn", "points": 2, "labels": ["No", "Yes"]}],
    "items": [{"id": "trust", "prompt": "Trust?", "scale": "yn",
               "measures": {"foundation": "healthy-trusting-relationships"}}]}"#;

/// Pulse responses, one per (id, answer): 2 is Yes (100), 1 is No (0).
fn pulse(answers: &[(&str, u8)]) -> String {
    answers
        .iter()
        .map(|(id, v)| {
            format!(
                r#"{{"instrument": "pulse", "respondent": {{"id": "{id}"}}, "answers": {{"trust": {v}}}}}"#
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ------------------------------------------------------------------ score

#[test]
fn score_prints_the_sample_teams_report() {
    let report = json(&run(&["score", "examples/data/team.jsonl"], ""));
    // The README: 15 respondents, and trust divided beneath a healthy mean.
    assert_eq!(report["respondents"], 15);
    assert_eq!(report["instrument"], "collaboration-health-check");
    assert_eq!(report["foundations"].as_array().unwrap().len(), 6);
    let trust = &report["foundations"][1];
    assert_eq!(trust["foundation"], "healthy-trusting-relationships");
    assert_eq!((trust["divided"].as_bool(), trust["surface_agreement"].as_bool()), (Some(true), Some(true)));
    // Standard input, named `-` or not named at all, gives the same.
    let team = std::fs::read_to_string(root().join("examples/data/team.jsonl")).unwrap();
    assert_eq!(json(&run(&["score", "-"], &team)), report);
    assert_eq!(json(&run(&["score"], &team)), report);
}

#[test]
fn score_markdown_is_for_people() {
    let out = run(&["score", "--format", "markdown", "examples/data/team.jsonl"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with('#'), "{text}");
    assert!(text.contains("Healthy, trusting relationships"), "{text}");
    assert!(serde_json::from_str::<Value>(&text).is_err());
}

#[test]
fn invalid_lines_exit_1_and_are_all_listed() {
    let err = refused(&run(&["score", "-"], &three_bad()));
    let listed = rejections(&err);
    assert_eq!(listed.len(), 3, "{err}");
    assert!(listed[0].starts_with("line 2: respondent `b`, item `shared-learning.1`: 3.5"), "{err}");
    assert_eq!(listed[1], "line 5: respondent `a` appears more than once in the batch");
    assert!(listed[2].starts_with("line 6: respondent `d`, item `power.power-over`"), "{err}");
    assert!(err.contains("collaboration: 3 of 6 response(s) are invalid"), "{err}");
}

#[test]
fn skip_invalid_accounts_for_every_non_blank_line() {
    let input = three_bad();
    let out = run(&["score", "--skip-invalid", "-"], &input);
    let report = json(&out);
    let err = stderr(&out);
    let non_blank = input.lines().filter(|l| !l.trim().is_empty()).count();
    let scored = usize::try_from(report["respondents"].as_u64().unwrap()).unwrap();
    assert_eq!(non_blank, 6);
    // a, c and e are scored; b, the second a and d are rejected.
    assert_eq!(scored, 3);
    assert_eq!(scored + rejections(&err).len(), non_blank, "{err}");
    assert!(err.contains("collaboration: scored 3 of 6 response(s); 3 rejected"), "{err}");
    // The report, for the wall, names no rejection.
    assert!(report.get("rejected").is_none());
}

#[test]
fn nothing_scored_is_an_error_even_with_skip_invalid() {
    let err = refused(&run(&["score", "--skip-invalid", "-"], "junk\nmore junk\n"));
    assert_eq!(rejections(&err).len(), 2, "{err}");
    assert!(rejections(&err).iter().all(|l| l.starts_with("line ")), "{err}");
    assert!(err.contains("none of the 2 response(s) could be scored"), "{err}");
    let err = refused(&run(&["score", "-"], " \n\n"));
    assert_eq!(err.trim(), "collaboration: standard input: the batch has no responses");
}

#[test]
fn several_files_are_one_batch_and_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    // a.jsonl has no final line end; b.jsonl repeats `a` on its line 2 and
    // has a bad answer on its line 3.
    std::fs::write(dir.path().join("a.jsonl"), format!("{}\n{}", line("a", "{}"), line("b", "{}"))).unwrap();
    std::fs::write(
        dir.path().join("b.jsonl"),
        [line("c", "{}"), line("a", "{}"), line("d", r#"{"shared-learning.1": 9}"#), line("e", "{}")]
            .join("\n"),
    )
    .unwrap();
    let err = refused(&run_in(dir.path(), &["score", "a.jsonl", "b.jsonl"], ""));
    assert_eq!(
        rejections(&err),
        [
            "b.jsonl: line 2: respondent `a` appears more than once in the batch",
            "b.jsonl: line 3: respondent `d`, item `shared-learning.1`: 9 is outside the scale 1..=5",
        ],
        "{err}"
    );
    // Skipping: 6 responses, 4 scored (a, b, c, e) and 2 rejected.
    let out = run_in(dir.path(), &["score", "--skip-invalid", "a.jsonl", "b.jsonl"], "");
    assert_eq!(json(&out)["respondents"], 4);
    assert_eq!(rejections(&stderr(&out)).len(), 2);
    // A JSON array is scored on its own.
    std::fs::write(dir.path().join("c.json"), format!("[{}]", line("z", "{}"))).unwrap();
    let err = refused(&run_in(dir.path(), &["score", "a.jsonl", "c.json"], ""));
    assert!(err.contains("c.json: is a JSON array; an array is scored on its own"), "{err}");
    let report = json(&run_in(dir.path(), &["score", "c.json"], ""));
    assert_eq!(report["respondents"], 1);
}

#[test]
fn a_form_tools_csv_is_scored_by_its_name_or_its_look() {
    let dir = tempfile::tempdir().unwrap();
    // Shared learning 1 and 2: (4 + 5) and (3 + 3) over two respondents.
    let csv = "respondent,shared-learning.1,shared-learning.2\n1,4,5\n2,3,3\n";
    for name in ["responses.csv", "responses.data"] {
        std::fs::write(dir.path().join(name), csv).unwrap();
        let report = json(&run_in(dir.path(), &["score", "--min-segment", "1", name], ""));
        assert_eq!(report["respondents"], 2, "{name}");
    }
    // From standard input, where there is no extension: by its look.
    let report = json(&run(&["score", "--min-segment", "1", "-"], csv));
    assert_eq!(report["respondents"], 2);
    // Excel's "Unicode Text" (.txt): UTF-16, little-endian, with a byte
    // order mark, tab-separated; encoded here by the standard library.
    let tsv = csv.replace(',', "\t");
    let utf16: Vec<u8> =
        std::iter::once(0xFEFF_u16).chain(tsv.encode_utf16()).flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("unicode.txt"), utf16).unwrap();
    let report = json(&run_in(dir.path(), &["score", "--min-segment", "1", "unicode.txt"], ""));
    assert_eq!(report["respondents"], 2);
    // Older spreadsheet formats are named, and refused in one line.
    std::fs::write(dir.path().join("old.xls"), csv).unwrap();
    let err = refused(&run_in(dir.path(), &["score", "old.xls"], ""));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("old.xls: a .xls file is not read; save it as .xlsx or .csv"), "{err}");
}

/// The sample team's responses without their partner ratings, as JSON
/// Lines: what a form tool's export or a FHIR collection carries
/// (docs/forms.md).
fn team_answers() -> String {
    std::fs::read_to_string(root().join("examples/data/team.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let mut response: Value = serde_json::from_str(l).unwrap();
            response.as_object_mut().unwrap().remove("partners");
            response.to_string() + "\n"
        })
        .collect()
}

#[test]
fn spreadsheets_import_and_score_as_their_json_lines() {
    let data = root().join("tests/data/import");
    let team = json(&run(&["score", "-"], &team_answers()));
    for file in ["google-forms.csv", "surveymonkey.csv", "microsoft-forms.xlsx"] {
        let path = data.join(file);
        let out = run(&["score", path.to_str().unwrap()], "");
        assert_eq!(json(&out), team, "{file}");
        // The columns not read are named on standard error, once.
        let err = stderr(&out);
        assert!(err.contains("match no item and no respondent field, and were not read"), "{err}");
    }
    // Qualtrics' numeric export recodes n/a as 6; without the mapping file
    // the two n/a answers are refused, each by row and column, and nothing
    // is written.
    let qualtrics = data.join("qualtrics.csv");
    let err = refused(&run(&["score", qualtrics.to_str().unwrap()], ""));
    let rows: Vec<&str> = err.lines().filter(|l| l.contains(": row ")).collect();
    assert_eq!(rows.len(), 2, "{err}");
    assert!(rows[0].contains("qualtrics.csv: row 6, column AC `Vision - "), "{err}");
    assert!(
        rows[0].ends_with("`6` is outside the scale of item `shared-vision-and-purpose.3`, 1 to 5"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("qualtrics.map.json");
    std::fs::write(&mapping, r#"{"scales": {"extent": {"6": "n/a"}}}"#).unwrap();
    let args = ["score", "--mapping", mapping.to_str().unwrap(), qualtrics.to_str().unwrap()];
    assert_eq!(json(&run(&args, "")), team);

    // import writes JSON Lines that score alike, with the tool's ids.
    let out = run(&["import", data.join("google-forms.csv").to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = String::from_utf8(out.stdout).unwrap();
    assert_eq!(lines.lines().count(), 15);
    let first: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["respondent"]["id"], "cc-01@example.org");
    assert_eq!(json(&run(&["score", "-"], &lines)), team);

    // each: one scorecard per row.
    let out = run(&["each", data.join("microsoft-forms.xlsx").to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 15);
}

#[test]
fn a_bad_cell_stops_import_and_each_with_nothing_written() {
    let csv = "Respondent,shared-learning.1\na,4\nb,Sometimes\na,2\n";
    for command in ["import", "each", "score"] {
        let err = refused(&run(&[command, "--input-format", "csv", "-"], csv));
        assert!(
            err.contains("row 3, column B `shared-learning.1`, respondent `b`: `Sometimes` is not an answer"),
            "{command}: {err}"
        );
        assert!(
            err.contains(
                "row 4, column A `Respondent`, respondent `a`: respondent `a` already answered in row 2"
            ),
            "{command}: {err}"
        );
    }
    // --skip-invalid writes the good row and counts the rest.
    let out = run(&["import", "--skip-invalid", "--input-format", "csv", "-"], csv);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout.clone()).unwrap().lines().count(), 1);
    assert!(stderr(&out).contains("wrote 1 of 3 response(s); 2 rejected"), "{}", stderr(&out));
    // A respondent in two tables is a repeat, named by file and row.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), "Respondent,shared-learning.1\nx,4\n").unwrap();
    std::fs::write(dir.path().join("b.csv"), "Respondent,shared-learning.1\ny,3\nx,2\n").unwrap();
    let err = refused(&run_in(dir.path(), &["import", "a.csv", "b.csv"], ""));
    assert!(err.contains("b.csv: row 3: respondent `x` already answered in a.csv: row 2"), "{err}");
    let err = refused(&run_in(dir.path(), &["score", "a.csv", "b.csv"], ""));
    assert!(
        err.contains(
            "b.csv: row 3, column A `Respondent`, respondent `x`: respondent `x` was counted before"
        ),
        "{err}"
    );
}

#[test]
fn bad_responses_read_as_clearly_as_in_the_library() {
    // Line 2 of a batch whose lines 1 and 3 are good; the messages are those
    // `tests/bad_input.rs` checks on the library.
    let cases = [
        // (The column is where the parser stopped, after the number.)
        ("42".to_owned(), "line 2, column 2: expected a JSON object, found the number 42".to_owned()),
        (line("", "{}"), "line 2: respondent id is empty or has no visible character".to_owned()),
        (line("a", "{}"), "line 2: respondent `a` appears more than once in the batch".to_owned()),
        (
            line("x", r#"{"shared-learning.1": 1e400}"#),
            "line 2: respondent `x`, item `shared-learning.1`: 1e400 is not an answer; expected an integer 1..=5 or \"n/a\"".to_owned(),
        ),
        (
            line("x", r#"{"shared-learning.1": 6}"#),
            "line 2: respondent `x`, item `shared-learning.1`: 6 is outside the scale 1..=5".to_owned(),
        ),
    ];
    for (bad, expected) in cases {
        let input = format!("{}\n{bad}\n{}\n", line("a", "{}"), line("b", "{}"));
        let err = refused(&run(&["score", "-"], &input));
        assert_eq!(rejections(&err), [expected.as_str()], "{err}");
    }
    // Not UTF-8: "\xc3\x28" breaks after `{"instrument": "`, 16 bytes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_collaboration"))
        .args(["score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = line("a", "{}").into_bytes();
    input.extend_from_slice(b"\n{\"instrument\": \"\xc3\x28\"}\n");
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let err = refused(&child.wait_with_output().unwrap());
    assert_eq!(rejections(&err), ["line 2: not valid UTF-8 (at byte 16)"], "{err}");
}

#[test]
fn a_custom_instrument_scores_and_a_bad_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pulse.json"), PULSE).unwrap();
    // Yes, Yes, No score 100, 100 and 0: the mean is 200 / 3.
    let out = run_in(
        dir.path(),
        &["score", "--instrument", "pulse.json", "-"],
        &pulse(&[("p", 2), ("q", 2), ("r", 1)]),
    );
    let report = json(&out);
    assert!((report["foundations"][0]["mean"].as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9);
    // One respondent alone: counts only.
    let report =
        json(&run_in(dir.path(), &["score", "--instrument", "pulse.json", "-"], &pulse(&[("p", 2)])));
    assert_eq!(report["suppressed"], true);
    assert!(report["foundations"][0]["mean"].is_null());
    // With --min-segment 1 the one respondent is shown: Yes is 100.
    let out = run_in(
        dir.path(),
        &["score", "--instrument", "pulse.json", "--min-segment", "1", "-"],
        &pulse(&[("p", 2)]),
    );
    assert_eq!(json(&out)["foundations"][0]["mean"], 100.0);
    // A definition that breaks the rules: the file and the rule.
    std::fs::write(dir.path().join("bad.json"), PULSE.replace(r#""points": 2"#, r#""points": 12"#)).unwrap();
    let err = refused(&run_in(dir.path(), &["score", "--instrument", "bad.json", "-"], &pulse(&[("p", 2)])));
    assert!(err.starts_with("collaboration: bad.json: "), "{err}");
    assert!(err.contains("12"), "{err}");
}

#[test]
fn bands_move_the_thresholds() {
    // The sample's shared learning has mean 33.3 (the README's table): a
    // priority under the default bands (below 50), developing with
    // --bands 30,90 (30 ≤ 33.3 < 90).
    let default = json(&run(&["score", "examples/data/team.jsonl"], ""));
    assert_eq!(default["foundations"][4]["band"], "priority");
    let moved = json(&run(&["score", "--bands", "30,90", "examples/data/team.jsonl"], ""));
    assert_eq!(moved["foundations"][4]["band"], "developing");
    assert_eq!(moved["options"]["bands"]["developing"], 30.0);
    assert_eq!(moved["options"]["bands"]["strength"], 90.0);
    // Threads change nothing in the figures.
    let one = json(&run(&["score", "--threads", "1", "examples/data/team.jsonl"], ""));
    assert_eq!(one, default);
}

#[test]
fn a_saved_report_is_not_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        run(&["score", "examples/data/team.jsonl", "-o", dir.path().join("r.json").to_str().unwrap()], "");
    assert!(out.status.success() && out.stdout.is_empty(), "{}", stderr(&out));
    let err = refused(&run_in(dir.path(), &["score", "r.json"], ""));
    assert!(err.contains("r.json: is a saved group report, not a batch of responses"), "{err}");
}

// ------------------------------------------------------------ usage, exit 2

#[test]
fn usage_errors_exit_2_and_help_exits_0_with_an_example() {
    for args in [
        &["score", "--frobnicate"][..],
        &["frobnicate"],
        &[],
        &["compare", "only-one.json"],
        &["report", "examples/data/team.jsonl"],
        &["score", "--bands", "75"],
        &["score", "--bands", "80,20"],
        &["score", "--min-segment", "0"],
        &["score", "--format", "pdf"],
    ] {
        let out = run(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    for command in ["score", "each", "merge", "compare", "report", "schema", "tour", "key"] {
        let out = run(&[command, "--help"], "");
        assert_eq!(out.status.code(), Some(0), "{command}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("Examples:\n  collaboration "), "{command}: {help}");
    }
    let out = run(&["--version"], "");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("collaboration {}", env!("CARGO_PKG_VERSION"))
    );
    let out = run(&["score", "missing-file.jsonl"], "");
    assert_eq!(refused(&out).trim(), "collaboration: missing-file.jsonl: no such file");
}

// ------------------------------------------------------------------- each

#[test]
fn each_prints_one_scorecard_per_line() {
    let out = run(&["each", "examples/data/team.jsonl"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let cards: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The sample's 15 respondents, cc-01 first.
    assert_eq!(cards.len(), 15);
    assert_eq!(cards[0]["respondent"]["id"], "cc-01");
    // Invalid input: exit 1, no scorecard, every problem listed.
    let err = refused(&run(&["each", "-"], &three_bad()));
    assert_eq!(rejections(&err).len(), 3, "{err}");
    // Skipping: 3 scorecards and 3 rejections for 6 non-blank lines.
    let out = run(&["each", "--skip-invalid", "-"], &three_bad());
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert_eq!(rejections(&stderr(&out)).len(), 3);
    // Nothing valid: exit 1.
    refused(&run(&["each", "--skip-invalid", "-"], "junk\n"));
}

// ---------------------------------------------------------------- compare

#[test]
fn compare_two_waves_of_batches_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pulse.json"), PULSE).unwrap();
    // Wave 1: Yes, Yes, No, mean 200/3. Wave 2: Yes, Yes, Yes, mean 100.
    // The change is 100 − 200/3 = 100/3.
    std::fs::write(dir.path().join("w1.jsonl"), pulse(&[("p", 2), ("q", 2), ("r", 1)])).unwrap();
    std::fs::write(dir.path().join("w2.jsonl"), pulse(&[("p", 2), ("q", 2), ("r", 2)])).unwrap();
    let out = run_in(dir.path(), &["compare", "--instrument", "pulse.json", "w1.jsonl", "w2.jsonl"], "");
    let comparison = json(&out);
    let trust = &comparison["foundations"][0];
    assert_eq!(trust["foundation"], "healthy-trusting-relationships");
    assert!((trust["change"].as_f64().unwrap() - 100.0 / 3.0).abs() < 1e-9, "{trust}");
    // The same through saved reports, one of them from standard input.
    let saved =
        run_in(dir.path(), &["score", "--instrument", "pulse.json", "w1.jsonl", "-o", "w1.report.json"], "");
    assert!(saved.status.success(), "{}", stderr(&saved));
    let w2 = run_in(dir.path(), &["score", "--instrument", "pulse.json", "w2.jsonl"], "");
    let out = run_in(dir.path(), &["compare", "w1.report.json", "-"], &String::from_utf8(w2.stdout).unwrap());
    assert_eq!(json(&out), comparison);
    // Markdown for people.
    let out =
        run_in(dir.path(), &["compare", "--format", "markdown", "w1.report.json", "w1.report.json"], "");
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("# Change over time"));
    // Two instruments cannot be compared.
    let err = refused(&run_in(
        dir.path(),
        &["compare", "w1.report.json", &root().join("examples/data/team.jsonl").display().to_string()],
        "",
    ));
    assert!(err.contains("pulse") && err.contains("collaboration-health-check"), "{err}");
    // One standard input only.
    let err = refused(&run_in(dir.path(), &["compare", "-", "-"], ""));
    assert!(err.contains("only one input can be standard input"), "{err}");
}

#[test]
fn a_saved_report_reads_back_strictly() {
    let dir = tempfile::tempdir().unwrap();
    let report = json(&run(&["score", "examples/data/team.jsonl"], ""));
    // A field the report does not have, at the top, inside a foundation
    // (whose statistics are flattened into it) and inside the power figure.
    for (name, edit) in [
        ("top", &(|r: &mut Value| r["comment"] = Value::from("mine")) as &dyn Fn(&mut Value)),
        ("foundation", &|r: &mut Value| r["foundations"][0]["comment"] = Value::from("mine")),
        ("overall", &|r: &mut Value| r["overall"]["comment"] = Value::from("mine")),
        ("power", &|r: &mut Value| r["power"]["comment"] = Value::from("mine")),
    ] {
        let mut edited = report.clone();
        edit(&mut edited);
        let file = format!("{name}.json");
        std::fs::write(dir.path().join(&file), serde_json::to_string_pretty(&edited).unwrap()).unwrap();
        let err = refused(&run_in(dir.path(), &["compare", &file, &file], ""));
        assert!(err.contains(&format!("{file}: not a valid saved group report: line ")), "{err}");
        assert!(err.contains("unknown field `comment`"), "{err}");
    }
    // A wrong type, in words.
    let mut edited = report.clone();
    edited["overall"]["n"] = Value::from("many");
    std::fs::write(dir.path().join("typed.json"), edited.to_string()).unwrap();
    let err = refused(&run_in(dir.path(), &["report", "typed.json", "--html", "out.html"], ""));
    assert!(err.contains("expected a whole number, found the string \"many\""), "{err}");
    assert!(!err.contains("u64") && !err.contains("invalid type"), "{err}");
    assert!(!dir.path().join("out.html").exists());
}

// ----------------------------------------------------------------- report

#[test]
fn report_writes_the_html_and_the_radar_from_a_batch_or_a_saved_report() {
    let dir = tempfile::tempdir().unwrap();
    let team = root().join("examples/data/team.jsonl").display().to_string();
    let out = run_in(
        dir.path(),
        &["report", &team, "--html", "a.html", "--svg", "a.svg", "--title", "Riverside"],
        "",
    );
    assert!(out.status.success() && out.stdout.is_empty(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("a.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"), "{}", &html[..40]);
    assert!(html.contains("<title>Riverside</title>"), "title");
    let svg = std::fs::read_to_string(dir.path().join("a.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Riverside"));
    // The round trip: the saved report renders the same page.
    let saved = run_in(dir.path(), &["score", &team, "-o", "team.report.json"], "");
    assert!(saved.status.success());
    let out =
        run_in(dir.path(), &["report", "team.report.json", "--html", "b.html", "--title", "Riverside"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("b.html")).unwrap(), html);
    // With an earlier wave, the page shows the change over time.
    let out = run_in(dir.path(), &["report", &team, "--earlier", "team.report.json", "--html", "c.html"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("c.html")).unwrap();
    assert!(html.contains("hange"), "no change section");
}

#[test]
fn writes_are_atomic_and_failures_leave_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("report.json");
    std::fs::write(&out_file, "the earlier report\n").unwrap();
    // Invalid input: the file already there is untouched, and no temporary
    // file is left beside it.
    let err = refused(&run_in(dir.path(), &["score", "-", "-o", "report.json"], &three_bad()));
    assert!(err.contains("are invalid"), "{err}");
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "the earlier report\n");
    let names = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(dir.path()), ["report.json"]);
    // Each, with an invalid line after valid ones, when skipping is off:
    // nothing written either.
    refused(&run_in(dir.path(), &["each", "-", "-o", "report.json"], &three_bad()));
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "the earlier report\n");
    // Valid input replaces it whole, as a normal file anyone may read.
    let team = std::fs::read_to_string(root().join("examples/data/team.jsonl")).unwrap();
    let out = run_in(dir.path(), &["score", "-", "-o", "report.json"], &team);
    assert!(out.status.success() && out.stdout.is_empty(), "{}", stderr(&out));
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(written["respondents"], 15);
    assert_eq!(names(dir.path()), ["report.json"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file).unwrap().permissions().mode();
        assert_ne!(mode & 0o044, 0, "mode {mode:o}: readable by its owner only");
    }
    // A folder that does not exist: exit 1, in words.
    let err = refused(&run_in(dir.path(), &["score", "-", "-o", "no/such/dir/r.json"], &team));
    assert!(err.contains("no/such/dir/r.json: cannot write there"), "{err}");
}

// ----------------------------------------------------------- schema, tour

#[test]
fn schema_lists_and_prints_the_committed_schemas() {
    let out = run(&["schema"], "");
    let list = String::from_utf8(out.stdout).unwrap();
    // The nine wire types of docs/wire.md.
    let names: Vec<&str> = list.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(
        names,
        [
            "response",
            "batch",
            "instrument",
            "scorecard",
            "group-report",
            "comparison",
            "catalogue",
            "aggregate-state",
            "import-mapping"
        ]
    );
    for name in names {
        let out = run(&["schema", name], "");
        let committed = std::fs::read_to_string(root().join(format!("schemas/{name}.schema.json"))).unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), committed, "{name}");
    }
    let err = refused(&run(&["schema", "nope"], ""));
    assert!(err.contains("there is no schema `nope`; the schemas are response, batch"), "{err}");
}

#[test]
fn tour_prints_the_framework() {
    let out = run(&["tour"], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The Guide's six foundations with their 18 questions, the Article's
    // seven misconceptions and the seven levels of the spectrum.
    assert_eq!(text.matches("\n### ").count(), 6);
    assert_eq!(text.lines().filter(|l| l.ends_with(']') && l.contains("  [")).count(), 18);
    assert!(text.contains("[shared-learning.2]"));
    assert_eq!(text.lines().filter(|l| l.starts_with("   Reality: ")).count(), 7);
    assert!(text.contains("(collaboration-feels-harmonious)"));
    assert!(text.contains("(integrate)"));
}

#[test]
fn input_format_overrides_the_extension_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [line("a", "{}"), line("b", "{}"), line("c", "{}")].join("\n");
    // JSON Lines in a file named .csv: refused as a table by their look,
    // read when the flag says what they are. Three respondents.
    std::fs::write(dir.path().join("export.csv"), &lines).unwrap();
    let err = refused(&run_in(dir.path(), &["score", "export.csv"], ""));
    assert!(
        err.contains(
            "export.csv: starts with `{`: it is JSON, not a table; use --input-format jsonl or json"
        ),
        "{err}"
    );
    let out = run_in(dir.path(), &["score", "--input-format", "jsonl", "export.csv"], "");
    assert_eq!(json(&out)["respondents"], 3);
    // The flag is held to: JSON Lines is not an array, nor the reverse.
    let err = refused(&run_in(dir.path(), &["score", "--input-format", "json", "export.csv"], ""));
    assert!(err.contains("not a JSON array: it is JSON Lines"), "{err}");
    std::fs::write(dir.path().join("batch.txt"), format!("[{}]", line("a", "{}"))).unwrap();
    let err = refused(&run_in(dir.path(), &["score", "--input-format", "jsonl", "batch.txt"], ""));
    assert!(err.contains("batch.txt: starts with `[`, a JSON array, not JSON Lines"), "{err}");
}

// ------------------------------------------------------- states and merge

/// The sample team in two halves (7 and 8 lines) in `dir`.
fn halves(dir: &Path) {
    let team = std::fs::read_to_string(root().join("examples/data/team.jsonl")).unwrap();
    let lines: Vec<&str> = team.lines().filter(|l| !l.trim().is_empty()).collect();
    std::fs::write(dir.join("a.jsonl"), lines[..7].join("\n")).unwrap();
    std::fs::write(dir.join("b.jsonl"), lines[7..].join("\n")).unwrap();
}

#[test]
fn states_of_two_halves_merge_to_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    halves(dir.path());
    let d = dir.path();
    let key = run_in(d, &["key", "-o", "partnership.key"], "");
    assert!(key.status.success() && key.stdout.is_empty(), "{}", stderr(&key));
    assert_eq!(std::fs::read_to_string(d.join("partnership.key")).unwrap().trim().len(), 64);
    // One half in binary, the other in JSON; each run prints its half's report.
    for (half, state) in [("a.jsonl", "a.state"), ("b.jsonl", "b.state.json")] {
        let out = run_in(d, &["score", "--key-file", "partnership.key", "--state", state, half], "");
        let report: Value = json(&out);
        assert_eq!(report["respondents"], if half == "a.jsonl" { 7 } else { 8 });
    }
    assert!(std::fs::read(d.join("a.state")).unwrap().starts_with(b"CLBSTATE"));
    let json_state: Value = serde_json::from_slice(&std::fs::read(d.join("b.state.json")).unwrap()).unwrap();
    assert_eq!(json_state["respondents"], 8);
    // The merge is the whole team's report, byte for byte.
    let merged = run_in(d, &["merge", "a.state", "b.state.json", "--state", "all.state"], "");
    let whole = run(&["score", "examples/data/team.jsonl"], "");
    assert!(merged.status.success(), "{}", stderr(&merged));
    assert_eq!(String::from_utf8(merged.stdout).unwrap(), String::from_utf8(whole.stdout).unwrap());
    // The README's sample has 15 respondents; the merged state keeps them.
    assert_eq!(json(&run_in(d, &["merge", "all.state"], ""))["respondents"], 15);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in ["a.state", "b.state.json", "all.state", "partnership.key"] {
            let mode = std::fs::metadata(d.join(file)).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{file}: mode {mode:o}, readable by others");
        }
    }
    // A state is read by compare and report too.
    let comparison = json(&run_in(d, &["compare", "a.state", "all.state"], ""));
    assert_eq!(comparison["instrument"], "collaboration-health-check");
    let out = run_in(d, &["report", "all.state", "--html", "all.html"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(d.join("all.html")).unwrap().contains("</html>"));
}

#[test]
fn one_key_catches_a_respondent_in_two_parts() {
    let dir = tempfile::tempdir().unwrap();
    halves(dir.path());
    let d = dir.path();
    assert!(run_in(d, &["key", "-o", "k"], "").status.success());
    for (half, state) in [("a.jsonl", "a.state"), ("a.jsonl", "again.state")] {
        assert!(run_in(d, &["score", "--key-file", "k", "--state", state, half], "").status.success());
    }
    // The same seven respondents in both parts, under one key.
    let err = refused(&run_in(d, &["merge", "a.state", "again.state"], ""));
    assert_eq!(err.trim(), "collaboration: again.state: the aggregates share 7 respondent(s)");
    // Without a shared key each run has its own: nothing can tell, and the
    // seven are counted twice (the docs say so).
    for state in ["x.state", "y.state"] {
        assert!(run_in(d, &["score", "--state", state, "a.jsonl"], "").status.success());
    }
    assert_eq!(json(&run_in(d, &["merge", "x.state", "y.state"], ""))["respondents"], 14);
}

#[test]
fn bad_states_and_keys_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    halves(dir.path());
    let d = dir.path();
    assert!(run_in(d, &["score", "--state", "a.state", "a.jsonl"], "").status.success());
    let bytes = std::fs::read(d.join("a.state")).unwrap();
    std::fs::write(d.join("cut.state"), &bytes[..bytes.len() / 2]).unwrap();
    let err = refused(&run_in(d, &["merge", "cut.state"], ""));
    let expected = format!(
        "cut.state: not a usable aggregate state: the state is cut short after {} bytes, of its {}",
        bytes.len() / 2,
        bytes.len()
    );
    assert!(err.contains(&expected), "{err}");
    // A state is not a batch.
    let err = refused(&run_in(d, &["score", "a.state"], ""));
    assert!(err.contains("a.state: is a saved aggregate state, not a batch of responses"), "{err}");
    // A batch is not a state.
    let err = refused(&run_in(d, &["merge", "a.jsonl"], ""));
    assert!(err.contains("a.jsonl: is not a saved aggregate state"), "{err}");
    // A key file that is not a key.
    std::fs::write(d.join("bad.key"), "not a key\n").unwrap();
    let err = refused(&run_in(d, &["score", "--key-file", "bad.key", "a.jsonl"], ""));
    assert!(
        err.contains("bad.key: a fingerprint key is 64 hexadecimal digits (32 bytes); found 9 characters"),
        "{err}"
    );
}

// ----------------------------------------------------------- forms out and in

#[test]
fn export_writes_the_forms_and_fhir_responses_score_as_their_json_lines() {
    // The SurveyJS form: a page per foundation, power, misconceptions, the
    // spectrum and about you (docs/forms.md), 31 item questions.
    let form = json(&run(&["export", "surveyjs"], ""));
    assert_eq!(form["pages"].as_array().unwrap().len(), 10);
    let questions: usize =
        form["pages"].as_array().unwrap().iter().map(|p| p["elements"].as_array().unwrap().len()).sum();
    assert_eq!(questions, 31 + 3);
    // The FHIR Questionnaire names the instrument.
    let questionnaire = json(&run(&["export", "fhir"], ""));
    assert_eq!(questionnaire["resourceType"], "Questionnaire");
    assert_eq!(questionnaire["url"], "urn:collaboration:instrument:collaboration-health-check");
    // The team as QuestionnaireResponses, one a line, scores to the team's
    // report; and imports back to the team's own responses.
    let out = run(&["export", "fhir-responses", "examples/data/team.jsonl"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let ndjson = String::from_utf8(out.stdout).unwrap();
    assert_eq!(ndjson.lines().count(), 15);
    let team = json(&run(&["score", "-"], &team_answers()));
    assert_eq!(json(&run(&["score", "-"], &ndjson)), team);
    let out = run(&["import", "-"], &ndjson);
    assert!(out.status.success(), "{}", stderr(&out));
    let imported: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let original: Vec<Value> = team_answers().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(imported, original);
    // A form needs no input.
    let err = refused(&run(&["export", "surveyjs", "examples/data/team.jsonl"], ""));
    assert!(err.contains("the form needs no input"), "{err}");
}

#[test]
fn bad_fhir_and_surveyjs_results_are_named_by_place() {
    // A QuestionnaireResponse with an answer off the scale, on NDJSON line 2.
    let good = r#"{"resourceType": "QuestionnaireResponse", "status": "completed", "identifier": {"value": "a"}, "item": [{"linkId": "shared-learning.1", "answer": [{"valueInteger": 4}]}]}"#;
    let bad = r#"{"resourceType": "QuestionnaireResponse", "status": "completed", "identifier": {"value": "b"}, "item": [{"linkId": "shared-learning.1", "answer": [{"valueInteger": 9}]}]}"#;
    let err = refused(&run(&["score", "-"], &format!("{good}\n{bad}\n")));
    assert!(
        err.contains("line 2: respondent `b`, item `shared-learning.1`: 9 is outside the scale 1..=5"),
        "{err}"
    );
    // Line 2 is not a QuestionnaireResponse's shape: one position, the
    // line's, with the column in it (status must be a string; column 53 is
    // where the parser stopped, after the number).
    let broken = r#"{"resourceType": "QuestionnaireResponse", "status": 5}"#;
    for command in ["score", "import"] {
        let err = refused(&run(&[command, "-"], &format!("{good}\n{broken}\n")));
        assert!(err.contains("line 2, column 53: expected a string, found the number 5"), "{command}: {err}");
        assert!(!err.contains("line 2: line"), "{command}: {err}");
    }
    // SurveyJS data with a key that is no item, on line 1.
    let err = refused(&run(
        &["import", "--input-format", "surveyjs", "-"],
        "{\"respondent_id\": \"c\", \"shared-lerning.1\": 4}\n",
    ));
    assert!(err.contains("line 1: respondent `c`, key `shared-lerning.1`: no such item"), "{err}");
}

// --------------------------------------------------------------- partners

#[test]
fn partners_prints_the_map_and_writes_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let team = root().join("examples/data/team.jsonl").display().to_string();
    let out = run_in(
        dir.path(),
        &[
            "partners",
            &team,
            "--svg",
            "p.svg",
            "--graphml",
            "p.graphml",
            "--csv",
            "p.csv",
            "--title",
            "Riverside",
        ],
        "",
    );
    let map = json(&out);
    // The same map as `score` gives in the group report: an independent
    // path through the command.
    let report = json(&run(&["score", &team], ""));
    assert_eq!(map, report["partners"]);
    // By hand from examples/data/team.jsonl: four organisations; ten ties, as
    // no one at Community Voice or the NHS Trust rated the other; City
    // Council and Community Voice see their tie 6.0 and 2.5, 3.5 apart:
    // mismatched.
    let names: Vec<&str> =
        map["organisations"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["City Council", "Community Voice", "Housing Association", "NHS Trust"]);
    assert_eq!(map["ties"].as_array().unwrap().len(), 10);
    let mismatched: Vec<(&str, &str)> = map["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["mismatched"] == true)
        .map(|p| (p["first"].as_str().unwrap(), p["second"].as_str().unwrap()))
        .collect();
    assert_eq!(mismatched, [("City Council", "Community Voice")]);

    let svg = std::fs::read_to_string(dir.path().join("p.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("<title id=\"network-title\">Riverside</title>"));
    assert_eq!(svg.matches("<g class=\"tie ").count(), 10);
    let graphml = std::fs::read_to_string(dir.path().join("p.graphml")).unwrap();
    assert!(graphml.starts_with("<?xml") && graphml.contains("edgedefault=\"directed\""));
    assert_eq!((graphml.matches("<node ").count(), graphml.matches("<edge ").count()), (4, 10));
    let csv = std::fs::read_to_string(dir.path().join("p.csv")).unwrap();
    assert_eq!(csv.lines().count(), 11, "a header and ten ties");
    // By hand: cv-01 and cv-03 rated City Council current 3 and 2, needed 6
    // and 6, trust 2 and 2, and cv-01 alone value 3.
    assert!(csv.lines().any(|l| l == "Community Voice,City Council,2,2.5,6,3.5,2,2,3,1,true,false"), "{csv}");
}

#[test]
fn partners_reads_a_saved_report_or_state_too() {
    let dir = tempfile::tempdir().unwrap();
    let team = root().join("examples/data/team.jsonl").display().to_string();
    let from_batch = json(&run(&["partners", &team], ""));
    let out = run_in(dir.path(), &["score", &team, "-o", "team.report.json", "--state", "team.state"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    for saved in ["team.report.json", "team.state"] {
        assert_eq!(json(&run_in(dir.path(), &["partners", saved], "")), from_batch, "{saved}");
    }
}

#[test]
fn partners_min_partner_raters_suppresses_ties_of_fewer() {
    let team = root().join("examples/data/team.jsonl").display().to_string();
    // By hand: six of the sample's ten ties have two raters; the other
    // four (City Council → Housing Association, Community Voice → Housing
    // Association, and Housing Association → City Council and → Community
    // Voice) have one.
    let map = json(&run(&["partners", &team, "--min-partner-raters", "2"], ""));
    assert_eq!(map["min_partner_raters"], 2);
    assert_eq!(map["ties"].as_array().unwrap().len(), 6);
    assert_eq!(map["suppressed_ties"], 4);
    assert!(map["ties"].as_array().unwrap().iter().all(|t| t["raters"].as_u64().unwrap() >= 2));
    // `score` takes it too.
    let report = json(&run(&["score", &team, "--min-partner-raters", "2"], ""));
    assert_eq!(report["partners"], map);
    // 0 is a usage error.
    let out = run(&["partners", &team, "--min-partner-raters", "0"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn partners_without_partner_ratings_exits_1_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let batch =
        [line("a", r#"{"shared-learning.1": 4}"#), line("b", r#"{"shared-learning.1": 2}"#)].join("\n");
    let err = refused(&run_in(dir.path(), &["partners", "-", "--svg", "p.svg"], &batch));
    assert!(err.contains("no respondent rated a partner"), "{err}");
    assert!(err.contains("2 respondent(s) were read"), "{err}");
    assert!(!dir.path().join("p.svg").exists());
}
