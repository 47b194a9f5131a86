import {
  type Actor,
  attachObservedChange,
  observedChangesEndpoints as api,
  observationTimeline,
  recordObservedChange,
} from '@maillage/core';
import { collectiveTerritory, listObservedChanges, loadObservedChange, observedChangesRepo, territoryScope } from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';

const tags = ['évaluation'];
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

async function read(deps: AppDeps, id: string) {
  const view = await loadObservedChange(deps.store.db, id);
  if (!view) throw new Problem('observed_change_not_found');
  return view;
}

async function ofTerritory(deps: AppDeps, query: { territoryId: string; from?: string | undefined; to?: string | undefined }) {
  const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
  return listObservedChanges(deps.store.db, scope, query);
}

const list = defineRoute({
  ...api.list,
  summary: 'Les changements observés d’un territoire (et des territoires qu’il contient), les plus récents d’abord',
  tags,
  action: 'observation.read',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  handler: ({ query }, { deps }) => ofTerritory(deps, query),
});

const timeline = defineRoute({
  ...api.timeline,
  summary: 'La frise des changements observés d’un territoire, mois par mois, avec leur nombre par nature',
  tags,
  action: 'observation.read',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps }) {
    return observationTimeline(await ofTerritory(deps, query));
  },
});

const record = defineRoute({
  ...api.record,
  summary: 'Noter un changement observé : qui a changé, quoi, les preuves, l’importance, la contribution',
  tags,
  action: 'observation.write',
  refs: [
    { at: 'body.territoryId', kind: 'territory' },
    { at: 'body.collectiveId', kind: 'collective' },
    { at: 'body.actorOrganisationId', kind: 'organisation', action: 'observation.read' },
  ],
  async handler({ body }, { deps, actor }) {
    if (body.collectiveId && (await collectiveTerritory(deps.store.db, body.collectiveId)) !== body.territoryId) {
      throw new Problem('indicator_collective_mismatch', { field: 'body.collectiveId' });
    }
    const id = await recordObservedChange({ repo: observedChangesRepo(deps.store.db) }, body, userId(actor));
    return read(deps, id);
  },
});

const attach = defineRoute({
  ...api.attach,
  summary: 'Rattacher un changement observé au changement d’un chemin qu’il montre (ou l’en détacher)',
  tags,
  action: 'observation.write',
  refs: [
    { at: 'params.id', kind: 'observedChange' },
    { at: 'body.pathwayId', kind: 'pathway', action: 'pathway.read' },
    { at: 'body.changeId', checkedBy: 'looked up inside the pathway (already authorised): a change of another pathway is refused' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const observation = await read(deps, params.id);
    const result = await attachObservedChange({ repo: observedChangesRepo(deps.store.db) }, observation, body, userId(actor));
    if (!result.ok) throw new Problem(result.error, { ...(result.details ?? {}) });
    return read(deps, params.id);
  },
});

export const observedChangesRoutes = [list, timeline, record, attach];
