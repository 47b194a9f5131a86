import type { Generated, JSONColumnType } from 'kysely';
import type { Timestamp } from '../shared/tables';

/** A proposal as stored: a name only when signed; the participant id is never shown (erasure). */
export interface StoredCodevProposal {
  readonly text: string;
  readonly name: string | null;
  readonly participantId: string | null;
}

export interface CodevRecordsTable {
  id: Generated<string>;
  room_id: string | null;
  activity_id: string;
  territory_id: string;
  collective_id: string | null;
  subject_type: string;
  subject: Generated<string>;
  contract: Generated<string>;
  proposals: JSONColumnType<StoredCodevProposal[], string | undefined, string>;
  action_plan: Generated<string>;
  follow_up: string | null;
  learnings: JSONColumnType<{ text: string; participantId: string | null }[], string | undefined, string>;
  steps: JSONColumnType<{ kind: string; label: string; minutes: number }[], string | undefined, string>;
  porteur_participant_id: string | null;
  held_at: Timestamp;
  created_by: string | null;
}

export interface CodevTables {
  codev_records: CodevRecordsTable;
}
