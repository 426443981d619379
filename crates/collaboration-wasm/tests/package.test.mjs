// The built package (pkg/, from build.sh) against the Rust crate: the
// expectations come from the `collaboration` CLI (COLLABORATION_BIN), an
// independent path through the crate, or from the crate's documented
// messages. Run: COLLABORATION_BIN=target/release/collaboration node --test crates/collaboration-wasm/tests/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import * as c from "../pkg/node.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const team = join(root, "examples/data/team.jsonl");
const teamText = readFileSync(team, "utf8");
const bin = process.env.COLLABORATION_BIN || join(root, "target/release/collaboration");
const cli = (...args) => execFileSync(bin, args, { encoding: "utf8" });
const work = mkdtempSync(join(tmpdir(), "collaboration-wasm-"));
const hc = c.builtinInstrument();

// Deep equality with numbers within 1e-9 (the spec's tolerance), for
// reports whose counts were restored or merged: a p-value computed after a
// merge can differ from one pass's in its last bit.
const close = (actual, expected, path = "report") => {
  if (typeof expected === "number" && typeof actual === "number") {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} vs ${expected}`);
  } else if (expected && typeof expected === "object") {
    assert.equal(typeof actual, "object", path);
    assert.deepStrictEqual(Object.keys(actual ?? {}), Object.keys(expected), path);
    for (const k of Object.keys(expected)) close(actual[k], expected[k], `${path}.${k}`);
  } else {
    assert.strictEqual(actual, expected, path);
  }
};

test("the sample team scores to exactly the Rust crate's report", () => {
  const rust = JSON.parse(cli("score", team));
  const node = c.scoreBatch(teamText);
  assert.deepStrictEqual(node.report, rust);
  assert.equal(node.responses, 15);
  assert.deepStrictEqual(node.rejected, { invalid: 0, duplicateRespondent: 0, tooLong: 0, invalidUtf8: 0 });
  // As a JSON array, and as an array of objects, too.
  const objects = teamText.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepStrictEqual(c.scoreBatch(objects).report, rust);
  assert.deepStrictEqual(c.scoreBatch(new TextEncoder().encode(teamText)).report, rust);
  // A view into a larger buffer (a Node Buffer's slice, a subarray) is read
  // where it starts and ends: the module reads the caller's array itself.
  const bytes = new TextEncoder().encode(teamText);
  const padded = new Uint8Array(bytes.length + 20).fill(0x7b);
  padded.set(bytes, 7);
  assert.deepStrictEqual(c.scoreBatch(padded.subarray(7, 7 + bytes.length)).report, rust);
  assert.deepStrictEqual(c.scoreBatch(Buffer.from(padded.buffer, 7, bytes.length)).report, rust);
});

test("each response scores to exactly the Rust crate's scorecard", () => {
  const rust = cli("each", team).trim().split("\n").map((line) => JSON.parse(line));
  const lines = teamText.trim().split("\n");
  assert.equal(rust.length, lines.length);
  lines.forEach((line, n) => {
    assert.deepStrictEqual(hc.score(line), rust[n]);
    assert.deepStrictEqual(hc.score(JSON.parse(line)), rust[n]);
  });
});

test("an aggregate built one response at a time reports as the Rust batch does", () => {
  const rust = JSON.parse(cli("score", team));
  const group = new c.Aggregator(hc);
  for (const line of teamText.trim().split("\n")) group.add(line);
  assert.equal(group.respondents, 15);
  assert.deepStrictEqual(group.report(), rust);
});

test("a state made in Node restores in Rust", () => {
  const group = new c.Aggregator(hc);
  for (const line of teamText.trim().split("\n")) group.add(line);
  const path = join(work, "node.state");
  writeFileSync(path, group.state());
  // The state's bytes as a view at an offset restore as the bytes do.
  const state = group.state();
  const within = new Uint8Array(state.length + 5);
  within.set(state, 3);
  assert.deepStrictEqual(c.Aggregator.restore(hc, within.subarray(3, 3 + state.length)).report(), group.report());
  // `collaboration merge` of the one state is its report.
  assert.deepStrictEqual(JSON.parse(cli("merge", path)), JSON.parse(cli("score", team)));
  // The JSON form too.
  const jsonPath = join(work, "node.state.json");
  writeFileSync(jsonPath, JSON.stringify(group.stateJson()));
  assert.deepStrictEqual(JSON.parse(cli("merge", jsonPath)), JSON.parse(cli("score", team)));
});

test("a state made in Rust restores in Node, and merges with one made in Node", () => {
  const lines = teamText.trim().split("\n");
  const key = cli("key").trim();
  const keyFile = join(work, "partnership.key");
  writeFileSync(keyFile, key);
  const firstHalf = join(work, "first.jsonl");
  writeFileSync(firstHalf, lines.slice(0, 7).join("\n") + "\n");
  const rustState = join(work, "rust.state");
  cli("score", "--key-file", keyFile, "--state", rustState, "-o", join(work, "first.json"), firstHalf);
  const restored = c.Aggregator.restore(hc, readFileSync(rustState));
  assert.equal(restored.respondents, 7);
  close(restored.report(), JSON.parse(readFileSync(join(work, "first.json"), "utf8")));
  // Without the key it cannot be added to; with it, it can.
  assert.throws(() => restored.add(lines[7]), { name: "CollaborationError", kind: "key-unknown" });
  const keyed = c.Aggregator.restore(hc, readFileSync(rustState), key);
  for (const line of lines.slice(7)) keyed.add(line);
  close(keyed.report(), JSON.parse(cli("score", team)));
  // A repeat across the two parts is caught, as the key makes possible.
  assert.throws(() => keyed.add(lines[0]), { kind: "duplicate-respondent", respondent: "cc-01" });
  // Node's second half merged with Rust's first half: the whole team.
  const second = new c.Aggregator(hc, { key });
  for (const line of lines.slice(7)) second.add(line);
  const merged = c.Aggregator.restore(hc, readFileSync(rustState));
  merged.merge(second);
  close(merged.report(), JSON.parse(cli("score", team)));
});

test("bad input throws CollaborationErrors with the crate's message and fields", () => {
  const bad = { instrument: "collaboration-health-check", respondent: { id: "r-07" }, answers: { "shared-learning.1": 3.5 } };
  // The message is the crate's, as its documentation of parse_response gives it.
  assert.throws(() => hc.score(bad), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, "CollaborationError");
    assert.equal(e.message, 'respondent `r-07`, item `shared-learning.1`: 3.5 is not an answer; expected an integer 1..=5 or "n/a"');
    assert.equal(e.kind, "not-an-integer");
    assert.equal(e.item, "shared-learning.1");
    assert.equal(e.respondent, "r-07");
    return true;
  });
  assert.throws(() => hc.score('{"instrument": "collaboration-health-check",\n "respondent": 5}'), {
    kind: "json", line: 2,
  });
  // A batch: line 3 of JSON Lines is out of scale.
  const lines = teamText.trim().split("\n");
  const broken = [lines[0], lines[1], lines[2].replace('"collaborative-mindset.1": 4', '"collaborative-mindset.1": 9')];
  assert.notEqual(broken[2], lines[2]);
  assert.throws(() => c.scoreBatch(broken.join("\n")), (e) => {
    assert.equal(e.kind, "invalid");
    assert.equal(e.line, 3);
    assert.equal(e.item, "collaborative-mindset.1");
    assert.equal(e.rejections.length, 1);
    assert.equal(e.rejections[0].kind, "out-of-scale");
    assert.equal(e.rejections[0].respondent, JSON.parse(lines[2]).respondent.id);
    return true;
  });
  const skipped = c.scoreBatch(broken.join("\n"), { skipInvalid: true });
  assert.equal(skipped.report.respondents, 2);
  assert.equal(skipped.rejected.invalid, 1);
  assert.equal(skipped.rejections[0].line, 3);
  // validate lists every problem, in the order written.
  const two = { ...bad, answers: { "shared-learning.1": 3.5, "shared-learning.2": 4, "shared-learning.3": 0 } };
  assert.deepStrictEqual(hc.validate(two).map((p) => [p.kind, p.item]), [
    ["not-an-integer", "shared-learning.1"], ["out-of-scale", "shared-learning.3"],
  ]);
  assert.deepStrictEqual(hc.validate(lines[0]), []);
  assert.throws(() => c.Instrument.fromJson("{}"), { name: "CollaborationError", kind: "json" });
  assert.throws(() => c.Aggregator.restore(hc, new Uint8Array([1, 2, 3])), { name: "CollaborationError" });
});

test("the partner map's network, GraphML and CSV are the command's", () => {
  const report = c.scoreBatch(teamText).report;
  // By hand from team.jsonl: City Council rates Community Voice 6 and 6,
  // Community Voice rates City Council 3 and 2: 3.5 levels apart.
  const pair = report.partners.pairs.find((p) => p.first === "City Council" && p.second === "Community Voice");
  assert.equal(pair.reciprocity_gap, 3.5);
  assert.equal(pair.mismatched, true);
  const [svg, graphml, csv] = ["p.svg", "p.graphml", "t.csv"].map((f) => join(work, f));
  cli("partners", team, "--svg", svg, "--graphml", graphml, "--csv", csv);
  assert.equal(c.partnersSvg(report), readFileSync(svg, "utf8"));
  assert.equal(c.partnersGraphml(report), readFileSync(graphml, "utf8"));
  assert.equal(c.partnersCsv(report), readFileSync(csv, "utf8"));
  const plain = c.scoreBatch('{"instrument": "collaboration-health-check", "respondent": {"id": "x"}, "answers": {}}').report;
  assert.throws(() => c.partnersSvg(plain), { name: "CollaborationError", kind: "no-partner-map" });
});

test("the radar, the HTML report, the comparison and the schema are the crate's", () => {
  const report = c.scoreBatch(teamText).report;
  const svgPath = join(work, "radar.svg");
  const htmlPath = join(work, "report.html");
  cli("report", team, "--html", htmlPath, "--svg", svgPath);
  assert.equal(c.radarSvg(report), readFileSync(svgPath, "utf8"));
  assert.equal(c.htmlReport(report, { instrument: hc }), readFileSync(htmlPath, "utf8"));
  const card = hc.score(teamText.split("\n")[0]);
  assert.match(c.radarSvg(card), /^<svg/);
  const reportPath = join(work, "team.json");
  writeFileSync(reportPath, JSON.stringify(report));
  assert.deepStrictEqual(c.compare(report, report), JSON.parse(cli("compare", reportPath, reportPath)));
  assert.equal(c.compare(card, card).overall.change, 0);
  assert.deepStrictEqual(hc.responseSchema(), JSON.parse(readFileSync(join(root, "schemas/collaboration-health-check.response.schema.json"), "utf8")));
  assert.deepStrictEqual(c.catalogue(), JSON.parse(readFileSync(join(root, "schemas/catalogue.json"), "utf8")));
  assert.deepStrictEqual(c.Instrument.fromJson(hc).id, hc.id);
});

test("names are compared in Unicode NFC, as the Rust crate compares them", () => {
  // "José" typed two ways (é, and e with a combining acute accent) is one
  // respondent, and "Café Collective" two ways one organisation
  // (docs/scoring.md); the module normalises with JavaScript's own NFC.
  const [first] = teamText.trim().split("\n").map((line) => JSON.parse(line));
  const as = (id, organisation) =>
    JSON.stringify({ ...first, respondent: { ...first.respondent, id, organisation }, partners: undefined });
  const text = [
    as("Jos\u00e9", "Caf\u00e9 Collective"),
    as("Jose\u0301", "City Council"),
    as("ana", "Cafe\u0301 Collective"),
  ].join("\n");
  const path = join(work, "nfc.jsonl");
  writeFileSync(path, text + "\n");
  const node = c.scoreBatch(text, { skipInvalid: true });
  assert.equal(node.rejected.duplicateRespondent, 1);
  assert.deepStrictEqual(node.rejections.map((p) => [p.kind, p.respondent]), [["duplicate-respondent", "Jos\u00e9"]]);
  assert.deepStrictEqual(node.report, JSON.parse(cli("score", "--skip-invalid", path)));
  assert.ok(!JSON.stringify(node.report).includes("Cafe\u0301"));
  const group = new c.Aggregator(hc);
  group.add(as("Jos\u00e9", "City Council"));
  assert.throws(() => group.add(as("Jose\u0301", "City Council")), { kind: "duplicate-respondent" });
});

test("a batch of several blocks, read from a Uint8Array a block at a time, scores as the CLI does", () => {
  // Over 3 MB: the module reads a batch about 1 MiB at a time, so this
  // batch spans several blocks, with lines cut by their ends. The
  // expectation is the CLI's report of the same file (an independent
  // reader: the native file reader).
  const lines = teamText.trim().split("\n").map((line) => JSON.parse(line));
  const out = [];
  let length = 0;
  for (let copy = 0; length < 3_000_000; copy++) {
    for (const r of lines) {
      const line = JSON.stringify({ ...r, respondent: { ...r.respondent, id: `${r.respondent.id}-${copy}` } });
      out.push(line);
      length += line.length + 1;
    }
  }
  const text = out.join("\n") + "\n";
  assert.ok(text.length > 3_000_000, `${text.length} bytes`);
  const path = join(work, "blocks.jsonl");
  writeFileSync(path, text);
  const rust = JSON.parse(cli("score", path));
  const node = c.scoreBatch(new TextEncoder().encode(text));
  assert.equal(node.responses, out.length);
  assert.deepStrictEqual(node.report, rust);
  assert.deepStrictEqual(c.scoreBatch(text).report, rust);
});
