import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './client';
import { migrate, readMigrations } from './migrate';
import { availableTestStores, openTestStore } from './testing';

describe.each(availableTestStores())('migrations on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('records every migration once and applies nothing on a second run', async () => {
    const rows = await store.db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    expect(await migrate(store.db)).toEqual([]);
  });

  it('searches without accents or case', async () => {
    const r = await sql<{ v: string }>`select f_search('Saint-Étienne') as v`.execute(store.db);
    expect(r.rows[0]?.v).toBe('saint etienne');
  });
});
