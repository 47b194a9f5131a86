import { type LimiterPolicy, ProgressiveLimiter } from '../http/rate-limit';

/**
 * Login and password checks. Failures count per (address, e-mail): someone guessing a password
 * from elsewhere never locks its owner out, since her own address has its own count. Five free
 * failures, then 1 s, 2 s, 4 s… (at most 15 minutes) between attempts, five forgiven per 15
 * minutes. A looser count per address alone (50 free) slows one address trying many e-mails
 * (password spraying) without troubling a venue whose people share its wifi.
 */
export const LOGIN_PER_ACCOUNT: LimiterPolicy = { free: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, windowMs: 15 * 60_000 };
export const LOGIN_PER_ADDRESS: LimiterPolicy = { free: 50, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, windowMs: 15 * 60_000 };

/** The limiters of one app (counts in this process's memory: reset on restart, per process). */
export class LoginLimiter {
  readonly perAccount: ProgressiveLimiter;
  readonly perAddress: ProgressiveLimiter;

  constructor(now: () => number) {
    this.perAccount = new ProgressiveLimiter(LOGIN_PER_ACCOUNT, now);
    this.perAddress = new ProgressiveLimiter(LOGIN_PER_ADDRESS, now);
  }

  /** Milliseconds before `address` may try `account` (an e-mail, or `password:<user id>`) again. */
  retryAfterMs(address: string, account: string): number {
    return Math.max(this.perAccount.retryAfterMs(`${address} ${account}`), this.perAddress.retryAfterMs(address));
  }

  fail(address: string, account: string): void {
    this.perAccount.fail(`${address} ${account}`);
    this.perAddress.fail(address);
  }

  /** A success forgets the pair's failures (not the address's: one's own account must not reset a sprayer). */
  succeeded(address: string, account: string): void {
    this.perAccount.reset(`${address} ${account}`);
  }
}
