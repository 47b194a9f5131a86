import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A timestamptz column: read as a Date, written as a Date or ISO string, defaulted by SQL. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** The territory the change is about, when there is one (accounts migration 0010). */
  territory_id: Generated<string | null>;
  details: JSONColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
  /** SHA-256 of the migration file (line ends normalised); null only for a file gone when checksums were first recorded. */
  checksum: string | null;
}

/** A limiter key's failure count at its last failure (migration 0004); see rate-limits.ts. */
export interface RateLimitsTable {
  key: string;
  count: number;
  at_ms: ColumnType<number, number, number>;
  expires_at_ms: ColumnType<number, number, number>;
}

/** An e-mail to deliver, and how its delivery went (migration 0005); see outbox.ts. */
export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body: string;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  sent_at: NullableTimestamp;
  last_error: string | null;
}

export interface FoundationTables {
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  rate_limits: RateLimitsTable;
  schema_migrations: SchemaMigrationsTable;
}
