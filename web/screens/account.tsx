// Your profile: name, the features recommenders read, consent (each switch saves at once), what
// you use of each quota, and your API keys (create one per client, revoke what you no longer use).
import { useEffect, useState } from "preact/hooks";
import { account, unwrap, type VariablesOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { formatNumbers, parseNumbers } from "../components/numbers.ts";
import { ProblemView } from "../components/problem.tsx";
import { useQuery } from "../components/use-query.ts";
import { api } from "../session.ts";
import { Table } from "../components/table.tsx";

export function AccountScreen() {
  const me = useQuery(async () => (await api.request(account.Me)).me);
  const [name, setName] = useState("");
  const [features, setFeatures] = useState("");
  useEffect(() => {
    if (!me.data) return;
    setName(me.data.displayName);
    setFeatures(formatNumbers(me.data.features));
  }, [me.data]);

  const save = useAction(async (input: VariablesOf<typeof account.UpdateProfile>["input"]) => {
    unwrap((await api.request(account.UpdateProfile, { input })).updateProfile, "UpdateProfilePayload");
    await me.reload();
    return "Saved.";
  });
  const parsed = parseNumbers(features);
  // A switch shows its new state at once; once the save answers, the profile's state is shown
  // again (the new one, or the old one if the save failed, with the reason).
  const [switching, setSwitching] = useState<{ personalization?: boolean; sharedTraining?: boolean }>({});
  const toggle = async (name: "personalization" | "sharedTraining", value: boolean) => {
    setSwitching((s) => ({ ...s, [name]: value }));
    await save.run({ consent: { [name]: value } });
    setSwitching(({ [name]: _done, ...rest }) => rest);
  };

  if (!me.data) return <section class="card"><h1>Profile</h1>{me.error ? <ProblemView error={me.error} /> : <p aria-busy="true">Loading…</p>}</section>;
  const { consent } = me.data;
  return (
    <div class="stack">
      <section class="card" aria-labelledby="profile-title">
        <h1 id="profile-title">Profile</h1>
        <form onSubmit={(event) => {
          event.preventDefault();
          if (!parsed.error) void save.run({ displayName: name, features: parsed.values });
        }}>
          <label>Display name<input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={80} /></label>
          <Field label="Features" help={<>What recommenders know of you: {me.data.features.length} numbers now (the shared taste recommender reads 4).{parsed.error && <span class="invalid"> {parsed.error}.</span>}</>}>
            {(c) => <input {...c} value={features} onInput={(e) => setFeatures(e.currentTarget.value)} inputMode="decimal" aria-invalid={parsed.error ? true : undefined} />}
          </Field>
          <button class="primary" disabled={save.busy || Boolean(parsed.error)}>Save profile</button>
          {save.result && !save.busy && !save.error && <span role="status" class="ok"> {save.result}</span>}
          <ProblemView error={save.error} />
        </form>
        <fieldset>
          <legend>Consent</legend>
          <label class="toggle">
            <input type="checkbox" checked={switching.personalization ?? consent.personalization} onChange={(e) => void toggle("personalization", e.currentTarget.checked)} />
            Personalization: learn my own parameters from my feedback
          </label>
          <label class="toggle">
            <input type="checkbox" checked={switching.sharedTraining ?? consent.sharedTraining} onChange={(e) => void toggle("sharedTraining", e.currentTarget.checked)} />
            Shared training: the items I rate may be recommended to others
          </label>
          <small>Last changed {new Date(consent.updatedAt).toLocaleString()}.</small>
        </fieldset>
      </section>
      <section class="card" aria-labelledby="usage-title">
        <h2 id="usage-title">Usage</h2>
        <Table label="Usage">
          <thead><tr><th scope="col">Quota</th><th scope="col">Used</th><th scope="col">Limit</th></tr></thead>
          <tbody>{me.data.usage.map((u) => <tr key={u.quota}><td>{u.quota}</td><td class="num">{u.used.toLocaleString()}</td><td class="num">{u.limit.toLocaleString()}</td></tr>)}</tbody>
        </Table>
      </section>
      <ApiKeys />
    </div>
  );
}

function ApiKeys() {
  const keys = useQuery(async () => (await api.request(account.ApiKeys)).apiKeys);
  const [name, setName] = useState("");
  const [shown, setShown] = useState<string | null>(null);
  const create = useAction(async () => {
    setShown(unwrap((await api.request(account.CreateApiKey, { input: { name } })).createApiKey, "CreateApiKeyPayload").apiKey);
    setName("");
    await keys.reload();
  });
  const revoke = useAction(async (id: string) => {
    unwrap((await api.request(account.RevokeApiKey, { id })).revokeApiKey, "RevokeApiKeyPayload");
    await keys.reload();
  });
  return (
    <section class="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <ProblemView error={keys.error ?? revoke.error} />
      <Table label="API keys">
        <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {keys.data?.map((k) => (
            <tr key={k.id}>
              <td>{k.name}{k.current && <span class="badge">this tab</span>}</td>
              <td><code>{k.prefix}</code></td>
              <td>{new Date(k.createdAt).toLocaleDateString()}</td>
              <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"}</td>
              <td>{k.active ? "active" : k.revokedAt ? "revoked" : "expired"}</td>
              <td>{k.active && !k.current && <button type="button" class="quiet" disabled={revoke.busy} onClick={() => void revoke.run(k.id)}>Revoke {k.name}</button>}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form class="row" onSubmit={(event) => { event.preventDefault(); void create.run(); }}>
        <label>New key's name<input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={80} placeholder="e.g. laptop scripts" /></label>
        <button disabled={create.busy}>Create key</button>
      </form>
      {shown && <p role="status">New key (shown once): <output class="secret">{shown}</output></p>}
      <ProblemView error={create.error} />
    </section>
  );
}
