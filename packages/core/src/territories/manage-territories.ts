import { fail, ok, type Result } from '../shared/result';
import { slugify } from '../shared/text';
import { type CustomTerritoryKind, isCustomKind, type TerritoryDetail, uniqueSlug } from './model';
import type { TerritoriesRepo } from './ports';

export type ManageTerritoryError =
  | 'territory_not_found'
  | 'territory_not_custom'
  | 'commune_not_found'
  | 'not_a_commune'
  | 'territory_code_taken'
  | 'territory_in_use';

/** Kinds a custom territory may lie in. */
const parentKinds = new Set(['commune', 'arrondissement']);

async function checkCommunes(repo: TerritoriesRepo, ids: readonly string[]): Promise<Result<string[], ManageTerritoryError>> {
  const unique = [...new Set(ids)];
  const found = await repo.findSummaries(unique);
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) return fail('commune_not_found', { ids: missing });
  const wrong = found.filter((f) => !parentKinds.has(f.kind));
  if (wrong.length) return fail('not_a_commune', { names: wrong.map((w) => w.name) });
  return ok(unique);
}

export interface CreateTerritoryInput {
  readonly kind: CustomTerritoryKind;
  readonly name: string;
  readonly code?: string | null | undefined;
  readonly population?: number | null | undefined;
  readonly communeIds: readonly string[];
}

/** Creates a quartier, QPV or ruralité area in one or more communes, with a unique slug. */
export async function createTerritory(
  repo: TerritoriesRepo,
  actorUserId: string | null,
  input: CreateTerritoryInput,
): Promise<Result<TerritoryDetail, ManageTerritoryError>> {
  const communes = await checkCommunes(repo, input.communeIds);
  if (!communes.ok) return communes;
  const code = input.code ?? null;
  if (code && (await repo.codeTaken(input.kind, code))) return fail('territory_code_taken', { officialCode: code });
  // Two creations with the same name may race for one slug: the loser picks the next one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = uniqueSlug(input.name, await repo.slugsStartingWith(slugify(input.name).slice(0, 80)));
    const inserted = await repo.insertCustom(
      {
        kind: input.kind,
        name: input.name,
        code,
        slug,
        population: input.population ?? null,
        parentIds: communes.value,
        createdBy: actorUserId,
      },
      (id) => ({
        actorUserId,
        action: 'territory.create',
        entityType: 'territory',
        entityId: id,
        details: { kind: input.kind, name: input.name },
      }),
    );
    if (inserted.ok) {
      const created = await repo.findById(inserted.id);
      if (!created) throw new Error('territory vanished after insert');
      return ok(created);
    }
    if (inserted.reason === 'code_taken') return fail('territory_code_taken', { officialCode: code });
  }
  throw new Error('no free slug after 5 attempts');
}

export interface UpdateTerritoryInput {
  readonly name?: string | undefined;
  readonly code?: string | null | undefined;
  readonly population?: number | null | undefined;
  readonly communeIds?: readonly string[] | undefined;
}

/** Renames a custom territory, changes its code, population or communes. Its slug (its address) stays. */
export async function updateTerritory(
  repo: TerritoriesRepo,
  actorUserId: string | null,
  id: string,
  input: UpdateTerritoryInput,
): Promise<Result<TerritoryDetail, ManageTerritoryError>> {
  const current = await repo.findById(id);
  if (!current) return fail('territory_not_found');
  if (!isCustomKind(current.kind)) return fail('territory_not_custom');
  let parentIds: string[] | undefined;
  if (input.communeIds) {
    const communes = await checkCommunes(repo, input.communeIds);
    if (!communes.ok) return communes;
    parentIds = communes.value;
  }
  if (input.code && (await repo.codeTaken(current.kind, input.code, id))) return fail('territory_code_taken', { officialCode: input.code });
  const result = await repo.updateCustom(
    id,
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.population !== undefined ? { population: input.population } : {}),
      ...(parentIds ? { parentIds } : {}),
    },
    { actorUserId, action: 'territory.update', entityType: 'territory', entityId: id, details: { ...input } },
  );
  if (result === 'code_taken') return fail('territory_code_taken', { officialCode: input.code });
  const updated = await repo.findById(id);
  return updated ? ok(updated) : fail('territory_not_found');
}

/** Deletes a custom territory, unless other records (organisations, events…) still point to it. */
export async function deleteTerritory(
  repo: TerritoriesRepo,
  actorUserId: string | null,
  id: string,
): Promise<Result<{ id: string }, ManageTerritoryError>> {
  const current = await repo.findById(id);
  if (!current) return fail('territory_not_found');
  if (!isCustomKind(current.kind)) return fail('territory_not_custom');
  const result = await repo.deleteCustom(id, {
    actorUserId,
    action: 'territory.delete',
    entityType: 'territory',
    entityId: id,
    details: { kind: current.kind, name: current.name },
  });
  if (result === 'in_use') return fail('territory_in_use');
  return ok({ id });
}
