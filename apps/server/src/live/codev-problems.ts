import type { ProblemEntry } from '../http/problem-table';

/** Error codes of co-development sessions (the core's codes are prefixed `live_`). */
export const codevProblems = {
  live_invalid_step: {
    status: 400,
    message: 'Cette étape n’existe pas dans la séance de co-développement : rechargez la console.',
    en: 'This step does not exist in the co-development session: reload the console.',
  },
  live_timer_not_running: {
    status: 409,
    message: 'Le minuteur de l’étape n’est pas lancé : il n’y a rien à mettre en pause.',
    en: 'The step timer is not running: there is nothing to pause.',
  },
  codev_record_not_found: {
    status: 404,
    message: 'Ce compte rendu de co-développement n’existe pas.',
    en: 'This co-development record does not exist.',
  },
} satisfies Record<string, ProblemEntry>;
