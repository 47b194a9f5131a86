import type { QuizResult, QuizResultsRepo } from '@maillage/core';
import type { Kysely, Transaction } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

/** A result by the hash of its share token, with the collectives it is shared with. */
export async function findQuizResult(db: Db, tokenHash: string) {
  const row = await db
    .selectFrom('quiz_results')
    .select(['id', 'result', 'created_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const sharedWith = await db
    .selectFrom('quiz_result_shares as s')
    .innerJoin('collectives as c', 'c.id', 's.collective_id')
    .select(['c.id', 'c.name'])
    .where('s.result_id', '=', row.id)
    .orderBy('c.name')
    .execute();
  return { id: row.id, result: row.result, takenOn: new Date(row.created_at).toISOString().slice(0, 10), sharedWith };
}

/** The results shared with a collective (only the results: no account, no answers). */
export async function collectiveQuizResults(db: Db, collectiveId: string): Promise<QuizResult[]> {
  const rows = await db
    .selectFrom('quiz_result_shares as s')
    .innerJoin('quiz_results as r', 'r.id', 's.result_id')
    .select('r.result')
    .where('s.collective_id', '=', collectiveId)
    .execute();
  return rows.map((r) => r.result);
}

/** The results taken in a live room (only the results). */
export async function roomQuizResults(db: Db, roomId: string): Promise<QuizResult[]> {
  const rows = await db.selectFrom('quiz_results').select('result').where('room_id', '=', roomId).execute();
  return rows.map((r) => r.result);
}

/** An open live room by its join code. */
export async function openRoomByCode(db: Db, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('live_rooms').select('id').where('code', '=', code).where('closed_at', 'is', null).executeTakeFirst();
  return row?.id;
}

export function quizResultsRepo(db: Kysely<DB>): QuizResultsRepo {
  return {
    async save(input) {
      const row = await db
        .insertInto('quiz_results')
        .values({
          token_hash: input.tokenHash,
          user_id: input.userId,
          room_id: input.roomId,
          answers: JSON.stringify(input.answers),
          result: JSON.stringify(input.result),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    share(resultId, collectiveId, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx
          .insertInto('quiz_result_shares')
          .values({ result_id: resultId, collective_id: collectiveId })
          .onConflict((oc) => oc.columns(['result_id', 'collective_id']).doNothing())
          .execute();
      });
    },
  };
}
