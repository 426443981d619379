// The crate's wire types, generated from its JSON Schemas (schemas/ in the
// repository) by json-schema-to-typescript when the package is built.
export type { Response } from "./types/response.js";
export type { Batch } from "./types/batch.js";
export type { Instrument as InstrumentDefinition } from "./types/instrument.js";
export type { Scorecard } from "./types/scorecard.js";
export type { GroupReport, ScoringOptions } from "./types/group-report.js";
export type { Comparison } from "./types/comparison.js";
export type { Catalogue } from "./types/catalogue.js";
export type { AggregateState } from "./types/aggregate-state.js";

/** A JSON Schema (draft 2020-12) for responses to one instrument. */
export interface ResponseSchema {
  $schema: string;
  $id?: string;
  title?: string;
  description?: string;
  type: "object";
  properties: { [name: string]: unknown };
  required?: string[];
  additionalProperties?: boolean;
  [keyword: string]: unknown;
}
