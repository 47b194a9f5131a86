import { detectConflicts } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { eventsRepo } from '../events/store';
import { availableTestStores, openTestStore } from '../testing';
import { seedDemo } from './seed-demo';

describe.each(availableTestStores())('events demo on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await seedDemo(store.db);
    await seedDemo(store.db); // idempotent
  });
  afterAll(async () => {
    await store?.close();
  });

  it('has an upcoming published day without conflicts, with parallel workshops and registrations linked to the ecosystem', async () => {
    const repo = eventsRepo(store.db);
    const day = await repo.findEventBySlug('journee-cooperation-val-de-lys-2026');
    expect(day?.status).toBe('published');
    const { rooms, sessions } = await repo.programme(day!.id);
    expect(detectConflicts(day!, rooms, sessions)).toEqual([]);
    expect(sessions.filter((s) => s.kind === 'atelier_methode').map((s) => s.colour)).toHaveLength(4);
    const registrations = await repo.listRegistrations(day!.id, {});
    expect(registrations.length).toBeGreaterThan(0);
    expect(registrations.length).toBeLessThanOrEqual(24);
    expect(registrations.every((r) => r.organisationId !== null)).toBe(true);
    const linked = await store.db.selectFrom('event_registrations').select('person_id').where('event_id', '=', day!.id).execute();
    expect(linked.every((r) => r.person_id !== null)).toBe(true);
  });

  it('remembers earlier meetings by their "à retenir", once each', async () => {
    const events = await eventsRepo(store.db).listEvents({ statuses: ['archived'] });
    expect(events.map((e) => e.takeaways.length)).toEqual([1, 1]);
  });
});
