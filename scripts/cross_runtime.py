#!/usr/bin/env python3
"""Cross-runtime determinism: the shared vectors re-computed by Rust (the CLI regenerates
every vector file), Python (the package) and WASM (Node), compared byte for byte.

Run after scripts/test-python.sh and scripts/test-wasm.sh (which build the package into
target/venv-ci and bindings-wasm/pkg):  target/venv-ci/bin/python scripts/cross_runtime.py
Ends with a line `cross-runtime: N passed, M failed`.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
V = ROOT / "tests" / "vectors"
results: list[tuple[str, str, bool]] = []


def check(name: str, runtime: str, ok: bool) -> None:
    results.append((name, runtime, ok))


def sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()[:16]


with tempfile.TemporaryDirectory() as tmp:
    t = Path(tmp)
    # Rust: the CLI regenerates every vector file from the sample data, byte for byte.
    subprocess.run(["cargo", "run", "-q", "-p", "shuangsuiji-cli", "--", "demo", "--draw", "v2", "--out", str(t / "demo"), "--vectors", str(t / "v")],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    for f in ["registers.json", "draw-sample.json", "draw-sample.record.json",
              "v2/draw-sample.json", "v2/draw-sample.record.json", "v2/trust.json", "v2/anchor.json", "v2/verdict.json",
              "v2-sm2-sm3/draw-sample.json", "v2-sm2-sm3/draw-sample.record.json", "v2-sm2-sm3/trust.json",
              "v2-sm2-sm3/anchor.json", "v2-sm2-sm3/verdict.json"]:
        check(f, "rust", (t / "v" / f).read_bytes() == (V / f).read_bytes())
    subprocess.run(["cargo", "run", "-q", "-p", "shuangsuiji-cli", "--", "privacy", "demo", "--vectors", str(t / "v")],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    check("v3-privacy/selection.json", "rust",
          (t / "v" / "v3-privacy" / "selection.json").read_bytes() == (V / "v3-privacy" / "selection.json").read_bytes())
    check("v3-privacy/draw.json", "rust",
          (t / "v" / "v3-privacy" / "draw.json").read_bytes() == (V / "v3-privacy" / "draw.json").read_bytes())
    # The main job (draw/v3): its published files and, apart, the keeper's private/.
    subprocess.run(["cargo", "run", "-q", "-p", "shuangsuiji-cli", "--", "demo", "--out", str(t / "demo3")],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    check("audit/demo-log.json (events, checkpoints)", "rust",
          (t / "demo" / "audit.json").read_bytes() == (V / "audit" / "demo-log.json").read_bytes())
    # The publication vectors are regenerated and compared by the core's own tests.
    # (Without SHUANGSUIJI_WRITE_VECTORS, which would rewrite them instead of comparing.)
    env = {k: v for k, v in os.environ.items() if k != "SHUANGSUIJI_WRITE_VECTORS"}
    pub = subprocess.run(["cargo", "test", "-q", "-p", "shuangsuiji", "--lib", "publish::tests::vectors_"],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    check("publication/{notice,disclosure,publish_by}.json", "rust",
          pub.returncode == 0 and "test result: ok. 3 passed;" in pub.stdout)

    # Python: the draw from the vector's inputs gives the canonical record bytes.
    import shuangsuiji as s

    reg = json.loads((V / "registers.json").read_text())
    inp = reg["inputs"]
    items = s.ItemList.read(ROOT / inp["items"], inp["item_list_version"])
    targets = s.TargetRegister.read(ROOT / inp["targets"], inp["as_of"])
    public = s.InspectorRegister.read(ROOT / inp["inspectors"], inp["as_of"]).public_view(bytes.fromhex(inp["personal_salt_key"]))
    check("registers.json roots", "python", (items.hash, targets.root, public.root) == (reg["item_list_hash"], reg["targets_root"], reg["inspectors_root"]))
    d = json.loads((V / "draw-sample.json").read_text())
    rec = s.draw(s.SignedCommitment.from_dict(d["inputs"]["commitment"]), items, targets, public, d["inputs"]["reveals"], beacon=d["inputs"]["beacon"])
    py_bytes = rec.canonical_bytes()
    check("draw-sample.record.json", "python", py_bytes == (V / "draw-sample.record.json").read_bytes())
    d2 = json.loads((V / "v2" / "draw-sample.json").read_text())
    rec2 = s.draw(s.SignedCommitment.from_dict(d2["inputs"]["commitment"]), items, targets, public, d2["inputs"]["reveals"], beacon=d2["inputs"]["beacon"])
    check("v2/draw-sample.record.json", "python", rec2.canonical_bytes() == (V / "v2" / "draw-sample.record.json").read_bytes())
    sealed2 = {"record": json.loads(rec2.canonical_bytes()), "hash": d2["expected"]["record_hash"], "signatures": d2["expected"]["record_signatures"]}
    verdict2 = s.verify_trusted(sealed2, targets, public, trust=json.loads((V / "v2" / "trust.json").read_text()),
                                anchor=json.loads((V / "v2" / "anchor.json").read_text()))
    check("v2/verdict.json (anchored)", "python", verdict2 == json.loads((V / "v2" / "verdict.json").read_text()))
    # The same draw under sm2-sm3 (SM3 hashes, SM2 signatures), and a record signed by
    # gmssl and sm-crypto.
    d3 = json.loads((V / "v2-sm2-sm3" / "draw-sample.json").read_text())
    rec3 = s.draw(s.SignedCommitment.from_dict(d3["inputs"]["commitment"]), items, targets, public, d3["inputs"]["reveals"], beacon=d3["inputs"]["beacon"])
    check("v2-sm2-sm3/draw-sample.record.json", "python", rec3.canonical_bytes() == (V / "v2-sm2-sm3" / "draw-sample.record.json").read_bytes())
    sealed3 = {"record": json.loads(rec3.canonical_bytes()), "hash": d3["expected"]["record_hash"], "signatures": d3["expected"]["record_signatures"]}
    verdict3 = s.verify_trusted(sealed3, targets, public, trust=json.loads((V / "v2-sm2-sm3" / "trust.json").read_text()),
                                anchor=json.loads((V / "v2-sm2-sm3" / "anchor.json").read_text()))
    check("v2-sm2-sm3/verdict.json (anchored)", "python", verdict3 == json.loads((V / "v2-sm2-sm3" / "verdict.json").read_text()))
    foreign = json.loads((V / "v2-sm2-sm3" / "foreign-signed.json").read_text())["sealed"]
    check("v2-sm2-sm3/foreign-signed.json (gmssl, sm-crypto)", "python",
          s.verify(foreign, targets, public).record_hash == foreign["hash"])
    check("audit/demo-log.json root", "python", s.audit_root(json.loads((V / "audit" / "demo-log.json").read_text())["events"])
          == s.verify_checkpoint(json.loads((V / "audit" / "demo-log.json").read_text())["checkpoints"][-1], json.loads((V / "audit" / "demo-log.json").read_text())["verifier_key"])["root"])

    # draw/v3: the sealed view and class proof recomputed, and the public verdict.
    v3 = json.loads((V / "v3-privacy" / "selection.json").read_text())
    i3 = v3["inputs"]
    reg3 = s.TargetRegister(i3["register"]["targets"], i3["register"]["as_of"])
    items3 = s.ItemList.from_dict(i3["item_list"])
    key3 = bytes.fromhex(i3["view_key"])
    check("v3-privacy/selection.json (sealed view, proof, verdicts)", "python",
          s.seal_targets(reg3, key3) == v3["expected"]["sealed_view"]
          and s.prove_classes(i3["plan"], items3, reg3, key3, i3["seed"]) == v3["expected"]["proof"]
          and s.check_classes_public(i3["plan"], items3, v3["expected"]["sealed_view"], i3["seed"], v3["expected"]["proof"])
          == v3["expected"]["public_verdict"])
    d3 = json.loads((V / "v3-privacy" / "draw.json").read_text())
    check("v3-privacy/draw.json (record: public and auditor)", "python",
          s.verify_sealed(d3["expected"]["sealed"], v3["expected"]["sealed_view"], public.without_conflicts()).record_hash
          == d3["expected"]["record_hash"]
          and s.audit_sealed(d3["expected"]["sealed"], reg3, bytes.fromhex(d3["inputs"]["view_key"]), public).classes
          == "auditor")

    # The main job's draw/v3 record: the public's check from its sealed view, the auditor's
    # from its private files.
    demo3 = t / "demo3"
    rec3 = json.loads((demo3 / "record.json").read_text())
    pub3 = s.verify_sealed(rec3, json.loads((demo3 / "targets.sealed.json").read_text()),
                           s.PublicInspectorRegister.from_json((demo3 / "inspectors.public.json").read_bytes()))
    full3 = json.loads((demo3 / "private" / "targets.json").read_text())
    aud3 = s.audit_sealed(rec3, s.TargetRegister(full3["targets"], full3["as_of"]),
                          bytes.fromhex((demo3 / "private" / "view.key").read_text().strip()),
                          s.PublicInspectorRegister.from_json((demo3 / "private" / "inspectors.declared.json").read_bytes()))
    check("demo (draw/v3): public and auditor", "python",
          pub3.record_hash == rec3["hash"] and pub3.classes == "public"
          and aud3.record_hash == rec3["hash"] and aud3.classes == "auditor")

    nv = json.loads((V / "publication" / "notice.json").read_text())
    signed = s.SignedNotice.from_dict({"notice": json.loads(nv["notice_jcs"]), "signature": nv["signature"]})
    check("publication/notice.json (hash, bytes, CSV)", "python",
          signed.verify() == nv["notice_hash"] and signed.canonical_bytes() == nv["notice_jcs"].encode()
          and signed.to_csv() == nv["csv"])
    signed.verify_disclosures(nv["disclosures"])
    dv = json.loads((V / "publication" / "disclosure.json").read_text())
    check("publication/disclosure.json digests", "python",
          all(s.disclosure_commitment(bytes.fromhex(c["salt"]), c["path"], c["value"]) == c["digest"] for c in dv["cases"]))
    pv = json.loads((V / "publication" / "publish_by.json").read_text())

    def deadline(c):
        try:
            return str(s.publish_by(c["result_date"], c["working_days"]))
        except s.CalendarError as e:
            return "not_covered" if str(c["needs_year"]) in str(e) else str(e)

    check("publication/publish_by.json", "python",
          all(deadline(c) == c.get("publish_by", c.get("error")) for c in pv["cases"]))

    # WASM (Node): canonical record bytes and the full re-run against the public views.
    js = r"""
const w = require(process.argv[1] + "/bindings-wasm/pkg/node/shuangsuiji.js");
const fs = require("fs");
const root = process.argv[1];
const rec = fs.readFileSync(root + "/tests/vectors/draw-sample.record.json");
const out = Buffer.from(w.canonicalRecord(rec));
fs.writeFileSync(process.argv[2] + "/wasm.record.json", out);
const d = JSON.parse(fs.readFileSync(root + "/tests/vectors/draw-sample.json"));
const sealed = JSON.stringify({ record: JSON.parse(rec), hash: d.expected.record_hash, signatures: d.expected.record_signatures });
const r = w.verify(sealed, fs.readFileSync(process.argv[2] + "/demo/targets.public.json"), fs.readFileSync(process.argv[2] + "/demo/inspectors.public.json"));
const log = w.verifyAuditLog(fs.readFileSync(root + "/tests/vectors/audit/demo-log.json"), undefined,
  [JSON.parse(fs.readFileSync(root + "/tests/vectors/v2/draw-sample.json")).expected.record_hash]);
const reg = JSON.parse(fs.readFileSync(root + "/tests/vectors/registers.json"));
const roots = w.registerRoots({
  itemList: fs.readFileSync(root + "/" + reg.inputs.items), itemListVersion: reg.inputs.item_list_version,
  targets: fs.readFileSync(root + "/" + reg.inputs.targets), asOf: reg.inputs.as_of,
  inspectors: fs.readFileSync(process.argv[2] + "/demo/inspectors.public.json"),
});
const nv = JSON.parse(fs.readFileSync(root + "/tests/vectors/publication/notice.json"));
const signed = JSON.stringify({ notice: JSON.parse(nv.notice_jcs), signature: nv.signature });
const notice = w.verifyNotice(signed, nv.csv);
const disclosed = w.verifyDisclosures(signed, JSON.stringify(nv.disclosures));
const dv = JSON.parse(fs.readFileSync(root + "/tests/vectors/publication/disclosure.json"));
const digests = dv.cases.every((c) => w.disclosureCommitment(c.salt, c.path, c.value_jcs) === c.digest);
const pv = JSON.parse(fs.readFileSync(root + "/tests/vectors/publication/publish_by.json"));
const deadlines = pv.cases.every((c) => {
  try { return w.publishBy(c.result_date, c.working_days) === c.publish_by; }
  catch (e) { return c.error === "not_covered" && e.kind === "not_covered"; }
});
const rec2 = fs.readFileSync(root + "/tests/vectors/v2/draw-sample.record.json");
const d2 = JSON.parse(fs.readFileSync(root + "/tests/vectors/v2/draw-sample.json"));
fs.writeFileSync(process.argv[2] + "/wasm.v2.record.json", Buffer.from(w.canonicalRecord(rec2)));
const sealed2 = JSON.stringify({ record: JSON.parse(rec2), hash: d2.expected.record_hash, signatures: d2.expected.record_signatures });
const r2 = w.verify(sealed2, fs.readFileSync(process.argv[2] + "/demo/targets.public.json"), fs.readFileSync(process.argv[2] + "/demo/inspectors.public.json"),
  undefined, fs.readFileSync(root + "/tests/vectors/v2/trust.json"), fs.readFileSync(root + "/tests/vectors/v2/anchor.json"));
const verdict2 = JSON.stringify(r2.verdict) === JSON.stringify(JSON.parse(fs.readFileSync(root + "/tests/vectors/v2/verdict.json")));
const sm = root + "/tests/vectors/v2-sm2-sm3/";
const rec3 = fs.readFileSync(sm + "draw-sample.record.json");
const d3 = JSON.parse(fs.readFileSync(sm + "draw-sample.json"));
fs.writeFileSync(process.argv[2] + "/wasm.sm2.record.json", Buffer.from(w.canonicalRecord(rec3)));
const sealed3 = JSON.stringify({ record: JSON.parse(rec3), hash: d3.expected.record_hash, signatures: d3.expected.record_signatures });
const r3 = w.verify(sealed3, fs.readFileSync(process.argv[2] + "/demo/targets.public.json"), fs.readFileSync(process.argv[2] + "/demo/inspectors.public.json"),
  undefined, fs.readFileSync(sm + "trust.json"), fs.readFileSync(sm + "anchor.json"));
const verdict3 = JSON.stringify(r3.verdict) === JSON.stringify(JSON.parse(fs.readFileSync(sm + "verdict.json")));
const foreign = JSON.parse(fs.readFileSync(sm + "foreign-signed.json")).sealed;
const r4 = w.verify(JSON.stringify(foreign), fs.readFileSync(process.argv[2] + "/demo/targets.public.json"), fs.readFileSync(process.argv[2] + "/demo/inspectors.public.json"));
const v3 = JSON.parse(fs.readFileSync(root + "/tests/vectors/v3-privacy/selection.json"));
const J = (x) => JSON.stringify(x);
const p3 = w.checkClassesPublic(J(v3.inputs.plan), J(v3.inputs.item_list), J(v3.expected.sealed_view), v3.inputs.seed, J(v3.expected.proof));
const same = require("node:util").isDeepStrictEqual;
const v3ok = p3.ok && same(p3.verdict, v3.expected.public_verdict)
  && same(w.sealTargets(J(v3.inputs.register), v3.inputs.view_key), v3.expected.sealed_view)
  && same(w.proveClasses(J(v3.inputs.plan), J(v3.inputs.item_list), J(v3.inputs.register), v3.inputs.view_key, v3.inputs.seed), v3.expected.proof);
const dv3 = JSON.parse(fs.readFileSync(root + "/tests/vectors/v3-privacy/draw.json"));
const insp = fs.readFileSync(process.argv[2] + "/demo/inspectors.public.json");
const inspPub = JSON.parse(insp);
inspPub.inspectors = inspPub.inspectors.map((i) => ({ ...i, conflicts: [] }));
const rp = w.verifySealed(J(dv3.expected.sealed), J(v3.expected.sealed_view), J(inspPub));
const ra = w.auditSealed(J(dv3.expected.sealed), J(v3.inputs.register), dv3.inputs.view_key, insp);
const demoDir3 = process.argv[2] + "/demo3/";
const rd = (f) => fs.readFileSync(demoDir3 + f);
const demoPub = w.verifySealed(rd("record.json"), rd("targets.sealed.json"), rd("inspectors.public.json"),
  rd("verifier/trust.json"), rd("anchor.json"));
const demoAud = w.auditSealed(rd("record.json"), rd("private/targets.json"), rd("private/view.key").toString().trim(),
  rd("private/inspectors.declared.json"), rd("verifier/trust.json"), rd("anchor.json"));
const demoHash = JSON.parse(rd("record.json")).hash;
console.log(JSON.stringify({
  demo3: demoPub.ok && demoPub.verdict.level === "anchored" && demoPub.verified.classes === "public"
    && demoPub.verified.record_hash === demoHash
    && demoAud.ok && demoAud.verdict.level === "anchored" && demoAud.verified.classes === "auditor",
  v3: v3ok,
  v3draw: rp.ok && rp.verified.record_hash === dv3.expected.record_hash && rp.verified.classes === "public"
    && ra.ok && ra.verified.classes === "auditor",
  v2: r2.ok && verdict2,
  sm2: r3.ok && verdict3 && r3.summary.suite === "sm2-sm3",
  foreign: r4.ok && r4.verified.record_hash === foreign.hash,
  verified: r.ok, hash: r.ok ? r.verified.record_hash : null, log: log.ok,
  roots: roots.item_list === reg.item_list_hash && roots.targets === reg.targets_root && roots.inspectors === reg.inspectors_root,
  notice: notice.ok && notice.csv_checked && notice.notice_hash === nv.notice_hash,
  disclosures: disclosed.ok && disclosed.disclosures_checked === nv.disclosures.length,
  digests, deadlines,
}));
"""
    node = subprocess.run(["node", "-e", js, str(ROOT), str(t)], capture_output=True, text=True)
    if node.returncode == 0:
        o = json.loads(node.stdout)
        check("draw-sample.record.json", "wasm", (t / "wasm.record.json").read_bytes() == (V / "draw-sample.record.json").read_bytes())
        # verify() re-runs the draw and compares the whole re-run record with the given one
        # (first differing path), so a pass means the re-run has the vector's bytes.
        check("sample record re-run", "wasm", o["verified"] and o["hash"] == d["expected"]["record_hash"])
        check("audit/demo-log.json", "wasm", o["log"])
        check("v2/draw-sample.record.json", "wasm", (t / "wasm.v2.record.json").read_bytes() == (V / "v2" / "draw-sample.record.json").read_bytes())
        check("v2/verdict.json (anchored)", "wasm", o["v2"])
        check("v2-sm2-sm3/draw-sample.record.json", "wasm", (t / "wasm.sm2.record.json").read_bytes() == (V / "v2-sm2-sm3" / "draw-sample.record.json").read_bytes())
        check("v2-sm2-sm3/verdict.json (anchored)", "wasm", o["sm2"])
        check("v2-sm2-sm3/foreign-signed.json (gmssl, sm-crypto)", "wasm", o["foreign"])
        check("registers.json roots", "wasm", o["roots"])
        check("v3-privacy/selection.json (sealed view, proof, verdicts)", "wasm", o["v3"])
        check("v3-privacy/draw.json (record: public and auditor)", "wasm", o["v3draw"])
        check("demo (draw/v3): public and auditor, anchored", "wasm", o["demo3"])
        check("publication/notice.json (hash, CSV, disclosures)", "wasm", o["notice"] and o["disclosures"])
        check("publication/disclosure.json digests", "wasm", o["digests"])
        check("publication/publish_by.json", "wasm", o["deadlines"])
    else:
        print(node.stderr, file=sys.stderr)
        check("node", "wasm", False)

width = max(len(n) for n, _, _ in results)
for name, runtime, ok in results:
    print(f"  {name:<{width}}  {runtime:<6}  {'same bytes' if ok else 'DIFFERENT'}")
passed = sum(ok for _, _, ok in results)
print(f"cross-runtime: {passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
