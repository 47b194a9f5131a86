import { z } from 'zod';
import type { AuditOf } from '../accounts/index';
import { fail, ok, type Result } from '../shared/result';

/**
 * The pre-training questionnaire (seed 004): questions set by the organiser of an event, answered
 * by each registered person through her registration's personal link, read by the trainers.
 */

export const questionnaireBody = z.object({
  questions: z
    .array(
      z.object({
        text: z.string().trim().min(1, 'la question est requise').max(500, 'question : au plus 500 caractères'),
        /** Choices to pick one from; none: a free answer. */
        choices: z
          .array(z.string().trim().min(1, 'choix vide').max(200, 'choix : au plus 200 caractères'))
          .max(10, 'au plus 10 choix')
          .default([]),
      }),
    )
    .max(20, 'au plus 20 questions'),
});

export interface QuestionnaireQuestion {
  readonly key: string;
  readonly text: string;
  readonly choices: readonly string[];
}

export const questionnaireAnswersBody = z.object({
  /** By question key: the text typed, or the choice picked. */
  answers: z.record(z.string().max(20, 'question inconnue'), z.string().trim().max(2000, 'réponse : au plus 2000 caractères')),
});

export interface QuestionnaireRepo {
  setQuestions(eventId: string, questions: readonly QuestionnaireQuestion[], updatedBy: string | null, audit: AuditOf<void>): Promise<void>;
  saveAnswers(registrationId: string, answers: Readonly<Record<string, string>>): Promise<void>;
}

/** Sets an event's questions (keys q1, q2… in order). */
export function setQuestionnaire(
  deps: { repo: QuestionnaireRepo },
  event: { id: string; territoryId: string },
  questions: readonly { text: string; choices: readonly string[] }[],
  actorUserId: string | null,
) {
  const keyed = questions.map((q, i) => ({ key: `q${i + 1}`, text: q.text, choices: [...q.choices] }));
  return deps.repo.setQuestions(event.id, keyed, actorUserId, {
    actorUserId,
    action: 'questionnaire.set',
    entityType: 'event',
    entityId: event.id,
    territoryId: event.territoryId,
    details: { questions: keyed.length },
  });
}

/** Checks and keeps a registered person's answers: known questions only, a choice among the choices. */
export async function answerQuestionnaire(
  deps: { repo: QuestionnaireRepo },
  registrationId: string,
  questions: readonly QuestionnaireQuestion[],
  answers: Readonly<Record<string, string>>,
): Promise<Result<true, 'questionnaire_answer_invalid'>> {
  for (const [key, value] of Object.entries(answers)) {
    const q = questions.find((x) => x.key === key);
    if (!q) return fail('questionnaire_answer_invalid', { field: `body.answers.${key}` });
    if (q.choices.length && value !== '' && !q.choices.includes(value))
      return fail('questionnaire_answer_invalid', { field: `body.answers.${key}` });
  }
  await deps.repo.saveAnswers(registrationId, Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== '')));
  return ok(true);
}
