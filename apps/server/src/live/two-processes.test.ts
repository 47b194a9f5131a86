import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinCodeFrom, type ServerMessage } from '@maillage/core';
import { liveRepo } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { hashParticipantToken } from './socket';

/**
 * Two real server processes behind no load balancer, on one PostgreSQL: a phone connected to one
 * and the projector to the other see the same room, both ways (LISTEN/NOTIFY; the log is the truth).
 */

interface Socket {
  send(data: string): void;
  close(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Socket;
const serverMain = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startServer(port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl },
    stdio: 'ignore',
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A socket that keeps every frame and waits for the one it wants. */
function open(port: number, code: string, hello: Record<string, unknown>) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/live/${code}`);
  const frames: ServerMessage[] = [];
  const waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as ServerMessage;
    frames.push(m);
    for (const w of waiters.splice(0)) {
      if (w.test(m)) w.resolve(m);
      else waiters.push(w);
    }
  });
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return {
    ws,
    async hello() {
      await opened;
      ws.send(JSON.stringify({ v: 1, type: 'hello', ...hello }));
    },
    /** The timeout only ends a wait for a frame that will never come; it must not fail a slow run. */
    next<T extends ServerMessage>(test: (m: ServerMessage) => boolean, timeoutMs = 30_000): Promise<T> {
      const seen = frames.find(test);
      if (seen) return Promise.resolve(seen as T);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching frame; last: ${JSON.stringify(frames.slice(-3))}`)), timeoutMs);
        waiters.push({
          test,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m as T);
          },
        });
      });
    },
  };
}

type Results = Extract<ServerMessage, { type: 'results' }>;
const cloudHas = (activityId: string, key: string) => (m: ServerMessage) =>
  m.type === 'results' && ((m.results[activityId] as { words?: { key: string }[] } | undefined)?.words ?? []).some((w) => w.key === key);

describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL', () => {
  it('a phone on one process and the projector on the other see the same room, both ways', { timeout: 120_000 }, async () => {
    const store = await openTestStore('postgres');
    const children: ChildProcess[] = [];
    try {
      const name = (await store.pool.query('select current_database() as name')).rows[0].name as string;
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.pathname = `/${name}`;
      const repo = liveRepo(store.db);
      const territory = await store.db
        .insertInto('territories')
        .values({ kind: 'quartier', name: 'Quartier des Deux Rives', slug: `deux-rives-${randomBytes(3).toString('hex')}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const room = await repo.createRoom({
        code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
        title: 'Deux processus',
        territoryId: territory.id,
        eventSessionId: null,
        createdBy: null,
      });
      if (room === 'code_taken') throw new Error('code collision');
      const activityId = crypto.randomUUID();
      await repo.append(room.id, [
        { event: { type: 'activity.added', activityId, kind: 'keyword', prompt: 'Un mot', mode: 'person' } },
        { event: { type: 'activity.started', activityId } },
      ]);
      const tokens = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')];
      for (const [i, token] of tokens.entries()) {
        await repo.createParticipant(room.id, {
          tokenHash: hashParticipantToken(token),
          name: `Téléphone ${i + 1}`,
          organisationKind: null,
          territory: null,
        });
      }

      const [portA, portB] = [await freePort(), await freePort()];
      children.push(await startServer(portA, url.toString()), await startServer(portB, url.toString()));

      // Phone on A, projector on B.
      const projectorB = open(portB, room.code, { role: 'projector' });
      await projectorB.hello();
      await projectorB.next((m) => m.type === 'welcome');
      const phoneA = open(portA, room.code, { role: 'participant', token: tokens[0] });
      await phoneA.hello();
      await phoneA.next((m) => m.type === 'welcome');
      phoneA.ws.send(
        JSON.stringify({ v: 1, type: 'submit', key: 'deux-a-0001', activityId, input: { kind: 'keyword', text: 'Confiance' } }),
      );
      await phoneA.next((m) => m.type === 'ack');
      const onB = await projectorB.next<Results>(cloudHas(activityId, 'confiance'));
      expect(onB.results[activityId]).toMatchObject({ kind: 'cloud', total: 1 });

      // Phone on B, projector on A: the first word and the second, counted once each.
      const projectorA = open(portA, room.code, { role: 'projector' });
      await projectorA.hello();
      await projectorA.next((m) => m.type === 'welcome');
      const phoneB = open(portB, room.code, { role: 'participant', token: tokens[1] });
      await phoneB.hello();
      await phoneB.next((m) => m.type === 'welcome');
      phoneB.ws.send(JSON.stringify({ v: 1, type: 'submit', key: 'deux-b-0001', activityId, input: { kind: 'keyword', text: 'Écoute' } }));
      await phoneB.next((m) => m.type === 'ack');
      const onA = await projectorA.next<Results>(cloudHas(activityId, 'ecoute'));
      expect(onA.results[activityId]).toMatchObject({ kind: 'cloud', total: 2 });
      const bothOnB = await projectorB.next<Results>(cloudHas(activityId, 'ecoute'));
      expect(bothOnB.results[activityId]).toMatchObject({ kind: 'cloud', total: 2 });
      for (const s of [projectorA, projectorB, phoneA, phoneB]) s.ws.close();
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
      await store.close();
    }
  });
});
