import { randomBytes } from 'node:crypto';
import { joinCodeFrom, type LiveRepo, type RosterRepo } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { rosterRepo } from './roster-store';
import { liveRepo } from './store';

const hex = () => randomBytes(6).toString('hex');

describe.each(availableTestStores())('live roster store on %s', (kind) => {
  let store: Store;
  let live: LiveRepo;
  let roster: RosterRepo;
  let epci: string;
  let quartier: string;
  let elsewhere: string;
  let eventId: string;
  let sessionId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    live = liveRepo(store.db);
    roster = rosterRepo(store.db);
    const territory = async (name: string, kind: 'epci' | 'quartier') =>
      (
        await store.db
          .insertInto('territories')
          .values({ kind, name, slug: `${kind}-${hex()}` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    epci = await territory('Communauté des Tilleuls', 'epci');
    quartier = await territory('Quartier des Tilleuls', 'quartier');
    elsewhere = await territory('Quartier Lointain', 'quartier');
    await store.db.insertInto('territory_parents').values({ territory_id: quartier, parent_id: epci }).execute();
    eventId = (
      await store.db
        .insertInto('events')
        .values({ slug: `journee-${hex()}`, territory_id: quartier, title: 'Journée', start_date: '2026-12-01', end_date: '2026-12-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    sessionId = (
      await store.db
        .insertInto('event_sessions')
        .values({
          event_id: eventId,
          kind: 'mise_en_route',
          title: 'Mise en route',
          day: '2026-12-01',
          starts_at: '09:30',
          ends_at: '10:00',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const register = (name: string, status: 'confirmed' | 'waitlisted' | 'cancelled', checkedIn: boolean) =>
      store.db
        .insertInto('event_registrations')
        .values({
          event_id: eventId,
          token_hash: hex(),
          badge_code: `badge-${name}-${hex()}`,
          name,
          email: `${name.toLowerCase()}-${hex()}@exemple.fr`,
          organisation_kind: 'bailleur_social',
          territory_id: quartier,
          consent_at: new Date(),
          status,
          checked_in_at: checkedIn ? new Date() : null,
        })
        .execute();
    await register('Aïcha', 'confirmed', true);
    await register('Bruno', 'confirmed', false);
    await register('Célia', 'cancelled', true);
    await register('Driss', 'waitlisted', true);
    await register('Emma', 'waitlisted', false);
  });
  afterAll(async () => {
    await store?.close();
  });

  const newRoom = async (eventSessionId: string | null) => {
    const room = await live.createRoom({
      code: joinCodeFrom((n) => randomBytes(n)),
      title: 'Salle',
      territoryId: epci,
      eventSessionId,
      createdBy: null,
    });
    if (room === 'code_taken') throw new Error('collision');
    return room;
  };

  it('finds a session with its event’s territory, and tells whether a territory lies within another', async () => {
    expect(await roster.findEventSession(sessionId)).toEqual({ id: sessionId, eventId, eventTerritoryId: quartier });
    expect(await roster.findEventSession(crypto.randomUUID())).toBeUndefined();
    expect(await roster.findEventSession('pas-un-uuid')).toBeUndefined();
    expect(await roster.territoryWithin(quartier, epci)).toBe(true);
    expect(await roster.territoryWithin(quartier, quartier)).toBe(true);
    expect(await roster.territoryWithin(epci, quartier)).toBe(false);
    expect(await roster.territoryWithin(elsewhere, epci)).toBe(false);
  });

  it('lists the registrations that may join: confirmed or checked in, never cancelled; finds one by badge', async () => {
    const all = await roster.registrations(eventId);
    expect(all.map((r) => r.name)).toEqual(['Aïcha', 'Bruno', 'Driss']);
    expect(all.map((r) => r.checkedIn)).toEqual([true, false, true]);
    expect(all[0]?.organisationKind).toBe('bailleur');
    expect(all[0]?.territory).toBe('Quartier des Tilleuls');
    const [bruno] = await roster.registrations(eventId, { badgeCode: all[1]?.badgeCode as string });
    expect(bruno?.name).toBe('Bruno');
    expect(await roster.registrations(eventId, { badgeCode: 'inconnu' })).toEqual([]);
  });

  it('adds registered participants once, with their joined events in the log; a second join keeps the participant and changes its token', async () => {
    const room = await newRoom(sessionId);
    const [aicha, bruno] = await roster.registrations(eventId);
    if (!aicha || !bruno) throw new Error('registrations');
    await store.db.updateTable('event_registrations').set({ person_id: null }).where('id', '=', aicha.id).execute();
    const first = await roster.addRegistered(room.id, [{ registration: aicha, tokenHash: 'jeton-1' }], { replaceToken: true });
    expect(first).toHaveLength(1);
    expect(first[0]?.created).toBe(true);
    expect(first[0]?.seq).toBe(1);
    const again = await roster.addRegistered(room.id, [{ registration: aicha, tokenHash: 'jeton-2' }], { replaceToken: true });
    expect(again[0]?.created).toBe(false);
    expect(again[0]?.seq).toBeNull();
    expect(again[0]?.participant.id).toBe(first[0]?.participant.id);
    expect(await live.findParticipantByToken(room.id, 'jeton-1')).toBeUndefined();
    expect((await live.findParticipantByToken(room.id, 'jeton-2'))?.id).toBe(first[0]?.participant.id);

    // The facilitator adds everyone: only Bruno is new; nothing is duplicated.
    const bulk = await roster.addRegistered(room.id, [
      { registration: aicha, tokenHash: 'jeton-3' },
      { registration: bruno, tokenHash: 'jeton-4' },
    ]);
    expect(bulk.filter((b) => b.created).map((b) => b.participant.name)).toEqual(['Bruno']);
    expect(await live.findParticipantByToken(room.id, 'jeton-3')).toBeUndefined();
    const events = await live.eventsSince(room.id, 0);
    expect(events.map((e) => [e.seq, e.event.type, (e.event as { name?: string }).name])).toEqual([
      [1, 'participant.joined', 'Aïcha'],
      [2, 'participant.joined', 'Bruno'],
    ]);
    const rows = await store.db.selectFrom('live_participants').select(['registration_id']).where('room_id', '=', room.id).execute();
    expect(rows.map((r) => r.registration_id).sort()).toEqual([aicha.id, bruno.id].sort());
  });

  it('links the ecosystem person into the joined event when the registration has one', async () => {
    const person = await store.db
      .insertInto('people')
      .values({ name: 'Driss Benali', search_key: 'driss benali' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const driss = (await roster.registrations(eventId)).find((r) => r.name === 'Driss');
    if (!driss) throw new Error('Driss');
    const room = await newRoom(sessionId);
    const [added] = await roster.addRegistered(room.id, [{ registration: { ...driss, personId: person.id }, tokenHash: hex() }]);
    expect(added?.event).toMatchObject({ type: 'participant.joined', personId: person.id });
    const [stored] = await live.eventsSince(room.id, 0);
    expect(stored?.event).toMatchObject({ personId: person.id });
  });

  it('lists rooms of territories or of a session, with their head count', async () => {
    const linked = await newRoom(sessionId);
    const alone = await newRoom(null);
    await live.createParticipant(alone.id, { tokenHash: hex(), name: 'Zoé', organisationKind: null, territory: null });
    const bySession = await roster.listRooms({ eventSessionId: sessionId });
    expect(bySession.map((r) => r.id)).toContain(linked.id);
    expect(bySession.map((r) => r.id)).not.toContain(alone.id);
    const byTerritory = await roster.listRooms({ territoryIds: [epci] });
    expect(byTerritory.find((r) => r.id === alone.id)?.participants).toBe(1);
    expect(await roster.listRooms({ territoryIds: [elsewhere] })).toEqual([]);
  });
});
