/**
 * Progressive delays against guessing (passwords, join codes). A key (an address, an address and
 * an e-mail…) may fail `free` times; past that, each further failure asks to wait twice as long as
 * the previous one (`baseDelayMs`, doubled, at most `maxDelayMs`) before the next attempt. Failures
 * are forgiven at the rate of `free` per `windowMs` (a leaky count), so a slow trickle of honest
 * mistakes never adds up, while a guesser is held to a few attempts per window.
 *
 * The limiter answers "retry after N ms" decisions: the caller refuses (429 with `Retry-After`)
 * instead of holding the request open. The clock is injected (tests move it by hand) and the
 * counts live in a `LimiterStore`: this process's memory with PGlite (one process by
 * construction), the `rate_limits` table with PostgreSQL, so that several processes behind one
 * load balancer hold a guesser to the same count (`limiterStoreFor`).
 */
import { rateLimitsRepo, type Store } from '@maillage/db';

export interface LimiterPolicy {
  /** Failures allowed before any delay. */
  readonly free: number;
  /** The delay after the first failure past `free`; it doubles with each further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** `free` failures are forgiven per `windowMs`. */
  readonly windowMs: number;
}

/** A key's failure count as it stood at its last failure `at` (ms). */
export interface FailureCount {
  readonly count: number;
  readonly at: number;
}

/** Where failure counts live. `fail` is atomic: the count decayed to `t`, plus one. */
export interface LimiterStore {
  get(key: string): Promise<FailureCount | undefined>;
  fail(key: string, t: number, forgivePerMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Counts in a Map, the oldest written dropped past `maxKeys` (memory stays bounded under a spray). */
export class MemoryLimiterStore implements LimiterStore {
  private readonly counts = new Map<string, FailureCount>();

  constructor(readonly maxKeys = 100_000) {}

  async get(key: string): Promise<FailureCount | undefined> {
    return this.counts.get(key);
  }

  async fail(key: string, t: number, forgivePerMs: number): Promise<void> {
    const last = this.counts.get(key);
    const decayed = last ? Math.max(0, last.count - Math.max(0, t - last.at) * forgivePerMs) : 0;
    this.counts.delete(key);
    this.counts.set(key, { count: decayed + 1, at: t });
    if (this.counts.size > this.maxKeys) {
      for (const old of this.counts.keys()) {
        this.counts.delete(old);
        if (this.counts.size <= this.maxKeys) break;
      }
    }
  }

  async delete(key: string): Promise<void> {
    this.counts.delete(key);
  }

  get size(): number {
    return this.counts.size;
  }
}

/**
 * The store for the limiter named `namespace` on this store: the shared table on PostgreSQL
 * (several processes may serve one territory), process memory on PGlite (a single process holds
 * the data folder, so memory already sees every request, and a failed guess costs no write on the
 * thread that also runs the database).
 */
export function limiterStoreFor(store: Store, namespace: string): LimiterStore {
  if (store.kind !== 'postgres') return new MemoryLimiterStore();
  const repo = rateLimitsRepo(store.db, namespace);
  return {
    get: (key) => repo.get(key),
    fail: async (key, t, forgivePerMs) => {
      await repo.fail(key, t, forgivePerMs);
    },
    delete: (key) => repo.delete(key),
  };
}

export class ProgressiveLimiter {
  constructor(
    readonly policy: LimiterPolicy,
    private readonly now: () => number,
    private readonly store: LimiterStore = new MemoryLimiterStore(),
  ) {}

  private get forgivePerMs(): number {
    return this.policy.free / this.policy.windowMs;
  }

  /**
   * Milliseconds to wait before the next attempt under `key`; 0 when it may go now. After `free`
   * failures (less than one of them forgiven) the next attempt waits `baseDelayMs`, after one more
   * twice that, and so on.
   */
  async retryAfterMs(key: string): Promise<number> {
    const t = this.now();
    const last = await this.store.get(key);
    if (!last) return 0;
    // A fully forgiven count is left where it is (the memory store's bound or the table's pruning
    // removes it): deleting it here could erase another process's fresh failure.
    const count = last.count - Math.max(0, t - last.at) * this.forgivePerMs;
    if (count <= this.policy.free - 1) return 0;
    const doublings = Math.max(0, Math.ceil(count - this.policy.free));
    const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** doublings);
    return Math.max(0, Math.ceil(last.at + delay - t));
  }

  /** The longest wait among `keys`. */
  async retryAfterMsOf(keys: readonly string[]): Promise<number> {
    return Math.max(0, ...(await Promise.all(keys.map((k) => this.retryAfterMs(k)))));
  }

  async fail(key: string): Promise<void> {
    await this.store.fail(key, this.now(), this.forgivePerMs);
  }

  async reset(key: string): Promise<void> {
    await this.store.delete(key);
  }
}

/** `Retry-After` is in whole seconds, at least 1 when there is anything to wait. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
