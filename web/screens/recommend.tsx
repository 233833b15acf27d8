// Recommendations: rank candidate items (the bundled example catalogue, or your own CSV) with a
// recommender, your personal ranking beside the shared one, each score with its band; like or
// dislike (the thumbs up and down) records feedback, moves your parameters, and re-ranks, showing what moved.
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { unwrap, predictions, type ResultOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { loadCsvParser, loadExamples, useLazy, type ParseCsv } from "../components/lazy.ts";
import { Chart } from "../components/chart.tsx";
import { ModelPicker, useModels } from "../components/model-picker.tsx";
import { fixed } from "../components/numbers.ts";
import { ProblemView } from "../components/problem.tsx";
import { api } from "../session.ts";

type Ranking = ResultOf<typeof predictions.RankedItems>;
interface Candidate { item: string; itemFeatures: number[] }

function candidatesFrom(parse: ParseCsv | undefined, csv: string): { candidates: Candidate[]; error: string | null } {
  if (!parse) return { candidates: [], error: null };
  try {
    const rows = parse(csv, { from_line: 2, skip_empty_lines: true, trim: true }) as string[][];
    const candidates = rows.map(([item, ...features], i) => {
      const itemFeatures = features.map(Number);
      if (!item || itemFeatures.some((f) => !Number.isFinite(f))) throw new Error(`row ${i + 2}: an item name, then numbers`);
      return { item, itemFeatures };
    });
    return { candidates, error: null };
  } catch (error) {
    return { candidates: [], error: (error as Error).message };
  }
}

export function RecommendScreen() {
  const choices = useModels((m) => m.task === "RECOMMENDATION" && m.latestVersion !== null);
  const [modelId, setModelId] = useState<string | null>(null);
  const model = choices.data?.find((m) => m.id === modelId) ?? choices.data?.[0];
  const parse = useLazy(loadCsvParser);
  const examples = useLazy(loadExamples);
  const [csv, setCsv] = useState("");
  useEffect(() => {
    if (examples) setCsv((current) => current || examples.itemsCsv);
  }, [examples]);
  const { candidates, error: csvError } = useMemo(() => candidatesFrom(parse, csv), [parse, csv]);
  const [previous, setPrevious] = useState<Map<string, number> | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const rank = useAction(async () => {
    const answer = await api.request(predictions.RecommendSideBySide, { model: model!.id, candidates, shots: 500, seed: 1 });
    return { personal: unwrap(answer.personal, "Recommendations"), shared: unwrap(answer.shared, "Recommendations") };
  });
  const feedback = useAction(async (item: Candidate, signal: 1 | -1) => {
    const before = new Map(rank.result?.personal.items.map((r, i) => [r.item, i]) ?? []);
    const { recordFeedback } = await api.request(predictions.RecordFeedback, { model: model!.id, item: item.item, itemFeatures: item.itemFeatures, signal, key: crypto.randomUUID() });
    const parameters = unwrap(recordFeedback, "FeedbackPayload").personalParameters;
    setMessage(parameters
      ? `Recorded a ${signal > 0 ? "like" : "dislike"} for ${item.item}; your parameters are at version ${parameters.version}.`
      : `Recorded a ${signal > 0 ? "like" : "dislike"} for ${item.item}. Personalization is off in your profile, so your ranking stays the shared one.`);
    setPrevious(before);
    await rank.run();
  });
  const result = rank.result;
  const byItem = new Map(candidates.map((c) => [c.item, c]));

  return (
    <div class="stack">
      <section class="card" aria-labelledby="recommend-title">
        <h1 id="recommend-title">Recommendations</h1>
        <form class="grid" onSubmit={(event) => { event.preventDefault(); setPrevious(null); if (model) void rank.run(); }}>
          <div class="wide"><ModelPicker label="Recommender" models={choices.data} error={choices.error} value={model?.id ?? null} onChange={(id) => { setModelId(id); rank.reset(); }} /></div>
          <Field wide label="Candidate items (CSV: item, then its features)" help={csvError ? <span class="invalid">{csvError}</span> : `${candidates.length} items (at most 500). The example catalogue is examples/items.csv.`}>
            {(c) => <textarea {...c} rows={6} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} spellcheck={false} aria-invalid={csvError ? true : undefined} />}
          </Field>
          <button class="primary" disabled={!model || rank.busy || Boolean(csvError) || candidates.length === 0}>Rank items</button>
        </form>
        <ProblemView error={rank.error ?? feedback.error} />
        {message && <p role="status">{message}</p>}
      </section>
      {result && (
        <div class="pair">
          <RankingView title="For you" testId="ranking-personal" ranking={result.personal} previous={previous} onFeedback={(item, signal) => void feedback.run(byItem.get(item)!, signal)} busy={feedback.busy} />
          <RankingView title="Shared model" testId="ranking-shared" ranking={result.shared} previous={null} />
        </div>
      )}
    </div>
  );
}

function RankingView({ title, testId, ranking, previous, onFeedback, busy }: { title: string; testId: string; ranking: Ranking; previous: Map<string, number> | null; onFeedback?: (item: string, signal: 1 | -1) => void; busy?: boolean }) {
  const draw = useCallback((charts: typeof import("../charts.ts"), width: number) => charts.rankedScores(ranking.items, width), [ranking]);
  return (
    <section class="card" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <p class="muted">{ranking.personalized ? "Ranked with your personal parameters." : "Ranked with the model's shared parameters."} Version {ranking.modelVersion.number}; bands from {ranking.intervalSource === "SHOTS" ? "500 shots (95 %)" : "exact simulation"}.</p>
      {ranking.hint && <p>{ranking.hint}</p>}
      <ol class="ranking">
        {ranking.items.map((r, i) => {
          const before = previous?.get(r.item);
          const moved = before === undefined ? 0 : before - i;
          return (
            <li key={r.item} data-item={r.item}>
              <span class="item">{r.item}</span>
              <span class="num">{fixed(r.score)} <span class="muted">[{fixed(r.low, 2)}, {fixed(r.high, 2)}]</span></span>
              {moved !== 0 && <span class={moved > 0 ? "up" : "down"} aria-label={`moved ${moved > 0 ? "up" : "down"} ${Math.abs(moved)}`}>{moved > 0 ? "▲" : "▼"}{Math.abs(moved)}</span>}
              {onFeedback && (
                <span class="thumbs">
                  <button type="button" class="quiet" disabled={busy} aria-label={`Like ${r.item}`} onClick={() => onFeedback(r.item, 1)}>Like</button>
                  <button type="button" class="quiet" disabled={busy} aria-label={`Dislike ${r.item}`} onClick={() => onFeedback(r.item, -1)}>Dislike</button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <Chart draw={draw} label={`${title}: ${ranking.items.map((r) => `${r.item} ${fixed(r.score)}`).join(", ")}`} />
    </section>
  );
}
