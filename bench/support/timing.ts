// Timing for benchmarks: warm up, then repeat until enough time has passed; report the median.

export interface Timing {
  medianMs: number;
  runs: number;
}

/** Runs fn at least minRuns times and for at least minMs; a single run over budgetMs stops early. */
export async function time(fn: () => unknown, options: { minRuns?: number; minMs?: number; warmup?: number } = {}): Promise<Timing> {
  const { minRuns = 3, minMs = 300, warmup = 1 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minMs) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    if (samples.length >= 200) break;
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[samples.length >> 1]!, runs: samples.length };
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "—";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "—";
  return ratio >= 100 ? `${ratio.toFixed(0)}×` : ratio >= 10 ? `${ratio.toFixed(1)}×` : `${ratio.toFixed(2)}×`;
}

/** Prints rows as an aligned table. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

/** The p-th quantile (0–1) of values sorted ascending: the value at index ⌊n·p⌋. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}
