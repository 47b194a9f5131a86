import type { ServerMessage } from '@maillage/core';
import { accountsRepo, type Store } from '@maillage/db';
import { CSRF_COOKIE, SESSION_COOKIE, tokens } from '../http/session';
import type { TestApp } from '../testing';

/** A WebSocket client that records every frame, and waits for the one it wants. */
export interface Ws {
  send(data: string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
}

export class Probe {
  readonly frames: ServerMessage[] = [];
  private waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  constructor(readonly ws: Ws) {
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as ServerMessage;
      this.frames.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(m)) return true;
        w.resolve(m);
        return false;
      });
    });
  }
  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }
  /**
   * Resolves with the first frame (already received or to come) that passes `test`. The timeout
   * only ends a wait for a frame that will never come (it names the last frames): it is long enough
   * not to fail a slow run on a loaded machine.
   */
  next<T extends ServerMessage>(test: (m: ServerMessage) => boolean, timeoutMs = 30_000): Promise<T> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      });
    });
  }
  clear() {
    this.frames.length = 0;
  }
}

export type Results = Extract<ServerMessage, { type: 'results' }>;

export async function facilitatorOn(t: TestApp, territoryId: string, role: 'facilitator' | 'member' = 'facilitator') {
  const repo = accountsRepo(t.store.db);
  const user = await repo.createUser({
    email: `${role}-${crypto.randomUUID()}@exemple.fr`,
    displayName: 'Awa Animatrice',
    passwordHash: 'x',
    isAdmin: false,
  });
  await t.store.db.insertInto('role_assignments').values({ user_id: user.id, role, territory_id: territoryId }).execute();
  const token = tokens.random();
  const csrf = tokens.random();
  await repo.createSession({ idHash: tokens.digest(token), userId: user.id, csrfToken: csrf, expiresAt: new Date(Date.now() + 3_600_000) });
  const cookie = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`;
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, app = t.app) => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body, res };
  };
  return { cookie, call };
}

/** A participant joins by REST (anonymous, CSRF double-submit cookie) and returns its token. */
export async function joinAs(t: TestApp, code: string, name: string, organisationKind: string | null = null, app = t.app) {
  const csrf = tokens.random();
  const res = await app.inject({
    method: 'POST',
    url: `/api/live/join/${code}`,
    headers: { cookie: `${CSRF_COOKIE}=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    payload: JSON.stringify({ name, organisationKind }),
  });
  return { status: res.statusCode, body: res.json() };
}

export async function connect(app: TestApp['app'], code: string, hello: Record<string, unknown>, headers: Record<string, string> = {}) {
  const ws = (await app.injectWS(`/ws/live/${code}`, { headers } as never)) as unknown as Ws;
  const probe = new Probe(ws);
  probe.send({ v: 1, ...hello, type: 'hello' });
  return probe;
}

export async function newTerritory(store: Store): Promise<string> {
  const row = await store.db
    .insertInto('territories')
    .values({ kind: 'quartier', name: 'Quartier du Moulin', slug: `moulin-${crypto.randomUUID().slice(0, 8)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
