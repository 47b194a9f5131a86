import { describe, expect, it } from 'vitest';
import { timelineLayout } from './timeline';

describe('timelineLayout', () => {
  const steps = [
    { id: 'a', opensOn: '2026-01-01', closesOn: '2026-01-10' },
    { id: 'b', opensOn: '2026-01-11', closesOn: '2026-01-20' },
  ];
  it('places bars on the shared axis and today inside it', () => {
    const layout = timelineLayout(steps, '2026-01-11')!;
    expect(layout.start).toBe('2026-01-01');
    expect(layout.end).toBe('2026-01-20');
    expect(layout.bars).toEqual([
      { id: 'a', left: 0, width: 50 },
      { id: 'b', left: 50, width: 50 },
    ]);
    expect(layout.today).toBe(52.5);
    expect(layout.months).toEqual([]);
  });
  it('has no marker when today is outside the calendar, and month ticks across months', () => {
    expect(timelineLayout(steps, '2027-03-01')!.today).toBeNull();
    const long = timelineLayout([{ id: 'x', opensOn: '2025-10-01', closesOn: '2026-12-31' }], '2026-01-01')!;
    expect(long.months.map((m) => m.iso.slice(0, 7))).toContain('2026-06');
    expect(long.months).toHaveLength(14);
    expect(timelineLayout([], '2026-01-01')).toBeNull();
  });
});
