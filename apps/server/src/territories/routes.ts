import { territoriesEndpoints as api } from '@maillage/core';
import {
  createTerritory,
  deleteTerritory,
  getTerritory,
  listChildren,
  type PolicyContext,
  searchTerritories,
  type TerritoryDetail,
  type TerritoryDetailView,
  type TerritorySummary,
  type TerritorySummaryView,
  territoryKindLabels,
  territoryLabel,
  updateTerritory,
} from '@maillage/core';
import { territoriesRepo } from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute, type RouteSpec } from '../http/route';

function summaryView(t: TerritorySummary): TerritorySummaryView {
  return {
    id: t.id,
    kind: t.kind,
    code: t.code,
    name: t.name,
    label: territoryLabel(t),
    slug: t.slug,
    population: t.population,
    deptCode: t.deptCode,
    epciType: t.epciType,
  };
}

function detailView(t: TerritoryDetail): TerritoryDetailView {
  return {
    ...summaryView(t),
    parents: t.parents.map(summaryView),
    childCounts: { ...t.childCounts },
    custom: t.custom,
    kindLabel: territoryKindLabels[t.kind],
  };
}

/** The territory and every territory it lies in, for the policy: a coordinator must cover them all. */
async function withParents(deps: AppDeps, id: string, more: readonly string[] = []): Promise<PolicyContext> {
  const parents = await deps.store.db.selectFrom('territory_parents').select('parent_id').where('territory_id', '=', id).execute();
  return { territoryId: id, territoryIds: [id, ...parents.map((p) => p.parent_id), ...more] };
}

const search = defineRoute({
  ...api.search,
  summary: 'Chercher un territoire (sans accents ni majuscules, tolère les fautes de frappe)',
  tags: ['territoires'],
  action: 'territory.read',
  async handler({ query }, { deps }) {
    const items = await searchTerritories(territoriesRepo(deps.store.db), { q: query.q, kinds: query.kind, limit: query.limit });
    return { items: items.map(summaryView) };
  },
});

const getById = defineRoute({
  ...api.getById,
  summary: 'Un territoire, avec ses territoires parents',
  tags: ['territoires'],
  action: 'territory.read',
  refs: [{ at: 'params.id', unscoped: 'France’s divisions and the territories drawn by coordinations are public' }],
  async handler({ params }, { deps }) {
    const result = await getTerritory(territoriesRepo(deps.store.db), { id: params.id });
    if (!result.ok) throw new Problem(result.error);
    return detailView(result.value);
  },
});

const getBySlug = defineRoute({
  ...api.getBySlug,
  summary: 'Un territoire par son adresse (slug)',
  tags: ['territoires'],
  action: 'territory.read',
  async handler({ params }, { deps }) {
    const result = await getTerritory(territoriesRepo(deps.store.db), { slug: params.slug });
    if (!result.ok) throw new Problem(result.error);
    return detailView(result.value);
  },
});

const children = defineRoute({
  ...api.children,
  summary: 'Les territoires d’un territoire (communes d’un EPCI, quartiers d’une commune…)',
  tags: ['territoires'],
  action: 'territory.read',
  refs: [{ at: 'params.id', unscoped: 'France’s divisions and the territories drawn by coordinations are public' }],
  async handler({ params, query }, { deps }) {
    const result = await listChildren(territoriesRepo(deps.store.db), params.id, {
      kinds: query.kind,
      descendants: query.descendants,
      limit: query.limit,
      offset: query.offset,
    });
    if (!result.ok) throw new Problem(result.error);
    return { items: result.value.items.map(summaryView), total: result.value.total };
  },
});

const create = defineRoute({
  ...api.create,
  summary: 'Créer un quartier, un QPV ou une zone de ruralité',
  tags: ['territoires'],
  action: 'territory.create',
  // A coordinator of every commune named.
  refs: [
    { at: 'body.communeIds', kind: 'territory' },
    { at: 'body.code', unscoped: 'the official code of a QPV, typed, not a reference' },
  ],
  async handler({ body }, { deps, actor }) {
    const result = await createTerritory(territoriesRepo(deps.store.db), actor.kind === 'user' ? actor.userId : null, body);
    if (!result.ok) throw new Problem(result.error, result.details);
    return detailView(result.value);
  },
});

const update = defineRoute({
  ...api.update,
  summary: 'Modifier un quartier, un QPV ou une zone de ruralité (nom, code, population, communes)',
  tags: ['territoires'],
  action: 'territory.update',
  context: ({ params, body }, deps) => withParents(deps, params.id, body.communeIds ?? []),
  refs: [
    { at: 'params.id', checkedBy: 'the territory, its parents and its new communes, all coordinated by the caller (context)' },
    { at: 'body.communeIds', kind: 'territory' },
    { at: 'body.code', unscoped: 'the official code of a QPV, typed, not a reference' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const result = await updateTerritory(territoriesRepo(deps.store.db), actor.kind === 'user' ? actor.userId : null, params.id, body);
    if (!result.ok) throw new Problem(result.error, result.details);
    return detailView(result.value);
  },
});

const remove = defineRoute({
  ...api.remove,
  summary: 'Supprimer un quartier, un QPV ou une zone de ruralité',
  tags: ['territoires'],
  action: 'territory.delete',
  context: ({ params }, deps) => withParents(deps, params.id),
  refs: [{ at: 'params.id', checkedBy: 'the territory and its parents, all coordinated by the caller (context)' }],
  async handler({ params }, { deps, actor }) {
    const result = await deleteTerritory(territoriesRepo(deps.store.db), actor.kind === 'user' ? actor.userId : null, params.id);
    if (!result.ok) throw new Problem(result.error, result.details);
    return result.value;
  },
});

/** Routes of the territories capability. */
export const territoriesRoutes: RouteSpec[] = [search, getBySlug, getById, children, create, update, remove];
