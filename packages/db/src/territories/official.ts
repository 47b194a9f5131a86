import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/**
 * Loads France's administrative divisions into `territories` when they are missing.
 * @returns how many territories were written (0 when already up to date).
 */
export async function loadOfficialTerritories(_db: Kysely<DB>): Promise<number> {
  // Filled in by the territories capability.
  return 0;
}
