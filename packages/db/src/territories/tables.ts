import type { Generated } from 'kysely';
import type { Timestamp } from '../shared/tables';

export type TerritoryKindColumn = 'region' | 'departement' | 'epci' | 'commune' | 'quartier' | 'qpv' | 'ruralite';

export interface TerritoriesTable {
  id: Generated<string>;
  kind: TerritoryKindColumn;
  code: string | null;
  name: string;
  slug: string;
  epci_type: string | null;
  population: number | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TerritoryParentsTable {
  territory_id: string;
  parent_id: string;
}

export interface TerritoriesTables {
  territories: TerritoriesTable;
  territory_parents: TerritoryParentsTable;
}
