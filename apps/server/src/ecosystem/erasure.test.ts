import { randomBytes } from 'node:crypto';
import { createCollectives, writeAudit } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzWorld } from '../http/authz-fixtures';
import { connect, joinAs } from '../live/test-kit';
import { type TestWorld, createTestWorld } from '../testing';

const hex = () => randomBytes(4).toString('hex');

describe.each(availableTestStores())('RGPD erasure and export of a person on %s', (kind) => {
  let t: TestWorld;
  let world: AuthzWorld;
  beforeAll(async () => {
    t = await createTestWorld(kind);
    world = t.world;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A published day on the commune, with one session. */
  async function newDay() {
    const db = t.store.db;
    const event = await db
      .insertInto('events')
      .values({
        slug: `journee-${hex()}`,
        territory_id: world.communeId,
        title: 'Journée de la coopération',
        start_date: '2037-12-10',
        end_date: '2037-12-10',
        status: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await db
      .insertInto('event_sessions')
      .values({
        event_id: event.id,
        kind: 'mise_en_route',
        title: 'Mise en route',
        day: '2037-12-10',
        starts_at: '09:30',
        ends_at: '10:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { eventId: event.id, sessionId: session.id };
  }

  it('reaches her registration, check-in, live participation, collectives and audit entries: exported before, gone after', async () => {
    const tag = hex();
    const name = `Inès Haddad-${tag}`;
    const email = `ines.${tag}@exemple.fr`;
    const phone = '06 12 34 56 78';
    const idea = `Un jardin partagé rue ${tag}`;
    const coordinator = await t.loginAs('coordinator');
    const admin = await t.loginAs('admin');

    const created = await coordinator.post('/api/ecosystem/people', {
      name,
      territoryIds: [world.communeId],
      email,
      phone,
      contactConsent: true,
    });
    expect(created.status).toBe(201);
    const personId = created.body.id as string;
    // An entry written by an earlier version, that named her.
    await writeAudit(t.store.db, {
      actorUserId: world.users.coordinator.id,
      action: 'person.create',
      entityType: 'person',
      entityId: personId,
      territoryId: world.communeId,
      details: { name, email, phone },
    });

    // She registers (public form), is linked to the ecosystem, checks in.
    const { eventId, sessionId } = await newDay();
    const visitor = t.client();
    await visitor.get('/api/session');
    const registered = await visitor.post(`/api/events/${eventId}/registrations`, {
      name,
      email,
      organisationName: 'Centre social du Moulin',
      accessibility: 'fauteuil roulant',
      consent: true,
    });
    expect(registered.status).toBe(201);
    const registrationId = registered.body.registration.id as string;
    expect((await coordinator.post(`/api/events/${eventId}/registrations/link-ecosystem`)).status).toBe(200);
    expect((await coordinator.post(`/api/events/${eventId}/check-ins`, { registrationId })).status).toBe(200);

    // She joins the day's live room with her badge and types a keyword.
    const room = await coordinator.post('/api/live/rooms', {
      title: 'Salle du Moulin',
      territoryId: world.communeId,
      eventSessionId: sessionId,
    });
    expect(room.status).toBe(201);
    const { id: roomId, code } = room.body as { id: string; code: string };
    const badge = (
      await t.store.db.selectFrom('event_registrations').select('badge_code').where('id', '=', registrationId).executeTakeFirstOrThrow()
    ).badge_code;
    const joined = await visitor.post(`/api/live/join/${code}/registered`, { badge });
    expect(joined.status).toBe(201);
    const activity = await coordinator.post(`/api/live/rooms/${roomId}/activities`, { kind: 'keyword', prompt: 'Un mot' });
    const activityId = activity.body.id as string;
    expect((await coordinator.post(`/api/live/rooms/${roomId}/activities/${activityId}/start`)).status).toBe(200);
    const phoneWs = await connect(t.app, code, { role: 'participant', token: joined.body.token });
    await phoneWs.next((m) => m.type === 'welcome');
    phoneWs.send({ v: 1, type: 'submit', key: `k-${tag}-0001`, activityId, input: { kind: 'keyword', text: idea } });
    await phoneWs.next((m) => m.type === 'ack');
    phoneWs.ws.close();

    // She is a member of a collective formed in the room.
    const [collectiveId] = await createCollectives(t.store.db, [
      {
        territoryId: world.communeId,
        name: 'Collectif du jardin',
        // The members' urgencies, one per line (hers is what she typed).
        urgency: `Les familles isolées\n${idea}`,
        themes: [],
        origin: null,
        members: [{ name, personId, liveParticipantId: joined.body.participantId }],
        createdBy: null,
      },
    ]);

    // Articles 15 and 20: her export lists all of it.
    const before = await admin.get(`/api/ecosystem/people/${personId}/export`);
    expect(before.status).toBe(200);
    const data = before.body;
    expect(data.person.name).toBe(name);
    expect(data.registrations).toEqual([
      expect.objectContaining({
        eventId,
        event: 'Journée de la coopération',
        name,
        email,
        accessibility: 'fauteuil roulant',
        checkedIn: true,
      }),
    ]);
    expect(data.liveParticipation).toEqual([
      expect.objectContaining({
        roomId,
        room: 'Salle du Moulin',
        name,
        contributions: expect.arrayContaining([expect.objectContaining({ type: 'keyword.submitted', text: idea })]),
      }),
    ]);
    expect(data.collectives).toEqual([expect.objectContaining({ collectiveId, collective: 'Collectif du jardin' })]);

    // A coordinator of her territory erases her (she has no account).
    const erased = await coordinator.delete(`/api/ecosystem/people/${personId}`);
    expect(erased.status).toBe(200);

    const secrets = [name, email, phone, phone.replaceAll(' ', ''), idea, tag];
    const reachable: Record<string, string> = {};
    const text = async (label: string, client: typeof coordinator, url: string) => {
      const res = await client.get(url);
      expect(res.status, label).toBeLessThan(500);
      reachable[label] = res.res.body;
    };
    await text('registrations', coordinator, `/api/events/${eventId}/registrations`);
    await text('registrations.csv', coordinator, `/api/events/${eventId}/registrations.csv`);
    await text('room export', coordinator, `/api/live/rooms/${roomId}/export.json`);
    await text('participants', coordinator, `/api/live/rooms/${roomId}/participants`);
    await text('keywords.csv', coordinator, `/api/live/rooms/${roomId}/activities/${activityId}/keywords.csv`);
    await text('collectives', coordinator, `/api/collectives?territoryId=${world.communeId}`);
    await text('collective', coordinator, `/api/collectives/${collectiveId}`);
    await text('person', coordinator, `/api/ecosystem/people/${personId}`);
    await text('directory', coordinator, `/api/ecosystem/directory?q=${encodeURIComponent(`haddad ${tag}`)}`);
    await text('ecosystem export', coordinator, `/api/ecosystem/export?territoryId=${world.communeId}&what=people&format=json`);
    await text('audit (admin)', admin, '/api/audit');
    await text('audit (coordinator)', coordinator, `/api/audit?territoryId=${world.communeId}`);
    await text('export after', admin, `/api/ecosystem/people/${personId}/export`);
    for (const [label, body] of Object.entries(reachable)) {
      for (const secret of secrets) expect(body.includes(secret), `${label} still holds « ${secret} »`).toBe(false);
    }
    // The facts others depend on stay: her registration still counts as present, the room still folds.
    const list = JSON.parse(reachable.registrations as string);
    expect(list.counts.present).toBe(1);
    expect(list.registrations).toEqual([expect.objectContaining({ id: registrationId, name: 'Personne effacée', email: '' })]);
    const dump = JSON.parse(reachable['room export'] as string);
    expect(dump.participants).toEqual([expect.objectContaining({ name: 'Personne effacée', registered: false })]);
    expect(dump.activities[0].results.total).toBe(1);
    const collective = JSON.parse(reachable.collective as string);
    expect(JSON.stringify(collective)).toContain('Personne effacée');
    expect(collective.urgency).toBe('Les familles isolées\ncontribution effacée');

    // The erasure is in the audit log of her territory, with ids and counts only.
    const audit = JSON.parse(reachable['audit (coordinator)'] as string) as { action: string; entityId: string; details: unknown }[];
    const entry = audit.find((e) => e.action === 'person.erase' && e.entityId === personId);
    expect(entry?.details).toMatchObject({ registrations: 1, liveParticipants: 1, collectiveMemberships: 1 });
  });

  it('lets a coordinator of her territory erase a person without an account, not one with an account', async () => {
    const coordinator = await t.loginAs('coordinator');
    const person = async (name: string, userId?: string) =>
      (
        await (userId ? await t.loginAs('member') : coordinator).post('/api/ecosystem/people', {
          name,
          territoryIds: [world.communeId],
          ...(userId ? { userId } : {}),
        })
      ).body.id as string;
    const withoutAccount = await person(`Sans Compte ${hex()}`);
    // Only the user herself links her account to a person.
    const withAccount = await person(`Avec Compte ${hex()}`, world.users.member.id);
    expect((await (await t.loginAs('facilitator')).delete(`/api/ecosystem/people/${withoutAccount}`)).status).toBe(403);
    expect((await (await t.loginAs('outsider')).delete(`/api/ecosystem/people/${withoutAccount}`)).status).toBe(403);
    const refused = await coordinator.delete(`/api/ecosystem/people/${withAccount}`);
    expect(refused.status).toBe(403);
    expect((await coordinator.get(`/api/ecosystem/people/${withAccount}`)).status).toBe(200);
    expect((await coordinator.delete(`/api/ecosystem/people/${withoutAccount}`)).status).toBe(200);
    expect((await coordinator.get(`/api/ecosystem/people/${withoutAccount}`)).status).toBe(404);
    const audit = (await coordinator.get(`/api/audit?territoryId=${world.communeId}`)).body as {
      action: string;
      entityId: string;
      territoryId: string;
      details: Record<string, unknown>;
    }[];
    const entry = audit.find((e) => e.action === 'person.erase' && e.entityId === withoutAccount);
    expect(entry).toMatchObject({ territoryId: world.communeId });
    expect(JSON.stringify(entry)).not.toContain('Sans Compte');
    // The person with an account erases herself (or an administrator does).
    expect((await (await t.loginAs('member')).delete(`/api/ecosystem/people/${withAccount}`)).status).toBe(200);
  });

  it('folds a loaded room again when another process says it rewrote the room’s log (an erasure there)', async () => {
    const coordinator = await t.loginAs('coordinator');
    const room = (await coordinator.post('/api/live/rooms', { title: 'Salle de l’autre processus', territoryId: world.communeId }))
      .body as {
      id: string;
      code: string;
    };
    const name = `Malo Le Goff-${hex()}`;
    const joined = await joinAs(t, room.code, name);
    const names = async () =>
      ((await coordinator.get(`/api/live/rooms/${room.id}/participants`)).body as { name: string }[]).map((p) => p.name);
    expect(await names()).toEqual([name]);
    // What another process's erasure writes, then its notification (seq 0: rewritten).
    await t.store.db
      .updateTable('live_events')
      .set({
        payload: JSON.stringify({
          participantId: joined.body.participantId,
          name: 'Personne effacée',
          organisationKind: null,
          territory: null,
        }),
      })
      .where('room_id', '=', room.id)
      .where('type', '=', 'participant.joined')
      .execute();
    expect(await names()).toEqual([name]);
    await t.app.live.remoteChanged(room.id, 0);
    expect(await names()).toEqual(['Personne effacée']);
  });
});
