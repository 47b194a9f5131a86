import {
  type AppendInput,
  type AppendOutcome,
  applyEvent,
  decideSubmission,
  emptyRoom,
  type LiveEvent,
  type LiveRejectCode,
  type LiveRepo,
  type LiveRole,
  type LiveRoomRecord,
  meView,
  PROTOCOL_VERSION,
  participantResultsView,
  type Result,
  type RoomState,
  resultsView,
  roomView,
  type ServerMessage,
  type StoredLiveEvent,
  type SubmissionInput,
} from '@maillage/core';
import { type PgChannelPool, pgChannel } from '../system/pg-channel';

/** One open WebSocket, as the hub sees it. */
export interface LiveConnection {
  readonly role: LiveRole;
  readonly participantId: string | null;
  send(data: string): void;
  /** Bytes queued and not yet sent: a slow client skips result frames instead of piling them up. */
  buffered(): number;
}

/** Tells the other server processes that a room has new events (PostgreSQL NOTIFY), or nothing (PGlite). */
export interface FanOut {
  publish(roomId: string, seq: number): Promise<void>;
  close(): Promise<void>;
}

/** What one caller asked to append: stored together, in one transaction, or not at all. */
interface Pending {
  readonly inputs: readonly AppendInput[];
  resolve(outcomes: AppendOutcome[]): void;
  reject(error: unknown): void;
}

/** A loaded room: its state (the fold of its log), its connections, its write queue. */
export class LiveRoomRuntime {
  /** Replaced only when the log is rewritten in place (`LiveHub.refold`). */
  state: RoomState;
  readonly connections = new Set<LiveConnection>();
  readonly byParticipant = new Map<string, Set<LiveConnection>>();
  /** `participantId key` → seq of what is already stored: retries are answered without a write. */
  readonly keys = new Map<string, number>();
  queue: Pending[] = [];
  flushing = false;
  /** Serialises the folding of events, from this process's writes and from other processes. */
  chain: Promise<void> = Promise.resolve();
  remotePending = false;
  dirtyRoom = false;
  dirtyResults = false;
  dirtyMe = false;
  /** Participants whose own view changed (their idea, their vote, their urgency). */
  readonly dirtyParticipants = new Set<string>();
  /** The phones' copy of the results (cloud, wall, tallies) is refreshed less often than the projector's. */
  dirtyPhoneResults = false;
  tick: ReturnType<typeof setTimeout> | null = null;
  /** When the planned broadcast fires (clock of `LiveHubOptions.now`). */
  tickAt = 0;
  lastFlushAt = 0;
  lastPhoneResultsAt = 0;
  /** Last use by this process (clock of `LiveHubOptions.now`): a connection, a read, a write. */
  lastUsedAt = 0;
  /** Cancels the planned idle check, if one is planned. */
  cancelIdle: (() => void) | null = null;

  constructor(readonly record: LiveRoomRecord) {
    this.state = emptyRoom(record.id, record.code, record.title);
  }
}

const SLOW_CLIENT_BYTES = 1 << 20;
/** The sequence number a notification carries when a room's log was rewritten in place (real ones start at 1). */
const REWRITTEN = 0;
const BATCH = 1000;
/** Smallest interval between two result frames sent to every phone of a room. */
const PHONE_RESULTS_MS = 1000;

export interface LiveHubOptions {
  /** Smallest interval between two result broadcasts of a room (the cloud, the tallies). */
  readonly coalesceMs: number;
  readonly now: () => number;
  readonly log?: { error(obj: unknown, msg?: string): void };
  /**
   * A room with no connection here and no use for this long leaves this process's memory (its log
   * stays the truth; the next use loads it again). Default `IDLE_UNLOAD_MS`; 0 keeps every room.
   */
  readonly idleUnloadMs?: number;
  /** Runs `fn` after `ms`; returns what cancels it (tests pass their own, to fire it by hand). */
  readonly schedule?: (fn: () => void, ms: number) => () => void;
}

/** Default idle delay before a loaded room leaves memory. */
export const IDLE_UNLOAD_MS = 30 * 60_000;

const realSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/**
 * The live rooms of this server process. Writes go through a per-room queue committed in batches
 * (group commit: while one batch is being written, the next fills up), and are acknowledged only
 * once committed. Views are pushed at most every `coalesceMs`, each serialised once per kind
 * (everyone, projector, facilitator). Other processes on the same PostgreSQL learn of new events by
 * NOTIFY and read them from the log, so a phone on one process and the projector on another see
 * the same room.
 */
export class LiveHub {
  private readonly rooms = new Map<string, Promise<LiveRoomRuntime>>();
  private fanOut: FanOut | undefined;
  private closed = false;

  constructor(
    readonly repo: LiveRepo,
    private readonly options: LiveHubOptions,
  ) {}

  useFanOut(fanOut: FanOut): void {
    this.fanOut = fanOut;
  }

  /** The room, loaded from its log on first use (and again after it was unloaded, idle). */
  room(roomId: string): Promise<LiveRoomRuntime | undefined> {
    let loading = this.rooms.get(roomId);
    if (!loading) {
      loading = (async () => {
        const record = await this.repo.findRoomById(roomId);
        if (!record) throw new RoomMissing();
        const rt = new LiveRoomRuntime(record);
        for (const e of await this.repo.eventsSince(roomId, 0)) this.fold(rt, e);
        rt.dirtyRoom = rt.dirtyResults = rt.dirtyMe = false;
        return rt;
      })();
      this.rooms.set(roomId, loading);
      loading.catch(() => this.rooms.delete(roomId));
    }
    return loading.then(
      (rt) => {
        this.touch(rt);
        return rt;
      },
      (error) => {
        if (error instanceof RoomMissing) return undefined;
        throw error;
      },
    );
  }

  private get idleUnloadMs(): number {
    return this.options.idleUnloadMs ?? IDLE_UNLOAD_MS;
  }

  /** The room was used: it stays loaded for `idleUnloadMs` more once nobody is connected. */
  private touch(rt: LiveRoomRuntime): void {
    rt.lastUsedAt = this.options.now();
    if (rt.connections.size === 0) this.armIdle(rt, this.idleUnloadMs);
  }

  private armIdle(rt: LiveRoomRuntime, ms: number): void {
    rt.cancelIdle?.();
    rt.cancelIdle = null;
    if (this.closed || this.idleUnloadMs <= 0) return;
    rt.cancelIdle = (this.options.schedule ?? realSchedule)(() => void this.unloadIfIdle(rt), ms);
  }

  /**
   * Unloads the room when nobody is connected here, nothing is being written or read and it was
   * not used for `idleUnloadMs`: its memory (state, retry keys, connections' bookkeeping) is
   * released; its log keeps everything, so the next use folds the same room again.
   */
  private async unloadIfIdle(rt: LiveRoomRuntime): Promise<void> {
    rt.cancelIdle = null;
    if (this.closed || rt.connections.size > 0) return;
    const idleFor = this.options.now() - rt.lastUsedAt;
    if (idleFor < this.idleUnloadMs) return this.armIdle(rt, this.idleUnloadMs - idleFor);
    if (rt.flushing || rt.queue.length > 0 || rt.remotePending) return this.armIdle(rt, this.idleUnloadMs);
    const loading = this.rooms.get(rt.record.id);
    if (!loading || (await loading.catch(() => undefined)) !== rt) return;
    await rt.chain.catch(() => {});
    if (rt.connections.size > 0 || rt.flushing || rt.queue.length > 0 || this.rooms.get(rt.record.id) !== loading) return;
    if (rt.tick) clearTimeout(rt.tick);
    rt.tick = null;
    this.rooms.delete(rt.record.id);
  }

  private readonly codes = new Map<string, string>();

  async roomByCode(code: string): Promise<LiveRoomRuntime | undefined> {
    let roomId = this.codes.get(code);
    if (!roomId) {
      const record = await this.repo.findRoomByCode(code);
      if (!record) return undefined;
      roomId = record.id;
      this.codes.set(code, roomId);
    }
    return this.room(roomId);
  }

  /** Loaded rooms only (for catching up after a lost notification channel). */
  loadedRoomIds(): string[] {
    return [...this.rooms.keys()];
  }

  private fold(rt: LiveRoomRuntime, e: StoredLiveEvent): void {
    const changed = applyEvent(rt.state, e);
    if (e.participantId && e.key) rt.keys.set(`${e.participantId} ${e.key}`, e.seq);
    if (changed === 'none') return;
    rt.dirtyResults = true;
    rt.dirtyPhoneResults = true;
    if (changed === 'room') {
      rt.dirtyRoom = true;
      rt.dirtyMe = true; // the current activity changes what each phone has already sent
    } else if (changed === 'me') rt.dirtyMe = true;
    else if (changed === 'mine' && e.participantId) rt.dirtyParticipants.add(e.participantId);
  }

  /** Folds committed events in seq order; a hole (another process wrote in between) is read from the log. */
  private integrate(rt: LiveRoomRuntime, batch: readonly StoredLiveEvent[]): Promise<void> {
    rt.chain = rt.chain.then(async () => {
      const next = batch.filter((e) => e.seq > rt.state.seq).sort((a, b) => a.seq - b.seq);
      if (next.length === 0) return;
      const first = rt.state.seq + 1;
      const contiguous = next.every((e, i) => e.seq === first + i);
      const events = contiguous ? next : await this.repo.eventsSince(rt.record.id, rt.state.seq);
      for (const e of events) this.fold(rt, e);
      this.schedule(rt);
    });
    return rt.chain;
  }

  /**
   * Another process wrote to a room: read what is new from the log (coalesced). A notification of
   * seq 0 (`REWRITTEN`) says the log was rewritten in place: the room is folded again.
   */
  async remoteChanged(roomId: string, seq: number): Promise<void> {
    if (seq === REWRITTEN) return this.refold(roomId, { tellOthers: false });
    const loading = this.rooms.get(roomId);
    if (!loading) return;
    const rt = await loading.catch(() => undefined);
    if (!rt || seq <= rt.state.seq || rt.remotePending) return;
    rt.remotePending = true;
    rt.chain = rt.chain.then(async () => {
      rt.remotePending = false;
      for (const e of await this.repo.eventsSince(rt.record.id, rt.state.seq)) this.fold(rt, e);
      this.schedule(rt);
    });
    await rt.chain.catch((error) => this.options.log?.error(error, 'live: lecture des événements distants'));
  }

  /**
   * Folds a loaded room again from its whole log, after the log was rewritten in place (a person's
   * erasure anonymised her name and texts), and pushes every view anew; the other processes are
   * told to do the same.
   */
  async refold(roomId: string, options = { tellOthers: true }): Promise<void> {
    if (options.tellOthers) {
      await this.fanOut?.publish(roomId, REWRITTEN).catch((error) => this.options.log?.error(error, 'live: NOTIFY'));
    }
    const loading = this.rooms.get(roomId);
    const rt = loading ? await loading.catch(() => undefined) : undefined;
    if (!rt) return;
    rt.chain = rt.chain.then(async () => {
      const events = await this.repo.eventsSince(rt.record.id, 0);
      rt.state = emptyRoom(rt.record.id, rt.record.code, rt.record.title);
      for (const e of events) this.fold(rt, e);
      rt.dirtyRoom = rt.dirtyResults = rt.dirtyMe = rt.dirtyPhoneResults = true;
      this.schedule(rt);
    });
    // The rewrite is committed already: a failure here is logged, not the caller's.
    await rt.chain.catch((error) => this.options.log?.error(error, 'live: nouvelle lecture de la salle réécrite'));
  }

  /** An event written to the log outside the hub (a participant joining): fold it here, tell the other processes. */
  async written(roomId: string, stored: StoredLiveEvent): Promise<void> {
    const loading = this.rooms.get(roomId);
    const rt = loading ? await loading.catch(() => undefined) : undefined;
    if (rt) await this.integrate(rt, [stored]);
    await this.fanOut?.publish(roomId, stored.seq).catch((error) => this.options.log?.error(error, 'live: NOTIFY'));
  }

  /** Appends events (group commit) and resolves once they are stored and folded into the state. */
  append(rt: LiveRoomRuntime, input: AppendInput): Promise<AppendOutcome> {
    return this.appendAll(rt, [input]).then((outcomes) => outcomes[0] as AppendOutcome);
  }

  /** Appends several events of one caller in the same transaction (all or none), in order. */
  appendAll(rt: LiveRoomRuntime, inputs: readonly AppendInput[]): Promise<AppendOutcome[]> {
    return new Promise((resolve, reject) => {
      rt.queue.push({ inputs, resolve, reject });
      if (!rt.flushing) void this.flush(rt);
    });
  }

  private async flush(rt: LiveRoomRuntime): Promise<void> {
    rt.flushing = true;
    try {
      while (rt.queue.length > 0) {
        const batch = rt.queue.splice(0, BATCH);
        const inputs = batch.flatMap((p) => p.inputs);
        try {
          const outcomes = await this.repo.append(rt.record.id, inputs, { keysAreNew: true });
          const stored: StoredLiveEvent[] = [];
          outcomes.forEach((o, i) => {
            const input = inputs[i] as AppendInput;
            if (!o.duplicate)
              stored.push({ seq: o.seq, event: input.event, participantId: input.participantId ?? null, key: input.key ?? null });
          });
          await this.integrate(rt, stored);
          const last = stored.reduce((m, e) => Math.max(m, e.seq), 0);
          if (last > 0 && this.fanOut) {
            this.fanOut.publish(rt.record.id, last).catch((error) => this.options.log?.error(error, 'live: NOTIFY'));
          }
          let at = 0;
          for (const p of batch) {
            p.resolve(outcomes.slice(at, at + p.inputs.length));
            at += p.inputs.length;
          }
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      rt.flushing = false;
      this.touch(rt);
    }
  }

  /** Runs a facilitator command: decide from the current state, store the events, fold them. */
  async command<E extends string>(
    rt: LiveRoomRuntime,
    decide: (state: RoomState) => Result<LiveEvent[], E>,
  ): Promise<Result<number, E | 'room_closed'>> {
    await rt.chain;
    // A closed room takes no more commands (exports and reads do not come through here).
    if (rt.state.closed) return { ok: false, error: 'room_closed' };
    const decided = decide(rt.state);
    if (!decided.ok) return decided;
    if (decided.value.length === 0) return { ok: true, value: rt.state.seq };
    // One transaction for the whole decision: a paper sheet typed back is stored whole or not at all.
    const outcomes = await this.appendAll(
      rt,
      decided.value.map((event) => ({ event })),
    );
    return { ok: true, value: Math.max(...outcomes.map((o) => o.seq)) };
  }

  /** A participant's submission: a retry is acknowledged again, a new one is checked, stored, then acknowledged. */
  async submit(
    rt: LiveRoomRuntime,
    participantId: string,
    key: string,
    activityId: string,
    input: SubmissionInput,
  ): Promise<{ ok: true; seq: number; duplicate: boolean } | { ok: false; code: LiveRejectCode }> {
    const known = rt.keys.get(`${participantId} ${key}`);
    if (known !== undefined) return { ok: true, seq: known, duplicate: true };
    const decided = decideSubmission(rt.state, participantId, activityId, input);
    if (!decided.ok) return { ok: false, code: decided.error };
    const outcome = await this.append(rt, { event: decided.value, participantId, key });
    return { ok: true, seq: outcome.seq, duplicate: outcome.duplicate };
  }

  attach(rt: LiveRoomRuntime, conn: LiveConnection): void {
    rt.cancelIdle?.();
    rt.cancelIdle = null;
    rt.lastUsedAt = this.options.now();
    rt.connections.add(conn);
    if (conn.participantId) {
      const set = rt.byParticipant.get(conn.participantId) ?? new Set();
      set.add(conn);
      rt.byParticipant.set(conn.participantId, set);
    }
  }

  detach(rt: LiveRoomRuntime, conn: LiveConnection): void {
    rt.connections.delete(conn);
    if (conn.participantId) {
      const set = rt.byParticipant.get(conn.participantId);
      set?.delete(conn);
      if (set && set.size === 0) rt.byParticipant.delete(conn.participantId);
    }
    this.touch(rt);
  }

  /** The first frame after `hello`: the whole view, or `synced` when the client is already up to date. */
  welcome(rt: LiveRoomRuntime, conn: LiveConnection, since: number | undefined): ServerMessage {
    const serverTime = this.options.now();
    if (since !== undefined && since >= rt.state.seq) return { v: PROTOCOL_VERSION, type: 'synced', seq: rt.state.seq, serverTime };
    const me = conn.participantId ? meView(rt.state, conn.participantId) : null;
    return {
      v: PROTOCOL_VERSION,
      type: 'welcome',
      role: conn.role,
      serverTime,
      seq: rt.state.seq,
      room: roomView(rt.state),
      ...(me ? { me } : {}),
      results:
        conn.role === 'participant'
          ? participantResultsView(rt.state)
          : resultsView(rt.state, { includeHidden: conn.role === 'facilitator' }),
    };
  }

  /** Plans the next broadcast: soon for the projector and the console, within a second for the phones' results. */
  private schedule(rt: LiveRoomRuntime): void {
    if (this.closed) return;
    let due: number;
    if (rt.dirtyRoom || rt.dirtyResults || rt.dirtyMe || rt.dirtyParticipants.size > 0) due = rt.lastFlushAt + this.options.coalesceMs;
    else if (rt.dirtyPhoneResults) due = rt.lastPhoneResultsAt + PHONE_RESULTS_MS;
    else return;
    // A broadcast already planned early enough serves; one planned later (the phones') is brought forward.
    if (rt.tick && rt.tickAt <= due) return;
    if (rt.tick) clearTimeout(rt.tick);
    rt.tickAt = due;
    rt.tick = setTimeout(() => this.broadcast(rt), Math.max(0, due - this.options.now()));
  }

  /** Pushes what changed since the last broadcast: each message serialised once, sent to those concerned. */
  private broadcast(rt: LiveRoomRuntime): void {
    rt.tick = null;
    rt.lastFlushAt = this.options.now();
    const { state } = rt;
    if (rt.dirtyRoom) {
      const frame = JSON.stringify({ v: PROTOCOL_VERSION, type: 'room', seq: state.seq, room: roomView(state) } satisfies ServerMessage);
      for (const c of rt.connections) c.send(frame);
    }
    if (rt.dirtyResults) {
      let pub: string | undefined;
      let full: string | undefined;
      const frame = (includeHidden: boolean) =>
        JSON.stringify({
          v: PROTOCOL_VERSION,
          type: 'results',
          seq: state.seq,
          participants: state.participants.size,
          results: resultsView(state, { includeHidden }),
        } satisfies ServerMessage);
      for (const c of rt.connections) {
        if (c.role === 'participant' || c.buffered() > SLOW_CLIENT_BYTES) continue;
        if (c.role === 'facilitator') c.send((full ??= frame(true)));
        else c.send((pub ??= frame(false)));
      }
    }
    const sendMe = (participantId: string, conns: Set<LiveConnection>) => {
      const me = meView(state, participantId);
      if (!me) return;
      const frame = JSON.stringify({ v: PROTOCOL_VERSION, type: 'me', seq: state.seq, me } satisfies ServerMessage);
      for (const c of conns) c.send(frame);
    };
    if (rt.dirtyMe) {
      for (const [participantId, conns] of rt.byParticipant) sendMe(participantId, conns);
    } else {
      for (const participantId of rt.dirtyParticipants) {
        const conns = rt.byParticipant.get(participantId);
        if (conns) sendMe(participantId, conns);
      }
    }
    rt.dirtyParticipants.clear();
    rt.dirtyRoom = rt.dirtyResults = rt.dirtyMe = false;
    // Phones get the current activity's results (the cloud, the wall) at most once a second.
    if (rt.dirtyPhoneResults && rt.lastFlushAt - rt.lastPhoneResultsAt >= PHONE_RESULTS_MS) {
      rt.dirtyPhoneResults = false;
      rt.lastPhoneResultsAt = rt.lastFlushAt;
      const results = participantResultsView(state);
      if (Object.keys(results).length > 0) {
        const frame = JSON.stringify({
          v: PROTOCOL_VERSION,
          type: 'results',
          seq: state.seq,
          participants: state.participants.size,
          results,
        } satisfies ServerMessage);
        for (const c of rt.connections) if (c.role === 'participant' && c.buffered() <= SLOW_CLIENT_BYTES) c.send(frame);
      }
    }
    if (rt.dirtyPhoneResults) this.schedule(rt);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const loading of this.rooms.values()) {
      const rt = await loading.catch(() => undefined);
      if (rt?.tick) clearTimeout(rt.tick);
      rt?.cancelIdle?.();
    }
    await this.fanOut?.close();
  }
}

class RoomMissing extends Error {}

/** Fan-out through PostgreSQL LISTEN/NOTIFY (`system/pg-channel.ts`): payloads are `roomId:seq`. */
export async function pgFanOut(
  pool: PgChannelPool,
  onNotify: (roomId: string, seq: number) => void,
  onReconnect: () => void,
  log?: LiveHubOptions['log'],
): Promise<FanOut> {
  const channel = await pgChannel(
    pool,
    'maillage_live',
    (payload) => {
      const [roomId, seq] = payload.split(':');
      if (roomId && seq) onNotify(roomId, Number(seq));
    },
    onReconnect,
    log,
  );
  return {
    publish: (roomId, seq) => channel.publish(`${roomId}:${seq}`),
    close: () => channel.close(),
  };
}
