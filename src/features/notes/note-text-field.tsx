import { useEffect, useId, useRef, type KeyboardEvent, type RefObject } from "react";
import { NOTE_MAX_LENGTH } from "../../../convex/limits";

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The note text box both the new-note and the edit form use: its counter counts what will be
 * saved (the trimmed text), says so before submit when only spaces were typed, and its error sits
 * right under it. Ctrl/Cmd+Enter submits the form; Escape calls `onEscape` (cancel an edit).
 */
export function NoteTextField({
  label,
  value,
  onChange,
  error,
  onEscape,
  fieldRef,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  error: string | null;
  onEscape?: () => void;
  fieldRef?: RefObject<HTMLTextAreaElement | null>;
  /** Focus the field when it appears, with the caret after the text (to go on typing). */
  autoFocus?: boolean;
}) {
  const own = useRef<HTMLTextAreaElement | null>(null);
  const ref = fieldRef ?? own;
  useEffect(() => {
    const field = ref.current;
    if (!autoFocus || field === null) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [autoFocus, ref]);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const saved = value.trim().length;
  const onlySpaces = value.length > 0 && saved === 0;

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    } else if (event.key === "Escape" && onEscape) {
      event.preventDefault();
      onEscape();
    }
  }

  return (
    <>
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        ref={ref}
        value={value}
        rows={3}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={error === null ? hintId : `${hintId} ${errorId}`}
        aria-invalid={error !== null || undefined}
      />
      <p id={hintId} className={`hint${saved > NOTE_MAX_LENGTH ? " status-error" : ""}`}>
        {onlySpaces ? "Only spaces so far: this note would be empty." : `${count(saved)} / ${count(NOTE_MAX_LENGTH)} characters`}
      </p>
      {error !== null && (
        <p id={errorId} role="alert" className="status-error">
          {error}
        </p>
      )}
    </>
  );
}
