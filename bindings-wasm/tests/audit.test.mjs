// The audit log (tests/vectors/audit/demo-log.json, the same file the Rust and Python tests
// read): checkpoints, consistency, and the sample draw's inclusion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyAuditLog, sampleIds } from "shuangsuiji";
import { read, readJson } from "./helpers.mjs";

const log = () => read("tests/vectors/audit/demo-log.json");

test("the demo log verifies and proves the sample (draw/v2) draw included", () => {
  const key = readJson("tests/vectors/audit/demo-log.json").verifier_key;
  const hash = readJson("tests/vectors/v2/draw-sample.json").expected.record_hash;
  const r = verifyAuditLog(log(), key, [hash]);
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.checkpoints, 2);
  assert.equal(r.latest[0], r.events);
  assert.deepEqual(r.included.map((i) => i.subject), [hash]);
});

test("a changed event, a wrong key or an unlogged subject fails as an AuditError", () => {
  const changed = log().toString("utf8").replace("省公安厅办公室", "某人");
  const e = verifyAuditLog(changed).error;
  assert.deepEqual([e.type, e.kind], ["AuditError", "malformed"]);
  const other = "shuangsuiji.example/henan-gat/demo+00000000+AQ" + "A".repeat(42) + "=";
  assert.equal(verifyAuditLog(log(), other).ok, false);
  const r = verifyAuditLog(log(), undefined, ["00".repeat(32)]);
  assert.equal(r.ok, false);
  assert.match(r.error.message, /no event about/);
});

test("sampleIds agrees with the ticket order of the Rust selection", () => {
  const ids = Array.from({ length: 300 }, (_, i) => `ID${i}`).join("\n");
  const a = sampleIds(ids, "ab".repeat(32), 5);
  assert.equal(a.length, 5);
  const tickets = a.map((x) => x[1]);
  assert.deepEqual([...tickets].sort(), tickets, "ascending tickets");
  assert.deepEqual(sampleIds(ids.split("\n").reverse().join("\n"), "ab".repeat(32), 5), a, "order-independent");
});

test("sampleIds refuses a line that is not an id, naming the line", () => {
  assert.throws(() => sampleIds("ID1\n\nＩＤ2", "ab".repeat(32), 5),
    (e) => e.kind === "validation" && e.problems[0].row === 3 && e.problems[0].kind === "invalid_id");
});
