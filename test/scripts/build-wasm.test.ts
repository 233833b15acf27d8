// The committed WebAssembly (core/kernels/simd/kernels.wasm.ts) is what its AssemblyScript source
// compiles to with the pinned compiler: nobody edits the bytes, and nobody forgets to rebuild.
import { describe, expect, it } from "vitest";
import { KERNELS_WASM } from "../../core/kernels/simd/kernels.wasm.ts";
import { buildKernels } from "../../scripts/lib/wasm-kernels.mjs";

describe("npm run build:wasm", () => {
  it("rebuilds the committed kernels byte for byte from assembly/kernels.ts", async () => {
    const rebuilt: string = await buildKernels();
    expect(rebuilt.length).toBeGreaterThan(1000);
    expect(rebuilt === KERNELS_WASM, "core/kernels/simd/kernels.wasm.ts is stale: run npm run build:wasm").toBe(true);
  }, 60_000);
});
