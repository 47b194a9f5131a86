/**
 * One load generator of `npm run bench:live-workers`, in its own process: `--phones` phones join
 * the rooms over HTTP (phone i the room i mod the number of rooms), open a WebSocket each and say hello; the generator then prints `ready` and
 * waits for `go <epoch ms>` on stdin. From that moment each phone submits in a closed loop (a
 * keyword, then a vote, then a keyword… each one changing its answer, each one a new event), the
 * next one leaving when the previous one is acknowledged and at least `--interval-ms` after it
 * (the server allows 5 messages per second and per connection). Acknowledgements received during
 * the measured window, [go + warm-up, go + warm-up + duration], are counted with their latency
 * (submission leaving the phone → its `ack`, same process, same clock). Generator 0 also holds
 * each room's facilitator console and projector, which receive every view like in a real room.
 * Prints one JSON line on stdout, then exits.
 */
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

interface Socket {
  send(data: string): void;
  close(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, options?: Record<string, unknown>) => Socket;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    /** JSON: [{ code, keywordId, pollId }]: phone i joins room i mod the number of rooms. */
    rooms: { type: 'string' },
    phones: { type: 'string' },
    first: { type: 'string', default: '0' },
    cookie: { type: 'string' },
    'interval-ms': { type: 'string', default: '250' },
    'warmup-ms': { type: 'string', default: '2000' },
    'duration-ms': { type: 'string', default: '10000' },
    'join-concurrency': { type: 'string', default: '32' },
  },
});
const base = values.url as string;
const rooms = JSON.parse(values.rooms as string) as { code: string; keywordId: string; pollId: string }[];
const roomOf = (i: number) => rooms[i % rooms.length] as { code: string; keywordId: string; pollId: string };
const count = Number(values.phones);
const first = Number(values.first);
const intervalMs = Number(values['interval-ms']);
const warmupMs = Number(values['warmup-ms']);
const durationMs = Number(values['duration-ms']);
const wsBase = base.replace(/^http/, 'ws');
const words = ['Confiance', 'Écoute', 'du temps', 'Volonté', 'Respect', 'Réciprocité', 'Proximité', 'Dialogue'];

const latencies: number[] = [];
let acked = 0;
let rejected = 0;
let sent = 0;
const errors: string[] = [];
const noteError = (e: string) => {
  if (errors.length < 10) errors.push(e);
};

function open(path: string, headers: Record<string, string> = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsBase}${path}`, { perMessageDeflate: false, headers });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

/** A socket that only listens (the console, the projector): it parses every frame, as a browser would. */
async function watcher(code: string, role: 'facilitator' | 'projector', headers: Record<string, string> = {}): Promise<Socket> {
  const ws = await open(`/ws/live/${code}`, headers);
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { type: string; code?: string };
    if (m.type === 'error') noteError(`${role} ${m.code}`);
  });
  ws.on('error', (e) => noteError(`${role} ${e.message}`));
  ws.send(JSON.stringify({ v: 1, type: 'hello', role }));
  return ws;
}

async function join(i: number): Promise<string> {
  const csrf = `bench-csrf-${i}-${Math.random().toString(36).slice(2)}`;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/api/live/join/${roomOf(i).code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `maillage_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ name: `Téléphone ${i + 1}`, organisationKind: 'association', territory: null }),
    });
    if (res.status === 201) return ((await res.json()) as { token: string }).token;
    if (attempt > 5) throw new Error(`join ${i}: ${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
}

interface Phone {
  start(at: number, until: number): void;
  readonly inFlight: () => boolean;
  readonly ws: Socket;
}

async function phone(token: string, i: number): Promise<Phone> {
  const room = roomOf(i);
  const ws = await open(`/ws/live/${room.code}`);
  let welcomed: () => void = () => {};
  const welcome = new Promise<void>((r) => {
    welcomed = r;
  });
  let n = 0;
  let pending: { key: string; sentAt: number } | null = null;
  let stopAt = 0;
  const submit = () => {
    if (Date.now() >= stopAt) return;
    n++;
    const key = `w${i}-${n}-bench`;
    const input = n % 2 ? { kind: 'keyword', text: words[(i + n) % words.length] } : { kind: 'vote', choices: [(i + n) % 7] };
    const activityId = n % 2 ? room.keywordId : room.pollId;
    pending = { key, sentAt: performance.now() };
    sent++;
    ws.send(JSON.stringify({ v: 1, type: 'submit', key, activityId, input }));
  };
  const settled = (inWindow: boolean, latency: number | null) => {
    const last = pending as { sentAt: number };
    pending = null;
    if (inWindow && latency !== null) latencies.push(latency);
    setTimeout(submit, Math.max(0, last.sentAt + intervalMs - performance.now()));
  };
  const windowStart = () => stopAt - durationMs;
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { type: string; key?: string; code?: string };
    if (m.type === 'welcome') welcomed();
    else if ((m.type === 'ack' || m.type === 'reject') && pending && m.key === pending.key) {
      const now = Date.now();
      const inWindow = now >= windowStart() && now <= stopAt;
      if (m.type === 'ack') {
        if (inWindow) acked++;
        settled(inWindow, performance.now() - pending.sentAt);
      } else {
        rejected++;
        noteError(`reject ${m.code}`);
        settled(false, null);
      }
    } else if (m.type === 'error') noteError(`error ${m.code}`);
  });
  ws.on('close', () => {
    if (Date.now() < stopAt) noteError('socket closed');
  });
  ws.on('error', (e) => noteError(e.message));
  ws.send(JSON.stringify({ v: 1, type: 'hello', role: 'participant', token }));
  await welcome;
  return {
    ws,
    inFlight: () => pending !== null,
    start(at, until) {
      stopAt = until;
      // Phones start spread over one interval, not all in the same millisecond.
      setTimeout(submit, Math.max(0, at - Date.now() + Math.random() * intervalMs));
    },
  };
}

async function pool<T>(size: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

const watchers: Socket[] = [];
if (values.cookie) {
  for (const room of rooms)
    watchers.push(await watcher(room.code, 'facilitator', { cookie: values.cookie }), await watcher(room.code, 'projector'));
}
const concurrency = Number(values['join-concurrency']);
const tokens = await pool(concurrency, (i) => join(first + i));
const phones = await pool(concurrency, (i) => phone(tokens[i] as string, first + i));
process.stdout.write('ready\n');

const go = await new Promise<number>((resolve) => {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const m = /^go (\d+)$/.exec(line.trim());
    if (m) resolve(Number(m[1]));
  });
});
const until = go + warmupMs + durationMs;
const cpuBefore = process.cpuUsage();
for (const p of phones) p.start(go, until);
await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())));
const cpu = process.cpuUsage(cpuBefore);
// The last submissions still travelling are waited for (a little), not counted.
const drain = Date.now() + 10_000;
while (phones.some((p) => p.inFlight()) && Date.now() < drain) await new Promise((r) => setTimeout(r, 50));
for (const p of phones) p.ws.close();
for (const w of watchers) w.close();
// Latencies to the tenth of a millisecond; exit once the (large) line is written to the pipe.
const report = {
  acked,
  rejected,
  sent,
  latencies: latencies.map((l) => Math.round(l * 10) / 10),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  errors,
};
process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
