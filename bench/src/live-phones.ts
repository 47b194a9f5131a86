/**
 * The phones of `npm run bench:live`, in their own process: one projector socket and N phones,
 * each joining the room over HTTP, opening a WebSocket, then submitting a keyword and a vote at a
 * random moment within `--spread-ms`. Latency = from a submission leaving the phone to the
 * projector receiving a view whose seq includes it (same process, same clock).
 * Prints one JSON line on stdout: { sent, acked, rejected, latencies summary, errors }.
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

interface Socket {
  readonly readyState: number;
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
    code: { type: 'string' },
    clients: { type: 'string', default: '2000' },
    keyword: { type: 'string' },
    poll: { type: 'string' },
    'spread-ms': { type: 'string', default: '5000' },
    'join-concurrency': { type: 'string', default: '64' },
  },
});
const base = values.url as string;
const code = values.code as string;
const n = Number(values.clients);
const spreadMs = Number(values['spread-ms']);
const wsBase = base.replace(/^http/, 'ws');
const words = [
  'Confiance',
  'la confiance',
  'Écoute',
  'du temps',
  'Volonté',
  'Respect',
  'les objectifs communs',
  'Réciprocité',
  'Proximité',
  'Dialogue',
];

const frames: { at: number; seq: number }[] = [];
const pending: { sentAt: number; seq: number }[] = [];
const latencies: number[] = [];
const ackLatencies: number[] = [];
let sent = 0;
let acked = 0;
let rejected = 0;
const errors: string[] = [];

/** The first projector frame (they arrive in seq order) at or after `sentAt` whose seq covers `seq`. */
function frameFor(seq: number, sentAt: number): { at: number; seq: number } | undefined {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((frames[mid] as { seq: number }).seq >= seq) hi = mid;
    else lo = mid + 1;
  }
  for (let i = lo; i < frames.length; i++) if ((frames[i] as { at: number }).at >= sentAt) return frames[i];
  return undefined;
}

/** An acknowledged submission: matched now if the projector already showed it, else when it does. */
function acknowledged(p: { sentAt: number; seq: number }): void {
  const frame = frameFor(p.seq, p.sentAt);
  if (frame) latencies.push(frame.at - p.sentAt);
  else pending.push(p);
}

function onFrame(frame: { at: number; seq: number }): void {
  frames.push(frame);
  let kept = 0;
  for (const p of pending) {
    if (p.seq <= frame.seq) latencies.push(frame.at - p.sentAt);
    else pending[kept++] = p;
  }
  pending.length = kept;
}

function open(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

async function projector(): Promise<Socket> {
  const ws = await open(`${wsBase}/ws/live/${code}`);
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { type: string; seq?: number };
    if ((m.type === 'results' || m.type === 'welcome') && typeof m.seq === 'number') {
      onFrame({ at: performance.now(), seq: m.seq });
    }
  });
  ws.send(JSON.stringify({ v: 1, type: 'hello', role: 'projector' }));
  return ws;
}

async function join(i: number): Promise<string> {
  const csrf = `bench-csrf-${i}-${Math.random().toString(36).slice(2)}`;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/api/live/join/${code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `maillage_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ name: `Téléphone ${i + 1}`, organisationKind: 'association', territory: null }),
    });
    if (res.status === 201) return ((await res.json()) as { token: string }).token;
    if (attempt > 5) throw new Error(`join ${i}: ${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
}

async function phone(token: string, i: number): Promise<{ ws: Socket; go(start: number): void }> {
  const ws = await open(`${wsBase}/ws/live/${code}`);
  const sentAt = new Map<string, number>();
  let welcomed: () => void = () => {};
  const welcome = new Promise<void>((r) => {
    welcomed = r;
  });
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { type: string; key?: string; seq?: number; code?: string };
    if (m.type === 'welcome') welcomed();
    else if (m.type === 'ack' && m.key && typeof m.seq === 'number') {
      acked++;
      ackLatencies.push(performance.now() - (sentAt.get(m.key) as number));
      acknowledged({ sentAt: sentAt.get(m.key) as number, seq: m.seq });
    } else if (m.type === 'reject' || m.type === 'error') {
      rejected++;
      if (errors.length < 10) errors.push(`${m.type} ${m.code}`);
    }
  });
  ws.send(JSON.stringify({ v: 1, type: 'hello', role: 'participant', token }));
  await welcome;
  const submit = (start: number, key: string, activityId: string, input: unknown) => {
    setTimeout(
      () => {
        sentAt.set(key, performance.now());
        sent++;
        ws.send(JSON.stringify({ v: 1, type: 'submit', key, activityId, input }));
      },
      Math.max(0, start + Math.random() * spreadMs - performance.now()),
    );
  };
  return {
    ws,
    go(start) {
      submit(start, `kw-${i}-bench000`, values.keyword as string, { kind: 'keyword', text: words[i % words.length] });
      submit(start, `vote-${i}-bench00`, values.poll as string, { kind: 'vote', choices: [i % 7] });
    },
  };
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

const proj = await projector();
const tokens: string[] = new Array(n);
const concurrency = Number(values['join-concurrency']);
let next = 0;
const joinStarted = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      tokens[i] = await join(i);
    }
  }),
);
const joinMs = performance.now() - joinStarted;
// Every phone connects, then the submissions start together, spread over `spread-ms`.
const phones: { ws: Socket; go(start: number): void }[] = [];
next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      phones.push(await phone(tokens[i] as string, i));
    }
  }),
);
const start = performance.now() + 500;
for (const p of phones) p.go(start);
const sockets = phones.map((p) => p.ws);
// Wait for every acknowledgement and projector frame (or give up after a while).
const deadline = performance.now() + spreadMs + 60_000;
while ((acked + rejected < 2 * n || pending.length > 0) && performance.now() < deadline) {
  await new Promise((r) => setTimeout(r, 100));
}
for (const s of sockets) s.close();
proj.close();
process.stdout.write(
  `${JSON.stringify({
    sent,
    acked,
    rejected,
    unmatched: pending.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
    ackP50: quantile(ackLatencies, 0.5),
    ackP99: quantile(ackLatencies, 0.99),
    joinMs: Math.round(joinMs),
    errors,
  })}\n`,
);
process.exit(0);
