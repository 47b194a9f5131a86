import type { ComponentType } from 'preact';
import type { TerritoryDetailView } from './types';

export interface TerritorySectionProps {
  readonly territory: TerritoryDetailView;
}

/**
 * Types only: the list itself is in `section-registry.ts`, kept apart so that a section
 * importing these types makes no import cycle.
 *
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
