// The signed-in key lives in sessionStorage (per tab, gone when the tab closes), never in a URL
// or in localStorage; components re-render when it changes.
import { useEffect, useState } from "preact/hooks";
import { createClient } from "../client/index.ts";

const KEY = "superpose.apiKey";
const listeners = new Set<() => void>();

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function signIn(key: string): void {
  sessionStorage.setItem(KEY, key.trim());
  listeners.forEach((notify) => notify());
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((notify) => notify());
}

export function useApiKey(): string | null {
  const [key, setKey] = useState(apiKey);
  useEffect(() => {
    const notify = () => setKey(apiKey());
    listeners.add(notify);
    return () => void listeners.delete(notify);
  }, []);
  return key;
}

/** The Studio talks to the API on its own origin, only through GraphQL. */
export const api = createClient({ url: "/graphql", apiKey });
