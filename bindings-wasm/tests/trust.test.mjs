// verify(…, trust): the verdict against a trust file (docs/spec/trust.md), as
// core/tests/trust.rs checks it in Rust and tests/python/test_trust.py in Python.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verify } from "shuangsuiji";
import { sealedSample, publicViews } from "./helpers.mjs";

const sealed = sealedSample();
const views = publicViews();
const trustFor = (roles = ["抽查负责人", "监督人"]) => JSON.stringify({
  format: "shuangsuiji/trust/v1",
  name: "测试",
  signers: sealed.record.commitment.commitment.signers.map((x, i) => ({ role: roles[i], name: x.name, public_key: x.public_key })),
});
const check = (s, trust) => verify(JSON.stringify(s), views.targets, views.inspectors, undefined, trust);
const kinds = (v) => v.unanchored.map((u) => u.kind);

test("without a trust file nothing is anchored, and ok is not a verdict", () => {
  const r = check(sealed);
  assert.equal(r.ok, true);
  assert.equal(r.verdict.level, "not_anchored");
  assert.deepEqual(kinds(r.verdict), ["no_trust_file", "unsigned_participants", "time_anchor"]);
  assert.equal(r.verdict.beacon.name, "drand quicknet");
});

test("trusted signers are shown with their roles; an untrusted key is named", () => {
  const r = check(sealed, trustFor());
  assert.deepEqual(kinds(r.verdict), ["unsigned_participants", "time_anchor"]);
  assert.deepEqual(r.verdict.signers.map((x) => x.role), ["抽查负责人", "监督人"]);
  const t = JSON.parse(trustFor());
  t.signers[1].public_key = "11".repeat(32);
  const u = check(sealed, JSON.stringify(t)).verdict.unanchored.find((x) => x.kind === "signer");
  assert.equal(u.public_key, sealed.signatures[1].public_key);
  assert.match(u.message_zh, /不是您信任文件中的签名人/);
});

test("a failed record has a failed verdict; a broken trust file is a TrustError", () => {
  const bad = structuredClone(sealed);
  bad.record.seed = "00".repeat(32);
  const r = check(bad, trustFor());
  assert.deepEqual([r.ok, r.verdict.level, r.verdict.error.kind], [false, "failed", "mismatch"]);
  const t = check(sealed, JSON.stringify({ format: "x", name: "n", witness_quorum: 1 }));
  assert.deepEqual([t.ok, t.error.type, t.error.kind, t.error.input], [false, "TrustError", "trust", "trust"]);
  assert.match(t.error.message, /format:.*witness_quorum:/);
});

test("the demo's witnessed checkpoint anchors the commitment time", async () => {
  const { demo } = await import("./helpers.mjs");
  const trust = demo("verifier/trust.json");
  const anchor = demo("anchor.json");
  const r = verify(demo("record.json"), views.targets, views.inspectors, undefined, trust, anchor);
  assert.equal(r.verdict.anchored_time, 1692803710);
  // draw/v2: participants sign and are in the trust file, the reveals are in the witnessed
  // checkpoint, the log shows one commitment for the plan.
  assert.equal(r.verdict.level, "anchored");
  assert.deepEqual(kinds(r.verdict), []);
  assert.equal(r.verdict.plan_commitments, 1);
  // Without the trust file's witnesses the same anchor proves nothing.
  const t = JSON.parse(trust.toString("utf8"));
  t.witness_quorum = 0;
  const u = verify(demo("record.json"), views.targets, views.inspectors, undefined, JSON.stringify(t), anchor);
  assert.equal(u.verdict.anchored_time, null);
  assert.match(u.verdict.unanchored.find((x) => x.kind === "time_anchor_refused").reason, /requires no witness/);
});

test("the draw/v2 vector is anchored, as in Rust and Python", async () => {
  const { read, readJson } = await import("./helpers.mjs");
  const v = readJson("tests/vectors/v2/draw-sample.json");
  const sealedV2 = JSON.stringify({
    record: readJson("tests/vectors/v2/draw-sample.record.json"),
    hash: v.expected.record_hash,
    signatures: v.expected.record_signatures,
  });
  const trust = read("tests/vectors/v2/trust.json");
  const anchor = read("tests/vectors/v2/anchor.json");
  const r = verify(sealedV2, views.targets, views.inspectors, undefined, trust, anchor);
  assert.deepEqual(r.verdict, readJson("tests/vectors/v2/verdict.json"));
  // Without the reveals in the checkpoint, the anchor does not hold, and says why.
  const a = JSON.parse(anchor.toString("utf8"));
  a.reveals = a.reveals.slice(0, 1);
  const u = verify(sealedV2, views.targets, views.inspectors, undefined, trust, JSON.stringify(a));
  assert.equal(u.verdict.level, "not_anchored");
  assert.match(u.verdict.unanchored[0].reason, /withheld/);
  // Without the trust file's participants, each is named and the two roles are missing.
  const t = JSON.parse(trust.toString("utf8"));
  t.participants = [];
  const p = verify(sealedV2, views.targets, views.inspectors, undefined, JSON.stringify(t), anchor);
  assert.deepEqual(kinds(p.verdict), ["participant", "participant", "participant_roles"]);
});
