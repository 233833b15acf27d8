// GraphiQL, offline, in Chromium: its tabs hold the README's journey with variables that work as
// they stand; running the SignUp tab signs a user up.
import { describe, expect, inject, it } from "vitest";
import { CHROMIUM, openPage, sharedBrowser, warnIfNoChromium } from "./support/browser.ts";

const browser = sharedBrowser();

describe.runIf(CHROMIUM)("GraphiQL's default tabs", () => {
  it("run the README's SignUp step with its variables, as they stand", async () => {
    const { page, problems, context } = await openPage(browser(), { width: 1280, height: 900 });
    await page.goto(new URL("/graphql", inject("studioUrl")).href);
    await page.locator(".graphiql-tab-button", { hasText: /^SignUp$/ }).dispatchEvent("click");
    await expect.poll(() => page.locator(".graphiql-editor").first().textContent()).toMatch(/mutation\sSignUp\(\$input:\sCreateUserInput!\)/); // the editor shows spaces as U+00A0
    await page.getByRole("button", { name: /Execute query/ }).click();
    await expect.poll(() => page.locator(".result-window").textContent(), { timeout: 15_000 }).toMatch(/"apiKey":\s+"sp_/);
    expect(problems.filter((p) => !p.includes("DevTools"))).toEqual([]);
    await context.close();
  }, 60_000);
});

warnIfNoChromium("GraphiQL's default tabs in Chromium");
