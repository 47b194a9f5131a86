import type { TerritorySection } from './sections';

/**
 * The sections of a territory's home page (types in `sections.ts`). A capability adds ONE entry here, e.g.
 * `{ id: 'ecosystem', order: 10, load: () => import('../ecosystem/territory-section') }`,
 * or pushes one from code that runs before the page opens.
 */
export const territorySections: TerritorySection[] = [
  { id: 'events', order: 30, load: () => import('../events/territory-section') },
  { id: 'collectives', order: 40, load: () => import('../collectives/territory-section') },
  { id: 'pathways', order: 45, load: () => import('../pathways/territory-section') },
];
