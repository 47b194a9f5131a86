import { randomBytes } from 'node:crypto';
import { formatPersonalCode, personalCodeOf, type ServerMessage } from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, SESSION_COOKIE, tokens } from '../http/session';
import { type AnswerBody, createTestApp, type TestApp } from '../testing';

interface Ws {
  send(data: string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
}

/** The first frame of a participant's socket after `hello` (welcome, or an error). */
async function hello(t: TestApp, code: string, token: string): Promise<ServerMessage> {
  const ws = (await t.app.injectWS(`/ws/live/${code}`)) as unknown as Ws;
  const first = new Promise<ServerMessage>((resolve) => ws.on('message', (d) => resolve(JSON.parse(d.toString()))));
  ws.send(JSON.stringify({ v: 1, type: 'hello', role: 'participant', token }));
  const m = await first;
  ws.close();
  return m;
}

const hex = () => randomBytes(4).toString('hex');

describe.each(availableTestStores())('live roster API on %s', (kind) => {
  let t: TestApp;
  let epci: string;
  let quartier: string;
  let elsewhere: string;
  let sessionId: string;
  let otherSessionId: string;
  let regs: Record<'ines' | 'malo' | 'yanis' | 'zoe', { id: string; badge: string }>;
  let personId: string;
  let call: (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<{ status: number; body: AnswerBody }>;

  const anonymous = async (url: string, body: unknown, ip = '10.1.0.1') => {
    const csrf = tokens.random();
    const res = await t.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: { cookie: `${CSRF_COOKIE}=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.store.db;
    const territory = async (name: string, k: 'epci' | 'quartier') =>
      (
        await db
          .insertInto('territories')
          .values({ kind: k, name, slug: `${k}-${hex()}` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    epci = await territory('Agglomération du Moulin', 'epci');
    quartier = await territory('Quartier du Moulin', 'quartier');
    elsewhere = await territory('Quartier de l’Autre Rive', 'quartier');
    await db.insertInto('territory_parents').values({ territory_id: quartier, parent_id: epci }).execute();
    const event = async (territoryId: string) =>
      (
        await db
          .insertInto('events')
          .values({
            slug: `journee-${hex()}`,
            territory_id: territoryId,
            title: 'Journée du Moulin',
            start_date: '2026-12-03',
            end_date: '2026-12-03',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const session = async (eventId: string) =>
      (
        await db
          .insertInto('event_sessions')
          .values({
            event_id: eventId,
            kind: 'mise_en_route',
            title: 'Mise en route',
            day: '2026-12-03',
            starts_at: '09:30',
            ends_at: '10:00',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const eventId = await event(quartier);
    sessionId = await session(eventId);
    otherSessionId = await session(await event(elsewhere));
    personId = (
      await db.insertInto('people').values({ name: 'Inès Haddad', search_key: 'ines haddad' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    const register = async (name: string, checkedIn: boolean, person: string | null = null) => {
      const badge = randomBytes(12).toString('base64url');
      const row = await db
        .insertInto('event_registrations')
        .values({
          event_id: eventId,
          token_hash: hex() + hex(),
          badge_code: badge,
          name,
          email: `${hex()}@exemple.fr`,
          organisation_kind: 'centre_social',
          territory_id: quartier,
          consent_at: new Date(),
          status: 'confirmed',
          checked_in_at: checkedIn ? new Date() : null,
          person_id: person,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, badge };
    };
    regs = {
      ines: await register('Inès Haddad', true, personId),
      malo: await register('Malo Le Goff', true),
      yanis: await register('Yanis Aït-Ali', false),
      zoe: await register('Zoé Martin', true),
    };
    const repo = accountsRepo(db);
    const user = await repo.createUser({ email: `anim-${hex()}@exemple.fr`, displayName: 'Awa', passwordHash: 'x', isAdmin: false });
    await db.insertInto('role_assignments').values({ user_id: user.id, role: 'facilitator', territory_id: epci }).execute();
    const token = tokens.random();
    const csrf = tokens.random();
    await repo.createSession({
      idHash: tokens.digest(token),
      userId: user.id,
      csrfToken: csrf,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    call = async (method, url, body) => {
      const res = await t.app.inject({
        method,
        url,
        headers: {
          cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`,
          'x-csrf-token': csrf,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      return { status: res.statusCode, body: res.json() };
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('links a room to a session of an event of its territory (or below), refuses others, and lists rooms', async () => {
    const unknown = await call('POST', '/api/live/rooms', { title: 'Salle', territoryId: epci, eventSessionId: crypto.randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'body.eventSessionId', message: 'cette séquence de journée n’existe pas' }]);
    const other = await call('POST', '/api/live/rooms', { title: 'Salle', territoryId: epci, eventSessionId: otherSessionId });
    expect(other.status).toBe(400);
    expect(other.body.errors[0].field).toBe('body.eventSessionId');
    expect(other.body.errors[0].message).toContain('autre territoire');

    const linked = await call('POST', '/api/live/rooms', {
      title: 'Mise en route du Moulin',
      territoryId: epci,
      eventSessionId: sessionId,
    });
    expect(linked.status).toBe(201);
    const alone = await call('POST', '/api/live/rooms', { title: 'Salle seule', territoryId: epci });
    expect(alone.status).toBe(201);

    const bySession = await call('GET', `/api/live/rooms?eventSessionId=${sessionId}`);
    expect(bySession.status).toBe(200);
    expect(bySession.body.map((r: { id: string }) => r.id)).toEqual([linked.body.id]);
    expect(bySession.body[0]).toMatchObject({ eventSessionId: sessionId, participants: 0, joinPath: `/j/${linked.body.code}` });
    const byTerritory = await call('GET', `/api/live/rooms?territoryId=${epci}`);
    expect(byTerritory.body.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([linked.body.id, alone.body.id]));
    const neither = await call('GET', '/api/live/rooms');
    expect(neither.status).toBe(400);
    expect(neither.body.errors[0].field).toContain('territoryId');
  });

  it('recognises a registered person by badge or by name and personal code, once per registration', async () => {
    const room = (await call('POST', '/api/live/rooms', { title: 'Salle du Moulin', territoryId: epci, eventSessionId: sessionId }))
      .body as {
      id: string;
      code: string;
    };
    const scanned = await anonymous(`/api/live/join/${room.code}/registered`, { badge: `maillage:badge:${regs.ines.badge}` });
    expect(scanned.status).toBe(201);
    expect(scanned.body).toMatchObject({ roomId: room.id, name: 'Inès Haddad' });
    const row = await t.store.db
      .selectFrom('live_participants')
      .select(['registration_id', 'person_id', 'organisation_kind', 'territory_label'])
      .where('id', '=', scanned.body.participantId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      registration_id: regs.ines.id,
      person_id: personId,
      organisation_kind: 'centre_social',
      territory_label: 'Quartier du Moulin',
    });
    const joined = await t.store.db
      .selectFrom('live_events')
      .select('payload')
      .where('participant_id', '=', scanned.body.participantId)
      .execute();
    expect(joined).toHaveLength(1);
    expect(joined[0]?.payload).toMatchObject({ personId, name: 'Inès Haddad' });

    // The same badge again (another phone): the same participant, a new token that works; no second joined event.
    const again = await anonymous(`/api/live/join/${room.code}/registered`, { badge: regs.ines.badge });
    expect(again.status).toBe(201);
    expect(again.body.participantId).toBe(scanned.body.participantId);
    expect(again.body.token).not.toBe(scanned.body.token);
    const welcome = await hello(t, room.code, again.body.token);
    expect(welcome.type).toBe('welcome');
    expect((welcome as Extract<ServerMessage, { type: 'welcome' }>).me?.name).toBe('Inès Haddad');
    expect(
      await t.store.db.selectFrom('live_events').select('seq').where('participant_id', '=', scanned.body.participantId).execute(),
    ).toHaveLength(1);

    // Name and personal code, as printed (dashes, case, accents, part of the name forgiven).
    const code = formatPersonalCode(personalCodeOf(regs.yanis.badge)).toLowerCase();
    const typed = await anonymous(`/api/live/join/${room.code}/registered`, { name: 'yanis ait ali', personalCode: code });
    expect(typed.status).toBe(201);
    expect(typed.body.name).toBe('Yanis Aït-Ali');
    const partial = await anonymous(`/api/live/join/${room.code}/registered`, { name: 'Aït-Ali', personalCode: code });
    expect(partial.body.participantId).toBe(typed.body.participantId);
    const wrongName = await anonymous(`/api/live/join/${room.code}/registered`, { name: 'Zoé Martin', personalCode: code });
    expect(wrongName.status).toBe(404);
    expect(wrongName.body.code).toBe('live_registration_not_found');
    const short = await anonymous(`/api/live/join/${room.code}/registered`, { name: 'Zoé', personalCode: 'AB' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('body.personalCode');

    const count = await t.store.db
      .selectFrom('live_participants')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('room_id', '=', room.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('slows down wrong personal codes per typed name and wrong badges per room, never the right join code', async () => {
    const room = (await call('POST', '/api/live/rooms', { title: 'Salle des essais', territoryId: epci, eventSessionId: sessionId }))
      .body as {
      code: string;
    };
    const ip = `10.2.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await anonymous(`/api/live/join/${room.code}/registered`, { name: 'Malo Le Goff', personalCode: 'ZZZZZZ' }, ip)).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    const right = await anonymous(
      `/api/live/join/${room.code}/registered`,
      { name: 'Malo Le Goff', personalCode: formatPersonalCode(personalCodeOf(regs.malo.badge)) },
      ip,
    );
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('live_rate_limited');
    // Someone else at the same address, her badge, and the walk-in path are not slowed.
    const yanis = formatPersonalCode(personalCodeOf(regs.yanis.badge));
    expect((await anonymous(`/api/live/join/${room.code}/registered`, { name: 'Yanis Aït-Ali', personalCode: yanis }, ip)).status).toBe(
      201,
    );
    expect((await anonymous(`/api/live/join/${room.code}/registered`, { badge: regs.malo.badge }, ip)).status).toBe(201);
    expect((await anonymous(`/api/live/join/${room.code}`, { name: 'Malo' }, ip)).status).toBe(201);
    // Spraying badges meets the looser count per address and room.
    let sprayed = 0;
    for (let i = 0; i < 60; i++) {
      const res = await anonymous(`/api/live/join/${room.code}/registered`, { badge: `maillage:badge:faux${i}xxxx` }, ip);
      if (res.status === 429) break;
      expect(res.status).toBe(404);
      sprayed++;
    }
    expect(sprayed).toBeGreaterThanOrEqual(45); // 50 per room, the five personal codes above included
    expect(sprayed).toBeLessThan(60);
  });

  it('refuses the registered path in a room not linked to a day', async () => {
    const room = (await call('POST', '/api/live/rooms', { title: 'Salle libre', territoryId: epci })).body as { code: string };
    const res = await anonymous(`/api/live/join/${room.code}/registered`, { badge: regs.malo.badge });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('live_room_not_linked');
  });

  it('adds the checked-in registrations to a room for the paper slips, without duplicates', async () => {
    const room = (await call('POST', '/api/live/rooms', { title: 'Salle papier', territoryId: epci, eventSessionId: sessionId })).body as {
      id: string;
      code: string;
    };
    // Malo already joined with his badge: he is not added twice.
    expect((await anonymous(`/api/live/join/${room.code}/registered`, { badge: regs.malo.badge }, '10.3.0.1')).status).toBe(201);
    const first = await call('POST', `/api/live/rooms/${room.id}/roster/checked-in`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 2, alreadyThere: 1 }); // Inès and Zoé; Yanis is not checked in
    const second = await call('POST', `/api/live/rooms/${room.id}/roster/checked-in`);
    expect(second.body).toEqual({ added: 0, alreadyThere: 3 });
    const names = await t.store.db
      .selectFrom('live_participants')
      .select('display_name')
      .where('room_id', '=', room.id)
      .orderBy('display_name')
      .execute();
    expect(names.map((n) => n.display_name)).toEqual(['Inès Haddad', 'Malo Le Goff', 'Zoé Martin']);
    const view = await call('GET', `/api/live/rooms/${room.id}`);
    expect(view.body.room).toBeDefined();
    // The hub folded the joins: the console's head count says 3.
    expect(JSON.stringify(view.body)).toContain('"participants":3');
    const plain = (await call('POST', '/api/live/rooms', { title: 'Salle libre', territoryId: epci })).body as { id: string };
    const refused = await call('POST', `/api/live/rooms/${plain.id}/roster/checked-in`);
    expect(refused.status).toBe(409);
  });
});
