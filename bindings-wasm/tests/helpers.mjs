// Shared test data: the vectors in tests/vectors/ (the same files the Rust tests read) and
// the public register views written by `shuangsuiji demo` (scripts/test-wasm.sh runs it
// into bindings-wasm/pkg/demo, or set SHUANGSUIJI_DEMO_DIR).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const here = path.dirname(fileURLToPath(import.meta.url));
// The repository (vectors), also when these tests run from a copy beside an installed
// package (scripts/test-wasm.sh with SHUANGSUIJI_NPM_TARBALL sets SHUANGSUIJI_ROOT).
export const root = process.env.SHUANGSUIJI_ROOT ? path.resolve(process.env.SHUANGSUIJI_ROOT) : path.resolve(here, "../..");
export const demoDir = process.env.SHUANGSUIJI_DEMO_DIR ?? path.resolve(here, "../pkg/demo");

export const read = (rel) => readFileSync(path.resolve(root, rel));
export const readJson = (rel) => JSON.parse(read(rel).toString("utf8"));
export const demo = (name) => readFileSync(path.join(demoDir, name));

export const drawSample = () => readJson("tests/vectors/draw-sample.json");
export const registers = () => readJson("tests/vectors/registers.json");

/** The sealed sample record: the vector's canonical record bytes, hash and signatures. */
export function sealedSample() {
  const e = drawSample().expected;
  return {
    record: JSON.parse(read("tests/vectors/draw-sample.record.json").toString("utf8")),
    hash: e.record_hash,
    signatures: e.record_signatures,
  };
}

/** The sealed draw/v2 sample record (tests/vectors/v2), the demo's own. */
export function sealedSampleV2() {
  const e = readJson("tests/vectors/v2/draw-sample.json").expected;
  return {
    record: JSON.parse(read("tests/vectors/v2/draw-sample.record.json").toString("utf8")),
    hash: e.record_hash,
    signatures: e.record_signatures,
  };
}

export const publicViews = () => ({
  targets: demo("targets.public.json"),
  inspectors: demo("inspectors.public.json"),
});
