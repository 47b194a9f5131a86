import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo, openStore, prepareStore, type Store } from '@maillage/db';
import { availableTestStores, openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { hashParticipantToken } from './socket';

/**
 * Durability under SIGKILL: 500 phones submit keywords to a real server process; the server is
 * killed with SIGKILL in the middle, then restarted on the same store and port. Every submission
 * the server acknowledged must be in the store exactly once, every phone must be resynchronised
 * (a `welcome` or `synced` frame) and every outbox drained.
 *
 * How fast the phones resynchronise is printed, not asserted: a loaded machine must not fail a
 * correct server. The bound (all phones within 5 s of the new server answering) is
 * asserted on demand, on a machine that is not busy:
 *
 *   MAILLAGE_TEST_TIMING=1 TEST_DATABASE_URL=postgres://… npx vitest run apps/server/src/live/crash.test.ts
 */

interface Socket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  terminate(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, options?: Record<string, unknown>) => Socket;
const serverMain = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');
const PHONES = 500;
/** Opt-in: assert the resynchronisation time too (see above). */
const assertTiming = process.env.MAILLAGE_TEST_TIMING === '1';
/** A wait this long means something is stuck, not slow (the waits end on their condition). */
const STUCK_MS = 180_000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startServer(port: number, env: Record<string, string>): Promise<{ child: ChildProcess; readyAt: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: 'ignore',
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return { child, readyAt: performance.now() };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A phone as the web client behaves: an outbox kept until acknowledged, reconnection with capped backoff. */
class Phone {
  ws: Socket | undefined;
  readonly outbox = new Map<string, string>();
  readonly acked = new Set<string>();
  lastSeq = 0;
  resyncedAt = 0;
  openedAt = 0;
  /** When the last connection attempt started (its handshake ends at `openedAt`). */
  connectAt = 0;
  private n = 0;
  private stopped = false;
  private attempt = 0;

  constructor(
    readonly url: string,
    readonly token: string,
    readonly activityId: string,
    readonly id: number,
  ) {}

  connect(): void {
    if (this.stopped) return;
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.connectAt = performance.now();
    this.ws = ws;
    ws.on('open', () => {
      this.openedAt = performance.now();
      ws.send(
        JSON.stringify({ v: 1, type: 'hello', role: 'participant', token: this.token, ...(this.lastSeq ? { since: this.lastSeq } : {}) }),
      );
    });
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { type: string; key?: string; seq?: number };
      if (m.type === 'welcome' || m.type === 'synced') {
        this.resyncedAt = performance.now();
        this.attempt = 0;
        if (typeof m.seq === 'number') this.lastSeq = Math.max(this.lastSeq, m.seq);
        // Like the web client: the outbox is sent again paced under the server's rate limit.
        this.drain(ws);
      } else if (m.type === 'reject' && m.key && (m as { code?: string }).code === 'rate_limited') {
        setTimeout(() => this.drain(ws), 1000);
      } else if (m.type === 'ack' && m.key) {
        this.acked.add(m.key);
        this.outbox.delete(m.key);
      }
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.stopped) return;
      const delay = Math.min(1000, 100 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      setTimeout(() => this.connect(), delay);
    });
  }

  private draining = false;

  private drain(ws: Socket): void {
    if (this.draining) return;
    this.draining = true;
    const keys = [...this.outbox.keys()];
    const step = () => {
      const key = keys.shift();
      if (key === undefined || ws.readyState !== 1) {
        this.draining = false;
        return;
      }
      const frame = this.outbox.get(key);
      if (frame && !this.acked.has(key)) ws.send(frame);
      setTimeout(step, 220);
    };
    step();
  }

  submit(): void {
    const key = `crash-${this.id}-${this.n++}-xx`;
    const frame = JSON.stringify({
      v: 1,
      type: 'submit',
      key,
      activityId: this.activityId,
      input: { kind: 'keyword', text: `mot ${this.n % 7}` },
    });
    this.outbox.set(key, frame);
    if (this.ws?.readyState === 1) this.ws.send(frame);
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }
}

describe.each(availableTestStores())('live room survives SIGKILL on %s', (kind) => {
  it(`keeps every acknowledged submission and resynchronises all ${PHONES} phones`, { timeout: 900_000 }, async () => {
    // ---- a store with a room, a started keyword activity and the phones' participants ----
    let store: Store;
    let env: Record<string, string>;
    let dataDir: string | undefined;
    if (kind === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'maillage-crash-'));
      store = await openStore({ kind: 'pglite', dataDir });
      await prepareStore(store);
      env = { MAILLAGE_DATA: dataDir, DATABASE_URL: '' };
    } else {
      store = await openTestStore('postgres');
      const name = (await store.pool.query('select current_database() as name')).rows[0].name as string;
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString() };
    }
    const repo = liveRepo(store.db);
    const territory = await store.db
      .insertInto('territories')
      .values({ kind: 'quartier', name: 'Quartier de la Reprise', slug: `reprise-${randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const room = await repo.createRoom({
      code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
      title: 'Reprise après panne',
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
    const tokens: string[] = [];
    for (let i = 0; i < PHONES; i++) {
      const token = randomBytes(24).toString('base64url');
      await repo.createParticipant(room.id, {
        tokenHash: hashParticipantToken(token),
        name: `Téléphone ${i + 1}`,
        organisationKind: null,
        territory: null,
      });
      tokens.push(token);
    }
    if (kind === 'pglite') await store.close(); // the server process takes the data folder's lock

    const port = await freePort();
    let server = await startServer(port, env);
    const phones = tokens.map((token, i) => new Phone(`ws://127.0.0.1:${port}/ws/live/${room.code}`, token, activityId, i));
    try {
      for (const p of phones) p.connect();
      await waitFor(() => phones.every((p) => p.resyncedAt > 0), 'phones connected');

      // Submissions flow; the server dies in the middle of them.
      let ticking = true;
      const ticker = (async () => {
        while (ticking) {
          for (const p of phones) if (Math.random() < 0.3) p.submit();
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      await waitFor(() => phones.reduce((n, p) => n + p.acked.size, 0) >= PHONES, 'first acknowledgements');
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));
      const ackedBeforeKill = new Set(phones.flatMap((p) => [...p.acked].map((k) => `${p.id} ${k}`)));
      ticking = false;
      await ticker;
      for (const p of phones) p.resyncedAt = 0;

      // The phones run in this process: its event-loop delay is reported with the figures.
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      server = await startServer(port, env);
      await waitFor(() => phones.every((p) => p.resyncedAt > 0), 'phones resynchronised');
      lag.disable();
      const slowest = Math.max(...phones.map((p) => p.resyncedAt - server.readyAt));
      const q = (xs: number[], f: number) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(f * (xs.length - 1))] as number);
      const opened = phones.map((p) => p.openedAt - server.readyAt);
      const synced = phones.map((p) => p.resyncedAt - server.readyAt);
      const handshake = phones.map((p) => p.openedAt - p.connectAt);
      console.log(
        `[${kind}] après redémarrage : ouverture p50=${q(opened, 0.5)} max=${q(opened, 1)} ms (poignée de main WebSocket p50=${q(handshake, 0.5)} max=${q(handshake, 1)} ms) ; resynchronisation p50=${q(synced, 0.5)} max=${q(synced, 1)} ms ; boucle d’événements des téléphones p99=${Math.round(lag.percentile(99) / 1e6)} ms`,
      );
      // Every phone is back (the wait above); how fast is asserted only on demand (MAILLAGE_TEST_TIMING=1).
      // PGlite runs the database on the server's own thread: the server answers a storm of
      // reconnections before storing the outboxes they resend, in a few large transactions
      // (socket.ts). Measured on a shared 2-core machine under a load average of 7 to 13: 0.5–2.3 s,
      // once 3.7 s (11.7–14.4 s with one transaction per resent submission). Under heavier load
      // (load average 10 to 17, 2 December 2026): 8.2 s on PGlite and 8.5 s on PostgreSQL in one run,
      // 18.4 s and 1.4 s in another, hence no deadline by default. The bound, 5 s, on both stores.
      expect(phones.every((p) => p.resyncedAt > 0)).toBe(true);
      if (assertTiming) expect(slowest).toBeLessThan(5000);
      // The outboxes drain: what was sent but not acknowledged before the crash is sent again.
      await waitFor(() => phones.every((p) => p.outbox.size === 0), 'outboxes drained');

      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
      if (kind === 'pglite') store = await openStore({ kind: 'pglite', dataDir: dataDir as string });
      const rows = await liveRepo(store.db).eventsSince(room.id, 0);
      const stored = new Map<string, number>();
      const ids = new Map(
        (await store.db.selectFrom('live_participants').select(['id', 'display_name']).where('room_id', '=', room.id).execute()).map(
          (r) => [r.id, Number(r.display_name.replace('Téléphone ', '')) - 1],
        ),
      );
      for (const r of rows) {
        if (r.event.type !== 'keyword.submitted') continue;
        const id = `${ids.get(r.participantId as string)} ${r.key}`;
        stored.set(id, (stored.get(id) ?? 0) + 1);
      }
      const missing = [...ackedBeforeKill].filter((k) => !stored.has(k));
      expect(missing).toEqual([]);
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
      const everAcked = phones.reduce((n, p) => n + p.acked.size, 0);
      expect(stored.size).toBe(everAcked);
      console.log(
        `[${kind}] acquittés avant SIGKILL=${ackedBeforeKill.size} stockés=${stored.size} resynchronisation la plus lente=${Math.round(slowest)} ms`,
      );
    } finally {
      for (const p of phones) p.stop();
      if (server.child.exitCode === null) {
        server.child.kill('SIGKILL');
        await new Promise((r) => server.child.once('exit', r));
      }
      await store.close().catch(() => {});
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Waits for a condition (checked every 20 ms); gives up only when it looks stuck (STUCK_MS). */
async function waitFor(test: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + STUCK_MS;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`stuck for ${STUCK_MS / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
