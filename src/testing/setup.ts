import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { setSessionStatus } from "../auth/session-status";
import { setMockState } from "./mock-state";

// Component tests fake the session and the backend through `renderWithAuth`
// (src/testing/render-with-auth.tsx). These mocks answer from it while a test uses it and
// behave like the real modules otherwise.
vi.mock("@workos-inc/authkit-react", async (importOriginal) => {
  const { mockAuthKitReact } = await import("./mocks");
  return mockAuthKitReact(await importOriginal());
});
vi.mock("convex/react", async (importOriginal) => {
  const { mockConvexReact } = await import("./mocks");
  return mockConvexReact(await importOriginal());
});

afterEach(() => {
  cleanup();
  setMockState(null);
  setSessionStatus("active");
  vi.useRealTimers();
});
