import type { ProblemEntry } from '../http/problem-table';

/** Error codes of applications: the file, its budget, its documents and its statuses. */
export const applicationProblems = {
  application_not_found: {
    status: 404,
    message: 'Cette demande de subvention n’existe pas ou plus.',
    en: 'This grant application does not exist (or no longer exists).',
  },
} satisfies Record<string, ProblemEntry>;
