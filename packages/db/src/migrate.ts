import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Reads `migrations/NNNN_what.sql`, in order. Numbers must be unique. */
export function readMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const version = Number.parseInt(file.slice(0, 4), 10);
    if (seen.has(version)) throw new Error(`Migration ${version} en double (${file}).`);
    seen.add(version);
    return { version, name: file.slice(5, -4), sql: readFileSync(join(dir, file), 'utf8') };
  });
}

/**
 * Applies every migration not yet applied, each in its own transaction, under an advisory
 * lock so that several server processes starting together on one PostgreSQL apply each once.
 * @returns the versions applied by this call.
 */
export async function migrate(db: Kysely<any>, migrations = readMigrations()): Promise<number[]> {
  await sql`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
  // Fast path for every start after the first: one query, no lock, when nothing is pending.
  const done = new Set((await sql<{ version: number }>`select version from schema_migrations`.execute(db)).rows.map((r) => r.version));
  const pending = migrations.filter((m) => !done.has(m.version));
  const applied: number[] = [];
  for (const migration of pending) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(74210001)`.execute(trx);
      const row = await sql<{ version: number }>`select version from schema_migrations where version = ${migration.version}`.execute(trx);
      if (row.rows.length > 0) return false;
      await sql.raw(migration.sql).execute(trx);
      await sql`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`.execute(trx);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
