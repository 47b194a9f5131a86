import type { Kysely } from 'kysely';
import { addAcquaintance } from '../ecosystem/people';
import type { DB } from '../schema';

/**
 * Closes a live room and records, in the same transaction, that the people who sat together know
 * each other now (ecosystem acquaintances from an event, which later mixing keeps apart). Closing
 * twice keeps the first closing date and adds nothing twice.
 * @returns how many pairs of people were recorded (already known ones included; erased people left out).
 */
export async function closeLiveRoom(
  db: Kysely<DB>,
  input: { roomId: string; at: Date; personPairs: readonly (readonly [string, string])[] },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('live_rooms')
      .set((eb) => ({ closed_at: eb.fn.coalesce('closed_at', eb.val(input.at)) }))
      .where('id', '=', input.roomId)
      .execute();
    const day = input.at.toISOString().slice(0, 10);
    // Only people who still exist and were not erased (RGPD): the room's log remembers the others.
    const ids = [...new Set(input.personPairs.flat())];
    const living = new Set(
      ids.length === 0
        ? []
        : (await trx.selectFrom('people').select('id').where('id', 'in', ids).where('erased_at', 'is', null).execute()).map((r) => r.id),
    );
    let recorded = 0;
    for (const [a, b] of input.personPairs) {
      if (a === b || !living.has(a) || !living.has(b)) continue;
      recorded++;
      await addAcquaintance(trx, a, b, 'event', { sourceRef: `live:${input.roomId}`, metOn: day });
    }
    return recorded;
  });
}
