import { randomBytes } from 'node:crypto';
import { programmeFromTemplate, programmeTemplates, type RegistrationInput } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { eventsRepo } from './store';

const secrets = () => ({ tokenHash: randomBytes(16).toString('hex'), badgeCode: randomBytes(8).toString('hex') });
const person = (n: number, choices: string[] = []): RegistrationInput => ({
  name: `Participante ${n}`,
  email: `participante${n}@exemple.fr`,
  organisationName: 'Centre social des Tilleuls',
  organisationKind: 'centre_social',
  organisationId: null,
  territoryId: null,
  themes: [],
  choices,
  lunch: n % 2 === 0,
  accessibility: '',
  consent: true,
});

describe.each(availableTestStores())('events store on %s', (kind) => {
  let store: Store;
  let territoryId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const t = await store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération de Val-de-Lys (fictive)',
        slug: `val-de-lys-${randomBytes(3).toString('hex')}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = t.id;
  });
  afterAll(async () => {
    await store?.close();
  });

  const newEvent = async (capacity: number | null, template = 'journee-regionale') => {
    const repo = eventsRepo(store.db);
    const tpl = programmeTemplates.find((t) => t.key === template)!;
    const event = await repo.createEvent(
      {
        territoryId,
        slug: `journee-${randomBytes(4).toString('hex')}`,
        title: 'Journée régionale des coopérations',
        description: '',
        audience: '',
        startDate: '2026-03-12',
        endDate: '2026-03-12',
        opensAt: tpl.opensAt,
        closesAt: tpl.closesAt,
        venueName: 'Maison des associations',
        venueAddress: '3 rue des Tilleuls',
        organisers: [],
        partners: [],
        themes: [],
        capacity,
        createdBy: null,
      },
      programmeFromTemplate(tpl, '2026-03-12'),
    );
    return { repo, event, programme: await repo.programme(event.id) };
  };

  it('creates an event from a template with its rooms, sessions and parallel workshops', async () => {
    const { programme } = await newEvent(null);
    expect(programme.rooms.map((r) => r.name)).toEqual(['Amphithéâtre', 'Salle 1', 'Salle 2', 'Salle 3', 'Salle 4']);
    expect(programme.sessions.filter((s) => s.choosable)).toHaveLength(8);
    expect(programme.sessions.find((s) => s.title === 'Co-développement')?.roomId).toBe(programme.rooms[1]!.id);
  });

  it('waitlists beyond the event capacity, refuses a second registration with the same e-mail, and promotes on cancellation', async () => {
    const { repo, event, programme } = await newEvent(2);
    const codev = programme.sessions.find((s) => s.title === 'Co-développement')!.id;
    const a = await repo.register(event.id, person(1, [codev]), secrets());
    const b = await repo.register(event.id, person(2, [codev]), secrets());
    const c = await repo.register(event.id, person(3, [codev]), secrets());
    expect([a, b, c].map((r) => (r.ok ? r.value.status : r.error))).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const again = await repo.register(event.id, { ...person(1), email: 'PARTICIPANTE1@exemple.fr' }, secrets());
    expect(again).toEqual({ ok: false, error: 'already_registered' });
    if (!a.ok || !c.ok) throw new Error('unexpected');
    expect(c.value.choices).toEqual([{ sessionId: codev, preference: 1, status: 'pending' }]);

    const change = await repo.cancelRegistration(a.value.id);
    expect(change.registration.status).toBe('cancelled');
    expect(change.promoted.map((p) => [p.registration.name, p.toEvent, p.sessionIds])).toEqual([['Participante 3', true, [codev]]]);
    const counts = await repo.counts(event.id);
    expect(counts).toMatchObject({ confirmed: 2, waitlisted: 0, cancelled: 1 });
    expect(counts.sessions[codev]).toEqual({ confirmed: 2, waitlisted: 0, present: 0 });
  });

  it('promotes the next person waiting for a workshop when a participant changes workshop', async () => {
    const { repo, event, programme } = await newEvent(null);
    const [expe1, expe2] = programme.sessions.filter((s) => s.kind === 'presentation_experiences');
    await store.db.updateTable('event_sessions').set({ capacity: 1 }).where('id', '=', expe1!.id).execute();
    const first = await repo.register(event.id, person(10, [expe1!.id]), secrets());
    const second = await repo.register(event.id, person(11, [expe1!.id]), secrets());
    if (!first.ok || !second.ok) throw new Error('unexpected');
    expect(second.value.choices[0]?.status).toBe('waitlisted');
    const change = await repo.updateRegistration(first.value.id, { choices: [expe2!.id] });
    expect(change.registration.choices).toEqual([{ sessionId: expe2!.id, preference: 1, status: 'confirmed' }]);
    expect(change.promoted.map((p) => [p.registration.id, p.toEvent, p.sessionIds])).toEqual([[second.value.id, false, [expe1!.id]]]);
  });

  it('never exceeds a workshop capacity: 500 simultaneous registrations on 50 places give exactly 50 confirmed and 450 waitlisted', async () => {
    const { repo, event, programme } = await newEvent(null);
    const workshop = programme.sessions.find((s) => s.title === 'Serious game')!;
    await store.db.updateTable('event_sessions').set({ capacity: 50 }).where('id', '=', workshop.id).execute();
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) => repo.register(event.id, person(1000 + i, [workshop.id]), secrets())),
    );
    const errors = results.filter((r) => r.status === 'rejected' || !r.value.ok);
    expect(errors).toEqual([]);
    const statuses = results.map((r) => (r.status === 'fulfilled' && r.value.ok ? r.value.value.choices[0]?.status : 'error'));
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(450);
    const counts = await repo.counts(event.id);
    expect(counts.sessions[workshop.id]).toEqual({ confirmed: 50, waitlisted: 450, present: 0 });
  }, 240_000); // 500 serialised transactions: slow on a loaded shared machine

  it('checks in by badge code, never a cancelled registration, and filters the list', async () => {
    const { repo, event } = await newEvent(null);
    const s1 = secrets();
    const r = await repo.register(event.id, { ...person(20), name: 'Élodie Garnier' }, s1);
    const gone = await repo.register(event.id, person(21), secrets());
    if (!r.ok || !gone.ok) throw new Error('unexpected');
    await repo.cancelRegistration(gone.value.id);
    const checked = await repo.checkIn(event.id, { badgeCode: s1.badgeCode }, new Date());
    expect(checked?.checkedInAt).toBeInstanceOf(Date);
    expect((await repo.checkIn(event.id, { registrationId: gone.value.id }, new Date()))?.checkedInAt).toBeNull();
    expect((await repo.listRegistrations(event.id, { q: 'elodie' })).map((x) => x.name)).toEqual(['Élodie Garnier']);
    expect((await repo.listRegistrations(event.id, { present: 'true' })).map((x) => x.name)).toEqual(['Élodie Garnier']);
    expect((await repo.listRegistrations(event.id, { status: 'cancelled' })).map((x) => x.id)).toEqual([gone.value.id]);
    expect((await repo.counts(event.id)).present).toBe(1);
  });
});
