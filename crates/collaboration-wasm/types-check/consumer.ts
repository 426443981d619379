// Every function of the package, called as a TypeScript program would: the
// proof (tsc --strict --noEmit) that the declarations have the types a
// program needs, with no `any`. Checked by .ci/wasm.sh against pkg/.
import {
  Aggregator, Instrument, builtinInstrument, catalogue, compare, htmlReport, radarSvg, scoreBatch,
  partnersSvg, partnersGraphml, partnersCsv,
} from "collaboration";
import type {
  AggregateState, BatchResult, Catalogue, CollaborationError, Comparison, GroupReport,
  InstrumentDefinition, Problem, Response, ResponseSchema, Scorecard,
} from "collaboration";

const framework: Catalogue = catalogue();
const hc: Instrument = builtinInstrument();
const definition: InstrumentDefinition = hc.toJSON();
const custom: Instrument = Instrument.fromJson(definition);
const id: string = custom.id + hc.version + hc.title + framework.foundations.length;

const response: Response = {
  instrument: "collaboration-health-check",
  respondent: { id: "r-07", roles: ["system-leader"] },
  answers: { "shared-learning.1": 4, "shared-learning.2": "n/a" },
};
const problems: Problem[] = hc.validate(response);
const card: Scorecard = hc.score(response, { bands: { developing: 50, strength: 75 }, min_segment: 3 });
const overall: number | null | undefined = card.overall.score;
const schema: ResponseSchema = hc.responseSchema();

const group = new Aggregator(hc, { scoring: { bands: { developing: 50, strength: 75 }, min_segment: 5 } });
group.add(response);
group.add(JSON.stringify({ ...response, respondent: { id: "r-08" } }));
const other = new Aggregator(hc);
group.merge(other);
const report: GroupReport = group.report();
const bytes: Uint8Array = group.state();
const saved: AggregateState = group.stateJson();
const restored: Aggregator = Aggregator.restore(hc, bytes);
const again: Aggregator = Aggregator.restore(hc, JSON.stringify(saved), "00".repeat(32));
const count: number = restored.respondents + again.respondents;

const change: Comparison = compare(report, report);
const cards: Comparison = compare(card, card, { instrument: hc });
const svg: string = radarSvg(report) + radarSvg(card, { title: "r-07" });
const html: string = htmlReport(report, { title: "Team", earlier: report, instrument: hc });
const network: string = partnersSvg(report) + partnersGraphml(report) + partnersCsv(report);

const batch: BatchResult = scoreBatch(`${JSON.stringify(response)}\n`, { skipInvalid: true, key: "00".repeat(32) });
const fromArray: BatchResult = scoreBatch([response], { instrument: definition });
const firstRejection: Problem | undefined = batch.rejections[0];

try {
  hc.score("{}");
} catch (e) {
  const error = e as CollaborationError;
  const where: string = `${error.kind} ${error.item ?? ""} ${error.respondent ?? ""} ${error.line ?? ""}`;
  const rejected: Problem[] = error.rejections;
  console.log(where, rejected.length, error.message);
}

console.log(id, problems, overall, schema.$schema, count, change.overall, cards.instrument, svg.length,
  html.length, network.length, batch.report.respondents, fromArray.responses, firstRejection?.message);
