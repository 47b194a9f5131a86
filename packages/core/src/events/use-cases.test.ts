import { describe, expect, it } from 'vitest';
import type { EventRecord } from './model';
import type { EventsRepo } from './ports';
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
