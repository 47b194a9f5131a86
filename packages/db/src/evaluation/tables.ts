import type { QuizResult } from '@maillage/core';
import type { Generated, JSONColumnType } from 'kysely';
import type { Timestamp } from '../shared/tables';

/** Shared measurement (migration 0140). The indicators themselves are change's `indicators` table. */
export interface IndicatorReportersTable {
  indicator_id: string;
  organisation_id: string;
}

export interface IndicatorMeasurementsTable {
  id: Generated<string>;
  indicator_id: string;
  organisation_id: string;
  period: string;
  version: number;
  value: number;
  comment: Generated<string>;
  source_file: Generated<string>;
  reported_by: string | null;
  reported_at: Timestamp;
}

export interface ObservedChangesTable {
  id: Generated<string>;
  territory_id: string;
  collective_id: string | null;
  observed_on: string;
  actor_organisation_id: string | null;
  actor_name: Generated<string>;
  kind: 'comportement' | 'relation' | 'pratique' | 'politique';
  description: string;
  evidence: Generated<string>;
  significance: Generated<string>;
  contribution: Generated<string>;
  pathway_id: Generated<string | null>;
  change_id: Generated<string | null>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface BarometerRunsTable {
  id: Generated<string>;
  territory_id: string;
  collective_id: string | null;
  title: string;
  code: string;
  opened_on: string;
  closed_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** An anonymous answer: no person, no account, no time. */
export interface BarometerAnswersTable {
  run_id: string;
  respondent_hash: string;
  answers: JSONColumnType<(number | null)[], string, string>;
}

export interface QuizResultsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string | null;
  room_id: Generated<string | null>;
  answers: JSONColumnType<number[], string, string>;
  result: JSONColumnType<QuizResult, string, string>;
  created_at: Timestamp;
}

export interface QuizResultSharesTable {
  result_id: string;
  collective_id: string;
  shared_at: Timestamp;
}

export interface EventQuestionnairesTable {
  event_id: string;
  questions: JSONColumnType<{ key: string; text: string; choices: string[] }[], string, string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface QuestionnaireAnswersTable {
  registration_id: string;
  answers: JSONColumnType<Record<string, string>, string, string>;
  answered_at: Timestamp;
}

export interface EvaluationTables {
  event_questionnaires: EventQuestionnairesTable;
  questionnaire_answers: QuestionnaireAnswersTable;
  quiz_results: QuizResultsTable;
  quiz_result_shares: QuizResultSharesTable;
  barometer_runs: BarometerRunsTable;
  barometer_answers: BarometerAnswersTable;
  observed_changes: ObservedChangesTable;
  indicator_reporters: IndicatorReportersTable;
  indicator_measurements: IndicatorMeasurementsTable;
}
