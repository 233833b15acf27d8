// Builds core's SIMD kernels: AssemblyScript (core/kernels/simd/assembly/kernels.ts) → WebAssembly
// with the compiler from npm (a devDependency; nothing downloaded), written as base64 into
// core/kernels/simd/kernels.wasm.ts. That generated module is committed, so installing, testing,
// bundling and the browser need no compiler; test/core/simd-build.test.ts rebuilds it and fails
// if the committed bytes are not what the source gives.
//
//   npm run build:wasm            (after editing the AssemblyScript)
import fs from "node:fs";
import { buildKernels, moduleText, TARGET } from "./lib/wasm-kernels.mjs";

const base64 = await buildKernels();
fs.writeFileSync(TARGET, moduleText(base64));
console.log(`${TARGET}: ${Buffer.from(base64, "base64").length} bytes of WebAssembly`);
