import { describe, expect, it } from 'vitest';
import { layoutPathway, VISION_ID, wrap } from './layout';

const change = (id: string, horizon: 'court' | 'moyen' | 'long', text = `Changement ${id}`) => ({ id, horizon, text });

describe('layoutPathway', () => {
  const input = {
    visionText: 'Des enfants plus épanouis, des parents mieux accompagnés',
    changes: [change('a', 'court'), change('b', 'court'), change('c', 'moyen'), change('d', 'long'), change('e', 'court')],
    links: [
      { id: 'l1', from: 'a', to: 'c' },
      { id: 'l2', from: 'c', to: 'd' },
      { id: 'l3', from: 'd', to: null },
      { id: 'l4', from: 'b', to: 'd' },
      { id: 'l5', from: 'e', to: 'a' },
    ],
  };
  const layout = layoutPathway(input);
  const box = (id: string) => layout.boxes.find((b) => b.id === id) as (typeof layout.boxes)[number];

  it('puts every change in the column of its horizon, short term on the left and the vision on the right', () => {
    expect(box('a').x).toBe(box('b').x);
    expect(box('a').x).toBe(box('e').x);
    expect(box('a').x).toBeLessThan(box('c').x);
    expect(box('c').x).toBeLessThan(box('d').x);
    expect(box('d').x).toBeLessThan(box(VISION_ID).x);
    expect(layout.columns.map((c) => c.horizon)).toEqual(['court', 'moyen', 'long', 'vision']);
    for (let i = 1; i < layout.columns.length; i++) {
      expect((layout.columns[i - 1] as { x1: number }).x1).toBeLessThan((layout.columns[i] as { x0: number }).x0);
    }
  });

  it('routes every link, left to right between columns, as an arc beside the column inside one', () => {
    expect(layout.links.map((l) => l.id).sort()).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
    for (const l of layout.links.filter((x) => x.id !== 'l5')) {
      const first = l.points[0] as { x: number };
      const last = l.points.at(-1) as { x: number };
      expect(last.x).toBeGreaterThan(first.x);
    }
    const arc = layout.links.find((l) => l.id === 'l5') as (typeof layout.links)[number];
    const right = box('e').x + box('e').width;
    expect(Math.max(...arc.points.map((p) => p.x))).toBeGreaterThan(right);
    expect(Math.min(...arc.points.map((p) => p.x))).toBeGreaterThanOrEqual(right - 0.001);
  });

  it('keeps no boxes overlapping within a column', () => {
    const court = layout.boxes.filter((b) => b.horizon === 'court').sort((p, q) => p.y - q.y);
    for (let i = 1; i < court.length; i++) {
      const above = court[i - 1] as { y: number; height: number };
      expect(above.y + above.height).toBeLessThanOrEqual((court[i] as { y: number }).y);
    }
  });

  it('keeps the place of an empty horizon between its neighbours', () => {
    const sparse = layoutPathway({ visionText: 'v', changes: [change('a', 'court'), change('d', 'long')], links: [] });
    const [court, moyen, long] = sparse.columns as { x0: number; x1: number }[];
    expect(court?.x1).toBeLessThan(moyen?.x0 as number);
    expect(moyen?.x1).toBeLessThan(long?.x0 as number);
  });
});

describe('wrap', () => {
  it('cuts on spaces, breaks a word longer than a line, and ends a text too long with an ellipsis', () => {
    expect(wrap('un deux trois', 7)).toEqual(['un deux', 'trois']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const long = wrap('mot '.repeat(200), 10);
    expect(long).toHaveLength(8);
    expect(long.at(-1)?.endsWith('…')).toBe(true);
  });
});
