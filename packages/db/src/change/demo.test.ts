import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { DEMO_ADVANCED_COLLECTIVE } from '../collectives/demo';
import { seedDemo } from '../demo/seed-demo';
import { availableTestStores, openTestStore } from '../testing';
import { listPathways, loadPathwayView } from './store';

describe.each(availableTestStores())('change pathways demo on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives the demo territory seed 003’s pathway with two indicators and a review, once', async () => {
    await seedDemo(store.db);
    await seedDemo(store.db);
    const territory = await store.db.selectFrom('territories').select('id').where('slug', '=', 'val-de-lys').executeTakeFirstOrThrow();
    const list = (await listPathways(store.db, [territory.id])).filter((p) => p.owner.kind === 'territory');
    expect(list).toHaveLength(1);
    const view = await loadPathwayView(store.db, list[0]!.id);
    expect(view?.changes).toHaveLength(9);
    expect(view?.indicators.map((i) => [i.baselineValue !== null, i.targetValue !== null])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(view?.reviews).toHaveLength(1);
    expect(view?.changes.filter((c) => c.lastLight !== null)).toHaveLength(5);
  });

  it('gives the demo’s advanced collective a pathway contributing to the territory’s, once', async () => {
    const territory = await store.db.selectFrom('territories').select('id').where('slug', '=', 'val-de-lys').executeTakeFirstOrThrow();
    await seedDemo(store.db);
    const list = await listPathways(store.db, [territory.id]);
    expect(list.map((p) => p.owner.kind).sort()).toEqual(['collective', 'territory']);
    const own = await loadPathwayView(store.db, list.find((p) => p.owner.kind === 'collective')!.id);
    expect(own?.changes.flatMap((c) => c.contributesTo)).toHaveLength(2);
    expect(own?.changes.every((c) => !c.detached)).toBe(true);
    const main = await loadPathwayView(store.db, list.find((p) => p.owner.kind === 'territory')!.id);
    expect(main?.changes.flatMap((c) => c.carriedBy).map((c) => c.ownerName)).toEqual([DEMO_ADVANCED_COLLECTIVE, DEMO_ADVANCED_COLLECTIVE]);
  });
});
