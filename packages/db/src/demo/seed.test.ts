import { verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { territoriesRepo } from '../territories/store';
import { demoExtenders, seedDemo } from './seed-demo';

async function snapshot(store: Store) {
  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(store.db)).rows[0]?.n;
  return {
    territories: await count('territories'),
    parents: await count('territory_parents'),
    users: await count('users'),
    roles: await count('role_assignments'),
  };
}

describe.each(availableTestStores())('demo seed on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('creates the fictional agglomeration, its communes, QPV and accounts, then changes nothing on a second run', async () => {
    const before = await snapshot(store);
    const seen: string[][] = [];
    // The territory alone first: the other capabilities' extenders are set aside, then restored.
    const others = demoExtenders.splice(0, demoExtenders.length);
    demoExtenders.push(async (_db, ctx) => {
      seen.push([ctx.territoryId, ...ctx.communeIds, ...ctx.quartierIds, ctx.userIds.coordinator]);
    });
    try {
      const first = await seedDemo(store.db);
      expect(first.created).toBe(true);
      expect(first.territoryName).toBe('Communauté d’agglomération du Val-de-Lys');
      expect(first.accounts.map((a) => a.label)).toHaveLength(5);
      const afterFirst = await snapshot(store);
      expect(afterFirst).toEqual({
        territories: (before.territories ?? 0) + 6,
        parents: (before.parents ?? 0) + 2 + 4,
        users: (before.users ?? 0) + 5,
        roles: (before.roles ?? 0) + 4,
      });

      const second = await seedDemo(store.db);
      expect(second.created).toBe(false);
      expect(second.accounts).toEqual(first.accounts);
      expect(await snapshot(store)).toEqual(afterFirst);
      // Both runs gave the extenders the same ids.
      expect(seen).toHaveLength(2);
      expect(seen[1]).toEqual(seen[0]);
    } finally {
      demoExtenders.splice(0, demoExtenders.length, ...others);
    }

    const repo = territoriesRepo(store.db);
    const agglo = await repo.findBySlug('val-de-lys');
    expect(agglo).toMatchObject({ kind: 'epci', code: null, epciType: 'CA' });
    const below = await repo.children(agglo?.id ?? '', { descendants: true, limit: 10, offset: 0 });
    expect(below.items.map((t) => `${t.kind}:${t.name}`).sort()).toEqual([
      'commune:Bellerive-sur-Lys',
      'commune:Lysbourg',
      'qpv:La Croix-Verte',
      'qpv:Les Coteaux',
      'qpv:Les Tilleuls',
    ]);
    const coteaux = await repo.findBySlug('les-coteaux');
    expect(coteaux?.parents.map((p) => p.name).sort()).toEqual(['Bellerive-sur-Lys', 'Lysbourg']);
  });

  it('runs every capability’s extender, and a second full run changes no table', async () => {
    await seedDemo(store.db);
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('audit_log', 'schema_migrations')
      order by table_name`.execute(store.db);
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const t of tables.rows) {
        out[t.name] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(store.db)).rows[0]?.n ?? 0;
      }
      return out;
    };
    const once = await counts();
    const report = await seedDemo(store.db);
    expect(report.created).toBe(false);
    expect(await counts()).toEqual(once);
  });

  it('gives each demo account its password (argon2id) and role', async () => {
    const report = await seedDemo(store.db);
    for (const account of report.accounts) {
      const user = await store.db
        .selectFrom('users')
        .select(['id', 'password_hash', 'is_admin'])
        .where('email', '=', account.email)
        .executeTakeFirstOrThrow();
      expect(user.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
      expect(await verify(user.password_hash, account.password)).toBe(true);
      expect(account.password.length).toBeGreaterThanOrEqual(10);
    }
    const roles = await store.db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .innerJoin('territories as t', 't.id', 'r.territory_id')
      .select(['u.email', 'r.role', 'r.title', 't.name'])
      .where('u.email', 'like', '%@val-de-lys.exemple.fr')
      .orderBy('u.email')
      .execute();
    expect(roles.find((r) => r.role === 'coordinator')).toMatchObject({
      name: 'Communauté d’agglomération du Val-de-Lys',
      title: 'Chargée de coopération',
    });
    expect(
      roles
        .filter((r) => r.role === 'member')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Bellerive-sur-Lys', 'Lysbourg']);
    const admin = await store.db
      .selectFrom('users')
      .select('is_admin')
      .where('email', '=', 'admin@val-de-lys.exemple.fr')
      .executeTakeFirstOrThrow();
    expect(admin.is_admin).toBe(true);
  });
});
