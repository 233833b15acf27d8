// Screens live in the URL's hash (#/circuits), so a reload or a shared link opens the same
// screen, and the static host needs no rewrite rules. Nothing secret ever goes in the URL.
import { useEffect, useState } from "preact/hooks";

export const SCREENS = [
  { path: "profile", title: "Profile" },
  { path: "circuits", title: "Circuits" },
  { path: "models", title: "Models" },
  { path: "predict", title: "Predict" },
  { path: "recommend", title: "Recommendations" },
  { path: "portfolio", title: "Portfolio" },
  { path: "data", title: "My data" },
] as const;

export type ScreenPath = (typeof SCREENS)[number]["path"];

function current(): ScreenPath {
  const path = location.hash.replace(/^#\/?/, "");
  return SCREENS.find((s) => s.path === path)?.path ?? "profile";
}

export function useScreen(): ScreenPath {
  const [screen, setScreen] = useState(current);
  useEffect(() => {
    const update = () => setScreen(current());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return screen;
}
