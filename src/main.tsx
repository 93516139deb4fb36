import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { useAuth } from "@workos-inc/authkit-react";
import { AuthKitProviderWithRouter } from "./auth/authkit-provider-with-router";
import { readCallbackArrival, rememberCallbackArrival } from "./auth/callback-arrival";
import { ConvexProviderWithAuthKit } from "./auth/convex-provider-with-authkit";
import { getConvexClient } from "./auth/convex-client";
import { AppConfigProvider } from "./config/app-config";
import { readConfig } from "./config/config";
import { ConfigErrorPage } from "./config/config-error-page";
import { AppRoutes, preloadSignInLanding } from "./routes/app-routes";
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
  // AuthKit holds the session; Convex, authenticated with it through the one token hand-off,
  // is there for every page, so any page decides with <Authenticated>/<Unauthenticated>/<AuthLoading>.
  root.render(
    <StrictMode>
      <AppConfigProvider config={config}>
        <BrowserRouter>
          <AuthKitProviderWithRouter workos={config.workos}>
            <ConvexProviderWithAuthKit client={getConvexClient(config.convexUrl)} useAuth={useAuth}>
              <AppRoutes />
            </ConvexProviderWithAuthKit>
          </AuthKitProviderWithRouter>
        </BrowserRouter>
      </AppConfigProvider>
    </StrictMode>,
  );
}
