// End-to-end: the verification page (web/index.html) served on localhost, driven in
// Debian's Chromium, headless, by playwright-core. A valid record shows its verdict level
// (consistent but not anchored without a trust file; the trusted signers' roles with one);
// a tampered one shows 未通过 Not verified and the core's exact reason.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { demo, here, read, readJson, sealedSample, sealedSampleV2, publicViews } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// The page as built for release (scripts/build-page.sh: one folder, build.json beside), when
// SHUANGSUIJI_PAGE_DIR names it; else the repository's bindings-wasm/web with ../pkg/web.
const pageDir = process.env.SHUANGSUIJI_PAGE_DIR ? path.resolve(process.env.SHUANGSUIJI_PAGE_DIR) : null;
const base = pageDir ?? path.resolve(here, "..");
const pagePath = pageDir ? "/" : "/web/";
const shots = process.env.SHUANGSUIJI_SHOTS ?? path.resolve(here, "../pkg/screenshots");
// Files served changed on purpose (a publisher altering the page): url path → bytes, on every
// request (`altered`) or on the first only (`alteredOnce`: a server that answers a re-fetch
// with the genuine bytes).
const altered = new Map();
const alteredOnce = new Map();
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".json": "application/json" };

let server, origin, context, profile;

before(async () => {
  // A tiny static server over bindings-wasm/ (what `python3 -m http.server` does for people).
  server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(base, rel.endsWith("/") ? rel + "index.html" : rel);
    if (!file.startsWith(base) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    const once = alteredOnce.get(rel);
    alteredOnce.delete(rel);
    res.end(once ?? altered.get(rel) ?? readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(path.join(tmpdir(), "shuangsuiji-chromium-"));
  mkdirSync(shots, { recursive: true });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-quic"],
    viewport: { width: 1200, height: 900 },
  });
});

after(async () => {
  await context?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openPage(query = "") {
  const page = await context.newPage();
  const offsite = [];
  page.on("request", (r) => { if (!r.url().startsWith(origin)) offsite.push(r.url()); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}${pagePath}${query}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return { page, offsite, errors };
}

async function load(page, record, audit, trust, anchor) {
  const { targets, inspectors } = publicViews();
  if (trust) await page.setInputFiles("#trust", { name: "trust.json", mimeType: "application/json", buffer: Buffer.from(trust) });
  if (anchor) await page.setInputFiles("#anchor", { name: "anchor.json", mimeType: "application/json", buffer: Buffer.from(anchor) });
  if (audit) await page.setInputFiles("#audit", { name: "audit.json", mimeType: "application/json", buffer: audit });
  await page.setInputFiles("#record", { name: "record.json", mimeType: "application/json", buffer: Buffer.from(record) });
  await page.setInputFiles("#targets", { name: "targets.public.json", mimeType: "application/json", buffer: targets });
  await page.setInputFiles("#inspectors", { name: "inspectors.public.json", mimeType: "application/json", buffer: inspectors });
  await page.click("#go");
  await page.waitForSelector("body[data-result]", { timeout: 60_000 });
}

test("a valid record shows its verdict level, the seed's inputs, strata, targets and teams", { timeout: 120_000 }, async (t) => {
  const { page, offsite, errors } = await openPage();
  await load(page, JSON.stringify(sealedSampleV2(), null, 2), read("tests/vectors/audit/demo-log.json"));
  assert.equal(await page.getAttribute("body", "data-result"), "verified");
  assert.equal(await page.getAttribute("body", "data-audit"), "verified");
  assert.match(await page.textContent("#audit-log"), /This draw is logged.*event #7/s);
  // Without a trust file the record is consistent, never "通过" alone.
  assert.equal((await page.textContent("#verdict-title")).trim(), "✔ 记录自洽，但未锚定 Consistent, not anchored");
  assert.equal(await page.getAttribute("body", "data-level"), "not_anchored");
  assert.equal(await page.locator(".unanchored[data-kind=no_trust_file]").count(), 1);
  assert.match(await page.textContent("#anchors"), /drand quicknet（内置 built in） · chain 52db9ba7/);
  const s = sealedSampleV2();
  const body = await page.textContent("#details");
  assert.ok(body.includes(s.record.seed), "seed shown");
  assert.ok(body.includes(s.record.commitment.hash), "commitment hash shown");
  assert.ok(body.includes(`round 123`), "beacon round shown");
  for (const r of s.record.reveals) assert.ok(body.includes(r.secret), "reveal shown");
  const drawn = s.record.must_include.length + s.record.strata.reduce((n, x) => n + x.selected.length, 0);
  assert.ok(drawn > 0);
  assert.equal(await page.locator("#selected tbody tr").count(), drawn);
  assert.equal(await page.locator("#strata tbody tr").count(), s.record.strata.length);
  const first = s.record.teams[0];
  assert.ok(body.includes(first.members.map((m) => m.inspector).join("、")), "team by inspector ids");
  assert.ok(await page.locator("#claimed-note").isHidden());
  t.diagnostic(`verify in Chromium: ${Number(await page.getAttribute("body", "data-verify-ms")).toFixed(1)} ms`);
  await page.screenshot({ path: path.join(shots, "verified.png"), fullPage: true });
  assert.deepEqual(offsite, [], "no network access beyond the local server");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a tampered record shows 未通过 Not verified and exactly why", { timeout: 120_000 }, async () => {
  const { page, offsite } = await openPage();
  const s = sealedSample();
  const was = s.record.strata[0].selected[0].target;
  const now = s.record.strata[0].alternates[0].target;
  s.record.strata[0].selected[0].target = now;
  await load(page, JSON.stringify(s));
  assert.equal(await page.getAttribute("body", "data-result"), "not-verified");
  assert.equal((await page.textContent("#verdict-title")).trim(), "✘ 未通过 Not verified");
  assert.equal(await page.textContent("#error-message"),
    `the record differs from the re-run at strata[0].selected[0].target: recorded "${now}", re-run gives "${was}"`);
  const reason = await page.textContent("#verdict-reason");
  assert.ok(reason.includes("记录与重新抽取的结果不一致 Record differs from the re-run"));
  assert.ok(reason.includes("位置 Where: strata[0].selected[0].target"));
  assert.ok(await page.locator("#claimed-note").isVisible(), "claimed contents marked unverified");
  // A failed record's chain is never named, not even quicknet's.
  const details = await page.textContent("#details");
  assert.ok(details.includes("未锚定的链 unanchored chain") && !details.includes("drand quicknet"), details);
  await page.screenshot({ path: path.join(shots, "not-verified.png"), fullPage: false });
  assert.deepEqual(offsite, []);
  await page.close();
});

test("a forged signature names the signer", { timeout: 120_000 }, async () => {
  const { page } = await openPage();
  const s = sealedSample();
  const sig = s.signatures[0].signature;
  s.signatures[0].signature = (sig[0] === "0" ? "1" : "0") + sig.slice(1);
  await load(page, JSON.stringify(s));
  assert.equal(await page.getAttribute("body", "data-result"), "not-verified");
  const msg = await page.textContent("#error-message");
  assert.ok(msg.startsWith(`signature on the draw record by ${s.signatures[0].signer}: `), msg);
  await page.close();
});

test("with a trust file the signers show their roles and only the v1 gaps remain", { timeout: 120_000 }, async () => {
  const { page, errors } = await openPage();
  const s = sealedSample();
  const trust = JSON.stringify({
    format: "shuangsuiji/trust/v1",
    name: "测试",
    signers: s.record.commitment.commitment.signers.map((x, i) => ({ role: ["抽查负责人", "监督人"][i], name: x.name, public_key: x.public_key })),
  });
  await load(page, JSON.stringify(s), undefined, trust);
  assert.equal(await page.getAttribute("body", "data-level"), "not_anchored");
  const kinds = await page.locator(".unanchored").evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.deepEqual(kinds, ["unsigned_participants", "time_anchor"]);
  assert.match(await page.textContent("#anchors"), /信任文件角色 trusted role: 抽查负责人/);
  await page.screenshot({ path: path.join(shots, "trusted.png"), fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the demo's trust file and time anchor make an anchored verdict", { timeout: 120_000 }, async () => {
  const { page, errors } = await openPage();
  await load(page, demo("record.json").toString("utf8"), undefined,
    demo("verifier/trust.json").toString("utf8"), demo("anchor.json").toString("utf8"));
  assert.equal(await page.getAttribute("body", "data-level"), "anchored");
  assert.match(await page.textContent("#anchored-time"), /时间锚 Anchored time: 1692803710/);
  assert.match(await page.textContent("#anchors"), /计划承诺数 Commitments for the plan: 1/);
  const kinds = await page.locator(".unanchored").evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.deepEqual(kinds, []);
  await page.screenshot({ path: path.join(shots, "anchored-time.png"), fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});


test("a record under the 国密 suite (sm2-sm3) is anchored and the page names its suite", { timeout: 120_000 }, async () => {
  const { page, errors } = await openPage();
  const dir = "tests/vectors/v2-sm2-sm3";
  const v = JSON.parse(read(`${dir}/draw-sample.json`).toString("utf8"));
  const sealed = { record: JSON.parse(read(`${dir}/draw-sample.record.json`).toString("utf8")),
    hash: v.expected.record_hash, signatures: v.expected.record_signatures };
  await load(page, JSON.stringify(sealed), undefined,
    read(`${dir}/trust.json`).toString("utf8"), read(`${dir}/anchor.json`).toString("utf8"));
  assert.equal(await page.getAttribute("body", "data-result"), "verified");
  assert.equal(await page.getAttribute("body", "data-level"), "anchored");
  const body = await page.textContent("#details");
  assert.match(body, /算法套件 Suite\s*sm2-sm3（国密：SM3 杂凑、SM2 签名/);
  assert.ok(body.includes(sealed.record.seed), "seed shown");
  await page.screenshot({ path: path.join(shots, "sm2-sm3.png"), fullPage: false });
  // One changed SM2 signature: not verified, the signer named.
  const bad = structuredClone(sealed);
  const sig = bad.signatures[0].signature;
  bad.signatures[0].signature = sig.slice(0, -1) + (sig.endsWith("0") ? "1" : "0");
  assert.deepEqual(errors, []);
  await page.close();
  const second = await openPage();
  await load(second.page, JSON.stringify(bad));
  assert.equal(await second.page.getAttribute("body", "data-result"), "not-verified");
  assert.match(await second.page.textContent("#error-message"), new RegExp(bad.signatures[0].signer));
  await second.page.close();
});

test("the page shows its build hash, checked against build.json, and names it in the verdict only when consistent", { timeout: 120_000 }, async (t) => {
  if (!pageDir) {
    const { page } = await openPage();
    assert.equal(await page.getAttribute("body", "data-build"), "none");
    assert.match(await page.textContent("#build"), /开发副本.*development copy/);
    await page.close();
    t.diagnostic("development copy: run with SHUANGSUIJI_PAGE_DIR for the built page's hash");
    return;
  }
  const build = JSON.parse(readFileSync(path.join(pageDir, "build.json"), "utf8"));
  assert.match(build.page_hash, /^[0-9a-f]{64}$/);
  const { page, offsite } = await openPage();
  assert.equal(await page.getAttribute("body", "data-build"), "matches");
  assert.equal((await page.textContent("#build")).trim(), build.page_hash);
  assert.match(await page.textContent("#build-check"), /一致 consistent with build\.json/);
  // The verdict names the page build it was made with (what a publisher may quote).
  const { record, hash, signatures } = sealedSample();
  await load(page, JSON.stringify({ record, hash, signatures }));
  assert.match(await page.textContent("#plan"), new RegExp(build.page_hash));
  assert.deepEqual(offsite, []);
  await page.close();

  // A publisher who changes one file but not build.json is shown up.
  altered.set("/style.css", Buffer.concat([readFileSync(path.join(pageDir, "style.css")), Buffer.from("\n")]));
  try {
    const { page: p2 } = await openPage();
    assert.equal(await p2.getAttribute("body", "data-build"), "differs");
    const { record: r2, hash: h2, signatures: s2 } = sealedSample();
    await load(p2, JSON.stringify({ record: r2, hash: h2, signatures: s2 }));
    assert.doesNotMatch(await p2.textContent("#plan"), new RegExp(build.page_hash));
    assert.match(await p2.textContent("#plan"), /不符 not checked or not consistent/);
    assert.match(await p2.textContent("#build-check"), /不符 NOT consistent with build\.json: style\.css/);
    await p2.close();
  } finally {
    altered.clear();
  }
});

test("a publisher who serves another .wasm once, or a forged build.json, is not shown the genuine hash", { timeout: 120_000 }, async (t) => {
  if (!pageDir) { t.skip("needs SHUANGSUIJI_PAGE_DIR (the built page)"); return; }
  const build = JSON.parse(readFileSync(path.join(pageDir, "build.json"), "utf8"));
  const wasm = readFileSync(path.join(pageDir, "shuangsuiji_bg.wasm"));
  // Still a valid module: an extra custom section ("abc", empty) appended. Served altered the
  // first time only, genuine when fetched again: the page hashes the bytes it instantiated.
  alteredOnce.set("/shuangsuiji_bg.wasm", Buffer.concat([wasm, Buffer.from([0, 4, 3, 97, 98, 99])]));
  try {
    const { page } = await openPage();
    assert.equal(await page.getAttribute("body", "data-build"), "differs");
    assert.match(await page.textContent("#build-check"), /shuangsuiji_bg\.wasm/);
    await page.close();
  } finally {
    alteredOnce.clear();
  }
  // A changed style.css with a build.json made to match it: consistent, but under another
  // hash than the genuine build's — what a reader compares with a rebuild of their own.
  const css = Buffer.concat([readFileSync(path.join(pageDir, "style.css")), Buffer.from("\n")]);
  const { createHash } = await import("node:crypto");
  const sha = (b) => createHash("sha256").update(b).digest("hex");
  const files = { ...build.files, "style.css": sha(css) };
  const listing = Object.keys(files).sort().map((n) => `${files[n]}  ${n}\n`).join("");
  const forged = { ...build, files, page_hash: sha(Buffer.from(listing)) };
  altered.set("/style.css", css);
  altered.set("/build.json", Buffer.from(JSON.stringify(forged)));
  try {
    const { page } = await openPage();
    assert.equal(await page.getAttribute("body", "data-build"), "matches");
    const shown = (await page.textContent("#build")).trim();
    assert.equal(shown, forged.page_hash);
    assert.notEqual(shown, build.page_hash);
    await page.close();
  } finally {
    altered.clear();
  }
});

test("a CSV register is verified streamed in a Worker, with progress, and a changed row is refused", { timeout: 120_000 }, async () => {
  const csv = demo("targets.public.csv");
  const asOf = JSON.parse(publicViews().targets.toString("utf8")).as_of;
  const run = async (targets) => {
    const { page, offsite, errors } = await openPage("?stream=always");
    const { inspectors } = publicViews();
    await page.setInputFiles("#record", { name: "record.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sealedSampleV2())) });
    await page.setInputFiles("#targets", { name: "targets.public.csv", mimeType: "text/csv", buffer: targets });
    await page.setInputFiles("#inspectors", { name: "inspectors.public.json", mimeType: "application/json", buffer: inspectors });
    await page.fill("#as-of", asOf);
    await page.click("#go");
    await page.waitForSelector("body[data-result]", { timeout: 60_000 });
    assert.equal(await page.getAttribute("body", "data-streamed"), "true");
    assert.deepEqual(offsite, []);
    assert.deepEqual(errors, []);
    return page;
  };
  let page = await run(csv);
  assert.equal(await page.getAttribute("body", "data-result"), "verified");
  assert.match(await page.textContent("#status"), /流式读取 streamed/);
  assert.ok(await page.locator("#progress").isHidden(), "the bar goes when the re-run ends");
  const s = sealedSampleV2();
  assert.ok((await page.textContent("#details")).includes(s.record.seed));
  await page.close();
  const lines = csv.toString("utf8").split("\n");
  const cells = lines[3].split(",");
  cells[3] += "甲";
  lines[3] = cells.join(",");
  page = await run(Buffer.from(lines.join("\n")));
  assert.equal(await page.getAttribute("body", "data-result"), "not-verified");
  assert.match(await page.textContent("#verdict-reason"), /名录库与承诺不符 Register differs from the committed one/);
  await page.close();
});

test("draw/v3: the page checks a class proof as the public, then as the auditor with the private view, offline", { timeout: 120_000 }, async () => {
  const v = readJson("tests/vectors/v3-privacy/selection.json");
  const file = (name, x) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(x)) });
  const { page, offsite, errors } = await openPage();
  await page.setInputFiles("#v3-plan", file("plan.json", v.inputs.plan));
  await page.setInputFiles("#v3-items", file("items.json", v.inputs.item_list));
  await page.setInputFiles("#v3-sealed", file("targets.sealed.json", v.expected.sealed_view));
  await page.setInputFiles("#v3-proof", file("proof.json", v.expected.proof));
  await page.fill("#v3-seed", v.inputs.seed);
  await page.click("#v3-go");
  await page.waitForSelector("body[data-v3-public]");
  assert.equal(await page.getAttribute("body", "data-v3-public"), "passed");
  assert.equal(await page.getAttribute("body", "data-v3-auditor"), "not-checked");
  const rows = await page.locator("#v3-checks tbody tr").allTextContents();
  assert.ok(rows.some((r) => r.includes("公众 public") && r.includes("通过")));
  assert.ok(rows.some((r) => r.includes("审计方 auditor") && r.includes("未核")));
  assert.ok(rows.some((r) => r.includes("种子") && r.includes("未核")), "the seed is shown as taken as given");
  assert.match(await page.textContent("#v3-disclosure"), new RegExp(`公开了类别事实的对象 ${v.expected.disclosure.disclosed} / 300`));
  // The auditor adds the full register and the view key: both columns pass, nothing leaves.
  await page.setInputFiles("#v3-targets", file("targets.json", v.inputs.register));
  await page.fill("#v3-key", v.inputs.view_key);
  await page.click("#v3-go");
  await page.waitForFunction(() => document.body.dataset.v3Auditor === "passed");
  // A proof missing an opening fails publicly, naming the target.
  const proof = structuredClone(v.expected.proof);
  const gone = proof.openings.splice(proof.openings.findIndex((o) => o.bit === 0), 1)[0];
  await page.setInputFiles("#v3-proof", file("proof.json", proof));
  await page.click("#v3-go");
  await page.waitForFunction(() => document.body.dataset.v3Public === "failed");
  assert.match(await page.textContent("#v3-error"), new RegExp(gone.target));
  const after = await page.locator("#v3-checks tbody tr").allTextContents();
  assert.ok(after.some((r) => r.includes("各层保留") && r.includes("未通过")), after.join("\n"));
  assert.ok(after.some((r) => r.includes("未得出")), "rows the check did not reach are not shown as passed");
  assert.equal(await page.textContent("#v3-disclosure"), "");
  assert.deepEqual(offsite, []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(shots, "v3-classes.png"), fullPage: true });
  await page.close();
});

test("a draw/v3 record verifies against the sealed view and says what only the auditor can check", { timeout: 120_000 }, async () => {
  const { page, offsite, errors } = await openPage();
  const sel = readJson("tests/vectors/v3-privacy/selection.json");
  const d3 = readJson("tests/vectors/v3-privacy/draw.json");
  // The published inspector view of a draw/v3: the sample's, without declared conflicts.
  const view = JSON.parse(publicViews().inspectors.toString("utf8"));
  view.inspectors = view.inspectors.map((i) => ({ ...i, conflicts: [] }));
  const put = async (sealed) => {
    await page.setInputFiles("#record", { name: "record.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sealed)) });
    await page.setInputFiles("#targets", { name: "targets.sealed.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sel.expected.sealed_view)) });
    await page.setInputFiles("#inspectors", { name: "inspectors.public.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(view)) });
    await page.click("#go");
    await page.waitForSelector("body[data-result]", { timeout: 60_000 });
  };
  await put(d3.expected.sealed);
  assert.equal(await page.getAttribute("body", "data-result"), "verified");
  assert.equal(await page.getAttribute("body", "data-classes"), "public");
  const said = await page.textContent("#classes-checked");
  assert.match(said, /需审计方核验/);
  assert.match(said, /The auditor's, not checked here/);
  await page.screenshot({ path: path.join(shots, "verified-v3.png"), fullPage: true });
  // One class opening dropped: not verified, with the reason.
  const forged = structuredClone(d3.expected.sealed);
  forged.record.classes.openings.pop();
  await page.evaluate(() => delete document.body.dataset.result);
  await put(forged);
  assert.equal(await page.getAttribute("body", "data-result"), "not-verified");
  // The auditor on the same page: the view key, the full register and the keeper's
  // inspector view (its declared conflicts included), checked here and sent nowhere.
  const declared = publicViews().inspectors;
  const audit = async (register, key) => {
    await page.fill("#view-key", key);
    await page.setInputFiles("#record", { name: "record.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(d3.expected.sealed)) });
    await page.setInputFiles("#targets", { name: "targets.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(register)) });
    await page.setInputFiles("#inspectors", { name: "inspectors.declared.json", mimeType: "application/json", buffer: declared });
    await page.evaluate(() => delete document.body.dataset.result);
    await page.click("#go");
    await page.waitForSelector("body[data-result]", { timeout: 60_000 });
  };
  await audit(sel.inputs.register, d3.inputs.view_key);
  assert.equal(await page.getAttribute("body", "data-result"), "verified", await page.textContent("#verdict"));
  assert.equal(await page.getAttribute("body", "data-classes"), "auditor");
  const n = JSON.parse(declared.toString("utf8")).inspectors.reduce((k, i) => k + i.conflicts.length, 0);
  assert.ok(n > 0);
  const audited = await page.textContent("#classes-checked");
  assert.match(audited, /审计方/);
  assert.match(audited, new RegExp(`回避声明 ${n} 项`));
  await page.screenshot({ path: path.join(shots, "audited-v3.png"), fullPage: false });
  // One target's risk level changed in the register the auditor is given: refused (the
  // public check cannot see it; the auditor's does).
  const mis = structuredClone(sel.inputs.register);
  mis.targets[0].risk = mis.targets[0].risk === "high" ? "low" : "high";
  await audit(mis, d3.inputs.view_key);
  assert.equal(await page.getAttribute("body", "data-result"), "not-verified");
  // Another view key: refused too.
  await audit(sel.inputs.register, "11".repeat(32));
  assert.equal(await page.getAttribute("body", "data-result"), "not-verified");
  assert.deepEqual(offsite, [], "no network access beyond the local server");
  assert.deepEqual(errors, []);
  await page.close();
});
