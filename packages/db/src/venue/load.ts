import type { VenuePayload, VenueRow } from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../schema';
import { advanceSequences, insertRows, tableColumns, venueTableOrder } from './catalogue';

/** Refused: the laptop's store already holds a day. */
export class VenueStoreNotEmptyError extends Error {
  constructor(title: string) {
    super(
      `Ce dossier de données contient déjà une journée (« ${title} ») : choisissez un dossier vide (MAILLAGE_DATA) pour en ouvrir une autre.`,
    );
    this.name = 'VenueStoreNotEmptyError';
  }
}

/**
 * Writes an exported day into the laptop's fresh store, in one transaction, ids kept, so that
 * everything the day adds can go back to the territory's instance under the same identities.
 * France's divisions come from the store's own reference data with other ids: each exported
 * territory takes the place of the local one with the same kind and code (its links moved over).
 */
export async function loadDay(db: Kysely<DB>, payload: VenuePayload): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('events').select('title').limit(1).executeTakeFirst();
    if (existing) throw new VenueStoreNotEmptyError(existing.title);
    const columns = await tableColumns(trx);
    const counts: Record<string, number> = {};
    for (const table of venueTableOrder) {
      const rows = payload.tables[table] ?? [];
      const cols = columns.get(table);
      if (!cols) continue;
      if (table === 'territories') {
        counts[table] = await adoptTerritories(trx, rows, cols);
        continue;
      }
      counts[table] = (await insertRows(trx, table, rows, cols)).length;
    }
    await advanceSequences(trx, venueTableOrder);
    return counts;
  });
}

async function adoptTerritories(trx: Transaction<DB>, rows: readonly VenueRow[], cols: Set<string>): Promise<number> {
  let written = 0;
  for (const row of rows) {
    const id = String(row.id);
    const here = await trx.selectFrom('territories').select('id').where('id', '=', id).executeTakeFirst();
    if (here) continue;
    const twin =
      row.code == null
        ? undefined
        : await trx
            .selectFrom('territories')
            .select('id')
            .where('kind', '=', String(row.kind) as never)
            .where('code', '=', String(row.code))
            .executeTakeFirst();
    if (twin) {
      await sql`update territories set code = null, slug = slug || '-' || id::text where id = ${twin.id}`.execute(trx);
    }
    written += (await insertRows(trx, 'territories', [row], cols)).length;
    if (twin) {
      await sql`update territory_parents set territory_id = ${id} where territory_id = ${twin.id}`.execute(trx);
      await sql`update territory_parents set parent_id = ${id} where parent_id = ${twin.id}`.execute(trx);
      await sql`delete from territories where id = ${twin.id}`.execute(trx);
    }
  }
  return written;
}
