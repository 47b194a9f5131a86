import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../shared/tables';

type Json<T extends object> = JSONColumnType<T, string | undefined, string>;

export interface EventsTable {
  id: Generated<string>;
  slug: string;
  territory_id: string;
  title: string;
  description: Generated<string>;
  audience: Generated<string>;
  start_date: string;
  end_date: string;
  opens_at: Generated<string>;
  closes_at: Generated<string>;
  venue_name: Generated<string>;
  venue_address: Generated<string>;
  organisers: Json<string[]>;
  partners: Json<string[]>;
  themes: Json<string[]>;
  capacity: number | null;
  registration_closes_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<'draft' | 'published' | 'closed' | 'archived'>;
  takeaways: Json<string[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventRoomsTable {
  id: Generated<string>;
  event_id: string;
  name: string;
  capacity: number | null;
  position: Generated<number>;
}

export interface EventSessionsTable {
  id: Generated<string>;
  event_id: string;
  kind: string;
  title: string;
  description: Generated<string>;
  day: string;
  starts_at: string;
  ends_at: string;
  room_id: string | null;
  capacity: number | null;
  colour: string | null;
  speakers: Json<{ name: string; personId?: string | null; role?: string | null }[]>;
  choosable: Generated<boolean>;
  position: Generated<number>;
}

export interface EventRegistrationsTable {
  id: Generated<string>;
  event_id: string;
  token_hash: string;
  badge_code: string;
  name: string;
  email: string;
  organisation_name: Generated<string>;
  organisation_kind: string | null;
  organisation_id: string | null;
  person_id: string | null;
  territory_id: string | null;
  themes: Json<string[]>;
  lunch: Generated<boolean>;
  accessibility: Generated<string>;
  consent_at: ColumnType<Date, Date | string, Date | string>;
  directory_consent_at: NullableTimestamp;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  walk_in: Generated<boolean>;
  checked_in_at: NullableTimestamp;
  seq: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: NullableTimestamp;
}

export interface EventChoicesTable {
  registration_id: string;
  session_id: string;
  preference: number;
  status: 'confirmed' | 'waitlisted' | 'pending' | 'dropped';
  seq: Generated<number>;
}

/** A row the day brought back changed on both sides: both versions, and the decision (migration 0054). */
export interface VenueConflictsTable {
  id: Generated<string>;
  event_id: string;
  table_name: string;
  row_key: string;
  label: Generated<string>;
  reason: 'registration_cancelled' | 'edited_both_sides' | 'gone_from_territory' | 'refused_by_territory';
  columns: Generated<string[]>;
  territory_value: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  laptop_value: JSONColumnType<Record<string, unknown>, string, string>;
  status: Generated<'open' | 'kept_territory' | 'took_laptop'>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
}

/** A row an import left out (or kept with the person cleared) because it named a set-aside person. */
export interface VenueLeftOutRow {
  table: string;
  column: string;
  /** Kept with `column` cleared (else dropped). */
  cleared: boolean;
  row: Record<string, unknown>;
}

/** A walk-in of the day who looks like someone of the directory, and the decision (migration 0054). */
export interface VenueDuplicatesTable {
  id: Generated<string>;
  event_id: string;
  walk_in_name: string;
  registration_id: string | null;
  walk_in_person_id: string | null;
  walk_in_person: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  walk_in_organisation_ids: Generated<string[]>;
  /** Rows left out at the import because they named her set-aside person (migration 0055). */
  left_out: JSONColumnType<VenueLeftOutRow[], string | undefined, string>;
  directory_person_id: string;
  status: Generated<'open' | 'linked' | 'kept_separate'>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface EventsTables {
  events: EventsTable;
  event_rooms: EventRoomsTable;
  event_sessions: EventSessionsTable;
  event_registrations: EventRegistrationsTable;
  event_choices: EventChoicesTable;
  venue_conflicts: VenueConflictsTable;
  venue_duplicates: VenueDuplicatesTable;
}
