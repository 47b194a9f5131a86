import type { ProblemEntry } from '../http/problem';

export const territoriesProblems = {
  territory_not_found: { status: 404, message: 'Ce territoire est introuvable.' },
} satisfies Record<string, ProblemEntry>;
