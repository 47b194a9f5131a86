import type { QuestionnaireQuestion, QuestionnaireRepo } from '@maillage/core';
import type { Kysely, Transaction } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function eventQuestions(db: Db, eventId: string): Promise<QuestionnaireQuestion[]> {
  const row = await db.selectFrom('event_questionnaires').select('questions').where('event_id', '=', eventId).executeTakeFirst();
  return row?.questions ?? [];
}

/** A registration by the hash of its personal link's token, with its event's title and its answers. */
export async function registrationQuestionnaire(db: Db, tokenHash: string) {
  const row = await db
    .selectFrom('event_registrations as r')
    .innerJoin('events as e', 'e.id', 'r.event_id')
    .leftJoin('questionnaire_answers as a', 'a.registration_id', 'r.id')
    .select(['r.id', 'r.event_id', 'r.status', 'e.title', 'a.answers'])
    .where('r.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    registrationId: row.id,
    eventId: row.event_id,
    cancelled: row.status === 'cancelled',
    eventTitle: row.title,
    answers: row.answers ?? {},
    questions: await eventQuestions(db, row.event_id),
  };
}

/** The answers of an event's registered people (not cancelled), for the trainers. */
export async function questionnaireAnswers(db: Db, eventId: string) {
  const rows = await db
    .selectFrom('questionnaire_answers as a')
    .innerJoin('event_registrations as r', 'r.id', 'a.registration_id')
    .select(['r.name', 'r.organisation_name', 'a.answers', 'a.answered_at'])
    .where('r.event_id', '=', eventId)
    .where('r.status', '<>', 'cancelled')
    .orderBy('r.name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    organisation: r.organisation_name,
    answeredAt: new Date(r.answered_at).toISOString(),
    answers: r.answers,
  }));
}

export function questionnaireRepo(db: Kysely<DB>): QuestionnaireRepo {
  return {
    setQuestions(eventId, questions, updatedBy, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx
          .insertInto('event_questionnaires')
          .values({ event_id: eventId, questions: JSON.stringify(questions), updated_by: updatedBy })
          .onConflict((oc) =>
            oc.column('event_id').doUpdateSet({ questions: JSON.stringify(questions), updated_by: updatedBy, updated_at: new Date() }),
          )
          .execute();
      });
    },
    async saveAnswers(registrationId, answers) {
      // Her own answers through her personal link: no audit entry, which would copy them.
      await db
        .insertInto('questionnaire_answers')
        .values({ registration_id: registrationId, answers: JSON.stringify(answers) })
        .onConflict((oc) => oc.column('registration_id').doUpdateSet({ answers: JSON.stringify(answers), answered_at: new Date() }))
        .execute();
    },
  };
}
