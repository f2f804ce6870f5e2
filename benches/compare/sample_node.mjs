// Times the WASM package's sampleIds on an id file (read as text), in-process.
// Usage: node benches/compare/sample_node.mjs IDS_FILE SUBSEED TAKE
// Prints the milliseconds (best of 5) and then the selected ids.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { sampleIds } = require("../../bindings-wasm/pkg/node/shuangsuiji.js");
const [file, seed, take] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
let best = Infinity, out;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  out = sampleIds(text, seed, Number(take));
  best = Math.min(best, performance.now() - t);
}
console.log(best.toFixed(3));
console.log(out.map((x) => x[0]).join("\n"));
