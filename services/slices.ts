// Long computations in slices: a stepwise computation (a generator from core/) runs until a slice
// of time is used, then gives the event loop a turn before it goes on. One process serving many
// requests (serverless-offline, a container) then answers others while a heavy request runs; in
// Lambda, with one request per instance, the slices cost a few microseconds each and nothing else.

/** How long a computation may hold the thread before others get a turn (milliseconds). */
export const SLICE_MS = 5;

export async function runInSlices<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStarted = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStarted >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
}
