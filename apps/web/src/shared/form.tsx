import type { ComponentChildren, FormHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

/**
 * Forms in the app's own style: no browser pop-up ever (`noValidate`: the `required` and `type`
 * attributes only describe the field to assistive technologies), the errors are the app's, in
 * French, under each field (`Field`'s `error`, tied with aria-describedby and aria-invalid), and a
 * refused submission moves the focus to the first field in error, so that a keyboard or screen
 * reader user lands on what to fix.
 */

/** A field's error found before sending (the server's checks remain the reference). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Focuses the first field marked invalid in a form (document order), if any; true when focused. */
export function focusFirstError(form: HTMLFormElement | null): boolean {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return false;
  first.focus();
  return true;
}

/**
 * Submitting a form to the API: busy flag, per-field errors, the typed values kept on failure, and
 * the focus on the first field in error. `check`, when given, finds errors before sending (an empty
 * required field): they are shown like the server's, without a request.
 */
export function useSubmit<T>(submit: () => Promise<T>, options: { check?: () => readonly FieldProblem[] } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const form = useRef<HTMLFormElement | null>(null);
  // Each failure moves the focus once, after the errors are rendered.
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures > 0) focusFirstError(form.current);
  }, [failures]);
  const run = async (event?: Event): Promise<T | undefined> => {
    event?.preventDefault();
    if (event?.currentTarget instanceof HTMLFormElement) form.current = event.currentTarget;
    const problems = options.check?.() ?? [];
    if (problems.length > 0) {
      setError(new ApiError(400, 'validation', problems[0]?.message ?? '', [...problems]));
      setFailures((n) => n + 1);
      return undefined;
    }
    setBusy(true);
    setError(undefined);
    try {
      return await submit();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
      setFailures((n) => n + 1);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** A form that never shows the browser's validation pop-ups (see `useSubmit` for the errors). */
export function Form(props: Omit<FormHTMLAttributes<HTMLFormElement>, 'noValidate'> & { children: ComponentChildren }) {
  return <form {...props} noValidate />;
}
