// The package for browsers and bundlers: the module is fetched beside this
// file (bundlers follow `new URL(…, import.meta.url)`) and instantiated
// once, before anything is exported, by top-level await.
import init from "./collaboration.js";

await init({ module_or_path: new URL("./collaboration_bg.wasm", import.meta.url) });

export * from "./collaboration.js";
