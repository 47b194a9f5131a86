import { accountsProblems } from '../accounts/problems';
import { applicationProblems } from '../calls/application-problems';
import { callsProblems } from '../calls/problems';
import { changeProblems } from '../change/problems';
import { collectivesProblems } from '../collectives/problems';
import { ecosystemProblems } from '../ecosystem/problems';
import { evaluationProblems } from '../evaluation/problems';
import { eventsProblems } from '../events/problems';
import { venueProblems } from '../events/venue-problems';
import { territoriesProblems } from '../territories/problems';
import { liveProblems } from '../live/problems';
import { codevProblems } from '../live/codev-problems';
import { rosterProblems } from '../live/roster-problems';
import { commonProblems, type ProblemEntry } from './problem-table';

/** Every error code the API can answer, with its status, French message and English title. */
export const problems = {
  ...commonProblems,
  ...accountsProblems,
  ...ecosystemProblems,
  ...territoriesProblems,
  ...eventsProblems,
  ...venueProblems,
  ...liveProblems,
  ...rosterProblems,
  ...codevProblems,
  ...collectivesProblems,
  ...changeProblems,
  ...evaluationProblems,
  ...callsProblems,
  ...applicationProblems,
} satisfies Record<string, ProblemEntry>;

/** The closed set of error codes: a `Problem` with a code missing from the tables does not compile. */
export type ProblemCode = keyof typeof problems;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(problems, code);
}
