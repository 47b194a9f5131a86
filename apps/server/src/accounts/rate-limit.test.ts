import { describe, expect, it } from 'vitest';
import { LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, LoginLimiter } from './rate-limit';

describe('LoginLimiter', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('counts failures per (address, e-mail): a guesser elsewhere never locks the owner out', async () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < 10; i++) await limiter.fail('203.0.113.7', 'email:coordinatrice@exemple.fr');
    expect(await limiter.retryAfterMs('203.0.113.7', 'email:coordinatrice@exemple.fr')).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs('198.51.100.2', 'email:coordinatrice@exemple.fr')).toBe(0);
    expect(await limiter.retryAfterMs('203.0.113.7', 'email:autre@exemple.fr')).toBe(0);
  });

  it('delays progressively rather than locking: the wait after the first failures past the allowance is short', async () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < LOGIN_PER_ACCOUNT.free; i++) await limiter.fail('a', 'email:x');
    expect(await limiter.retryAfterMs('a', 'email:x')).toBe(LOGIN_PER_ACCOUNT.baseDelayMs);
    c.advance(LOGIN_PER_ACCOUNT.baseDelayMs);
    expect(await limiter.retryAfterMs('a', 'email:x')).toBe(0);
  });

  it('keeps a looser cap per address against spraying many e-mails', async () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < LOGIN_PER_ADDRESS.free; i++) {
      expect(await limiter.retryAfterMs('a', `email:${i}@exemple.fr`)).toBe(0);
      await limiter.fail('a', `email:${i}@exemple.fr`);
    }
    expect(await limiter.retryAfterMs('a', 'email:nouvelle@exemple.fr')).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs('b', 'email:nouvelle@exemple.fr')).toBe(0);
  });

  it('does not slow an account that logged in from this address lately by the per-address count', async () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    await limiter.succeeded('venue', 'email:coordinatrice@exemple.fr');
    for (let i = 0; i < LOGIN_PER_ADDRESS.free + 10; i++) await limiter.fail('venue', `email:${i}@exemple.fr`);
    expect(await limiter.retryAfterMs('venue', 'email:nouvelle@exemple.fr')).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs('venue', 'email:nouvelle@exemple.fr')).toBeLessThanOrEqual(LOGIN_PER_ADDRESS.maxDelayMs);
    expect(await limiter.retryAfterMs('venue', 'email:coordinatrice@exemple.fr')).toBe(0);
    c.advance(13 * 3_600_000);
    for (let i = 0; i < LOGIN_PER_ADDRESS.free + 10; i++) await limiter.fail('venue', `email:${i}@exemple.fr`);
    expect(await limiter.retryAfterMs('venue', 'email:coordinatrice@exemple.fr')).toBeGreaterThan(0);
  });

  it('a success forgets the pair, not the address', async () => {
    const c = clock();
    const limiter = new LoginLimiter(c.now);
    for (let i = 0; i < LOGIN_PER_ADDRESS.free; i++) await limiter.fail('a', 'email:x');
    await limiter.succeeded('a', 'email:x');
    expect(await limiter.perAccount.retryAfterMs('a email:x')).toBe(0);
    expect(await limiter.perAddress.retryAfterMs('a')).toBeGreaterThan(0);
  });
});
