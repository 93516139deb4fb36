import { useMutation } from "convex/react";
import { useEffect, useRef, useState } from "react";
import { api } from "../../../convex/_generated/api";
import { errorMessage } from "../../components/error-message";

/** How long Undo is offered after a delete. */
export const UNDO_FOR_MS = 8000;

/** One delete that can still be undone (a new object per delete, so each gets its own timer). */
type Deleted = { text: string };

export type UndoDeleteState = ReturnType<typeof useUndoDelete>;

/**
 * Undo for the last deleted note. The note is deleted on the server at once (another tab sees it
 * go); Undo writes it back with the same text, as a new note. `afterUndo` says where focus goes.
 */
export function useUndoDelete(afterUndo: () => void) {
  const add = useMutation(api.notes.add);
  const [last, setLast] = useState<Deleted | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    if (last === null) return;
    const timer = setTimeout(() => setLast((current) => (current === last ? null : current)), UNDO_FOR_MS);
    return () => clearTimeout(timer);
  }, [last]);

  return {
    last,
    error,
    restoring,
    deleted: (text: string) => {
      setError(null);
      setLast({ text });
    },
    undo: async () => {
      if (last === null) return;
      setRestoring(true);
      try {
        await add({ text: last.text });
        setLast(null);
        afterUndo();
      } catch (reason) {
        setError(errorMessage(reason));
      } finally {
        setRestoring(false);
      }
    },
  };
}

/** "Note deleted. Undo": focused when it appears, since the deleted note's buttons are gone. */
export function UndoDelete({ state }: { state: UndoDeleteState }) {
  const button = useRef<HTMLButtonElement>(null);
  const { last } = state;

  useEffect(() => {
    if (last !== null) button.current?.focus();
  }, [last]);

  if (last === null) return null;
  return (
    <div className="card undo-delete" role="status">
      <span>Note deleted.</span>
      <button ref={button} type="button" className="button-secondary" disabled={state.restoring} onClick={() => void state.undo()}>
        {state.restoring ? "Restoring…" : "Undo"}
      </button>
      {state.error !== null && (
        <p role="alert" className="status-error">
          Could not restore the note: {state.error}
        </p>
      )}
    </div>
  );
}
