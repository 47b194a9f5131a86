import { barometerResult, continuumOverTime, missingReports, quarterEnds } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { seedDemo } from '../demo/seed-demo';
import { territoryAssessments } from '../ecosystem/relations';
import { availableTestStores, openTestStore } from '../testing';
import { listBarometerRuns } from './barometer-store';
import { listObservedChanges } from './observed-store';
import { indicatorMeasurements, listIndicators, loadIndicator } from './store';

describe.each(availableTestStores())('evaluation demo on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives the demo territory three indicators reported for two years by four partners (one late), observed changes, two barometer runs and a continuum over two years, once', async () => {
    await seedDemo(store.db);
    await seedDemo(store.db);
    const territory = await store.db.selectFrom('territories').select('id').where('slug', '=', 'val-de-lys').executeTakeFirstOrThrow();
    const indicators = await listIndicators(store.db, [territory.id]);
    expect(indicators.filter((i) => i.owner.kind === 'territory')).toHaveLength(3);
    const quarterly = indicators.find((i) => i.name.startsWith('Familles accompagnées'))!;
    const record = await loadIndicator(store.db, quarterly.id);
    const rows = await indicatorMeasurements(store.db, quarterly.id);
    expect(new Set(rows.map((r) => r.period)).size).toBe(8);
    expect(new Set(rows.map((r) => r.organisationId)).size).toBe(4);
    expect(rows.some((r) => r.version === 2)).toBe(true);
    const late = missingReports(record!, rows, '2026-11-25').filter((m) => m.periods.length > 0);
    expect(late.map((m) => m.periods)).toEqual([['2026-T2', '2026-T3']]);
    const observed = await listObservedChanges(store.db, [territory.id]);
    expect(observed).toHaveLength(4);
    expect(observed.filter((o) => o.change !== null)).toHaveLength(1);
    const runs = await listBarometerRuns(store.db, [territory.id], () => false);
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.result.shown)).toBe(true);
    expect(runs[0]?.previousRunId).toBe(runs[1]?.id);
    const latest = runs[0]?.result;
    if (latest?.shown) expect(latest.factors.every((f) => f.trend !== null)).toBe(true);
    expect(barometerResult([]).shown).toBe(false);
    const { facts } = await territoryAssessments(store.db, territory.id);
    const points = continuumOverTime(facts, quarterEnds('2024-12-01', '2026-11-25'));
    expect(points.length).toBeGreaterThanOrEqual(8);
    expect(points[0]!.pairs).toBeGreaterThan(0);
    expect(points.at(-1)!.pairs).toBeGreaterThanOrEqual(points[0]!.pairs);
  });
});
