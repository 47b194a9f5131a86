import type { Generated, JSONColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../shared/tables';

export interface LiveRoomsTable {
  id: Generated<string>;
  code: string;
  title: string;
  territory_id: string;
  event_session_id: string | null;
  last_seq: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface LiveParticipantsTable {
  id: Generated<string>;
  room_id: string;
  token_hash: string;
  display_name: string;
  organisation_kind: string | null;
  territory_label: string | null;
  user_id: string | null;
  /** The event registration of a recognised participant (badge or personal code), and its person. */
  registration_id: string | null;
  person_id: string | null;
  joined_at: Timestamp;
}

export interface LiveEventsTable {
  room_id: string;
  seq: number;
  type: string;
  participant_id: string | null;
  idempotency_key: string | null;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  at: Timestamp;
}

export interface LiveJoinFailuresTable {
  client_key: string;
  at: Timestamp;
}

export interface LiveTables {
  live_rooms: LiveRoomsTable;
  live_participants: LiveParticipantsTable;
  live_events: LiveEventsTable;
  live_join_failures: LiveJoinFailuresTable;
}
