import type { ClientMessage, LiveRole, ServerMessage, SubmissionInput } from '@maillage/core';

/**
 * The live socket client: one WebSocket to `/ws/live/:code`, reconnected with capped exponential
 * backoff (0.5 s doubling to 10 s, with jitter), resynchronised from the last seq seen, and an
 * offline queue kept in localStorage: a submission stays queued, with its idempotency key, until
 * the server acknowledges it, so nothing typed is lost and nothing is counted twice.
 */
export interface LiveSocketOptions {
  readonly code: string;
  readonly role: LiveRole;
  readonly token?: string;
  onMessage(message: ServerMessage): void;
  onStatus(status: LiveStatus): void;
}

export type LiveStatus = 'connecting' | 'online' | 'offline';

interface Queued {
  readonly key: string;
  readonly activityId: string;
  readonly input: SubmissionInput;
}

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 10_000;

/** A new idempotency key: 22 URL-safe random characters. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export class LiveSocket {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private lastSeq: number | undefined;
  private ready = false;
  private readonly queueKey: string;

  constructor(private readonly options: LiveSocketOptions) {
    this.queueKey = `maillage.live.${options.code}.queue`;
    this.connect();
    window.addEventListener('online', this.retryNow);
  }

  /** Submissions not yet acknowledged (kept across reloads). */
  queued(): Queued[] {
    try {
      return JSON.parse(localStorage.getItem(this.queueKey) ?? '[]') as Queued[];
    } catch {
      return [];
    }
  }

  private save(queue: Queued[]): void {
    localStorage.setItem(this.queueKey, JSON.stringify(queue));
  }

  /** Queues a submission and sends it now if connected. */
  submit(activityId: string, input: SubmissionInput): string {
    const item: Queued = { key: newKey(), activityId, input };
    this.save([...this.queued(), item]);
    this.sendQueued(item);
    return item.key;
  }

  close(): void {
    this.stopped = true;
    window.removeEventListener('online', this.retryNow);
    clearTimeout(this.timer);
    this.ws?.close();
  }

  private readonly retryNow = () => {
    if (this.ws && this.ws.readyState <= 1) return;
    clearTimeout(this.timer);
    this.attempt = 0;
    this.connect();
  };

  private send(message: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private draining = false;

  /** Sends the queue again, paced under the server's rate limit (5 messages per second). */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const keys = this.queued().map((q) => q.key);
    const step = () => {
      const key = keys.shift();
      const item = this.queued().find((q) => q.key === key);
      if (key === undefined || !this.ready) {
        this.draining = false;
        return;
      }
      if (item) this.sendQueued(item);
      setTimeout(step, 220);
    };
    step();
  }

  private sendQueued(item: Queued): void {
    if (this.ready) this.send({ v: 1, type: 'submit', key: item.key, activityId: item.activityId, input: item.input });
  }

  private connect(): void {
    if (this.stopped) return;
    this.options.onStatus('connecting');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/live/${encodeURIComponent(this.options.code)}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    this.ready = false;
    ws.onopen = () => {
      this.send({
        v: 1,
        type: 'hello',
        role: this.options.role,
        ...(this.options.token ? { token: this.options.token } : {}),
        ...(this.lastSeq !== undefined ? { since: this.lastSeq } : {}),
      });
    };
    ws.onmessage = (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if ('seq' in message && message.type !== 'ack') this.lastSeq = Math.max(this.lastSeq ?? 0, message.seq);
      if (message.type === 'welcome' || message.type === 'synced') {
        this.ready = true;
        this.attempt = 0;
        this.options.onStatus('online');
        this.drain();
      } else if (message.type === 'reject' && message.code === 'rate_limited') {
        setTimeout(() => this.drain(), 1000);
      } else if (message.type === 'ack' || (message.type === 'reject' && message.key)) {
        this.save(this.queued().filter((q) => q.key !== message.key));
      } else if (message.type === 'error') {
        // Refusals that another attempt will not change (unknown participant, closed room): stop.
        // Too many wrong codes from this network is only a delay: reconnect with the backoff.
        if (message.code !== 'bad_message' && message.code !== 'rate_limited') this.stopped = true;
      }
      this.options.onMessage(message);
    };
    ws.onclose = () => {
      this.ready = false;
      if (this.stopped) return;
      this.options.onStatus('offline');
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt) * (0.5 + Math.random() / 2);
      this.attempt++;
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }
}

/** Seconds left on a timer, using the server's clock offset. */
export function secondsLeft(endsAt: number, clockOffsetMs: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((endsAt - (now + clockOffsetMs)) / 1000));
}
