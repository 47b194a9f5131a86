import type { Store, StoreKind } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type BuildOptions, buildApp } from './app';
import { readConfig } from './config';
import type { AppDeps } from './deps';
import type { AuthzWorld } from './http/authz-fixtures';
import { buildAuthzWorld } from './http/authz-world';
import { createMailer } from './system/mailer';

/** A cookie jar and CSRF token: one browser talking to the in-process app. */
/**
 * An answer's JSON as a test reads it: any field may be read and is then checked by `expect`;
 * the answer itself was already checked against its route's response schema (`checkResponses`).
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of an answer its response schema already checked
export type AnswerBody = any;

export class TestClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    this.remember(res);
    const json = res.headers['content-type']?.toString().includes('json') && res.body ? res.json() : undefined;
    if (json && typeof json === 'object' && 'csrfToken' in json) this.csrf = (json as { csrfToken: string }).csrfToken;
    return { status: res.statusCode, body: json as AnswerBody, res };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  /** Fetches the CSRF token, then logs in. */
  async login(email: string, password: string) {
    await this.get('/api/session');
    const res = await this.post('/api/session', { email, password });
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly deps: AppDeps;
  client(): TestClient;
  /** Moves the app's clock (`deps.now`, real time plus what was added) forward: no test sleeps to expire a cache. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/** The real app on a fresh store (PGlite, or PostgreSQL when asked), for in-process API tests. */
export async function createTestApp(kind: StoreKind = 'pglite', env: NodeJS.ProcessEnv = {}, options: BuildOptions = {}): Promise<TestApp> {
  const store = await openTestStore(kind);
  const config = readConfig({ LOG_LEVEL: 'silent', ...env });
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const deps: AppDeps = { config, store, mailer: createMailer(undefined, config.SMTP_FROM), now, version: 'test', checkResponses: true };
  const app = await buildApp(deps, { logger: false, ...options });
  await app.ready();
  return {
    app,
    store,
    deps,
    client: () => new TestClient(app),
    advanceClock(ms) {
      offsetMs += ms;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A test app with the authorisation world: its territories, one user per role, and logins as them. */
export interface TestWorld extends TestApp {
  readonly world: AuthzWorld;
  /** A new client, logged in as the world's user of that role. */
  loginAs(role: keyof AuthzWorld['users']): Promise<TestClient>;
}

/** The real app on a fresh store with the authorisation world built in it (`buildAuthzWorld`). */
export async function createTestWorld(kind: StoreKind = 'pglite'): Promise<TestWorld> {
  const t = await createTestApp(kind);
  const world = await buildAuthzWorld(t.store);
  return {
    ...t,
    world,
    async loginAs(role) {
      const client = t.client();
      await client.login(world.users[role].email, world.password);
      return client;
    },
  };
}
