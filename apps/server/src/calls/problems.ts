import type { ProblemEntry } from '../http/problem-table';

/** Error codes of calls for projects: campaigns, funders, review and the committee. */
export const callsProblems = {
  call_not_found: {
    status: 404,
    message: 'Cet appel à projets n’existe pas ou plus.',
    en: 'This call for projects does not exist (or no longer exists).',
  },
  cofunder_not_found: {
    status: 404,
    message: 'Ce financeur n’existe pas ou n’est pas un financeur de cet appel.',
    en: 'This funder does not exist or does not fund this call.',
  },
} satisfies Record<string, ProblemEntry>;
