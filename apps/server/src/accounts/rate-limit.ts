/**
 * Counts failures per key in a sliding window (login: per IP and per e-mail). The state is in
 * this process's memory: it resets when the server restarts, and several server processes
 * behind one address each count on their own (each allows `max` failures per window).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before another attempt under any of `keys`, or 0 when allowed. */
  retryAfter(keys: readonly string[], now: Date): number {
    let wait = 0;
    for (const key of keys) {
      const list = this.recent(key, now.getTime());
      if (list.length >= this.max) {
        const oldest = list[list.length - this.max] as number;
        wait = Math.max(wait, Math.ceil((oldest + this.windowMs - now.getTime()) / 1000));
      }
    }
    return wait;
  }

  fail(keys: readonly string[], now: Date): void {
    for (const key of keys) {
      const list = this.recent(key, now.getTime());
      list.push(now.getTime());
      this.failures.set(key, list);
    }
    // Keep memory bounded under a spray of distinct keys.
    if (this.failures.size > 50_000) {
      for (const key of [...this.failures.keys()].slice(0, 10_000)) this.failures.delete(key);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

/** Login: 10 failures in 15 minutes, per IP address and per e-mail. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;
