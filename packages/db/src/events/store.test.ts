import { randomBytes } from 'node:crypto';
import { organisationNameKey, programmeFromTemplate, programmeTemplates, type RegistrationInput, searchKey } from '@maillage/core';
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
  directoryConsent: false,
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
      null,
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

    const change = await repo.cancelRegistration(a.value.id, null);
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

  it('fills every place a cancellation frees at once: the workshop to its waiting list, the event place to the next person waiting', async () => {
    const { repo, event, programme } = await newEvent(2);
    const expe1 = programme.sessions.find((s) => s.kind === 'presentation_experiences')!.id;
    const codev = programme.sessions.find((s) => s.title === 'Co-développement')!.id;
    await store.db.updateTable('event_sessions').set({ capacity: 1 }).where('id', '=', expe1).execute();
    const leaving = await repo.register(event.id, person(20, [expe1, codev]), secrets());
    const waitingWorkshop = await repo.register(event.id, person(21, [expe1]), secrets());
    const waitingEvent = await repo.register(event.id, person(22, [codev, expe1]), secrets());
    if (!leaving.ok || !waitingWorkshop.ok || !waitingEvent.ok) throw new Error('unexpected');
    expect([waitingWorkshop.value.choices[0]?.status, waitingEvent.value.status]).toEqual(['waitlisted', 'waitlisted']);

    const change = await repo.cancelRegistration(leaving.value.id, null);
    expect(change.promoted.map((p) => [p.registration.id, p.toEvent, p.sessionIds])).toEqual([
      [waitingWorkshop.value.id, false, [expe1]],
      [waitingEvent.value.id, true, [codev]],
    ]);
    // The workshop freed went to the person already waiting for it: the newcomer waits for it.
    expect((await repo.findRegistration(waitingEvent.value.id))?.choices).toEqual([
      { sessionId: codev, preference: 1, status: 'confirmed' },
      { sessionId: expe1, preference: 2, status: 'waitlisted' },
    ]);
    expect(await repo.counts(event.id)).toMatchObject({ confirmed: 2, waitlisted: 0, cancelled: 1 });
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
  }, 240_000); // slow on a loaded shared machine

  it('holds an event capacity under a burst, refuses an e-mail sent twice in the same instant, and keeps arrival order', async () => {
    const { event } = await newEvent(30);
    // Two repositories on the same database, as two request handlers build them.
    const repos = [eventsRepo(store.db), eventsRepo(store.db)];
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => repos[i % 2]!.register(event.id, person(i < 2 ? 5000 : 5000 + i), secrets())),
    );
    expect(results[1]).toEqual({ ok: false, error: 'already_registered' });
    const ok = results.flatMap((r) => (r.ok ? [r.value] : []));
    expect(ok).toHaveLength(119);
    expect(ok.filter((r) => r.status === 'confirmed')).toHaveLength(30);
    const counts = await eventsRepo(store.db).counts(event.id);
    expect(counts).toMatchObject({ confirmed: 30, waitlisted: 89 });
    // The waiting list is served in arrival order: the first waiting is the 31st accepted.
    const waiting = await eventsRepo(store.db).listRegistrations(event.id, { status: 'waitlisted' });
    expect(waiting[0]?.id).toBe(ok[30]!.id);
  }, 120_000);

  it('writes the rest of a batch when one registration in it fails', async () => {
    const { repo, event } = await newEvent(null);
    const taken = secrets();
    expect((await repo.register(event.id, person(7000), taken)).ok).toBe(true);
    // The same secret again violates a unique index: that registration fails, not its neighbours.
    const results = await Promise.allSettled([
      repo.register(event.id, person(7001), secrets()),
      repo.register(event.id, person(7002), taken),
      repo.register(event.id, person(7003), secrets()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await repo.counts(event.id)).confirmed).toBe(3);
  });

  it('searches the organisations of the event territory only, with id, name and commune', async () => {
    const commune = await store.db
      .insertInto('territories')
      .values({
        kind: 'commune',
        name: 'Lys-Nord (fictive)',
        slug: `lys-nord-${randomBytes(3).toString('hex')}`,
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('territory_parents').values({ territory_id: commune.id, parent_id: territoryId }).execute();
    const org = async (name: string, communeId: string | null, territory: string | null) => {
      const row = await store.db
        .insertInto('organisations')
        .values({
          name,
          search_key: searchKey(name),
          name_key: organisationNameKey(name),
          kind: 'association',
          siren: null,
          siret: null,
          rna: null,
          commune_id: communeId,
          description: null,
          address: null,
          website: null,
          public_email: 'contact@exemple.fr',
          public_phone: '0102030405',
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (territory)
        await store.db.insertInto('organisation_territories').values({ organisation_id: row.id, territory_id: territory }).execute();
      return row.id;
    };
    const inCommune = await org('Atelier Vélo Solidaire', commune.id, null);
    const attached = await org('Vélo-école du Lys', null, territoryId);
    await org('Vélo Club d’ailleurs', null, null);
    const repo = eventsRepo(store.db);
    const found = await repo.searchOrganisations(territoryId, 'velo', 10);
    expect(found.map((o) => o.id).sort()).toEqual([inCommune, attached].sort());
    expect(found.find((o) => o.id === inCommune)).toEqual({
      id: inCommune,
      name: 'Atelier Vélo Solidaire',
      communeName: 'Lys-Nord (fictive)',
    });
    for (const o of found) expect(Object.keys(o).sort()).toEqual(['communeName', 'id', 'name']);
    expect(await repo.searchOrganisations(territoryId, '100%', 10)).toEqual([]);
    // A registration keeps an organisation of the territory, not one from elsewhere.
    const elsewhere = (
      await store.db.selectFrom('organisations').select('id').where('name', '=', 'Vélo Club d’ailleurs').executeTakeFirstOrThrow()
    ).id;
    const { event } = await newEvent(null);
    const [mine, foreign] = await Promise.all([
      repo.register(event.id, { ...person(80), organisationId: inCommune }, secrets()),
      repo.register(event.id, { ...person(81), organisationId: elsewhere }, secrets()),
    ]);
    expect([mine.ok && mine.value.organisationId, foreign.ok && foreign.value.organisationId]).toEqual([inCommune, null]);
  });

  it('creates people and organisations from unlinked registrations, all or nothing, copying e-mails only with consent', async () => {
    const { repo, event } = await newEvent(null);
    const existingOrg = await store.db
      .insertInto('organisations')
      .values({
        name: 'Centre social des Tilleuls',
        search_key: searchKey('Centre social des Tilleuls'),
        name_key: organisationNameKey('Centre social des Tilleuls'),
        kind: 'centre_social',
        siren: null,
        siret: null,
        rna: null,
        commune_id: null,
        description: null,
        address: null,
        website: null,
        public_email: null,
        public_phone: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('organisation_territories').values({ organisation_id: existingOrg.id, territory_id: territoryId }).execute();
    const existingPerson = await store.db
      .insertInto('people')
      .values({
        name: 'Inès Bouchard',
        search_key: searchKey('Inès Bouchard'),
        function: null,
        user_id: null,
        resource_for: null,
        email: null,
        phone: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('person_territories').values({ person_id: existingPerson.id, territory_id: territoryId }).execute();
    const reg = async (n: number, extra: Partial<RegistrationInput>) => {
      const r = await repo.register(event.id, { ...person(n), ...extra }, secrets());
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    const consenting = await reg(60, {
      name: 'Yasmine Haddad',
      organisationName: 'Les Jardins du Lys',
      organisationKind: 'association',
      directoryConsent: true,
    });
    const private_ = await reg(61, { name: 'Paul Lemoine', organisationName: 'les jardins du lys', organisationKind: 'association' });
    const known = await reg(62, { name: 'Marc Petit', organisationName: 'Centre social des Tilleuls' });
    const homonym = await reg(63, { name: 'Ines Bouchard', organisationName: '' });

    // An unknown registration: nothing written at all.
    const missing = await repo.createInEcosystem(event.id, {
      registrationIds: [consenting.id, '00000000-0000-4000-8000-000000000000'],
      duplicates: 'create',
      actorUserId: null,
    });
    expect(missing).toEqual({ ok: false, error: 'registration_not_found' });
    expect((await repo.findRegistration(consenting.id))?.personId).toBeNull();

    // The homonym is reported and nothing is written.
    const reported = await repo.createInEcosystem(event.id, { duplicates: 'report', actorUserId: null });
    if (!reported.ok) throw new Error(reported.error);
    expect(reported.value.applied).toBe(false);
    expect(reported.value.duplicates).toEqual([
      {
        registrationId: homonym.id,
        registrationName: 'Ines Bouchard',
        kind: 'person',
        typed: 'Ines Bouchard',
        candidates: [{ id: existingPerson.id, name: 'Inès Bouchard' }],
      },
    ]);
    expect(await store.db.selectFrom('people').select('id').where('name', '=', 'Yasmine Haddad').execute()).toEqual([]);

    // One by one: the consenting registration.
    const one = await repo.createInEcosystem(event.id, { registrationIds: [consenting.id], duplicates: 'report', actorUserId: null });
    expect(one.ok && one.value).toMatchObject({
      applied: true,
      registrations: 1,
      people: { created: 1, linked: 0 },
      organisations: { created: 1, linked: 0 },
    });
    const yasmine = await repo.findRegistration(consenting.id);
    const yRow = await store.db.selectFrom('people').selectAll().where('id', '=', yasmine!.personId!).executeTakeFirstOrThrow();
    expect([yRow.email, yRow.contact_consent]).toEqual(['participante60@exemple.fr', true]);

    // In bulk, linking the homonym to the existing person: the other typed the same organisation.
    const bulk = await repo.createInEcosystem(event.id, { duplicates: 'link', actorUserId: null });
    expect(bulk.ok && bulk.value).toMatchObject({
      applied: true,
      registrations: 3,
      people: { created: 2, linked: 1 },
      organisations: { created: 0, linked: 2 },
    });
    const paul = await repo.findRegistration(private_.id);
    expect(paul?.organisationId).toBe(yasmine?.organisationId);
    const pRow = await store.db.selectFrom('people').selectAll().where('id', '=', paul!.personId!).executeTakeFirstOrThrow();
    expect([pRow.email, pRow.contact_consent]).toEqual([null, false]);
    expect((await repo.findRegistration(known.id))?.organisationId).toBe(existingOrg.id);
    expect((await repo.findRegistration(homonym.id))?.personId).toBe(existingPerson.id);
    const jardins = await store.db
      .selectFrom('organisations')
      .select('id')
      .where('name_key', '=', organisationNameKey('Les Jardins du Lys'))
      .execute();
    expect(jardins).toHaveLength(1);
    const members = await store.db
      .selectFrom('person_organisations')
      .select('person_id')
      .where('organisation_id', '=', jardins[0]!.id)
      .execute();
    expect(members).toHaveLength(2);
  });

  it('checks in by badge code, never a cancelled registration, and filters the list', async () => {
    const { repo, event } = await newEvent(null);
    const s1 = secrets();
    const r = await repo.register(event.id, { ...person(20), name: 'Élodie Garnier' }, s1);
    const gone = await repo.register(event.id, person(21), secrets());
    if (!r.ok || !gone.ok) throw new Error('unexpected');
    await repo.cancelRegistration(gone.value.id, null);
    const checked = await repo.checkIn(event.id, { badgeCode: s1.badgeCode }, new Date());
    expect(checked?.checkedInAt).toBeInstanceOf(Date);
    expect((await repo.checkIn(event.id, { registrationId: gone.value.id }, new Date()))?.checkedInAt).toBeNull();
    expect((await repo.listRegistrations(event.id, { q: 'elodie' })).map((x) => x.name)).toEqual(['Élodie Garnier']);
    expect((await repo.listRegistrations(event.id, { present: 'true' })).map((x) => x.name)).toEqual(['Élodie Garnier']);
    expect((await repo.listRegistrations(event.id, { status: 'cancelled' })).map((x) => x.id)).toEqual([gone.value.id]);
    expect((await repo.counts(event.id)).present).toBe(1);
  });
});
