// Debian's Chromium driven by playwright-core (no browser download), on a machine with no
// internet: every host but loopback fails to resolve, so a page that needed a CDN would break.
// Collects console errors and warnings and uncaught exceptions, and writes screenshots checked to
// be real pictures (the size asked for, not one flat colour).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PNG } from "pngjs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { CHROMIUM } from "../../support/chromium.ts";

export { CHROMIUM, warnIfNoChromium } from "../../support/chromium.ts";

/** Where screenshots go: test-results/studio/ (CI keeps them as artifacts). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../../test-results/studio");

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM!,
    args: ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors and warnings, and uncaught exceptions, in order. */
  problems: string[];
}

export async function openPage(browser: Browser, viewport: { width: number; height: number }): Promise<Watched> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, reducedMotion: "reduce" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  return { context, page, problems };
}

/** Counts the distinct colours of a PNG (a blank page has one or two). */
function distinctColours(png: PNG): number {
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) colours.add(png.data.readUInt32BE(i));
  return colours.size;
}

/** Writes test-results/studio/<name>.png and returns what it shows: its size and colours. */
export async function screenshot(page: Page, name: string): Promise<{ width: number; height: number; colours: number; file: string }> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const png = PNG.sync.read(fs.readFileSync(file));
  return { width: png.width, height: png.height, colours: distinctColours(png), file };
}

/** Form controls a screen reader could not name (no label, aria-label or aria-labelledby). */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((element) => {
        const control = element as HTMLInputElement;
        if (control.type === "hidden") return false;
        const named = (control.labels?.length ?? 0) > 0 || control.getAttribute("aria-label") || control.getAttribute("aria-labelledby");
        return !named && !(element.tagName === "BUTTON" && element.textContent?.trim());
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );
}

/** True when the page scrolls sideways (content wider than the viewport). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * WCAG 2.x A and AA violations on the page as axe-core finds them (contrast, names, roles, …),
 * one line each: the rule, then where. axe runs through DevTools, so the page's CSP stays on.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  return violations;
}

/** Photographs the screen and checks the picture and the page: size, not blank, labels, no sideways scroll, WCAG AA. */
export async function checkScreen(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  const shot = await screenshot(page, name);
  expect(shot.width, name).toBe(viewport.width);
  expect(shot.height, name).toBeGreaterThanOrEqual(viewport.height);
  expect(shot.colours, `${name} looks blank`).toBeGreaterThan(20);
  expect(await unlabelledControls(page), `${name}: controls without a label`).toEqual([]);
  expect(await overflowsSideways(page), `${name} scrolls sideways`).toBe(false);
  expect(await accessibilityViolations(page), `${name}: WCAG 2.1 AA violations (axe-core)`).toEqual([]);
}

/** One Chromium for a test file's tests (when the machine has one), closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (CHROMIUM) browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}
