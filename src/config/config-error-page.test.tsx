import { render, screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { readConfig } from "./config";
import { ConfigErrorPage } from "./config-error-page";

test("explains every problem with the variable name and the fix", () => {
  const result = readConfig({ VITE_WORKOS_REDIRECT_URI: "http://elsewhere.test/callback" }, "http://localhost:5173");
  if (result.ok) throw new Error("expected problems");
  render(<ConfigErrorPage problems={result.problems} />);

  expect(screen.getByRole("heading", { level: 1, name: "The app is not configured yet" })).toBeVisible();
  const items = screen.getAllByRole("listitem").filter((li) => li.querySelector("h2"));
  expect(items.map((li) => within(li).getByRole("heading").textContent)).toEqual([
    "VITE_WORKOS_CLIENT_ID",
    "VITE_WORKOS_REDIRECT_URI",
    "VITE_CONVEX_URL",
  ]);
  expect(within(items[1]!).getByText(/not this page's origin/)).toBeVisible();
  expect(within(items[1]!).getByText(/http:\/\/localhost:5173\/callback/)).toBeVisible();
  expect(screen.getAllByText(/npm run dev/).length).toBeGreaterThan(0);
});

test("says to add to .env.local rather than copy the example over it, as the README does", () => {
  const result = readConfig({}, "http://localhost:5173");
  if (result.ok) throw new Error("expected problems");
  render(<ConfigErrorPage problems={result.problems} />);
  expect(screen.queryByText(/copy \.env\.local\.example to \.env\.local/)).not.toBeInTheDocument();
  expect(document.body).not.toHaveTextContent(/copy \.env\.local\.example to \.env\.local/);
  expect(document.body).toHaveTextContent(/rather than copying \.env\.local\.example over it \(which would lose CONVEX_DEPLOYMENT\)/);
});
