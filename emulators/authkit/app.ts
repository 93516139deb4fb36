import type { Config } from "./config.ts";
import type { FailureLimiter } from "./limiter.ts";
import type { Flows } from "./sign-in/flows.ts";
import type { Store } from "./store.ts";
import type { TokenSigner } from "./tokens.ts";

/** Everything a route handler works with; one per running server. */
export interface App {
  config: Config;
  store: Store;
  signer: TokenSigner;
  flows: Flows;
  limiter: FailureLimiter;
  /** The key the server-side Organizations API accepts. */
  apiKey: string;
}
