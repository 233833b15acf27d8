/** Compiles core/kernels/simd/assembly/kernels.ts; resolves to the WebAssembly as base64. */
export function buildKernels(): Promise<string>;
/** The text of core/kernels/simd/kernels.wasm.ts for that base64. */
export function moduleText(base64: string): string;
export const TARGET: string;
