import { describe, expect, it } from 'vitest';
import type { EventRecord, EventSession, RegistrationRecord } from './model';
import type { EventsRepo } from './ports';
import { attendanceSheetRegistrations } from './read-events';
import { type EventsDeps, updateEvent } from './use-cases';

describe('updateEvent', () => {
  const event = { id: 'e1', startDate: '2026-12-10', endDate: '2026-12-11' } as EventRecord;
  const written: unknown[] = [];
  const repo = {
    updateEvent: async (id: string, patch: unknown, audit: unknown) => {
      written.push({ id, patch, audit });
      return event;
    },
  } as unknown as EventsRepo;
  const deps: EventsDeps = { repo, tokens: { random: () => 'r', digest: (v) => v }, now: () => new Date(0) };

  it('refuses an end before the start, merged with the dates kept, and writes nothing', async () => {
    expect(await updateEvent(deps, event, { startDate: '2026-12-12' }, null)).toEqual({ ok: false, error: 'end_before_start' });
    expect(written).toEqual([]);
  });

  it('writes the change with its audit entry', async () => {
    expect(await updateEvent(deps, event, { endDate: '2026-12-12' }, 'u1')).toEqual({ ok: true, value: event });
    expect(written).toEqual([
      {
        id: 'e1',
        patch: { endDate: '2026-12-12' },
        audit: { actorUserId: 'u1', action: 'event.update', entityType: 'event', entityId: 'e1' },
      },
    ]);
  });
});

describe('attendanceSheetRegistrations', () => {
  const event = { id: 'e1' } as EventRecord;
  const confirmedIn = (id: string, sessionId: string, status: 'confirmed' | 'waitlisted') =>
    ({ id, choices: [{ sessionId, status }] }) as unknown as RegistrationRecord;
  const asked: unknown[] = [];
  const repo = {
    listRegistrations: async (_eventId: string, filter: unknown) => {
      asked.push(filter);
      return [confirmedIn('a', 's1', 'confirmed'), confirmedIn('b', 's1', 'waitlisted')];
    },
  } as unknown as EventsRepo;
  const deps: EventsDeps = { repo, tokens: { random: () => 'r', digest: (v) => v }, now: () => new Date(0) };

  it('lists, for a workshop one chooses, only those confirmed in it', async () => {
    const session = { id: 's1', choosable: true } as EventSession;
    expect((await attendanceSheetRegistrations(deps, event, session)).map((r) => r.id)).toEqual(['a']);
    expect(asked.at(-1)).toEqual({ sessionId: 's1', status: 'confirmed' });
  });

  it('lists everyone confirmed at the day for a plenary session or the whole day', async () => {
    expect(await attendanceSheetRegistrations(deps, event, { id: 's0', choosable: false } as EventSession)).toHaveLength(2);
    expect(await attendanceSheetRegistrations(deps, event, undefined)).toHaveLength(2);
    expect(asked.at(-1)).toEqual({ status: 'confirmed' });
  });
});
