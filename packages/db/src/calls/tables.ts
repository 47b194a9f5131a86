import type { ApplicationAction, ApplicationStatus, BudgetLine, CofunderKind, StepKind, Track } from '@maillage/core';
import type { Generated, JSONColumnType } from 'kysely';
import type { Timestamp } from '../shared/tables';

/** Calls for projects (migration 0160). Amounts are integers in cents (int8, read as numbers). */
export interface CallsTable {
  id: Generated<string>;
  territory_id: string;
  title: string;
  year: number;
  framing: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CallPrioritiesTable {
  id: Generated<string>;
  call_id: string;
  position: number;
  text: string;
  change_id: string | null;
}

export interface CallTerritoriesTable {
  call_id: string;
  territory_id: string;
}

export interface CallTracksTable {
  call_id: string;
  track: Track;
  enabled: Generated<boolean>;
  description: Generated<string>;
}

export interface CallStepsTable {
  id: Generated<string>;
  call_id: string;
  kind: StepKind;
  label: Generated<string>;
  /** 'YYYY-MM-DD' (dates are read as text). */
  opens_on: string;
  closes_on: string;
}

export interface CallCofundersTable {
  id: Generated<string>;
  call_id: string;
  kind: CofunderKind;
  name: string;
  detail: Generated<string>;
  envelope_cents: Generated<number>;
  tracks: JSONColumnType<Track[], string | undefined, string>;
  position: Generated<number>;
}

export interface CallCofunderReviewersTable {
  cofunder_id: string;
  user_id: string;
}

export interface CallReferentsTable {
  id: Generated<string>;
  call_id: string;
  track: Track;
  cofunder_id: string | null;
  institution: Generated<string>;
  territory_id: string | null;
  name: string;
  email: Generated<string>;
  phone: Generated<string>;
  position: Generated<number>;
}

export interface ApplicationsTable {
  id: Generated<string>;
  call_id: string;
  track: Track;
  status: Generated<ApplicationStatus>;
  collective_id: string | null;
  action: JSONColumnType<ApplicationAction, string, string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface ApplicationStructuresTable {
  application_id: string;
  organisation_id: string;
  role: 'lead' | 'partner';
  position: Generated<number>;
}

export interface ApplicationBudgetsTable {
  application_id: string;
  organisation_id: string;
  planned: JSONColumnType<BudgetLine[], string | undefined, string>;
  actual: JSONColumnType<BudgetLine[] | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

export interface ApplicationReportsTable {
  application_id: string;
  qualitative: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CallFilesTable {
  id: Generated<string>;
  call_id: string;
  application_id: string | null;
  organisation_id: string | null;
  kind: 'cadrage' | 'rib' | 'statuts' | 'bilan_n1' | 'comptes' | 'rapport_activite' | 'attestation' | 'autre';
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface ApplicationHistoryTable {
  id: Generated<string>;
  application_id: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  cofunder_id: string | null;
  by_user_id: string | null;
  comment: Generated<string>;
  at: Timestamp;
}

export interface ApplicationReviewsTable {
  id: Generated<string>;
  application_id: string;
  cofunder_id: string;
  reviewer_user_id: string | null;
  reviewer_name: Generated<string>;
  complete: boolean;
  bilan_received: boolean | null;
  eligible: boolean;
  criteria: JSONColumnType<Record<string, number | null>, string | undefined, string>;
  appreciation: 'favorable' | 'reserve' | 'defavorable' | null;
  comment: Generated<string>;
  proposed_cents: number | null;
  updated_at: Timestamp;
}

export interface ApplicationDecisionsTable {
  application_id: string;
  cofunder_id: string;
  decision: 'accorde' | 'rejete';
  voted_cents: number;
  decided_by: string | null;
  decided_at: Timestamp;
}

export interface CallsTables {
  calls: CallsTable;
  call_priorities: CallPrioritiesTable;
  call_territories: CallTerritoriesTable;
  call_tracks: CallTracksTable;
  call_steps: CallStepsTable;
  call_cofunders: CallCofundersTable;
  call_cofunder_reviewers: CallCofunderReviewersTable;
  call_referents: CallReferentsTable;
  applications: ApplicationsTable;
  application_structures: ApplicationStructuresTable;
  application_budgets: ApplicationBudgetsTable;
  application_reports: ApplicationReportsTable;
  call_files: CallFilesTable;
  application_history: ApplicationHistoryTable;
  application_reviews: ApplicationReviewsTable;
  application_decisions: ApplicationDecisionsTable;
}
