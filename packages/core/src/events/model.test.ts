import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitToEvent, assignChoices, canTransition, type EventSession, eventDays, shiftDay, timeSlots, timeToMinutes } from './model';

const s = (id: string, startsAt: string, endsAt: string, capacity: number | null = null, day = '2026-03-12') => ({
  id,
  day,
  startsAt,
  endsAt,
  capacity,
});

describe('event status', () => {
  it('publishes a draft, closes and archives, but never archives a published event directly', () => {
    expect(canTransition('draft', 'published')).toBe(true);
    expect(canTransition('published', 'closed')).toBe(true);
    expect(canTransition('closed', 'archived')).toBe(true);
    expect(canTransition('published', 'archived')).toBe(false);
    expect(canTransition('archived', 'published')).toBe(false);
  });
});

describe('times and days', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(timeToMinutes('09:30')).toBe(570);
    expect(timeToMinutes('24:00')).toBeNaN();
    expect(timeToMinutes('9:30')).toBeNaN();
  });
  it('lists the days of an event and shifts a day across a month end', () => {
    expect(eventDays('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(shiftDay('2026-03-30', 3)).toBe('2026-04-02');
  });
  it('groups overlapping sessions into one slot, side by side', () => {
    const slots = timeSlots([
      s('repas', '12:00', '13:30'),
      s('a1', '11:00', '12:00'),
      s('a2', '11:00', '11:45'),
      s('ouv', '09:00', '09:30'),
    ]);
    expect(slots.map((slot) => slot.map((x) => x.id))).toEqual([['ouv'], ['a2', 'a1'], ['repas']]);
  });
});

describe('admission', () => {
  it('confirms until the event is full, then waitlists', () => {
    expect(admitToEvent(49, 50)).toBe('confirmed');
    expect(admitToEvent(50, 50)).toBe('waitlisted');
    expect(admitToEvent(10_000, null)).toBe('confirmed');
  });

  const sessions = new Map<string, Pick<EventSession, 'day' | 'startsAt' | 'endsAt' | 'capacity'>>([
    ['codev', s('codev', '14:00', '15:30', 2)],
    ['serious', s('serious', '14:00', '15:30', 2)],
    ['expe', s('expe', '11:00', '12:15', 1)],
  ]);

  it('gives the first preferred workshop with a free place and drops the others of the slot', () => {
    const decisions = assignChoices(['codev', 'serious', 'expe'], sessions, new Map([['codev', 2]]));
    expect(decisions).toEqual([
      { sessionId: 'codev', preference: 1, status: 'dropped' },
      { sessionId: 'serious', preference: 2, status: 'confirmed' },
      { sessionId: 'expe', preference: 3, status: 'confirmed' },
    ]);
  });

  it('waitlists on the first preference only when every workshop of the slot is full', () => {
    const decisions = assignChoices(
      ['serious', 'codev'],
      sessions,
      new Map([
        ['codev', 2],
        ['serious', 2],
      ]),
    );
    expect(decisions).toEqual([
      { sessionId: 'serious', preference: 1, status: 'waitlisted' },
      { sessionId: 'codev', preference: 2, status: 'dropped' },
    ]);
  });

  it('never confirms more people than a workshop holds, whatever the order of arrivals (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.shuffledSubarray(['codev', 'serious', 'expe'], { minLength: 1 }), { maxLength: 40 }), (people) => {
        const taken = new Map<string, number>();
        for (const prefs of people) {
          for (const d of assignChoices(prefs, sessions, taken)) {
            if (d.status === 'confirmed') taken.set(d.sessionId, (taken.get(d.sessionId) ?? 0) + 1);
          }
        }
        for (const [id, session] of sessions) expect(taken.get(id) ?? 0).toBeLessThanOrEqual(session.capacity ?? Number.POSITIVE_INFINITY);
      }),
    );
  });
});
