import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerMessage } from '@maillage/core';
import { venueTableOrder } from '@maillage/db';
import { countRows, openTestStore, seedVenueDay } from '@maillage/db/testing';
import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/session';

/**
 * The whole loop with real processes: the territory's instance on PostgreSQL (the CLI with
 * DATABASE_URL), the laptop on PGlite in its own data folder (`maillage venue serve`, a child
 * process serving the built server), 30 phones over HTTP and WebSocket, then bundle and import.
 */
interface Socket {
  send(data: string): void;
  close(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Socket;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const cli = join(root, 'apps', 'cli', 'bin', 'maillage.js');
const passphrase = 'une phrase pour la journée des Tilleuls';
const password = 'mot de passe de la journée';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Waits for the served day to answer; fails if the process ends first. */
async function waitForHealth(child: ChildProcess, base: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`venue serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const csrf = 'csrf-venue-loop-0123456789abcdef';

async function api(base: string, method: string, path: string, body: unknown, cookie = '', token = csrf) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: `${CSRF_COOKIE}=${csrf}${cookie ? `; ${cookie}` : ''}`,
      'x-csrf-token': token,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown>, headers: res.headers };
}

/**
 * A phone: joins the room by its code as the registered person it is (the badge's code typed, no
 * camera), opens the socket, sends one keyword; answers its participant's id.
 */
async function phone(
  base: string,
  port: number,
  code: string,
  badge: string,
  n: number,
  activityId: string,
  word: string,
): Promise<string> {
  const name = `Téléphone ${n}`;
  const joined = await api(base, 'POST', `/api/live/join/${code}/registered`, { badge });
  expect(joined.status).toBe(201);
  const token = String(joined.body.token);
  const ws = new WebSocket(`ws://127.0.0.2:${port}/ws/live/${code}`);
  const frames: ServerMessage[] = [];
  let wake = () => {};
  ws.on('message', (d) => {
    frames.push(JSON.parse(d.toString()) as ServerMessage);
    wake();
  });
  ws.on('error', () => {});
  await new Promise<void>((r) => ws.on('open', () => r()));
  // The timeout only ends a wait for a frame that will never come, and names the last frames.
  const until = async (test: (m: ServerMessage) => boolean) => {
    const limit = setTimeout(() => ws.close(), 120_000);
    let closed = false;
    ws.on('close', () => {
      closed = true;
      wake();
    });
    while (!frames.some(test)) {
      if (closed) throw new Error(`${name}: no matching frame; last: ${JSON.stringify(frames.slice(-3))}`);
      await new Promise<void>((r) => (wake = r));
    }
    clearTimeout(limit);
  };
  ws.send(JSON.stringify({ v: 1, type: 'hello', role: 'participant', token }));
  await until((m) => m.type === 'welcome');
  ws.send(
    JSON.stringify({
      v: 1,
      type: 'submit',
      key: `venue-${n}-0001`,
      activityId,
      input: { kind: 'keyword', text: word },
    }),
  );
  await until((m) => m.type === 'ack');
  ws.close();
  return String(joined.body.participantId);
}

/** Progress on stderr: on a loaded machine, a timeout then says where the loop was. */
const step = (what: string) => process.stderr.write(`venue loop: ${what}\n`);

const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

describe.skipIf(!process.env.TEST_DATABASE_URL)('the venue on a laptop: export, serve, 30 phones, bundle, import', () => {
  it('brings the day back to the territory (attendance, cloud, world café, new acquaintances); a second import changes no row; a conflict is reported', {
    timeout: 900_000,
  }, async () => {
    const territory = await openTestStore('postgres');
    const folder = mkdtempSync(join(tmpdir(), 'maillage-venue-'));
    let serving: ChildProcess | undefined;
    try {
      const name = (await territory.pool.query('select current_database() as name')).rows[0].name as string;
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.pathname = `/${name}`;
      const email = `awa-${Date.now()}@exemple.fr`;
      // Every registration is a person of the quartier's directory: who sits together at the café meets.
      const day = await seedVenueDay(territory.db, {
        count: 30,
        linked: 30,
        passwordHash: await hash(password),
        role: 'coordinator',
        email,
      });
      const badges = await territory.db
        .selectFrom('event_registrations')
        .select(['id', 'badge_code'])
        .where('event_id', '=', day.eventId)
        .execute();
      const badgeOf = new Map(badges.map((b) => [b.id, b.badge_code]));
      const known = new Set(
        (await territory.db.selectFrom('acquaintances').select(['person_a', 'person_b']).execute()).map((a) =>
          pairKey(a.person_a, a.person_b),
        ),
      );
      const territoryEnv = { DATABASE_URL: url.toString(), MAILLAGE_VENUE_PASSPHRASE: passphrase };

      step('export');
      const exported = await runCli(['venue', 'export', day.eventId, '--out', join(folder, 'journee.maillage')], territoryEnv);
      expect(exported.stderr).toBe('');
      expect(exported.stdout).toContain('30 inscriptions');

      // A wrong passphrase: a French error, nothing opened.
      step('wrong passphrase');
      const refused = await runCli(['venue', 'serve', join(folder, 'journee.maillage')], {
        MAILLAGE_DATA: join(folder, 'refused'),
        MAILLAGE_VENUE_PASSPHRASE: 'pas la bonne',
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Phrase de passe incorrecte');

      // The laptop, reached as phones reach it: a loopback address other than localhost.
      const port = await freePort();
      const base = `http://127.0.0.2:${port}`;
      const laptopEnv = {
        MAILLAGE_DATA: join(folder, 'portable'),
        PORT: String(port),
        HOST: '127.0.0.2',
        LOG_LEVEL: 'silent',
        MAILLAGE_VENUE_PASSPHRASE: passphrase,
      };
      serving = spawn(process.execPath, [cli, 'venue', 'serve', join(folder, 'journee.maillage')], {
        env: { ...process.env, ...laptopEnv },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let served = '';
      serving.stdout?.on('data', (d) => {
        served += d;
      });
      step('serve');
      await waitForHealth(serving, base);

      // The facilitator signs in with her territory password; the welcome desk checks 30 people in by name.
      step('login');
      const login = await api(base, 'POST', '/api/session', { email, password });
      expect(login.status).toBe(200);
      const session = (login.headers.get('set-cookie') ?? '')
        .split(/,(?=\s*\w+=)/)
        .map((c) => c.split(';')[0]?.trim())
        .find((c) => c?.startsWith(`${SESSION_COOKIE}=`));
      expect(session).toBeTruthy();
      const sessionCsrf = String(login.body.csrfToken);
      for (const registrationId of day.registrations) {
        const checked = await api(base, 'POST', `/api/events/${day.eventId}/check-ins`, { registrationId }, session, sessionCsrf);
        expect(checked.status).toBe(200);
      }
      step('phones');
      // 30 phones play the keyword cloud.
      const words = ['Confiance', 'Écoute', 'Temps'];
      await Promise.all(
        day.registrations.map((r, i) =>
          phone(base, port, day.roomCode, String(badgeOf.get(r)), i + 1, day.activityId, words[i % 3] as string),
        ),
      );
      // Then a world café of three tables and two rounds, played by the same phones: the facilitator
      // closes the room, and who sat together now know each other.
      step('world café');
      const roomPath = `/api/live/rooms/${day.roomId}`;
      const cafe = await api(
        base,
        'POST',
        `${roomPath}/activities`,
        {
          kind: 'worldcafe',
          prompt: 'World café',
          tables: [{ theme: 'Jeunesse' }, { theme: 'Emploi' }, { theme: 'Habitat' }],
          rounds: 2,
          minutes: 15,
        },
        session,
        sessionCsrf,
      );
      expect(cafe.status).toBe(201);
      const cafeId = String(cafe.body.id);
      for (const path of ['plan', 'start', 'rounds/0/start', 'rounds/1/start']) {
        const done = await api(base, 'POST', `${roomPath}/activities/${cafeId}/${path}`, undefined, session, sessionCsrf);
        expect(done.status, `${path}: ${JSON.stringify(done.body)}`).toBe(200);
      }
      const closed = await api(base, 'POST', `${roomPath}/close`, undefined, session, sessionCsrf);
      expect(closed.status).toBe(200);
      const met = Number(closed.body.acquaintances);
      expect(met).toBeGreaterThan(30); // 30 people, tables of ten, two rounds
      // Meanwhile, on the territory, one registration is cancelled.
      await territory.db
        .updateTable('event_registrations')
        .set({ status: 'cancelled', cancelled_at: new Date() })
        .where('id', '=', day.registrations[5] as string)
        .execute();

      step('stop');
      serving.kill('SIGTERM');
      await new Promise((r) => (serving?.exitCode !== null ? r(null) : serving?.once('exit', r)));
      expect(served).toMatch(/Les téléphones|Aucune adresse réseau/);

      step('bundle');
      const bundled = await runCli(['venue', 'bundle', '--out', join(folder, 'retour.maillage')], laptopEnv);
      expect(bundled.stderr).toBe('');
      expect(bundled.stdout).toContain('30 présences');

      const before = await countRows(territory.db, venueTableOrder);
      step('import');
      const imported = await runCli(['venue', 'import', join(folder, 'retour.maillage')], territoryEnv);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toContain('inscription annulée sur l’instance du territoire');
      const after = await countRows(territory.db, venueTableOrder);

      const present = await territory.db
        .selectFrom('event_registrations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('event_id', '=', day.eventId)
        .where('checked_in_at', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(Number(present.n)).toBe(29); // the cancelled one stays cancelled, listed as a conflict
      const cloud = await territory.db
        .selectFrom('live_events')
        .select(['payload'])
        .where('room_id', '=', day.roomId)
        .where('type', '=', 'keyword.submitted')
        .execute();
      expect(cloud).toHaveLength(30);
      expect(new Set(cloud.map((e) => (e.payload as { text: string }).text))).toEqual(new Set(words));
      expect(Number(after.live_participants) - Number(before.live_participants)).toBe(30);
      // The world café's tables, every round, and the acquaintances made there.
      const cafeEvents = await territory.db
        .selectFrom('live_events')
        .select(['type'])
        .where('room_id', '=', day.roomId)
        .where('type', 'in', ['cafe.planned', 'cafe.round', 'room.closed'])
        .execute();
      expect(cafeEvents.map((e) => e.type).sort()).toEqual(['cafe.planned', 'cafe.round', 'cafe.round', 'room.closed']);
      const metThere = await territory.db
        .selectFrom('acquaintances')
        .select(['person_a', 'person_b'])
        .where('source', '=', 'event')
        .where('source_ref', '=', `live:${day.roomId}`)
        .execute();
      expect(metThere).toHaveLength(met);
      expect(Number(after.acquaintances) - Number(before.acquaintances)).toBe(met);
      const people = new Set(day.people);
      expect(metThere.every((a) => people.has(a.person_a) && people.has(a.person_b))).toBe(true);
      expect(metThere.filter((a) => !known.has(pairKey(a.person_a, a.person_b))).length).toBeGreaterThan(30); // new acquaintances
      const room = await territory.db.selectFrom('live_rooms').select('closed_at').where('id', '=', day.roomId).executeTakeFirstOrThrow();
      expect(room.closed_at).not.toBeNull();

      step('import again');
      const again = await runCli(['venue', 'import', join(folder, 'retour.maillage')], territoryEnv);
      expect(again.stdout).toContain('déjà importée, rien n’a changé');
      expect(await countRows(territory.db, venueTableOrder)).toEqual(after);
    } finally {
      if (serving && serving.exitCode === null) serving.kill('SIGKILL');
      await territory.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
