import { render, screen } from "@testing-library/react";
import { Suspense, type ReactNode } from "react";
import { describe, expect, test, vi } from "vitest";
import { lazyPage } from "./lazy-page";

function Hello({ name }: { name: string }) {
  return <p>Hello, {name}</p>;
}

function renderPage(Page: (props: { name: string }) => ReactNode) {
  return render(
    <Suspense fallback={<p>Loading…</p>}>
      <Page name="Ada" />
    </Suspense>,
  );
}

describe("lazyPage", () => {
  test("fetched on first render like React.lazy, showing the fallback meanwhile", async () => {
    const load = vi.fn(async () => ({ default: Hello }));
    const Page = lazyPage(load);
    expect(load).not.toHaveBeenCalled();

    renderPage(Page);
    expect(screen.getByText("Loading…")).toBeVisible();
    expect(await screen.findByText("Hello, Ada")).toBeVisible();
    expect(load).toHaveBeenCalledTimes(1);
  });

  test("once preloaded, renders at once without suspending, and is fetched only once", async () => {
    const load = vi.fn(async () => ({ default: Hello }));
    const Page = lazyPage(load);
    await Page.preload();
    await Page.preload();

    renderPage(Page);
    expect(screen.queryByText("Loading…")).toBeNull();
    expect(screen.getByText("Hello, Ada")).toBeVisible();
    expect(load).toHaveBeenCalledTimes(1);
  });

  test("a failed preload is tried again by the next one", async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValue({ default: Hello });
    const Page = lazyPage(load);
    await expect(Page.preload()).rejects.toThrow("offline");
    await Page.preload();

    renderPage(Page);
    expect(screen.getByText("Hello, Ada")).toBeVisible();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
