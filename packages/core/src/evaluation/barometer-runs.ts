import { z } from 'zod';
import type { AuditOf } from '../accounts/index';
import { type AssessmentFact, levelCounts, relationStates } from '../ecosystem/index';
import { fail, ok, type Result } from '../shared/result';
import { type BarometerAnswers, STATEMENTS, validAnswers } from './barometer';

/**
 * Barometer runs: a collective or a partnership answers the self-assessment once or twice a year.
 * Answers are anonymous by construction: the store keeps, per answer, only the ratings and the
 * hash of a random token drawn by the respondent's phone (one phone answers once).
 */

export const openRunBody = z.object({
  territoryId: z.uuid('territoire invalide'),
  collectiveId: z.uuid('collectif invalide').nullable().default(null),
  title: z.string().trim().min(1, 'le titre est requis').max(160, 'titre : au plus 160 caractères'),
});
export type OpenRunInput = z.output<typeof openRunBody>;

export const runAnswersBody = z.object({
  /** A random token the phone drew and keeps: it only prevents answering twice (stored hashed). */
  respondentToken: z.string().min(16, 'jeton invalide').max(200, 'jeton invalide'),
  answers: z
    .array(z.number().int('réponse de 1 à 5').min(1, 'réponse de 1 à 5').max(5, 'réponse de 1 à 5').nullable())
    .length(STATEMENTS.length, `une réponse (ou rien) par affirmation : ${STATEMENTS.length}`),
});

export interface BarometerRunsRepo {
  open(input: OpenRunInput & { code: string; openedOn: string }, createdBy: string | null, audit: AuditOf<string>): Promise<string>;
  close(runId: string, audit: AuditOf<void>): Promise<void>;
  /** Adds an answer; false when this respondent hash already answered the run. No audit entry: it would name the account. */
  answer(runId: string, respondentHash: string, answers: BarometerAnswers): Promise<boolean>;
}

export function openBarometerRun(
  deps: { repo: BarometerRunsRepo },
  input: OpenRunInput,
  code: string,
  today: string,
  actorUserId: string | null,
) {
  return deps.repo.open({ ...input, code, openedOn: today }, actorUserId, (id) => ({
    actorUserId,
    action: 'barometer.open',
    entityType: 'barometer_run',
    entityId: id,
    territoryId: input.territoryId,
    details: { collectiveId: input.collectiveId, title: input.title },
  }));
}

export function closeBarometerRun(deps: { repo: BarometerRunsRepo }, run: { id: string; territoryId: string }, actorUserId: string | null) {
  return deps.repo.close(run.id, {
    actorUserId,
    action: 'barometer.close',
    entityType: 'barometer_run',
    entityId: run.id,
    territoryId: run.territoryId,
  });
}

export async function answerBarometerRun(
  deps: { repo: BarometerRunsRepo },
  run: { id: string; closed: boolean },
  respondentHash: string,
  answers: readonly (number | null)[],
): Promise<Result<true, 'barometer_run_closed' | 'barometer_already_answered' | 'barometer_answers_invalid'>> {
  if (run.closed) return fail('barometer_run_closed');
  if (!validAnswers(answers)) return fail('barometer_answers_invalid', { field: 'body.answers' });
  if (answers.every((a) => a === null)) return fail('barometer_answers_invalid', { field: 'body.answers' });
  return (await deps.repo.answer(run.id, respondentHash, answers)) ? ok(true) : fail('barometer_already_answered');
}

// ——— The continuum over time ———

export interface ContinuumPoint {
  readonly on: string;
  readonly pairs: number;
  /** Relations per level, 1 to 7 (index 0 is level 1). */
  readonly counts: number[];
  /** The mean level of the relations, null when none. */
  readonly mean: number | null;
  /** The share of relations at coordination (5) or above, from 0 to 1. */
  readonly coordinatedShare: number | null;
}

/** The distribution of the continuum's levels across pairs of organisations at each date (each pair: the lower of its two sides' latest levels). */
export function continuumOverTime(facts: readonly AssessmentFact[], dates: readonly string[]): ContinuumPoint[] {
  return dates.map((on) => {
    const states = relationStates(facts, on);
    const counts = levelCounts(states);
    const pairs = counts.reduce((a, b) => a + b, 0);
    const sum = counts.reduce((s, c, i) => s + c * (i + 1), 0);
    const high = counts.slice(4).reduce((a, b) => a + b, 0);
    return {
      on,
      pairs,
      counts,
      mean: pairs ? Math.round((sum / pairs) * 100) / 100 : null,
      coordinatedShare: pairs ? Math.round((high / pairs) * 1000) / 1000 : null,
    };
  });
}

/** Quarter ends (and `to` itself) from `from` to `to`, ISO dates, oldest first. */
export function quarterEnds(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let q = Math.ceil(Number(from.slice(5, 7)) / 3);
  for (let k = 0; k < 200; k++) {
    const end = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
    if (end >= to) break;
    if (end >= from) out.push(end);
    q++;
    if (q > 4) {
      q = 1;
      y++;
    }
  }
  out.push(to);
  return out;
}

/** The same day one year earlier (29 February → 28 February). */
export function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const rest = day.slice(4) === '-02-29' ? '-02-28' : day.slice(4);
  return `${y}${rest}`;
}
