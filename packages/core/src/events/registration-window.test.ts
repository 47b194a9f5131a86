import { describe, expect, it } from 'vitest';
import { parisDay } from '../shared/time';
import { type EventRecord, type RegistrationRecord, registrationWindow } from './model';
import type { EventsRepo } from './ports';
import { changeRegistration, type EventsDeps, refusalOf, registerForEvent, updateEvent } from './use-cases';

const day = (over: Partial<EventRecord> = {}) =>
  ({
    id: 'e1',
    status: 'published',
    startDate: '2026-03-12',
    endDate: '2026-03-12',
    registrationClosesOn: null,
    ...over,
  }) as EventRecord;

describe('when registration closes', () => {
  it('is open until the end of the day itself, then over, whatever the status', () => {
    expect(registrationWindow(day(), '2026-03-11')).toBe('open');
    expect(registrationWindow(day(), '2026-03-12')).toBe('open');
    expect(registrationWindow(day(), '2026-03-13')).toBe('over');
    expect(registrationWindow(day({ status: 'closed' }), '2026-03-13')).toBe('over');
    expect(registrationWindow(day({ endDate: '2026-03-13' }), '2026-03-13')).toBe('open');
  });

  it('closes after the closing date the organiser set (that day included), and when the organisers close it', () => {
    const withDeadline = day({ registrationClosesOn: '2026-03-05' });
    expect(registrationWindow(withDeadline, '2026-03-05')).toBe('open');
    expect(registrationWindow(withDeadline, '2026-03-06')).toBe('deadline_passed');
    expect(registrationWindow(withDeadline, '2026-03-13')).toBe('over');
    expect(registrationWindow(day({ status: 'closed' }), '2026-03-01')).toBe('closed');
  });

  it('counts days in Paris: 23:30 UTC on the 12th of March is already the 13th in France', () => {
    expect(parisDay(new Date('2026-03-12T22:59:00Z'))).toBe('2026-03-12');
    expect(parisDay(new Date('2026-03-12T23:30:00Z'))).toBe('2026-03-13');
    expect(refusalOf(day(), new Date('2026-03-12T22:59:00Z'))).toBeNull();
    expect(refusalOf(day(), new Date('2026-03-12T23:30:00Z'))).toBe('event_over');
    expect(refusalOf(day({ registrationClosesOn: '2026-03-01' }), new Date('2026-03-02T12:00:00Z'))).toBe('registration_deadline_passed');
  });
});

describe('registering and changing a registration', () => {
  const calls: string[] = [];
  const registration = { id: 'r1', eventId: 'e1', status: 'confirmed' } as RegistrationRecord;
  const repoFor = (event: EventRecord) =>
    ({
      register: async () => {
        calls.push('register');
        return { ok: true, value: registration };
      },
      findEvent: async () => event,
      programme: async () => ({ rooms: [], sessions: [] }),
      updateRegistration: async () => {
        calls.push('update');
        return { registration, promoted: [] };
      },
      updateEvent: async () => event,
    }) as unknown as EventsRepo;
  const depsAt = (event: EventRecord, iso: string): EventsDeps => ({
    repo: repoFor(event),
    tokens: { random: () => 'token-token-token-token', digest: (v) => v },
    now: () => new Date(iso),
  });
  const input = { name: 'A', email: 'a@exemple.fr', choices: [] } as never;

  it('refuses a registration once the day is over, or after the closing date, and writes nothing', async () => {
    calls.length = 0;
    expect(await registerForEvent(depsAt(day(), '2026-03-13T08:00:00Z'), day(), input)).toEqual({ ok: false, error: 'event_over' });
    const late = day({ registrationClosesOn: '2026-03-01' });
    expect(await registerForEvent(depsAt(late, '2026-03-05T08:00:00Z'), late, input)).toEqual({
      ok: false,
      error: 'registration_deadline_passed',
    });
    expect(calls).toEqual([]);
    expect((await registerForEvent(depsAt(day(), '2026-03-12T08:00:00Z'), day(), input)).ok).toBe(true);
    expect(calls).toEqual(['register']);
  });

  it('refuses to change a registration through the personal link once the day is over', async () => {
    calls.length = 0;
    expect(await changeRegistration(depsAt(day(), '2026-03-14T08:00:00Z'), registration, { lunch: true })).toEqual({
      ok: false,
      error: 'event_over',
    });
    expect(calls).toEqual([]);
    expect((await changeRegistration(depsAt(day(), '2026-03-11T08:00:00Z'), registration, { lunch: true })).ok).toBe(true);
  });

  it('refuses a closing date after the day, merged with the dates kept', async () => {
    const deps = depsAt(day(), '2026-03-01T08:00:00Z');
    expect(await updateEvent(deps, day(), { registrationClosesOn: '2026-03-20' }, null)).toEqual({
      ok: false,
      error: 'deadline_after_day',
    });
    expect(
      await updateEvent(deps, day({ registrationClosesOn: '2026-03-10' }), { endDate: '2026-03-09', startDate: '2026-03-09' }, null),
    ).toEqual({ ok: false, error: 'deadline_after_day' });
    expect((await updateEvent(deps, day(), { registrationClosesOn: '2026-03-10' }, null)).ok).toBe(true);
  });
});
