// Loads a query when a screen opens (and again on reload()), with its error kept for display.
import { useCallback, useEffect, useState } from "preact/hooks";

export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[] = []): { data: T | undefined; error: unknown; loading: boolean; reload: () => Promise<void> } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: true });
  // The caller names what the query depends on (deps), like useEffect's list.
  const reload = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      setState({ data: await load(), error: null, loading: false });
    } catch (error) {
      setState((s) => ({ ...s, error, loading: false }));
    }
  }, deps);
  useEffect(() => void reload(), [reload]);
  return { ...state, reload };
}
