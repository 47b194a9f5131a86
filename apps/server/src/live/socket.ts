import { createHash } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import {
  can,
  type LiveRejectCode,
  liveRejectMessages,
  MAX_CLIENT_MESSAGE_BYTES,
  normaliseJoinCode,
  PROTOCOL_VERSION,
  parseClientMessage,
  type ServerMessage,
} from '@maillage/core';
import { liveRepo } from '@maillage/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps';
import { cachedLiveRepo } from './cached-repo';
import { type LiveConnection, LiveHub, type LiveRoomRuntime, pgFanOut } from './hub';
import { limiterStoreFor } from '../http/rate-limit';
import { JoinGuard } from './join-guard';

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
    /** Slows down wrong join codes per address (REST joins and greetings). */
    liveJoinGuard: JoinGuard;
  }
}

/** A socket that has not greeted (a valid `hello`) this long after opening is closed. */
export const GREETING_TIMEOUT_MS = 10_000;

export interface LiveOptions {
  /** How long a socket may stay open without a valid greeting (default `GREETING_TIMEOUT_MS`). */
  readonly greetingTimeoutMs?: number;
  /** Runs `fn` after `ms`; returns what cancels it (tests pass their own, to fire it by hand). */
  readonly schedule?: (fn: () => void, ms: number) => () => void;
}

const realSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/** Per connection: a token bucket of `RATE_BURST` messages refilled at `RATE_PER_SECOND`. */
export const RATE_PER_SECOND = 5;
export const RATE_BURST = 20;
/** Past this many refused messages the connection is closed (policy violation). */
const MAX_REFUSALS = 100;

/**
 * A storm of reconnections (`hello` with `since`): at least `RESYNC_STORM` of them within
 * `RESYNC_QUIET_MS`. While one lasts, submissions are held back, each for at most `RESYNC_HOLD_MS`.
 */
export const RESYNC_STORM = 10;
export const RESYNC_QUIET_MS = 150;
export const RESYNC_HOLD_MS = 1500;

/**
 * After a restart every phone reconnects at once and resends its outbox. Answering the
 * reconnections first resynchronises every phone sooner (a greeting reads memory only once the room
 * is loaded), while submissions wait for a lull and are then stored together, in a few large
 * transactions instead of hundreds of small ones (PGlite commits on the event loop's thread).
 * Only storms of reconnections count: a crowd joining for the first time sends no `since`, and a
 * few phones coming back from a wifi drop are not a storm, so the submissions of a normal session
 * are not held. A submission waits at most `RESYNC_HOLD_MS`.
 */
export function resyncGate(now: () => number) {
  let lastResync = Number.NEGATIVE_INFINITY;
  let recent: number[] = [];
  let waiting: { deadline: number; go: () => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const release = () => {
    timer = undefined;
    const t = now();
    const quiet = t - lastResync >= RESYNC_QUIET_MS;
    const ready = quiet ? waiting : waiting.filter((w) => w.deadline <= t);
    waiting = quiet ? [] : waiting.filter((w) => w.deadline > t);
    for (const w of ready) w.go();
    arm();
  };
  const arm = () => {
    if (timer || waiting.length === 0) return;
    const next = Math.min(lastResync + RESYNC_QUIET_MS, ...waiting.map((w) => w.deadline));
    timer = setTimeout(release, Math.max(0, next - now()));
  };
  return {
    resyncing() {
      const t = now();
      recent = recent.filter((r) => t - r < RESYNC_QUIET_MS);
      recent.push(t);
      if (recent.length >= RESYNC_STORM) lastResync = t;
    },
    passed(): Promise<void> {
      const t = now();
      if (t - lastResync >= RESYNC_QUIET_MS) return Promise.resolve();
      return new Promise((go) => {
        waiting.push({ deadline: t + RESYNC_HOLD_MS, go });
        arm();
      });
    },
  };
}

/** Minimal view of a `ws` socket (the package ships no types here). */
interface Socket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

export const hashParticipantToken = (token: string) => createHash('sha256').update(token).digest('hex');

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Live facilitation over WebSockets: `/ws/live/:code`. The first message is `hello` (role,
 * participant token, last seq seen); then participants `submit`, and everyone receives views.
 * Limits per connection: frame size (`MAX_CLIENT_MESSAGE_BYTES`, enforced by ws too) and rate.
 */
export async function registerLive(app: FastifyInstance, deps: AppDeps, options: LiveOptions = {}): Promise<void> {
  const now = () => deps.now().getTime();
  const hub = new LiveHub(cachedLiveRepo(liveRepo(deps.store.db), now), {
    coalesceMs: 150,
    now: () => deps.now().getTime(),
    log: app.log,
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  app.decorate('live', hub);
  const guard = new JoinGuard(now, (namespace) => limiterStoreFor(deps.store, namespace));
  app.decorate('liveJoinGuard', guard);
  const schedule = options.schedule ?? realSchedule;
  const greetingTimeoutMs = options.greetingTimeoutMs ?? GREETING_TIMEOUT_MS;
  /** Open sockets per client address: a whole venue shares one, so the cap is generous. */
  const openPerAddress = new Map<string, number>();
  const maxPerAddress = deps.config.LIVE_MAX_SOCKETS_PER_ADDRESS;
  if (deps.store.kind === 'postgres') {
    // Several processes on one PostgreSQL: a room's new events are announced by NOTIFY.
    hub.useFanOut(
      await pgFanOut(
        deps.store.pool as never,
        (roomId, seq) => void hub.remoteChanged(roomId, seq),
        () => {
          for (const id of hub.loadedRoomIds()) void hub.remoteChanged(id, Number.MAX_SAFE_INTEGER);
        },
        app.log,
      ),
    );
  }
  app.addHook('onClose', async () => {
    await hub.close();
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES * 2 } });
  /**
   * Submissions read in one turn of the event loop go to the hub together, so its group commit
   * stores them in one transaction. With PGlite the database runs on this thread: while it commits,
   * no frame is read, so without this each submission got a transaction of its own. After a SIGKILL,
   * 500 phones resending their outboxes then cost 7,070 transactions, the event loop was saturated
   * and the phones still reconnecting waited seconds for their connection to be accepted.
   */
  const resyncs = resyncGate(() => performance.now());
  const submitting: (() => void)[] = [];
  const afterThisTurn = () =>
    new Promise<void>((resolve) => {
      submitting.push(resolve);
      if (submitting.length === 1)
        setImmediate(() => {
          for (const go of submitting.splice(0)) go();
        });
    });
  app.register(async (scoped) => {
    scoped.get<{ Params: { code: string } }>('/ws/live/:code', { websocket: true }, (rawSocket, request) => {
      const socket = rawSocket as unknown as Socket;
      const address = request.ip ?? '';
      const opened = (openPerAddress.get(address) ?? 0) + 1;
      if (opened > maxPerAddress) {
        // No error frame: the client reconnects later with its backoff.
        socket.on('error', () => {});
        socket.close(1013, 'trop de connexions depuis cette adresse');
        return;
      }
      openPerAddress.set(address, opened);
      let counted = true;
      /** Frees this socket's place under the cap: when it closes, or as soon as the server closes it. */
      const uncount = () => {
        if (!counted) return;
        counted = false;
        const left = (openPerAddress.get(address) ?? 1) - 1;
        if (left > 0) openPerAddress.set(address, left);
        else openPerAddress.delete(address);
      };
      const close = (closeCode: number, reason: string) => {
        uncount();
        socket.close(closeCode, reason);
      };
      const code = normaliseJoinCode(String(request.params.code ?? ''));
      let rt: LiveRoomRuntime | undefined;
      let conn: LiveConnection | undefined;
      let greeting = false;
      let tokens = RATE_BURST;
      let refill = deps.now().getTime();
      let refusals = 0;
      const send = (message: ServerMessage) => {
        if (socket.readyState === 1) socket.send(JSON.stringify(message));
      };
      const refuse = (code: LiveRejectCode, key?: string) => {
        refusals++;
        send({ v: PROTOCOL_VERSION, type: 'reject', ...(key ? { key } : {}), code, message: liveRejectMessages[code] });
        if (refusals > MAX_REFUSALS) close(1008, 'trop de messages refusés');
      };
      const fatal = (code: LiveRejectCode, closeCode: number) => {
        send({ v: PROTOCOL_VERSION, type: 'error', code, message: liveRejectMessages[code] });
        close(closeCode, code);
      };
      // A socket that never greets is closed (no error frame: the client may reconnect and greet).
      // The check waits one turn so that a greeting already received (a busy event loop) is read first.
      const cancelGreetingTimeout = schedule(() => {
        setImmediate(() => {
          if (!greeting && !conn && socket.readyState <= 1) close(4408, 'pas de salutation');
        });
      }, greetingTimeoutMs);
      socket.on('error', () => {});
      socket.on('close', () => {
        cancelGreetingTimeout();
        uncount();
        if (rt && conn) hub.detach(rt, conn);
      });
      socket.on('message', (data, isBinary) => {
        const now = deps.now().getTime();
        tokens = Math.min(RATE_BURST, tokens + ((now - refill) / 1000) * RATE_PER_SECOND);
        refill = now;
        if (tokens < 1) return refuse('rate_limited');
        tokens -= 1;
        if (isBinary) return refuse('bad_message');
        const parsed = parseClientMessage(data.toString('utf8'));
        if (!parsed.ok) return parsed.code === 'unsupported_version' ? fatal(parsed.code, 4400) : refuse(parsed.code);
        const message = parsed.message;
        void (async () => {
          if (message.type === 'ping') {
            send({ v: PROTOCOL_VERSION, type: 'pong', t: message.t, serverTime: deps.now().getTime() });
            return;
          }
          if (message.type === 'hello') {
            if (conn || greeting) return refuse('bad_message');
            greeting = true;
            cancelGreetingTimeout();
            if (message.since !== undefined) resyncs.resyncing();
            const room = await hub.roomByCode(code);
            // A participant's token or a facilitator's session prove more than the code: such greetings
            // are never slowed down by wrong codes guessed from the same address (a venue shares one).
            let participantId: string | null = null;
            let facilitates = false;
            if (room && message.role === 'participant' && message.token) {
              const found = await hub.repo.findParticipantByToken(room.record.id, hashParticipantToken(message.token));
              participantId = found?.id ?? null;
            } else if (room && message.role !== 'participant') {
              facilitates = sameOrigin(request) && can(request.actor, 'live.room.facilitate', { territoryId: room.record.territoryId });
            }
            if (!participantId && !facilitates) {
              // Only the code: probing codes over the socket is slowed down like joining.
              if ((await guard.retryAfterMs(address, code)) > 0) return fatal('rate_limited', 4429);
              if (!room) await guard.wrongCode(address, code);
            }
            if (!room) return fatal('room_not_found', 4404);
            guard.rightCode(address, code);
            // A closed room serves no one any more, the projector included.
            if (room.record.closedAt || room.state.closed) return fatal('room_closed', 4410);
            if (message.role === 'participant' && !participantId) return fatal('unknown_participant', 4401);
            if (message.role === 'facilitator' && !facilitates) return fatal('forbidden', 4403);
            rt = room;
            let closing = false;
            conn = {
              role: message.role,
              participantId,
              send: (frame) => {
                if (socket.readyState === 1) socket.send(frame);
                // The room was closed while the projector watched: it keeps the last view it got
                // (this broadcast's, sent in full first), and is served no more.
                if (message.role === 'projector' && room.state.closed && !closing) {
                  closing = true;
                  setImmediate(() => fatal('room_closed', 4410));
                }
              },
              buffered: () => socket.bufferedAmount,
            };
            await rt.chain;
            hub.attach(rt, conn);
            send(hub.welcome(rt, conn, message.since));
            return;
          }
          // submit
          if (!rt || !conn) return refuse('not_joined', message.key);
          await resyncs.passed();
          await afterThisTurn();
          if (conn.role !== 'participant' || !conn.participantId) return refuse('forbidden', message.key);
          const result = await hub.submit(rt, conn.participantId, message.key, message.activityId, message.input);
          if (result.ok) send({ v: PROTOCOL_VERSION, type: 'ack', key: message.key, seq: result.seq, duplicate: result.duplicate });
          else refuse(result.code, message.key);
        })().catch((error) => {
          app.log.error(error, 'live: message');
          if (message.type === 'submit') {
            // Not stored: the client keeps it in its queue and sends it again.
            send({
              v: PROTOCOL_VERSION,
              type: 'error',
              code: 'bad_message',
              message: 'Enregistrement impossible pour l’instant : votre envoi est gardé et sera renvoyé.',
            });
          }
          // A greeting that failed leaves no half-open socket: the client reconnects and greets again.
          if (message.type === 'hello' && !conn) close(1011, 'salutation impossible');
        });
      });
    });
  });
}
