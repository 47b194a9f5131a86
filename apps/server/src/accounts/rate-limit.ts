import { type LimiterPolicy, type LimiterStore, MemoryLimiterStore, ProgressiveLimiter } from '../http/rate-limit';

/**
 * Login and password checks. Failures count per (address, e-mail): someone guessing a password
 * from elsewhere never locks its owner out, since her own address has its own count. Five free
 * failures, then 1 s, 2 s, 4 s… (at most 15 minutes) between attempts, five forgiven per 15
 * minutes. A looser count per address alone (50 free, then delays of at most a minute) slows one
 * address trying many e-mails (password spraying) without locking out a venue whose people share
 * its wifi; an account that logged in from an address in the last 12 hours is not slowed there by
 * that count (only by its own).
 */
export const LOGIN_PER_ACCOUNT: LimiterPolicy = { free: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, windowMs: 15 * 60_000 };
export const LOGIN_PER_ADDRESS: LimiterPolicy = { free: 50, baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 15 * 60_000 };
const KNOWN_ACCOUNT_MS = 12 * 3_600_000;
const MAX_KNOWN = 100_000;

/**
 * The limiters of one app. Failure counts live where `storeFor` says (shared by every process on
 * PostgreSQL); the accounts recently logged in from an address stay in this process's memory, so
 * another process only judges such an address more strictly, never less.
 */
export class LoginLimiter {
  readonly perAccount: ProgressiveLimiter;
  readonly perAddress: ProgressiveLimiter;
  /** (address, account) pairs that succeeded lately, until when. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    storeFor: (namespace: string) => LimiterStore = () => new MemoryLimiterStore(),
  ) {
    this.perAccount = new ProgressiveLimiter(LOGIN_PER_ACCOUNT, now, storeFor('login-account'));
    this.perAddress = new ProgressiveLimiter(LOGIN_PER_ADDRESS, now, storeFor('login-address'));
  }

  /** Milliseconds before `address` may try `account` (an e-mail, or `password:<user id>`) again. */
  async retryAfterMs(address: string, account: string): Promise<number> {
    const pair = `${address} ${account}`;
    const perAccount = await this.perAccount.retryAfterMs(pair);
    const knownUntil = this.known.get(pair);
    if (knownUntil !== undefined && knownUntil > this.now()) return perAccount;
    return Math.max(perAccount, await this.perAddress.retryAfterMs(address));
  }

  async fail(address: string, account: string): Promise<void> {
    await this.perAccount.fail(`${address} ${account}`);
    await this.perAddress.fail(address);
  }

  /** A success forgets the pair's failures (not the address's: one's own account must not reset a sprayer). */
  async succeeded(address: string, account: string): Promise<void> {
    const pair = `${address} ${account}`;
    await this.perAccount.reset(pair);
    this.known.delete(pair);
    this.known.set(pair, this.now() + KNOWN_ACCOUNT_MS);
    if (this.known.size > MAX_KNOWN) {
      for (const old of this.known.keys()) {
        this.known.delete(old);
        if (this.known.size <= MAX_KNOWN) break;
      }
    }
  }
}
