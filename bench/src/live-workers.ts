/**
 * One process against two: the BUILT server (`npm start`, so `npm run build` first) on a fresh
 * PostgreSQL database, with `WORKERS=1`, then `WORKERS=2` (node:cluster, one port), under the same
 * live load. Rooms (`--rooms`, one by default) are seeded with a facilitator (console and
 * projector connected); `--phones` phones join them and submit in a closed loop
 * (bench/src/live-workers-phones.ts, in `--generators` processes of their own, so that the load
 * does not run on the servers' event loops). Measured per run and per server: acknowledged
 * submissions per second and the p50/p95 of the acknowledgement's latency (phone → `ack`); medians
 * over `--runs` runs (the order of the two servers alternates from one run to the next). The
 * database `maillage_bench_workers` is created on `--database-url`'s server and dropped at the end.
 * Ends with one line:
 *
 *   live-workers phones=N w1_per_s=A w2_per_s=B ratio=B/A p95_w1_ms=C p95_w2_ms=D
 *
 *   npm run build && npm run bench:live-workers [-- --runs 3 --phones 1000 --rooms 1 --generators 2
 *     --duration-ms 10000 --database-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Why 1000 phones: the server allows a phone 5 messages per second, so N phones offer at most 5·N
 * submissions per second; with 300 phones (1,500/s) one process keeps up and both servers measure
 * the offered load, not their capacity (the line then warns).
 *
 * What the ratio means: everything runs on this machine. On a 2-core box the servers, the load
 * generators and PostgreSQL share the same 2 cores (and, on a shared box, other work: the
 * `détail` lines give the CPU used by the servers, their PostgreSQL backends and the generators
 * during the window). Node is not what limits here: one process acknowledges ~4,600 submissions/s
 * on under half a core, thanks to the group commit (one transaction per batch of a room's
 * submissions). A second process adds an event loop nobody was waiting for, and costs of its own
 * on a room both serve: each process commits its own, smaller batches, which take turns on the
 * room's sequence (`live_rooms.last_seq`, locked until commit), and after each commit of the other
 * process the acknowledgement waits for the missed events to be read from the log. So on this
 * machine the ratio is below 1 (measured 2026-12-02: 0.54 with one room, 0.71 with 4 rooms; README,
 * "Animation en direct"). What `WORKERS=2` brings is elsewhere: a process that dies is replaced
 * while the other serves, and the CPU of work node does do (views, HTTP pages) on a machine with
 * cores to spare; this bench does not measure a machine where the load and PostgreSQL have
 * machines of their own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { joinCodeFrom } from '@maillage/core';
import { accountsRepo, liveRepo, openStore, prepareStore, type Store } from '@maillage/db';
import pg from 'pg';
import { staleBuild } from '../../scripts/build-state.mjs';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    phones: { type: 'string', default: '1000' },
    rooms: { type: 'string', default: '1' },
    generators: { type: 'string', default: '2' },
    'duration-ms': { type: 'string', default: '10000' },
    'warmup-ms': { type: 'string', default: '3000' },
    'interval-ms': { type: 'string', default: '200' },
    'database-url': { type: 'string' },
  },
});
const runs = Number(values.runs);
const phones = Number(values.phones);
const roomCount = Math.max(1, Number(values.rooms));
const generators = Math.max(1, Math.min(Number(values.generators), phones));
const durationMs = Number(values['duration-ms']);
const warmupMs = Number(values['warmup-ms']);
const intervalMs = Number(values['interval-ms']);
const admin = values['database-url'] ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// ---- the built server, or nothing --------------------------------------------------------------
const stale = staleBuild(root);
if (stale || !existsSync(join(root, 'apps/server/dist/main.js'))) {
  console.error(
    `${stale ?? 'La version construite du serveur est absente.'}\nCe banc d’essai mesure le serveur construit : lancez « npm run build », puis relancez-le.`,
  );
  process.exit(1);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const quantile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : Number.NaN;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** User + system CPU time (ms) of a process and its children (the cluster's workers), from /proc. */
function cpuMsOf(pid: number): number {
  const tick = 10; // USER_HZ = 100 on Linux
  const one = (p: number) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      return 0;
    }
  };
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no children listing: the primary alone
  }
  return one(pid) + children.reduce((sum, c) => sum + one(c), 0);
}

/** CPU time (ms) of each PostgreSQL backend serving `database` (its command line names it), by PID. */
function postgresCpuMs(database: string): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      byPid.set(entry, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/** CPU the backends used since `before` (a backend that ended meanwhile is not counted: an underestimate). */
function postgresCpuSince(database: string, before: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs(database)) total += ms - (before.get(pid) ?? 0);
  return total;
}

// ---- a dedicated database ----------------------------------------------------------------------
const dbName = 'maillage_bench_workers';
async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
await adminQuery(`drop database if exists ${dbName} with (force)`);
await adminQuery(`create database ${dbName}`);
const dbUrl = new URL(admin);
dbUrl.pathname = `/${dbName}`;
const databaseUrl = dbUrl.toString();

let store: Store | undefined;
const running = new Set<ChildProcess>();
async function cleanup(): Promise<void> {
  for (const child of running) child.kill('SIGTERM');
  await store?.close();
  store = undefined;
  await adminQuery(`drop database if exists ${dbName} with (force)`);
}
process.once('SIGINT', () => {
  void cleanup().finally(() => process.exit(130));
});

/** A territory, its facilitator (a session cookie for the console) and rooms whose keyword and continuum poll are open. */
async function seedRooms(db: Store['db'], run: string) {
  const territory = await db
    .insertInto('territories')
    .values({ kind: 'quartier', name: `Quartier du banc ${run}`, slug: `banc-workers-${run}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accounts = accountsRepo(db);
  const user = await accounts.createUser({
    email: `animatrice-${run}@exemple.fr`,
    displayName: 'Awa Animatrice',
    passwordHash: 'x',
    isAdmin: false,
  });
  await db.insertInto('role_assignments').values({ user_id: user.id, role: 'facilitator', territory_id: territory.id }).execute();
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await accounts.createSession({
    idHash: createHash('sha256').update(token).digest('hex'),
    userId: user.id,
    csrfToken: csrf,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const repo = liveRepo(db);
  const rooms: { code: string; keywordId: string; pollId: string }[] = [];
  for (let k = 0; k < roomCount; k++) rooms.push(await seedRoom(repo, territory.id, user.id, `${run}-${k + 1}`));
  return { rooms, cookie: `maillage_session=${token}; maillage_csrf=${csrf}` };
}

async function seedRoom(repo: ReturnType<typeof liveRepo>, territoryId: string, userId: string, name: string) {
  const room = await repo.createRoom({
    code: joinCodeFrom((n) => new Uint8Array(crypto.getRandomValues(new Uint8Array(n)))),
    title: `Banc d’essai ${name}`,
    territoryId,
    eventSessionId: null,
    createdBy: userId,
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
  return { code: room.code, keywordId, pollId };
}

/** The built server as `npm start` runs it; resolves once every process serves and /api/health answers. */
async function startServer(workers: number, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      WORKERS: String(workers),
      // Every simulated phone comes from 127.0.0.1: the cap per address must hold them all.
      LIVE_MAX_SOCKETS_PER_ADDRESS: String(phones + 100),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le serveur s’est arrêté (${child.exitCode}) :\n${output}`);
    const allServing = workers === 1 || output.includes(`${workers} processus servent`);
    if (allServing) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return child;
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface GeneratorReport {
  acked: number;
  rejected: number;
  sent: number;
  latencies: number[];
  cpuMs: number;
  errors: string[];
}

interface Measure {
  perSecond: number;
  p50: number;
  p95: number;
  rejected: number;
  errors: string[];
  serverCpu: number;
  postgresCpu: number;
  generatorCpu: number;
}

/** One server (1 or 2 processes), one fresh room, the phones in their processes, one measured window. */
async function measure(workers: number, run: string): Promise<Measure> {
  const seeded = await seedRooms((store as Store).db, run);
  const port = await freePort();
  const server = await startServer(workers, port);
  try {
    const per = Math.ceil(phones / generators);
    const gens = Array.from({ length: generators }, (_, g) => {
      const first = g * per;
      const count = Math.min(per, phones - first);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'bench/src/live-workers-phones.ts'),
          ...[
            '--url',
            `http://127.0.0.1:${port}`,
            '--rooms',
            JSON.stringify(seeded.rooms),
            '--phones',
            String(count),
            '--first',
            String(first),
          ],
          ...['--interval-ms', String(intervalMs)],
          ...['--warmup-ms', String(warmupMs), '--duration-ms', String(durationMs)],
          ...(g === 0 ? ['--cookie', seeded.cookie] : []),
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      running.add(child);
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      let readyNow: () => void = () => {};
      const ready = new Promise<void>((r) => {
        readyNow = r;
      });
      const report = new Promise<GeneratorReport>((resolve, reject) => {
        lines.on('line', (line) => {
          if (line === 'ready') readyNow();
          else if (line.startsWith('{')) resolve(JSON.parse(line) as GeneratorReport);
        });
        child.once('exit', (code) => {
          running.delete(child);
          reject(new Error(`générateur ${g} arrêté (${code})`));
        });
      });
      return { child, ready, report };
    });
    await Promise.all(gens.map((g) => Promise.race([g.ready, g.report])));
    const go = Date.now() + 500;
    for (const g of gens) g.child.stdin?.write(`go ${go}\n`);
    // Server CPU over the measured window only.
    await new Promise((r) => setTimeout(r, go + warmupMs - Date.now()));
    const cpuStart = cpuMsOf(server.pid as number);
    const pgStart = postgresCpuMs(dbName);
    await new Promise((r) => setTimeout(r, durationMs));
    const serverCpu = cpuMsOf(server.pid as number) - cpuStart;
    const postgresCpu = postgresCpuSince(dbName, pgStart);
    const reports = await Promise.all(gens.map((g) => g.report));
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const acked = reports.reduce((s, r) => s + r.acked, 0);
    return {
      perSecond: acked / (durationMs / 1000),
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      rejected: reports.reduce((s, r) => s + r.rejected, 0),
      errors: reports.flatMap((r) => r.errors),
      serverCpu: serverCpu / durationMs,
      postgresCpu: postgresCpu / durationMs,
      generatorCpu: reports.reduce((s, r) => s + r.cpuMs, 0) / (warmupMs + durationMs),
    };
  } finally {
    await stopServer(server);
  }
}

const results: Record<1 | 2, Measure[]> = { 1: [], 2: [] };
try {
  store = await openStore({ kind: 'postgres', databaseUrl, poolSize: 2 });
  await prepareStore(store);
  for (let r = 0; r < runs; r++) {
    for (const workers of (r % 2 === 0 ? [1, 2] : [2, 1]) as (1 | 2)[]) {
      const m = await measure(workers, `${r + 1}-w${workers}`);
      results[workers].push(m);
      console.error(
        `détail : run=${r + 1} workers=${workers} per_s=${m.perSecond.toFixed(0)} p50_ms=${m.p50.toFixed(1)} p95_ms=${m.p95.toFixed(1)} cpu_serveur=${m.serverCpu.toFixed(2)} cpu_postgres=${m.postgresCpu.toFixed(2)} cpu_générateurs=${m.generatorCpu.toFixed(2)} refusés=${m.rejected}${m.errors.length ? ` erreurs=${[...new Set(m.errors)].join(',')}` : ''}`,
      );
    }
  }
} finally {
  await cleanup();
}
const ceiling = (phones * 1000) / intervalMs;
const w1 = median(results[1].map((m) => m.perSecond));
const w2 = median(results[2].map((m) => m.perSecond));
if (Math.max(w1, w2) > 0.9 * ceiling) {
  console.error(
    `attention : ${phones} téléphones offrent au plus ${ceiling.toFixed(0)} soumissions/s, le débit en est proche (augmentez --phones)`,
  );
}
console.log(
  `live-workers phones=${phones}${roomCount > 1 ? ` rooms=${roomCount}` : ''} w1_per_s=${w1.toFixed(0)} w2_per_s=${w2.toFixed(0)} ratio=${(w2 / w1).toFixed(2)} p95_w1_ms=${median(results[1].map((m) => m.p95)).toFixed(0)} p95_w2_ms=${median(results[2].map((m) => m.p95)).toFixed(0)}`,
);
