/**
 * Debian's chromium (apt-get install chromium), never a downloaded browser: CI machines reach
 * only the npm and Debian registries. These flags keep it headless, sandbox-free inside
 * containers, and quiet on the network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
