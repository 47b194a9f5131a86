import { searchKey, slugify } from '../shared/text';

/** Every kind of territory: France's official divisions, then the custom ones coordinators draw. */
export const territoryKinds = ['region', 'departement', 'epci', 'commune', 'arrondissement', 'quartier', 'qpv', 'ruralite'] as const;
export type TerritoryKind = (typeof territoryKinds)[number];

/** Loaded from the official dataset, never edited by hand. */
export const officialKinds = ['region', 'departement', 'epci', 'commune', 'arrondissement'] as const satisfies readonly TerritoryKind[];
/** Drawn by coordinators: a quartier, a QPV, a "ruralité" area. */
export const customKinds = ['quartier', 'qpv', 'ruralite'] as const satisfies readonly TerritoryKind[];
export type CustomTerritoryKind = (typeof customKinds)[number];

export const territoryKindLabels: Readonly<Record<TerritoryKind, string>> = {
  region: 'Région',
  departement: 'Département',
  epci: 'Intercommunalité',
  commune: 'Commune',
  arrondissement: 'Arrondissement municipal',
  quartier: 'Quartier',
  qpv: 'Quartier prioritaire (QPV)',
  ruralite: 'Ruralité',
};

export function isCustomKind(kind: string): kind is CustomTerritoryKind {
  return (customKinds as readonly string[]).includes(kind);
}

/** A territory as lists and links show it. */
export interface TerritorySummary {
  readonly id: string;
  readonly kind: TerritoryKind;
  readonly code: string | null;
  readonly name: string;
  readonly slug: string;
  readonly population: number | null;
  readonly deptCode: string | null;
  readonly epciType: string | null;
  /** For a quartier, QPV or ruralité area in a list: the names of its communes (homonyms abound). */
  readonly within?: readonly string[] | null | undefined;
}

/** A territory with its parents, as its home page shows it. */
export interface TerritoryDetail extends TerritorySummary {
  readonly parents: readonly TerritorySummary[];
  /** How many direct children of each kind (an EPCI's communes, a commune's quartiers…). */
  readonly childCounts: Readonly<Partial<Record<TerritoryKind, number>>>;
  readonly createdBy: string | null;
  readonly custom: boolean;
}

/**
 * The name to show where homonyms meet: communes carry their département code
 * ("Vernouillet (78)", "Vernouillet (28)"), départements their own code ("Loire (42)"), and in
 * lists, quartiers their communes ("Les Tilleuls (Lysbourg)").
 */
export function territoryLabel(t: Pick<TerritorySummary, 'kind' | 'name' | 'code' | 'deptCode' | 'within'>): string {
  if ((t.kind === 'commune' || t.kind === 'arrondissement') && t.deptCode) return `${t.name} (${t.deptCode})`;
  if (isCustomKind(t.kind) && t.within && t.within.length > 0) return `${t.name} (${t.within.join(', ')})`;
  if (t.kind === 'departement' && t.code) return `${t.name} (${t.code})`;
  return t.name;
}

/** Slugs that would shadow a page of the web app (`/territoires/nouveau`). */
export const reservedSlugs: ReadonlySet<string> = new Set(['nouveau', 'recherche']);

/**
 * A slug for a new territory, unique among `taken`: the name's slug, then `-2`, `-3`…
 */
export function uniqueSlug(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name).slice(0, 80).replace(/-+$/, '') || 'territoire';
  if (!taken.has(base) && !reservedSlugs.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** What a search query becomes before it reaches the store: trimmed, apostrophes unified, at most 100 characters. */
export function normaliseQuery(q: string): string {
  return q.replace(/[’`´]/g, "'").replace(/\s+/g, ' ').trim().slice(0, 100);
}

/** True when a query has something to search for (at least one letter or digit). */
export function isSearchable(q: string): boolean {
  return searchKey(q).replace(/\s/g, '').length > 0;
}
