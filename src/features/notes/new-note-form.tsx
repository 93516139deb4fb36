import { useMutation } from "convex/react";
import { useState, type FormEvent, type RefObject } from "react";
import { api } from "../../../convex/_generated/api";
import { noteTextProblem } from "../../../convex/limits";
import { errorMessage } from "../../components/error-message";
import { NoteTextField } from "./note-text-field";

/** Writes a new note; after adding, the field is empty and focused for the next one. */
export function NewNoteForm({ fieldRef }: { fieldRef: RefObject<HTMLTextAreaElement | null> }) {
  const add = useMutation(api.notes.add);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

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
      fieldRef.current?.focus();
    } catch (reason) {
      // The server decides what is valid; its message says what to change.
      setError(errorMessage(reason));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card note-form" onSubmit={(event) => void submit(event)}>
      <NoteTextField
        label="New note"
        value={text}
        fieldRef={fieldRef}
        onChange={(next) => {
          setText(next);
          setError(null);
        }}
        error={error}
      />
      <button type="submit" disabled={saving}>
        {saving ? "Adding…" : "Add note"}
      </button>
    </form>
  );
}
