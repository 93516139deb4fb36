import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { AuthKitProviderWithRouter } from "./auth/AuthKitProviderWithRouter";
import { readCallbackArrival, rememberCallbackArrival } from "./auth/callback-arrival";
import { AppConfigProvider } from "./config/app-config";
import { readConfig } from "./config/config";
import { ConfigErrorPage } from "./config/ConfigErrorPage";
import { AppRoutes, preloadSignInLanding } from "./routes/AppRoutes";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
const result = readConfig(import.meta.env, window.location.origin);

if (!result.ok) {
  root.render(
    <StrictMode>
      <ConfigErrorPage problems={result.problems} />
    </StrictMode>,
  );
} else {
  const { config } = result;
  // Before AuthKit consumes the redirect (it strips `code` and deletes the PKCE verifier).
  const arrival = readCallbackArrival(window.location, window.sessionStorage);
  rememberCallbackArrival(arrival);
  if (arrival.hasCode) preloadSignInLanding();
  // Convex (and its token hand-off) is provided by the signed-in area, src/routes/app-layout.tsx.
  root.render(
    <StrictMode>
      <AppConfigProvider config={config}>
        <BrowserRouter>
          <AuthKitProviderWithRouter workos={config.workos}>
            <AppRoutes />
          </AuthKitProviderWithRouter>
        </BrowserRouter>
      </AppConfigProvider>
    </StrictMode>,
  );
}
