import { usePaginatedQuery } from "convex/react";
import { useRef } from "react";
import { api } from "../../../convex/_generated/api";
import { InlineStatus } from "../../components/inline-status";
import { Skeleton } from "../../components/skeleton";
import { NewNoteForm } from "./new-note-form";
import { NoteItem } from "./note-item";
import { UndoDelete, useUndoDelete } from "./undo-delete";

export const NOTES_PAGE_SIZE = 10;

/**
 * The user's notes in the current organization, newest first. It is a live Convex query, so a
 * note added, edited or deleted in another tab shows up here without a reload.
 */
export function NotesPanel() {
  const { results, status, loadMore } = usePaginatedQuery(api.notes.list, {}, { initialNumItems: NOTES_PAGE_SIZE });
  const newNoteField = useRef<HTMLTextAreaElement | null>(null);
  const undo = useUndoDelete(() => newNoteField.current?.focus());

  return (
    <section aria-labelledby="notes-title" className="notes">
      <h2 id="notes-title">Your notes</h2>
      <NewNoteForm fieldRef={newNoteField} />
      <UndoDelete state={undo} />
      {status === "LoadingFirstPage" ? (
        // Placeholders the size of notes; the page announces the wait once, not each part of it.
        <ul className="note-list" aria-label="Notes" aria-busy="true">
          {[0, 1].map((key) => (
            <li key={key} className="card">
              <Skeleton width="70%" />
              <Skeleton width="40%" />
            </li>
          ))}
        </ul>
      ) : results.length === 0 ? (
        <p className="empty">No notes yet. Write your first one above.</p>
      ) : (
        <ul className="note-list" aria-label="Notes">
          {results.map((note) => (
            <NoteItem key={note._id} note={note} onDeleted={undo.deleted} />
          ))}
        </ul>
      )}
      {status === "CanLoadMore" && (
        <button type="button" className="button-secondary" onClick={() => loadMore(NOTES_PAGE_SIZE)}>
          Load more
        </button>
      )}
      {status === "LoadingMore" && <InlineStatus kind="loading">Loading more notes…</InlineStatus>}
    </section>
  );
}
