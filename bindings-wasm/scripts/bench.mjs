// Times verify() in Node on a directory holding record.json, targets.public.json and
// inspectors.public.json (e.g. what `shuangsuiji demo --draw v2 --out DIR` writes):
//   node scripts/bench.mjs pkg/demo [runs]
import { verify } from "shuangsuiji";
import { readFileSync } from "node:fs";

const [dir, runs = "5"] = process.argv.slice(2);
const [r, t, i] = ["record.json", "targets.public.json", "inspectors.public.json"]
  .map((f) => readFileSync(`${dir}/${f}`));
for (let k = 0; k < Number(runs); k++) {
  const t0 = performance.now();
  const x = verify(r, t, i);
  const ms = performance.now() - t0;
  console.log(`${x.ok ? "verified" : `NOT verified: ${x.error.message}`} in ${ms.toFixed(0)} ms`);
}
