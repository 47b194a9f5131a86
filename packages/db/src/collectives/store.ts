import type { CollectiveRecord, CollectiveSummary, NewCollective } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/**
 * Stores the collectives formed in a room, all or none, in one transaction. A collective already
 * created from the same room, activity and number is found, not duplicated: a retry after a crash
 * returns the same ids.
 * @returns the id of each collective, in the order given.
 */
export async function createCollectives(db: Kysely<DB>, list: readonly NewCollective[]): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const c of list) {
      if (c.origin) {
        const existing = await trx
          .selectFrom('collectives')
          .select('id')
          .where('origin_room_id', '=', c.origin.roomId)
          .where('origin_activity_id', '=', c.origin.activityId)
          .where('origin_number', '=', c.origin.number)
          .executeTakeFirst();
        if (existing) {
          ids.push(existing.id);
          continue;
        }
      }
      const row = await trx
        .insertInto('collectives')
        .values({
          territory_id: c.territoryId,
          name: c.name,
          urgency: c.urgency,
          themes: JSON.stringify(c.themes),
          origin_room_id: c.origin?.roomId ?? null,
          origin_activity_id: c.origin?.activityId ?? null,
          origin_number: c.origin?.number ?? null,
          created_by: c.createdBy,
        })
        // Two creations at once: the second finds the first's row instead of failing.
        .onConflict((oc) => oc.columns(['origin_room_id', 'origin_activity_id', 'origin_number']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) {
        const existing = await trx
          .selectFrom('collectives')
          .select('id')
          .where('origin_room_id', '=', c.origin?.roomId ?? null)
          .where('origin_activity_id', '=', c.origin?.activityId ?? null)
          .where('origin_number', '=', c.origin?.number ?? null)
          .executeTakeFirstOrThrow();
        ids.push(existing.id);
        continue;
      }
      await trx
        .insertInto('collective_history')
        .values({
          collective_id: row.id,
          at: sql<Date>`now()`,
          author_user_id: c.createdBy,
          author_name: null,
          kind: 'created',
          section: null,
          version: null,
          member_id: null,
          summary: 'collectif formé en atelier',
        })
        .execute();
      if (c.members.length > 0) {
        await trx
          .insertInto('collective_members')
          .values(
            c.members.map((m, position) => ({
              collective_id: row.id,
              position,
              display_name: m.name,
              person_id: m.personId,
              live_participant_id: m.liveParticipantId,
            })),
          )
          .execute();
      }
      ids.push(row.id);
    }
    return ids;
  });
}

/** The collectives of some territories, newest first, with their member and answer counts. */
export async function listCollectives(
  db: Kysely<DB>,
  territoryIds: readonly string[] | 'all',
  /** Also the collectives where this account sits (a member whose role is on a commune, in a collective of the agglomeration). */
  memberUserId?: string,
): Promise<CollectiveSummary[]> {
  if (territoryIds !== 'all' && territoryIds.length === 0 && !memberUserId) return [];
  let q = db
    .selectFrom('collectives as c')
    .select((eb) => [
      'c.id',
      'c.territory_id',
      'c.name',
      'c.themes',
      'c.created_at',
      'c.origin_room_id',
      eb
        .selectFrom('collective_members as m')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.collective_id', '=', 'c.id')
        .where('m.left_at', 'is', null)
        .as('members'),
      eb
        .selectFrom('collective_answers as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.collective_id', '=', 'c.id')
        .where(sql<boolean>`length(a.answer) > 0`)
        .as('answered'),
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.name');
  if (territoryIds !== 'all')
    q = q.where((eb) =>
      eb.or([
        ...(territoryIds.length ? [eb('c.territory_id', 'in', territoryIds)] : []),
        ...(memberUserId
          ? [
              eb.exists(
                eb
                  .selectFrom('collective_members as s')
                  .select('s.id')
                  .whereRef('s.collective_id', '=', 'c.id')
                  .where('s.user_id', '=', memberUserId)
                  .where('s.left_at', 'is', null),
              ),
            ]
          : []),
      ]),
    );
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    territoryId: r.territory_id,
    name: r.name,
    themes: r.themes,
    members: Number(r.members ?? 0),
    answered: Number(r.answered ?? 0),
    createdAt: iso(r.created_at),
    originRoomId: r.origin_room_id,
  }));
}

export async function findCollective(db: Kysely<DB>, id: string): Promise<CollectiveRecord | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const c = await db.selectFrom('collectives').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) return undefined;
  const [members, answers] = await Promise.all([
    db.selectFrom('collective_members').select(['display_name', 'person_id']).where('collective_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('collective_answers')
      .select(['question', 'answer', 'updated_at'])
      .where('collective_id', '=', id)
      .orderBy('question')
      .execute(),
  ]);
  return {
    id: c.id,
    territoryId: c.territory_id,
    name: c.name,
    urgency: c.urgency,
    themes: c.themes,
    createdAt: iso(c.created_at),
    originRoomId: c.origin_room_id,
    members: members.map((m) => ({ name: m.display_name, personId: m.person_id })),
    answers: answers.map((a) => ({ question: a.question, answer: a.answer, updatedAt: iso(a.updated_at) })),
  };
}

/** Writes (or replaces) the answer to one guiding question. */
export async function answerCollective(
  db: Kysely<DB>,
  input: { collectiveId: string; question: number; answer: string; userId: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('collective_answers')
    .values({
      collective_id: input.collectiveId,
      question: input.question,
      answer: input.answer,
      updated_at: input.at,
      updated_by: input.userId,
    })
    .onConflict((oc) =>
      oc.columns(['collective_id', 'question']).doUpdateSet({ answer: input.answer, updated_at: input.at, updated_by: input.userId }),
    )
    .execute();
}
