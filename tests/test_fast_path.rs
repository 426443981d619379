//! The fast batch path gives exactly the report of the simple path, bad
//! lines, duplicates and all, on one thread or many.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod util;

use collaboration::batch::RejectionReason;
use collaboration::{Instrument, ScoringOptions};
use proptest::prelude::*;
use util::{score_on, score_simple};

const SAMPLE: &str = include_str!("../examples/data/team.jsonl");

/// A deterministic batch of `n` responses built from the sample's lines,
/// with ids renumbered, some answers varied, and bad or duplicate lines at
/// the given rates (per thousand).
fn batch(n: usize, seed: u64, bad_per_mille: u64) -> String {
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    for i in 0..n {
        let base = lines[i % lines.len()];
        let mut line = base.replacen("\"id\": \"", &format!("\"id\": \"{i}-"), 1);
        let v = next() % 5 + 1;
        line = line.replacen("\"shared-learning.1\": 2", &format!("\"shared-learning.1\": {v}"), 1);
        let roll = next() % 1000;
        if roll < bad_per_mille {
            line = match next() % 6 {
                0 => line.replacen(
                    "\"collaborative-mindset.1\": ",
                    "\"collaborative-mindset.1\": 9, \"x\": ",
                    1,
                ),
                1 => line.replace("\"answers\"", "\"answer\""),
                2 => format!("{{{line}"),
                3 => line.replacen("\"power.power-to\": ", "\"power.power-to\": \"n/a\", \"y\": ", 1),
                4 => line.replacen(&format!("\"id\": \"{i}-"), "\"id\": \"0-", 1), // a duplicate of line 1
                _ => line.replacen("\"spectrum.current\": ", "\"spectrum.current\": 3.5, \"z\": ", 1),
            };
        }
        if roll % 97 == 0 {
            out.push('\n'); // a blank line
        }
        out.push_str(&line);
        out.push_str(if roll % 2 == 0 { "\n" } else { "\r\n" });
    }
    out
}

fn same_three_ways(input: &str) {
    let options = ScoringOptions::default();
    let hc = Instrument::builtin();
    let simple = score_simple(input.as_bytes(), hc, &options).unwrap();
    let one = score_on(input.as_bytes(), hc, &options, 1).unwrap();
    assert_eq!(one, simple);
    let four = score_on(input.as_bytes(), hc, &options, 4).unwrap();
    assert_eq!(four, simple);
    assert_eq!(score_on(input.as_bytes(), hc, &options, 0).unwrap(), simple);
}

#[test]
fn sample_fast_equals_simple() {
    same_three_ways(SAMPLE);
}

#[test]
fn a_large_batch_with_bad_and_duplicate_lines_across_blocks() {
    // About 3 MiB: several 1 MiB blocks, so duplicates and bad lines fall in
    // different blocks and threads.
    let input = batch(3_000, 7, 30);
    let scored = score_simple(input.as_bytes(), Instrument::builtin(), &ScoringOptions::default()).unwrap();
    assert!(scored.rejections.len() > 30, "{}", scored.rejections.len());
    assert!(
        scored.rejections.iter().any(|r| matches!(r.reason, RejectionReason::DuplicateRespondent { .. }))
    );
    same_three_ways(&input);
}

#[test]
fn a_line_longer_than_a_block() {
    let long = SAMPLE.lines().next().unwrap().replacen(
        "\"City Council\"",
        &format!("\"{}\"", "C".repeat(3 << 20)),
        1,
    );
    let input = format!("{long}\n{}", SAMPLE.lines().nth(1).unwrap());
    same_three_ways(&input);
}

#[test]
fn no_final_newline_and_bom() {
    let input = format!("\u{feff}{}", SAMPLE.trim_end());
    same_three_ways(&input);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn fast_equals_simple_on_random_batches(n in 1usize..200, seed in any::<u64>(), bad in 0u64..300) {
        same_three_ways(&batch(n, seed, bad));
    }
}

/// `Instrument::parse_sheet` reads a plainly valid response with the fast
/// parser: on every line of the generated batches (bad ones included) it
/// gives exactly what the simple parser gives, `parse_response` checked
/// against the instrument, or the same error.
#[test]
fn parse_sheet_agrees_with_parse_response() {
    let hc = Instrument::builtin();
    let lines = batch(3_000, 7, 150) + SAMPLE;
    let mut fast = 0;
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        match (hc.parse_sheet(line), hc.parse_response(line)) {
            (Ok(sheet), Ok(response)) => {
                let simple = hc.check(&response).unwrap();
                assert_eq!(sheet.respondent(), simple.respondent(), "{line}");
                assert_eq!(sheet.partners(), simple.partners(), "{line}");
                for item in hc.items() {
                    assert_eq!(sheet.answer(&item.id), simple.answer(&item.id), "{line}");
                }
                fast += usize::from(response.partners.is_empty());
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "{line}"),
            (a, b) => panic!("parse_sheet {a:?}, parse_response {b:?}: {line}"),
        }
    }
    // About 7 in 15 of the lines (those from sample lines without partner
    // ratings) can take the fast parser.
    assert!(fast > 1_000, "{fast}");
}

/// Lines at the edges of what the batch's byte scanner reads itself (JSON
/// escapes, white space, numbers JSON does not allow, literals, duplicates,
/// fields it does not know): whatever it makes of each, the batch gives
/// exactly what the simple parser gives, line by line, and so does
/// `Instrument::parse_sheet`. Expectations come from the simple path
/// (`parse_response` checked against the instrument), which shares no code
/// with the scanner.
#[test]
fn the_scanner_agrees_with_the_simple_parser_at_its_edges() {
    let hc = Instrument::builtin();
    // A sample line without partner ratings (those are the simple
    // parser's), its first answer set to 3.
    let line = SAMPLE.lines().find(|l| !l.contains("\"partners\"")).unwrap();
    let key = "\"collaborative-mindset.1\": ";
    let at = line.find(key).unwrap() + key.len();
    let base = format!("{}3{}", &line[..at], &line[at + 1..]);
    let edits: &[(&str, &str)] = &[
        ("\"id\": \"", "\"id\": \"\\u00e9\\\"\\\\\\/\\b\\f\\n\\r\\t-"),
        ("\"id\": \"", "\"id\": \"\\ud83d\\ude00-"),
        ("\"id\": \"", "\"id\": \"\\ud83d-"),
        ("\"id\": \"", "\"id\": \"\\udc00-"),
        ("\"id\": \"", "\"id\": \"\\u00-"),
        ("\"id\": \"", "\"id\": \"\\x41-"),
        ("\"id\": \"", "\"id\": \"\u{1}-"),
        ("\"id\": \"", "\"id\": \"\\u0000-"),
        ("\"id\": \"", "\"id\": \"caf\u{e9}-"),
        ("\"id\": \"", "\"id\": \"cafe\u{301}-"),
        ("\"id\": \"", "\"id\"\t:\r\"\n"),
        ("\"collaborative-mindset.1\": ", "\"collaborative-mindset.1\": 0"),
        ("\"collaborative-mindset.1\": ", "\"collaborative-mindset.1\": -"),
        ("\"collaborative-mindset.1\": ", "\"collaborative-mindset.1\": 0"),
        ("\"collaborative-mindset.1\": ", "\"collaborative-mindset.1\": 1"),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": 3.0"),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": 3e0"),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": 3E0"),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": 99999999999999999999999"),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": \"n\\/a\""),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": \"n/a\""),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": null"),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\": true"),
        ("\"collaborative-mindset.1\": 3", "\"collaborative-mindset.1\":3 , \"collaborative-mindset.1\": 3"),
        ("\"collaborative-mindset.1\"", "\"collaborative\\u002dmindset.1\""),
        ("\"collaborative-mindset.1\"", "\"collaborative-mindset.1 \""),
        ("\"collaborative-mindset.1\"", "\"collaborative-mindset.\""),
        ("\"answers\": {", "\"answers\": {\"spectrum.needed\": 7, "),
        ("\"answers\": {", "\"answers\" : { "),
        ("\"answers\"", "\"answer\\u0073\""),
        ("\"instrument\": \"", "\"instrument_version\": null, \"instrument\": \""),
        ("\"instrument\": \"", "\"instrument_version\": 1, \"instrument\": \""),
        ("\"instrument\": \"", "\"instrument\": 1, \"x\": \""),
        ("\"instrument\": \"", "\"extra\": 1, \"instrument\": \""),
        ("\"respondent\": {", "\"respondent\": {\"organisation\": null, "),
        ("\"respondent\": {", "\"respondent\": {\"organisation\": nul, "),
        ("\"respondent\": {", "\"respondent\": {\"roles\": null, "),
        ("\"respondent\": {", "\"respondent\": {\"roles\": [], \"power_sources\": [], "),
        ("\"respondent\": {", "\"respondent\": {\"roles\": [\"nobody\"], "),
        ("\"respondent\": {", "\"respondent\": {\"power_sources\": [\"charm\"], "),
        ("\"respondent\": {", "\"respondent\": {\"roles\": [\"system-leader\",], "),
        ("{", "  {"),
        ("{", "{{"),
        ("{", "["),
    ];
    let mut batch = String::new();
    let mut lines = Vec::new();
    for (i, (from, to)) in edits.iter().enumerate() {
        assert!(base.contains(from), "{from}");
        assert!(!base.contains("\"partners\""));
        let line = base.replacen(from, to, 1).replacen("\"id\": \"", &format!("\"id\": \"{i}-"), 1);
        lines.push(line.clone());
        lines.push(format!("{line} \t"));
        lines.push(format!("{line}x"));
        lines.push(format!("{line}}}"));
    }
    for line in &lines {
        match (hc.parse_sheet(line), hc.parse_response(line)) {
            (Ok(sheet), Ok(response)) => {
                let simple = hc.check(&response).unwrap();
                assert_eq!(sheet.respondent(), simple.respondent(), "{line}");
                for item in hc.items() {
                    assert_eq!(sheet.answer(&item.id), simple.answer(&item.id), "{line}");
                }
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "{line}"),
            (a, b) => panic!("parse_sheet {a:?}, parse_response {b:?}: {line}"),
        }
        batch.push_str(line);
        batch.push('\n');
    }
    same_three_ways(&batch);
}

/// The batch scanner compares each member's run-up (comma, key, colon,
/// white space) with the one at the same place in the line before. Lines
/// that differ from the one before only in their run-ups, in ways that keep
/// their length or shift what follows, read as the simple parser reads
/// them: the expectation is the simple path's report and rejections.
#[test]
fn a_run_up_like_the_line_befores_is_read_as_written() {
    let base = plain_line();
    assert!(base.contains("\"shared-learning.1\": ") && base.contains("\"shared-learning.2\": "));
    let variants = [
        // Two keys of one length swapped: same lengths, other items.
        base.replacen("\"shared-learning.1\"", "\"shared-learning.X\"", 1)
            .replacen("\"shared-learning.2\"", "\"shared-learning.1\"", 1)
            .replacen("\"shared-learning.X\"", "\"shared-learning.2\"", 1),
        // A key turned into the one before it, of the same length: an
        // item answered twice.
        base.replacen("\"shared-learning.2\"", "\"shared-learning.1\"", 1),
        // A key of the same length that names no item.
        base.replacen("\"shared-learning.2\"", "\"shared-learning.9\"", 1),
        // White space added to one run-up, and a key spelt with an escape.
        base.replacen("\"shared-learning.2\": ", "\"shared-learning.2\" :  ", 1),
        base.replacen("\"shared-learning.2\"", "\"shared-learning\\u002e2\"", 1),
        // The respondent's fields and the top-level fields in another order.
        base.replacen("\"instrument\": \"collaboration-health-check\", ", "", 1).replacen(
            "\"answers\": {",
            "\"instrument\": \"collaboration-health-check\", \"answers\": {",
            1,
        ),
        // A comma turned into a closing brace: the answers end early.
        base.replacen(", \"shared-learning.2\"", "}, \"shared-learning.2\"", 1),
    ];
    let mut batch = String::new();
    for (i, variant) in variants.iter().enumerate() {
        assert_ne!(variant, base, "variant {i} changed nothing");
        // The base line (teaching the layout), then the variant.
        batch.push_str(&base.replacen("\"id\": \"", &format!("\"id\": \"base-{i}-"), 1));
        batch.push('\n');
        batch.push_str(&variant.replacen("\"id\": \"", &format!("\"id\": \"variant-{i}-"), 1));
        batch.push('\n');
    }
    same_three_ways(&batch);
}

/// A sample line without partner ratings, for byte-level mutation.
fn plain_line() -> &'static str {
    SAMPLE.lines().find(|l| !l.contains("\"partners\"")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    /// Random small edits to a valid line, from the bytes JSON is made of
    /// (quotes, escapes, brackets, digits, signs, literals' letters, white
    /// space) and a non-ASCII letter: whatever the byte scanner makes of
    /// the result, `parse_sheet` (scanner first) and `parse_response` (the
    /// simple parser alone) agree, value for value or error for error, and
    /// the batch's fast path gives the simple path's report and rejections.
    #[test]
    fn edited_lines_read_the_same_both_ways(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..6, prop::sample::select(
            vec!["\"", "\\", "\\u", "{", "}", "[", "]", ",", ":", " ", "\t", "0", "1", "5", "9", ".", "e", "-",
                 "n", "u", "l", "t", "a", "/", "\u{e9}", "\u{1}"]
        )), 1..3)
    ) {
        let hc = Instrument::builtin();
        let mut line = plain_line().to_owned();
        for (at, kind, text) in edits {
            let mut i = at.index(line.len() + 1);
            while !line.is_char_boundary(i) {
                i -= 1;
            }
            // Every other edit lands next to a digit or a quote, where values
            // and strings start and end.
            let marks: Vec<usize> =
                line.match_indices(|c: char| c.is_ascii_digit() || c == '"').map(|(j, _)| j).collect();
            if kind % 2 == 0 && !marks.is_empty() {
                i = marks[at.index(marks.len())];
            }
            match kind % 3 {
                0 => line.insert_str(i, text),
                1 => {
                    if let Some(c) = line[i..].chars().next() {
                        line.replace_range(i..i + c.len_utf8(), text);
                    }
                }
                _ => {
                    if let Some(c) = line[i..].chars().next() {
                        line.replace_range(i..i + c.len_utf8(), "");
                    }
                }
            }
        }
        match (hc.parse_sheet(&line), hc.parse_response(&line).and_then(|r| hc.check(&r).map(|s| (r, s)))) {
            (Ok(sheet), Ok((_, simple))) => {
                prop_assert_eq!(sheet.respondent(), simple.respondent(), "{}", line);
                for item in hc.items() {
                    prop_assert_eq!(sheet.answer(&item.id), simple.answer(&item.id), "{}", line);
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b, "{}", line),
            (a, b) => prop_assert!(false, "parse_sheet {:?}, simple {:?}: {}", a.is_ok(), b.is_ok(), line),
        }
        // `parse_sheet` reads a line the scanner took again with serde, so
        // the batch, which does not, is the scanner's real test: with a
        // valid line before it, so that there is a report to compare (and the
        // batch is JSON Lines whatever the edited line starts with).
        // The unedited line just before it, under another id, teaches the
        // scanner the layout (each member's run-up) that the edited line
        // is then compared with first.
        let teacher = plain_line().replacen("\"id\": \"", "\"id\": \"layout-", 1);
        let batch = format!("{}\n{teacher}\n{line}\n", SAMPLE.lines().nth(1).unwrap());
        let options = ScoringOptions::default();
        let simple = score_simple(batch.as_bytes(), hc, &options).unwrap();
        prop_assert_eq!(score_on(batch.as_bytes(), hc, &options, 1).unwrap(), simple, "{}", line);
    }
}
