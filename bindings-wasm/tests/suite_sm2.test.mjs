// The sm2-sm3 suite (docs/spec/suites.md) in the browser package: the vector
// tests/vectors/v2-sm2-sm3 verifies and is anchored with the verdict Rust and Python reach;
// its SM2 signatures verify in npm sm-crypto (an independent implementation); a record whose
// every signature was made by gmssl and sm-crypto verifies here, and a changed signature
// does not — as core/tests/suite_sm2.rs and tests/python/test_suite_sm2.py check.
import { test } from "node:test";
import assert from "node:assert/strict";
import smCrypto from "sm-crypto";
import { verify, registerRoots, sm3 } from "shuangsuiji";
import { read, readJson, publicViews, registers } from "./helpers.mjs";

const { sm2 } = smCrypto;
const views = publicViews();
const DIR = "tests/vectors/v2-sm2-sm3";
const v = readJson(`${DIR}/draw-sample.json`);
const sealed = {
  record: readJson(`${DIR}/draw-sample.record.json`),
  hash: v.expected.record_hash,
  signatures: v.expected.record_signatures,
};
const bytes = (s) => Array.from(Buffer.from(s, "utf8"));
const hexBytes = (h) => Array.from(Buffer.from(h, "hex"));
const theyVerify = (context, hashHex, e) =>
  sm2.doVerifySignature([...bytes(context), ...hexBytes(hashHex)], e.signature, e.public_key, { hash: true, der: false });

test("the sm2-sm3 vector is anchored, with the suite shown", () => {
  const r = verify(JSON.stringify(sealed), views.targets, views.inspectors, undefined,
    read(`${DIR}/trust.json`), read(`${DIR}/anchor.json`));
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.summary.suite, "sm2-sm3");
  assert.equal(r.verified.suite, "sm2-sm3");
  assert.deepEqual(r.verdict, readJson(`${DIR}/verdict.json`));
  assert.equal(r.verdict.level, "anchored");
  // The roots are the sample registers' under SM3.
  const reg = registers();
  const roots = registerRoots({ targets: read(reg.inputs.targets), asOf: reg.inputs.as_of,
    inspectors: views.inspectors, suite: "sm2-sm3" });
  assert.equal(roots.targets, r.summary.roots.targets);
  assert.equal(roots.inspectors, r.summary.roots.inspectors);
  assert.notEqual(registerRoots({ targets: read(reg.inputs.targets), asOf: reg.inputs.as_of }).targets, roots.targets);
});

test("every SM2 signature of the vector verifies in sm-crypto", () => {
  const c = sealed.record.commitment;
  for (const e of c.signatures) assert.equal(theyVerify("shuangsuiji/v1/sign/commitment", c.hash, e), true);
  for (const e of c.participant_signatures) {
    assert.equal(theyVerify("shuangsuiji/v2/sign/participant-commitment", c.hash, e), true);
  }
  for (const e of sealed.signatures) assert.equal(theyVerify("shuangsuiji/v1/sign/record", sealed.hash, e), true);
  assert.equal(theyVerify("shuangsuiji/v1/sign/record", c.hash, sealed.signatures[0]), false);
  // A reveal signs its binding, SM3 with the spec's tagged framing — recomputed with
  // sm-crypto's SM3 from the spec's bytes alone.
  const tag = "shuangsuiji/v2/reveal-binding";
  for (const r of sealed.record.reveals) {
    const id = bytes(r.participant);
    const len = [0, 0, id.length >> 8, id.length & 255];
    const pre = [tag.length, ...bytes(tag), ...hexBytes(c.hash), ...len, ...id, ...hexBytes(r.secret)];
    const binding = smCrypto.sm3(pre);
    assert.equal(sm3(new Uint8Array(pre)), binding);
    const key = c.commitment.participants.find((p) => p.id === r.participant).public_key;
    assert.equal(theyVerify("shuangsuiji/v2/sign/participant-reveal", binding,
      { signature: r.signature, public_key: key }), true);
  }
});

test("a record signed by gmssl and sm-crypto verifies; a changed signature does not", () => {
  const f = readJson(`${DIR}/foreign-signed.json`);
  const r = verify(JSON.stringify(f.sealed), views.targets, views.inspectors);
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.verified.suite, "sm2-sm3");
  const bad = structuredClone(f.sealed);
  const s = bad.record.commitment.signatures[0].signature;
  bad.record.commitment.signatures[0].signature = s.slice(0, -1) + (s.endsWith("0") ? "1" : "0");
  const u = verify(JSON.stringify(bad), views.targets, views.inspectors);
  assert.equal(u.ok, false);
});

// The audit log under sm2-sm3 (docs/spec/suites.md §3 "Audit log"): the anchor's checkpoint
// is signed by the log's SM2 key and cosigned by the witness's, over the bytes the spec
// names; sm-crypto checks both from the verifier keys alone.
test("the SM2 log checkpoint and its SM2 cosignature verify in sm-crypto", async () => {
  const { createHash } = await import("node:crypto");
  const trust = readJson(`${DIR}/trust.json`);
  const anchor = readJson(`${DIR}/anchor.json`);
  const noteKey = (vkey, type) => {
    const [name, id, b64] = [vkey.slice(0, vkey.indexOf("+")),
      vkey.split("+")[1], vkey.slice(vkey.indexOf("+", vkey.indexOf("+") + 1) + 1)];
    const raw = Buffer.from(b64, "base64");
    const t = Buffer.from(type, "latin1");
    assert.ok(raw.subarray(0, t.length).equals(t) && raw.length === t.length + 65);
    const kid = createHash("sha256").update(Buffer.concat([Buffer.from(`${name}\n`), raw])).digest();
    assert.equal(kid.subarray(0, 4).toString("hex"), id);
    return { name, pub: raw.subarray(t.length).toString("hex") };
  };
  const [body, sigs] = anchor.checkpoint.split("\n\n");
  const lines = Object.fromEntries(sigs.trim().split("\n").map((l) => {
    const rest = l.replace(/^\u2014 /, "");
    const at = rest.lastIndexOf(" ");
    return [rest.slice(0, at), Buffer.from(rest.slice(at + 1), "base64")];
  }));
  const msg = `${body}\n`;
  const log = noteKey(trust.audit_log, "\xffshuangsuiji/sm2-sm3/v1\n");
  const sig = lines[log.name];
  assert.equal(sig.length, 68);
  const ok = (m, s, pub) => sm2.doVerifySignature(bytes(m), s.toString("hex"), pub, { hash: true, der: false });
  assert.ok(ok(msg, sig.subarray(4), log.pub));
  assert.ok(!ok(msg.replace("\n7\n", "\n8\n"), sig.subarray(4), log.pub));
  const w = noteKey(trust.witnesses[0].public_key, "\xffshuangsuiji/sm2-sm3-cosignature/v1\n");
  const cos = lines[w.name];
  assert.equal(cos.length, 76);
  const time = cos.readBigUInt64BE(4);
  assert.ok(ok(`cosignature/v1\ntime ${time}\n${msg}`, cos.subarray(12), w.pub));
  assert.ok(!ok(`cosignature/v1\ntime ${time + 1n}\n${msg}`, cos.subarray(12), w.pub));
});

// Publication under sm2-sm3: the vector's notice verifies here and, from its canonical
// bytes, in sm-crypto (SM3 of the tagged bytes, SM2 over the 32-byte hash).
test("the SM2-signed notice verifies here and in sm-crypto", async () => {
  const { verifyNotice } = await import("shuangsuiji");
  const r = verifyNotice(read(`${DIR}/notice.json`), read(`${DIR}/notice.csv`));
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.csv_checked, true);
  assert.equal(r.notice.suite, "sm2-sm3");
  const n = readJson(`${DIR}/notice.json`);
  const jcs = read(`${DIR}/notice.jcs`);
  assert.deepEqual(JSON.parse(jcs.toString("utf8")), n.notice);
  const tag = Buffer.from("shuangsuiji/v1/notice");
  const hash = smCrypto.sm3([tag.length, ...tag, ...jcs]);
  assert.equal(hash, r.notice_hash);
  const ok = (h) => sm2.doVerifySignature(hexBytes(h), n.signature, n.notice.publisher_key, { hash: true, der: false });
  assert.ok(ok(hash));
  assert.ok(!ok(hash.replace(/^./, (c) => (c === "0" ? "1" : "0"))));
  const changed = structuredClone(n);
  changed.notice.results[0].id = "R-9999";
  assert.equal(verifyNotice(JSON.stringify(changed)).ok, false);
  // A disclosure's SM3 commitment, recomputed by sm-crypto from the spec's bytes
  // (tag framing, lp = u32be length), is the one the notice carries.
  const { disclosureCommitment } = await import("shuangsuiji");
  const [d] = readJson(`${DIR}/notice.disclosures.json`);
  const lp = (b) => { const l = Buffer.alloc(4); l.writeUInt32BE(b.length); return [...l, ...b]; };
  const dtag = Buffer.from("shuangsuiji/v1/disclosure");
  const value = Buffer.from(JSON.stringify(d.value)); // a string value: its JCS is JSON.stringify
  const theirs = smCrypto.sm3([dtag.length, ...dtag, ...lp(Buffer.from(d.salt, "hex")), ...lp(Buffer.from(d.path)), ...lp(value)]);
  assert.equal(disclosureCommitment(d.salt, d.path, JSON.stringify(d.value), "sm2-sm3"), theirs);
  const [id, ...rest] = d.path.slice(1).split("/");
  const entry = n.notice.results.find((e) => e.id === id);
  const field = entry.fields[`/${rest.join("/")}`];
  assert.equal(Object.values(field)[0].digest, theirs);
});
