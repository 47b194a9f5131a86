/**
 * Registration figures, over HTTP against a real server process this script starts (PGlite in a
 * temporary folder, or the PostgreSQL of DATABASE_URL when set):
 *  1. the opening of registrations: 500 simultaneous registrations on a workshop of capacity 50
 *     (each from its own client address behind a proxy: TRUST_PROXY=true, X-Forwarded-For);
 *  2. registrations per second sustained: 1,000 more registrations, 32 at a time;
 *  3. the time to generate the 500 badges of the first event as one PDF.
 * Ends with the line `registrations capacity=50 attempts=500 confirmed=C waitlisted=W errors=E p95_ms=P`.
 *
 *   npm run bench:registrations
 *   DATABASE_URL=postgres://… npm run bench:registrations   (PostgreSQL; the database is migrated)
 *   npm run bench:registrations -- --help
 *
 * Prints the machine's load average (1 min) before and after: figures from a loaded shared
 * machine are not comparable with a quiet one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { programmeFromTemplate, programmeTemplates } from '@maillage/core';
import { eventsRepo, openStore, prepareStore, type Store } from '@maillage/db';
import { hash } from '@node-rs/argon2';

const root = join(import.meta.dirname, '..', '..');
const databaseUrl = process.env.DATABASE_URL || undefined;
const CAPACITY = 50;
const ATTEMPTS = 500;
const SUSTAINED = 1000;
const WORKERS = 32;
const password = 'mot de passe du banc';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

/** A territory, a coordinator and two published events: one whose workshop holds 50, one without limits. */
async function prepare(store: Store) {
  await prepareStore(store);
  const suffix = Math.random().toString(36).slice(2, 8);
  const territory = await store.db
    .insertInto('territories')
    .values({
      kind: 'epci',
      name: 'Agglomération du banc (fictive)',
      slug: `banc-${suffix}`,
      code: null,
      epci_type: null,
      population: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const email = `banc-${suffix}@exemple.fr`;
  const user = await store.db
    .insertInto('users')
    .values({ email, display_name: 'Coordination du banc', password_hash: await hash(password), is_admin: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await store.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'coordinator', territory_id: territory.id, title: null, created_by: null })
    .execute();
  const repo = eventsRepo(store.db);
  const template = programmeTemplates.find((t) => t.key === 'journee-cooperation')!;
  const make = async (title: string) => {
    const event = await repo.createEvent(
      {
        territoryId: territory.id,
        slug: `banc-${title.toLowerCase().replace(/\W+/g, '-')}-${suffix}`,
        title,
        description: '',
        audience: '',
        startDate: '2037-03-12',
        endDate: '2037-03-12',
        opensAt: template.opensAt,
        closesAt: template.closesAt,
        venueName: 'Maison des associations',
        venueAddress: '3 rue des Tilleuls',
        organisers: [],
        partners: [],
        themes: [],
        capacity: null,
        createdBy: null,
      },
      programmeFromTemplate(template, '2037-03-12'),
      null,
    );
    await repo.setStatus(event.id, 'published', null);
    const workshop = (await repo.programme(event.id)).sessions.find((s) => s.choosable)!;
    return { id: event.id, workshopId: workshop.id };
  };
  const opening = await make('Ouverture des inscriptions');
  await store.db.updateTable('event_sessions').set({ capacity: CAPACITY }).where('id', '=', opening.workshopId).execute();
  const sustained = await make('Débit soutenu');
  await store.db.updateTable('event_sessions').set({ capacity: null }).where('id', '=', sustained.workshopId).execute();
  return { email, opening, sustained };
}

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAILLAGE_DATA: dataDir,
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      DATABASE_URL: databaseUrl ?? '',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`le serveur s’est arrêté (code ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main() {
  if (process.argv.includes('--help')) {
    console.log(
      [
        'npm run bench:registrations [-- --help]',
        '  Starts a server (PGlite in a temporary folder, or PostgreSQL when DATABASE_URL is set), then:',
        `  1. ${ATTEMPTS} simultaneous registrations on a workshop of ${CAPACITY} places (one client address each);`,
        `  2. ${SUSTAINED} registrations, ${WORKERS} in flight, for the sustained rate;`,
        `  3. the badges of the ${ATTEMPTS} first registrations as one PDF.`,
        '  Prints the load average before and after, and ends with',
        '  registrations capacity=… attempts=… confirmed=… waitlisted=… errors=… p95_ms=…',
      ].join('\n'),
    );
    return;
  }
  const loadBefore = loadavg()[0]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-registrations-'));
  const store = databaseUrl
    ? await openStore({ kind: 'postgres', databaseUrl, poolSize: 2 })
    : await openStore({ kind: 'pglite', dataDir });
  const setup = await prepare(store);
  await store.close(); // PGlite: one process holds the folder; the server takes it now
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port, dataDir);
  try {
    const session = await fetch(`${base}/api/session`);
    const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    let client = 0;
    const registerOne = async (eventId: string, workshopId: string, n: number) => {
      client++;
      const started = performance.now();
      const res = await fetch(`${base}/api/events/${eventId}/registrations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `maillage_csrf=${csrf}`,
          'x-csrf-token': csrf,
          'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
        },
        body: JSON.stringify({
          name: `Participant·e ${n}`,
          email: `participant${n}@exemple.fr`,
          choices: [workshopId],
          lunch: n % 2 === 0,
          consent: true,
        }),
      });
      const ms = performance.now() - started;
      const body = (await res.json()) as { registration?: { choices: { status: string }[] } };
      return { ok: res.status === 201, status: body.registration?.choices[0]?.status, ms };
    };

    // 1. The opening: everyone at once.
    const burstStart = performance.now();
    const burst = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => registerOne(setup.opening.id, setup.opening.workshopId, i)));
    const burstMs = performance.now() - burstStart;
    const confirmed = burst.filter((r) => r.ok && r.status === 'confirmed').length;
    const waitlisted = burst.filter((r) => r.ok && r.status === 'waitlisted').length;
    const errors = burst.filter((r) => !r.ok).length;
    const p95 = percentile(
      burst.map((r) => r.ms),
      95,
    );

    // 2. Sustained: a steady stream, WORKERS in flight.
    let next = 0;
    const sustainedStart = performance.now();
    const sustainedErrors: number[] = [];
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < SUSTAINED) {
          const n = next++;
          const r = await registerOne(setup.sustained.id, setup.sustained.workshopId, 10_000 + n);
          if (!r.ok) sustainedErrors.push(n);
        }
      }),
    );
    const sustainedS = (performance.now() - sustainedStart) / 1000;

    // 3. The badges of the 500 people of the first event, as one PDF (logged in as the coordinator).
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `maillage_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ email: setup.email, password }),
    });
    const cookies = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const badgesStart = performance.now();
    const badges = await fetch(`${base}/api/events/${setup.opening.id}/badges.pdf`, { headers: { cookie: cookies } });
    const pdf = Buffer.from(await badges.arrayBuffer());
    const badgesMs = performance.now() - badgesStart;

    console.log(`load_1m before=${loadBefore.toFixed(2)} after=${loadavg()[0]!.toFixed(2)} cpus=${availableParallelism()}`);
    console.log(
      `store=${databaseUrl ? 'postgres' : 'pglite'} burst_wall_ms=${burstMs.toFixed(0)} p50_ms=${percentile(
        burst.map((r) => r.ms),
        50,
      ).toFixed(0)} max_ms=${Math.max(...burst.map((r) => r.ms)).toFixed(0)}`,
    );
    console.log(
      `sustained registrations=${SUSTAINED} in_flight=${WORKERS} per_second=${(SUSTAINED / sustainedS).toFixed(1)} errors=${sustainedErrors.length}`,
    );
    console.log(
      `badges count=${ATTEMPTS} status=${badges.status} pages=${Math.ceil(ATTEMPTS / 8)} bytes=${pdf.length} ms=${badgesMs.toFixed(0)}`,
    );
    console.log(
      `registrations capacity=${CAPACITY} attempts=${ATTEMPTS} confirmed=${confirmed} waitlisted=${waitlisted} errors=${errors} p95_ms=${p95.toFixed(0)}`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
