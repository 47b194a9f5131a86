import { type Actor, anonymous, rules, type SessionRecord } from '@maillage/core';
import { accountsRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from './app';
import type { AuthzCase, AuthzWorld, RoleKey } from './http/authz-fixtures';
import { buildAuthzWorld, foreignWorld } from './http/authz-world';
import { allAuthzFixtures } from './http/authz-fixtures-all';
import { Problem } from './http/problem';
import { idFieldsOf } from './http/ref-fields';
import { authorizeRequest, type RefDecl, type RefPath, valuesAt } from './http/refs';
import type { RouteSpec } from './http/route';
import { CSRF_COOKIE, SESSION_COOKIE, tokens } from './http/session';
import { createTestApp, type TestApp } from './testing';

const roleKeys: readonly RoleKey[] = ['anonymous', 'admin', 'coordinator', 'facilitator', 'member', 'reviewer', 'outsider'];
const keyOf = (spec: RouteSpec) => `${spec.method} ${spec.url}`;

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

/** Deep copy of a case with the foreign ids put at `path`: added to a list, or in place of a single id. */
function withForeign(c: AuthzCase, path: RefPath, foreign: AuthzCase): AuthzCase {
  const copy = structuredClone({ params: c.params ?? {}, query: c.query ?? {}, body: c.body ?? {} }) as Record<string, unknown>;
  const from = { params: foreign.params ?? {}, query: foreign.query ?? {}, body: foreign.body ?? {} } as Record<string, unknown>;
  const put = (target: Record<string, unknown>, source: Record<string, unknown>, segments: readonly string[]): void => {
    const [head, ...rest] = segments as [string, ...string[]];
    if (head.endsWith('[]')) {
      const key = head.slice(0, -2);
      const sourceList = source[key] as Record<string, unknown>[];
      const list = Array.isArray(target[key]) && (target[key] as unknown[]).length ? (target[key] as Record<string, unknown>[]) : undefined;
      // Into the first element of the case's own list, or the foreign list's first element as it is.
      if (list) put(list[0] as Record<string, unknown>, sourceList[0] as Record<string, unknown>, rest);
      else target[key] = [structuredClone(sourceList[0])];
      return;
    }
    if (rest.length) {
      target[head] ??= {};
      put(target[head] as Record<string, unknown>, source[head] as Record<string, unknown>, rest);
      return;
    }
    const value = source[head];
    target[head] = Array.isArray(value) && Array.isArray(target[head]) ? [...(target[head] as unknown[]), ...value] : value;
  };
  const [where, ...rest] = path.split('.');
  put(copy[where as string] as Record<string, unknown>, from[where as string] as Record<string, unknown>, rest);
  return copy as AuthzCase;
}

const scopedRefs = (spec: RouteSpec): RefDecl[] => (spec.refs ?? []).filter((r) => !('unscoped' in r));

function urlOf(spec: RouteSpec, c: AuthzCase): string {
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
  /** What the policy says of this request: the route's context and every id it names. */
  async function decide(actor: Actor, spec: RouteSpec, input: object): Promise<boolean> {
    try {
      await authorizeRequest(actor, spec, input, t.deps);
      return true;
    } catch (error) {
      if (error instanceof Problem && [spec.refusal ?? 'forbidden', 'unauthenticated'].includes(error.code)) return false;
      throw error;
    }
  }
  const parseCase = (spec: RouteSpec, c: AuthzCase) => ({
    params: spec.params ? spec.params.parse(c.params ?? {}) : undefined,
    query: spec.query ? spec.query.parse(c.query ?? {}) : undefined,
    body: spec.body ? spec.body.parse(c.body ?? {}) : undefined,
  });
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
    const input = parseCase(spec, c);
    const { cookie, csrf, actor } = await sessionFor(role);
    // Decided before the request: a call may delete what the context reads.
    const allowed = await decide(actor, spec, input);
    const client = t.client();
    const res = await client.request(spec.method, urlOf(spec, c), spec.body ? (c.body ?? {}) : undefined, {
      cookie,
      ...(spec.method === 'GET' ? {} : { 'x-csrf-token': csrf }),
    });
    const said = `${key} as ${role}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
    if (!allowed) {
      expect(res.status, said).toBe(role === 'anonymous' ? 401 : 403);
      expect(res.body?.code, said).toBe(role === 'anonymous' ? 'unauthenticated' : (spec.refusal ?? 'forbidden'));
    } else {
      expect([401, 403], `allowed by the policy but refused — ${said}`).not.toContain(res.status);
      expect(res.status, `allowed, but the fixture's request failed — ${said}`).toBeLessThan(500);
    }
  });

  it('declares every id a route names (path, query, body), and only those', () => {
    const undeclared = allRoutes.flatMap((spec) => {
      const declared = new Set((spec.refs ?? []).map((r) => r.at));
      return idFieldsOf(spec)
        .filter((f) => !declared.has(f))
        .map((f) => `${keyOf(spec)} ${f}`);
    });
    expect(undeclared, 'ids named by a route without a declaration in its refs').toEqual([]);
    const stale = allRoutes.flatMap((spec) => {
      const fields = new Set<string>(idFieldsOf(spec));
      return (spec.refs ?? []).filter((r) => !fields.has(r.at)).map((r) => `${keyOf(spec)} ${r.at}`);
    });
    expect(stale, 'refs naming no field of the route').toEqual([]);
  });

  // For every id a route authorises (all but the `unscoped` ones), the same request with the
  // object of the other territory in its place (added to a list, or instead of the single id)
  // is refused, for a coordinator and for the least privileged role the request is allowed to.
  const foreignCases = allRoutes
    .filter((spec) => allAuthzFixtures[keyOf(spec)])
    .flatMap((spec) => scopedRefs(spec).map((ref) => [keyOf(spec), ref.at, spec, ref] as const));

  it('covers every scoped id of every route', () => {
    // The count of cases, said in the closing note of the security issue.
    expect(foreignCases.length).toBeGreaterThan(60);
  });

  it.each(foreignCases)('%s with a foreign %s is refused', async (key, at, spec, ref) => {
    const fixture = allAuthzFixtures[key]!;
    const home = await fixture(world);
    const foreign = await fixture(foreignWorld(world));
    const foreignIds = valuesAt({ params: foreign.params, query: foreign.query, body: foreign.body }, at);
    expect(foreignIds.length, `the fixture of ${key} must name an id at ${at}`).toBeGreaterThan(0);
    const mutated = withForeign(home, at, foreign);
    const candidates: RoleKey[][] = [['coordinator'], ['member', 'facilitator', 'reviewer', 'anonymous']];
    let tried = 0;
    for (const group of candidates) {
      for (const role of group) {
        const { cookie, csrf, actor } = await sessionFor(role);
        if (!(await decide(actor, spec, parseCase(spec, home)))) continue;
        tried++;
        const res = await t.client().request(spec.method, urlOf(spec, mutated), spec.body ? mutated.body : undefined, {
          cookie,
          ...(spec.method === 'GET' ? {} : { 'x-csrf-token': csrf }),
        });
        const said = `${key} as ${role} with a foreign ${at}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
        if ('kind' in ref) expect([401, 403, 404], said).toContain(res.status);
        else if (res.status < 300) {
          // Checked by the handler or the store, which may also leave the foreign object out
          // (a registration keeps the typed name, unlinked): then it is nowhere in the answer.
          for (const id of foreignIds) expect(JSON.stringify(res.body), said).not.toContain(id);
        } else {
          expect(res.status, said).toBeGreaterThanOrEqual(400);
          expect(res.status, said).toBeLessThan(500);
          // A validation error counts when it is about this very field, not the request's shape.
          if (res.body?.code === 'validation') {
            const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field.replace(/\.\d+/g, ''));
            expect(fields, said).toContain(at.replace(/\[\]/g, ''));
          }
        }
        break;
      }
    }
    // Routes only administrators may call have no one else to try.
    if (tried === 0) expect(spec.action, `${key}: no role but administrators may call it`).toMatch(/^(users\.manage)$/);
  });
});
