import type { ProblemEntry } from '../http/problem-table';

/** Error codes of collectives. */
export const collectivesProblems = {
  collective_not_found: {
    status: 404,
    message: 'Ce collectif n’existe pas ou plus.',
    en: 'This collective does not exist (or no longer exists).',
  },
} satisfies Record<string, ProblemEntry>;
