// The package's API: wasm-bindgen's declarations, whose values are the
// crate's wire types (./types.js, generated from the JSON Schemas).
export * from "./collaboration.js";
