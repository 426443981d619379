//! The `score` example as a user runs it. `cargo test` builds the examples,
//! so the binary sits beside this test's own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn score_binary() -> PathBuf {
    let mut dir = std::env::current_exe().unwrap();
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    let path = dir.join("examples").join(format!("score{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} is missing: run `cargo test`, which builds the examples", path.display());
    path
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(score_binary())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn line(id: &str, answers: &str) -> String {
    format!(
        r#"{{"instrument": "collaboration-health-check", "respondent": {{"id": "{id}"}}, "answers": {answers}}}"#
    )
}

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

#[test]
fn on_the_sample_it_prints_json_that_parses() {
    let out = run(&["examples/data/team.jsonl"], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["respondents"], 15);
    assert_eq!(report["instrument"], "collaboration-health-check");
    assert_eq!(report["foundations"].as_array().unwrap().len(), 6);
}

#[test]
fn three_bad_lines_exit_1_and_are_all_listed() {
    let out = run(&["-"], &three_bad());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].starts_with("line 2: respondent `b`, item `shared-learning.1`: 3.5"), "{stderr}");
    assert!(lines[1].starts_with("line 5: respondent `a` appears more than once"), "{stderr}");
    assert!(lines[2].starts_with("line 6: respondent `d`, item `power.power-over`"), "{stderr}");
}

#[test]
fn skip_invalid_accounts_for_every_line() {
    let input = three_bad();
    let out = run(&["--skip-invalid", "-"], &input);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let scored = report["respondents"].as_u64().unwrap();
    // The rejected are listed on standard error, never in the report.
    assert!(report.get("rejected").is_none());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rejected: Vec<&str> = stderr.lines().collect();
    let non_blank = input.lines().filter(|l| !l.trim().is_empty()).count() as u64;
    assert_eq!(scored + rejected.len() as u64, non_blank);
    assert_eq!(scored, 3);
    assert!(rejected[0].starts_with("line 2: respondent `b`"), "{stderr}");
}

#[test]
fn each_prints_one_scorecard_per_line() {
    let out = run(&["--each", "examples/data/team.jsonl"], "");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let cards: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(cards.len(), 15);
    assert_eq!(cards[0]["respondent"]["id"], "cc-01");
    // Invalid input with --each: exit 1, nothing on stdout.
    let out = run(&["--each", "-"], &three_bad());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_custom_instrument_and_usage_errors() {
    let dir = std::env::temp_dir().join(format!("collaboration-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let def = dir.join("pulse.json");
    std::fs::write(
        &def,
        r#"{"id": "pulse", "version": "1", "title": "Pulse", "source": "ours",
            "scales": [{"id": "yn", "points": 2, "labels": ["No", "Yes"]}],
            "items": [{"id": "trust", "prompt": "Trust?", "scale": "yn",
                       "measures": {"foundation": "healthy-trusting-relationships"}}]}"#,
    )
    .unwrap();
    // Three respondents, the fewest a report shows figures for by default:
    // Yes, Yes, No score 100, 100 and 0, so the mean is 200 / 3.
    let input = [("p", 2), ("q", 2), ("r", 1)]
        .map(|(id, v)| {
            format!(
                r#"{{"instrument": "pulse", "respondent": {{"id": "{id}"}}, "answers": {{"trust": {v}}}}}"#
            )
        })
        .join("\n");
    let out = run(&["--instrument", def.to_str().unwrap(), "-"], &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!((report["foundations"][0]["mean"].as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9);
    // One respondent alone: the report is suppressed and shows counts only.
    let one = r#"{"instrument": "pulse", "respondent": {"id": "p"}, "answers": {"trust": 2}}"#;
    let out = run(&["--instrument", def.to_str().unwrap(), "-"], one);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["suppressed"], true);
    assert_eq!(report["foundations"][0]["n"], 1);
    assert!(report["foundations"][0]["mean"].is_null());
    let out = run(&["--frobnicate", "-"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option --frobnicate"));
    let out = run(&["missing-file.jsonl"], "");
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn nothing_scored_is_an_error_even_with_skip_invalid() {
    // Every line junk: each is listed on standard error, nothing on
    // standard output, and the exit status is 1, not a report of 0.
    let out = run(&["--skip-invalid", "-"], "junk\nmore junk\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().filter(|l| l.starts_with("line ")).count(), 2, "{stderr}");
    assert!(stderr.contains("none of the 2 response(s) could be scored"), "{stderr}");
}

#[test]
fn each_streams_and_with_skip_invalid_lists_the_rejected_on_stderr() {
    let out = run(&["--each", "--skip-invalid", "-"], &three_bad());
    assert!(out.status.success());
    // 6 non-blank lines: 3 scorecards out, 3 rejections on stderr.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 3);
}
