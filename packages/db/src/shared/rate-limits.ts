import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

/** A key's failure count as it stood at its last failure `at` (ms). */
export interface StoredFailureCount {
  readonly count: number;
  readonly at: number;
}

/** How often (in the caller's clock) expired rows are deleted, at most. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Failure counts of the progressive limiters in the `rate_limits` table, so that every process on
 * one PostgreSQL counts the same failures. `namespace` keeps limiters apart (a login limiter's
 * keys never meet a join-code limiter's). Counting is one atomic upsert: the stored count
 * decayed to `t`, plus one, so concurrent failures from several processes all count.
 */
export function rateLimitsRepo(db: Kysely<DB>, namespace: string) {
  const full = (key: string) => `${namespace}\u0001${key}`;
  let prunedAt = Number.NEGATIVE_INFINITY;
  /** Deletes every count (of every namespace) fully forgiven at `t`. */
  const prune = async (t: number): Promise<number> => {
    const result = await db.deleteFrom('rate_limits').where('expires_at_ms', '<=', t).executeTakeFirst();
    return Number(result.numDeletedRows);
  };
  return {
    async get(key: string): Promise<StoredFailureCount | undefined> {
      const row = await db.selectFrom('rate_limits').select(['count', 'at_ms']).where('key', '=', full(key)).executeTakeFirst();
      return row ? { count: Number(row.count), at: Number(row.at_ms) } : undefined;
    },

    /** One more failure of `key` at `t`; earlier failures forgiven at `forgivePerMs` since the last. Returns the new count. */
    async fail(key: string, t: number, forgivePerMs: number): Promise<number> {
      const decayed = sql<number>`greatest(0, rate_limits.count - greatest(0, ${t}::bigint - rate_limits.at_ms) * ${forgivePerMs}::float8)`;
      const row = await db
        .insertInto('rate_limits')
        .values({ key: full(key), count: 1, at_ms: t, expires_at_ms: Math.ceil(t + 1 / forgivePerMs) })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql`${decayed} + 1`,
            at_ms: t,
            expires_at_ms: sql`ceil(${t}::bigint + (${decayed} + 1) / ${forgivePerMs}::float8)::bigint`,
          }),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      if (t - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = t;
        await prune(t);
      }
      return Number(row.count);
    },

    async delete(key: string): Promise<void> {
      await db.deleteFrom('rate_limits').where('key', '=', full(key)).execute();
    },

    prune,
  };
}

export type RateLimitsRepo = ReturnType<typeof rateLimitsRepo>;
