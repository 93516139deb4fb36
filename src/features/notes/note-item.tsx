import { useMutation } from "convex/react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "../../../convex/_generated/api";
import type { Doc } from "../../../convex/_generated/dataModel";
import { noteTextProblem } from "../../../convex/limits";
import { errorMessage } from "../../components/error-message";
import { NoteTextField } from "./note-text-field";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function excerpt(text: string) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * One note: its text first, its actions quieter. Editing opens in place with the field focused;
 * Save, Cancel and Escape return focus to the note's Edit button. A deleted note is reported to
 * the list (`onDeleted`), which offers Undo.
 */
export function NoteItem({ note, onDeleted }: { note: Doc<"notes">; onDeleted: (text: string) => void }) {
  const update = useMutation(api.notes.update);
  const remove = useMutation(api.notes.remove);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  function stopEditing() {
    setEditing(false);
    setDraft(note.text);
    setError(null);
    // The Edit button is back once this render lands.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  async function run(action: () => Promise<unknown>, onDone?: () => void) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone?.();
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = noteTextProblem(draft);
    if (problem !== null) {
      setError(problem);
      return;
    }
    void run(() => update({ noteId: note._id, text: draft }), stopEditing);
  }

  return (
    <li className="card note">
      {editing ? (
        <form onSubmit={save}>
          <NoteTextField
            label="Edit note"
            value={draft}
            autoFocus
            onChange={(next) => {
              setDraft(next);
              setError(null);
            }}
            onEscape={stopEditing}
            error={error}
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Save
            </button>
            <button type="button" className="button-secondary" onClick={stopEditing}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="note-text">{note.text}</p>
          <div className="note-footer">
            <time className="hint" dateTime={new Date(note.updatedAt).toISOString()}>
              {timeFormat.format(note.updatedAt)}
            </time>
            <div className="actions">
              <button
                ref={editButton}
                type="button"
                className="button-quiet"
                aria-label={`Edit note: ${excerpt(note.text)}`}
                onClick={() => {
                  setDraft(note.text);
                  setEditing(true);
                }}
              >
                Edit
              </button>
              <button
                type="button"
                className="button-quiet button-quiet-danger"
                disabled={busy}
                aria-label={`Delete note: ${excerpt(note.text)}`}
                onClick={() => void run(() => remove({ noteId: note._id }), () => onDeleted(note.text))}
              >
                Delete
              </button>
            </div>
          </div>
          {error !== null && (
            <p role="alert" className="status-error">
              {error}
            </p>
          )}
        </>
      )}
    </li>
  );
}
