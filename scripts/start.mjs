#!/usr/bin/env node
// `npm start`: checks the two ports first (before any work, and says which is taken and how to pick
// others), bundles the functions and the Studio only when their sources changed, applies pending
// migrations, seeds (the demo user when the database is empty, the base models when missing), then
// serves everything on PORT (default 3000): the Studio at /, the API at /graphql. A local edge
// (scripts/lib/local-edge.mjs, CloudFront's stand-in) serves the Studio's files and passes the API's
// paths to serverless-offline on a private loopback port; its Lambda API is on LAMBDA_PORT
// (default 3002), which the functions use to invoke their workers (LAMBDA_ENDPOINT follows it).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalEdge } from "./lib/local-edge.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";

function port(name, fallback) {
  const value = process.env[name] ?? String(fallback);
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) fail(`${name}="${value}" is not a port number (1–65535).`);
  return parsed;
}

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

/** Resolves when the port can be listened on at HOST; otherwise with the error's code. */
function probe(number) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (error) => resolve(error.code ?? "EUNKNOWN"));
    server.listen(number, HOST, () => server.close(() => resolve(null)));
  });
}

const httpPort = port("PORT", 3000);
const lambdaPort = port("LAMBDA_PORT", 3002);
if (httpPort === lambdaPort) fail(`PORT and LAMBDA_PORT are both ${httpPort}; they must differ.`);
for (const [name, number, what] of [["PORT", httpPort, "the Studio and the API"], ["LAMBDA_PORT", lambdaPort, "the local Lambda API (workers)"]]) {
  const problem = await probe(number);
  if (problem === "EADDRINUSE") {
    fail(`port ${number} (${name}, ${what}) is already in use on ${HOST}. Stop what uses it, or choose free ports, e.g.\n  PORT=4000 LAMBDA_PORT=4002 npm start`);
  }
  if (problem) fail(`cannot listen on ${HOST}:${number} (${name}): ${problem}.`);
}

/** Newest modification time under these paths (files and folders, recursively). */
function newest(paths) {
  let latest = 0;
  const visit = (entry) => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const entry of paths) visit(path.join(root, entry));
  return latest;
}

const run = (script, args = []) => execFileSync(process.execPath, [script, ...args], { cwd: root, stdio: "inherit" });

// The bundle is current when nothing it is made from changed since it was written.
const bundleMark = path.join(root, "dist/functions/package-patterns.json");
const sources = ["functions", "schema", "services", "ml", "core", "config", "prisma/generated", "package.json", "package-lock.json", "scripts/bundle.mjs"];
const built = fs.statSync(bundleMark, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (newest(sources) > built) {
  console.log("npm start: bundling the functions (sources changed)");
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: root, stdio: "ignore" });
}
const webMark = path.join(root, "dist/web/index.html");
const webBuilt = fs.statSync(webMark, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (newest(["web", "client", "examples", "package-lock.json", "scripts/build-web.mjs"]) > webBuilt) {
  console.log("npm start: building the Studio (sources changed)");
  execFileSync(process.execPath, ["scripts/build-web.mjs", "--quiet"], { cwd: root, stdio: "inherit" });
}
run("scripts/migrate.mjs", ["deploy", "--quiet"]);
run(path.join(root, "node_modules/tsx/dist/cli.mjs"), ["scripts/seed.ts"]);

/** A free loopback port for serverless-offline's own HTTP server, behind the edge. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
}

const offlinePort = await freePort();
const endpoint = `http://${HOST}:${lambdaPort}`;
const child = spawn(path.join(root, "node_modules/.bin/osls"), ["offline", "--host", HOST, "--httpPort", String(offlinePort), "--lambdaPort", String(lambdaPort)], {
  cwd: root,
  env: { ...process.env, LAMBDA_ENDPOINT: endpoint },
  stdio: ["ignore", "pipe", "pipe"],
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// serverless-offline's own lines name its private port; once it is ready, say where to go.
let announced = false;
async function announce(chunk, stream) {
  stream.write(chunk);
  if (announced || !String(chunk).includes("Server ready")) return;
  announced = true;
  try {
    await startLocalEdge({ host: HOST, port: httpPort, webRoot: path.join(root, "dist/web"), api: `http://${HOST}:${offlinePort}` });
  } catch (error) {
    console.error(`npm start: cannot listen on ${HOST}:${httpPort} (PORT): ${error.code ?? error.message}. Choose another, e.g. PORT=4000 npm start`);
    child.kill("SIGTERM");
    return;
  }
  const base = `http://${HOST}:${httpPort}`;
  console.log(`\nnpm start: ready.\n  Superpose Studio  ${base}/   (open it in a browser)\n  GraphQL API       ${base}/graphql   (GraphiQL in a browser)\n  Lambda API        ${endpoint}   (the workers' invocations)\nCtrl-C stops it.\n`);
}
child.stdout.on("data", (chunk) => void announce(chunk, process.stdout));
child.stderr.on("data", (chunk) => void announce(chunk, process.stderr));
