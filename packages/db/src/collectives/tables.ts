import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../shared/tables';

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
  id: Generated<string>;
  collective_id: string;
  position: number;
  display_name: string;
  person_id: string | null;
  live_participant_id: string | null;
  organisation_id: Generated<string | null>;
  organisation_name: Generated<string | null>;
  email: Generated<string | null>;
  phone: Generated<string | null>;
  roles: JSONColumnType<string[], string | undefined, string>;
  custom_roles: JSONColumnType<string[], string | undefined, string>;
  joined_at: Timestamp;
  left_at: NullableTimestamp;
  user_id: Generated<string | null>;
  invited_at: NullableTimestamp;
  invitation_id: Generated<string | null>;
}

export interface CollectiveSectionsTable {
  collective_id: string;
  section: string;
  version: number;
  content: JSONColumnType<Record<string, unknown>, string, string>;
  updated_at: Timestamp;
  updated_by: string | null;
  updated_by_name: string | null;
}

export interface CollectiveSectionRevisionsTable {
  collective_id: string;
  section: string;
  version: number;
  content: JSONColumnType<Record<string, unknown>, string, string>;
  author_user_id: string | null;
  author_name: string | null;
  at: Timestamp;
  restored_from: number | null;
}

export interface CollectiveCommentsTable {
  id: Generated<string>;
  collective_id: string;
  section: string;
  text: string;
  author_user_id: string | null;
  author_name: string | null;
  at: Timestamp;
  resolved_at: NullableTimestamp;
  resolved_by: string | null;
}

export interface CollectiveStepsTable {
  id: Generated<string>;
  collective_id: string;
  title: string;
  owner_member_id: string | null;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<string>;
  created_at: Timestamp;
  created_by: string | null;
  done_at: NullableTimestamp;
}

export interface CollectiveSupportRequestsTable {
  id: Generated<string>;
  collective_id: string;
  kind: string;
  text: string;
  status: Generated<string>;
  answer: string | null;
  asked_by: string | null;
  asked_by_name: string | null;
  asked_at: Timestamp;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: NullableTimestamp;
}

export interface CollectiveHistoryTable {
  id: Generated<number>;
  collective_id: string;
  at: Timestamp;
  author_user_id: string | null;
  author_name: string | null;
  kind: string;
  section: string | null;
  version: number | null;
  member_id: string | null;
  summary: string;
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
  collective_sections: CollectiveSectionsTable;
  collective_section_revisions: CollectiveSectionRevisionsTable;
  collective_comments: CollectiveCommentsTable;
  collective_steps: CollectiveStepsTable;
  collective_support_requests: CollectiveSupportRequestsTable;
  collective_history: CollectiveHistoryTable;
}
