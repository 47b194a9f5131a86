import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../shared/tables';

/** A DATE column: read and written as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<string, string, string>;

export interface EcoThemesTable {
  id: Generated<string>;
  label: string;
  territory_id: string | null;
  label_key: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  search_key: string;
  name_key: string;
  kind: string;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  commune_id: string | null;
  description: string | null;
  address: string | null;
  website: string | null;
  public_email: string | null;
  public_phone: string | null;
  merged_into: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A proposed change to an organisation's record, and its decision (migration 0033). */
export interface OrganisationProposalsTable {
  id: Generated<string>;
  organisation_id: string;
  territory_id: string | null;
  changes: ColumnType<Record<string, unknown>, string, string>;
  base: ColumnType<Record<string, unknown>, string, string>;
  base_version: number;
  author_user_id: string | null;
  message: string | null;
  status: Generated<'proposed' | 'accepted' | 'refused' | 'superseded'>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  created_at: Timestamp;
}

export interface PeopleTable {
  id: Generated<string>;
  name: string;
  search_key: string;
  function: string | null;
  user_id: string | null;
  is_resource: Generated<boolean>;
  resource_for: string | null;
  email: string | null;
  phone: string | null;
  contact_consent: Generated<boolean>;
  contact_consent_on: ColumnType<string | null, string | null | undefined, string | null>;
  erased_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AcquaintancesTable {
  id: Generated<number>;
  person_a: string;
  person_b: string;
  source: 'declared' | 'event';
  source_ref: Generated<string>;
  declared_by: string | null;
  met_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface KnownPairsView {
  person_a: string;
  person_b: string;
  source: string;
}

export interface CooperationAssessmentsTable {
  id: Generated<string>;
  org_a: string;
  org_b: string;
  on_behalf_of: string;
  level: number;
  assessed_on: DateColumn;
  note: string | null;
  assessed_by: string | null;
  created_at: Timestamp;
  seq: Generated<number>;
}

export interface EcosystemTables {
  eco_themes: EcoThemesTable;
  organisations: OrganisationsTable;
  organisation_proposals: OrganisationProposalsTable;
  organisation_territories: { organisation_id: string; territory_id: string };
  organisation_themes: { organisation_id: string; theme_id: string };
  people: PeopleTable;
  person_organisations: { person_id: string; organisation_id: string };
  person_territories: { person_id: string; territory_id: string };
  person_themes: { person_id: string; theme_id: string };
  acquaintances: AcquaintancesTable;
  known_pairs: KnownPairsView;
  cooperation_assessments: CooperationAssessmentsTable;
  relation_sides: { org_a: string; org_b: string; on_behalf_of: string; level: number; assessed_on: DateColumn; seq: number };
}
