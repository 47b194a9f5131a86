import { readFileSync } from 'node:fs';
import { relationStates } from '@maillage/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { seedDemoTerritory } from '../demo/territory';
import { availableTestStores, openTestStore } from '../testing';
import { demoDataSchema, seedEcosystemDemo } from './demo';
import { territoryAssessments } from './relations';
import { organisationsOfUser } from './territory-context';

describe('ecosystem demo data', () => {
  const raw = JSON.parse(readFileSync(new URL('./demo-data.json', import.meta.url), 'utf8'));

  it('is read through its schema, and a name that refers to nothing is refused with its path', () => {
    expect(demoDataSchema.safeParse(raw).success).toBe(true);
    const broken = structuredClone(raw);
    broken.relations[0].b = 'Association qui n’existe pas';
    broken.acquaintances[0].a = 'Personne inconnue';
    const result = demoDataSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['acquaintances.0.a', 'relations.0.b']);
  });
});

describe.each(availableTestStores())('ecosystem demo on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('gives the demo territory relations at every level, two years of history and acquaintances, once', async () => {
    const ctx = await seedDemoTerritory(store.db);
    const today = new Date('2026-11-25T12:00:00Z');
    await seedEcosystemDemo(store.db, ctx, today);
    const { organisations, facts } = await territoryAssessments(store.db, ctx.territoryId);
    expect(organisations.length).toBeGreaterThanOrEqual(25);
    expect(new Set(facts.map((f) => f.level))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    const dates = facts.map((f) => f.assessedOn).sort();
    expect(dates[0]! <= '2024-12-31').toBe(true);
    expect(dates.at(-1)! >= '2026-10-01').toBe(true);
    const states = relationStates(facts);
    expect(states.some((s) => s.disagreement)).toBe(true);
    expect(new Set(states.map((s) => s.level)).size).toBeGreaterThanOrEqual(6);
    const acquaintances = await sql<{ n: number }>`select count(*)::int as n from acquaintances`.execute(store.db);
    expect(acquaintances.rows[0]?.n).toBeGreaterThanOrEqual(10);
    // The demo members are people of their organisations, so they see those relations.
    expect((await organisationsOfUser(store.db, ctx.userIds.members[0])).size).toBe(1);
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from cooperation_assessments`.execute(store.db)).rows[0]?.n;
    const before = await count();
    await seedEcosystemDemo(store.db, await seedDemoTerritory(store.db), today);
    expect(await count()).toBe(before);
  });
});
