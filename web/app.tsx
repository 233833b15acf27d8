// The Studio's frame: a welcome screen until you sign in, then a navigation bar and one screen.
import { useEffect, useRef } from "preact/hooks";
import { SCREENS, useScreen, type ScreenPath } from "./router.ts";
import { AccountScreen } from "./screens/account.tsx";
import { CircuitsScreen } from "./screens/circuits.tsx";
import { DataScreen } from "./screens/data.tsx";
import { ModelsScreen } from "./screens/models.tsx";
import { PortfolioScreen } from "./screens/portfolio.tsx";
import { PredictScreen } from "./screens/predict.tsx";
import { RecommendScreen } from "./screens/recommend.tsx";
import { WelcomeScreen } from "./screens/welcome.tsx";
import { signOut, useApiKey } from "./session.ts";

const SCREEN: Record<ScreenPath, () => preact.JSX.Element> = {
  profile: AccountScreen,
  circuits: CircuitsScreen,
  models: ModelsScreen,
  predict: PredictScreen,
  recommend: RecommendScreen,
  portfolio: PortfolioScreen,
  data: DataScreen,
};

export function App() {
  const key = useApiKey();
  const screen = useScreen();
  const main = useRef<HTMLElement>(null);
  const title = SCREENS.find((s) => s.path === screen)!.title;
  useEffect(() => {
    document.title = key ? `${title} · Superpose Studio` : "Superpose Studio";
    main.current?.focus({ preventScroll: true }); // keyboard and screen-reader users land on the new screen
  }, [screen, key, title]);
  const Screen = SCREEN[screen];
  return (
    <>
      {/* Focus moves without touching the hash, which names the screen. */}
      <a class="skip" href="#main" onClick={(event) => { event.preventDefault(); main.current?.focus(); }}>Skip to content</a>
      <header class="top">
        <span class="brand" aria-hidden="true">◎</span>
        <span class="name">Superpose Studio</span>
        {key && (
          <nav aria-label="Screens">
            {SCREENS.map((s) => (
              <a key={s.path} href={`#/${s.path}`} aria-current={s.path === screen ? "page" : undefined}>{s.title}</a>
            ))}
          </nav>
        )}
        {key && <button type="button" class="quiet" onClick={signOut}>Sign out</button>}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {key ? <Screen key={screen} /> : <WelcomeScreen />}
      </main>
      <footer>
        The API is <a href="/graphql">/graphql</a> (GraphiQL in a browser); this app uses nothing else.
      </footer>
    </>
  );
}
