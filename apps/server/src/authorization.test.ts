import { type Actor, anonymous, can, rules } from '@maillage/core';
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

/** A fresh session for the role (no password check: fast), and the actor the server will see. */
async function sessionFor(t: TestApp, world: AuthzWorld, role: RoleKey): Promise<{ cookie: string; csrf: string; actor: Actor }> {
  const csrf = tokens.random();
  if (role === 'anonymous') return { cookie: `${CSRF_COOKIE}=${csrf}`, csrf, actor: anonymous };
  const repo = accountsRepo(t.store.db);
  const token = tokens.random();
  await repo.createSession({
    idHash: tokens.digest(token),
    userId: world.users[role].id,
    csrfToken: csrf,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const session = await repo.findSession(tokens.digest(token), new Date());
  if (!session) throw new Error(`no session for ${role}`);
  const actor: Actor = {
    kind: 'user',
    userId: session.user.id,
    isAdmin: session.user.isAdmin,
    grants: session.grants.map((g) => ({ role: g.role, territoryId: g.territoryId, title: g.title, scope: new Set(g.scope) })),
  };
  return { cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`, csrf, actor };
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
    const { cookie, csrf, actor } = await sessionFor(t, world, role);
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
