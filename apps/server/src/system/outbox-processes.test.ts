import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { accountsRepo } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import { databaseUrlOf, HttpClient, type ServerProcess, startServerProcess, stopServerProcesses } from './process-kit';

/**
 * A real SMTP server, just enough of it for nodemailer: it refuses the end of data of the first
 * message it is sent (451, try again later) and accepts every one after, counting per recipient.
 */
async function flakySmtpServer() {
  const refused: string[] = [];
  const accepted: string[] = [];
  const server: Server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let recipients: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    reply('220 smtp.exemple.test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          if (refused.length + accepted.length === 0) {
            refused.push(...recipients);
            reply('451 4.3.0 service momentanément indisponible');
          } else {
            accepted.push(...recipients);
            reply('250 2.0.0 message reçu');
          }
          recipients = [];
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.split(' ')[0]?.toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 smtp.exemple.test');
        else if (verb === 'MAIL') reply('250 2.1.0 ok');
        else if (verb === 'RCPT') {
          recipients.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 fin par <CRLF>.<CRLF>');
        } else if (verb === 'RSET') {
          recipients = [];
          reply('250 2.0.0 ok');
        } else if (verb === 'NOOP') reply('250 2.0.0 ok');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 au revoir');
          socket.end();
        } else reply('502 5.5.2 commande inconnue');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    refused,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('the e-mail outbox across two server processes on one PostgreSQL', () => {
  it('an e-mail the SMTP server first refuses is sent again, and accepted exactly once', { timeout: 180_000 }, async () => {
    const store = await openTestStore('postgres');
    const smtp = await flakySmtpServer();
    const servers: ServerProcess[] = [];
    try {
      const email = `organisation-${randomBytes(4).toString('hex')}@exemple.fr`;
      const password = 'un mot de passe bien long';
      await accountsRepo(store.db).createUser({
        email,
        displayName: 'Équipe d’organisation',
        passwordHash: await argon2Hasher.hash(password),
        isAdmin: true,
      });
      const territory = await store.db
        .insertInto('territories')
        .values({ kind: 'quartier', name: 'Quartier des Deux Rives', slug: `deux-rives-${randomBytes(3).toString('hex')}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const url = await databaseUrlOf(store);
      // Both processes send and sweep the outbox; a refused message is due again after 200 ms.
      const env = { SMTP_URL: smtp.url, SMTP_FROM: 'maillage@exemple.fr', MAIL_RETRY_MIN_MS: '200' };
      servers.push(...(await Promise.all([startServerProcess(url, env), startServerProcess(url, env)])));
      const [a, b] = servers.map((s) => new HttpClient(s.url)) as [HttpClient, HttpClient];
      await a.request('GET', '/api/session');
      expect((await a.request('POST', '/api/session', { email, password })).status).toBe(200);
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

      // A visitor registers on B: her confirmation goes into the outbox, and its first sending is refused.
      const visitor = `dominique.petit-${randomBytes(3).toString('hex')}@exemple.fr`;
      await b.request('GET', '/api/session');
      const registered = await b.request('POST', `/api/events/${id}/registrations`, {
        name: 'Dominique Petit',
        email: visitor,
        organisationName: 'Association Les Tilleuls',
        organisationKind: 'association',
        themes: [],
        choices: [],
        lunch: false,
        accessibility: '',
        consent: true,
      });
      expect(registered.status).toBe(201);

      // The retry comes from a sweep (of either process): no request, no restart. The bound only
      // ends a wait that would never succeed (a retry left to the 30 s default would exceed it).
      await expect.poll(() => smtp.accepted, { timeout: 15_000 }).toEqual([visitor]);
      expect(smtp.refused).toEqual([visitor]);
      await expect
        .poll(async () =>
          store.db
            .selectFrom('mail_outbox')
            .select(['to_address', 'subject', 'attempts', 'last_error'])
            .select((eb) => eb('sent_at', 'is not', null).as('sent'))
            .execute(),
        )
        .toEqual([
          {
            to_address: visitor,
            subject: 'Inscription confirmée : Journée de coopération des Deux Rives',
            // Claimed twice in all (each claim counts an attempt), by one process at a time.
            attempts: 2,
            last_error: null,
            sent: true,
          },
        ]);
      expect(smtp.accepted).toEqual([visitor]);
    } finally {
      await stopServerProcesses(servers);
      await smtp.close();
      await store.close();
    }
  });
});
