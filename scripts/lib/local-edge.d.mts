// Types of local-edge.mjs for the TypeScript that imports it (the test setup, the benchmarks).
import type http from "node:http";

export const API_PATHS: RegExp[];
export function cacheControl(file: string): string;
export function contentType(file: string): string;
export function startLocalEdge(options: { host: string; port: number; webRoot: string; api: string }): Promise<http.Server>;
