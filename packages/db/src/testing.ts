import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store, type StoreKind } from './client';
import { prepareStore } from './prepare';
import { ensurePgliteTemplate, schemaFingerprint } from './template';

/** What test stores may run here: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function availableTestStores(): StoreKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresTemplate(): Promise<string> {
  const name = `maillage_tpl_${schemaFingerprint()}`;
  const base = process.env.TEST_DATABASE_URL as string;
  await withAdmin(async (client) => {
    await client.query('select pg_advisory_lock(74210002)');
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_building`;
      await client.query(`drop database if exists ${building}`);
      await client.query(`create database ${building}`);
      const store = await openStore({ kind: 'postgres', databaseUrl: databaseUrl(base, building), poolSize: 2 });
      try {
        await prepareStore(store);
      } finally {
        await store.close();
      }
      await client.query(`alter database ${building} rename to ${name}`);
    } finally {
      await client.query('select pg_advisory_unlock(74210002)');
    }
  });
  return name;
}

/**
 * A fresh, migrated store with reference data, for one test file or test.
 * PGlite stores start from a cached template (PGlite's initdb costs seconds); PostgreSQL stores
 * are new databases copied from a template database and dropped on close.
 */
export async function openTestStore(kind: StoreKind = 'pglite'): Promise<Store> {
  if (kind === 'pglite') {
    return openStore({ kind: 'pglite-memory', loadDataDir: await ensurePgliteTemplate() });
  }
  const template = await postgresTemplate();
  const name = `maillage_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name} template ${template}`));
  const store = await openStore({
    kind: 'postgres',
    databaseUrl: databaseUrl(process.env.TEST_DATABASE_URL as string, name),
    poolSize: 20,
  });
  return {
    ...store,
    async close() {
      await store.close();
      await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
export { countRows, seedVenueDay, type VenueFixture } from './venue/venue-fixture';
