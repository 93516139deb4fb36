// The bench's reference for first paint: a plain React page with a heading and two buttons, the
// least a client-rendered landing page can be, built with the same Vite and React as the app.
import { createElement as h, StrictMode } from "react";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(
  h(
    StrictMode,
    null,
    h(
      "main",
      null,
      h("h1", null, "Notes, signed in with WorkOS, synced by Convex"),
      h("p", null, "A starter for React apps on WorkOS AuthKit and Convex."),
      h("button", { type: "button" }, "Sign in"),
      h("button", { type: "button" }, "Sign up"),
    ),
  ),
);
