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
