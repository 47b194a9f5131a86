/**
 * Expected failures are values: a use case returns `ok(value)` or `fail(code, details)`, with
 * a closed union of codes. The edge maps each code to an HTTP status and a French message.
 */
export type Result<T, E extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E; readonly details?: Readonly<Record<string, unknown>> };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const fail = <E extends string>(error: E, details?: Record<string, unknown>): Result<never, E> =>
  details ? { ok: false, error, details } : { ok: false, error };
