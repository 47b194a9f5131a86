import { collectivesEndpoints as api, GUIDING_QUESTIONS } from '@maillage/core';
import { answerCollective, findCollective, listCollectives, territoryScope } from '@maillage/db';
import { Problem } from '../http/problem';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';

const tags = ['collectifs'];
const collectiveRef = { at: 'params.id', kind: 'collective' } as const satisfies RefDecl;

const list = defineRoute({
  ...api.list,
  summary: 'Les collectifs d’un territoire (et de ceux qu’il contient), ou de tous les territoires où l’on a un rôle',
  tags,
  action: 'collective.list',
  refs: [{ at: 'query.territoryId', kind: 'territory', action: 'collective.read' }],
  async handler({ query }, { deps, actor }) {
    if (actor.kind !== 'user') return [];
    const mine = new Set(actor.grants.flatMap((g) => [...g.scope]));
    if (query.territoryId) {
      // Only what the caller may read: the territory's scope, cut to where they hold a role.
      const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
      return listCollectives(deps.store.db, actor.isAdmin ? scope : scope.filter((id) => mine.has(id)));
    }
    return listCollectives(deps.store.db, actor.isAdmin ? 'all' : [...mine]);
  },
});

const get = defineRoute({
  ...api.get,
  summary: 'Un collectif : ses membres, l’urgence partagée, les quatre questions et leurs réponses',
  tags,
  action: 'collective.read',
  refs: [collectiveRef],
  async handler({ params }, { deps }) {
    const c = await findCollective(deps.store.db, params.id);
    if (!c) throw new Problem('collective_not_found');
    const { answers, ...rest } = c;
    return {
      ...rest,
      themes: [...rest.themes],
      members: [...rest.members],
      questions: GUIDING_QUESTIONS.map((text, i) => {
        const a = answers.find((x) => x.question === i + 1);
        return { question: i + 1, text, answer: a?.answer ?? '', updatedAt: a?.updatedAt ?? null };
      }),
    };
  },
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

export const collectivesRoutes = [list, get, answer];
