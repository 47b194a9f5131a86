import type { Generated, JSONColumnType } from 'kysely';
import type { Timestamp } from '../shared/tables';

export interface CollectivesTable {
  id: Generated<string>;
  territory_id: string;
  name: string;
  urgency: Generated<string>;
  themes: JSONColumnType<string[], string | undefined, string>;
  origin_room_id: string | null;
  origin_activity_id: string | null;
  origin_number: number | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CollectiveMembersTable {
  collective_id: string;
  position: number;
  display_name: string;
  person_id: string | null;
  live_participant_id: string | null;
}

export interface CollectiveAnswersTable {
  collective_id: string;
  question: number;
  answer: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CollectivesTables {
  collectives: CollectivesTable;
  collective_members: CollectiveMembersTable;
  collective_answers: CollectiveAnswersTable;
}
