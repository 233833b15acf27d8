// Portfolio: pick k of n assets by mean-variance with QAOA (optimizePortfolio), the answer beside
// the exact optimum, the greedy pick and random sampling; the likeliest portfolios as a chart and
// the QAOA circuit as a drawing. Risk aversion typed in, or your profile's (with your consent).
import { useCallback, useMemo, useState } from "preact/hooks";
import { portfolio, unwrap, type ResultOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Chart } from "../components/chart.tsx";
import { Field } from "../components/field.tsx";
import { fixed } from "../components/numbers.ts";
import { ProblemView } from "../components/problem.tsx";
import { SvgImage } from "../components/svg-image.tsx";
import { Table } from "../components/table.tsx";
import { api } from "../session.ts";

type Pick = ResultOf<typeof portfolio.PortfolioPick>;

/** Six assets: expected yearly return, then one covariance row each (a one-factor market). */
const EXAMPLE = [
  "asset,return,bonds,utilities,banks,retail,tech,biotech",
  "bonds,0.03,0.010,0.006,0.006,0.006,0.007,0.007",
  "utilities,0.06,0.006,0.030,0.014,0.014,0.016,0.016",
  "banks,0.09,0.006,0.014,0.060,0.022,0.025,0.025",
  "retail,0.08,0.006,0.014,0.022,0.055,0.024,0.024",
  "tech,0.14,0.007,0.016,0.025,0.024,0.110,0.035",
  "biotech,0.16,0.007,0.016,0.025,0.024,0.035,0.160",
].join("\n");

interface Market { names: string[]; returns: number[]; covariance: number[][] }

/** A portfolio's assets by name. */
const assetNames = (p: Pick, names: readonly string[]) => p.assets.map((a) => names[a] ?? `#${a}`).join(", ");

/** The CSV as a market, or the first problem in it. */
function marketFrom(csv: string): { market: Market | null; error: string | null } {
  const lines = csv.trim().split(/\r?\n/).map((line) => line.split(",").map((cell) => cell.trim()));
  const rows = lines.slice(1);
  if (rows.length < 2) return { market: null, error: "a header, then one row per asset (at least 2)" };
  const names: string[] = [], returns: number[] = [], covariance: number[][] = [];
  for (const [i, [name, ret, ...cov]] of rows.entries()) {
    const numbers = [ret, ...cov].map(Number);
    if (!name || numbers.some((x) => !Number.isFinite(x))) return { market: null, error: `row ${i + 2}: a name, then numbers` };
    if (cov.length !== rows.length) return { market: null, error: `row ${i + 2}: ${cov.length} covariances; ${rows.length} assets need ${rows.length}` };
    names.push(name);
    returns.push(numbers[0]!);
    covariance.push(numbers.slice(1));
  }
  return { market: { names, returns, covariance }, error: null };
}

export function PortfolioScreen() {
  const [csv, setCsv] = useState(EXAMPLE);
  const [budget, setBudget] = useState(3);
  const [riskAversion, setRiskAversion] = useState(2);
  const [fromProfile, setFromProfile] = useState(false);
  const [layers, setLayers] = useState(3);
  const { market, error: csvError } = useMemo(() => marketFrom(csv), [csv]);
  const solve = useAction(async () => {
    const input = { returns: market!.returns, covariance: market!.covariance, budget, layers, ...(fromProfile ? {} : { riskAversion }) };
    return { answer: unwrap((await api.request(portfolio.OptimizePortfolio, { input })).optimizePortfolio, "PortfolioSolution"), names: market!.names };
  });
  const result = solve.result;
  return (
    <div class="stack">
      <section class="card" aria-labelledby="portfolio-title">
        <h1 id="portfolio-title">Portfolio</h1>
        <p class="muted">Hold exactly <em>budget</em> of the assets, minimising risk aversion × variance − expected return, by QAOA; the answer comes beside the exact optimum, a greedy pick and random portfolios.</p>
        <form class="grid" onSubmit={(event) => { event.preventDefault(); if (market) void solve.run(); }}>
          <Field wide label="Assets (CSV: name, expected return, then its covariance row)" help={csvError ? <span class="invalid">{csvError}</span> : `${market?.names.length ?? 0} assets (2–20).`}>
            {(c) => <textarea {...c} rows={7} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} spellcheck={false} aria-invalid={csvError ? true : undefined} />}
          </Field>
          <Field label="Budget (assets to hold)">{(c) => <input {...c} type="number" min={1} max={19} value={budget} onInput={(e) => setBudget(e.currentTarget.valueAsNumber)} required />}</Field>
          <Field label="Risk aversion" help="0: returns only; higher: variance costs more">{(c) => <input {...c} type="number" min={0} max={1000} step="any" value={riskAversion} disabled={fromProfile} onInput={(e) => setRiskAversion(e.currentTarget.valueAsNumber)} />}</Field>
          <Field label="QAOA layers">{(c) => <select {...c} value={layers} onChange={(e) => setLayers(Number(e.currentTarget.value))}>{[1, 2, 3].map((p) => <option key={p} value={p}>{p}</option>)}</select>}</Field>
          <label class="toggle wide"><input type="checkbox" checked={fromProfile} onChange={(e) => setFromProfile(e.currentTarget.checked)} /> Use my profile's risk aversion (preferences.riskAversion, read only with my consent to personalisation)</label>
          <button class="primary" disabled={!market || solve.busy}>{solve.busy ? "Optimising…" : "Optimise"}</button>
        </form>
        <ProblemView error={solve.error} />
      </section>
      {result && <Solution answer={result.answer} names={result.names} />}
    </div>
  );
}

function Solution({ answer, names }: { answer: Extract<ResultOf<typeof portfolio.OptimizePortfolio>["optimizePortfolio"], { __typename: "PortfolioSolution" }>; names: string[] }) {
  const label = (p: Pick) => assetNames(p, names);
  const rows: [string, Pick][] = [["QAOA: best measured", answer.best], ["exact optimum", answer.optimum], ["greedy", answer.greedy], ["best of as many random portfolios", answer.randomSampling]];
  const bars = useMemo(() => answer.mostLikely.map((p) => ({ label: assetNames(p, names), probability: p.probability ?? 0 })), [answer, names]);
  const draw = useCallback((charts: typeof import("../charts.ts"), width: number) => charts.probabilityBars(bars, width), [bars]);
  return (
    <section class="card" aria-labelledby="portfolio-result-title" data-testid="portfolio-result">
      <h2 id="portfolio-result-title">Hold {answer.budget}: {label(answer.best)}</h2>
      <p class="muted">
        Risk aversion {fixed(answer.riskAversion, 2)} ({answer.riskAversionSource === "PROFILE" ? "from your profile" : "as typed"}); {answer.qaoa.layers} layers, {answer.qaoa.mixer.toUpperCase()} mixer, {answer.qaoa.evaluations} gradient evaluations
        {answer.qaoa.warmStartWon ? ", the warm start won" : ""}. Over the whole final state the mean approximation ratio is {fixed(answer.expected.approximationRatio)}; the optimum's probability is {fixed(answer.optimum.probability ?? 0)}.
      </p>
      <Table label="The portfolio beside its baselines" testId="portfolio-table">
        <thead><tr><th scope="col">Pick</th><th scope="col">Assets</th><th scope="col">Objective</th><th scope="col">Approximation ratio</th><th scope="col">Probability</th></tr></thead>
        <tbody>
          {rows.map(([name, p]) => (
            <tr key={name}><th scope="row">{name}</th><td>{label(p)}</td><td class="num">{fixed(p.objective, 4)}</td><td class="num">{fixed(p.approximationRatio)}</td><td class="num">{p.probability == null ? "—" : fixed(p.probability)}</td></tr>
          ))}
        </tbody>
      </Table>
      <h3>The five likeliest portfolios</h3>
      <Chart draw={draw} label={`Probabilities: ${bars.map((b) => `${b.label} ${fixed(b.probability)}`).join("; ")}`} testId="portfolio-chart" />
      <details>
        <summary>QAOA circuit ({answer.circuit.numQubits} qubits, depth {answer.circuit.depth}, {answer.circuit.gateCount} gates)</summary>
        <SvgImage svg={answer.circuit.diagram} alt={`The QAOA circuit on ${answer.circuit.numQubits} qubits with the trained angles`} />
      </details>
    </section>
  );
}
