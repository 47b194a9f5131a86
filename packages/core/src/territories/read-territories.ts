import { fail, ok, type Result } from '../shared/result';
import { isSearchable, normaliseQuery, type TerritoryDetail, type TerritoryKind, type TerritorySummary } from './model';
import type { ChildrenQuery, TerritoriesRepo } from './ports';

/**
 * Accent-, case- and typo-tolerant search: exact names first, then names that start with the
 * query, then the closest ones; the most populous first among equals.
 */
export async function searchTerritories(
  repo: TerritoriesRepo,
  input: { q: string; kinds?: readonly TerritoryKind[] | undefined; limit: number },
): Promise<TerritorySummary[]> {
  const text = normaliseQuery(input.q);
  if (!isSearchable(text)) return [];
  return repo.search({ text, kinds: input.kinds, limit: input.limit });
}

/** One territory with its parents, by id or slug. */
export async function getTerritory(
  repo: TerritoriesRepo,
  key: { id: string } | { slug: string },
): Promise<Result<TerritoryDetail, 'territory_not_found'>> {
  const found = 'id' in key ? await repo.findById(key.id) : await repo.findBySlug(key.slug);
  return found ? ok(found) : fail('territory_not_found');
}

/** The territories below one: direct children, or every descendant of the kinds asked. */
export async function listChildren(
  repo: TerritoriesRepo,
  id: string,
  query: ChildrenQuery,
): Promise<Result<{ items: TerritorySummary[]; total: number }, 'territory_not_found'>> {
  const parent = await repo.findSummaries([id]);
  if (parent.length === 0) return fail('territory_not_found');
  return ok(await repo.children(id, query));
}
