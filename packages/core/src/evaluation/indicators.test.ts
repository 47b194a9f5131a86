import { describe, expect, it } from 'vitest';
import { aggregateOf, currentMeasurements, missingReports, periodSeries } from './indicators';

const m = (organisationId: string, period: string, version: number, value: number) => ({ organisationId, period, version, value });

describe('reading measurements', () => {
  it('keeps the latest version of each organisation and period', () => {
    const rows = [m('a', '2025', 1, 10), m('a', '2025', 2, 12), m('b', '2025', 1, 5), m('a', '2024', 1, 7)];
    expect(currentMeasurements(rows).map((r) => [r.organisationId, r.period, r.value])).toEqual([
      ['a', '2024', 7],
      ['a', '2025', 12],
      ['b', '2025', 5],
    ]);
  });

  it('sums counts and averages rates per period', () => {
    const rows = [m('a', '2025', 1, 10), m('a', '2025', 2, 20), m('b', '2025', 1, 40)];
    expect(aggregateOf('familles')).toBe('somme');
    expect(aggregateOf('%')).toBe('moyenne');
    expect(periodSeries(rows, 'familles').map((p) => p.total)).toEqual([60]);
    expect(periodSeries(rows, '%').map((p) => p.total)).toEqual([30]);
  });

  it('says which periods each reporter still owes', () => {
    const indicator = { frequency: 'annuelle' as const, firstPeriod: '2024', createdOn: '2024-03-01', reporterIds: ['a', 'b'] };
    expect(missingReports(indicator, [m('a', '2024', 1, 1), m('a', '2025', 1, 1), m('b', '2024', 1, 1)], '2026-06-01')).toEqual([
      { organisationId: 'a', periods: [], lastPeriod: '2025' },
      { organisationId: 'b', periods: ['2025'], lastPeriod: '2024' },
    ]);
  });
});
