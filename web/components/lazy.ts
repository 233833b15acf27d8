// What only some screens need loads when they open, not with the page: the charts (Observable
// Plot), the CSV parser (csv-parse, the same library the API parses with) and the example files.
// Each loads once.
import { useEffect, useState } from "preact/hooks";

export type ParseCsv = typeof import("csv-parse/browser/esm/sync").parse;
export type Examples = typeof import("../examples.ts");
export type Charts = typeof import("../charts.ts");

const cache = new Map<() => Promise<unknown>, Promise<unknown>>();
const once = <T,>(load: () => Promise<T>) => () => {
  if (!cache.has(load)) cache.set(load, load());
  return cache.get(load) as Promise<T>;
};

export const loadCsvParser = once(async (): Promise<ParseCsv> => (await import("csv-parse/browser/esm/sync")).parse);
export const loadExamples = once((): Promise<Examples> => import("../examples.ts"));
export const loadCharts = once((): Promise<Charts> => import("../charts.ts"));

/** The loaded module, or undefined while it loads. */
export function useLazy<T>(load: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void load().then((loaded) => live && setValue(() => loaded));
    return () => {
      live = false;
    };
  }, [load]);
  return value;
}
