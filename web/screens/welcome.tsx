// Sign up (a display name, the features recommenders use, consent), or sign in with a key you
// have. A new key is shown once, to be saved before going on; it is kept in this tab only.
import { useState } from "preact/hooks";
import { account, createClient, unwrap } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { parseNumbers } from "../components/numbers.ts";
import { ProblemView } from "../components/problem.tsx";
import { api, signIn } from "../session.ts";

export function WelcomeScreen() {
  const [name, setName] = useState("");
  const [features, setFeatures] = useState("0.4, -0.2, 0.9, 0.1");
  const [personalization, setPersonalization] = useState(true);
  const [sharedTraining, setSharedTraining] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [existingKey, setExistingKey] = useState("");
  const parsed = parseNumbers(features);

  const signUp = useAction(async () => {
    if (parsed.error) throw new Error(`Features: ${parsed.error}.`);
    const { createUser } = await api.request(account.SignUp, { input: { displayName: name, features: parsed.values, consent: { personalization, sharedTraining } } });
    setNewKey(unwrap(createUser, "CreateUserPayload").apiKey);
  });
  const checkKey = useAction(async () => {
    // Try the key before keeping it, so a typo says so here rather than on every screen.
    await createClient({ url: "/graphql", apiKey: () => existingKey.trim() }).request(account.Me);
    signIn(existingKey);
  });

  if (newKey) {
    return (
      <section class="card narrow" aria-labelledby="key-title">
        <h1 id="key-title">Your API key</h1>
        <p>This is the only time it is shown. Save it (a password manager is a good place): it signs you in here and authorizes your own scripts (<code>Authorization: Bearer …</code>).</p>
        <p><output class="secret" data-testid="new-api-key">{newKey}</output></p>
        <div class="row">
          <button type="button" onClick={() => void navigator.clipboard?.writeText(newKey).catch(() => undefined)}>Copy</button>
          <button type="button" class="primary" onClick={() => { signIn(newKey); location.hash = "#/profile"; }}>I saved it: open the Studio</button>
        </div>
      </section>
    );
  }

  return (
    <div class="welcome">
      <section class="card" aria-labelledby="signup-title">
        <h1 id="signup-title">Create your account</h1>
        <p>Superpose simulates quantum circuits and trains quantum models on your data, personalized from your feedback. No e-mail, no password: you get an API key.</p>
        <form onSubmit={(event) => { event.preventDefault(); void signUp.run(); }}>
          <label>Display name<input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={80} autoComplete="nickname" /></label>
          <Field label="Your features" help={<>Numbers that describe you to recommenders (at most 256). The shared taste recommender reads 4.{parsed.error && <span class="invalid"> {parsed.error}.</span>}</>}>
            {(c) => <input {...c} value={features} onInput={(e) => setFeatures(e.currentTarget.value)} inputMode="decimal" aria-invalid={parsed.error ? true : undefined} />}
          </Field>
          <fieldset>
            <legend>Consent (change it any time)</legend>
            <label class="toggle"><input type="checkbox" checked={personalization} onChange={(e) => setPersonalization(e.currentTarget.checked)} /> Personalization: learn my own parameters from my feedback</label>
            <label class="toggle"><input type="checkbox" checked={sharedTraining} onChange={(e) => setSharedTraining(e.currentTarget.checked)} /> Shared training: the items I rate may be recommended to others</label>
          </fieldset>
          <button class="primary" disabled={signUp.busy}>{signUp.busy ? "Creating…" : "Sign up"}</button>
          <ProblemView error={signUp.error} />
        </form>
      </section>
      <section class="card" aria-labelledby="signin-title">
        <h2 id="signin-title">Sign in with a key</h2>
        <form onSubmit={(event) => { event.preventDefault(); void checkKey.run(); }}>
          <label>API key<input type="password" value={existingKey} onInput={(e) => setExistingKey(e.currentTarget.value)} required autoComplete="current-password" spellcheck={false} /></label>
          <button disabled={checkKey.busy}>Sign in</button>
          <ProblemView error={checkKey.error} />
        </form>
        <p class="muted">Your key stays in this browser tab (session storage) until you sign out or close it; it is never put in a URL.</p>
      </section>
    </div>
  );
}
