import { render, screen } from "@testing-library/react";
import { expect, test, vi } from "vitest";
import { ErrorBoundary } from "./error-boundary";

function Page({ broken }: { broken: boolean }) {
  if (broken) throw new Error("render failed");
  return <p>page content</p>;
}

test("shows the fallback for a render error, and the children again once the reset key changes", () => {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  const ui = (key: string, broken: boolean) => (
    <ErrorBoundary label="A test page" resetKey={key} fallback={(error) => <p role="alert">{(error as Error).message}</p>}>
      <Page broken={broken} />
    </ErrorBoundary>
  );
  const { rerender } = render(ui("/a", true));
  expect(screen.getByRole("alert")).toHaveTextContent("render failed");

  // The same key keeps the fallback: nothing has changed that could make the page work.
  rerender(ui("/a", false));
  expect(screen.getByRole("alert")).toBeVisible();

  rerender(ui("/b", false));
  expect(screen.getByText("page content")).toBeVisible();
  quiet.mockRestore();
});
