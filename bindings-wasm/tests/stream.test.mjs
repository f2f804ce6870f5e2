// verifyStreamed(): the re-run reading the target register as a CSV sorted by id through a
// read(offset, length) callback — what the page's Worker does with FileReaderSync — gives
// the same result as verify() over the JSON view, and refuses what a streamed source can
// get wrong (a changed row, rows out of order, a reader that fails or changes between passes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { verify, verifyStreamed } from "shuangsuiji";
import { sealedSample, sealedSampleV2, publicViews, demo } from "./helpers.mjs";

const { targets, inspectors } = publicViews();
const asOf = JSON.parse(targets.toString("utf8")).as_of;
const csv = demo("targets.public.csv");
const reader = (bytes, most = Infinity) => {
  const calls = [];
  const read = (offset, length) => {
    calls.push(offset);
    return bytes.subarray(offset, offset + Math.min(length, most));
  };
  return { read, calls };
};

test("a streamed CSV verifies as the JSON view does, read twice from the start", () => {
  for (const sealed of [sealedSample(), sealedSampleV2()]) {
    const record = JSON.stringify(sealed);
    const whole = verify(record, targets, inspectors);
    assert.equal(whole.ok, true, JSON.stringify(whole.error));
    const { read, calls } = reader(csv);
    const r = verifyStreamed(record, read, inspectors, asOf);
    assert.equal(r.error, null);
    assert.deepEqual(r.verified, whole.verified);
    assert.deepEqual(r.summary, whole.summary);
    assert.deepEqual(r.verdict, whole.verdict);
    // Two passes, each from offset 0 and on to an empty read at the end.
    assert.equal(calls.filter((o) => o === 0).length, 2);
  }
});

test("a reader that hands out a few bytes at a time gives the same verification", () => {
  const { read, calls } = reader(csv, 7);
  const r = verifyStreamed(JSON.stringify(sealedSample()), read, inspectors, asOf);
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.ok(calls.length > 2 * (csv.length / 7), `${calls.length} calls`);
});

test("a changed row, rows out of order, a failing reader and a source that changes are refused", () => {
  const record = JSON.stringify(sealedSample());
  const lines = csv.toString("utf8").split("\n");
  // A target's name changed: its leaf, so the register root, differs from the committed one.
  const renamed = [...lines];
  const cells = renamed[3].split(",");
  cells[3] = cells[3] + "甲";
  renamed[3] = cells.join(",");
  let r = verifyStreamed(record, reader(Buffer.from(renamed.join("\n"))).read, inspectors, asOf);
  assert.equal(r.ok, false);
  assert.equal(r.error.causeKind, "root", JSON.stringify(r.error));
  // Two rows swapped: refused as unsorted, never sorted silently.
  const swapped = [...lines];
  [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
  r = verifyStreamed(record, reader(Buffer.from(swapped.join("\n"))).read, inspectors, asOf);
  assert.equal(r.ok, false);
  assert.match(r.error.message, /order|sorted/i, JSON.stringify(r.error));
  // A reader that throws: the re-run stops and says so.
  r = verifyStreamed(record, () => { throw new Error("disk gone"); }, inspectors, asOf);
  assert.equal(r.ok, false);
  assert.match(r.error.message, /disk gone/);
  // A reader that returns something else than bytes.
  r = verifyStreamed(record, () => "not bytes", inspectors, asOf);
  assert.equal(r.ok, false);
  assert.match(r.error.message, /Uint8Array/);
  // A source whose second pass drops a row: refused on the second pass's root.
  let pass = 0;
  const dropped = Buffer.from(lines.filter((_, i) => i !== 5).join("\n"));
  r = verifyStreamed(record, (offset, length) => {
    if (offset === 0) pass += 1;
    return (pass === 1 ? csv : dropped).subarray(offset, offset + length);
  }, inspectors, asOf);
  assert.equal(r.ok, false);
  assert.match(r.error.message, /two passes/, JSON.stringify(r.error));
  // The register date is required, and must be a date.
  assert.throws(() => verifyStreamed(record, reader(csv).read, inspectors));
  r = verifyStreamed(record, reader(csv).read, inspectors, "2023-13-01");
  assert.deepEqual([r.error.kind, r.error.input], ["input", "asOf"]);
});
