import { describe, expect, it } from 'vitest';
import { LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, LoginLimiter } from './rate-limit';

describe('LoginLimiter', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('counts failures per (address, e-mail): a guesser elsewhere never locks the owner out', () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < 10; i++) limiter.fail('203.0.113.7', 'email:coordinatrice@exemple.fr');
    expect(limiter.retryAfterMs('203.0.113.7', 'email:coordinatrice@exemple.fr')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('198.51.100.2', 'email:coordinatrice@exemple.fr')).toBe(0);
    expect(limiter.retryAfterMs('203.0.113.7', 'email:autre@exemple.fr')).toBe(0);
  });

  it('delays progressively rather than locking: the wait after the first failures past the allowance is short', () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < LOGIN_PER_ACCOUNT.free; i++) limiter.fail('a', 'email:x');
    expect(limiter.retryAfterMs('a', 'email:x')).toBe(LOGIN_PER_ACCOUNT.baseDelayMs);
    c.advance(LOGIN_PER_ACCOUNT.baseDelayMs);
    expect(limiter.retryAfterMs('a', 'email:x')).toBe(0);
  });

  it('keeps a looser cap per address against spraying many e-mails', () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < LOGIN_PER_ADDRESS.free; i++) {
      expect(limiter.retryAfterMs('a', `email:${i}@exemple.fr`)).toBe(0);
      limiter.fail('a', `email:${i}@exemple.fr`);
    }
    expect(limiter.retryAfterMs('a', 'email:nouvelle@exemple.fr')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('b', 'email:nouvelle@exemple.fr')).toBe(0);
  });

  it('does not slow an account that logged in from this address lately by the per-address count', () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    limiter.succeeded('venue', 'email:coordinatrice@exemple.fr');
    for (let i = 0; i < LOGIN_PER_ADDRESS.free + 10; i++) limiter.fail('venue', `email:${i}@exemple.fr`);
    expect(limiter.retryAfterMs('venue', 'email:nouvelle@exemple.fr')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('venue', 'email:nouvelle@exemple.fr')).toBeLessThanOrEqual(LOGIN_PER_ADDRESS.maxDelayMs);
    expect(limiter.retryAfterMs('venue', 'email:coordinatrice@exemple.fr')).toBe(0);
    c.advance(13 * 3_600_000);
    for (let i = 0; i < LOGIN_PER_ADDRESS.free + 10; i++) limiter.fail('venue', `email:${i}@exemple.fr`);
    expect(limiter.retryAfterMs('venue', 'email:coordinatrice@exemple.fr')).toBeGreaterThan(0);
  });

  it('a success forgets the pair, not the address', () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < LOGIN_PER_ADDRESS.free; i++) limiter.fail('a', 'email:x');
    limiter.succeeded('a', 'email:x');
    expect(limiter.perAccount.retryAfterMs('a email:x')).toBe(0);
    expect(limiter.perAddress.retryAfterMs('a')).toBeGreaterThan(0);
  });
});
