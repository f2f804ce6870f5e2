// The verification page: reads the files the person chooses, hands their bytes to the
// WebAssembly build of shuangsuiji (which parses and checks everything), and shows the
// result. No network access: the page, the script and the .wasm are all served locally.
import init, { verify, verifySealed, auditSealed, verifyAuditLog, version, checkClassesPublic, checkClassesAuditor, classDisclosure } from "../pkg/web/shuangsuiji.js";

const $ = (id) => document.getElementById(id);
const files = { record: null, targets: null, inspectors: null, trust: null, anchor: null, audit: null };
const SHOW_ROWS = 2000;

// Chinese label of the kinds a person meets most; the explanation itself comes from the
// core, in Chinese (messageZh) and English (message), so no kind is ever unexplained.
const KIND = {
  input: "文件无法读取 Input could not be read",
  validation: "名录库数据不合规 Register does not validate",
  malformed: "记录格式错误 Malformed record",
  signature: "签名无效 Signature check failed",
  mismatch: "记录与重新抽取的结果不一致 Record differs from the re-run",
  rerun: "重新抽取失败 The re-run draw failed",
  plan: "抽查计划无法执行 Plan cannot be run",
  root: "名录库与承诺不符 Register differs from the committed one",
  reveal: "揭示值与承诺不符 Reveal does not open its commitment",
  beacon: "随机信标校验失败 Beacon check failed",
  algorithm: "算法版本不受支持 Unsupported algorithm version",
  commitment: "抽取前承诺不合规 Malformed pre-draw commitment",
};

function text(el, s) { el.textContent = s; return el; }
function el(tag, s, cls) { const e = document.createElement(tag); if (s !== undefined) e.textContent = s; if (cls) e.className = cls; return e; }
function dl(target, rows) {
  target.replaceChildren();
  for (const [k, v, cls] of rows) { target.append(el("dt", k), el("dd", v ?? "—", cls)); }
}
function unixToChina(t) {
  // Display only: the commitment time in China Standard Time (UTC+8).
  return new Date((t + 8 * 3600) * 1000).toISOString().replace("T", " ").slice(0, 19) + " (UTC+8)";
}

// Which slot a file goes to: by its first bytes (JSON keys), else by its name.
async function classify(file) {
  const head = await file.slice(0, 4096).text();
  if (/"record"\s*:/.test(head) && /^\s*\{/.test(head)) return "record";
  // A trust file is never picked from a dropped bundle: it must be the reader's own choice,
  // not whatever the publisher put beside the record.
  if (/"shuangsuiji\/trust\/v1"/.test(head)) return null;
  if (/"checkpoint"\s*:/.test(head) && /"proof"\s*:/.test(head)) return "anchor";
  if (/"checkpoints"\s*:/.test(head) || /"verifier_key"\s*:/.test(head)) return "audit";
  if (/"inspectors"\s*:/.test(head)) return "inspectors";
  if (/"targets"\s*:/.test(head)) return "targets";
  const n = file.name.toLowerCase();
  if (n.includes("record")) return "record";
  if (n.includes("inspector")) return "inspectors";
  return "targets";
}

function setFile(slot, file) {
  files[slot] = file;
  text($(`${slot}-name`), file ? `${file.name} (${file.size.toLocaleString()} bytes)` : "");
  $("go").disabled = !(files.record && files.targets && files.inspectors);
}

async function bytes(file) { return new Uint8Array(await file.arrayBuffer()); }

// A CSV register this large is streamed in a Worker (read twice in slices, never held
// whole); `?stream=always` streams every CSV (tests). Streamed rows must be sorted by id.
const STREAM_FROM = 64 << 20;
let wasmModule = null;

function streamed(file) {
  const csv = /\.csv$/i.test(file.name) || file.type === "text/csv";
  const always = new URLSearchParams(location.search).get("stream") === "always";
  return csv && (always || file.size >= STREAM_FROM);
}

function progress(p) {
  const bar = $("progress");
  bar.hidden = false;
  // Two passes; a third only when two USCCs share a filter key (the core then compares them).
  const passes = Math.max(2, p.pass);
  bar.max = passes * p.size;
  bar.value = (p.pass - 1) * p.size + p.done;
  const pct = ((100 * bar.value) / Math.max(1, bar.max)).toFixed(0);
  text($("status"), `第 ${p.pass}/${passes} 遍读取名录库 ${pct}% · pass ${p.pass} of ${passes} over the register, ${(p.done / 1e6).toFixed(0)} of ${(p.size / 1e6).toFixed(0)} MB`);
}

function verifyInWorker(asOf) {
  if (!asOf) {
    return Promise.resolve({ ok: false, error: { kind: "input", type: "FormatError", field: "asOf",
      message: "asOf: a CSV target register needs its register date (asOf, YYYY-MM-DD)",
      messageZh: "CSV 名录库需填写名录库日期" }, summary: null });
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.discard) return; // a slice the Worker is done with, handed here to be freed
      if (data.progress) return progress(data.progress);
      worker.terminate();
      $("progress").hidden = true;
      if (data.wasmBytes) document.body.dataset.wasmMemory = String(data.wasmBytes);
      if (data.error) reject(new Error(data.error));
      else resolve(data.result);
    };
    worker.onerror = (e) => { worker.terminate(); $("progress").hidden = true; reject(new Error(e.message)); };
    worker.onmessageerror = () => { worker.terminate(); $("progress").hidden = true; reject(new Error("the Worker's message could not be read")); };
    worker.postMessage({ module: wasmModule, record: files.record, targets: files.targets,
      inspectors: files.inspectors, trust: files.trust, anchor: files.anchor, asOf });
  });
}

async function run() {
  $("go").disabled = true;
  text($("status"), "核验中… Verifying…");
  delete document.body.dataset.streamed;
  try {
    if ($("view-key").value.trim() && streamed(files.targets)) {
      throw new Error("审计核验须给出 JSON 完整名录库，不能流式读取 CSV · the auditor's check takes the full register as JSON, not a streamed CSV");
    }
    if (streamed(files.targets)) {
      const t0 = performance.now();
      const result = await verifyInWorker($("as-of").value || undefined);
      const ms = performance.now() - t0;
      show(result);
      showAudit(result, files.audit ? await bytes(files.audit) : null);
      text($("status"), `用时 Time: ${ms.toFixed(0)} ms（流式读取 streamed）`);
      document.body.dataset.verifyMs = String(ms);
      document.body.dataset.streamed = "true";
      return;
    }
    const [r, t, i] = await Promise.all([bytes(files.record), bytes(files.targets), bytes(files.inspectors)]);
    const asOf = $("as-of").value || undefined;
    const t0 = performance.now();
    const trust = files.trust ? await bytes(files.trust) : undefined;
    const anchor = files.anchor ? await bytes(files.anchor) : undefined;
    // A draw/v3 record is checked against the sealed target view (classes and declared
    // conflicts sealed, docs/spec/privacy.md §13), or with the view key as the auditor from
    // the full register and the keeper's inspector view; every other record against the
    // public view.
    const key = $("view-key").value.trim();
    const v3 = algorithmOf(r) === "shuangsuiji/draw/v3";
    if (key && !v3) throw new Error("视图密钥仅用于 draw/v3 记录 · the view key is for draw/v3 records only");
    const result = !v3 ? verify(r, t, i, asOf, trust, anchor)
      : key ? auditSealed(r, t, key, i, trust, anchor)
      : verifySealed(r, t, i, trust, anchor);
    if (key) result.declarations = declaredConflicts(i);
    const ms = performance.now() - t0;
    show(result);
    showAudit(result, files.audit ? await bytes(files.audit) : null);
    text($("status"), `用时 Time: ${ms.toFixed(0)} ms`);
    document.body.dataset.verifyMs = String(ms);
  } catch (e) {
    show({ ok: false, error: { kind: "input", type: "FormatError", message: String(e), messageZh: `无法读取输入：${e}` }, summary: null });
    text($("status"), "");
  } finally {
    $("go").disabled = false;
  }
}

/** The declared conflicts an inspector view lists (the auditor is told how many it gave). */
function declaredConflicts(inspectorBytes) {
  try {
    return JSON.parse(new TextDecoder().decode(inspectorBytes)).inspectors
      .reduce((n, i) => n + (i.conflicts?.length ?? 0), 0);
  } catch {
    return undefined;
  }
}

/** The algorithm a sealed record names, or undefined when it cannot be read (verify says why). */
function algorithmOf(recordBytes) {
  try {
    return JSON.parse(new TextDecoder().decode(recordBytes)).record?.algorithm;
  } catch {
    return undefined;
  }
}

function show(result) {
  const v = $("verdict");
  v.hidden = false;
  document.body.dataset.result = result.ok ? "verified" : "not-verified";
  document.body.dataset.classes = result.verified?.classes ?? "not_sealed";
  const level = result.verdict?.level ?? (result.ok ? "not_anchored" : "failed");
  v.className = !result.ok ? "bad" : level === "anchored" ? "ok" : "partial";
  document.body.dataset.level = level;
  // Never 通过 alone: the level says whether the record is anchored in the trust file.
  text($("verdict-title"), result.error?.type === "TrustError" ? "✘ 信任文件无法使用 Trust file unusable"
    : !result.ok ? "✘ 未通过 Not verified"
    : level === "anchored" ? "✔ 通过，已锚定 Verified, anchored"
    : "✔ 记录自洽，但未锚定 Consistent, not anchored");
  const reason = $("verdict-reason");
  reason.replaceChildren();
  if (result.ok && result.verdict) showAnchors(reason, result.verdict);
  if (result.ok) {
    const s = result.summary;
    reason.append(el("div", `每一个签名、承诺、揭示值、信标与登记库根均已核对，重新抽取的结果与记录逐字节一致。`),
      el("div", `Every signature, commitment, reveal, beacon and root checks, and the re-run draw is identical to the record (${result.verified.selected} targets selected).`, "en"),
      el("div", `记录哈希 Record hash: ${s.record_hash}`, "mono"));
    if (result.verified.classes === "public") {
      const c = el("div"); c.id = "classes-checked";
      c.append(el("div", "类别与回避（draw/v3）：风险等级、信用类别与回避对象已封存，未公开。已由公众核验：各层对象数与承诺之和相符、各层抽中者为号签最低者、只开启必要的类别事实、派出检查组的对象的回避名单与封存承诺相符。需审计方核验（本页未做）：各类别是否为名录所载、回避名单是否为人员的声明——审计方以完整名录、视图密钥与回避声明核验（本页填入视图密钥，或命令行 verify --view-key）。"),
        el("div", "Classes and conflicts (draw/v3): risk levels, credit classes and declared conflicts are sealed, not published. Checked here, publicly: populations match the commitments, each stratum kept its lowest tickets, only the needed class facts are opened, the recusal sets of the targets that get a team open their sealed commitments. The auditor's, not checked here: that each class is the register's and each recusal set the inspectors' declarations (the full register, the view key and the declarations: give the view key on this page, or verify --view-key).", "en"));
      reason.append(c);
    }
    if (result.verified.classes === "auditor") {
      const c = el("div"); c.id = "classes-checked";
      const n = result.declarations;
      const zh = n === undefined ? "（未能计数）" : `${n} 项${n === 0 ? "（为 0：如人员确有回避对象，所给的不是载有回避声明的人员视图）" : ""}`;
      const en = n === undefined ? "an uncounted number of conflicts" : `${n} conflict(s)${n === 0 ? " (zero: if inspectors declared any, this is not the view with their declarations)" : ""}`;
      c.append(el("div", `类别与回避（draw/v3，审计方）：已用完整名录、视图密钥与所给人员视图重算封存视图、每个类别与证明、每个回避名单，全部相符；文件未离开本机。所给人员视图载明回避声明 ${zh}；回避声明须取自人员本人的申报来源，而非保管方。`),
        el("div", `Classes and conflicts (draw/v3, the auditor): the sealed view, every class and the proof, and every recusal set were recomputed from the full register, the view key and the inspector view given, and all match; no file left this computer. The inspector view given declares ${en}; take the declarations from the inspectors' own filings, not from the keeper.`, "en"));
      reason.append(c);
    }
  } else {
    const e = result.error;
    const label = KIND[e.causeKind] ?? KIND[e.kind] ?? e.kind;
    reason.append(el("div", `原因 Reason: ${label} (${e.kind}${e.causeKind ? " / " + e.causeKind : ""})`, "why"));
    if (e.messageZh) reason.append(el("div", e.messageZh, "zh"));
    const msg = el("div"); msg.id = "error-message"; msg.append(el("code", e.message)); reason.append(msg);
    if (e.path) reason.append(el("div", `位置 Where: ${e.path}`, "mono"));
    if (e.problems) for (const p of e.problems.slice(0, 20)) {
      reason.append(el("div", `${p.row ? `第 ${p.row} 行 row ${p.row}, ` : ""}${p.record ?? ""} ${p.field}: ${p.message}`, "mono"));
    }
  }
  details(result);
}

// A chain is named only when the verdict anchored it, and says where the name comes from.
function chainLabel(beacon) {
  if (!beacon || !beacon.name) return "未锚定的链 unanchored chain";
  return beacon.source === "built_in" ? `${beacon.name}（内置 built in）` : `信任文件中的链 trust-file chain「${beacon.name}」`;
}

// A public draw of a published-numbers record (docs/spec/draw-v2.md §15): nothing signs a
// lottery's numbers, so the page shows source, issue, time and numbers for the reader to
// compare with the official announcement.
function publishedDraw(p) {
  const d = el("div", "", "published-draw");
  d.dataset.issue = p.issue;
  d.append(el("div", `公开开奖 Public draw: ${p.source} 第 ${p.issue} 期 issue ${p.issue} · 开奖时间（承诺所述）draw time as committed ${unixToChina(p.draws_at)} · 公告 announced in ${p.announced_in}`, "mono"));
  for (const g of p.groups) {
    const order = g.order === "ascending" ? "从小到大 ascending" : "按开出顺序 as drawn";
    d.append(el("div", `${g.name}（${g.count} 个，${g.min}–${g.max}，${order}）: ${g.numbers.join(" ")}`, "mono numbers"));
  }
  d.append(el("div", p.compared ? "已与您录入的公告核对一致 matches the announcement you entered" : "请与官方开奖公告逐一核对 compare every number with the official announcement", "note"));
  return d;
}

// What the verdict anchored and what it could not: the beacon by chain hash (named only
// when anchored), each signer's key with the role the trust file gives it, and every
// element without an anchor, Chinese first.
function showAnchors(target, v) {
  const box = el("div"); box.id = "anchors";
  box.append(el("div", v.trust
    ? `信任文件 Trust file:「${v.trust.name}」 fingerprint ${v.trust.fingerprint}（请确认是您自己选定的 check it is the one you chose）`
    : "信任文件 Trust file: 未提供 none given", "mono"));
  if (v.anchored_time != null) {
    const at = el("div", `时间锚 Anchored time: ${v.anchored_time} · ${unixToChina(v.anchored_time)}（见证人联署，早于信标轮次 witnessed before the beacon round）`, "mono");
    at.id = "anchored-time";
    box.append(at);
  }
  if (v.plan_commitments != null) {
    const n = v.plan_commitments;
    box.append(el("div", `计划承诺数 Commitments for the plan: ${n}${n > 1 ? `（含 ${n - 1} 次重新抽取 including ${n - 1} re-draw(s)）` : "（无重新抽取 no re-draw）"}`, "mono"));
  }
  if (v.beacon) {
    box.append(el("div", `信标 Beacon: ${chainLabel(v.beacon)} · chain ${v.beacon.chain_hash} · round ${v.beacon.round}`, "mono"));
  }
  for (const p of v.published_numbers ?? []) {
    box.append(publishedDraw(p));
  }
  for (const s of v.signers) {
    const where = s.role ? `信任文件角色 trusted role: ${s.role}` : v.trust ? "不在信任文件中 not in the trust file" : "无信任文件 no trust file";
    box.append(el("div", `签名 Signer: ${s.name} · key ${s.public_key} · ${where}`, "mono"));
  }
  for (const p of v.participants ?? []) {
    const where = p.role ? `信任文件角色 trusted role: ${p.role}` : v.trust ? "不在信任文件中 not in the trust file" : "无信任文件 no trust file";
    box.append(el("div", `参与方 Participant: ${p.name} · key ${p.public_key} · ${where}`, "mono"));
  }
  for (const u of v.unanchored) {
    const d = el("div", "", "unanchored");
    d.dataset.kind = u.kind;
    d.append(el("div", `未锚定 No anchor: ${u.message_zh}`), el("div", u.message, "en"));
    box.append(d);
  }
  target.append(box);
}

// The audit log: checkpoints verified under the log's key, and the draw's inclusion.
function showAudit(result, log) {
  const rows = [];
  if (!log) {
    rows.push(["审计日志 Audit log", "未提供 not given"]);
  } else {
    const hash = result.ok ? result.verified.record_hash : null;
    const a = verifyAuditLog(log, undefined, hash ? [hash] : []);
    if (a.ok) {
      rows.push(["检查点 Checkpoints", `${a.checkpoints} 个已核验 verified · ${a.events} 条事件 events · origin ${a.origin}`, "text"]);
      rows.push(["最新检查点 Latest checkpoint", `size ${a.latest[0]} · root ${a.latest[1]}`]);
      for (const i of a.included) rows.push(["本次抽取已记录 This draw is logged", `事件 event #${i.index}（包含证明已核验 inclusion proven）`, "text"]);
    } else {
      rows.push(["审计日志 Audit log", `✘ 未通过 Not verified: ${a.error.message}`, "text"]);
    }
  }
  dl($("audit-log"), rows);
  document.body.dataset.audit = log ? (rows.some((r) => r[1].startsWith("✘")) ? "not-verified" : "verified") : "none";
}

function details(result) {
  const s = result.summary;
  $("details").hidden = !s;
  if (!s) return;
  $("claimed-note").hidden = result.ok;
  dl($("plan"), [
    ["计划编号 Plan id", s.plan.id],
    ["名称 Title", s.plan.title, "text"],
    ["检查事项 Items", s.plan.items.join("、")],
    ["检查日期 Inspection date", s.plan.inspection_date],
    ["事项清单 Item list", `${s.item_list_version} · ${s.roots.item_list}`],
    ["对象库根 Target register root", s.roots.targets],
    ["人员库根 Inspector register root", s.roots.inspectors],
    ["算法 Algorithm", s.algorithm],
    ["算法套件 Suite", s.suite === "sm2-sm3"
      ? "sm2-sm3（国密：SM3 杂凑、SM2 签名 · SM3 hashes, SM2 signatures）"
      : "ed25519-sha256（SHA-256 杂凑、Ed25519 签名 · SHA-256 hashes, Ed25519 signatures）"],
    ["核验页面 Verified with page build", document.body.dataset.pageHash
      ?? (document.body.dataset.build === "none" ? "开发副本 development copy" : "未复核或不符 not checked or not consistent")],
  ]);
  const b = s.beacon;
  dl($("seed"), [
    ["承诺哈希 Commitment hash", s.commitment_hash],
    ["承诺时间（记录自述）Committed at (the record's claim)", `${s.committed_at} · ${unixToChina(s.committed_at)}`],
    ["信标 Beacon", b ? `${chainLabel(result.verdict?.beacon)} 第 ${b.round} 轮 round ${b.round} · ${unixToChina(b.round_time)}`
      : s.published_numbers.length ? `公开开奖号码 published numbers: ${s.published_numbers.map((p) => `${p.source} 第 ${p.issue} 期 ${p.groups.map((g) => g.numbers.join(" ")).join(" + ")}`).join("；")}（请与官方公告核对 compare with the official announcement）`
      : "无（离线模式，仅揭示值）none (offline mode, reveals only)"],
    ...(b ? [["信标随机数 Beacon randomness", b.randomness], ["链哈希 Chain hash", b.chain_hash]] : []),
    ["种子 Seed", s.seed],
  ]);
  const pt = $("participants").tBodies[0]; pt.replaceChildren();
  for (const p of s.participants) {
    const rv = s.reveals.find((r) => r.participant === p.id);
    const tr = el("tr");
    tr.append(el("td", p.id), el("td", p.role), el("td", p.commitment, "mono"), el("td", rv ? rv.secret : "—", "mono"));
    pt.append(tr);
  }
  const st = $("strata").tBodies[0]; st.replaceChildren();
  for (const x of s.strata) {
    const tr = el("tr");
    tr.append(el("td", x.key), el("td", x.population.toLocaleString()), el("td", `${(x.ratio / 100).toFixed(2)}%`),
      el("td", String(x.quota)), el("td", String(x.selected)), el("td", String(x.alternates)));
    st.append(tr);
  }
  text($("counts"), `必查名单 100% list: ${s.must_include} · 排除 Exclusions: ${s.exclusions} · 抽中合计 Selected in all: ${s.selected.length}` +
    (s.batches.length ? ` · 批次 Batches: ${s.batches.join(" / ")}` : ""));
  const teams = new Map(s.teams.map((t) => [t.target, t.members]));
  const sb = $("selected").tBodies[0]; sb.replaceChildren();
  const frag = document.createDocumentFragment();
  s.selected.slice(0, SHOW_ROWS).forEach((x, n) => {
    const tr = el("tr");
    const m = teams.get(x.target);
    tr.append(el("td", String(n + 1)), el("td", x.target, "mono"), el("td", x.stratum ?? "必查 100%"),
      el("td", m ? m.map((y) => `${y.inspector}${y.role === "expert" ? "（专家 expert）" : ""}`).join("、") : "—", "mono"));
    frag.append(tr);
  });
  sb.append(frag);
  text($("selected-more"), s.selected.length > SHOW_ROWS ? `仅显示前 ${SHOW_ROWS} 个 Showing the first ${SHOW_ROWS} of ${s.selected.length}` : "");
  dl($("signatures"), [
    ["签名人 Signers", s.signers.join("；"), "text"],
    ["承诺签名 Commitment signed by", s.commitment_signatures.join("；"), "text"],
    ["记录签名 Record signed by", s.record_signatures.join("；"), "text"],
  ]);
}

// The page's own build hash (build.json, written by scripts/build-page.sh), checked against
// the page's files in this browser. What it is worth: a publisher (or anyone between, over
// http) who controls app.js can print any hash and any ✔ here, so the hash is for comparing
// with a rebuild from source or with one published through another channel
// (docs/install.md §4). The check catches a folder whose files were changed without its
// build.json: the .wasm is hashed from the very bytes instantiated below; the other files are
// fetched a second time, which a dishonest server can answer differently.
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const WASM = "shuangsuiji_bg.wasm";
// Where the module sits: beside the page when built (build-page.sh rewrites the path), in the
// repository under the package folder.
const WASM_PATH = "../pkg/web/shuangsuiji_bg.wasm";

async function readBuild() {
  try {
    const r = await fetch("build.json", { cache: "no-store" });
    if (!r.ok) return null;
    const b = await r.json();
    return typeof b?.page_hash === "string" && b.files && typeof b.files === "object" ? b : null;
  } catch {
    return null; // no build.json: a development copy
  }
}

async function checkBuild(build, wasmBytes) {
  text($("build"), build.page_hash);
  if (!globalThis.crypto?.subtle) {
    text($("build-check"), "未复核：浏览器仅在 https 或本机地址下提供哈希 not re-checked (needs https or localhost)");
    document.body.dataset.build = "unchecked";
    return;
  }
  const names = Object.keys(build.files).sort();
  let listing = "";
  const differ = [];
  for (const name of names) {
    const bytes = name === WASM && wasmBytes ? wasmBytes : await (await fetch(name, { cache: "no-store" })).arrayBuffer();
    const h = hex(await crypto.subtle.digest("SHA-256", bytes));
    if (h !== build.files[name]) differ.push(name);
    listing += `${h}  ${name}\n`;
  }
  const whole = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(listing)));
  const ok = differ.length === 0 && whole === build.page_hash;
  text($("build-check"), ok ? "✔ 与 build.json 一致 consistent with build.json"
    : `✘ 与 build.json 不符 NOT consistent with build.json: ${differ.join(", ") || "page_hash"}`);
  $("build-check").className = ok ? "ok" : "bad";
  document.body.dataset.build = ok ? "matches" : "differs";
  // Only a consistent build is named in a verdict's details.
  if (ok) document.body.dataset.pageHash = build.page_hash;
}

async function main() {
  const build = await readBuild();
  // The module is compiled once, from the bytes that are hashed (build.json), and the same
  // compiled module is handed to the streaming Worker.
  const wasmBytes = await (await fetch(new URL(WASM_PATH, import.meta.url))).arrayBuffer();
  wasmModule = await WebAssembly.compile(wasmBytes);
  await init({ module_or_path: wasmModule });
  if (!build) {
    text($("build"), "无（开发副本）none (development copy)");
    document.body.dataset.build = "none";
  }
  text($("version"), version());
  if (build) {
    try {
      await checkBuild(build, wasmBytes);
    } catch (e) {
      text($("build-check"), `✘ 未能复核 could not check: ${e}`);
      document.body.dataset.build = "differs";
    }
  }
  for (const slot of Object.keys(files)) {
    $(slot).addEventListener("change", (e) => setFile(slot, e.target.files[0] ?? null));
  }
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault(); drop.classList.remove("over");
    for (const f of e.dataTransfer.files) {
      const slot = await classify(f);
      if (slot) setFile(slot, f);
    }
    if (!$("go").disabled) run();
  });
  $("go").addEventListener("click", run);
  document.body.dataset.ready = "true";
}

main().catch((e) => { text($("status"), `无法加载 Could not load: ${e}`); });

// draw/v3 (docs/spec/privacy.md): the public check from the sealed view and the class proof,
// and — when the auditor chooses the full register and the view key — the auditor's check,
// both in this browser. Each row says who can check it, so a reader sees what the public
// verdict rests on and what only the auditor's does.
const v3 = { plan: null, items: null, sealed: null, proof: null, targets: null };

function v3Ready() {
  $("v3-go").disabled = !(v3.plan && v3.items && v3.sealed && v3.proof && $("v3-seed").value.trim());
}

// Each public row: its text, and when it applies (a plan without classes runs none of the
// class rows; the zero row only where a stratum keeps every member).
const PUBLIC_CHECKS = [
  ["文件格式、计划与可抽对象数", "format, plan and eligible count", () => true],
  ["每个可抽对象恰属一类（承诺之和）", "each eligible target is in exactly one class (its commitments add up)", (p) => p.attribute],
  ["各层对象数与承诺之和相符", "each stratum's population is the sum of the commitments", (p) => p.attribute],
  ["各层保留的是其成员中号签最低者", "each stratum keeps its members' lowest tickets", () => true],
  ["全部保留的层：其余对象均承诺为 0", "a stratum kept whole: every other target commits to 0", (p) => p.strata?.some((s) => s.zero_blind)],
  ["没有多余的开启（不多披露任何类别）", "no opening beyond what the check needs (no class disclosed for nothing)", (p) => p.attribute],
];
// Which public row an error kind belongs to: the check stops at the first failure, so the
// rows after it are "not reached", never "passed".
const PUBLIC_ROW = { input: 0, class_proof: 0, sealed_leaf: 0, plan: 0, not_one_class: 1, population: 2,
  missing_opening: 3, bad_opening: 3, outcome: 3, two_strata: 3, zero_check: 4, extra_opening: 5 };
const AUDITOR_CHECKS = [
  ["每个对象的类别与名录库一致", "each class is the register's"],
  ["未开启的承诺均为 0 或 1", "every unopened commitment is 0 or 1"],
  ["盲化值出自视图密钥（未被用来泄露类别）", "the blinds are the view key's (not chosen to leak a class)"],
];

async function runClasses() {
  const body = $("v3-checks").querySelector("tbody");
  body.replaceChildren();
  $("v3-error").replaceChildren();
  text($("v3-strata"), "");
  text($("v3-disclosure"), "");
  const [plan, items, sealed, proof] = await Promise.all([v3.plan, v3.items, v3.sealed, v3.proof].map(bytes));
  const seed = $("v3-seed").value.trim();
  const pub = checkClassesPublic(plan, items, sealed, seed, proof);
  const key = $("v3-key").value.trim();
  const aud = v3.targets && key ? checkClassesAuditor(plan, items, await bytes(v3.targets), key, sealed, seed, proof) : null;
  let parsed = {};
  try { parsed = JSON.parse(new TextDecoder().decode(proof)); } catch { parsed = {}; }
  const failedRow = pub.ok ? -1 : (PUBLIC_ROW[pub.error.causeKind] ?? PUBLIC_ROW[pub.error.kind] ?? 0);
  const mark = (r, row) => (r === null ? "未核（需完整名录与视图密钥）not checked (needs the full register and the view key)"
    : r.ok ? "✔ 通过 passed"
    : row === undefined || row === failedRow ? "✘ 未通过 failed"
    // Rows 0–2 run in turn before any stratum; the walk and the zero check run stratum by
    // stratum; the extra-opening check after all of them.
    : row < failedRow && (row <= 2 || failedRow === 5) ? "✔ 通过 passed"
    : "— 未得出（核验在首个错误处停止）not reached (the check stops at the first failure)");
  // The seed: taken as given until a draw/v3 record proves it came after the sealed root.
  const seedRow = el("tr");
  seedRow.append(el("td", "种子来自承诺了该密封名录根的抽取 · the seed comes from a draw whose commitment fixed this sealed root"),
    el("td", "—"), el("td", "未核：按给定值使用（尚无 draw/v3 记录）not checked: taken as given (no draw/v3 record yet)"));
  body.append(seedRow);
  PUBLIC_CHECKS.forEach(([zh, en, applies], row) => {
    const tr = el("tr");
    const result = applies(parsed) || (!pub.ok && row === failedRow) ? mark(pub, row) : "— 不适用 n/a";
    tr.append(el("td", `${zh} · ${en}`), el("td", "公众 public"), el("td", result)); body.append(tr);
  });
  for (const [zh, en] of AUDITOR_CHECKS) {
    const tr = el("tr"); tr.className = "auditor";
    tr.append(el("td", `${zh} · ${en}`), el("td", "审计方 auditor"), el("td", mark(aud))); body.append(tr);
  }
  document.body.dataset.v3Public = pub.ok ? "passed" : "failed";
  document.body.dataset.v3Auditor = aud === null ? "not-checked" : aud.ok ? "passed" : "failed";
  if (pub.ok) {
    const v = pub.verdict;
    text($("v3-strata"), `名录根 targets root ${v.targets_root} · 可抽 eligible ${v.eligible} · ` +
      v.strata.map((s) => `${s.key}: ${s.population} → ${s.quota} (+${s.kept - s.quota})`).join(" · "));
    const d = classDisclosure(proof, JSON.parse(new TextDecoder().decode(sealed)).targets.length);
    text($("v3-disclosure"), `公开了类别事实的对象 ${d.disclosed} / ${d.register}（${(d.share_bp / 100).toFixed(2)}%）：入选与备选 ${d.full_class}，仅知“不属于某层” ${d.negative_only}（其中仅由全部保留的层推知 ${d.implied_only}），可推知类别 ${d.recovered} · targets with any class fact ${d.disclosed} of ${d.register}: kept ${d.full_class}, "not in k" only ${d.negative_only} (implied only by a stratum kept whole ${d.implied_only}), class inferable ${d.recovered}`);
  }
  for (const r of [pub, aud]) {
    if (r && !r.ok) {
      const e = r.error;
      $("v3-error").append(el("div", `${e.messageZh ?? ""}`, "zh"), el("code", e.message), el("div", e.path ? `位置 Where: ${e.path}` : "", "mono"));
    }
  }
  $("v3-result").hidden = false;
}

for (const slot of ["plan", "items", "sealed", "proof", "targets"]) {
  $(`v3-${slot}`).addEventListener("change", (e) => {
    v3[slot] = e.target.files[0] ?? null;
    text($(`v3-${slot}-name`), v3[slot] ? `${v3[slot].name} (${v3[slot].size.toLocaleString()} bytes)` : "");
    v3Ready();
  });
}
$("v3-seed").addEventListener("input", v3Ready);
$("v3-go").addEventListener("click", () => runClasses().catch((e) => {
  $("v3-error").replaceChildren(el("code", String(e)));
  $("v3-result").hidden = false;
  document.body.dataset.v3Public = "failed";
}));
