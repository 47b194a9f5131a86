import { collectivesEndpoints as api, createCollectiveByHand, parisToday, progressOf, updateCollectiveInfo } from '@maillage/core';
import { answerCollective, findCollective, listCollectives, progressInputs, territoryScope } from '@maillage/db';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { ficheRoute } from './fiche-route';
import { collectiveRef, detailFor, tags, userIdOf, workspaceDeps } from './helpers';
import { workspaceRoutes } from './workspace-routes';

const list = defineRoute({
  ...api.list,
  summary:
    'Les collectifs d’un territoire (et de ceux qu’il contient), ou de tous les territoires où l’on a un rôle et ceux où l’on siège, avec leur avancement',
  tags,
  action: 'collective.list',
  refs: [{ at: 'query.territoryId', kind: 'territory', action: 'collective.read' }],
  async handler({ query }, { deps, actor }) {
    if (actor.kind !== 'user') return [];
    const mine = new Set(actor.grants.flatMap((g) => [...g.scope]));
    let summaries: Awaited<ReturnType<typeof listCollectives>>;
    if (query.territoryId) {
      // Only what the caller may read: the territory's scope, cut to where they hold a role.
      const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
      summaries = await listCollectives(deps.store.db, actor.isAdmin ? scope : scope.filter((id) => mine.has(id)));
    } else summaries = await listCollectives(deps.store.db, actor.isAdmin ? 'all' : [...mine], actor.userId);
    const inputs = await progressInputs(
      deps.store.db,
      summaries.map((s) => s.id),
    );
    const today = parisToday(deps.now());
    return summaries.map((s) => ({
      ...s,
      themes: [...s.themes],
      progress: progressOf(inputs.get(s.id) ?? { sections: [], steps: [], openRequests: 0 }, today),
    }));
  },
});

const get = defineRoute({
  ...api.get,
  summary:
    'Un collectif : ses membres et leurs rôles, l’urgence partagée, les quatre questions, son avancement et ce que l’on peut y faire',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  handler: ({ params }, { deps, actor }) => detailFor(deps, actor, params.id),
});

const answer = defineRoute({
  ...api.answer,
  summary: 'Répondre à l’une des quatre questions du collectif',
  tags,
  action: 'collective.write',
  refs: [collectiveRef],
  async handler({ params, body }, { deps, actor }) {
    const c = await findCollective(deps.store.db, params.id);
    if (!c) throw new Problem('collective_not_found');
    await answerCollective(deps.store.db, {
      collectiveId: c.id,
      question: params.question,
      answer: body.answer,
      userId: actor.kind === 'user' ? actor.userId : null,
      at: deps.now(),
    });
    return { question: params.question, answer: body.answer };
  },
});

const create = defineRoute({
  ...api.create,
  summary: 'Créer un collectif à la main (hors atelier), avec ses premiers membres de l’écosystème',
  tags,
  action: 'collective.create',
  refs: [
    { at: 'body.territoryId', kind: 'territory' },
    { at: 'body.personIds', kind: 'person', action: 'collective.name' },
  ],
  async handler({ body }, { deps, actor }) {
    const id = await createCollectiveByHand(workspaceDeps(deps), { ...body, userId: userIdOf(actor) });
    return detailFor(deps, actor, id);
  },
});

const update = defineRoute({
  ...api.update,
  summary: 'Renommer un collectif, changer son urgence partagée ou ses thèmes',
  tags,
  action: 'collective.edit',
  refs: [collectiveRef],
  async handler({ params, body }, { deps, actor }) {
    const result = await updateCollectiveInfo(workspaceDeps(deps), { collectiveId: params.id, ...body, userId: userIdOf(actor) });
    if (!result.ok) throw new Problem(result.error);
    return detailFor(deps, actor, params.id);
  },
});

export const collectivesRoutes = [list, get, answer, create, update, ...workspaceRoutes, ficheRoute];
