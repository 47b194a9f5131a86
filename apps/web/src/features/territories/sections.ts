import type { ComponentType } from 'preact';
import type { TerritoryDetailView } from './types';

export interface TerritorySectionProps {
  readonly territory: TerritoryDetailView;
}

/**
 * A block of a territory's home page contributed by another capability (its organisations, its
 * cooperation days…). Give a `load` (its own chunk, fetched when a territory page opens) or a
 * `component`. A section renders its own `<section>` with an `<h2>`, and nothing at all when it
 * has nothing to show: the page never shows empty boxes.
 */
export interface TerritorySection {
  readonly id: string;
  /** Lower first; the page's own lists come before 100. */
  readonly order?: number;
  readonly load?: () => Promise<{ default: ComponentType<TerritorySectionProps> }>;
  readonly component?: ComponentType<TerritorySectionProps>;
}

/**
 * The sections of a territory's home page. A capability adds ONE entry here, e.g.
 * `{ id: 'ecosystem', order: 10, load: () => import('../ecosystem/territory-section') }`,
 * or pushes one from code that runs before the page opens.
 */
export const territorySections: TerritorySection[] = [
  { id: 'events', order: 30, load: () => import('../events/territory-section') },
];
