/**
 * Live facilitation under load: a real server process, N simulated phones in a separate process
 * (bench/src/live-phones.ts) on loopback, each joining one room and submitting a keyword and a
 * vote. Ends with one line:
 *
 *   live clients=N p50_ms=A p99_ms=B lost=L rss_mb=M
 *
 * p50/p99: from a submission leaving a phone to the projector receiving a view that includes it.
 * lost: submissions sent minus submissions found in the store after the server stopped.
 * rss_mb: the server's peak resident memory (VmHWM).
 *
 *   npm run bench:live -- --clients 2000 [--store pglite|postgres] [--database-url postgres://…] [--spread-ms 5000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo, openStore, prepareStore, type Store, type StoreOptions } from '@maillage/db';
import pg from 'pg';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '2000' },
    store: { type: 'string', default: 'pglite' },
    'database-url': { type: 'string' },
    'spread-ms': { type: 'string', default: '5000' },
  },
});
const clients = Number(values.clients);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

// ---- the store: a fresh PGlite folder, or a fresh PostgreSQL database ----------------------
let storeOptions: StoreOptions;
let serverEnv: Record<string, string>;
let cleanup: () => Promise<void>;
if (values.store === 'postgres') {
  const admin = values['database-url'] ?? process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('--store postgres demande --database-url (ou TEST_DATABASE_URL)');
  const name = `maillage_bench_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  storeOptions = { kind: 'postgres', databaseUrl: url.toString(), poolSize: 4 };
  serverEnv = { DATABASE_URL: url.toString() };
  cleanup = async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-live-'));
  storeOptions = { kind: 'pglite', dataDir: dir };
  serverEnv = { MAILLAGE_DATA: dir, DATABASE_URL: '' };
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

// ---- a room with a started keyword activity and an open continuum poll ------------------------
let store: Store = await openStore(storeOptions);
await prepareStore(store);
const territory = await store.db
  .insertInto('territories')
  .values({ kind: 'quartier', name: 'Quartier du banc d’essai', slug: `banc-essai-${process.pid}` })
  .returning('id')
  .executeTakeFirstOrThrow();
const repo = liveRepo(store.db);
const room = await repo.createRoom({
  code: joinCodeFrom((n) => new Uint8Array(crypto.getRandomValues(new Uint8Array(n)))),
  title: 'Banc d’essai',
  territoryId: territory.id,
  eventSessionId: null,
  createdBy: null,
});
if (room === 'code_taken') throw new Error('code collision');
const keywordId = crypto.randomUUID();
const pollId = crypto.randomUUID();
await repo.append(room.id, [
  {
    event: {
      type: 'activity.added',
      activityId: pollId,
      kind: 'poll',
      pollKind: 'continuum',
      prompt: 'Où en est notre coopération ?',
      options: ['1', '2', '3', '4', '5', '6', '7'],
    },
  },
  { event: { type: 'activity.started', activityId: pollId } },
  {
    event: {
      type: 'activity.added',
      activityId: keywordId,
      kind: 'keyword',
      prompt: 'Ce qui rend la coopération possible',
      mode: 'person',
    },
  },
  { event: { type: 'activity.started', activityId: keywordId } },
]);
await store.close();

// ---- the server, as `npm start` runs it -------------------------------------------------------
const port = await freePort();
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], {
  // Every simulated phone comes from 127.0.0.1: the cap per address must hold them all.
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LIVE_MAX_SOCKETS_PER_ADDRESS: String(clients + 100),
    ...serverEnv,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (;;) {
  if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
  try {
    if ((await fetch(`${url}/api/health`)).status === 200) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 50));
}

// ---- the phones, from another process ---------------------------------------------------------
const phones = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(root, 'bench/src/live-phones.ts'),
    '--url',
    url,
    '--code',
    room.code,
    '--clients',
    String(clients),
    '--keyword',
    keywordId,
    '--poll',
    pollId,
    '--spread-ms',
    String(values['spread-ms']),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let out = '';
phones.stdout.on('data', (chunk: Buffer) => {
  out += chunk.toString();
});
await new Promise((r) => phones.once('exit', r));
const report = JSON.parse(out.trim().split('\n').pop() as string) as {
  sent: number;
  acked: number;
  rejected: number;
  unmatched: number;
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  joinMs: number;
  errors: string[];
};
const rssMb = peakRssMb(server.pid as number);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

// ---- count what the store holds ---------------------------------------------------------------
store = await openStore(storeOptions);
const stored = await store.db
  .selectFrom('live_events')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('room_id', '=', room.id)
  .where('type', 'in', ['keyword.submitted', 'vote.cast'])
  .executeTakeFirstOrThrow();
await store.close();
await cleanup();
const lost = report.sent - Number(stored.n);
console.error(
  `détail : envoyés=${report.sent} acquittés=${report.acked} refusés=${report.rejected} stockés=${stored.n} sans_vue=${report.unmatched} max_ms=${Math.round(report.max)} ack_p50_ms=${Math.round(report.ackP50)} ack_p99_ms=${Math.round(report.ackP99)} inscriptions_ms=${report.joinMs} store=${values.store}${report.errors.length ? ` erreurs=${report.errors.join(',')}` : ''}`,
);
console.log(`live clients=${clients} p50_ms=${Math.round(report.p50)} p99_ms=${Math.round(report.p99)} lost=${lost} rss_mb=${rssMb}`);
