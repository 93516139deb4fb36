import { useMutation } from "convex/react";
import { useId, useState, type FormEvent } from "react";
import { api } from "../../../convex/_generated/api";
import type { Doc } from "../../../convex/_generated/dataModel";
import { noteTextProblem } from "../../../convex/limits";
import { errorMessage } from "../../components/error-message";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function excerpt(text: string) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function NoteItem({ note }: { note: Doc<"notes"> }) {
  const update = useMutation(api.notes.update);
  const remove = useMutation(api.notes.remove);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();

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
    void run(() => update({ noteId: note._id, text: draft }), () => setEditing(false));
  }

  return (
    <li className="card note">
      {editing ? (
        <form onSubmit={save}>
          <label htmlFor={fieldId}>Edit note</label>
          <textarea id={fieldId} value={draft} rows={3} onChange={(event) => setDraft(event.target.value)} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Save
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setEditing(false);
                setDraft(note.text);
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="note-text">{note.text}</p>
          <p className="hint">
            <time dateTime={new Date(note.updatedAt).toISOString()}>{timeFormat.format(note.updatedAt)}</time>
          </p>
          <div className="actions">
            <button
              type="button"
              className="button-secondary"
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
              className="button-danger"
              disabled={busy}
              aria-label={`Delete note: ${excerpt(note.text)}`}
              onClick={() => void run(() => remove({ noteId: note._id }))}
            >
              Delete
            </button>
          </div>
        </>
      )}
      {error !== null && (
        <p role="alert" className="status-error">
          {error}
        </p>
      )}
    </li>
  );
}
