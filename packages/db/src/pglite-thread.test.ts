import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './client';
import { DataDirLockedError } from './lock';
import { startPgliteEarly } from './pglite-thread';
import { pgliteWorkerSource } from './pglite-thread';
import { ensurePgliteTemplate } from './template';

const dirs: string[] = [];
const stores: Store[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-thread-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => {});
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('PGlite in a worker thread (the server)', () => {
  it('answers queries, errors and transactions as in-process, keeps the lock, and backs up', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const template = await ensurePgliteTemplate();
    const store = await openStore({ kind: 'pglite', dataDir: dir, template: () => template, thread: true });
    stores.push(store);
    expect(store.kind).toBe('pglite');
    // Started from the template: migrated, territories loaded.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from territories`.execute(store.db);
    expect(rows[0]?.n).toBeGreaterThan(30_000);
    expect((await store.pool.query('select $1::text as word, $2::int as n', ['Élodie', 7])).rows).toEqual([{ word: 'Élodie', n: 7 }]);
    await store.pool.query('create table thread_probe (id int primary key, label text)');
    await store.db.transaction().execute(async (trx) => {
      await sql`insert into thread_probe values (1, 'un')`.execute(trx);
      await sql`insert into thread_probe values (2, 'deux')`.execute(trx);
    });
    // A database error arrives as pg's, with its SQLSTATE.
    await expect(sql`insert into thread_probe values (1, 'encore')`.execute(store.db)).rejects.toMatchObject({ code: '23505' });
    // Concurrent queries share the one session in order.
    const many = await Promise.all([1, 2, 3, 4, 5].map((i) => store.pool.query('select $1::int as i', [i])));
    expect(many.map((r) => r.rows[0].i)).toEqual([1, 2, 3, 4, 5]);
    // The folder is locked while the thread holds it.
    await expect(openStore({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    const archive = await store.backup?.();
    expect(archive?.size).toBeGreaterThan(1000);
    await store.close();
    expect(existsSync(join(dir, 'maillage.lock'))).toBe(false);

    // What was written is there when the folder is opened again, in-process.
    const again = await openStore({ kind: 'pglite', dataDir: dir });
    stores.push(again);
    expect((await again.pool.query('select id, label from thread_probe order by id')).rows).toEqual([
      { id: 1, label: 'un' },
      { id: 2, label: 'deux' },
    ]);
  });

  it('starts early only on an existing folder without DATABASE_URL, and gives the lock back when abandoned', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir();
    expect(startPgliteEarly(pgliteWorkerSource, { MAILLAGE_DATA: dir })).toBeUndefined(); // new folder
    const template = await ensurePgliteTemplate();
    const made = await openStore({ kind: 'pglite', dataDir: dir, template: () => template });
    await made.close();
    expect(startPgliteEarly(pgliteWorkerSource, { MAILLAGE_DATA: dir, DATABASE_URL: 'postgres://x@localhost/y' })).toBeUndefined();
    const early = startPgliteEarly(pgliteWorkerSource, { MAILLAGE_DATA: dir });
    expect(early?.dataDir).toBe(dir);
    expect(existsSync(join(dir, 'maillage.lock'))).toBe(true);
    early?.abandon();
    expect(existsSync(join(dir, 'maillage.lock'))).toBe(false);
  });
});
