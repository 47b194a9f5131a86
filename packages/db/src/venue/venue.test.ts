import { randomBytes, randomUUID } from 'node:crypto';
import { VENUE_FORMAT_VERSION, type VenuePayload } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { liveRepo } from '../live/store';
import { availableTestStores, openTestStore } from '../testing';
import { venueTableOrder } from './catalogue';
import { extractDay, schemaVersion } from './extract';
import { decideVenueConflict, decideVenueDuplicate, venueDecisions } from './decisions';
import { importDay } from './import';
import { loadDay } from './load';
import { erasePerson } from '../privacy/personal-data';
import { openVenue, sealVenue } from './seal';
import { countRows, seedVenueDay, type VenueFixture } from './venue-fixture';

const passphrase = 'tilleuls en fête 2026';
const pair = (a: string, b: string) => (a < b ? { person_a: a, person_b: b } : { person_a: b, person_b: a });

async function payloadOf(store: Store, eventId: string, kind: 'export' | 'bundle', base?: VenuePayload['tables']): Promise<VenuePayload> {
  const tables = await extractDay(store.db, eventId, { everyRoom: kind === 'bundle' });
  return {
    format: VENUE_FORMAT_VERSION,
    kind,
    eventId,
    eventTitle: String(tables.events?.[0]?.title),
    territoryId: String(tables.events?.[0]?.territory_id),
    createdAt: new Date().toISOString(),
    schema: await schemaVersion(store.db),
    tables,
    ...(base ? { base } : {}),
  };
}

describe('the venue file', () => {
  const payload: VenuePayload = {
    format: VENUE_FORMAT_VERSION,
    kind: 'export',
    eventId: randomUUID(),
    eventTitle: 'Journée',
    territoryId: randomUUID(),
    createdAt: '2026-12-02T10:00:00.000Z',
    schema: '0145',
    tables: { people: [{ id: randomUUID(), name: 'Léa Fontaine' }] },
  };
  const file = sealVenue(payload, passphrase);

  it('round-trips with the passphrase and shows nothing readable without it', () => {
    expect(openVenue(file, passphrase, 'journee.maillage', 'export')).toEqual(payload);
    expect(file.includes(Buffer.from('Fontaine'))).toBe(false);
    expect(file.subarray(0, 16).toString('latin1')).toBe('MAILLAGE-JOURNEE');
  });

  it('refuses a wrong passphrase, another format version, a truncated or altered file, with French messages', () => {
    expect(() => openVenue(file, 'mauvaise phrase', 'journee.maillage', 'export')).toThrow(
      /Phrase de passe incorrecte pour « journee\.maillage »/,
    );
    const other = Buffer.from(file);
    other.writeUInt16BE(VENUE_FORMAT_VERSION + 1, 16);
    expect(() => openVenue(other, passphrase, 'journee.maillage', 'export')).toThrow(/autre version de maillage \(format 2/);
    expect(() => openVenue(file.subarray(0, file.length - 10), passphrase, 'journee.maillage', 'export')).toThrow(/est incomplet/);
    expect(() => openVenue(file.subarray(0, 40), passphrase, 'journee.maillage', 'export')).toThrow(/est incomplet/);
    const altered = Buffer.from(file);
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
    expect(() => openVenue(altered, passphrase, 'journee.maillage', 'export')).toThrow(/Phrase de passe incorrecte/);
    const header = Buffer.from(file);
    header[19] = 14; // the scrypt cost is authenticated with the rest of the header
    expect(() => openVenue(header, passphrase, 'journee.maillage', 'export')).toThrow(/Phrase de passe incorrecte/);
    expect(() => openVenue(Buffer.from('PK\u0003\u0004 pas un fichier'), passphrase, 'x.zip', 'export')).toThrow(
      /n’est pas un fichier de journée/,
    );
    expect(() => openVenue(file, passphrase, 'journee.maillage', 'bundle')).toThrow(/fichier de préparation de journée/);
  });
});

describe.each(availableTestStores())('a day from the territory (%s) to a laptop (PGlite) and back', (kind) => {
  let territory: Store;
  let laptop: Store;
  let day: VenueFixture;
  let exported: VenuePayload;
  let returned: VenuePayload;
  let looped: {
    r2: string;
    chloe: string;
    twinOfOdile: string;
    odileWalkIn: string;
    chloeWalkIn: string;
    twinOfBruno: string;
    brunoWalkIn: string;
    nadia: string;
    collective: string;
  };
  /** The pairs someone is known to by acquaintance here (`source:other`), sorted. */
  const metBy = async (person: string) =>
    (
      await territory.db
        .selectFrom('acquaintances')
        .select(['person_a', 'person_b', 'source'])
        .where((w) => w.or([w('person_a', '=', person), w('person_b', '=', person)]))
        .execute()
    )
      .map((a) => `${a.source}:${a.person_a === person ? a.person_b : a.person_a}`)
      .sort();
  const decisionRows = async () => ({
    conflicts: await territory.db.selectFrom('venue_conflicts').selectAll().orderBy('id').execute(),
    duplicates: await territory.db.selectFrom('venue_duplicates').selectAll().orderBy('id').execute(),
  });

  beforeAll(async () => {
    territory = await openTestStore(kind);
    laptop = await openTestStore('pglite');
    day = await seedVenueDay(territory.db);
    exported = openVenue(
      sealVenue(await payloadOf(territory, day.eventId, 'export'), passphrase),
      passphrase,
      'journee.maillage',
      'export',
    );
  }, 300_000);
  afterAll(async () => {
    await territory?.close();
    await laptop?.close();
  });

  it('exports the day and nothing else of the territory', () => {
    const ids = (t: string) => (exported.tables[t] ?? []).map((r) => r.id);
    expect(ids('events')).toEqual([day.eventId]);
    expect(ids('event_registrations').sort()).toEqual([...day.registrations].sort());
    expect(ids('people').sort()).toEqual([...day.people].sort());
    expect(ids('people')).not.toContain(day.outsiderPersonId);
    expect(ids('organisations')).toEqual([day.organisationId]);
    expect(ids('users')).toEqual([day.facilitatorId]);
    expect(exported.tables.users?.[0]?.password_hash).toMatch(/^\$argon2id/);
    expect(exported.tables.acquaintances).toHaveLength(1);
    expect(ids('live_rooms')).toEqual([day.roomId]);
    expect(exported.tables.events?.[0]?.created_by).toBeNull(); // an account that stays home
    expect(JSON.stringify(exported)).not.toContain('odile.lointaine');
    expect(exported.tables.sessions).toBeUndefined();
  });

  it('opens on the laptop under the same identities, France’s divisions adopted by code', async () => {
    const counts = await loadDay(laptop.db, exported);
    expect(counts.event_registrations).toBe(day.registrations.length);
    const commune = await laptop.db.selectFrom('territories').select(['id', 'code']).where('id', '=', day.communeId).executeTakeFirst();
    expect(commune?.code).toBeTruthy();
    const link = await laptop.db.selectFrom('territory_parents').selectAll().where('territory_id', '=', day.territoryId).execute();
    expect(link).toEqual([{ territory_id: day.territoryId, parent_id: day.communeId }]);
    await expect(loadDay(laptop.db, exported)).rejects.toThrow(/contient déjà une journée/);
  });

  it('brings back check-ins, walk-ins, rooms, collectives and acquaintances; twice changes nothing; conflicts and duplicates are reported', async () => {
    const [r1, r2] = day.registrations as [string, string];
    const [lea, bruno, chloe] = day.people as [string, string, string];
    // On the laptop, during the day.
    const now = new Date('2026-12-10T09:05:00Z');
    await laptop.db.updateTable('event_registrations').set({ checked_in_at: now }).where('id', 'in', [r1, r2]).execute();
    const nadia = randomUUID();
    await laptop.db.insertInto('people').values({ id: nadia, name: 'Nadia Nouvelle', search_key: 'nadia nouvelle' }).execute();
    await laptop.db.insertInto('person_organisations').values({ person_id: nadia, organisation_id: day.organisationId }).execute();
    await laptop.db
      .insertInto('acquaintances')
      .values({ ...pair(nadia, lea), source: 'event', source_ref: `live:${day.roomId}` })
      .execute();
    const twinOfOdile = randomUUID();
    await laptop.db
      .insertInto('people')
      .values({
        id: twinOfOdile,
        name: 'O. Lointaine',
        search_key: 'o lointaine',
        email: 'Odile.Lointaine@exemple.fr',
        contact_consent: true,
      })
      .execute();
    const walkIn = (name: string, personId: string | null, organisationName = '') => ({
      id: randomUUID(),
      event_id: day.eventId,
      token_hash: randomBytes(16).toString('hex'),
      badge_code: randomBytes(5).toString('hex').toUpperCase(),
      name,
      email: '',
      organisation_name: organisationName,
      person_id: personId,
      consent_at: now,
      status: 'confirmed' as const,
      walk_in: true,
      checked_in_at: now,
    });
    // Bruno again, made anew at the welcome desk with his organisation: the same person, decided later.
    const twinOfBruno = randomUUID();
    await laptop.db.insertInto('people').values({ id: twinOfBruno, name: 'Bruno Marchal', search_key: 'bruno marchal' }).execute();
    await laptop.db.insertInto('person_organisations').values({ person_id: twinOfBruno, organisation_id: day.organisationId }).execute();
    // Both set-aside walk-ins met people at the venue (one of them twice known already, one of them each other).
    const met = { source: 'event' as const, source_ref: `live:${day.roomId}` };
    await laptop.db
      .insertInto('acquaintances')
      .values([
        { ...pair(twinOfOdile, lea), ...met },
        { ...pair(twinOfOdile, nadia), ...met },
        { ...pair(twinOfBruno, chloe), ...met },
        { ...pair(twinOfBruno, lea), source: 'declared' },
        { ...pair(twinOfBruno, bruno), ...met },
        { ...pair(twinOfBruno, twinOfOdile), ...met },
      ])
      .execute();
    const walkIns = [
      walkIn('Nadia Nouvelle', nadia),
      walkIn('Chloe BERGER', null, 'association les tilleuls'),
      walkIn('O. Lointaine', twinOfOdile),
      walkIn('Bruno Marchal', twinOfBruno),
    ];
    await laptop.db.insertInto('event_registrations').values(walkIns).execute();
    const live = liveRepo(laptop.db);
    const { participant } = await live.createParticipant(day.roomId, {
      tokenHash: randomBytes(16).toString('hex'),
      name: 'Léa',
      organisationKind: null,
      territory: null,
    });
    await live.append(day.roomId, [
      {
        event: { type: 'keyword.submitted', activityId: day.activityId, participantId: participant.id, text: 'Confiance' },
        participantId: participant.id,
        key: 'k1',
      },
    ]);
    const collective = randomUUID();
    await laptop.db
      .insertInto('collectives')
      .values({ id: collective, territory_id: day.territoryId, name: 'Parents du quartier', origin_room_id: day.roomId })
      .execute();
    await laptop.db
      .insertInto('collective_members')
      .values([
        { collective_id: collective, position: 1, display_name: 'Nadia Nouvelle', person_id: nadia },
        { collective_id: collective, position: 2, display_name: 'O. Lointaine', person_id: twinOfOdile },
        { collective_id: collective, position: 3, display_name: 'Bruno Marchal', person_id: twinOfBruno },
      ])
      .execute();
    await laptop.db.updateTable('organisations').set({ description: 'Écrit au portable' }).where('id', '=', day.organisationId).execute();
    // On the territory, the same day.
    await territory.db.updateTable('event_registrations').set({ status: 'cancelled', cancelled_at: now }).where('id', '=', r2).execute();
    await territory.db.updateTable('organisations').set({ description: 'Écrit au bureau' }).where('id', '=', day.organisationId).execute();

    const bundle = openVenue(
      sealVenue(await payloadOf(laptop, day.eventId, 'bundle', exported.tables), passphrase),
      passphrase,
      'journee-retour.maillage',
      'bundle',
    );
    const before = await countRows(territory.db, venueTableOrder);
    const report = await importDay(territory.db, bundle, null);
    const after = await countRows(territory.db, venueTableOrder);

    const attendance = await territory.db
      .selectFrom('event_registrations')
      .select(['id', 'checked_in_at', 'status'])
      .where('id', 'in', [r1, r2])
      .execute();
    expect(attendance.find((r) => r.id === r1)?.checked_in_at).not.toBeNull();
    expect(attendance.find((r) => r.id === r2)).toMatchObject({ status: 'cancelled', checked_in_at: null });
    expect(report.conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'event_registrations', id: r2, reason: 'registration_cancelled' }),
        expect.objectContaining({ table: 'organisations', id: day.organisationId, reason: 'edited_both_sides', columns: ['description'] }),
      ]),
    );
    expect(report.conflicts).toHaveLength(2);
    const org = await territory.db
      .selectFrom('organisations')
      .select('description')
      .where('id', '=', day.organisationId)
      .executeTakeFirstOrThrow();
    expect(org.description).toBe('Écrit au bureau');
    expect(report.duplicates.map((d) => [d.walkInName, d.directoryPersonId]).sort()).toEqual(
      [
        ['Chloe BERGER', chloe],
        ['O. Lointaine', day.outsiderPersonId],
        ['Bruno Marchal', bruno],
      ].sort(),
    );
    expect(await territory.db.selectFrom('people').select('id').where('id', 'in', [twinOfOdile, twinOfBruno]).execute()).toEqual([]);
    expect(await territory.db.selectFrom('people').select('name').where('id', '=', nadia).executeTakeFirst()).toEqual({
      name: 'Nadia Nouvelle',
    });
    const walkInRows = await territory.db
      .selectFrom('event_registrations')
      .select(['id', 'person_id'])
      .where('walk_in', '=', true)
      .where('event_id', '=', day.eventId)
      .execute();
    expect(walkInRows).toHaveLength(4);
    expect(walkInRows.find((w) => w.id === walkIns[2]?.id)?.person_id).toBeNull(); // left to link, not a second Odile
    expect(Number(after.acquaintances) - Number(before.acquaintances)).toBe(1); // who the set-aside ones met waits for the decision
    expect(await metBy(lea)).not.toContain(`event:${twinOfOdile}`);
    expect(Number(after.live_events) - Number(before.live_events)).toBe(2); // the join and the keyword
    expect(Number(after.collectives) - Number(before.collectives)).toBe(1);
    expect(Number(after.collective_members) - Number(before.collective_members)).toBe(3);
    const members = await territory.db
      .selectFrom('collective_members')
      .select(['position', 'person_id'])
      .where('collective_id', '=', collective)
      .orderBy('position')
      .execute();
    expect(members.map((m) => m.person_id)).toEqual([nadia, null, null]);
    const room = await territory.db.selectFrom('live_rooms').select('last_seq').where('id', '=', day.roomId).executeTakeFirstOrThrow();
    expect(room.last_seq).toBe(4);
    expect(report.changed).toBeGreaterThan(0);
    // Kept for a person to decide from the day's page, with both versions.
    const kept = await decisionRows();
    expect(kept.conflicts.map((c) => [c.table_name, c.row_key, c.status]).sort()).toEqual(
      [
        ['event_registrations', r2, 'open'],
        ['organisations', day.organisationId, 'open'],
      ].sort(),
    );
    const cancelled = kept.conflicts.find((c) => c.row_key === r2);
    expect(cancelled?.territory_value).toMatchObject({ status: 'cancelled', checked_in_at: null });
    expect(cancelled?.laptop_value).toMatchObject({ status: 'confirmed' });
    expect(cancelled?.laptop_value.checked_in_at).not.toBeNull();
    expect(kept.duplicates.map((d) => [d.walk_in_name, d.directory_person_id, d.walk_in_person_id]).sort()).toEqual(
      [
        ['Chloe BERGER', chloe, null],
        ['O. Lointaine', day.outsiderPersonId, twinOfOdile],
        ['Bruno Marchal', bruno, twinOfBruno],
      ].sort(),
    );
    expect(
      kept.duplicates
        .find((d) => d.walk_in_person_id === twinOfBruno)
        ?.left_out.map((l) => l.table)
        .sort(),
    ).toEqual(['acquaintances', 'acquaintances', 'acquaintances', 'acquaintances', 'collective_members']);
    returned = bundle;
    looped = {
      r2,
      chloe,
      twinOfOdile,
      odileWalkIn: String(walkIns[2]?.id),
      chloeWalkIn: String(walkIns[1]?.id),
      twinOfBruno,
      brunoWalkIn: String(walkIns[3]?.id),
      nadia,
      collective,
    };

    const again = await importDay(territory.db, bundle, null);
    expect(again.changed).toBe(0);
    expect(await countRows(territory.db, [...venueTableOrder, 'audit_log'])).toEqual({
      ...after,
      audit_log: (await countRows(territory.db, ['audit_log'])).audit_log,
    });
    expect(await countRows(territory.db, venueTableOrder)).toEqual(after);
    expect(again.conflicts).toHaveLength(2);
    expect(await decisionRows()).toEqual(kept); // not twice, not touched
  });

  it('lets a person decide each conflict and duplicate, once, with a version check; the same file again then changes nothing', async () => {
    const { r2, chloe, twinOfOdile, odileWalkIn, chloeWalkIn, twinOfBruno, brunoWalkIn, nadia, collective } = looped;
    const [lea, bruno] = day.people as [string, string];
    const now = new Date('2026-12-11T08:00:00Z');
    const listed = await venueDecisions(territory.db, day.eventId);
    expect(listed.conflicts.map((c) => c.status)).toEqual(['open', 'open']);
    const cancelled = listed.conflicts.find((c) => c.rowKey === r2)!;
    const org = listed.conflicts.find((c) => c.table === 'organisations')!;
    expect(cancelled).toMatchObject({ reason: 'registration_cancelled', canTakeLaptop: true, territory: { status: 'cancelled' } });
    expect(org).toMatchObject({ territory: { description: 'Écrit au bureau' }, laptop: { description: 'Écrit au portable' } });
    expect(Object.keys(org.laptop)).not.toContain('search_key'); // the compared columns only

    // Cancelled here, present at the venue: taking the laptop's version restores her as present.
    const input = { eventId: day.eventId, actorUserId: day.facilitatorId, now };
    expect(await decideVenueConflict(territory.db, { ...input, id: cancelled.id, decision: 'took_laptop' })).toEqual({ ok: true });
    const restored = await territory.db
      .selectFrom('event_registrations')
      .select(['status', 'checked_in_at', 'cancelled_at'])
      .where('id', '=', r2)
      .executeTakeFirstOrThrow();
    expect(restored).toMatchObject({ status: 'confirmed', cancelled_at: null });
    expect(restored.checked_in_at).not.toBeNull();
    expect(await decideVenueConflict(territory.db, { ...input, id: cancelled.id, decision: 'kept_territory' })).toEqual({
      ok: false,
      error: 'already_decided',
    });
    // Another day's page cannot name it.
    const other = await seedVenueDay(territory.db);
    expect(await decideVenueConflict(territory.db, { ...input, eventId: other.eventId, id: org.id, decision: 'kept_territory' })).toEqual({
      ok: false,
      error: 'not_found',
    });
    // The organisation changed again here since the import: the laptop's version is not taken blindly.
    await territory.db
      .updateTable('organisations')
      .set({ description: 'Réécrit au bureau' })
      .where('id', '=', day.organisationId)
      .execute();
    expect(await decideVenueConflict(territory.db, { ...input, id: org.id, decision: 'took_laptop' })).toEqual({
      ok: false,
      error: 'changed_since',
    });
    expect(await decideVenueConflict(territory.db, { ...input, id: org.id, decision: 'kept_territory' })).toEqual({ ok: true });
    const description = await territory.db
      .selectFrom('organisations')
      .select('description')
      .where('id', '=', day.organisationId)
      .executeTakeFirstOrThrow();
    expect(description.description).toBe('Réécrit au bureau');

    // The same person: the walk-in's registration is linked to Chloé; two people: « O. Lointaine » is created.
    const duplicates = listed.duplicates;
    const chloeDup = duplicates.find((d) => d.directoryPersonId === chloe)!;
    const odileDup = duplicates.find((d) => d.walkInName === 'O. Lointaine')!;
    expect(await decideVenueDuplicate(territory.db, { ...input, id: chloeDup.id, decision: 'linked' })).toEqual({ ok: true });
    expect(await decideVenueDuplicate(territory.db, { ...input, id: odileDup.id, decision: 'kept_separate' })).toEqual({ ok: true });
    expect(await decideVenueDuplicate(territory.db, { ...input, id: odileDup.id, decision: 'linked' })).toEqual({
      ok: false,
      error: 'already_decided',
    });
    const links = await territory.db
      .selectFrom('event_registrations')
      .select(['id', 'person_id'])
      .where('id', 'in', [chloeWalkIn, odileWalkIn])
      .execute();
    expect(links.find((l) => l.id === chloeWalkIn)?.person_id).toBe(chloe);
    expect(links.find((l) => l.id === odileWalkIn)?.person_id).toBe(twinOfOdile);
    expect(await territory.db.selectFrom('people').select('name').where('id', '=', twinOfOdile).executeTakeFirst()).toEqual({
      name: 'O. Lointaine',
    });
    // Who she met at the venue is hers again; the walk-in still undecided waits for his own decision.
    expect(await metBy(twinOfOdile)).toEqual([`event:${lea}`, `event:${nadia}`].sort());

    // Bruno made anew is Bruno: who he met is Bruno's (known already: not doubled; himself: not kept), his seat too.
    const knownBefore = await metBy(bruno);
    const brunoDup = duplicates.find((d) => d.walkInName === 'Bruno Marchal')!;
    expect(await decideVenueDuplicate(territory.db, { ...input, id: brunoDup.id, decision: 'linked' })).toEqual({ ok: true });
    expect(knownBefore).toEqual([`declared:${lea}`]);
    expect(await metBy(bruno)).toEqual([`declared:${lea}`, `event:${chloe}`, `event:${twinOfOdile}`].sort());
    expect(await territory.db.selectFrom('people').select('id').where('id', '=', twinOfBruno).executeTakeFirst()).toBeUndefined();
    expect(
      await territory.db.selectFrom('event_registrations').select('person_id').where('id', '=', brunoWalkIn).executeTakeFirstOrThrow(),
    ).toEqual({ person_id: bruno });
    const seats = await territory.db
      .selectFrom('collective_members')
      .select('person_id')
      .where('collective_id', '=', collective)
      .orderBy('position')
      .execute();
    expect(seats.map((m) => m.person_id)).toEqual([nadia, twinOfOdile, bruno]);

    const decided = await venueDecisions(territory.db, day.eventId);
    expect(decided.conflicts.map((c) => c.status).sort()).toEqual(['kept_territory', 'took_laptop']);
    expect(decided.duplicates.map((d) => d.status).sort()).toEqual(['kept_separate', 'linked', 'linked']);
    expect(decided.conflicts[0]?.decidedAt).toBe(now.toISOString());
    expect(decided.conflicts[0]?.decidedBy).toBeTruthy();

    // The same return file again: nothing written, no decision reopened, no walk-in proposed again.
    const rows = await countRows(territory.db, [...venueTableOrder, 'venue_conflicts', 'venue_duplicates']);
    const kept = await decisionRows();
    const again = await importDay(territory.db, returned, null);
    expect(again.changed).toBe(0);
    expect(again.duplicates).toEqual([]);
    expect(await countRows(territory.db, [...venueTableOrder, 'venue_conflicts', 'venue_duplicates'])).toEqual(rows);
    expect(await decisionRows()).toEqual(kept);
  });

  it('applies the three-way rule to sessions and workshop choices: one side’s edit wins, both sides’ is a conflict', async () => {
    const [r1, r2, r3, r4] = day.registrations as [string, string, string, string];
    const choice = (db: Store['db'], registrationId: string) =>
      db.updateTable('event_choices').where('registration_id', '=', registrationId).where('session_id', '=', day.workshopId);
    // On the laptop: both sessions edited, two choices changed, a new choice made at the desk.
    await laptop.db.updateTable('event_sessions').set({ title: 'Mise en route (portable)' }).where('id', '=', day.sessionId).execute();
    await laptop.db.updateTable('event_sessions').set({ capacity: 12 }).where('id', '=', day.workshopId).execute();
    await choice(laptop.db, r1).set({ status: 'dropped' }).execute();
    await choice(laptop.db, r2).set({ status: 'confirmed' }).execute();
    await laptop.db
      .insertInto('event_choices')
      .values({ registration_id: r4, session_id: day.workshopId, preference: 1, status: 'confirmed' })
      .execute();
    // On the territory: the first session renamed too, a choice of both sides and one of the territory only.
    await territory.db.updateTable('event_sessions').set({ title: 'Mise en route (bureau)' }).where('id', '=', day.sessionId).execute();
    await choice(territory.db, r2).set({ status: 'dropped' }).execute();
    await choice(territory.db, r3).set({ preference: 2 }).execute();

    const bundle = await payloadOf(laptop, day.eventId, 'bundle', exported.tables);
    const report = await importDay(territory.db, bundle, null);
    const sessions = await territory.db
      .selectFrom('event_sessions')
      .select(['id', 'title', 'capacity'])
      .where('event_id', '=', day.eventId)
      .execute();
    expect(sessions.find((s) => s.id === day.sessionId)?.title).toBe('Mise en route (bureau)'); // not overwritten
    expect(sessions.find((s) => s.id === day.workshopId)?.capacity).toBe(12); // the laptop's edit alone: it wins
    const choices = await territory.db
      .selectFrom('event_choices')
      .select(['registration_id', 'preference', 'status'])
      .where('session_id', '=', day.workshopId)
      .execute();
    const of = (r: string) => choices.find((c) => c.registration_id === r);
    expect(of(r1)?.status).toBe('dropped'); // the laptop's alone
    expect(of(r2)?.status).toBe('dropped'); // both sides: the territory's kept, reported
    expect(of(r3)).toMatchObject({ preference: 2, status: 'confirmed' }); // the territory's alone stays
    expect(of(r4)).toMatchObject({ preference: 1, status: 'confirmed' }); // new on the laptop
    expect(report.updated).toMatchObject({ event_sessions: 1, event_choices: 1 });
    expect(report.inserted.event_choices).toBe(1);
    const mine = report.conflicts.filter((c) => c.table === 'event_sessions' || c.table === 'event_choices');
    expect(mine).toEqual([
      expect.objectContaining({ table: 'event_sessions', id: day.sessionId, reason: 'edited_both_sides', columns: ['title'] }),
      expect.objectContaining({
        table: 'event_choices',
        id: `${r2}/${day.workshopId}`,
        label: 'Bruno Marchal → Atelier Jeunesse',
        reason: 'edited_both_sides',
        columns: ['status'],
      }),
    ]);
    const again = await importDay(territory.db, bundle, null);
    expect(again.changed).toBe(0);
  });

  it('erasing a person drops what an import left out naming her, so that no decision writes it back', async () => {
    const other = await seedVenueDay(territory.db);
    const [met, stays, directory] = other.people as [string, string, string];
    const walkIn = randomUUID();
    const acquaintance = (a: string) => {
      const [person_a, person_b] = [a, walkIn].sort();
      return { table: 'acquaintances', column: a < walkIn ? 'person_b' : 'person_a', cleared: false, row: { person_a, person_b } };
    };
    const { id } = await territory.db
      .insertInto('venue_duplicates')
      .values({
        event_id: other.eventId,
        walk_in_name: 'Bruno Marchal',
        walk_in_person_id: walkIn,
        directory_person_id: directory,
        left_out: JSON.stringify([acquaintance(met), acquaintance(stays)]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await erasePerson(territory.db, met, null);
    const kept = await territory.db.selectFrom('venue_duplicates').select('left_out').where('id', '=', id).executeTakeFirstOrThrow();
    expect(kept.left_out).toEqual([acquaintance(stays)]);
  });

  it('writes nothing when one row of the bundle cannot be written', async () => {
    const bundle = await payloadOf(laptop, day.eventId, 'bundle', exported.tables);
    const broken: VenuePayload = {
      ...bundle,
      tables: {
        ...bundle.tables,
        people: [...(bundle.tables.people ?? []), { id: randomUUID(), name: 'Paul Neuf', search_key: 'paul neuf' }],
        collectives: [...(bundle.tables.collectives ?? []), { id: randomUUID(), territory_id: day.territoryId, name: '' }], // refused by a check
      },
    };
    const before = await countRows(territory.db, [...venueTableOrder, 'audit_log']);
    await expect(importDay(territory.db, broken, null)).rejects.toThrow();
    expect(await countRows(territory.db, [...venueTableOrder, 'audit_log'])).toEqual(before);
  });
});
