import { useMutation } from "convex/react";
import { useId, useState, type FormEvent } from "react";
import { api } from "../../../convex/_generated/api";
import { NOTE_MAX_LENGTH, noteTextProblem } from "../../../convex/limits";
import { errorMessage } from "../../components/error-message";

export function NewNoteForm() {
  const add = useMutation(api.notes.add);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = noteTextProblem(text);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await add({ text });
      setText("");
    } catch (reason) {
      // The server decides what is valid; its message says what to change.
      setError(errorMessage(reason));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card note-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={fieldId}>New note</label>
      <textarea
        id={fieldId}
        value={text}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        aria-describedby={error === null ? hintId : `${hintId} ${errorId}`}
        aria-invalid={error !== null || undefined}
      />
      <p id={hintId} className={`hint${text.length > NOTE_MAX_LENGTH ? " status-error" : ""}`}>
        {text.length.toLocaleString("en-US")} / {NOTE_MAX_LENGTH.toLocaleString("en-US")} characters
      </p>
      {error !== null && (
        <p id={errorId} role="alert" className="status-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={saving}>
        {saving ? "Adding…" : "Add note"}
      </button>
    </form>
  );
}
