import type { AuditOf } from '../accounts/index';
import type { CustomTerritoryKind, TerritoryDetail, TerritoryKind, TerritorySummary } from './model';

export interface TerritorySearch {
  /** Already normalised (see `normaliseQuery`); the store folds accents and case. */
  readonly text: string;
  readonly kinds?: readonly TerritoryKind[] | undefined;
  readonly limit: number;
}

export interface ChildrenQuery {
  readonly kinds?: readonly TerritoryKind[] | undefined;
  /** Every territory below, not only the direct children (an EPCI's quartiers, through its communes). */
  readonly descendants: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface NewCustomTerritory {
  readonly kind: CustomTerritoryKind;
  readonly name: string;
  readonly code: string | null;
  readonly slug: string;
  readonly population: number | null;
  readonly parentIds: readonly string[];
  readonly createdBy: string | null;
}

export interface CustomTerritoryPatch {
  readonly name?: string;
  readonly code?: string | null;
  readonly population?: number | null;
  readonly parentIds?: readonly string[];
}

/** Persistence the territories use cases need. Implemented in @maillage/db. */
export interface TerritoriesRepo {
  search(query: TerritorySearch): Promise<TerritorySummary[]>;
  findById(id: string): Promise<TerritoryDetail | undefined>;
  findBySlug(slug: string): Promise<TerritoryDetail | undefined>;
  children(id: string, query: ChildrenQuery): Promise<{ items: TerritorySummary[]; total: number }>;
  /** The territories among `ids` that exist (in no particular order). */
  findSummaries(ids: readonly string[]): Promise<TerritorySummary[]>;
  /** Slugs already used that start with `base` (to pick the next free one). */
  slugsStartingWith(base: string): Promise<Set<string>>;
  /** Whether another territory of this kind already carries this official code. */
  codeTaken(kind: TerritoryKind, code: string, exceptId?: string): Promise<boolean>;
  /** Inserts a custom territory and its parents, with the audit entry made from its id, in one transaction. */
  insertCustom(
    territory: NewCustomTerritory,
    audit: AuditOf<string>,
  ): Promise<{ ok: true; id: string } | { ok: false; reason: 'slug_taken' | 'code_taken' }>;
  /** Updates a custom territory (and replaces its parents when given) with its audit entry, in one transaction. */
  updateCustom(id: string, patch: CustomTerritoryPatch, audit: AuditOf<void>): Promise<'ok' | 'code_taken'>;
  /** Deletes a custom territory with its audit entry; `in_use` when another capability's records still point to it. */
  deleteCustom(id: string, audit: AuditOf<void>): Promise<'ok' | 'in_use'>;
}
