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

export interface FoundationTables {
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  schema_migrations: SchemaMigrationsTable;
}
