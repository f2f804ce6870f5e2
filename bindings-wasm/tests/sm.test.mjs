// The 国密 primitives against an independent JavaScript implementation (issue 20;
// docs/spec/suites.md §4): SM3 known answers (GB/T 32905); SM2 signatures made by npm
// `sm-crypto` verify in the WASM build and ours verify in sm-crypto; keys exported either
// way load in the other — as tests/python/test_sm.py checks against gmssl.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import smCrypto from "sm-crypto";
import { sm3, sm2PublicKey, sm2Sign, sm2Verify, sm2PublicKeyPem, sm2PublicKeyFromPem, sm2SignatureFromDer } from "shuangsuiji";

const { sm2 } = smCrypto;
const enc = new TextEncoder();

test("SM3 known answers, and sm-crypto agrees", () => {
  assert.equal(sm3("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  assert.equal(sm3("abcd".repeat(16)), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  for (const m of ["", "双随机一公开", randomBytes(1000)]) {
    const theirs = smCrypto.sm3(typeof m === "string" ? m : Array.from(m));
    assert.equal(sm3(m), theirs);
  }
});

test("an sm-crypto signature verifies here, and ours verifies in sm-crypto", () => {
  for (let i = 0; i < 5; i++) {
    const k = sm2.generateKeyPairHex();
    // The same public key from the scalar (sm-crypto pads its keys to 64 hex digits).
    assert.equal(sm2PublicKey(k.privateKey.padStart(64, "0")), k.publicKey);
    const msg = `抽查记录 ${randomBytes(8).toString("hex")}`;
    // hash: true is SM3 with Z_A under the default identifier, the standard's signature.
    const theirs = sm2.doSignature(msg, k.privateKey, { hash: true, der: false });
    assert.equal(sm2Verify(k.publicKey, msg, theirs), true);
    assert.equal(sm2Verify(k.publicKey, msg + "x", theirs), false);
    const ours = sm2Sign(k.privateKey.padStart(64, "0"), enc.encode(msg));
    assert.equal(sm2.doVerifySignature(msg, ours, k.publicKey, { hash: true, der: false }), true);
    assert.equal(sm2.doVerifySignature(msg + "x", ours, k.publicKey, { hash: true, der: false }), false);
    // Other distinguishing identifiers (ASCII, and Chinese as UTF-8), named on both sides,
    // in both directions.
    for (const userId of ["ALICE123@YAHOO.COM", "纪检监察"]) {
      const withId = sm2Sign(k.privateKey.padStart(64, "0"), msg, userId);
      assert.equal(sm2.doVerifySignature(msg, withId, k.publicKey, { hash: true, der: false, userId }), true);
      assert.equal(sm2Verify(k.publicKey, msg, withId), false);
      const theirsWithId = sm2.doSignature(msg, k.privateKey, { hash: true, der: false, userId });
      assert.equal(sm2Verify(k.publicKey, msg, theirsWithId, userId), true);
      assert.equal(sm2Verify(k.publicKey, msg, theirsWithId), false);
    }
    // sm-crypto's DER form is converted, never verified as such (one spelling).
    const der = sm2.doSignature(msg, k.privateKey, { hash: true, der: true });
    assert.throws(() => sm2Verify(k.publicKey, msg, der));
    assert.equal(sm2Verify(k.publicKey, msg, sm2SignatureFromDer(der)), true);
  }
});

test("public keys travel as 04‖x‖y hex and as SPKI PEM", () => {
  const k = sm2.generateKeyPairHex();
  const pem = sm2PublicKeyPem(k.publicKey);
  assert.match(pem, /^-----BEGIN PUBLIC KEY-----/);
  assert.equal(sm2PublicKeyFromPem(pem), k.publicKey);
  assert.equal(sm2.verifyPublicKey(sm2PublicKey(randomBytes(32).toString("hex").replace(/^f/, "0"))), true);
  const sig = sm2.doSignature("m", k.privateKey, { hash: true, der: false });
  assert.equal(sm2Verify(k.publicKey, "m", sig), true);
  assert.throws(() => sm2Verify(k.publicKey.slice(2), "m", sig));
  assert.throws(() => sm2Verify(k.publicKey.toUpperCase(), "m", sig));
  assert.throws(() => sm2Verify(k.publicKey, "m", sig.toUpperCase()));
});
