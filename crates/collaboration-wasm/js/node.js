// The package for Node (>= 20): the module is read from beside this file
// and instantiated synchronously when the package is imported.
import { readFileSync } from "node:fs";
import { initSync } from "./collaboration.js";

initSync({ module: readFileSync(new URL("./collaboration_bg.wasm", import.meta.url)) });

export * from "./collaboration.js";
