import { useCallback, useState } from "react";
import { errorMessage } from "./error-message";

/**
 * One button's call to the backend: whether it is under way, and the sentence to show when it
 * failed (our functions' own sentence, or what went wrong and what to do). `run` resolves to
 * whether the work succeeded, so the caller can go on (clear a field, move focus).
 */
export function useRun() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (reason) {
      setError(errorMessage(reason));
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, setError, run };
}
