// My data: everything stored about you as a file (an export job, then a download that works for
// 15 minutes), and deleting your account, after you type its name to confirm.
import { useState } from "preact/hooks";
import { account, unwrap, privacy, type ResultOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { usePoll } from "../components/poll.ts";
import { ProblemView } from "../components/problem.tsx";
import { useQuery } from "../components/use-query.ts";
import { api, signOut } from "../session.ts";

type ExportJob = ResultOf<typeof privacy.ExportJobFields>;
const POLL_MS = 500;
const ENDED = new Set(["SUCCEEDED", "FAILED"]);

export function DataScreen() {
  const me = useQuery(async () => (await api.request(account.Me)).me);
  const [job, setJob] = useState<ExportJob | null>(null);
  const start = useAction(async () => setJob(unwrap((await api.request(privacy.ExportMyData)).exportMyData, "ExportPayload").job));
  const done = job !== null && ENDED.has(job.status);
  const pollError = usePoll(job, setJob, {
    running: (j) => !ENDED.has(j.status),
    read: async (id) => unwrap((await api.request(privacy.ExportJob, { id })).exportJob, "ExportJob"),
    ms: POLL_MS,
  });

  const [confirmation, setConfirmation] = useState("");
  const remove = useAction(async () => {
    if (!(await api.request(privacy.DeleteMe)).deleteMe) throw new Error("The account was not deleted.");
    signOut();
    location.hash = "#/profile";
  });
  const name = me.data?.displayName ?? "";

  return (
    <div class="stack">
      <section class="card" aria-labelledby="export-title">
        <h1 id="export-title">My data</h1>
        <h2>Export</h2>
        <p>Everything stored about you (profile, circuits, datasets, models, predictions, feedback) as one JSON-lines file. Exports are kept 7 days.</p>
        <button type="button" class="primary" disabled={start.busy || (job !== null && !done)} onClick={() => void start.run()}>Export my data</button>
        <ProblemView error={start.error ?? pollError} />
        {job && (
          <p aria-live="polite" data-testid="export-status">
            {job.status === "SUCCEEDED" && job.download ? (
              <>Ready: {job.rows.toLocaleString()} records, {(job.bytes / 1024).toFixed(1)} KiB. <a class="button" href={job.download.url} download={`superpose-export-${job.id}.jsonl`}>Download the file</a> <span class="muted">(link valid until {new Date(job.download.expiresAt).toLocaleTimeString()})</span></>
            ) : job.status === "FAILED" ? <span class="invalid">The export failed: {job.error}</span> : <>Exporting… {job.rows.toLocaleString()} records so far.</>}
          </p>
        )}
      </section>
      <section class="card danger" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete my account</h2>
        <p>Deletes your profile, keys, circuits, datasets, models, predictions, feedback and exports, at once and for good. Export first if you want to keep anything.</p>
        <form onSubmit={(event) => { event.preventDefault(); if (confirmation === name) void remove.run(); }}>
          <label>Type your display name, <strong>{name}</strong>, to confirm<input value={confirmation} onInput={(e) => setConfirmation(e.currentTarget.value)} autoComplete="off" /></label>
          <button class="danger" disabled={!name || confirmation !== name || remove.busy}>Delete my account</button>
        </form>
        <ProblemView error={remove.error ?? me.error} />
      </section>
    </div>
  );
}
