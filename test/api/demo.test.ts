// `npm run demo` is the README's journey, run unattended against a live server: it must reach its
// last step, through the GraphQL API only, on both databases.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBaseModels } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";

const root = path.resolve(import.meta.dirname, "../..");

beforeAll(async () => {
  // What npm start's seed does: the shared base models the demo recommends with.
  const db = await connectTestDatabase();
  await ensureBaseModels(db);
  await db.$disconnect();
});

describe("npm run demo", () => {
  it("walks sign-up → circuit → simulation → model → dataset → training → prediction → recommendation → feedback → export", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/demo.ts"], {
      cwd: root,
      env: { ...process.env, GRAPHQL_URL: inject("graphqlUrl") },
      timeout: 60_000,
    }).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`the demo failed:\n${error.stdout ?? error.message}`);
    });
    const steps = stdout.split("\n").filter((line) => /^\[\s*\d+\/13\]/.test(line));
    expect(steps).toHaveLength(13);
    expect(stdout).toMatch(/counts 00: \d+, 11: \d+/);
    expect(stdout).toMatch(/150 examples/);
    expect(stdout).toMatch(/SUCCEEDED after \d+ epochs/);
    expect(stdout).toMatch(/\[11\/13\] .* … personalized: /);
    expect(stdout).toMatch(/downloaded \d+ JSON lines \(superpose-export\)/);
    expect(stdout).toContain("Done: every step went through the GraphQL API");
  }, 90_000);
});
