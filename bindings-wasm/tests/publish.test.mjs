// verifyNotice() / verifyDisclosures(): the signed public notice vector
// (tests/vectors/publication/notice.json) and its disclosures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyNotice, verifyDisclosures, publishBy, disclosureCommitment } from "shuangsuiji";
import { readJson } from "./helpers.mjs";

const v = readJson("tests/vectors/publication/notice.json");
const signed = () => ({ notice: JSON.parse(v.notice_jcs), signature: v.signature });
const text = (o) => JSON.stringify(o);

test("the notice verifies, with its hash, and its CSV is its rendering", () => {
  const r = verifyNotice(text(signed()), v.csv);
  assert.equal(r.error, null);
  assert.equal(r.ok, true);
  assert.equal(r.notice_hash, v.notice_hash);
  assert.equal(r.csv_checked, true);
  assert.equal(r.notice.notice_id, v.header.notice_id);
  assert.equal(r.notice.draw_record, v.header.draw_record);
  assert.deepEqual(r.notice.results.map((x) => x.status), ["published", "published", "withheld", "published"]);
  assert.equal(verifyNotice(text(signed())).csv_checked, false);
});

test("a changed notice, signature or CSV is refused", () => {
  const n = signed();
  n.notice.publisher = "河南省公安厅";
  assert.equal(verifyNotice(text(n)).error.kind, "bad_signature");
  const s = signed();
  s.notice.format = "other/v1";
  assert.equal(verifyNotice(text(s)).error.kind, "format");
  const csv = verifyNotice(text(signed()), v.csv.replace("138****1234", "13812341234"));
  assert.deepEqual([csv.ok, csv.error.kind], [false, "csv_mismatch"]);
  assert.equal(verifyNotice("{").error.input, "notice");
});

test("every disclosure opens its commitment; a changed value or path does not", () => {
  const r = verifyDisclosures(text(signed()), text(v.disclosures));
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.disclosures_checked, v.disclosures.length);
  assert.equal(verifyDisclosures(text(signed()), text(v.disclosures[0])).disclosures_checked, 1);
  const bad = { ...v.disclosures[0], value: "欧阳某某" };
  const e = verifyDisclosures(text(signed()), text(bad)).error;
  assert.deepEqual([e.kind, e.path], ["digest_mismatch", bad.path]);
  const moved = { ...v.disclosures[0], path: "/R-9/target/contact/name" };
  assert.equal(verifyDisclosures(text(signed()), text(moved)).error.kind, "no_commitment");
});

// A guard, not a proof: verifyNotice returns the header, hashes, ids and statuses only; this
// keeps any field value added to its output later from carrying a protected value.
test("leak guard: what verifyNotice returns holds none of the withheld or masked values", () => {
  const out = text(verifyNotice(text(signed()), v.csv));
  const values = v.disclosures
    .map((d) => (typeof d.value === "string" ? d.value : text(d.value)))
    .filter((s) => s.length >= 4);
  assert.ok(values.length >= 10, `${values.length} protected values`);
  for (const value of values) assert.ok(!out.includes(value), `verifyNotice output contains ${value}`);
});

test("publishBy gives every deadline of the shared vector; uncovered dates and bad input throw", () => {
  const cases = readJson("tests/vectors/publication/publish_by.json").cases;
  assert.ok(cases.length >= 5);
  for (const c of cases) {
    if (c.error) {
      assert.throws(() => publishBy(c.result_date, c.working_days),
        (e) => e.kind === "not_covered" && e.message.includes(String(c.needs_year)), c.result_date);
    } else {
      assert.equal(publishBy(c.result_date, c.working_days), c.publish_by, c.result_date);
    }
  }
  assert.ok(cases.some((c) => c.error) && cases.some((c) => !c.error));
  assert.equal(publishBy("2023-09-04"), "2023-10-08");
  assert.throws(() => publishBy("not a date"), (e) => e.kind === "input" && e.input === "resultDate");
});

test("disclosureCommitment gives the digests of the shared disclosure vector", () => {
  const dv = readJson("tests/vectors/publication/disclosure.json");
  assert.ok(dv.cases.length > 0);
  for (const c of dv.cases) {
    assert.equal(disclosureCommitment(c.salt, c.path, c.value_jcs), c.digest, c.path);
  }
  const c = dv.cases[0];
  assert.notEqual(disclosureCommitment(c.salt, c.path + "x", c.value_jcs), c.digest);
  assert.throws(() => disclosureCommitment(c.salt.slice(2), c.path, c.value_jcs), { kind: "input" });
  assert.throws(() => disclosureCommitment(c.salt, c.path, "not json"), { kind: "input" });
});
