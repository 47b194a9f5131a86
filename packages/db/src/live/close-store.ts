import type { Kysely } from 'kysely';
import { addAcquaintance } from '../ecosystem/store';
import type { DB } from '../schema';

/**
 * Closes a live room and records, in the same transaction, that the people who sat together know
 * each other now (ecosystem acquaintances from an event, which later mixing keeps apart). Closing
 * twice keeps the first closing date and adds nothing twice.
 * @returns how many pairs of people were recorded (already known ones included).
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
    for (const [a, b] of input.personPairs) {
      if (a === b) continue;
      await addAcquaintance(trx, a, b, 'event', { sourceRef: `live:${input.roomId}`, metOn: day });
    }
    return input.personPairs.length;
  });
}
