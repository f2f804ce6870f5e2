// Register roots from the published files equal tests/vectors/registers.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { registerRoots } from "shuangsuiji";
import { read, registers, publicViews, drawSample } from "./helpers.mjs";

const reg = registers();
const inp = reg.inputs;

test("roots of the CSV templates and the public inspector view match the vector", () => {
  const r = registerRoots({
    itemList: read(inp.items), itemListVersion: inp.item_list_version,
    targets: read(inp.targets), asOf: inp.as_of,
    inspectors: publicViews().inspectors,
  });
  assert.equal(r.item_list, reg.item_list_hash);
  assert.equal(r.targets, reg.targets_root);
  assert.equal(r.inspectors, reg.inspectors_root);
  assert.equal(r.targets_count, reg.targets_count);
  assert.equal(r.inspectors_count, reg.inspectors_count);
});

test("the public target view (JSON) has the same root as the CSV", () => {
  const r = registerRoots({ targets: publicViews().targets });
  assert.deepEqual(r, { targets: reg.targets_root, targets_count: reg.targets_count });
});

test("roots equal those the sample commitment pins", () => {
  const roots = drawSample().inputs.commitment.commitment.roots;
  const r = registerRoots({ ...publicViews(), itemList: read(inp.items), itemListVersion: inp.item_list_version, asOf: inp.as_of });
  assert.deepEqual({ item_list: r.item_list, targets: r.targets, inspectors: r.inspectors }, roots);
});

test("bad files throw, naming the input", () => {
  assert.throws(() => registerRoots({ targets: read(inp.targets) }), { kind: "input", input: "targets" });
  assert.throws(() => registerRoots({ inspectors: "{}" }), { kind: "input", input: "inspectors" });
  const broken = read(inp.targets).toString("utf8").split("\n");
  const cells = broken[1].split(",");
  cells[2] = "91410302KE4W562M4X"; // wrong check character
  broken[1] = cells.join(",");
  assert.throws(() => registerRoots({ targets: broken.join("\n"), asOf: inp.as_of }), (e) => {
    assert.equal(e.kind, "validation");
    assert.ok(e.problems.length > 0 && e.problems[0].row === 2, JSON.stringify(e.problems[0]));
    return true;
  });
  assert.deepEqual(registerRoots({}), {});
});
