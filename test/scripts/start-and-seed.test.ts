// The first minutes of a new user: `npm start` refuses a taken port at once, naming it and how to
// choose others (before any bundling or migrating), and seeding two databases keeps one demo key
// file for each.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { freePorts } from "../support/offline-server.ts";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** Holds a loopback port for the duration of `body`. */
async function holding<T>(body: (port: number) => Promise<T>): Promise<T> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await body((server.address() as net.AddressInfo).port);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function start(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill(), 20_000); // it must not get as far as serving
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: performance.now() - started });
    });
  });
}

describe("npm start", () => {
  it.each([
    ["PORT", "the Studio and the API"],
    ["LAMBDA_PORT", "the local Lambda API (workers)"],
  ])("a taken %s stops it before any work, naming the port and how to choose others", async (name, what) =>
    holding(async (taken) => {
      const [free] = (await freePorts(1)).map(String);
      const other: Record<string, string> = name === "PORT" ? { LAMBDA_PORT: free! } : { PORT: free! };
      const { code, output } = await start({ ...other, [name]: String(taken) });
      expect(code).toBe(1);
      expect(output).toContain(`npm start: port ${taken} (${name}, ${what}) is already in use on 127.0.0.1.`);
      expect(output).toContain("PORT=4000 LAMBDA_PORT=4002 npm start");
      expect(output).not.toContain("bundling");
    }),
  );

  it("serves the Studio at / and the API at /graphql on the one URL it prints", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-start-"));
    const [port, lambdaPort] = (await freePorts(2)).map(String);
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: { ...process.env, PORT: port!, LAMBDA_PORT: lambdaPort!, DATABASE_URL: `file:${path.join(dir, "start.db")}`, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      let output = "";
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 90_000);
        const collect = (chunk: Buffer) => {
          output += chunk;
          if (output.includes("Ctrl-C stops it.")) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on("data", collect);
        child.stderr.on("data", collect);
      });
      const base = `http://127.0.0.1:${port}`;
      expect(output).toContain(`Superpose Studio  ${base}/`);
      expect(output).toContain(`GraphQL API       ${base}/graphql`);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<title>Superpose Studio</title>");
      const health = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ health { status } }" }) });
      expect(await health.json()).toEqual({ data: { health: { status: "OK" } } });
    } finally {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("refuses a port that is not a number, and the same port twice", async () => {
    expect((await start({ PORT: "http" })).output).toContain('PORT="http" is not a port number (1–65535).');
    expect((await start({ PORT: "4555", LAMBDA_PORT: "4555" })).output).toContain("PORT and LAMBDA_PORT are both 4555; they must differ.");
  });
});

describe("npm run db:seed", () => {
  it("keeps one demo API key file per database, so seeding one never overwrites another's", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-seed-"));
    const seed = async (file: string) => {
      const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, file)}`, LOG_LEVEL: "silent" };
      await run(process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy", "--quiet"], { cwd: root, env });
      return run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/seed.ts")], { cwd: dir, env });
    };
    const first = await seed("first.db");
    const second = await seed("second.db");
    const keyOf = (name: string) => fs.readFileSync(path.join(dir, "data", `demo-api-key.${name}.txt`), "utf8").trim();
    expect(first.stdout).toContain(`Authorization: Bearer ${keyOf("first")}`);
    expect(second.stdout).toContain(`Authorization: Bearer ${keyOf("second")}`);
    expect(keyOf("first")).not.toBe(keyOf("second"));
    // Seeding again changes nothing, and says where that database's key is.
    expect((await seed("first.db")).stdout).toContain("the demo user's API key is in data/demo-api-key.first.txt");
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
