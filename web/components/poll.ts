// Follows a job (training, export) until it ends: reads it again every `ms` while it runs, one
// read at a time, and stops when the screen goes away. The newest state is the caller's own
// (`setItem`), so a job the caller replaces (a new start, a cancel) is followed from there.
import { useEffect, useState } from "preact/hooks";

export function usePoll<T extends { id: string }>(
  item: T | null,
  setItem: (item: T) => void,
  options: { running: (item: T) => boolean; read: (id: string) => Promise<T>; ms: number; onFinished?: () => Promise<void> | void },
): unknown {
  const [error, setError] = useState<unknown>(null);
  const running = item !== null && options.running(item);
  useEffect(() => {
    if (!item || !running) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const next = await options.read(item.id);
        if (!live) return;
        setItem(next);
        if (!options.running(next)) await options.onFinished?.();
      } catch (caught) {
        if (live) setError(caught);
      }
    }, options.ms);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [item, running]);
  return error;
}
