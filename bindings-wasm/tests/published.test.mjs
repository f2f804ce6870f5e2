// The published-numbers beacon (docs/spec/draw-v2.md §15) in the browser package: the
// vector tests/vectors/v2-published verifies, its summary and verdict show the numbers for
// the reader to compare, the reader's announcement gives the same verdict as Rust and
// Python, and a changed number is refused — as core/tests/vectors.rs and
// tests/python/test_published_numbers.py check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verify } from "shuangsuiji";
import { read, readJson, publicViews } from "./helpers.mjs";

const views = publicViews();
const v = readJson("tests/vectors/v2-published/draw-sample.json");
const sealed = () => ({
  record: readJson("tests/vectors/v2-published/draw-sample.record.json"),
  hash: v.expected.record_hash,
  signatures: v.expected.record_signatures,
});
const trust = read("tests/vectors/v2/trust.json");

test("the published-numbers vector verifies and shows its numbers", () => {
  const r = verify(JSON.stringify(sealed()), views.targets, views.inspectors, undefined, trust);
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.summary.beacon, null);
  const p = r.summary.published_numbers[0];
  assert.equal(p.issue, "2023097");
  assert.deepEqual(p.groups.map((g) => g.numbers), v.inputs.published_numbers[0].numbers);
  assert.equal(p.groups[0].order, "ascending");
  // Not compared: the verdict says so, and shows the numbers.
  assert.ok(r.verdict.unanchored.some((u) => u.kind === "published_numbers" && u.issue === "2023097"));
  assert.equal(r.verdict.published_numbers[0].compared, false);
});

test("with the reader's announcement the verdict is the vector's, as in Rust and Python", () => {
  const announcement = read("tests/vectors/v2-published/announcement.json");
  const r = verify(JSON.stringify(sealed()), views.targets, views.inspectors, undefined, trust, undefined, announcement);
  assert.deepEqual(r.verdict, readJson("tests/vectors/v2-published/verdict.json"));
  // An announcement with another blue ball is named, never passed over.
  const other = JSON.parse(announcement.toString("utf8"));
  other[0].numbers[1] = [12];
  const d = verify(JSON.stringify(sealed()), views.targets, views.inspectors, undefined, trust, undefined, JSON.stringify(other));
  assert.equal(d.verdict.published_numbers[0].compared, false);
  assert.ok(d.verdict.unanchored.some((u) => u.kind === "published_numbers" && /differ|不一致/.test(u.message + u.message_zh)));
});

test("a changed number is refused", () => {
  const s = sealed();
  s.record.published_numbers[0].numbers[1][0] = 12;
  const r = verify(JSON.stringify(s), views.targets, views.inspectors, undefined, trust);
  assert.equal(r.ok, false);
  assert.equal(r.verdict?.level ?? "failed", "failed");
});
