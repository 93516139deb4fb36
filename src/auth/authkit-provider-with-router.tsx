import { AuthKitProvider } from "@workos-inc/authkit-react";
import { useState, type ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import type { AppConfig } from "../config/config";
import { createRedirectCallback } from "./redirect-callback";

/**
 * AuthKit, configured from the environment (WorkOS, a custom auth domain or the local AuthKit)
 * and placed inside the router so that a finished sign-in can navigate to where it started.
 */
export function AuthKitProviderWithRouter({ workos, children }: { workos: AppConfig["workos"]; children: ReactNode }) {
  const navigate = useNavigate();
  // AuthKit reads onRedirectCallback once, when it creates its client; keep the first one.
  const [onRedirectCallback] = useState(() => createRedirectCallback((to, options) => navigate(to, options)));
  return (
    <AuthKitProvider
      clientId={workos.clientId}
      redirectUri={workos.redirectUri}
      apiHostname={workos.apiHostname}
      port={workos.port}
      https={workos.https}
      devMode={workos.devMode}
      onRedirectCallback={onRedirectCallback}
    >
      {children}
    </AuthKitProvider>
  );
}
