import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../shared/tables';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  is_admin: Generated<boolean>;
  locale: Generated<'fr' | 'en'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  disabled_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export type RoleName = 'coordinator' | 'facilitator' | 'member' | 'reviewer';

export interface RoleAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  role: RoleName;
  territory_id: string;
  title: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  role: RoleName;
  territory_id: string;
  title: string | null;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_user_id: string | null;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  role_assignments: RoleAssignmentsTable;
  invitations: InvitationsTable;
}
