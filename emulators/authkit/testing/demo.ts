/** The demo accounts of seed.json (password for all: `demo-password`). */
export const DEMO_PASSWORD = "demo-password";
export const ALICE = { email: "alice@example.com", id: "user_01KDVDNA00S0EAZ8TQSYJKVFA4" };
export const BOB = { email: "bob@example.com", id: "user_01KDVDNA01M9CXXC28E608E0XS" };
export const CAROL = { email: "carol@example.com", id: "user_01KDVDNA02RWQSJN9XF4S9XYRR" };
