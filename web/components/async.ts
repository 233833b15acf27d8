// One hook for every button that calls the API: it runs the action, keeps its result or error,
// and says whether it is busy, so each screen shows progress and problems the same way.
import { useCallback, useRef, useState } from "preact/hooks";

export interface Action<A extends unknown[], T> {
  run: (...args: A) => Promise<T | undefined>;
  busy: boolean;
  error: unknown;
  result: T | undefined;
  reset: () => void;
}

export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>): Action<A, T> {
  const [state, setState] = useState<{ busy: boolean; error: unknown; result: T | undefined }>({ busy: false, error: null, result: undefined });
  const latest = useRef(action);
  latest.current = action;
  const run = useCallback(async (...args: A) => {
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const result = await latest.current(...args);
      setState({ busy: false, error: null, result });
      return result;
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error }));
      return undefined;
    }
  }, []);
  const reset = useCallback(() => setState({ busy: false, error: null, result: undefined }), []);
  return { ...state, run, reset };
}
