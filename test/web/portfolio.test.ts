// The Portfolio screen in a real Chromium against the real server: the example market optimised
// by QAOA, the answer beside its baselines in a table, the likeliest portfolios as a chart, the
// circuit as a drawing; a malformed market named before anything is sent; the page accessible.
import { describe, expect, inject, it } from "vitest";
import { checkScreen, CHROMIUM, openPage, sharedBrowser, warnIfNoChromium } from "./support/browser.ts";

const DESKTOP = { width: 1280, height: 900 };
const browser = sharedBrowser();

describe.runIf(CHROMIUM)("the Portfolio screen", () => {
  it("optimises the example market and shows the answer beside the optimum, greedy and random portfolios", async () => {
    const { page, problems, context } = await openPage(browser(), DESKTOP);
    await page.goto(inject("studioUrl"));
    await page.getByLabel("Display name").fill("Portfolio manager");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("button", { name: /I saved it/ }).click();
    await page.getByRole("link", { name: "Portfolio", exact: true }).click();
    await page.getByRole("heading", { name: "Portfolio", level: 1 }).waitFor();

    const assets = page.getByLabel(/^Assets/);
    const example = await assets.inputValue();
    await assets.fill(example.replace("0.03,0.010", "0.03,oops"));
    await page.getByText("row 2: a name, then numbers").waitFor();
    expect(await page.getByRole("button", { name: "Optimise" }).isDisabled()).toBe(true);
    await assets.fill(example);

    await page.getByRole("button", { name: "Optimise" }).click();
    const result = page.getByTestId("portfolio-result");
    await result.waitFor({ timeout: 60_000 });
    const picks = await page.getByTestId("portfolio-table").locator("tbody th").allTextContents();
    expect(picks).toEqual(["QAOA: best measured", "exact optimum", "greedy", "best of as many random portfolios"]);
    const ratio = Number(await page.getByTestId("portfolio-table").locator("tbody tr").first().locator("td").nth(2).textContent());
    expect(ratio).toBeGreaterThanOrEqual(0.95);
    expect(await result.getByRole("heading", { level: 2 }).textContent()).toMatch(/^Hold 3: /);
    await page.getByTestId("portfolio-chart").locator("svg").first().waitFor();
    await result.getByText(/QAOA circuit \(6 qubits/).click();
    await result.getByRole("img", { name: /The QAOA circuit on 6 qubits/ }).waitFor();
    await checkScreen(page, "portfolio", DESKTOP);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

warnIfNoChromium("the Portfolio screen");
