import type { TerritoryDetailView, TerritorySummaryView } from '@maillage/core';

export type { TerritoryDetailView, TerritorySummaryView };

/** Kinds in the order pages list them, from the largest to the smallest. */
export const kindOrder = ['region', 'departement', 'epci', 'commune', 'arrondissement', 'quartier', 'qpv', 'ruralite'] as const;
export type Kind = (typeof kindOrder)[number];
export const customKindList = ['quartier', 'qpv', 'ruralite'] as const;
