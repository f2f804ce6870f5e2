// verifyRound(): the drand quicknet round of the sample draw (BLS in WebAssembly).
import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyRound } from "shuangsuiji";
import { drawSample } from "./helpers.mjs";

const v = drawSample();
const c = v.inputs.commitment.commitment;
const spec = JSON.stringify(c.beacon);
const round = v.inputs.beacon;

test("the sample round verifies and yields its randomness", () => {
  const r = verifyRound(spec, c.committed_at, JSON.stringify(round));
  assert.deepEqual(r, {
    ok: true, error: null, round: 123,
    round_time: c.beacon.genesis_time + 122 * c.beacon.period_seconds,
    randomness: round.randomness,
  });
});

test("a forged signature, a wrong round, an early round and a wrong randomness are refused", () => {
  const sig = round.signature;
  const forged = { ...round, signature: sig.slice(0, -2) + (sig.endsWith("00") ? "01" : "00") };
  assert.equal(verifyRound(spec, c.committed_at, JSON.stringify(forged)).error.kind, "malformed");
  const wrong = verifyRound(spec, c.committed_at, JSON.stringify({ ...round, round: 124 }));
  assert.equal(wrong.error.message, "beacon: round 124 given, round 123 was committed to");
  const early = verifyRound(spec, c.committed_at + 3600, JSON.stringify(round));
  assert.match(early.error.message, /^beacon: round 123 was published at \d+ \(unix\), not after the commitment time \d+$/);
  const rnd = verifyRound(spec, c.committed_at, JSON.stringify({ ...round, randomness: "00".repeat(32) }));
  assert.equal(rnd.error.message, "beacon: recorded randomness is not SHA-256 of the round's signature");
  const short = verifyRound(spec, c.committed_at, JSON.stringify({ ...round, signature: "abcd" }));
  assert.deepEqual([short.error.kind, short.error.path, short.error.type], ["malformed", "signature", "BeaconError"]);
  assert.deepEqual([wrong.error.kind, early.error.kind, rnd.error.kind], ["wrong_round", "too_early", "randomness_mismatch"]);
});

test("bad inputs", () => {
  assert.equal(verifyRound("{}", c.committed_at, JSON.stringify(round)).error.input, "spec");
  assert.equal(verifyRound(spec, 1.5, JSON.stringify(round)).error.input, "committedAt");
});
