// GraphiQL works on a machine with no internet: its scripts are served by us (inline), not
// fetched from a CDN. Debian's Chromium opens the page with every host but loopback unresolvable
// and must render the editor with our default operations (a CDN page stays "Loading __TITLE__…").
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { CHROMIUM, warnIfNoChromium } from "../support/chromium.ts";

describe.runIf(CHROMIUM)("GraphiQL with no internet (Chromium)", () => {
  it("renders the editor and the default operations from our own server alone", () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-graphiql-"));
    try {
      const dom = execFileSync(
        CHROMIUM!,
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          `--user-data-dir=${profile}`,
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", // the internet is gone
          "--virtual-time-budget=15000", "--dump-dom", inject("graphqlUrl"),
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      );
      const root = /<div id="root">([\s\S]*?)<\/div>/.exec(dom)?.[0] ?? "";
      expect(root).not.toContain("Loading");
      expect(root).toContain('<div class="graphiql-container">');
      expect(dom).toContain("Welcome to Superpose");
      // Its tabs: the welcome, then each step of the README's journey, with its variables.
      for (const step of ["SignUp", "ImportCircuit", "Simulate", "StartTraining", "Predict", "RecordFeedback", "ExportProgress"]) expect(dom, step).toContain(`>${step}<`);
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }, 90_000);
});

warnIfNoChromium("GraphiQL in Chromium");
