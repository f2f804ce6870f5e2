// The end-to-end job in WebAssembly, in Node: the WASM package re-runs a sealed draw from the
// target register's CSV as the department filled it (import, roots, the draw, the compare) —
// the package verifies, it does not draw, so this is the job a member of the public runs.
// Usage: node benches/compare/verify_node.mjs DIR TARGETS.csv [AS_OF]
// DIR holds record.json and inspectors.public.json (benches' draw_csv example writes them).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { verify } = require("../../bindings-wasm/pkg/node/shuangsuiji.js");
const [dir, csv, asOf = "2023-08-23"] = process.argv.slice(2);
const t = performance.now();
const r = verify(readFileSync(`${dir}/record.json`), readFileSync(csv), readFileSync(`${dir}/inspectors.public.json`), asOf);
if (!r.ok) {
  console.error(JSON.stringify(r.error));
  process.exit(1);
}
console.log(`${r.verified.selected} selected in ${((performance.now() - t) / 1000).toFixed(2)} s; record ${r.verified.record_hash}`);
