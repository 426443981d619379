// Node's speed through the package: scoreBatch over a JSON Lines file
// (responses per second), and one response's score() (µs, averaged).
// Usage: node bench.mjs BIG.jsonl LINE_ITERATIONS. bench.sh runs it beside
// the native single-thread CLI on the same file and prints the ratio.
import { readFileSync } from "node:fs";
import * as c from "../pkg/node.js";

const [file, iterations = "20000"] = process.argv.slice(2);
const bytes = readFileSync(file);
// V8 first runs WebAssembly through its baseline compiler and moves hot
// code to the optimising one while it runs; a first, untimed batch of the
// file's first 20 000 lines lets that happen, as in a long-lived page or
// service. Then three timed runs over the whole file; the median is kept.
let cut = 0;
for (let i = 0; i < 20000 && cut >= 0; i++) cut = bytes.indexOf(10, cut + 1);
c.scoreBatch(bytes.subarray(0, cut < 0 ? bytes.length : cut + 1), { skipInvalid: true });
const runs = [];
let scored;
for (let round = 0; round < 3; round++) {
    const started = performance.now();
    scored = c.scoreBatch(bytes, { skipInvalid: true });
    runs.push((performance.now() - started) / 1000);
}
const seconds = runs.sort((a, b) => a - b)[1];
const hc = c.builtinInstrument();
const line = bytes.subarray(0, bytes.indexOf(10)).toString("utf8");
const n = Number(iterations);
for (let i = 0; i < 1000; i++) hc.score(line);
const cpu = process.cpuUsage();
const t = performance.now();
for (let i = 0; i < n; i++) hc.score(line);
const us = ((performance.now() - t) * 1000) / n;
// CPU time too: on a shared machine the wall clock counts time the
// process waited for a core (V8's helper threads make it an overcount).
const used = process.cpuUsage(cpu);
const cpuUs = (used.user + used.system) / n;
console.log(JSON.stringify({ responses: scored.responses, seconds, perSecond: scored.responses / seconds, scoreMicros: us, scoreCpuMicros: cpuUs }));
