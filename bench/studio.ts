// Superpose Studio's first load: the bundle's size (gzipped, from the build) and time to
// interactive in headless Chromium (navigation start → the sign-up form ready for input), cold
// (a fresh browser context per load, nothing cached), on loopback and on an emulated 4G link
// (9 Mbit/s, 85 ms round trip). GraphiQL's page, our other browser page, is the peer in the same
// run: the ratio says what the Studio costs a first visitor next to it.
// Run: npm run bench:studio   (BENCH_RUNS, default 7; needs Debian's chromium)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { startLocalEdge } from "../scripts/lib/local-edge.mjs";
import { startOfflineServer } from "../test/support/offline-server.ts";
import { CHROMIUM, launch } from "../test/web/support/browser.ts";
import { formatMs, formatRatio, percentile, printTable } from "./support/timing.ts";

if (!CHROMIUM) throw new Error("bench:studio needs Chromium (apt-get install chromium)");
const root = path.resolve(import.meta.dirname, "..");
const runs = Number(process.env.BENCH_RUNS ?? 7);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-bench-studio-"));
const env = { ...process.env, DATABASE_URL: `file:${path.join(temp, "bench.db")}`, LOG_LEVEL: "warn" };
execFileSync(process.execPath, ["scripts/migrate.mjs", "reset", "--quiet"], { cwd: root, env, stdio: "inherit" });
execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: root, env, stdio: "ignore" });
execFileSync(process.execPath, ["scripts/build-web.mjs", "--quiet"], { cwd: root, env, stdio: "inherit" });
const report = JSON.parse(fs.readFileSync(path.join(root, "dist/web/build-report.json"), "utf8")) as { initialGzipBytes: number; totalGzipBytes: number };

const server = await startOfflineServer({ root, env });
const edge = await startLocalEdge({ host: "127.0.0.1", port: 0, webRoot: path.join(root, "dist/web"), api: new URL(server.graphqlUrl).origin });
const base = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`;
const browser = await launch();

const PAGES = {
  "Superpose Studio": { url: `${base}/`, ready: "form button.primary:not([disabled])" },
  "GraphiQL (peer)": { url: `${base}/graphql`, ready: ".graphiql-editor .monaco-editor, .graphiql-editor .CodeMirror" },
};
const LINKS = {
  loopback: null,
  "4G (9 Mbit/s, 85 ms)": { offline: false, latency: 85, downloadThroughput: (9e6 / 8), uploadThroughput: (9e6 / 8) },
};

/** Cold loads of a page: ms from navigation start until its ready selector is visible, and the bytes it fetched. */
async function firstLoads(url: string, ready: string, link: (typeof LINKS)[keyof typeof LINKS]): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    if (link) await cdp.send("Network.emulateNetworkConditions", link);
    let received = 0;
    cdp.on("Network.loadingFinished", (event: { encodedDataLength: number }) => (received += event.encodedDataLength));
    await page.goto(url);
    await page.waitForSelector(ready, { state: "visible", timeout: 120_000 });
    ms.push(await page.evaluate(() => performance.now()));
    bytes = received;
    await context.close();
  }
  return { ms: ms.sort((a, b) => a - b), bytes };
}

const rows: string[][] = [];
try {
  for (const [linkName, link] of Object.entries(LINKS)) {
    const results: Record<string, { ms: number[]; bytes: number }> = {};
    for (const [name, page] of Object.entries(PAGES)) results[name] = await firstLoads(page.url, page.ready, link);
    const studio = percentile(results["Superpose Studio"]!.ms, 0.5);
    for (const [name, result] of Object.entries(results)) {
      const median = percentile(result.ms, 0.5);
      rows.push([linkName, name, formatMs(median), formatMs(percentile(result.ms, 0.9)), `${(result.bytes / 1024).toFixed(0)} KiB`, formatRatio(median / studio)]);
    }
  }
} finally {
  await browser.close();
  edge.closeAllConnections();
  edge.close();
  await server.stop();
  fs.rmSync(temp, { recursive: true, force: true });
}
console.log(`Superpose Studio bundle: first load ${(report.initialGzipBytes / 1024).toFixed(1)} KiB gzipped (charts and the CSV parser load later; everything ${(report.totalGzipBytes / 1024).toFixed(1)} KiB)`);
console.log(`First load to interactive, cold, median of ${runs} (p90 beside it), headless Chromium:`);
printTable(["link", "page", "median", "p90", "transferred", "× Studio"], rows);
