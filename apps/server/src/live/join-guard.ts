import type { FastifyReply } from 'fastify';
import { Problem } from '../http/problem';
import { type LimiterPolicy, type LimiterStore, MemoryLimiterStore, ProgressiveLimiter, retryAfterSeconds } from '../http/rate-limit';

/**
 * Slows down guessing of join codes without locking a venue out. At a cooperation day every phone
 * shares the venue's public address, so:
 *
 * - only **wrong codes** count, per address and code prefix (`JOIN_PREFIX_LENGTH` characters:
 *   someone mistyping the room's code stays near it, a guesser spreads over every prefix) and,
 *   more loosely, per address; past the free allowance each further guess waits longer (1 s, 2 s,
 *   4 s…, capped). While a key waits, every attempt under it is refused with `Retry-After`, right
 *   or wrong, so the refusal says nothing about the code;
 * - a **right code**, once used from an address (a phone joined, the console or the projector
 *   connected), is remembered for that address for `KNOWN_CODE_MS`: the venue's next phones join
 *   with it even while someone on the same wifi is guessing (what the guesser learns is only that a
 *   code used at the venue is used at the venue);
 * - greetings that carry more than the code (a participant's token, a facilitator's session)
 *   never count and are never refused: see `socket.ts`;
 * - wrong personal codes (joining as a registered person) count per address, room and typed name,
 *   and, with wrong badges, more loosely per address and room: one mistyped code slows only
 *   whoever typed that name, a guesser spraying names or badges is slowed for the room.
 *
 * Counts live where `storeFor` says (see `ProgressiveLimiter`: shared by every process on
 * PostgreSQL); the codes known at an address stay in this process's memory. The clock is injected.
 */
export const JOIN_PREFIX_LENGTH = 2;
export const JOIN_PER_PREFIX: LimiterPolicy = { free: 5, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, windowMs: 10 * 60_000 };
export const JOIN_PER_ADDRESS: LimiterPolicy = { free: 100, baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 10 * 60_000 };
export const JOIN_PROOFS_PER_NAME: LimiterPolicy = { free: 5, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, windowMs: 10 * 60_000 };
export const JOIN_PROOFS_PER_ROOM: LimiterPolicy = { free: 50, baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 10 * 60_000 };
export const KNOWN_CODE_MS = 12 * 3_600_000;
const MAX_KNOWN = 100_000;

export class JoinGuard {
  readonly perPrefix: ProgressiveLimiter;
  readonly perAddress: ProgressiveLimiter;
  readonly proofsPerName: ProgressiveLimiter;
  readonly proofsPerRoom: ProgressiveLimiter;
  private readonly known = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    storeFor: (namespace: string) => LimiterStore = () => new MemoryLimiterStore(),
  ) {
    this.perPrefix = new ProgressiveLimiter(JOIN_PER_PREFIX, now, storeFor('join-prefix'));
    this.perAddress = new ProgressiveLimiter(JOIN_PER_ADDRESS, now, storeFor('join-address'));
    this.proofsPerName = new ProgressiveLimiter(JOIN_PROOFS_PER_NAME, now, storeFor('join-proof-name'));
    this.proofsPerRoom = new ProgressiveLimiter(JOIN_PROOFS_PER_ROOM, now, storeFor('join-proof-room'));
  }

  private knows(address: string, code: string): boolean {
    const key = `${address} ${code}`;
    const until = this.known.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.known.delete(key);
    return false;
  }

  /** Milliseconds before `address` may try `code`; 0 at once, and always for a code it already used. */
  async retryAfterMs(address: string, code: string): Promise<number> {
    if (this.knows(address, code)) return 0;
    return Math.max(
      await this.perPrefix.retryAfterMs(`${address} ${code.slice(0, JOIN_PREFIX_LENGTH)}`),
      await this.perAddress.retryAfterMs(address),
    );
  }

  /** No room has this code. */
  async wrongCode(address: string, code: string): Promise<void> {
    await this.perPrefix.fail(`${address} ${code.slice(0, JOIN_PREFIX_LENGTH)}`);
    await this.perAddress.fail(address);
  }

  /** A room has this code: remembered for this address. */
  rightCode(address: string, code: string): void {
    const key = `${address} ${code}`;
    this.known.delete(key);
    this.known.set(key, this.now() + KNOWN_CODE_MS);
    if (this.known.size > MAX_KNOWN) {
      for (const old of this.known.keys()) {
        this.known.delete(old);
        if (this.known.size <= MAX_KNOWN) break;
      }
    }
  }

  /**
   * Milliseconds before `address` may offer another badge, or personal code for `name` (as typed,
   * normalised by the caller), in the room of `code`.
   */
  async proofRetryAfterMs(address: string, code: string, name?: string): Promise<number> {
    const perRoom = await this.proofsPerRoom.retryAfterMs(`${address} ${code}`);
    return name === undefined ? perRoom : Math.max(perRoom, await this.proofsPerName.retryAfterMs(`${address} ${code} ${name}`));
  }

  async wrongProof(address: string, code: string, name?: string): Promise<void> {
    await this.proofsPerRoom.fail(`${address} ${code}`);
    if (name !== undefined) await this.proofsPerName.fail(`${address} ${code} ${name}`);
  }
}

/** Refuses (429, `Retry-After`) while `waitMs` is not over. */
export function refuseWhileWaiting(reply: FastifyReply, waitMs: number): void {
  if (waitMs <= 0) return;
  const seconds = retryAfterSeconds(waitMs);
  reply.header('retry-after', String(seconds));
  throw new Problem('live_rate_limited', { retryAfter: seconds });
}
