import type { HistoryLine } from '@maillage/core';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/** The display name an account has now (written beside its id: the name at the time of the change). */
export async function nameOf(db: Kysely<DB>, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

export async function writeHistory(
  db: Kysely<DB>,
  collectiveId: string,
  by: { userId: string | null; at: Date },
  name: string | null,
  line: HistoryLine,
) {
  await db
    .insertInto('collective_history')
    .values({
      collective_id: collectiveId,
      at: by.at,
      author_user_id: by.userId,
      author_name: name,
      kind: line.kind,
      section: line.section ?? null,
      version: line.version ?? null,
      member_id: line.memberId ?? null,
      summary: line.summary,
    })
    .execute();
}

/**
 * Accepting an invitation made for a collective's seat (`inviteMember`) links the new account to
 * that seat, with its history line, in the acceptance's own transaction.
 */
export async function linkInvitedSeats(db: Kysely<DB>, invitationId: string, userId: string): Promise<void> {
  const seats = await db
    .updateTable('collective_members')
    .set({ user_id: userId })
    .where('invitation_id', '=', invitationId)
    .where('user_id', 'is', null)
    .returning(['id', 'collective_id', 'display_name'])
    .execute();
  const name = await nameOf(db, userId);
  for (const seat of seats) {
    await writeHistory(db, seat.collective_id, { userId, at: new Date() }, name, {
      kind: 'member_updated',
      memberId: seat.id,
      summary: `${seat.display_name} a rejoint l’espace du collectif avec son compte`,
    });
  }
}
