import { accountsRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../app';
import type { AuthzCase, AuthzWorld } from './authz-fixtures';
import { allAuthzFixtures } from './authz-fixtures-all';
import { buildAuthzWorld } from './authz-world';
import type { RouteSpec } from './route';
import { CSRF_COOKIE, SESSION_COOKIE, tokens } from './session';
import { connect, facilitatorOn, joinAs, newTerritory } from '../live/test-kit';
import { createTestApp, type TestApp, type TestClient } from '../testing';

const NUL = '\u0000';
const keyOf = (spec: RouteSpec) => `${spec.method} ${spec.url}`;

function urlOf(spec: RouteSpec, c: AuthzCase): string {
  const path = spec.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(c.params?.[name] ?? ''));
  const query = new URLSearchParams(c.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

/** The body with a NUL put into its first string (or into a new `nul` field), and the path of that string. */
function withNul(body: unknown): { body: unknown; path: string[] } {
  const walk = (value: unknown, path: string[]): { value: unknown; path: string[] } | undefined => {
    if (typeof value === 'string') return { value: `${value}${NUL}`, path };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = walk(value[i], [...path, String(i)]);
        if (found) return { value: value.map((v, j) => (j === i ? found.value : v)), path: found.path };
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        const found = walk(v, [...path, k]);
        if (found) return { value: { ...value, [k]: found.value }, path: found.path };
      }
    }
    return undefined;
  };
  const found = walk(body, []);
  if (found) return { body: found.value, path: found.path };
  return { body: { ...(typeof body === 'object' && body !== null ? body : {}), nul: NUL }, path: ['nul'] };
}

describe.each(availableTestStores())('a NUL character (U+0000) in any input, on %s', (kind) => {
  let t: TestApp;
  let world: AuthzWorld;
  let headers: { cookie: string; 'x-csrf-token': string };
  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildAuthzWorld(t.store);
    // An administrator: every request would otherwise get through the policy and reach the store.
    const token = tokens.random();
    const csrf = tokens.random();
    await accountsRepo(t.store.db).createSession({
      idHash: tokens.digest(token),
      userId: world.users.admin.id,
      csrfToken: csrf,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    headers = { cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`, 'x-csrf-token': csrf };
  });
  afterAll(async () => {
    await t?.close();
  });

  async function send(spec: RouteSpec, c: AuthzCase, body: unknown) {
    return t.client().request(spec.method, urlOf(spec, c), body, headers);
  }

  function expectRefused(res: Awaited<ReturnType<TestClient['request']>>, field: string, said: string) {
    expect(res.status, said).toBe(400);
    expect(res.res.headers['content-type'], said).toContain('application/problem+json');
    expect(res.body?.code, said).toBe('validation');
    expect(res.body?.title, said).toMatch(/invalides/);
    expect(res.body?.errors, said).toEqual([{ field, message: expect.stringContaining('caractère nul') }]);
  }

  const routes = allRoutes.filter((spec) => allAuthzFixtures[keyOf(spec)]);

  it('every route has a fixture to build its request from', () => {
    expect(allRoutes.filter((spec) => !allAuthzFixtures[keyOf(spec)]).map(keyOf)).toEqual([]);
  });

  it.each(routes.filter((spec) => spec.url.includes(':')).map((spec) => [keyOf(spec), spec] as const))(
    '%s: a NUL in a path parameter is a 400 naming it',
    async (key, spec) => {
      const c = await allAuthzFixtures[key]!(world);
      const name = /:([A-Za-z0-9_]+)/.exec(spec.url)![1]!;
      const res = await send(
        spec,
        { ...c, params: { ...c.params, [name]: `${c.params?.[name] ?? ''}${NUL}` } },
        c.body ?? (spec.body ? {} : undefined),
      );
      expectRefused(res, `params.${name}`, `${key}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
    },
  );

  it.each(routes.map((spec) => [keyOf(spec), spec] as const))('%s: a NUL in the query string is a 400 naming it', async (key, spec) => {
    const c = await allAuthzFixtures[key]!(world);
    const name = Object.keys(c.query ?? {})[0] ?? 'q';
    const res = await send(
      spec,
      { ...c, query: { ...c.query, [name]: `${c.query?.[name] ?? ''}${NUL}` } },
      c.body ?? (spec.body ? {} : undefined),
    );
    expectRefused(res, `query.${name}`, `${key}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  });

  it.each(routes.filter((spec) => spec.method !== 'GET').map((spec) => [keyOf(spec), spec] as const))(
    '%s: a NUL in a body string is a 400 naming it',
    async (key, spec) => {
      const c = await allAuthzFixtures[key]!(world);
      const { body, path } = withNul(c.body ?? {});
      const res = await send(spec, c, body);
      expectRefused(res, ['body', ...path].join('.'), `${key}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
    },
  );

  it('names the field in the cases seen in production: an event, the public registration, joining a room, searches, the import', async () => {
    const spec = (key: string) => allRoutes.find((r) => keyOf(r) === key)!;
    const client = t.client();
    const get = (url: string) => client.request('GET', url, undefined, headers);
    expectRefused(await get('/api/events/%00'), 'params.id', 'GET /api/events/%00');
    expectRefused(await get('/api/territories?q=%00'), 'query.q', 'territory search');
    expectRefused(await get('/api/ecosystem/directory?q=Caf%C3%A9%00'), 'query.q', 'directory search');

    const registration = spec('POST /api/events/:id/registrations');
    const reg = await allAuthzFixtures[keyOf(registration)]!(world);
    const anonymous = t.client();
    await anonymous.get('/api/session');
    const regBody = { ...(reg.body as object), name: `Camille${NUL}` };
    expectRefused(await anonymous.request('POST', urlOf(registration, reg), regBody), 'body.name', 'public registration');

    const join = spec('POST /api/live/join/:code');
    const j = await allAuthzFixtures[keyOf(join)]!(world);
    const joinBody = withNul(j.body ?? {});
    expectRefused(
      await anonymous.request('POST', urlOf(join, j), joinBody.body),
      ['body', ...joinBody.path].join('.'),
      'joining a live room',
    );
    expectRefused(await anonymous.request('POST', '/api/live/join/%00', j.body ?? {}), 'params.code', 'joining a room by code');

    const confirm = spec('POST /api/ecosystem/import/confirm');
    const imp = await allAuthzFixtures[keyOf(confirm)]!(world);
    const impBody = { ...(imp.body as object), territoryId: `${world.territoryId}${NUL}` };
    expectRefused(await send(confirm, imp, impBody), 'body.territoryId', 'import confirmation');

    // A live message over the WebSocket: refused where it is parsed, with its French message; the
    // connection stays usable and nothing is stored.
    const territoryId = await newTerritory(t.store);
    const f = await facilitatorOn(t, territoryId);
    const room = (await f.call('POST', '/api/live/rooms', { title: 'Caractères', territoryId })).body as { id: string; code: string };
    const activityId = (
      (await f.call('POST', `/api/live/rooms/${room.id}/activities`, { kind: 'keyword', prompt: 'Un mot ?' })).body as { id: string }
    ).id;
    expect((await f.call('POST', `/api/live/rooms/${room.id}/activities/${activityId}/start`)).status).toBe(200);
    const joined = await joinAs(t, room.code, 'Inès', 'association');
    const phone = await connect(t.app, room.code, { role: 'participant', token: joined.body.token });
    await phone.next((m) => m.type === 'welcome');
    phone.send({ v: 1, type: 'submit', key: 'k-nul-00001', activityId, input: { kind: 'keyword', text: `Con${NUL}fiance` } });
    expect(await phone.next((m) => m.type === 'reject')).toMatchObject({
      code: 'forbidden_character',
      message: expect.stringContaining('caractère nul'),
    });
    phone.send({ v: 1, type: 'submit', key: 'k-nul-00002', activityId, input: { kind: 'keyword', text: 'Confiance' } });
    expect(await phone.next((m) => m.type === 'ack')).toMatchObject({ key: 'k-nul-00002', duplicate: false });
    phone.ws.close();

    // The WebSocket upgrade is a route too: its join code is checked by the same hook.
    const ws = await t.app.inject({ method: 'GET', url: '/ws/live/%00' });
    expect(ws.statusCode).toBe(400);
    expect(ws.json().errors).toEqual([{ field: 'params.code', message: expect.stringContaining('caractère nul') }]);
  });
});
