import { describe, expect, it } from 'vitest';
import { type LabelCandidate, placeLabels } from './label-placement';

const label = (id: string, x: number, y: number, priority = 0, forced = false): LabelCandidate => ({
  id,
  x,
  y,
  radius: 3,
  width: 80,
  height: 14,
  priority,
  forced,
});

/** The box a kept label takes, as drawn. */
const boxOf = (c: LabelCandidate, side: 'right' | 'left') => {
  const x1 = side === 'right' ? c.x + c.radius + 2 : c.x - c.radius - 2 - c.width;
  return { x1, x2: x1 + c.width, y1: c.y - c.height / 2, y2: c.y + c.height / 2 };
};

describe('placeLabels', () => {
  it('drops a label that would overlap on both sides, keeping the ones with more relations', () => {
    const chosen = placeLabels([label('big', 100, 100, 9), label('mid', 190, 100, 5), label('small', 145, 100, 1)]);
    expect([...chosen.keys()].sort()).toEqual(['big', 'mid']);
  });

  it('labels an isolated organisation, and moves a label to the left when the right is taken', () => {
    expect(placeLabels([label('alone', 200, 200, 0)], { width: 500, height: 400 })).toEqual(new Map([['alone', 'right']]));
    const left = placeLabels([label('a', 200, 100, 5), label('b', 180, 100, 1)], { width: 500, height: 400 });
    expect(left).toEqual(
      new Map([
        ['a', 'right'],
        ['b', 'left'],
      ]),
    );
  });

  it('labels the chosen organisation whatever its rank, and keeps labels inside the viewport', () => {
    const chosen = placeLabels([label('big', 100, 100, 9), label('picked', 100, 100, 0, true)], { width: 500, height: 400 });
    expect(chosen.get('picked')).toBe('right');
    expect(chosen.get('big')).toBe('left');
    expect(placeLabels([label('edge', 495, 5, 1)], { width: 500, height: 400 }).size).toBe(0);
    // Neither side fits whole on a narrow screen: the side that runs off least, not no label.
    expect(placeLabels([label('narrow', 70, 200, 1)], { width: 140, height: 400 })).toEqual(new Map([['narrow', 'right']]));
    expect(placeLabels([label('narrow', 75, 200, 1)], { width: 90, height: 400 })).toEqual(new Map([['narrow', 'left']]));
  });

  it('keeps no two overlapping labels on a crowded map', () => {
    const many = Array.from({ length: 600 }, (_, i) => label(`n${i}`, (i * 37) % 390, (i * 53) % 700, i % 7));
    const chosen = placeLabels(many, { width: 390, height: 700 });
    expect(chosen.size).toBeGreaterThan(20);
    expect(chosen.size).toBeLessThan(600);
    const boxes = many.flatMap((c) => {
      const side = chosen.get(c.id);
      return side ? [boxOf(c, side)] : [];
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b) continue;
        const overlap = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
        expect(overlap, `${i} ${j}`).toBe(false);
      }
  });
});
