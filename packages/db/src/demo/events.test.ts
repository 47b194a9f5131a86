import { detectConflicts, parisDay, registrationWindow, shiftDay } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { eventsRepo } from '../events/store';
import { availableTestStores, openTestStore } from '../testing';
import { seedEventsDemoOn } from './events';
import { seedDemo } from './seed-demo';
import { seedDemoTerritory } from './territory';

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
    // Whenever the demo runs, its upcoming day is to come and takes registrations.
    const today = parisDay(new Date());
    expect(day!.startDate > today).toBe(true);
    expect(registrationWindow(day!, today)).toBe('open');
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

  it('moves the upcoming day ahead when the demo runs again after it (and its sessions with it)', async () => {
    const repo = eventsRepo(store.db);
    const before = (await repo.findEventBySlug('journee-cooperation-val-de-lys-2026'))!;
    // Seen 40 days later, the day (30 days ahead at the first run) has passed: the demo moves it.
    const later = new Date(Date.now() + 40 * 86_400_000);
    await seedEventsDemoOn(store.db, await seedDemoTerritory(store.db), later);
    const after = (await repo.findEventBySlug('journee-cooperation-val-de-lys-2026'))!;
    expect(after.id).toBe(before.id);
    expect(after.startDate).toBe(shiftDay(parisDay(later), 30));
    const { sessions } = await repo.programme(after.id);
    expect(new Set(sessions.map((s) => s.day))).toEqual(new Set([after.startDate]));
  });
});
