// A chart drawn by Observable Plot. Plot (and d3) load with the first chart, not with the page:
// signing in needs none of it. `draw` gets the figure builders of web/charts.ts.
import { useEffect, useRef, useState } from "preact/hooks";
import { loadCharts, type Charts } from "./lazy.ts";

export function Chart({ draw, label, testId }: { draw: (charts: Charts, width: number) => Element; label: string; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadCharts()
      .then((module) => {
        const element = container.current;
        if (!live || !element) return;
        const figure = draw(module, Math.max(280, Math.min(720, element.clientWidth || 640)));
        figure.setAttribute("aria-hidden", "true"); // the container's label says what it shows, in words
        element.replaceChildren(figure);
      })
      .catch((error: unknown) => live && setFailed(String(error)));
    return () => {
      live = false;
    };
  }, [draw]);
  return (
    <figure class="chart" data-testid={testId}>
      <div ref={container} role="img" aria-label={label} />
      {failed && <figcaption class="problem">The chart could not be drawn: {failed}</figcaption>}
    </figure>
  );
}
