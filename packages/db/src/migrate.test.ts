import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './client';
import { migrate, migrationChecksum, migrationsDir, readMigrations } from './migrate';
import { availableTestStores, openTestStore } from './testing';

/** A copy of the migrations folder to edit, removed afterwards. */
function withMigrationsCopy<T>(edit: (dir: string) => void, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-migrations-'));
  cpSync(migrationsDir, dir, { recursive: true });
  edit(dir);
  return use(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const checksums = async (store: Store) =>
  (
    await sql<{ version: number; checksum: string | null }>`select version, checksum from schema_migrations order by version`.execute(
      store.db,
    )
  ).rows;

describe('migration checksums', () => {
  it('are the SHA-256 of the text, whatever its line ends', () => {
    expect(migrationChecksum('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(migrationChecksum('a\r\nb\rc\n')).toBe(migrationChecksum('a\nb\nc\n'));
    expect(migrationChecksum('a\nb\n')).not.toBe(migrationChecksum('a\nb \n'));
    expect(migrationChecksum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe.each(availableTestStores())('migrations on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('records every migration once, with its checksum, and applies nothing on a second run', async () => {
    expect(await migrate(store.db)).toEqual([]);
    const rows = await checksums(store);
    expect(rows).toEqual(readMigrations().map((m) => ({ version: m.version, checksum: m.checksum })));
    expect(await migrate(store.db)).toEqual([]);
  });

  it('adds the checksum column to a database migrated before checksums, recording the files’ checksums, and keeps starting', async () => {
    await sql`alter table schema_migrations drop column checksum`.execute(store.db);
    expect(await migrate(store.db)).toEqual([]);
    expect(await checksums(store)).toEqual(readMigrations().map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('stops with a French message naming the file when an applied migration was edited', async () => {
    const error = await withMigrationsCopy(
      (dir) => {
        const file = join(dir, '0030_ecosystem.sql');
        writeFileSync(file, `${readFileSync(file, 'utf8')}\ncreate index organisations_oops on organisations (name);\n`);
      },
      (dir) =>
        migrate(store.db, readMigrations(dir)).then(
          () => undefined,
          (e: Error) => e,
        ),
    );
    expect(error?.message).toMatch(/^Migration modifiée après avoir été appliquée : 0030_ecosystem\.sql /);
    expect(error?.message).toContain('nouvelle migration');
    // Nothing of the edited file was run.
    const index = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'organisations_oops'`.execute(
      store.db,
    );
    expect(index.rows[0]?.n).toBe(0);
  });

  it('accepts the same file checked out with CRLF line ends, and records the checksum of a new migration', async () => {
    const applied = await withMigrationsCopy(
      (dir) => {
        const file = join(dir, '0001_foundation.sql');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
        writeFileSync(join(dir, '9999_probe.sql'), 'create table checksum_probe (id int);\n');
      },
      (dir) => migrate(store.db, readMigrations(dir)),
    );
    expect(applied).toEqual([9999]);
    const rows = await checksums(store);
    expect(rows.at(-1)).toEqual({ version: 9999, checksum: migrationChecksum('create table checksum_probe (id int);\n') });
  });

  it('searches without accents or case', async () => {
    const r = await sql<{ v: string }>`select f_search('Saint-Étienne') as v`.execute(store.db);
    expect(r.rows[0]?.v).toBe('saint etienne');
  });
});
