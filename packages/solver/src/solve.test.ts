import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESIGN_DATA } from './design-data';
import { findDesign } from './designs';
import { evaluate } from './evaluate';
import { solve } from './solve';
import type { Problem } from './types';

/** Random feasible problems: enough seats, kept pairs, fixed seats, categories, attributes. */
const problemArb = fc
  .record({
    items: fc.integer({ min: 2, max: 30 }),
    rounds: fc.integer({ min: 1, max: 4 }),
    capacity: fc.integer({ min: 2, max: 6 }),
    slack: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer(),
    avoid: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
    kept: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
    absent: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
    attrs: fc.array(fc.nat({ max: 3 }), { minLength: 30, maxLength: 30 }),
    themed: fc.boolean(),
  })
  .map((c): Problem => {
    const n = c.items;
    const groups = Math.ceil(n / c.capacity) + c.slack;
    // With themes, each theme alone can seat everyone, so distinct themes stay feasible.
    const themes = c.themed ? c.rounds + 1 : 0;
    // Keep kept pairs disjoint so that units stay small enough for any table.
    const used = new Set<number>();
    const keepTogether: [number, number][] = [];
    for (const [a0, b0] of c.kept) {
      const a = a0 % n;
      const b = b0 % n;
      if (a === b || used.has(a) || used.has(b)) continue;
      used.add(a);
      used.add(b);
      keepTogether.push([a, b]);
    }
    const absentBy = new Map<number, Set<number>>();
    for (const [i0, r0] of c.absent) {
      const i = i0 % n;
      if (used.has(i)) continue;
      const set = absentBy.get(i) ?? new Set<number>();
      set.add(r0 % c.rounds);
      absentBy.set(i, set);
    }
    return {
      items: n,
      rounds: c.rounds,
      groups: Array.from({ length: themes ? themes * Math.ceil(n / c.capacity) : groups }, (_, g) => ({
        capacity: c.capacity,
        minSize: 1,
        category: themes ? g % themes : -1,
      })),
      availability: Array.from({ length: n }, (_, i) => {
        const set = absentBy.get(i);
        return set ? Array.from({ length: c.rounds }, (_, r) => r).filter((r) => !set.has(r)) : undefined;
      }),
      keepTogether,
      fixed: n > 3 && !used.has(0) ? [{ item: 0, group: 0, ...(themes ? { rounds: [0] } : {}) }] : [],
      distinctCategories: themes > 0,
      avoidPairs: c.avoid.map(([a, b]) => [a % n, b % n] as [number, number]),
      attributes: [{ values: c.attrs.slice(0, n), maxPerGroup: 1 }],
    };
  });

/**
 * The solver's clock, frozen: a run here ends by its iteration budget, by reaching a perfect plan,
 * or by an abort, never by wall time, so a loaded machine cannot change what a test sees.
 */
const frozenClock = { now: () => 0 };

describe('solve', () => {
  it('always returns a plan with no hard violation whose metrics match an independent recount', () => {
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 1000 }), (problem, seed) => {
        const result = solve(problem, { ...frozenClock, seed, maxIterations: 3000 });
        const recount = evaluate(problem, result.plan);
        expect(recount.violations).toEqual([]);
        expect(result.metrics).toEqual(recount.metrics);
      }),
      { numRuns: 120 },
    );
  });

  it('replays the same plan from the same seed', () => {
    fc.assert(
      fc.property(problemArb, fc.integer(), (problem, seed) => {
        const options = { ...frozenClock, seed, maxIterations: 200 };
        expect(solve(problem, options).plan).toEqual(solve(problem, options).plan);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps frozen rounds and re-seats the rest', () => {
    const base: Problem = { items: 12, rounds: 3, groups: Array.from({ length: 4 }, () => ({ capacity: 3, minSize: 3 })) };
    const first = solve(base, { ...frozenClock, seed: 1, maxIterations: 5000 });
    const late: Problem = {
      ...base,
      items: 13,
      groups: Array.from({ length: 5 }, () => ({ capacity: 4, minSize: 2 })),
      availability: [...Array.from({ length: 12 }, () => undefined), [1, 2]],
      frozen: [[...(first.plan.assignment[0] as number[]), -1]],
    };
    const again = solve(late, { ...frozenClock, seed: 2, maxIterations: 5000 });
    expect(again.plan.assignment[0]).toEqual([...(first.plan.assignment[0] as number[]), -1]);
    expect(evaluate(late, again.plan).violations).toEqual([]);
  });

  it('reaches 0 repeats on Kirkman 15-5-3-7 and the 8-4-10 golfers, by construction', () => {
    for (const [g, k, w] of [
      [5, 3, 7],
      [8, 4, 10],
    ] as const) {
      const problem: Problem = { items: g * k, rounds: w, groups: Array.from({ length: g }, () => ({ capacity: k, minSize: k })) };
      const r = solve(problem, { ...frozenClock, seed: 3, maxIterations: 5000 });
      expect(r.metrics.repeats).toBe(0);
      expect(r.explanation.notes.some((n) => n.kind === 'construction')).toBe(true);
    }
  });

  it('reaches 0 repeats on 10-6-6 by search alone', () => {
    const problem: Problem = { items: 60, rounds: 6, groups: Array.from({ length: 10 }, () => ({ capacity: 6, minSize: 6 })) };
    // Seed 1 needs a few hundred moves; the budget leaves room, and the run stops at 0 repeats.
    const r = solve(problem, { ...frozenClock, seed: 1, maxIterations: 50_000, useConstructions: false });
    expect(r.metrics.repeats).toBe(0);
  });

  it('explains unavoidable repeats by the counting bound (8-4-11)', () => {
    const problem: Problem = { items: 32, rounds: 11, groups: Array.from({ length: 8 }, () => ({ capacity: 4, minSize: 4 })) };
    const r = solve(problem, { ...frozenClock, seed: 1, maxIterations: 2000 });
    const note = r.explanation.notes.find((n) => n.kind === 'counting-bound');
    expect(note).toMatchObject({ metric: 'repeats', lowerBound: 32 });
  });

  it('reports progress and stops when aborted', () => {
    const controller = new AbortController();
    let reports = 0;
    const problem: Problem = { items: 36, rounds: 11, groups: Array.from({ length: 9 }, () => ({ capacity: 4, minSize: 4 })) };
    const r = solve(problem, {
      ...frozenClock,
      seed: 1,
      maxIterations: 1_000_000,
      progressEveryMs: 0,
      onProgress: (p) => {
        reports++;
        expect(p.snapshot().assignment).toHaveLength(11);
        if (p.iterations > 200) controller.abort();
      },
      signal: controller.signal,
    });
    expect(reports).toBeGreaterThan(0);
    // Progress is reported every 16 moves: the abort after move 200 stops the run at the next check,
    // long before its budget.
    expect(r.iterations).toBeGreaterThan(200);
    expect(r.iterations).toBeLessThanOrEqual(240);
    expect(r.explanation.notes.some((n) => n.kind === 'stopped' && n.reason === 'aborted')).toBe(true);
  });
});

describe('designs', () => {
  it('every stored and constructed design is repeat-free', () => {
    const cases: [number, number, number][] = [
      ...DESIGN_DATA.map((d) => [d.groups, d.size, d.rounds.length] as [number, number, number]),
      [5, 5, 6],
      [7, 7, 8],
      [9, 9, 10],
      [8, 8, 9],
      [4, 4, 5],
      [11, 5, 11],
      [6, 6, 3],
      [24, 5, 4],
      [40, 5, 5],
      [10, 2, 19],
    ];
    for (const [g, k, w] of cases) {
      const design = findDesign(g, k, w);
      expect(design, `${g}-${k}-${w}`).not.toBeNull();
      const problem: Problem = { items: g * k, rounds: w, groups: Array.from({ length: g }, () => ({ capacity: k, minSize: k })) };
      const assignment = design!.rounds.map((groups) => {
        const row = new Array<number>(g * k).fill(-1);
        groups.forEach((members, c) => {
          for (const i of members) row[i] = c;
        });
        return row;
      });
      const { metrics } = evaluate(problem, { assignment });
      expect(metrics.hardViolations, `${g}-${k}-${w}`).toBe(0);
      expect(metrics.repeats, `${g}-${k}-${w}`).toBe(0);
    }
  });
});
