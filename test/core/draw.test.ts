// Circuit drawings: text and SVG snapshots (committed under test/core/snapshots), determinism, and
// the SVG rendered by Debian's Chromium (a screenshot that is the right size and not blank).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { CircuitBuilder, drawSvg, drawText, parseQasm, renderSvg, symbol } from "../../core/index.ts";
import { CHROMIUM, warnIfNoChromium } from "../support/chromium.ts";

function showcase() {
  return new CircuitBuilder(3, 3)
    .h(0).cx(0, 1).rz(symbol("theta"), 2).ccx(0, 1, 2).rzz(Math.PI / 4, 0, 2).swap(1, 2).barrier()
    .u3(0.1234, -Math.PI / 2, 2.5, 1).measure(0, 0).reset(1)
    .gate("x", [2], [], { condition: { clbits: [0, 1, 2], value: 5 } })
    .build();
}

function qft3() {
  return parseQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\nh q[2];\ncu1(pi/2) q[1],q[2];\ncu1(pi/4) q[0],q[2];\nh q[1];\ncu1(pi/2) q[0],q[1];\nh q[0];\nswap q[0],q[2];\n');
}

describe("drawText", () => {
  it("draws a Bell pair with measurement", async () => {
    await expect(drawText(new CircuitBuilder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build())).toMatchFileSnapshot("snapshots/bell.txt");
  });

  it("draws every element kind", async () => {
    await expect(drawText(showcase())).toMatchFileSnapshot("snapshots/showcase.txt");
  });

  it("draws a QFT read from OpenQASM", async () => {
    await expect(drawText(qft3())).toMatchFileSnapshot("snapshots/qft3.txt");
  });

  it("is deterministic and independent of how the circuit was made", () => {
    const built = new CircuitBuilder(2).h(0).cp(Math.PI / 2, 0, 1).build();
    const read = parseQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\ncu1(pi/2) q[0],q[1];\n');
    expect(drawText(built)).toBe(drawText(read));
    expect(drawText(showcase())).toBe(drawText(showcase()));
  });
});

describe("drawSvg", () => {
  it("draws every element kind", async () => {
    await expect(drawSvg(showcase())).toMatchFileSnapshot("snapshots/showcase.svg");
  });

  it("is well-formed: balanced tags, escaped text, a size that fits the content", () => {
    const { svg, width, height } = renderSvg(new CircuitBuilder(2).h(0).cx(0, 1).build());
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"`)).toBe(true);
    const custom = renderSvg(new CircuitBuilder(1).unitary([0, 0, 1, 0, 1, 0, 0, 0], [0], "a<b & c").build()).svg;
    expect(custom).toContain("a&lt;b &amp; c");
    expect(custom).not.toContain("a<b");
  });
});

describe.runIf(CHROMIUM)("drawSvg in Chromium", () => {
  it("renders to a screenshot of the SVG's size that is not blank", () => {
    const { svg, width, height } = renderSvg(showcase());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-svg-"));
    try {
      const page = path.join(dir, "circuit.html");
      fs.writeFileSync(page, `<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      const screenshot = path.join(dir, "circuit.png");
      execFileSync(CHROMIUM!, [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", `--user-data-dir=${path.join(dir, "profile")}`,
        `--window-size=${width},${height}`, `--screenshot=${screenshot}`, `file://${page}`,
      ], { stdio: "ignore", timeout: 60_000 });
      const png = PNG.sync.read(fs.readFileSync(screenshot));
      expect([png.width, png.height]).toEqual([width, height]);
      let dark = 0, blue = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        if (r < 100 && g < 100 && b < 100) dark++;
        if (b > 240 && r < 245 && r > 225) blue++; // the gate boxes' #eef4ff fill
      }
      expect(dark).toBeGreaterThan(500); // wires, text, dots
      expect(blue).toBeGreaterThan(2000); // gate boxes
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

warnIfNoChromium("drawSvg in Chromium");
