// The record's canonical bytes and hash are byte-identical with Rust
// (tests/vectors/draw-sample.record.json, written by `shuangsuiji demo --vectors`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalRecord, recordHash } from "shuangsuiji";
import { read, readJson, drawSample, sealedSample, demo } from "./helpers.mjs";

const bytes = read("tests/vectors/draw-sample.record.json");

test("canonical record bytes are byte-identical with the Rust vector", () => {
  const out = canonicalRecord(bytes);
  assert.ok(out instanceof Uint8Array);
  assert.equal(out.length, bytes.length);
  assert.ok(Buffer.from(out).equals(bytes));
});

test("record hash matches the vector, bare or sealed, string or bytes", () => {
  const want = drawSample().expected.record_hash;
  assert.equal(recordHash(bytes), want);
  assert.equal(recordHash(bytes.toString("utf8")), want);
  assert.equal(recordHash(JSON.stringify(sealedSample())), want);
  // The demo draws under draw/v2: its record is the v2 vector's.
  const want2 = readJson("tests/vectors/v2/draw-sample.json").expected.record_hash;
  assert.equal(recordHash(demo("record.json")), want2, "the demo's record is the v2 vector's");
});

test("a non-record throws a ShuangsuijiError with kind and input", () => {
  assert.throws(() => recordHash("{\"algorithm\": 1}"), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.kind, "input");
    assert.equal(e.input, "record");
    return true;
  });
  assert.throws(() => canonicalRecord("not json"), { kind: "input" });
  assert.throws(() => recordHash(42), { kind: "input" });
});
