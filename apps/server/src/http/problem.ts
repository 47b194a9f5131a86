import type { Result } from '@maillage/core';
import type { ProblemCode } from './problems';

/**
 * The one error type of the HTTP edge. Use cases return failure codes; handlers turn them into
 * a Problem, and the error handler answers `application/problem+json` with a title in French
 * (or English, when the request prefers it).
 */
export class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(code);
    this.name = 'Problem';
  }
}

/**
 * A use case's result as a handler answers it: its value, or its error code thrown as a
 * `Problem` with the details (mapped to a status and a message by the problems table).
 */
export function outcome<T, E extends ProblemCode>(result: Result<T, E>): T {
  if (!result.ok) throw new Problem(result.error, result.details);
  return result.value;
}
