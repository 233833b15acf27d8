// Debian's Chromium, where it is installed (.ci/run installs it): the one browser every browser
// test drives. Without it those tests are skipped, and each file says so once.
import fs from "node:fs";

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

export function warnIfNoChromium(what: string): void {
  if (!CHROMIUM) console.warn(`${what}: skipped (no /usr/bin/chromium; \`apt-get install chromium\`, as .ci/run does)`);
}
