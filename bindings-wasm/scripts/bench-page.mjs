// Times the verification page in headless Debian Chromium on a directory holding
// record.json, targets.public.json and inspectors.public.json:
//   node scripts/bench-page.mjs pkg/demo [runs]
// Prints the time the page measured around verify() (reading the files excluded).
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const base = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [dir, runs = "3"] = process.argv.slice(2);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  const file = path.join(base, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/\/$/, "/index.html"));
  if (!file.startsWith(base) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const profile = mkdtempSync(path.join(tmpdir(), "shuangsuiji-bench-"));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic"],
});
try {
  for (let k = 0; k < Number(runs); k++) {
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/web/`);
    await page.waitForSelector("body[data-ready=true]");
    for (const f of ["record", "targets", "inspectors"]) {
      await page.setInputFiles(`#${f}`, path.resolve(dir, `${f === "record" ? "record" : `${f}.public`}.json`));
    }
    await page.click("#go");
    await page.waitForSelector("body[data-result]", { timeout: 600_000 });
    const ms = Number(await page.getAttribute("body", "data-verify-ms"));
    console.log(`${await page.getAttribute("body", "data-result")} in ${ms.toFixed(0)} ms (Chromium)`);
    await page.close();
  }
} finally {
  await ctx.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
