import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit';

describe('FailureLimiter', () => {
  const t0 = new Date('2026-11-25T10:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('allows max failures in the window, then asks to wait until the oldest leaves it', () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter(['k'], at(i * 1000))).toBe(0);
      limiter.fail(['k'], at(i * 1000));
    }
    expect(limiter.retryAfter(['k'], at(3000))).toBe(57); // oldest at 0 s leaves at 60 s
    expect(limiter.retryAfter(['other'], at(3000))).toBe(0);
    expect(limiter.retryAfter(['k'], at(60_001))).toBe(0);
  });

  it('limits on any of the keys, and reset clears one key', () => {
    const limiter = new FailureLimiter(2, 60_000);
    limiter.fail(['ip:1', 'email:a'], at(0));
    limiter.fail(['ip:1', 'email:b'], at(0));
    expect(limiter.retryAfter(['ip:2', 'email:c'], at(1000))).toBe(0);
    expect(limiter.retryAfter(['ip:1', 'email:c'], at(1000))).toBeGreaterThan(0);
    limiter.reset('ip:1');
    expect(limiter.retryAfter(['ip:1', 'email:c'], at(1000))).toBe(0);
  });
});
