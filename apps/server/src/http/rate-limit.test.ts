import { describe, expect, it } from 'vitest';
import { MemoryLimiterStore, ProgressiveLimiter, retryAfterSeconds } from './rate-limit';

describe('ProgressiveLimiter', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };
  const policy = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };

  it('lets `free` failures pass, then asks for delays that double up to the cap', () => {
    const c = clock();
    const limiter = new ProgressiveLimiter(policy, c.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('k')).toBe(0);
      limiter.fail('k');
    }
    expect(limiter.retryAfterMs('k')).toBe(1000);
    expect(limiter.retryAfterMs('other')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      c.advance(limiter.retryAfterMs('k'));
      expect(limiter.retryAfterMs('k')).toBe(0);
      limiter.fail('k');
      waits.push(limiter.retryAfterMs('k'));
    }
    // Each wait is the doubled delay less what was forgiven meanwhile; it grows, and stops at the cap.
    expect(waits[1]).toBeGreaterThan(waits[0] as number);
    expect(waits[2]).toBeGreaterThan(waits[1] as number);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8000);
    expect(waits[4]).toBeGreaterThan(4000);
  });

  it('forgives `free` failures per window, so honest mistakes spread over time never add up', () => {
    const c = clock();
    const limiter = new ProgressiveLimiter(policy, c.now);
    for (let i = 0; i < 30; i++) {
      expect(limiter.retryAfterMs('k')).toBe(0);
      limiter.fail('k');
      c.advance(20_000); // one mistake every 20 s, three forgiven per minute
    }
    limiter.fail('k');
    limiter.fail('k');
    limiter.fail('k');
    expect(limiter.retryAfterMs('k')).toBeGreaterThan(0);
    c.advance(60_000);
    expect(limiter.retryAfterMs('k')).toBe(0);
  });

  it('reset forgets a key; the memory store keeps at most maxKeys', () => {
    const c = clock();
    const store = new MemoryLimiterStore(100);
    const limiter = new ProgressiveLimiter({ ...policy, free: 1 }, c.now, store);
    limiter.fail('a');
    expect(limiter.retryAfterMs('a')).toBe(1000);
    limiter.reset('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
    for (let i = 0; i < 1000; i++) limiter.fail(`spray-${i}`);
    expect(store.size).toBe(100);
  });

  it('says Retry-After in whole seconds', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });
});
