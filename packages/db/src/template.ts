import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';
import type { Store } from './client';
import { migrationsDir, readMigrations } from './migrate';
import { prepareStore } from './prepare';

const here = dirname(fileURLToPath(import.meta.url));
/** Where prepared PGlite data folders are cached (gitignored). */
export const templateDir = join(here, '..', '.cache');

/** A fingerprint of everything that shapes a prepared store: migrations and reference-data loaders. */
export function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations(migrationsDir)) hash.update(`${m.version}:${m.sql}`);
  for (const file of ['territories/official.ts', 'prepare.ts']) {
    const path = join(here, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

export function pgliteTemplatePath(): string {
  return join(templateDir, `pglite-${schemaFingerprint()}.tar.gz`);
}

/** The prepared template for the current schema, if it has been built (by `npm run build` or a test run). */
export function readPgliteTemplate(): Blob | undefined {
  const path = pgliteTemplatePath();
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/**
 * Builds (once per schema) a migrated PGlite data folder with the reference data loaded, as a
 * tarball. A new instance starts from it instead of running initdb and loading France's
 * divisions, and test stores are copies of it.
 */
export async function ensurePgliteTemplate(): Promise<Blob> {
  const existing = readPgliteTemplate();
  if (existing) return existing;
  const { createPglite } = await import('./pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pglite = await createPglite();
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const store: Store = { db, kind: 'pglite', pool, close: async () => {} };
  await prepareStore(store);
  const dump = await pglite.dumpDataDir('gzip');
  await db.destroy();
  await pglite.close();
  const bytes = Buffer.from(await dump.arrayBuffer());
  mkdirSync(templateDir, { recursive: true });
  const path = pgliteTemplatePath();
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path); // atomic: concurrent builders never read half a template
  return new Blob([bytes]);
}
