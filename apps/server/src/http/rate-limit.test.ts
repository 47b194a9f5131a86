import { rateLimitsRepo } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { limiterStoreFor, MemoryLimiterStore, ProgressiveLimiter, retryAfterSeconds } from './rate-limit';

describe('ProgressiveLimiter', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };
  const policy = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };

  it('lets `free` failures pass, then asks for delays that double up to the cap', async () => {
    const c = clock();
    const limiter = new ProgressiveLimiter(policy, c.now);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfterMs('k')).toBe(0);
      await limiter.fail('k');
    }
    expect(await limiter.retryAfterMs('k')).toBe(1000);
    expect(await limiter.retryAfterMs('other')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      c.advance(await limiter.retryAfterMs('k'));
      expect(await limiter.retryAfterMs('k')).toBe(0);
      await limiter.fail('k');
      waits.push(await limiter.retryAfterMs('k'));
    }
    // Each wait is the doubled delay less what was forgiven meanwhile; it grows, and stops at the cap.
    expect(waits[1]).toBeGreaterThan(waits[0] as number);
    expect(waits[2]).toBeGreaterThan(waits[1] as number);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8000);
    expect(waits[4]).toBeGreaterThan(4000);
  });

  it('forgives `free` failures per window, so honest mistakes spread over time never add up', async () => {
    const c = clock();
    const limiter = new ProgressiveLimiter(policy, c.now);
    for (let i = 0; i < 30; i++) {
      expect(await limiter.retryAfterMs('k')).toBe(0);
      await limiter.fail('k');
      c.advance(20_000); // one mistake every 20 s, three forgiven per minute
    }
    await limiter.fail('k');
    await limiter.fail('k');
    await limiter.fail('k');
    expect(await limiter.retryAfterMs('k')).toBeGreaterThan(0);
    c.advance(60_000);
    expect(await limiter.retryAfterMs('k')).toBe(0);
  });

  it('reset forgets a key; the memory store keeps at most maxKeys', async () => {
    const c = clock();
    const store = new MemoryLimiterStore(100);
    const limiter = new ProgressiveLimiter({ ...policy, free: 1 }, c.now, store);
    await limiter.fail('a');
    expect(await limiter.retryAfterMs('a')).toBe(1000);
    await limiter.reset('a');
    expect(await limiter.retryAfterMs('a')).toBe(0);
    for (let i = 0; i < 1000; i++) await limiter.fail(`spray-${i}`);
    expect(store.size).toBe(100);
  });

  it('says Retry-After in whole seconds', async () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the PostgreSQL limiter store (rate_limits)', () => {
  const policy = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };

  it('asks the same delays as memory, and two limiters on one database share the count', async () => {
    const store = await openTestStore('postgres');
    try {
      let t = 1_000_000;
      const now = () => t;
      const a = new ProgressiveLimiter(policy, now, limiterStoreFor(store, 'test'));
      const b = new ProgressiveLimiter(policy, now, limiterStoreFor(store, 'test'));
      const other = new ProgressiveLimiter(policy, now, limiterStoreFor(store, 'other'));
      await a.fail('k');
      await b.fail('k');
      expect(await a.retryAfterMs('k')).toBe(0);
      await a.fail('k');
      expect(await b.retryAfterMs('k')).toBe(1000);
      expect(await other.retryAfterMs('k')).toBe(0);
      t += 60_000; // three forgiven
      expect(await b.retryAfterMs('k')).toBe(0);
      await b.reset('k');
      expect(await a.retryAfterMs('k')).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('counts concurrent failures once each (atomic upsert) and prunes forgiven rows', async () => {
    const store = await openTestStore('postgres');
    try {
      const t = 2_000_000;
      const repos = [rateLimitsRepo(store.db, 'c'), rateLimitsRepo(store.db, 'c')];
      await Promise.all(Array.from({ length: 20 }, (_, i) => repos[i % 2]?.fail('k', t, 1 / 1000)));
      expect((await repos[0]?.get('k'))?.count).toBe(20);
      expect(await repos[0]?.prune(t + 19_000)).toBe(0);
      expect(await repos[0]?.prune(t + 20_000)).toBe(1);
      expect(await repos[1]?.get('k')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
