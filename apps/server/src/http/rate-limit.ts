/**
 * Progressive delays against guessing (passwords, join codes). A key (an address, an address and
 * an e-mail…) may fail `free` times; past that, each further failure asks to wait twice as long as
 * the previous one (`baseDelayMs`, doubled, at most `maxDelayMs`) before the next attempt. Failures
 * are forgiven at the rate of `free` per `windowMs` (a leaky count), so a slow trickle of honest
 * mistakes never adds up, while a guesser is held to a few attempts per window.
 *
 * The limiter answers "retry after N ms" decisions: the caller refuses (429 with `Retry-After`)
 * instead of holding the request open. The clock is injected (tests move it by hand) and the
 * counts live in a `LimiterStore`: in this process's memory for now (reset on restart, per
 * process), a shared store can replace it without changing the callers.
 */

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

export interface LimiterStore {
  get(key: string): FailureCount | undefined;
  set(key: string, value: FailureCount): void;
  delete(key: string): void;
}

/** Counts in a Map, the oldest written dropped past `maxKeys` (memory stays bounded under a spray). */
export class MemoryLimiterStore implements LimiterStore {
  private readonly counts = new Map<string, FailureCount>();

  constructor(readonly maxKeys = 100_000) {}

  get(key: string): FailureCount | undefined {
    return this.counts.get(key);
  }

  set(key: string, value: FailureCount): void {
    this.counts.delete(key);
    this.counts.set(key, value);
    if (this.counts.size > this.maxKeys) {
      for (const old of this.counts.keys()) {
        this.counts.delete(old);
        if (this.counts.size <= this.maxKeys) break;
      }
    }
  }

  delete(key: string): void {
    this.counts.delete(key);
  }

  get size(): number {
    return this.counts.size;
  }
}

export class ProgressiveLimiter {
  constructor(
    readonly policy: LimiterPolicy,
    private readonly now: () => number,
    private readonly store: LimiterStore = new MemoryLimiterStore(),
  ) {}

  /** The count of `key` now, after forgiveness since its last failure. */
  private countNow(key: string, t: number): number {
    const last = this.store.get(key);
    if (!last) return 0;
    const count = last.count - (Math.max(0, t - last.at) * this.policy.free) / this.policy.windowMs;
    if (count <= 0) {
      this.store.delete(key);
      return 0;
    }
    return count;
  }

  /**
   * Milliseconds to wait before the next attempt under `key`; 0 when it may go now. After `free`
   * failures (less than one of them forgiven) the next attempt waits `baseDelayMs`, after one more
   * twice that, and so on.
   */
  retryAfterMs(key: string): number {
    const t = this.now();
    const count = this.countNow(key, t);
    if (count <= this.policy.free - 1) return 0;
    const last = this.store.get(key) as FailureCount;
    const doublings = Math.max(0, Math.ceil(count - this.policy.free));
    const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** doublings);
    return Math.max(0, Math.ceil(last.at + delay - t));
  }

  /** The longest wait among `keys`. */
  retryAfterMsOf(keys: readonly string[]): number {
    return Math.max(0, ...keys.map((k) => this.retryAfterMs(k)));
  }

  fail(key: string): void {
    const t = this.now();
    this.store.set(key, { count: this.countNow(key, t) + 1, at: t });
  }

  reset(key: string): void {
    this.store.delete(key);
  }
}

/** `Retry-After` is in whole seconds, at least 1 when there is anything to wait. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
