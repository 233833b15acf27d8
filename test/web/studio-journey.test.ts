// The whole first journey in Superpose Studio, in a real Chromium with no internet, against the
// real server (the local edge in front of serverless-offline, as `npm start` runs them): sign up →
// profile → circuit (a mistake shown at its line, then the diagram) → simulate → parameter slider →
// model → dataset → train (live loss curves) → predict → recommend → feedback → export → delete.
// Each screen is photographed, checked to be a real picture, its controls labelled, its console
// clean; the journey's length is logged (never asserted: the machine is shared).
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBaseModels } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";
import { checkScreen, CHROMIUM, launch, openPage, warnIfNoChromium, type Watched } from "./support/browser.ts";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM) return;
  const db = await connectTestDatabase();
  await ensureBaseModels(db); // what npm start seeds: the shared recommender the journey ranks with
  await db.$disconnect();
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe.runIf(CHROMIUM)("Superpose Studio in Chromium", () => {
  it("does the whole journey, sign-up to account deletion, with no terminal", async () => {
    const started = performance.now();
    const laps: string[] = [];
    let lapStart = started;
    /** Marks the end of a step: the step's seconds go into the journey's log line. */
    const lap = (step: string) => {
      const now = performance.now();
      laps.push(`${step} ${((now - lapStart) / 1000).toFixed(1)} s`);
      lapStart = now;
    };
    const { page, problems, context }: Watched = await openPage(browser, DESKTOP);
    const name = `Ada ${Date.now()}`;

    // 1. Sign up: the key is shown once, then kept in this tab's session storage, never in the URL.
    await page.goto(inject("studioUrl"));
    await checkScreen(page, "01-welcome", DESKTOP);
    await page.getByLabel("Display name").fill(name);
    await page.getByRole("button", { name: "Sign up" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!;
    expect(key).toMatch(/^sp_/);
    await checkScreen(page, "02-api-key", DESKTOP);
    await page.getByRole("button", { name: /I saved it/ }).click();
    await page.getByRole("heading", { name: "Profile", level: 1 }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("superpose.apiKey"))).toBe(key);
    expect(page.url()).not.toContain(key);

    // Profile: consent switches save at once and stay saved after a reload.
    const shared = page.getByLabel(/Shared training/);
    await expect.poll(() => shared.isChecked()).toBe(false);
    await shared.check();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel(/Shared training/).isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel("Features").inputValue()).toBe("0.4, -0.2, 0.9, 0.1");
    await page.getByRole("cell", { name: "this tab" }).waitFor(); // the keys list marks the key in use
    // A second key for scripts: its secret shown once, then revoked.
    await page.getByLabel("New key's name").fill("scripts");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("status").filter({ hasText: "New key (shown once): sp_" }).waitFor();
    await page.getByRole("button", { name: "Revoke scripts" }).click();
    await page.getByRole("row", { name: /^scripts .* revoked/ }).waitFor();
    await checkScreen(page, "03-profile", DESKTOP);
    // Sign out, and back in with the key (from the keyboard).
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").fill(key);
    await page.getByLabel("API key").press("Enter");
    await page.getByRole("heading", { name: "Profile", level: 1 }).waitFor();
    lap("sign-up + profile");

    // 2. Circuits: a mistake is shown at its line and column; the fixed program is drawn.
    await page.getByRole("link", { name: "Circuits" }).click();
    // The skip link (first in the page) moves focus to the screen and keeps the screen.
    await page.getByRole("link", { name: "Skip to content" }).focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => [document.activeElement?.id, location.hash])).toEqual(["main", "#/circuits"]);
    const editor = page.getByLabel("OpenQASM 2.0 or 3.0");
    await page.getByLabel("Upload a .qasm file").setInputFiles({ name: "typo.qasm", mimeType: "text/plain", buffer: Buffer.from('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nhh q[0];\n') });
    await expect.poll(() => page.getByLabel("Name", { exact: true }).inputValue()).toBe("typo");
    await page.getByRole("button", { name: "Save and draw" }).click();
    await page.getByRole("alert").filter({ hasText: "At line 4, column 1" }).waitFor();
    expect(await editor.getAttribute("aria-invalid")).toBe("true");
    // The editor's cursor is put where the parser stopped: line 4, column 1.
    expect(await editor.evaluate((area) => (area as HTMLTextAreaElement).value.slice(0, (area as HTMLTextAreaElement).selectionStart).split("\n").length)).toBe(4);
    await checkScreen(page, "04-circuit-error", DESKTOP);
    await page.getByRole("button", { name: "Bell pair (OpenQASM 2)" }).click();
    await page.getByRole("button", { name: "Save and draw" }).click();
    await page.getByRole("img", { name: "Circuit diagram of Bell" }).waitFor();

    // Simulate with shots and a seed: a histogram of two bitstrings and ⟨Z0 Z1⟩ = 1.
    await page.getByLabel("Shots", { exact: true }).fill("1000");
    await page.getByLabel("Seed").fill("7");
    await page.getByRole("button", { name: "Simulate" }).click();
    const histogram = page.getByTestId("histogram").getByRole("img");
    await expect.poll(() => histogram.getAttribute("aria-label")).toMatch(/^Counts of 1000 shots per bitstring: 00 \d+, 11 \d+$/);
    await page.getByRole("row", { name: "Z0 Z1 1.0000" }).waitFor();
    await checkScreen(page, "05-circuit-simulated", DESKTOP);

    // A symbolic parameter gets a slider that re-simulates as it moves.
    await page.getByRole("button", { name: "Rotation with a parameter (OpenQASM 3)" }).click();
    await page.getByRole("button", { name: "Save and draw" }).click();
    await page.getByRole("img", { name: "Circuit diagram of Rotation with a parameter" }).waitFor();
    await page.getByLabel("Shots", { exact: true }).fill("0");
    await page.getByRole("button", { name: "Simulate" }).click();
    await expect.poll(() => histogram.getAttribute("aria-label")).toMatch(/^Probabilities per bitstring/);
    const before = await histogram.getAttribute("aria-label");
    const slider = page.getByLabel(/^theta = /);
    await slider.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight"); // keyboard only
    await expect.poll(() => slider.evaluate((input) => (input as HTMLInputElement).value)).toBe("0.7");
    await expect.poll(() => histogram.getAttribute("aria-label")).not.toBe(before);
    await checkScreen(page, "06-circuit-parameter", DESKTOP);
    // Two saved circuits (the typo was refused, so never saved); deleting one removes it from the list.
    const saved = page.getByRole("region", { name: /^Your circuits/ });
    await page.getByRole("heading", { name: "Your circuits (2)" }).waitFor();
    await page.getByRole("button", { name: "Delete Bell pair" }).click();
    await page.getByRole("heading", { name: "Your circuits (1)" }).waitFor();
    expect(await saved.getByRole("listitem").count()).toBe(1);
    lap("circuits");

    // 3. Models: a blueprint (limits from the schema beside the fields), a dataset with a preview, training.
    await page.getByRole("link", { name: "Models" }).click();
    // The limits come from the schema and describe their field.
    const description = async () => {
      const id = await page.getByLabel("Features", { exact: true }).getAttribute("aria-describedby");
      return id ? page.locator(`[id="${id}"]`).textContent() : null; // no description until the limits arrive
    };
    await expect.poll(description).toBe("Features per example (RECOMMENDATION: per user), 1–64.");
    await page.getByLabel("Name", { exact: true }).fill("My Iris");
    await page.getByRole("button", { name: "Create model" }).click();
    await page.getByRole("heading", { name: "My Iris", level: 2 }).waitFor();
    // A file with bad rows: previewed, then refused with every problem by row and column, nothing written.
    const bad = "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n4.9,three,1.4,0.2,setosa\n,3.2,1.3,0.2,setosa\n";
    await page.getByLabel("Choose a CSV file").setInputFiles({ name: "flowers.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    expect(await page.getByTestId("csv-preview").locator("caption").textContent()).toBe("Preview: the first 3 of 3 rows");
    await page.getByRole("button", { name: "Import dataset" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "row 3" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/csv › row 3 › column 2: .*"three" is not a decimal number/);
    expect(await refusal.textContent()).toContain("csv › row 4 › column 1");
    await checkScreen(page, "07-dataset-errors", DESKTOP);
    await page.getByRole("button", { name: /Use the example Iris/ }).click();
    await page.getByTestId("csv-preview").getByRole("cell", { name: "5.1", exact: true }).first().waitFor();
    expect(await page.getByTestId("csv-preview").locator("caption").textContent()).toBe("Preview: the first 5 of 150 rows");
    await page.getByRole("button", { name: "Import dataset" }).click();
    await page.getByRole("status").filter({ hasText: "Imported 150 examples" }).waitFor();
    lap("model + dataset");
    await page.getByLabel("Epochs").fill("15"); // as the README journey
    // On shot estimates (parameter-shift gradients), training takes several bursts: the curves grow live.
    await page.getByText("More settings").click();
    await page.getByLabel("Shots", { exact: true }).fill("200");
    // Record what the panel shows each time it changes: the status and the points of the loss curves.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { trainingSeen: seen });
      new MutationObserver(() => {
        const status = document.querySelector('[data-testid="job-status"]')?.textContent;
        const curve = document.querySelector('[data-testid="loss-curves"] [role="img"]')?.getAttribute("aria-label");
        if (status) seen.push(`${status} ${curve ? curve.split(";").length : 0}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole("button", { name: "Start training" }).click();
    // Live: the loss curves are drawn while the job runs, then the version's metrics beside the baseline.
    await page.getByTestId("loss-curves").getByRole("img").waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId("job-status").textContent(), { timeout: 120_000 }).toBe("SUCCEEDED");
    lap("training");
    // Live: while the job ran, the curves were drawn with some of its epochs, and then with more
    // (how many bursts that takes depends on the machine's speed: two on a fast one).
    const seen = await page.evaluate(() => (window as unknown as { trainingSeen: string[] }).trainingSeen);
    const pointsWhile = (status: string) => seen.filter((entry) => entry.startsWith(`${status} `)).map((entry) => Number(entry.split(" ")[1]));
    const whileRunning = pointsWhile("RUNNING").filter((points) => points > 0);
    expect(whileRunning.length, seen.join(" | ")).toBeGreaterThanOrEqual(1);
    expect(Math.max(...pointsWhile("SUCCEEDED")), seen.join(" | ")).toBeGreaterThan(Math.min(...whileRunning));
    const curve = (await page.getByTestId("loss-curves").getByRole("img").getAttribute("aria-label"))!;
    expect(curve.split(";").length).toBeGreaterThanOrEqual(3); // a point per epoch
    await page.getByTestId("metrics").first().getByRole("row", { name: /^accuracy/ }).waitFor();
    await page.getByTestId("confusion-quantum").first().locator("svg").first().waitFor();
    await page.getByTestId("versions").getByRole("cell", { name: "v1", exact: true }).waitFor();
    await checkScreen(page, "08-model-trained", DESKTOP);
    lap("metrics");

    // 4. Predict: probabilities with the interval as an error bar, attributions with their gap.
    await page.getByRole("link", { name: "Predict" }).click();
    await page.getByRole("heading", { name: "Predict", level: 1 }).waitFor();
    await page.getByLabel("Model").selectOption({ label: "My Iris · v1" });
    await page.getByRole("button", { name: "Predict" }).click();
    await expect.poll(() => page.getByTestId("prediction").textContent()).toMatch(/^Predicted (setosa|versicolor|virginica) with probability 0\.\d{3} \[0\.\d{3}, [01]\.\d{3}\] \(95 % Wilson interval from shots\)$/);
    await page.getByTestId("probabilities").locator("svg").first().waitFor();
    await page.getByTestId("attributions").locator("svg").first().waitFor();
    expect(await page.getByTestId("completeness").textContent()).toMatch(/completeness gap of -?\d\.\d{4} \(tolerance \d\.\d{4}\)/);
    await checkScreen(page, "09-predict", DESKTOP);
    lap("predict");

    // 5. Recommendations: personal and shared side by side; a thumbs up moves the personal ranking.
    await page.getByRole("link", { name: "Recommendations" }).click();
    await page.getByRole("heading", { name: "Recommendations", level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel(/Candidate items/).inputValue()).toContain("item-01,");
    await page.getByRole("button", { name: "Rank items" }).click();
    const personal = page.getByTestId("ranking-personal");
    await personal.getByText("Ranked with the model's shared parameters.").waitFor();
    const order = () => personal.locator("ol.ranking > li").evaluateAll((items) => items.map((li) => li.getAttribute("data-item")));
    const first = await order();
    expect(first.length).toBe(30); // every item of examples/items.csv
    const last = first[first.length - 1]!;
    for (let i = 0; i < 3; i++) {
      await personal.getByRole("button", { name: `Like ${last}`, exact: true }).click();
      await page.getByRole("status").filter({ hasText: `your parameters are at version ${i + 1}` }).waitFor();
    }
    await personal.getByText("Ranked with your personal parameters.").waitFor();
    const now = await order();
    expect(now.indexOf(last)).toBeLessThan(first.indexOf(last)); // it moved up
    expect(await page.getByTestId("ranking-shared").locator("ol.ranking > li").evaluateAll((items) => items.map((li) => li.getAttribute("data-item")))).toEqual(first);
    await checkScreen(page, "10-recommendations", DESKTOP);
    lap("recommendations + feedback");

    // 6. My data: the export downloads as a file; then the account is deleted after confirmation.
    await page.getByRole("link", { name: "My data" }).click();
    await page.getByRole("button", { name: "Export my data" }).click();
    const link = page.getByRole("link", { name: "Download the file" });
    await link.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const lines = fs.readFileSync((await download.path())!, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(JSON.stringify(lines[0])).toContain("superpose");
    expect(lines.some((record) => JSON.stringify(record).includes(name))).toBe(true);
    await checkScreen(page, "11-my-data", DESKTOP);
    lap("export");
    const remove = page.getByRole("button", { name: "Delete my account" });
    expect(await remove.isDisabled()).toBe(true); // until the name is typed
    await page.getByLabel(/Type your display name/).fill(name);
    await remove.click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("superpose.apiKey"))).toBeNull();
    expect(problems).toEqual([]); // no console error or warning on the whole journey
    // The deleted key no longer signs in (the browser logs that refused request, and nothing else).
    await page.getByLabel("API key").fill(key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "sign in again" }).waitFor();
    expect(problems).toEqual([expect.stringMatching(/status of 401/)]);
    await context.close();
    lap("deletion");
    console.log(`Studio journey in Chromium: ${((performance.now() - started) / 1000).toFixed(1)} s (${laps.join(", ")})`);
  }, 300_000);

  it("fits a phone: every screen in one column, nothing scrolls sideways, all controls labelled", async () => {
    const { page, problems, context } = await openPage(browser, PHONE);
    await page.goto(inject("studioUrl"));
    await checkScreen(page, "phone-01-welcome", PHONE);
    await page.getByLabel("Display name").fill("Phone user");
    await page.getByLabel("Display name").press("Enter"); // a form submits from the keyboard
    await page.getByRole("button", { name: /I saved it/ }).click();
    for (const [screen, heading] of [["profile", "Profile"], ["circuits", "Circuits"], ["models", "Models"], ["predict", "Predict"], ["recommend", "Recommendations"], ["portfolio", "Portfolio"], ["data", "My data"]]) {
      await page.getByRole("link", { name: heading, exact: true }).click();
      await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
      await checkScreen(page, `phone-${screen}`, PHONE);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

warnIfNoChromium("Superpose Studio in Chromium");
