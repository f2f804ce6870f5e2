// verify(): the full re-run of a sealed record against the public register views, on the
// shared sample draw (tests/vectors/draw-sample*.json), and each way a record can fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verify } from "shuangsuiji";
import { read, drawSample, registers, sealedSample, publicViews, demo } from "./helpers.mjs";

const v = drawSample();
const e = v.expected;
const { targets, inspectors } = publicViews();
const check = (sealed, t = targets, i = inspectors, asOf) =>
  verify(typeof sealed === "string" || sealed instanceof Uint8Array ? sealed : JSON.stringify(sealed), t, i, asOf);

test("the sample record verifies, and the summary is the vector's", () => {
  const r = check(sealedSample());
  assert.equal(r.error, null);
  assert.equal(r.ok, true);
  assert.deepEqual(r.verified, { record_hash: e.record_hash, seed: e.seed, selected: 28, beacon: true,
    commitment_hash: e.commitment_hash, committed_at: 1692803700, beacon_round: 123, suite: "ed25519-sha256" });
  const s = r.summary;
  assert.equal(s.seed, e.seed);
  assert.equal(s.record_hash, e.record_hash);
  assert.equal(s.commitment_hash, e.commitment_hash);
  assert.deepEqual(s.teams, e.teams);
  assert.deepEqual(s.strata.map((x) => [x.key, x.population, x.ratio, x.quota, x.selected, x.alternates]),
    e.strata.map((x) => [x.key, x.population, x.ratio, x.quota, x.selected.length, x.alternates.length]));
  const want = [...e.must_include.map((t) => [t.target, null, t.ticket]),
    ...e.strata.flatMap((x) => x.selected.map((t) => [t.target, x.key, t.ticket]))];
  assert.deepEqual(s.selected.map((t) => [t.target, t.stratum, t.ticket]), want);
  assert.equal(s.exclusions, e.exclusions_count);
  const c = v.inputs.commitment.commitment;
  assert.equal(s.beacon.round, v.inputs.beacon.round);
  assert.equal(s.beacon.randomness, v.inputs.beacon.randomness);
  assert.deepEqual(s.participants, c.participants);
  assert.deepEqual(s.reveals, v.inputs.reveals);
  assert.deepEqual(s.roots, c.roots);
  assert.equal(s.plan.id, c.plan.id);
  // Inspector ids only: nothing personal leaks into the summary.
  assert.doesNotMatch(JSON.stringify(s), /personal_digest|mobile|badge/);
});

test("the demo's record.json (pretty-printed) verifies as bytes", () => {
  const r = verify(demo("record.json"), targets, inspectors);
  assert.equal(r.ok, true, JSON.stringify(r.error));
});

test("the target register may be the CSV template with its register date", () => {
  const reg = registers().inputs;
  const r = check(sealedSample(), read(reg.targets), inspectors, reg.as_of);
  assert.equal(r.ok, true, JSON.stringify(r.error));
  const noDate = check(sealedSample(), read(reg.targets), inspectors);
  assert.equal(noDate.ok, false);
  assert.equal(noDate.error.kind, "input");
  assert.equal(noDate.error.input, "targets");
});

test("a changed selection is reported at its path, recorded vs re-run", () => {
  const s = sealedSample();
  const was = s.record.strata[0].selected[0].target;
  s.record.strata[0].selected[0].target = s.record.strata[0].alternates[0].target;
  const r = check(s);
  assert.equal(r.ok, false);
  assert.equal(r.error.kind, "mismatch");
  assert.equal(r.error.path, "strata[0].selected[0].target");
  assert.equal(r.error.message,
    `the record differs from the re-run at strata[0].selected[0].target: recorded "${s.record.strata[0].alternates[0].target}", re-run gives "${was}"`);
  assert.ok(r.summary, "the claimed contents are still shown");
  assert.equal(r.verified, null);
});

test("a changed team member is reported at its path", () => {
  const s = sealedSample();
  s.record.teams[3].members[1].inspector = "P0072";
  const r = check(s);
  assert.equal(r.error.kind, "mismatch");
  assert.equal(r.error.path, "teams[3].members[1].inspector");
});

test("a record hash that is not the record's is refused", () => {
  const s = sealedSample();
  s.hash = "00".repeat(32);
  const r = check(s);
  assert.equal(r.error.kind, "mismatch");
  assert.equal(r.error.path, "hash");
});

test("a forged record signature is refused, naming the signer", () => {
  const s = sealedSample();
  const sig = s.signatures[1].signature;
  s.signatures[1].signature = (sig[0] === "0" ? "1" : "0") + sig.slice(1);
  const r = check(s);
  assert.equal(r.error.kind, "signature");
  assert.equal(r.error.path, s.signatures[1].signer);
  assert.match(r.error.message, /^signature on the draw record by /);
});

test("a missing commitment signature is refused", () => {
  const s = sealedSample();
  s.record.commitment.signatures.pop();
  assert.equal(check(s).error.kind, "signature");
});

test("a wrong reveal is refused, naming the participant", () => {
  const s = sealedSample();
  s.record.reveals[0].secret = "11".repeat(32);
  const r = check(s);
  assert.deepEqual([r.error.kind, r.error.causeKind, r.error.type], ["rerun", "reveal", "VerifyError"]);
  assert.equal(r.error.path, s.record.reveals[0].participant);
});

test("a forged beacon round is refused", () => {
  const s = sealedSample();
  const sig = s.record.beacon.signature;
  s.record.beacon.signature = sig.slice(0, -2) + (sig.endsWith("00") ? "01" : "00");
  const r = check(s);
  assert.deepEqual([r.error.kind, r.error.causeKind], ["rerun", "beacon"]);
});

test("a register that is not the committed one is refused", () => {
  const t = JSON.parse(targets.toString("utf8"));
  t.targets.splice(5, 1);
  const r = check(sealedSample(), JSON.stringify(t));
  assert.deepEqual([r.error.kind, r.error.causeKind], ["rerun", "root"]);
  assert.match(r.error.messageZh, /[\u4e00-\u9fff]/);
  assert.equal(r.error.path, "target register");
  assert.match(r.error.message, /^re-running the draw: target register: committed [0-9a-f]{64}, given data has [0-9a-f]{64}$/);
});

test("unreadable inputs say which", () => {
  let r = verify("not json", targets, inspectors);
  assert.deepEqual([r.ok, r.error.kind, r.error.input, r.summary], [false, "input", "record", null]);
  r = check(sealedSample(), targets, "{\"as_of\": \"2023-08-23\"}");
  assert.deepEqual([r.error.kind, r.error.input], ["input", "inspectors"]);
  r = check(sealedSample(), targets, inspectors, "2023-13-01");
  assert.deepEqual([r.error.kind, r.error.input], ["input", "asOf"]);
  r = verify(JSON.stringify(sealedSample()), undefined, inspectors);
  assert.deepEqual([r.error.kind, r.error.input], ["input", "targets"]);
});
