import { useState } from 'preact/hooks';
import { ApiError } from '../../shared/api';

/** Submitting a form to the API: busy flag, per-field errors, and the typed values kept on failure. */
export function useSubmit<T>(submit: () => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async (event?: Event): Promise<T | undefined> => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      return await submit();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
