import { compareFrench } from '../shared/collation';
/** What the ranking knows of a candidate organisation or resource person. */
export interface MobiliseCandidate {
  readonly id: string;
  readonly type: 'organisation' | 'person';
  readonly name: string;
  /** Works on the theme asked. */
  readonly hasTheme: boolean;
  /** For a person: is a personne ressource; `resourceMatches` when their "ressource pour" names the theme. */
  readonly isResource?: boolean;
  readonly resourceMatches?: boolean;
  /** Acts on the very territory asked (not only an enclosing or enclosed one). */
  readonly actsOnTerritory: boolean;
  /** Relations at level 4 (assistance) or more: organisations already used to working with others. */
  readonly strongRelations: number;
  /** Relations of any level. */
  readonly relations: number;
  /** Resource people of the organisation for this theme. */
  readonly resourcePeople?: number;
}

/** Why a candidate is proposed, as message keys the UI translates (with a count when relevant). */
export type MobiliseReason =
  | { readonly code: 'theme' }
  | { readonly code: 'resource_for_theme' }
  | { readonly code: 'resource' }
  | { readonly code: 'territory' }
  | { readonly code: 'strong_relations'; readonly count: number }
  | { readonly code: 'resource_people'; readonly count: number }
  | { readonly code: 'isolated' };

export interface MobiliseRanked extends MobiliseCandidate {
  readonly score: number;
  readonly reasons: readonly MobiliseReason[];
}

/**
 * Ranks organisations and resource people for a theme on a territory. Weights: the theme
 * (or being a resource for it) first, then acting on the territory itself, then the habit of
 * cooperating (relations at level 4+, capped so that hubs do not crowd everyone out). Ties
 * break by name, so the ranking is stable.
 */
export function rankForMobilisation(candidates: readonly MobiliseCandidate[], limit = 20): MobiliseRanked[] {
  const ranked = candidates.map((c) => {
    const reasons: MobiliseReason[] = [];
    let score = 0;
    if (c.hasTheme) {
      score += 4;
      reasons.push({ code: 'theme' });
    }
    if (c.resourceMatches) {
      score += 4;
      reasons.push({ code: 'resource_for_theme' });
    } else if (c.isResource) {
      score += 1;
      reasons.push({ code: 'resource' });
    }
    if (c.actsOnTerritory) {
      score += 2;
      reasons.push({ code: 'territory' });
    }
    if (c.strongRelations > 0) {
      score += Math.min(c.strongRelations, 5) * 0.6;
      reasons.push({ code: 'strong_relations', count: c.strongRelations });
    }
    if (c.resourcePeople && c.resourcePeople > 0) {
      score += Math.min(c.resourcePeople, 3);
      reasons.push({ code: 'resource_people', count: c.resourcePeople });
    }
    if (c.type === 'organisation' && c.relations === 0) reasons.push({ code: 'isolated' });
    return { ...c, score: Math.round(score * 10) / 10, reasons };
  });
  return ranked
    .filter((c) => c.hasTheme || c.resourceMatches)
    .sort((a, b) => b.score - a.score || compareFrench(a.name, b.name))
    .slice(0, limit);
}
