import { parse } from 'csv-parse/sync';
import type { ServerMessage } from '@maillage/core';
import { openStore } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestApp, type TestApp } from '../testing';

import { connect, facilitatorOn, joinAs, newTerritory, type Probe, type Results } from './test-kit';

describe.each(availableTestStores())('live rooms on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    territoryId = await newTerritory(t.store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs a keyword cloud: join, submit, merged words on the projector, retries stored once, resync', async () => {
    const f = await facilitatorOn(t, territoryId);
    const created = await f.call('POST', '/api/live/rooms', { title: 'Journée de coopération du Moulin', territoryId });
    expect(created.status).toBe(201);
    const { id: roomId, code } = created.body as { id: string; code: string };
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    const activity = await f.call('POST', `/api/live/rooms/${roomId}/activities`, {
      kind: 'keyword',
      prompt: 'Qu’est-ce qui rend la coopération possible ?',
    });
    expect(activity.status).toBe(201);
    const activityId = (activity.body as { id: string }).id;
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/start`)).status).toBe(200);

    const projector = await connect(t.app, code, { role: 'projector' });
    const welcome = await projector.next<Extract<ServerMessage, { type: 'welcome' }>>((m) => m.type === 'welcome');
    expect(welcome.room.activity?.prompt).toBe('Qu’est-ce qui rend la coopération possible ?');

    const people: { phone: Probe; token: string; ack: Extract<ServerMessage, { type: 'ack' }>; name: string }[] = [];
    for (const [name, text, key] of [
      ['Inès', 'Confiance', 'k-ines-0001'],
      ['Malo', 'la confiance ', 'k-malo-0001'],
      ['Yanis', 'Écoute', 'k-yanis-0001'],
    ] as const) {
      const joined = await joinAs(t, code.toLowerCase(), name, 'association');
      expect(joined.status).toBe(201);
      const phone = await connect(t.app, code, { role: 'participant', token: joined.body.token });
      await phone.next((m) => m.type === 'welcome');
      phone.send({ v: 1, type: 'submit', key, activityId, input: { kind: 'keyword', text } });
      const ack = await phone.next<Extract<ServerMessage, { type: 'ack' }>>((m) => m.type === 'ack');
      expect(ack.duplicate).toBe(false);
      people.push({ phone, token: joined.body.token as string, ack, name });
    }
    const cloud = await projector.next<Results>((m) => m.type === 'results' && m.seq >= Math.max(...people.map((p) => p.ack.seq)));
    expect(cloud.participants).toBe(3);
    expect(cloud.results[activityId]).toEqual({
      kind: 'cloud',
      total: 3,
      words: [
        { key: 'confiance', label: 'Confiance', count: 2 },
        { key: 'ecoute', label: 'Écoute', count: 1 },
      ],
    });

    // The same submission again (a phone that did not get its ack): acknowledged, stored once.
    const first = people[0]!;
    first.phone.clear();
    first.phone.send({ v: 1, type: 'submit', key: 'k-ines-0001', activityId, input: { kind: 'keyword', text: 'Confiance' } });
    const again = await first.phone.next<Extract<ServerMessage, { type: 'ack' }>>((m) => m.type === 'ack');
    expect(again).toMatchObject({ seq: first.ack.seq, duplicate: true });
    const stored = await t.store.db
      .selectFrom('live_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_id', '=', roomId)
      .where('type', '=', 'keyword.submitted')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(3);

    // Reconnection: up to date → `synced`; behind → a fresh view with what they sent.
    const back = await connect(t.app, code, { role: 'participant', token: first.token, since: cloud.seq });
    expect((await back.next((m) => m.type === 'synced' || m.type === 'welcome')).type).toBe('synced');
    const behind = await connect(t.app, code, { role: 'participant', token: first.token, since: 1 });
    const view = await behind.next<Extract<ServerMessage, { type: 'welcome' }>>((m) => m.type === 'welcome');
    expect(view.me?.submitted).toEqual({ keyword: 'Confiance' });
    expect(view.me?.name).toBe('Inès');

    // Moderation: merge and hide, then the CSV export read back by an independent parser.
    expect(
      (await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/merge`, { from: 'écoute', into: 'Confiance' })).status,
    ).toBe(200);
    const merged = await projector.next<Results>(
      (m) =>
        m.type === 'results' &&
        (m.results[activityId] as { total: number } | undefined)?.total === 3 &&
        (m.results[activityId] as unknown as { words: unknown[] }).words.length === 1,
    );
    expect(merged.results[activityId]).toMatchObject({ words: [{ key: 'confiance', count: 3 }] });
    const csv = await f.call('GET', `/api/live/rooms/${roomId}/activities/${activityId}/keywords.csv`);
    expect(csv.res.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.res.body.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toEqual([{ Mot: 'Confiance', Occurrences: '3', Masqué: 'non' }]);

    for (const p of people) p.phone.ws.close();
    projector.ws.close();
  });

  it('forms groups for the mise en route and tells each phone its group, colour and place', async () => {
    const f = await facilitatorOn(t, territoryId);
    const { id: roomId, code } = (await f.call('POST', '/api/live/rooms', { title: 'Mise en route', territoryId })).body as {
      id: string;
      code: string;
    };
    const activityId = (
      (await f.call('POST', `/api/live/rooms/${roomId}/activities`, { kind: 'icebreaker', prompt: 'Par groupes de 3' })).body as {
        id: string;
      }
    ).id;
    const kinds = ['association', 'caf', 'collectivite'];
    const phones: Probe[] = [];
    for (let i = 0; i < 6; i++) {
      const joined = await joinAs(t, code, `Personne ${i + 1}`, kinds[i % 3] as string);
      const phone = await connect(t.app, code, { role: 'participant', token: joined.body.token });
      await phone.next((m) => m.type === 'welcome');
      phones.push(phone);
    }
    const res = await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/groups`, {
      size: 3,
      places: ['Près de la fenêtre', 'Près du buffet'],
    });
    expect(res.status).toBe(200);
    const groups = await Promise.all(
      phones.map((p) => p.next<Extract<ServerMessage, { type: 'me' }>>((m) => m.type === 'me' && m.me.group !== null)),
    );
    const numbers = groups.map((g) => g.me.group?.number);
    expect(numbers.filter((n) => n === 1)).toHaveLength(3);
    expect(numbers.filter((n) => n === 2)).toHaveLength(3);
    expect(groups.map((g) => g.me.group?.place).sort()).toEqual(
      [...Array(3).fill('Près de la fenêtre'), ...Array(3).fill('Près du buffet')].sort(),
    );
    expect(groups[0]?.me.group?.colour.hex).toMatch(/^#[0-9a-f]{6}$/);
    for (const p of phones) p.ws.close();
  });

  it('refuses what roles and tokens do not allow, and limits messages per connection', async () => {
    const f = await facilitatorOn(t, territoryId);
    const member = await facilitatorOn(t, territoryId, 'member');
    expect((await member.call('POST', '/api/live/rooms', { title: 'Non', territoryId })).status).toBe(403);
    const { id: roomId, code } = (await f.call('POST', '/api/live/rooms', { title: 'Limites', territoryId })).body as {
      id: string;
      code: string;
    };
    expect((await member.call('GET', `/api/live/rooms/${roomId}`)).status).toBe(403);
    expect((await f.call('GET', `/api/live/rooms/${roomId}`)).status).toBe(200);

    const stranger = await connect(t.app, code, { role: 'participant', token: 'x'.repeat(32) });
    expect(await stranger.next((m) => m.type === 'error')).toMatchObject({ code: 'unknown_participant' });
    const fakeFacilitator = await connect(t.app, code, { role: 'facilitator' }, { cookie: member.cookie });
    expect(await fakeFacilitator.next((m) => m.type === 'error')).toMatchObject({ code: 'forbidden' });
    const realFacilitator = await connect(t.app, code, { role: 'facilitator' }, { cookie: f.cookie });
    expect(await realFacilitator.next((m) => m.type === 'welcome')).toMatchObject({ role: 'facilitator' });

    const joined = await joinAs(t, code, 'Rapide');
    const phone = await connect(t.app, code, { role: 'participant', token: joined.body.token });
    await phone.next((m) => m.type === 'welcome');
    for (let i = 0; i < 40; i++) phone.send({ v: 1, type: 'ping', t: i });
    await phone.next((m) => m.type === 'reject' && m.code === 'rate_limited');
    const pongs = phone.frames.filter((m) => m.type === 'pong').length;
    expect(pongs).toBeGreaterThanOrEqual(19);
    expect(pongs).toBeLessThan(40);
    phone.send({ v: 2, type: 'ping', t: 0 });
    realFacilitator.ws.close();
    phone.ws.close();
  });

  it('answers a malformed join code 400 and a wrong one 404; a right one still joins (limits: limits.test.ts)', async () => {
    const f = await facilitatorOn(t, territoryId);
    const { code } = (await f.call('POST', '/api/live/rooms', { title: 'Codes', territoryId })).body as { code: string };
    const invalid = await joinAs(t, '12', 'X');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('params.code');
    const wrong = await joinAs(t, 'ZZZZZZ', 'Devin');
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('live_room_not_found');
    expect((await joinAs(t, code, 'Honnête')).status).toBe(201);
  });

  it('serves the join QR code as SVG', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/live/join/ABC234/qr.svg', headers: { host: 'salle.exemple.fr' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two servers on one PostgreSQL', () => {
  it('a phone on one server and the projector on the other see the same room (LISTEN/NOTIFY)', async () => {
    const a = await createTestApp('postgres');
    const name = (await a.store.pool.query('select current_database() as name')).rows[0].name as string;
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${name}`;
    const storeB = await openStore({ kind: 'postgres', databaseUrl: url.toString(), poolSize: 4 });
    const appB = await buildApp({ ...a.deps, store: storeB }, { logger: false });
    await appB.ready();
    try {
      const territoryId = await newTerritory(a.store);
      const f = await facilitatorOn(a, territoryId);
      const { id: roomId, code } = (await f.call('POST', '/api/live/rooms', { title: 'Deux serveurs', territoryId })).body as {
        id: string;
        code: string;
      };
      const activityId = (
        (await f.call('POST', `/api/live/rooms/${roomId}/activities`, { kind: 'keyword', prompt: 'Un mot' })).body as { id: string }
      ).id;
      await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/start`);
      const projectorOnB = await connect(appB, code, { role: 'projector' });
      await projectorOnB.next((m) => m.type === 'welcome');
      const joined = await joinAs(a, code, 'Lou', null, appB);
      const phoneOnA = await connect(a.app, code, { role: 'participant', token: joined.body.token });
      await phoneOnA.next((m) => m.type === 'welcome');
      phoneOnA.send({ v: 1, type: 'submit', key: 'deux-serveurs-1', activityId, input: { kind: 'keyword', text: 'Réciprocité' } });
      const ack = await phoneOnA.next<Extract<ServerMessage, { type: 'ack' }>>((m) => m.type === 'ack');
      const seen = await projectorOnB.next<Results>((m) => m.type === 'results' && m.seq >= ack.seq);
      expect(seen.results[activityId]).toMatchObject({ words: [{ key: 'reciprocite', label: 'Réciprocité', count: 1 }] });
      // And the facilitator acting on A moves the projector on B to the next activity.
      const poll = (
        (
          await f.call('POST', `/api/live/rooms/${roomId}/activities`, {
            kind: 'poll',
            pollKind: 'continuum',
            prompt: 'Où en sommes-nous ?',
          })
        ).body as { id: string }
      ).id;
      await f.call('POST', `/api/live/rooms/${roomId}/activities/${poll}/start`);
      const room = await projectorOnB.next<Extract<ServerMessage, { type: 'room' }>>(
        (m) => m.type === 'room' && m.room.activity?.id === poll,
      );
      expect(room.room.activity?.options).toHaveLength(7);
      phoneOnA.ws.close();
      projectorOnB.ws.close();
    } finally {
      await appB.close();
      await storeB.close();
      await a.close();
    }
  });
});
