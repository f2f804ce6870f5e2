// Times the page's streamed verification (a CSV target register read in a Worker) in headless
// Debian Chromium, and samples the memory of every Chromium process meanwhile:
//   node scripts/bench-page-stream.mjs DIR TARGETS.csv [AS_OF] [runs]
// DIR holds record.json and inspectors.public.json (benches' draw_stream example writes them);
// TARGETS.csv is the register sorted by id. The page served is the built one when
// SHUANGSUIJI_PAGE_DIR names it, else bindings-wasm/web with pkg/web. Prints the time the page
// measured (files chosen to verdict) and the peak resident memory of the browser's process tree
// (PSS, all processes summed) and of its largest process.
import { createServer } from "node:http";
import { readFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pageDir = process.env.SHUANGSUIJI_PAGE_DIR ? path.resolve(process.env.SHUANGSUIJI_PAGE_DIR) : null;
const base = pageDir ?? pkg;
const pagePath = pageDir ? "/" : "/web/";
const [dir, csv, asOf = "2023-08-23", runs = "1"] = process.argv.slice(2);
if (!dir || !csv) {
  console.error("usage: node scripts/bench-page-stream.mjs DIR TARGETS.csv [AS_OF] [runs]");
  process.exit(2);
}
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".json": "application/json" };
const server = createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file = path.join(base, rel.endsWith("/") ? rel + "index.html" : rel);
  if (!file.startsWith(base) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));

// Proportional resident memory (PSS: shared pages split among their sharers, so the sum over
// Chromium's processes counts each page once) of a process's descendants, from /proc.
function tree(root) {
  const kids = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const rss = [];
  const walk = (pid) => {
    if (pid !== root) try {
      const m = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) rss.push(Number(m[1]) * 1024);
    } catch { /* gone */ }
    for (const k of kids.get(pid) ?? []) walk(k);
  };
  walk(root);
  return { sum: rss.reduce((a, b) => a + b, 0), max: Math.max(0, ...rss) };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic"],
});
// Chromium runs as a child of this process: its tree is every child's tree (this process's
// own memory left out).
const pid = process.pid;
try {
  for (let k = 0; k < Number(runs); k++) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}${pagePath}`);
    await page.waitForSelector("body[data-ready=true]");
    await page.setInputFiles("#record", path.resolve(dir, "record.json"));
    await page.setInputFiles("#inspectors", path.resolve(dir, "inspectors.public.json"));
    await page.setInputFiles("#targets", path.resolve(csv));
    await page.fill("#as-of", asOf);
    const idle = tree(pid);
    let peak = { sum: 0, max: 0 };
    const sampler = setInterval(() => {
      const m = tree(pid);
      peak = { sum: Math.max(peak.sum, m.sum), max: Math.max(peak.max, m.max) };
    }, 200);
    await page.click("#go");
    await page.waitForSelector("body[data-result]", { timeout: 3_600_000 });
    clearInterval(sampler);
    const ms = Number(await page.getAttribute("body", "data-verify-ms"));
    const streamed = await page.getAttribute("body", "data-streamed");
    const mb = (b) => (b / 2 ** 20).toFixed(0);
    const wasmMemory = Number(await page.getAttribute("body", "data-wasm-memory"));
    console.log(`${await page.getAttribute("body", "data-result")}${streamed ? " (streamed)" : ""} in ${(ms / 1000).toFixed(2)} s (Chromium); ` +
      `peak PSS ${mb(peak.sum)} MB all processes (${mb(idle.sum)} MB before), largest process ${mb(peak.max)} MB, ` +
      `WebAssembly memory at the end ${mb(wasmMemory)} MB`);
    if (await page.getAttribute("body", "data-result") !== "verified") {
      console.log(await page.textContent("#verdict-reason"));
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
