import { createHash, randomBytes } from 'node:crypto';
import {
  type AuditOf,
  changeEventStatus,
  type EventRecord,
  type EventsDeps,
  organisationNameKey,
  registerWalkIn,
  saveProgramme,
  searchKey,
} from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { eventsRepo } from './store';

/** `audit_log.actor_user_id` is a uuid: an entry naming this actor cannot be inserted. */
const BROKEN_ACTOR = 'not-a-uuid';
const broken = (action: string, entityId: string | null) => ({ actorUserId: BROKEN_ACTOR, action, entityType: 'event', entityId });

describe.each(availableTestStores())('a change of an event and its audit entry, one transaction, on %s', (kind) => {
  let store: Store;
  let territoryId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const t = await store.db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Communauté de communes du Haut-Vallon (fictive)',
        slug: `haut-vallon-${randomBytes(3).toString('hex')}`,
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

  const deps = (): EventsDeps => ({
    repo: eventsRepo(store.db),
    tokens: {
      random: () => randomBytes(24).toString('base64url'),
      digest: (token) => createHash('sha256').update(token).digest('hex'),
    },
    now: () => new Date('2026-03-12T09:00:00Z'),
  });

  const auditsOf = async (entityId: string) =>
    (await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).execute()).map((r) => r.action);

  const newEvent = async (capacity: number | null = null, audit: AuditOf<EventRecord> = null) => {
    const repo = eventsRepo(store.db);
    return repo.createEvent(
      {
        territoryId,
        slug: `journee-${randomBytes(4).toString('hex')}`,
        title: 'Journée des coopérations du Haut-Vallon',
        description: '',
        audience: '',
        startDate: '2026-03-12',
        endDate: '2026-03-12',
        opensAt: '09:00',
        closesAt: '17:00',
        venueName: 'Salle des fêtes',
        venueAddress: '1 place de la Mairie',
        organisers: [],
        partners: [],
        themes: [],
        capacity,
        createdBy: null,
      },
      null,
      audit,
    );
  };

  it('keeps the status when its audit entry cannot be written', async () => {
    const event = await newEvent();
    await expect(changeEventStatus(deps(), event, 'published', BROKEN_ACTOR)).rejects.toThrow();
    expect((await deps().repo.findEvent(event.id))?.status).toBe('draft');
    expect(await auditsOf(event.id)).not.toContain('event.status');
  });

  it('keeps the programme when its audit entry cannot be written', async () => {
    const event = await newEvent();
    const input = {
      rooms: [{ key: 'salle', name: 'Salle du conseil', capacity: 30 }],
      sessions: [],
    };
    await expect(saveProgramme(deps(), event, input, BROKEN_ACTOR)).rejects.toThrow();
    expect((await deps().repo.programme(event.id)).rooms).toEqual([]);
  });

  it('registers no walk-in when its audit entry cannot be written', async () => {
    const event = await newEvent();
    const walkIn = { name: 'Camille Arrivée', email: 'camille@exemple.fr', organisationName: '', organisationKind: 'autre' as const };
    await expect(registerWalkIn(deps(), event, walkIn, BROKEN_ACTOR)).rejects.toThrow();
    expect(await deps().repo.listRegistrations(event.id, {})).toEqual([]);
  });

  it('creates no event when its audit entry cannot be written', async () => {
    const before = await deps().repo.listEvents({ territoryIds: [territoryId] });
    await expect(newEvent(null, (created) => broken('event.create', created.id))).rejects.toThrow();
    expect(await deps().repo.listEvents({ territoryIds: [territoryId] })).toEqual(before);
  });

  it('keeps the details, the takeaways and the links when their audit entries cannot be written', async () => {
    const repo = eventsRepo(store.db);
    const event = await newEvent();
    await expect(repo.updateEvent(event.id, { title: 'Autre titre' }, broken('event.update', event.id))).rejects.toThrow();
    await expect(repo.setTakeaways(event.id, ['Se revoir'], broken('event.takeaways', event.id))).rejects.toThrow();
    const kept = await repo.findEvent(event.id);
    expect([kept?.title, kept?.takeaways]).toEqual([event.title, []]);

    const organisation = await store.db
      .insertInto('organisations')
      .values({
        name: 'Centre social du Vallon',
        search_key: searchKey('Centre social du Vallon'),
        name_key: organisationNameKey('Centre social du Vallon'),
        kind: 'centre_social',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.updateTable('events').set({ status: 'published' }).where('id', '=', event.id).execute();
    const registered = await repo.register(
      event.id,
      {
        name: 'Dominique Vallon',
        email: 'dominique@exemple.fr',
        organisationName: 'Centre social du Vallon',
        organisationKind: 'centre_social',
        organisationId: null,
        territoryId: null,
        themes: [],
        choices: [],
        lunch: false,
        accessibility: '',
        consent: true,
      },
      { tokenHash: randomBytes(16).toString('hex'), badgeCode: randomBytes(8).toString('hex') },
    );
    if (!registered.ok) throw new Error('unexpected');
    await expect(
      repo.linkToEcosystem(event.id, organisationNameKey, (linked) => ({ ...broken('event.link_ecosystem', event.id), details: linked })),
    ).rejects.toThrow();
    expect((await repo.findRegistration(registered.value.id))?.organisationId).toBeNull();
    expect(await repo.linkToEcosystem(event.id, organisationNameKey, null)).toEqual({ organisations: 1, people: 0 });
    expect((await repo.findRegistration(registered.value.id))?.organisationId).toBe(organisation.id);
  });

  it('keeps a registration and the people waiting when the cancellation’s audit entry cannot be written', async () => {
    const repo = eventsRepo(store.db);
    const event = await newEvent(1);
    const register = (n: number) =>
      repo.register(
        event.id,
        {
          name: `Personne ${n}`,
          email: `personne${n}@exemple.fr`,
          organisationName: '',
          organisationKind: null,
          organisationId: null,
          territoryId: null,
          themes: [],
          choices: [],
          lunch: false,
          accessibility: '',
          consent: true,
        },
        { tokenHash: randomBytes(16).toString('hex'), badgeCode: randomBytes(8).toString('hex') },
      );
    const first = await register(1);
    const second = await register(2);
    if (!first.ok || !second.ok) throw new Error('unexpected');
    expect(second.value.status).toBe('waitlisted');
    await expect(
      repo.cancelRegistration(first.value.id, (change) => ({
        ...broken('registration.cancel', first.value.id),
        details: { n: change.promoted.length },
      })),
    ).rejects.toThrow();
    expect((await repo.findRegistration(first.value.id))?.status).toBe('confirmed');
    expect((await repo.findRegistration(second.value.id))?.status).toBe('waitlisted');
    expect(await auditsOf(first.value.id)).toEqual([]);
  });
});
