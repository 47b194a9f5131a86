import { randomBytes } from 'node:crypto';
import { accountsRepo } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { LOGIN_PER_ACCOUNT } from '../accounts/rate-limit';
import { databaseUrlOf, HttpClient, type ServerProcess, startServerProcess, stopServerProcesses } from '../system/process-kit';

describe.skipIf(!process.env.TEST_DATABASE_URL)('rate limits across two server processes on one PostgreSQL', () => {
  it('a guesser alternating between two processes is held to one count of failed logins', { timeout: 180_000 }, async () => {
    const store = await openTestStore('postgres');
    const servers: ServerProcess[] = [];
    try {
      const email = `camille-${randomBytes(4).toString('hex')}@exemple.fr`;
      const password = 'un mot de passe bien long';
      await accountsRepo(store.db).createUser({
        email,
        displayName: 'Camille Martin',
        passwordHash: await argon2Hasher.hash(password),
        isAdmin: false,
      });
      const url = await databaseUrlOf(store);
      servers.push(...(await Promise.all([startServerProcess(url), startServerProcess(url)])));
      const clients = servers.map((s) => new HttpClient(s.url));
      for (const c of clients) await c.request('GET', '/api/session');

      // The free failures, spread over both processes: each alone has seen fewer than `free`.
      for (let i = 0; i < LOGIN_PER_ACCOUNT.free; i++) {
        const res = await clients[i % 2]?.request('POST', '/api/session', { email, password: `essai ${i}` });
        expect(res?.status).toBe(401);
      }
      // The next attempt waits, on either process, even with the right password.
      for (const c of clients) {
        const held = await c.request('POST', '/api/session', { email, password });
        expect(held.status).toBe(429);
        expect(held.body.code).toBe('rate_limited');
        expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      const rows = await store.db.selectFrom('rate_limits').select(['key', 'count']).execute();
      // One row counts both processes' failures (less what real time has forgiven since).
      expect(rows.find((r) => r.key.endsWith(`email:${email}`))?.count).toBeGreaterThan(LOGIN_PER_ACCOUNT.free - 1);
    } finally {
      await stopServerProcesses(servers);
      await store.close();
    }
  });
});
