import type { Generated, JSONColumnType } from 'kysely';
import type { Timestamp } from '../shared/tables';

/** Change pathways (migration 0120). */
export interface PathwaysTable {
  id: Generated<string>;
  territory_id: string;
  collective_id: string | null;
  title: string;
  vision_sentence: Generated<string>;
  front_page_title: Generated<string>;
  front_page_story: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PathwayChangesTable {
  id: string;
  pathway_id: string;
  horizon: 'court' | 'moyen' | 'long';
  text: string;
  position: number;
  organisation_ids: JSONColumnType<string[], string | undefined, string>;
  actor_kinds: JSONColumnType<string[], string | undefined, string>;
  markers: JSONColumnType<{ level: 'attendu' | 'souhaite' | 'adore'; text: string }[], string | undefined, string>;
}

export interface PathwayContributionsTable {
  change_id: string;
  target_change_id: string;
}

export interface PathwayLinksTable {
  id: string;
  pathway_id: string;
  from_change_id: string;
  to_change_id: string | null;
  rationale: string;
  assumptions: string;
  created_at: Timestamp;
}

export interface PathwayActionsTable {
  id: string;
  pathway_id: string;
  change_id: string;
  text: string;
  collective_id: string | null;
  organisation_id: string | null;
  by_name: string;
  created_at: Timestamp;
}

/** One definition of an indicator; its owner is a pathway today (the evaluation adds its own). */
export interface IndicatorsTable {
  id: string;
  pathway_id: string | null;
  /** Owners of an indicator of its own (evaluation, migration 0140); exactly one owner is set. */
  territory_id: Generated<string | null>;
  collective_id: Generated<string | null>;
  first_period: Generated<string | null>;
  change_id: string | null;
  name: string;
  unit: string;
  source: string;
  method: string;
  frequency: 'mensuelle' | 'trimestrielle' | 'semestrielle' | 'annuelle' | 'ponctuelle';
  reporter: string;
  baseline_value: number | null;
  baseline_year: number | null;
  target_value: number | null;
  target_year: number | null;
  created_at: Timestamp;
}

export interface PathwayReviewsTable {
  id: string;
  pathway_id: string;
  held_on: string;
  summary: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PathwayReviewLightsTable {
  review_id: string;
  change_id: string;
  light: 'en_bonne_voie' | 'a_risque' | 'hors_trajectoire' | 'pas_commence';
  comment: string;
}

export interface PathwayJournalTable {
  id: string;
  pathway_id: string;
  on_day: string;
  text: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Timestamp;
}

export interface PathwayVersionsTable {
  pathway_id: string;
  version: number;
  at: Timestamp;
  author_id: string | null;
  author_name: string | null;
  summary: string;
  snapshot: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface ChangeTables {
  pathways: PathwaysTable;
  pathway_changes: PathwayChangesTable;
  pathway_contributions: PathwayContributionsTable;
  pathway_links: PathwayLinksTable;
  pathway_actions: PathwayActionsTable;
  indicators: IndicatorsTable;
  pathway_reviews: PathwayReviewsTable;
  pathway_review_lights: PathwayReviewLightsTable;
  pathway_journal: PathwayJournalTable;
  pathway_versions: PathwayVersionsTable;
}
