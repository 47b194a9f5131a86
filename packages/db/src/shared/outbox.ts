import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

export interface OutboxMail {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Attempts so far, this one included. */
  readonly attempts: number;
}

/** After this many failed attempts a message stays in the outbox, undelivered, for a person to look at. */
export const OUTBOX_MAX_ATTEMPTS = 10;

/** The wait after a first failed attempt, unless configured otherwise (`MAIL_RETRY_MIN_MS`). */
export const OUTBOX_FIRST_RETRY_MS = 30_000;

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min… (from `firstMs`, doubling) at most an hour. */
export const outboxRetryDelayMs = (attempts: number, firstMs = OUTBOX_FIRST_RETRY_MS) =>
  Math.min(3_600_000, firstMs * 2 ** Math.max(0, attempts - 1));

export interface OutboxFailure {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date;
  /** No more attempts will be made. */
  readonly givenUp: boolean;
}

function presentFailure(r: {
  id: string | number;
  to_address: string;
  subject: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  next_attempt_at: Date;
}): OutboxFailure {
  return {
    id: Number(r.id),
    to: r.to_address,
    subject: r.subject,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    givenUp: r.attempts >= OUTBOX_MAX_ATTEMPTS,
  };
}

/** The e-mail outbox (`mail_outbox`): written before sending, claimed by one process at a time. */
export function outboxRepo(db: Kysely<DB>) {
  return {
    async enqueue(mail: { to: string; subject: string; text: string }, now: Date): Promise<number> {
      const row = await db
        .insertInto('mail_outbox')
        .values({ to_address: mail.to, subject: mail.subject, body: mail.text, created_at: now, next_attempt_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /**
     * Claims the oldest message due at `now`: its attempt is counted and its next attempt moved to
     * after the retry delay, in one statement, so another process skips it, and a process that
     * dies while sending leaves it to be retried then (`outboxRetryDelayMs`, from `firstRetryMs`).
     */
    async claimDue(now: Date, firstRetryMs = OUTBOX_FIRST_RETRY_MS): Promise<OutboxMail | undefined> {
      const result = await sql<{ id: number; to_address: string; subject: string; body: string; attempts: number }>`
        update mail_outbox set
          attempts = attempts + 1,
          next_attempt_at = ${now}::timestamptz + least(3600000, ${firstRetryMs}::bigint * power(2, attempts)) * interval '1 millisecond'
        where id = (
          select id from mail_outbox
          where sent_at is null and next_attempt_at <= ${now} and attempts < ${OUTBOX_MAX_ATTEMPTS}
          order by next_attempt_at, id
          limit 1
          for update skip locked
        )
        returning id, to_address, subject, body, attempts`.execute(db);
      const row = result.rows[0];
      return row ? { id: Number(row.id), to: row.to_address, subject: row.subject, text: row.body, attempts: row.attempts } : undefined;
    },

    async delivered(id: number, now: Date): Promise<void> {
      await db.updateTable('mail_outbox').set({ sent_at: now, last_error: null }).where('id', '=', id).execute();
    },

    async failed(id: number, error: string): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set({ last_error: error.slice(0, 1000) })
        .where('id', '=', id)
        .execute();
    },

    /** Deletes the messages delivered before `before` (they hold personal links: kept no longer than useful). */
    async pruneDelivered(before: Date): Promise<number> {
      const result = await db.deleteFrom('mail_outbox').where('sent_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Messages not delivered that have failed at least once, the given-up ones first, then the oldest. */
    async failures(): Promise<OutboxFailure[]> {
      const rows = await db
        .selectFrom('mail_outbox')
        .select(['id', 'to_address', 'subject', 'attempts', 'last_error', 'created_at', 'next_attempt_at'])
        .where('sent_at', 'is', null)
        .where('last_error', 'is not', null)
        .orderBy(sql`attempts >= ${OUTBOX_MAX_ATTEMPTS}`, 'desc')
        .orderBy('id')
        .limit(500)
        .execute();
      return rows.map(presentFailure);
    },

    /** Makes a message not delivered due at `now` with its attempts counted from zero; undefined if delivered or unknown. */
    async retryNow(id: number, now: Date): Promise<OutboxFailure | undefined> {
      const row = await db
        .updateTable('mail_outbox')
        .set({ attempts: 0, next_attempt_at: now })
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .returning(['id', 'to_address', 'subject', 'attempts', 'last_error', 'created_at', 'next_attempt_at'])
        .executeTakeFirst();
      return row ? presentFailure(row) : undefined;
    },

    /** Messages not delivered yet (still to try, or given up). */
    async pending(): Promise<{ id: number; to: string; attempts: number; lastError: string | null }[]> {
      const rows = await db
        .selectFrom('mail_outbox')
        .select(['id', 'to_address', 'attempts', 'last_error'])
        .where('sent_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: Number(r.id), to: r.to_address, attempts: r.attempts, lastError: r.last_error }));
    },
  };
}
