import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** SHA-256 (hex) of the file's text, line ends normalised: recorded when applied, checked at every start. */
  readonly checksum: string;
}

/** The checksum of a migration's text: SHA-256 in hex, of the text with CRLF and CR line ends made LF (a checkout on Windows is the same file). */
export function migrationChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('hex');
}

/** The file a migration was read from: `NNNN_what.sql`. */
export const migrationFile = (m: Pick<Migration, 'version' | 'name'>) => `${String(m.version).padStart(4, '0')}_${m.name}.sql`;

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
    const text = readFileSync(join(dir, file), 'utf8');
    return { version, name: file.slice(5, -4), sql: text, checksum: migrationChecksum(text) };
  });
}

/** Takes the lock every runner takes before changing the schema (several processes may start together). */
const migrationLock = sql`select pg_advisory_xact_lock(74210001)`;

/**
 * Databases migrated before checksums existed have no `checksum` column: the runner adds it and
 * records the checksum of each applied migration from the file as it is now (nothing older is
 * known), once, under the lock. Existing databases keep starting.
 */
async function addChecksumColumn<T>(db: Kysely<T>, migrations: readonly Migration[]): Promise<void> {
  const column = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = 'schema_migrations' and column_name = 'checksum'`.execute(db);
  if (column.rows[0]?.n) return;
  await db.transaction().execute(async (trx) => {
    await migrationLock.execute(trx);
    await sql`alter table schema_migrations add column if not exists checksum text`.execute(trx);
    for (const m of migrations) {
      await sql`update schema_migrations set checksum = ${m.checksum} where version = ${m.version} and checksum is null`.execute(trx);
    }
  });
}

/**
 * Applies every migration not yet applied, each in its own transaction, under an advisory
 * lock so that several server processes starting together on one PostgreSQL apply each once.
 * Each applied migration's checksum is recorded; a migration file edited after it was applied
 * stops the start with a French message naming the file (write a new migration instead).
 * @returns the versions applied by this call.
 */
export async function migrate<T>(db: Kysely<T>, migrations = readMigrations()): Promise<number[]> {
  await sql`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now(),
    checksum text
  )`.execute(db);
  await addChecksumColumn(db, migrations);
  // Fast path for every start after the first: two reads, no lock, when nothing is pending.
  const rows = (await sql<{ version: number; checksum: string | null }>`select version, checksum from schema_migrations`.execute(db)).rows;
  const recorded = new Map(rows.map((r) => [r.version, r.checksum]));
  const edited = migrations.filter((m) => {
    const checksum = recorded.get(m.version);
    return typeof checksum === 'string' && checksum !== m.checksum;
  });
  if (edited.length > 0) {
    throw new Error(
      `Migration modifiée après avoir été appliquée : ${edited.map(migrationFile).join(', ')} ` +
        '(son empreinte SHA-256 ne correspond plus à celle enregistrée dans schema_migrations). ' +
        'Remettez le fichier tel qu’il était et écrivez le changement dans une nouvelle migration.',
    );
  }
  const pending = migrations.filter((m) => !recorded.has(m.version));
  const applied: number[] = [];
  for (const migration of pending) {
    const done = await db.transaction().execute(async (trx) => {
      await migrationLock.execute(trx);
      const row = await sql<{ version: number }>`select version from schema_migrations where version = ${migration.version}`.execute(trx);
      if (row.rows.length > 0) return false;
      await sql.raw(migration.sql).execute(trx);
      await sql`insert into schema_migrations (version, name, checksum)
        values (${migration.version}, ${migration.name}, ${migration.checksum})`.execute(trx);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
