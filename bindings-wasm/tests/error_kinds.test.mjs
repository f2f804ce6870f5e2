// One error, one kind, in every runtime: the failing inputs of tests/vectors/errors.json,
// the same cases core/tests/error_kinds.rs and tests/python/test_error_kinds.py run. Each
// must fail with the `type`, `kind` and `causeKind` the file states, and a Chinese
// `messageZh`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verify, verifyRound, verifyNotice, publishBy, sampleIds } from "shuangsuiji";
import { drawSample, readJson, read, sealedSample, publicViews } from "./helpers.mjs";

const cases = readJson("tests/vectors/errors.json").cases;
const d = drawSample();
const c = d.inputs.commitment.commitment;
const n = readJson("tests/vectors/publication/notice.json");
const bases = {
  sealed: sealedSample(),
  notice: { notice: JSON.parse(n.notice_jcs), signature: n.signature },
  round: d.inputs.beacon,
};

/** `base` with each [JSON pointer, value] written into it. */
function patched(base, sets = []) {
  const v = structuredClone(base);
  for (const [pointer, value] of sets) {
    const parts = pointer.split("/").slice(1).map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
    let at = v;
    for (const p of parts.slice(0, -1)) at = at[p];
    at[parts.at(-1)] = value;
  }
  return v;
}

/** The failure of a case: from the result object, or the thrown error. */
function failure(run) {
  try {
    const r = run();
    assert.equal(r.ok, false, "the case did not fail");
    return r.error;
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    return e;
  }
}

function run(k) {
  const views = publicViews();
  switch (k.op) {
    case "verify":
      return () => verify(JSON.stringify(patched(bases.sealed, k.set)), views.targets, views.inspectors);
    case "verify_round":
      return () => verifyRound(JSON.stringify(c.beacon), c.committed_at + (k.committed_at_delta ?? 0),
        JSON.stringify(patched(bases.round, k.set)));
    case "verify_notice":
      return () => verifyNotice(JSON.stringify(patched(bases.notice, k.set)), k.csv ?? undefined);
    case "publish_by":
      return () => publishBy(k.result_date);
    case "sample_ids":
      return () => sampleIds(k.text, k.subseed, k.take);
    default:
      throw new Error(`unknown op ${k.op}`);
  }
}

for (const k of cases) {
  test(`${k.op}: ${k.name}`, () => {
    const e = failure(run(k));
    assert.deepEqual([e.type, e.kind, e.causeKind ?? null], [k.type, k.kind, k.cause_kind]);
    assert.match(e.messageZh, /[\u4e00-\u9fff]/);
  });
}
