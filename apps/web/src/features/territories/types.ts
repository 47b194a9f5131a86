import type { TerritoryDetailView, TerritoryKind, TerritorySummaryView } from '@maillage/core';
import type { ListsAll } from '../../shared/lists';

export type { TerritoryDetailView, TerritorySummaryView };

/** Kinds in the order pages list them, from the largest to the smallest. */
export const kindOrder = [
  'region',
  'departement',
  'epci',
  'commune',
  'arrondissement',
  'quartier',
  'qpv',
  'ruralite',
] as const satisfies readonly TerritoryKind[];
const _allKinds: ListsAll<TerritoryKind, Kind> = true;
export type Kind = (typeof kindOrder)[number];
export const customKindList = ['quartier', 'qpv', 'ruralite'] as const satisfies readonly TerritoryKind[];
