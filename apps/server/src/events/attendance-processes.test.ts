import { randomBytes } from 'node:crypto';
import { accountsRepo } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { databaseUrlOf, HttpClient, type ServerProcess, startServerProcess, stopServerProcesses } from '../system/process-kit';

/** Reads `attendance` messages of a server-sent events stream, one at a time, as they come. */
function attendanceReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ present: number; expected: number }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: attendance') && data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('flux fermé');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('check-in counts across two server processes on one PostgreSQL', () => {
  it('a check-in on one process reaches a phone streaming the counts from the other', { timeout: 180_000 }, async () => {
    const store = await openTestStore('postgres');
    const servers: ServerProcess[] = [];
    try {
      const email = `accueil-${randomBytes(4).toString('hex')}@exemple.fr`;
      const password = 'un mot de passe bien long';
      await accountsRepo(store.db).createUser({
        email,
        displayName: 'Équipe d’accueil',
        passwordHash: await argon2Hasher.hash(password),
        isAdmin: true,
      });
      const territory = await store.db
        .insertInto('territories')
        .values({ kind: 'quartier', name: 'Quartier des Deux Rives', slug: `deux-rives-${randomBytes(3).toString('hex')}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const url = await databaseUrlOf(store);
      servers.push(...(await Promise.all([startServerProcess(url), startServerProcess(url)])));
      const [a, b] = servers.map((s) => new HttpClient(s.url)) as [HttpClient, HttpClient];
      for (const c of [a, b]) {
        await c.request('GET', '/api/session');
        expect((await c.request('POST', '/api/session', { email, password })).status).toBe(200);
      }
      const created = await a.request('POST', '/api/events', {
        territoryId: territory.id,
        title: 'Journée de coopération des Deux Rives',
        startDate: '2037-03-12',
        endDate: '2037-03-12',
        template: 'journee-cooperation',
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await a.request('POST', `/api/events/${id}/status`, { status: 'published' })).status).toBe(200);
      const visitor = new HttpClient(servers[0]!.url);
      await visitor.request('GET', '/api/session');
      const registered = await visitor.request('POST', `/api/events/${id}/registrations`, {
        name: 'Dominique Petit',
        email: 'dominique.petit@exemple.fr',
        organisationName: 'Association Les Tilleuls',
        organisationKind: 'association',
        themes: [],
        choices: [],
        lunch: false,
        accessibility: '',
        consent: true,
      });
      expect(registered.status).toBe(201);

      // The phone on B streams the counts; the check-in is made on A.
      const stream = await fetch(`${servers[1]!.url}/api/events/${id}/attendance/stream`, { headers: { cookie: b.cookieHeader() } });
      expect(stream.status).toBe(200);
      const onB = attendanceReader(stream.body!);
      expect(await onB.next()).toMatchObject({ present: 0, expected: 1 });
      const checked = await a.request('POST', `/api/events/${id}/check-ins`, { registrationId: registered.body.registration.id });
      expect(checked.status).toBe(200);
      expect(await onB.next()).toMatchObject({ present: 1, expected: 1 });
      const walkIn = await a.request('POST', `/api/events/${id}/walk-ins`, { name: 'Arrivée imprévue' });
      expect(walkIn.status).toBe(201);
      expect(await onB.next()).toMatchObject({ present: 2, expected: 2 });
      await onB.cancel();
    } finally {
      await stopServerProcesses(servers);
      await store.close();
    }
  });
});
