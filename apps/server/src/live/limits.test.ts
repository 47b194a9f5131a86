import { JOIN_CODE_ALPHABET, type ServerMessage } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, tokens } from '../http/session';
import { createTestApp, type TestApp } from '../testing';
import { JOIN_PER_ADDRESS, JOIN_PER_PREFIX } from './join-guard';
import { facilitatorOn, newTerritory, Probe, type Ws } from './test-kit';

/**
 * Limits that fit a venue: every phone of a cooperation day shares the venue's public address.
 * The app trusts one proxy hop (TRUST_PROXY=1), so each request says its client's address in
 * X-Forwarded-For as a proxy would; the greeting timer is fired by hand (no waiting).
 */
describe('live limits at a venue sharing one address', () => {
  let t: TestApp;
  let territoryId: string;
  let f: Awaited<ReturnType<typeof facilitatorOn>>;
  const pending = new Set<() => void>();
  /** Fires every greeting timeout scheduled and not cancelled yet. */
  const fireGreetingTimeouts = () => {
    for (const fn of [...pending]) {
      pending.delete(fn);
      fn();
    }
  };

  beforeAll(async () => {
    t = await createTestApp(
      'pglite',
      { TRUST_PROXY: '1', LIVE_MAX_SOCKETS_PER_ADDRESS: '5' },
      {
        live: {
          schedule: (fn) => {
            const entry = () => fn();
            pending.add(entry);
            return () => pending.delete(entry);
          },
        },
      },
    );
    territoryId = await newTerritory(t.store);
    f = await facilitatorOn(t, territoryId);
  });
  afterAll(async () => {
    await t?.close();
  });

  const openRoom = async (title: string) => {
    const created = await f.call('POST', '/api/live/rooms', { title, territoryId });
    expect(created.status).toBe(201);
    return created.body as { id: string; code: string };
  };

  /** A phone joining by REST from `address` (behind the proxy, which appends it to X-Forwarded-For). */
  const joinFrom = async (address: string, code: string, name = 'Inès', forwardedFor = address) => {
    const csrf = tokens.random();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/live/join/${code}`,
      headers: {
        cookie: `${CSRF_COOKIE}=${csrf}`,
        'x-csrf-token': csrf,
        'content-type': 'application/json',
        'x-forwarded-for': forwardedFor,
      },
      payload: JSON.stringify({ name }),
    });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };

  /** A WebSocket from `address`, greeting with `hello` unless it is null. */
  const socketFrom = async (address: string, code: string, hello: Record<string, unknown> | null, cookie?: string) => {
    const ws = (await t.app.injectWS(`/ws/live/${code}`, {
      headers: { 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) },
      socket: { remoteAddress: '127.0.0.1' },
    } as never)) as unknown as Ws & { on(event: 'close', listener: (code: number) => void): void };
    const closed = new Promise<number>((resolve) => ws.on('close', resolve));
    const probe = new Probe(ws);
    if (hello) probe.send({ v: 1, ...hello, type: 'hello' });
    return { probe, ws, closed };
  };

  const greeted = (p: Probe) => p.next<ServerMessage>((m) => m.type === 'welcome' || m.type === 'error');

  /** `n` codes that are no room's, starting with `prefix` (or spread over many prefixes). */
  const wrongCodes = (n: number, prefix?: string) =>
    Array.from({ length: n }, (_, i) => {
      const a = JOIN_CODE_ALPHABET;
      const head = prefix ?? `${a[i % a.length]}${a[Math.floor(i / a.length) % a.length]}`;
      return `${head}${a[(i * 7) % a.length]}${a[(i * 11) % a.length]}`.padEnd(6, 'Z').slice(0, 6);
    });

  it('25 wrong codes from the venue: the phones, the projector and the console of its room still connect, and a new phone joins', async () => {
    const venue = '203.0.113.10';
    const room = await openRoom('Journée du Moulin');
    const first = await joinFrom(venue, room.code, 'Inès');
    expect(first.status).toBe(201);

    // Someone on the venue's wifi types 25 wrong codes, all near the room's code (same prefix).
    const statuses: number[] = [];
    for (const code of wrongCodes(25, room.code.slice(0, 2))) {
      if (code === room.code) continue;
      statuses.push((await joinFrom(venue, code, 'Devin')).status);
    }
    expect(statuses.slice(0, JOIN_PER_PREFIX.free)).toEqual(Array(JOIN_PER_PREFIX.free).fill(404));
    expect(statuses.at(-1)).toBe(429); // the guesser is slowed down…

    // …the venue is not: a phone reconnecting with its token, the projector, the console, a new phone.
    const phone = await socketFrom(venue, room.code, { role: 'participant', token: first.body.token });
    expect(await greeted(phone.probe)).toMatchObject({ type: 'welcome', role: 'participant' });
    const projector = await socketFrom(venue, room.code, { role: 'projector' });
    expect(await greeted(projector.probe)).toMatchObject({ type: 'welcome', role: 'projector' });
    const console = await socketFrom(venue, room.code, { role: 'facilitator' }, f.cookie);
    expect(await greeted(console.probe)).toMatchObject({ type: 'welcome', role: 'facilitator' });
    const newcomer = await joinFrom(venue, room.code.toLowerCase(), 'Malo');
    expect(newcomer.status).toBe(201);

    // A second room whose code was never used at the venue: while its prefix is being guessed, a
    // phone typing it waits like the guesser (nothing tells them apart)… until the console connects.
    const other = await openRoom('Atelier B');
    for (const code of wrongCodes(JOIN_PER_PREFIX.free + 1, other.code.slice(0, 2))) {
      if (code !== other.code) await joinFrom(venue, code, 'Devin');
    }
    const early = await joinFrom(venue, other.code, 'Yanis');
    expect(early.status).toBe(429);
    expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const otherConsole = await socketFrom(venue, other.code, { role: 'facilitator' }, f.cookie);
    expect(await greeted(otherConsole.probe)).toMatchObject({ type: 'welcome' });
    expect((await joinFrom(venue, other.code, 'Yanis')).status).toBe(201);

    for (const s of [phone, projector, console, otherConsole]) s.ws.close();
  });

  it('slows a guesser per address and code prefix (429 with Retry-After), and per address when it spreads', async () => {
    const guesser = '198.51.100.20';
    const codes = wrongCodes(JOIN_PER_PREFIX.free + 2, 'ZZ');
    for (const code of codes.slice(0, JOIN_PER_PREFIX.free)) expect((await joinFrom(guesser, code)).status).toBe(404);
    const slowed = await joinFrom(guesser, codes[JOIN_PER_PREFIX.free] as string);
    expect(slowed.status).toBe(429);
    expect(slowed.body.code).toBe('live_rate_limited');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another prefix from the same address, or the same prefix from another address, goes on.
    expect((await joinFrom(guesser, 'YYYYYY')).status).toBe(404);
    expect((await joinFrom('198.51.100.21', codes[0] as string)).status).toBe(404);

    // Greetings with only a code count the same way.
    const prober = '198.51.100.22';
    for (const code of wrongCodes(JOIN_PER_PREFIX.free, 'XX')) {
      const s = await socketFrom(prober, code, { role: 'projector' });
      expect(await greeted(s.probe)).toMatchObject({ type: 'error', code: 'room_not_found' });
    }
    const probed = await socketFrom(prober, 'XXWXWX', { role: 'projector' });
    expect(await greeted(probed.probe)).toMatchObject({ type: 'error', code: 'rate_limited' });

    // Spread over every prefix, the looser count per address slows it down too.
    const sprayer = '198.51.100.23';
    let answered = 0;
    for (const code of wrongCodes(JOIN_PER_ADDRESS.free + 5)) {
      const res = await joinFrom(sprayer, code);
      if (res.status === 429) break;
      expect(res.status).toBe(404);
      answered++;
    }
    expect(answered).toBeGreaterThanOrEqual(JOIN_PER_ADDRESS.free);
    expect(answered).toBeLessThan(JOIN_PER_ADDRESS.free + 5);
  });

  it('TRUST_PROXY=1: a client varying the leftmost X-Forwarded-For address is still counted as one address', async () => {
    const real = '192.0.2.77';
    const statuses: number[] = [];
    for (const [i, code] of wrongCodes(JOIN_PER_PREFIX.free + 3, 'WW').entries()) {
      // The client writes any address it likes; the proxy appends the one it saw.
      const res = await joinFrom(real, code, 'Devin', `10.${i}.${i}.${i}, ${real}`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, JOIN_PER_PREFIX.free)).toEqual(Array(JOIN_PER_PREFIX.free).fill(404));
    expect(statuses.slice(JOIN_PER_PREFIX.free)).toEqual([429, 429, 429]);
  });

  it('closes a socket that never greets, and keeps the ones that did', async () => {
    const room = await openRoom('Salle des salutations');
    fireGreetingTimeouts(); // earlier tests' sockets greeted or closed
    const silent = await socketFrom('203.0.113.30', room.code, null);
    const polite = await socketFrom('203.0.113.30', room.code, { role: 'projector' });
    await greeted(polite.probe);
    fireGreetingTimeouts();
    expect(await silent.closed).toBe(4408);
    polite.probe.send({ v: 1, type: 'ping', t: 1 });
    expect(await polite.probe.next((m) => m.type === 'pong')).toMatchObject({ t: 1 });
    polite.ws.close();
  });

  it('caps the open sockets per address (LIVE_MAX_SOCKETS_PER_ADDRESS), other addresses unaffected', async () => {
    const room = await openRoom('Salle pleine');
    fireGreetingTimeouts();
    const crowd = await Promise.all(Array.from({ length: 4 }, () => socketFrom('203.0.113.40', room.code, { role: 'projector' })));
    for (const s of crowd) await greeted(s.probe);
    const silent = await socketFrom('203.0.113.40', room.code, null);
    const sixth = await socketFrom('203.0.113.40', room.code, { role: 'projector' });
    expect(await sixth.closed).toBe(1013);
    expect(sixth.probe.frames).toEqual([]); // no error frame: the client retries with its backoff
    const elsewhere = await socketFrom('203.0.113.41', room.code, { role: 'projector' });
    expect(await greeted(elsewhere.probe)).toMatchObject({ type: 'welcome' });
    // The silent one is closed by its greeting timeout: there is room again.
    fireGreetingTimeouts();
    expect(await silent.closed).toBe(4408);
    const again = await socketFrom('203.0.113.40', room.code, { role: 'projector' });
    expect(await greeted(again.probe)).toMatchObject({ type: 'welcome' });
    for (const s of [...crowd, elsewhere, again]) s.ws.close();
  });

  it('refuses the projector of a closed room, and stops serving the one watching when it closes', async () => {
    const room = await openRoom('Salle close');
    const before = await socketFrom('203.0.113.50', room.code, { role: 'projector' });
    expect(await greeted(before.probe)).toMatchObject({ type: 'welcome' });
    expect((await f.call('POST', `/api/live/rooms/${room.id}/close`)).status).toBe(200);
    // The projector watching gets the closed room's last view, then is refused and closed.
    expect(await before.probe.next((m) => m.type === 'room' && m.room.closed === true)).toBeTruthy();
    expect(await before.probe.next((m) => m.type === 'error')).toMatchObject({ code: 'room_closed' });
    expect(await before.closed).toBe(4410);
    const projector = await socketFrom('203.0.113.50', room.code, { role: 'projector' });
    expect(await greeted(projector.probe)).toMatchObject({ type: 'error', code: 'room_closed' });
    expect(await projector.closed).toBe(4410);
  });

  it('sends Strict-Transport-Security over HTTPS (X-Forwarded-Proto from the trusted proxy), not over HTTP', async () => {
    const https = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const http = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('TRUST_PROXY as a list of proxy addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('believes X-Forwarded-Proto and X-Forwarded-For only from a listed proxy', async () => {
    const viaProxy = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: '10.1.2.3',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const direct = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: '192.0.2.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(direct.headers['strict-transport-security']).toBeUndefined();

    // A client varying X-Forwarded-For directly (not through the proxy) is counted by its own address.
    const csrf = tokens.random();
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_PER_PREFIX.free + 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/live/join/VV${JOIN_CODE_ALPHABET.slice(i, i + 4)}`,
        remoteAddress: '192.0.2.9',
        headers: {
          cookie: `${CSRF_COOKIE}=${csrf}`,
          'x-csrf-token': csrf,
          'content-type': 'application/json',
          'x-forwarded-for': `172.16.0.${i}`,
        },
        payload: JSON.stringify({ name: 'Devin' }),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(JOIN_PER_PREFIX.free)).toEqual([429, 429]);
  });
});
