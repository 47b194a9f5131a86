import { z } from 'zod';
import type { AuditOf } from '../accounts/index';
import { fail, ok, type Result } from '../shared/result';
import { QUIZ_QUESTIONS, type QuizResult, scoreQuiz, validQuizAnswers } from './quiz';

/** Keeping and sharing results of "Quel coopérateur je suis ?". */

export const quizAnswersBody = z.object({
  answers: z
    .array(z.number().int('choix invalide').min(0, 'choix invalide').max(3, 'choix invalide'))
    .length(QUIZ_QUESTIONS.length, `un choix par question : ${QUIZ_QUESTIONS.length}`),
  /** The join code of the live room the quiz is taken in, if any: the room's projector shows the distribution. */
  roomCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6}$/, 'code de salle invalide')
    .optional(),
});

export const quizShareBody = z.object({ collectiveId: z.uuid('collectif invalide') });

export interface QuizResultsRepo {
  save(input: {
    tokenHash: string;
    userId: string | null;
    roomId: string | null;
    answers: readonly number[];
    result: QuizResult;
  }): Promise<string>;
  share(resultId: string, collectiveId: string, audit: AuditOf<void>): Promise<void>;
}

/** Scores the answers (deterministic: the same answers, the same result) and keeps them behind the share token. */
export async function saveQuizResult(
  deps: { repo: QuizResultsRepo },
  answers: readonly number[],
  tokenHash: string,
  userId: string | null,
  roomId: string | null = null,
): Promise<Result<QuizResult, 'quiz_answers_invalid'>> {
  if (!validQuizAnswers(answers)) return fail('quiz_answers_invalid', { field: 'body.answers' });
  const result = scoreQuiz(answers);
  await deps.repo.save({ tokenHash, userId, roomId, answers, result });
  return ok(result);
}

export function shareQuizResult(
  deps: { repo: QuizResultsRepo },
  resultId: string,
  collective: { id: string; territoryId: string },
  actorUserId: string | null,
) {
  return deps.repo.share(resultId, collective.id, {
    actorUserId,
    action: 'quiz.share',
    entityType: 'collective',
    entityId: collective.id,
    territoryId: collective.territoryId,
  });
}
