// Rate-limit counters use fixed windows aligned to the clock, so a burst sent across a window's
// end is counted in two windows. Tests that count a burst wait out the last seconds of a window.
export async function awayFromWindowEdge(windowSeconds: number, marginMs = 5_000): Promise<void> {
  const left = windowSeconds * 1_000 - (Date.now() % (windowSeconds * 1_000));
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
