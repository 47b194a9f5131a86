import { describe, expect, it } from 'vitest';
import { cloudColour, layoutCloud, type PlacedWord } from './cloud-layout';

/** A stand-in for the canvas's measureText: bold sans-serif is about 0.62 em per letter. */
const measure = (label: string, size: number) => ({ width: label.length * size * 0.62, height: size * 1.2 });
const area = { left: 64, top: 180, width: 1472, height: 756, measure };

const words = [
  'confiance',
  'écoute',
  'temps',
  'respect',
  'volonté commune',
  'partage',
  'connaissance mutuelle',
  'proximité',
  'bienveillance',
  'moyens',
  'reconnaissance',
  'engagement',
  'ouverture',
  'transparence',
  'envie',
  'territoire',
].flatMap((w, i) => [
  { label: w, count: 40 - 2 * i },
  { label: `${w} ${i}`, count: 1 + (i % 3) },
]);

function assertNoOverlap(placed: readonly PlacedWord[]) {
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i] as PlacedWord;
      const b = placed[j] as PlacedWord;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.label} overlaps ${b.label}`).toBe(true);
    }
  }
}

describe('word cloud layout', () => {
  it('places every word inside the area, below the title, without two words overlapping', () => {
    const { placed, left } = layoutCloud(words, area);
    expect(left).toEqual([]);
    expect(placed).toHaveLength(words.length);
    assertNoOverlap(placed);
    for (const w of placed) {
      expect(w.x).toBeGreaterThanOrEqual(area.left);
      expect(w.y).toBeGreaterThanOrEqual(area.top);
      expect(w.x + w.width).toBeLessThanOrEqual(area.left + area.width);
      expect(w.y + w.height).toBeLessThanOrEqual(area.top + area.height);
      expect(w.width - measure(w.label, w.fontSize).width).toBeGreaterThanOrEqual(0);
      expect(w.width - measure(w.label, w.fontSize).width).toBeLessThan(1);
    }
  });

  it('gives the most given words the biggest type, the first one in the middle', () => {
    const { placed } = layoutCloud(words, area);
    const byCount = [...placed].sort((a, b) => b.count - a.count);
    expect(byCount[0]?.label).toBe('confiance');
    expect(byCount[0]?.fontSize).toBe(Math.max(...placed.map((w) => w.fontSize)));
    const first = byCount[0] as PlacedWord;
    const [cx, cy] = [first.x + first.width / 2, first.y + first.height / 2];
    expect(Math.abs(cx - (area.left + area.width / 2))).toBeLessThan(area.width / 6);
    expect(Math.abs(cy - (area.top + area.height / 2))).toBeLessThan(area.height / 6);
    // A word given more often is never smaller than one given less often.
    for (const a of placed)
      for (const b of placed) if (a.count > b.count) expect(a.fontSize, `${a.label} vs ${b.label}`).toBeGreaterThanOrEqual(b.fontSize);
  });

  it('is deterministic, and shrinks everything rather than dropping words when the area is small', () => {
    expect(layoutCloud(words, area)).toEqual(layoutCloud(words, area));
    const small = { ...area, width: 700, height: 420 };
    const { placed, left } = layoutCloud(words, small);
    assertNoOverlap(placed);
    expect(placed.length + left.length).toBe(words.length);
    expect(placed.length).toBeGreaterThanOrEqual(words.length - 4);
    expect(Math.max(...placed.map((w) => w.fontSize))).toBeLessThan(Math.max(...layoutCloud(words, area).placed.map((w) => w.fontSize)));
  });

  it('leaves out the words the facilitator hid', () => {
    const { placed, left } = layoutCloud(
      [
        { label: 'Confiance', count: 5 },
        { label: 'Injure', count: 9, hidden: true },
      ],
      area,
    );
    expect(placed.map((w) => w.label)).toEqual(['Confiance']);
    expect(left).toEqual([]);
  });

  it('handles one word, equal counts and an empty cloud', () => {
    expect(layoutCloud([], area)).toEqual({ placed: [], left: [] });
    const one = layoutCloud([{ label: 'Confiance', count: 3 }], area).placed;
    expect(one).toHaveLength(1);
    const equal = layoutCloud(
      ['a', 'b', 'c'].map((label) => ({ label: `mot ${label}`, count: 2 })),
      area,
    ).placed;
    expect(new Set(equal.map((w) => w.fontSize)).size).toBe(1);
  });

  it('keeps every word in place when a new word arrives (the projector does not jump)', () => {
    const before = layoutCloud(words, area).placed;
    for (const [label, count] of [
      ['arrivée tardive', 1],
      ['aaa premier dans l’ordre', 1],
      ['zèle', 2],
    ] as const) {
      const more = [...words, { label, count }];
      const after = layoutCloud(more, { ...area, previous: before }).placed;
      for (const w of before) {
        const now = after.find((x) => x.label === w.label);
        expect(now, w.label).toBeDefined();
        expect([now?.x, now?.y, now?.fontSize, now?.colour], w.label).toEqual([w.x, w.y, w.fontSize, w.colour]);
      }
      expect(after.find((x) => x.label === label)).toBeDefined();
      assertNoOverlap(after);
    }
    // Without the previous placement, a word ranked early would push the others around.
    const fresh = layoutCloud([...words, { label: 'aaa premier dans l’ordre', count: 1 }], area).placed;
    expect(before.some((w) => fresh.find((x) => x.label === w.label)?.x !== w.x)).toBe(true);
  });

  it('re-places a word whose count changed its size, and gives each word the colour of its spelling', () => {
    const before = layoutCloud(words, area).placed;
    const grown = words.map((w) => (w.label === 'envie 14' ? { ...w, count: 30 } : w));
    const after = layoutCloud(grown, { ...area, previous: before }).placed;
    const was = before.find((w) => w.label === 'envie 14') as PlacedWord;
    const now = after.find((w) => w.label === 'envie 14') as PlacedWord;
    expect(now.fontSize).toBeGreaterThan(was.fontSize);
    assertNoOverlap(after);
    expect(now.colour).toBe(cloudColour('envie 14'));
  });
});
