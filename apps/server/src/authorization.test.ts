import { type Actor, anonymous, can, rules, type SessionRecord } from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from './app';
import type { AuthzCase, AuthzWorld, RoleKey } from './http/authz-fixtures';
import { buildAuthzWorld } from './http/authz-world';
import { allAuthzFixtures } from './http/authz-fixtures-all';
import type { RouteSpec } from './http/route';
import { CSRF_COOKIE, SESSION_COOKIE, tokens } from './http/session';
import { createTestApp, type TestApp } from './testing';

const roleKeys: readonly RoleKey[] = ['anonymous', 'admin', 'coordinator', 'facilitator', 'member', 'reviewer', 'outsider'];
const keyOf = (spec: RouteSpec<any, any, any, any>) => `${spec.method} ${spec.url}`;

interface RoleSession {
  readonly cookie: string;
  readonly csrf: string;
  readonly actor: Actor;
}

function actorOf(session: SessionRecord): Actor {
  return {
    kind: 'user',
    userId: session.user.id,
    isAdmin: session.user.isAdmin,
    grants: session.grants.map((g) => ({ role: g.role, territoryId: g.territoryId, title: g.title, scope: new Set(g.scope) })),
  };
}

function urlOf(spec: RouteSpec<any, any, any, any>, c: AuthzCase): string {
  const path = spec.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = c.params?.[name];
    if (value === undefined) throw new Error(`fixture of ${keyOf(spec)} lacks params.${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(c.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

describe.each(availableTestStores())('authorization matrix on %s', (kind) => {
  let t: TestApp;
  let world: AuthzWorld;
  // One session per role (made in SQL: no password check), made again only when a call ended
  // it (logout). The actor is read afresh each time: a fixture may add territories to a scope.
  const tokensByRole = new Map<RoleKey, { token: string; csrf: string }>();
  async function sessionFor(role: RoleKey): Promise<RoleSession> {
    if (role === 'anonymous') {
      const csrf = tokens.random();
      return { cookie: `${CSRF_COOKIE}=${csrf}`, csrf, actor: anonymous };
    }
    const repo = accountsRepo(t.store.db);
    let known = tokensByRole.get(role);
    let session = known ? await repo.findSession(tokens.digest(known.token), new Date()) : undefined;
    if (!known || !session) {
      known = { token: tokens.random(), csrf: tokens.random() };
      const expiresAt = new Date(Date.now() + 3_600_000);
      await repo.createSession({ idHash: tokens.digest(known.token), userId: world.users[role].id, csrfToken: known.csrf, expiresAt });
      session = await repo.findSession(tokens.digest(known.token), new Date());
      if (!session) throw new Error(`no session for ${role}`);
      tokensByRole.set(role, known);
    }
    return { cookie: `${SESSION_COOKIE}=${known.token}; ${CSRF_COOKIE}=${known.csrf}`, csrf: known.csrf, actor: actorOf(session) };
  }
  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildAuthzWorld(t.store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has a fixture for every route and no stale fixture; every action is a policy rule', () => {
    const routeKeys = allRoutes.map(keyOf);
    expect(
      routeKeys.filter((k) => !allAuthzFixtures[k]),
      'routes without a fixture',
    ).toEqual([]);
    expect(
      Object.keys(allAuthzFixtures).filter((k) => !routeKeys.includes(k)),
      'fixtures without a route',
    ).toEqual([]);
    expect(allRoutes.filter((r) => !Object.hasOwn(rules, r.action)).map(keyOf), 'actions missing from rules').toEqual([]);
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
  });

  const cases = allRoutes
    .filter((spec) => allAuthzFixtures[keyOf(spec)])
    .flatMap((spec) => roleKeys.map((role) => [keyOf(spec), role, spec] as const));

  it.each(cases)('%s as %s answers as the policy decides', async (key, role, spec) => {
    const fixture = allAuthzFixtures[key]!;
    const c = await fixture(world);
    const input = {
      params: spec.params ? spec.params.parse(c.params ?? {}) : undefined,
      query: spec.query ? spec.query.parse(c.query ?? {}) : undefined,
      body: spec.body ? spec.body.parse(c.body ?? {}) : undefined,
    };
    const { cookie, csrf, actor } = await sessionFor(role);
    // Decided before the request: a call may delete what the context reads.
    const ctx = spec.context ? await spec.context(input, t.deps) : {};
    const allowed = can(actor, spec.action, ctx);
    const client = t.client();
    const res = await client.request(spec.method, urlOf(spec, c), spec.body ? (c.body ?? {}) : undefined, {
      cookie,
      ...(spec.method === 'GET' ? {} : { 'x-csrf-token': csrf }),
    });
    const said = `${key} as ${role}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
    if (!allowed) {
      expect(res.status, said).toBe(role === 'anonymous' ? 401 : 403);
      expect(res.body?.code, said).toBe(role === 'anonymous' ? 'unauthenticated' : 'forbidden');
    } else {
      expect([401, 403], `allowed by the policy but refused — ${said}`).not.toContain(res.status);
      expect(res.status, `allowed, but the fixture's request failed — ${said}`).toBeLessThan(500);
    }
  });
});
