import { describe, expect, it } from 'vitest';
import type { PathwayGraph } from './model';
import { columnOrder, layoutPlan, PLAN_PAGES, wrap } from './plan-layout';
import { SEED003_TEMPLATE } from './template';

/** A monospaced measure: every character is 0.5 em wide. */
const mono = (text: string, size: number) => text.length * size * 0.5;

const seed: PathwayGraph = {
  changes: SEED003_TEMPLATE.changes.map((c) => ({ id: c.key, horizon: c.horizon, text: c.text })),
  links: SEED003_TEMPLATE.links.map(([from, to]) => ({ from, to })),
};

describe('wrap', () => {
  it('keeps every word, never wider than the line', () => {
    const text = 'Chaque parent a été contacté au moins 3 fois dans l’année par une structure de son quartier';
    const lines = wrap(text, 100, 10, mono);
    expect(lines.join(' ')).toBe(text);
    for (const l of lines) expect(mono(l, 10)).toBeLessThanOrEqual(100);
  });
  it('breaks a word longer than the line rather than letting it overflow', () => {
    const lines = wrap('anticonstitutionnellement', 50, 10, mono);
    for (const l of lines) expect(mono(l, 10)).toBeLessThanOrEqual(50);
    expect(lines.join('').replaceAll('-', '')).toBe('anticonstitutionnellement');
  });
});

describe('layoutPlan', () => {
  it('lays seed 003 on one A4 page: four columns right to left, every box inside the page', () => {
    const plan = layoutPlan({ ...seed, vision: SEED003_TEMPLATE.vision.sentence }, PLAN_PAGES.A4, mono);
    expect(plan.fits).toBe(true);
    if (!plan.fits) return;
    expect(plan.size).toBe(PLAN_PAGES.A4.maxSize);
    expect(plan.boxes).toHaveLength(seed.changes.length + 1);
    const vision = plan.boxes.find((b) => b.id === 'vision');
    const short = plan.boxes.find((b) => b.column === 'court');
    expect(vision && short && vision.x > short.x).toBe(true);
    for (const b of plan.boxes) {
      expect(b.y).toBeGreaterThanOrEqual(PLAN_PAGES.A4.margin);
      expect(b.y + b.height).toBeLessThanOrEqual(PLAN_PAGES.A4.height - PLAN_PAGES.A4.margin - PLAN_PAGES.A4.footer + 1e-6);
      for (const l of b.lines) expect(mono(l, plan.size)).toBeLessThanOrEqual(b.width - 2 * PLAN_PAGES.A4.padding);
    }
  });
  it('shrinks the type for a crowded pathway, and says so when even the smallest size does not fit', () => {
    const many = (n: number): PathwayGraph => ({
      changes: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, horizon: 'court' as const, text: `Changement numéro ${i} `.repeat(3) })),
      links: [],
    });
    const crowded = layoutPlan({ ...many(14), vision: 'V' }, PLAN_PAGES.A4, mono);
    expect(crowded.fits && crowded.size < PLAN_PAGES.A4.maxSize).toBe(true);
    const tooMany = layoutPlan({ ...many(200), vision: 'V' }, PLAN_PAGES.A4, mono);
    expect(tooMany).toMatchObject({ fits: false, column: 'court' });
  });
  it('orders a column by where its changes lead, so links cross little', () => {
    const g: PathwayGraph = {
      changes: [
        { id: 'l1', horizon: 'long', text: '' },
        { id: 'l2', horizon: 'long', text: '' },
        { id: 'm-to-l2', horizon: 'moyen', text: '' },
        { id: 'm-to-l1', horizon: 'moyen', text: '' },
      ],
      links: [
        { from: 'l1', to: null },
        { from: 'l2', to: null },
        { from: 'm-to-l2', to: 'l2' },
        { from: 'm-to-l1', to: 'l1' },
      ],
    };
    expect(columnOrder(g).moyen).toEqual(['m-to-l1', 'm-to-l2']);
  });
});
