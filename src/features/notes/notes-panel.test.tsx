import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../../convex/_generated/api";
import { note } from "../../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../../testing/render-with-auth";
import { NOTES_PAGE_SIZE, NotesPanel } from "./notes-panel";
import { UNDO_FOR_MS } from "./undo-delete";

const signedIn = { user: testUser() };
const notes = (page: ReturnType<typeof note>[], isDone = true) =>
  fakeQuery(api.notes.list, () => ({ page, isDone, continueCursor: "cursor" }));

describe("notes", () => {
  test("shows placeholders under its heading while loading (no message of its own), then an empty state", () => {
    const result = renderWithAuth(<NotesPanel />, signedIn);
    expect(screen.getByRole("heading", { name: "Your notes" })).toBeVisible();
    expect(screen.getByRole("list", { name: "Notes" })).toHaveAttribute("aria-busy", "true");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    result.update({ ...signedIn, queries: [notes([])] });
    expect(screen.getByText(/No notes yet/)).toBeVisible();
  });

  test("lists notes in the order the server returns them (newest first)", () => {
    renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(2, "newer"), note(1, "older")])] });
    const items = within(screen.getByRole("list", { name: "Notes" })).getAllByRole("listitem");
    expect(items.map((item) => item.querySelector(".note-text")?.textContent)).toEqual(["newer", "older"]);
  });

  test("adds a note from the labelled field and clears it", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([])] });
    await userEvent.type(screen.getByLabelText("New note"), "Buy milk");
    await userEvent.click(screen.getByRole("button", { name: "Add note" }));
    expect(result.mutation(api.notes.add)).toHaveBeenCalledExactlyOnceWith({ text: "Buy milk" });
    expect(screen.getByLabelText("New note")).toHaveValue("");
  });

  test("refuses an empty note with the server's own sentence, without a round trip", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([])] });
    await userEvent.type(screen.getByLabelText("New note"), "   ");
    await userEvent.click(screen.getByRole("button", { name: "Add note" }));
    expect(screen.getByRole("alert")).toHaveTextContent("A note can't be empty. Type something first.");
    expect(screen.getByLabelText("New note")).toHaveAttribute("aria-invalid", "true");
    expect(result.mutation(api.notes.add)).not.toHaveBeenCalled();
  });

  test("refuses an over-long note, saying how long it is", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([])] });
    await userEvent.click(screen.getByLabelText("New note"));
    await userEvent.paste("x".repeat(2001));
    await userEvent.click(screen.getByRole("button", { name: "Add note" }));
    expect(screen.getByRole("alert")).toHaveTextContent("at most 2,000 characters; this one has 2,001");
    expect(result.mutation(api.notes.add)).not.toHaveBeenCalled();
  });

  test("shows the server's message when it refuses a note, and keeps the text", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([])] });
    result.mutation(api.notes.add).mockRejectedValueOnce(
      new ConvexError({
        code: "FORBIDDEN",
        message: 'Your role does not include the "notes:write" permission. Ask an organization admin for it.',
      }),
    );
    await userEvent.type(screen.getByLabelText("New note"), "Hello");
    await userEvent.click(screen.getByRole("button", { name: "Add note" }));
    expect(await screen.findByRole("alert")).toHaveTextContent('does not include the "notes:write" permission');
    expect(screen.getByLabelText("New note")).toHaveValue("Hello");
  });

  test("Load more asks for the next page", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "one")], false)] });
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(result.loadMore).toHaveBeenCalledWith(NOTES_PAGE_SIZE);
  });

  test("no Load more when everything is loaded", () => {
    renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "one")], true)] });
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  test("edits a note in place", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "draft")])] });
    await userEvent.click(screen.getByRole("button", { name: "Edit note: draft" }));
    const field = screen.getByLabelText("Edit note");
    await userEvent.clear(field);
    await userEvent.type(field, "final");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(result.mutation(api.notes.update)).toHaveBeenCalledExactlyOnceWith({ noteId: "notes_1", text: "final" });
    expect(screen.queryByLabelText("Edit note")).not.toBeInTheDocument();
  });

  test("deletes a note, and shows why when that fails", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "old")])] });
    result
      .mutation(api.notes.remove)
      .mockRejectedValueOnce(new ConvexError({ code: "NOT_FOUND", message: "This note does not exist or is not yours." }));
    await userEvent.click(screen.getByRole("button", { name: "Delete note: old" }));
    expect(result.mutation(api.notes.remove)).toHaveBeenCalledWith({ noteId: "notes_1" });
    expect(await screen.findByRole("alert")).toHaveTextContent("This note does not exist or is not yours.");
  });
});

describe("notes with the keyboard, undo and counters", () => {
  test("after adding, the emptied field keeps the focus for the next note; Ctrl+Enter adds too", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([])] });
    const field = screen.getByLabelText("New note");
    await userEvent.type(field, "First");
    await userEvent.click(screen.getByRole("button", { name: "Add note" }));
    await waitFor(() => expect(field).toHaveFocus());
    await userEvent.type(field, "Second{Control>}{Enter}{/Control}");
    expect(result.mutation(api.notes.add)).toHaveBeenLastCalledWith({ text: "Second" });
    await userEvent.type(field, "Third{Meta>}{Enter}{/Meta}");
    expect(result.mutation(api.notes.add)).toHaveBeenLastCalledWith({ text: "Third" });
  });

  test("the counter counts what will be saved, and says so when only spaces were typed", async () => {
    renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([])] });
    const field = screen.getByLabelText("New note");
    await userEvent.type(field, "   ");
    expect(screen.getByText("Only spaces so far: this note would be empty.")).toBeVisible();
    await userEvent.type(field, "hi  ");
    expect(screen.getByText("2 / 2,000 characters")).toBeVisible();
  });

  test("an error clears as soon as the text changes", async () => {
    renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([])] });
    await userEvent.click(screen.getByRole("button", { name: "Add note" }));
    expect(screen.getByRole("alert")).toHaveTextContent("can't be empty");
    await userEvent.type(screen.getByLabelText("New note"), "x");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  test("editing opens with the field focused and its own counter and error under it; Escape cancels and focus returns to Edit", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "draft")])] });
    await userEvent.click(screen.getByRole("button", { name: "Edit note: draft" }));
    const field = screen.getByLabelText<HTMLTextAreaElement>("Edit note");
    expect(field).toHaveFocus();
    expect(field.selectionStart).toBe("draft".length);
    expect(within(screen.getByRole("listitem")).getByText("5 / 2,000 characters")).toBeVisible();
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("can't be empty");
    expect(field.getAttribute("aria-describedby")).toContain(alert.id);
    await userEvent.type(field, "changed{Escape}");
    expect(screen.queryByLabelText("Edit note")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Edit note: draft" })).toHaveFocus());
    expect(result.mutation(api.notes.update)).not.toHaveBeenCalled();
  });

  test("Ctrl+Enter saves an edit, and focus returns to Edit", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "draft")])] });
    await userEvent.click(screen.getByRole("button", { name: "Edit note: draft" }));
    await userEvent.type(screen.getByLabelText("Edit note"), " two{Control>}{Enter}{/Control}");
    expect(result.mutation(api.notes.update)).toHaveBeenCalledExactlyOnceWith({ noteId: "notes_1", text: "draft two" });
    await waitFor(() => expect(screen.getByRole("button", { name: "Edit note: draft" })).toHaveFocus());
  });

  test("a delete offers Undo, focused; Undo writes the note back and focus goes to the new-note field", async () => {
    const result = renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "keep me")])] });
    await userEvent.click(screen.getByRole("button", { name: "Delete note: keep me" }));
    const undo = await screen.findByRole("button", { name: "Undo" });
    expect(screen.getByRole("status")).toHaveTextContent("Note deleted.");
    expect(undo).toHaveFocus();
    await userEvent.click(undo);
    expect(result.mutation(api.notes.add)).toHaveBeenCalledExactlyOnceWith({ text: "keep me" });
    await waitFor(() => expect(screen.getByLabelText("New note")).toHaveFocus());
    expect(screen.queryByRole("button", { name: "Undo" })).not.toBeInTheDocument();
  });

  test("Undo goes away by itself after a few seconds", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderWithAuth(<NotesPanel />, { ...signedIn, queries: [notes([note(1, "gone")])] });
    await userEvent.click(screen.getByRole("button", { name: "Delete note: gone" }));
    await screen.findByRole("button", { name: "Undo" });
    act(() => vi.advanceTimersByTime(UNDO_FOR_MS));
    expect(screen.queryByRole("button", { name: "Undo" })).not.toBeInTheDocument();
  });
});
