import { randomBytes } from "node:crypto";
import path from "node:path";
import { keyFile } from "../shared/key-file.ts";

export const API_KEY_FILE = "api-key";

/**
 * Shaped like a WorkOS test key so that everything that guards secrets (the build, `npm run dev`)
 * treats it as one; `sk_live_` is refused so a real production key is never pasted in here.
 */
const API_KEY_SHAPE = /^sk_test_[A-Za-z0-9]{16,}$/;

function newKey(): string {
  return `sk_test_${randomBytes(24).toString("hex")}`;
}

/**
 * The API key the Organizations API expects: the one given, else the one kept in
 * `<dataDir>/api-key` (made on first start), else a new one for this process. Never a fixed key:
 * the server answers on localhost to anything running on the machine, as WorkOS answers anyone
 * with the key.
 */
export function resolveApiKey(given: string | undefined, dataDir: string | null): string {
  if (given !== undefined) {
    if (!API_KEY_SHAPE.test(given)) {
      throw new Error('apiKey must look like a WorkOS test key: "sk_test_" then at least 16 letters or digits');
    }
    return given;
  }
  if (dataDir === null) return newKey();
  return keyFile(path.join(dataDir, API_KEY_FILE), newKey, {
    validate: (key) => (API_KEY_SHAPE.test(key) ? null : "does not hold an sk_test_… key"),
    whatToDo: "delete it to get a new API key",
  });
}
