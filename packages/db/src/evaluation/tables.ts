import type { Generated } from 'kysely';
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

export interface EvaluationTables {
  indicator_reporters: IndicatorReportersTable;
  indicator_measurements: IndicatorMeasurementsTable;
}
