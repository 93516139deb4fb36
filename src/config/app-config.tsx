import { createContext, useContext, type ReactNode } from "react";
import type { AppConfig } from "./config";

const AppConfigContext = createContext<AppConfig | null>(null);

/** Makes the validated configuration available to the pages that are loaded later. */
export function AppConfigProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  return <AppConfigContext.Provider value={config}>{children}</AppConfigContext.Provider>;
}

export function useAppConfig(): AppConfig {
  const config = useContext(AppConfigContext);
  if (config === null) throw new Error("useAppConfig needs an <AppConfigProvider> above it (see src/main.tsx).");
  return config;
}
