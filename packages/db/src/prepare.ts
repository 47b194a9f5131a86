import type { Store } from './client';
import { migrate } from './migrate';
import { loadOfficialTerritories } from './territories/official';

export interface PrepareReport {
  readonly migrationsApplied: number[];
  readonly territoriesLoaded: number;
}

/**
 * Brings a store up to date: applies pending migrations, then loads the reference data the
 * application needs (France's administrative divisions) when it is missing or outdated.
 */
export async function prepareStore(store: Store): Promise<PrepareReport> {
  const migrationsApplied = await migrate(store.db);
  const territoriesLoaded = await loadOfficialTerritories(store.db);
  return { migrationsApplied, territoriesLoaded };
}
