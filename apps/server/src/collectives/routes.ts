import { answerBody, GUIDING_QUESTIONS, questionParam } from '@maillage/core';
import { answerCollective, findCollective, listCollectives, territoryScope } from '@maillage/db';
import { z } from 'zod';
import { Problem } from '../http/problem';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';

const tags = ['collectifs'];
const idParams = z.object({ id: z.uuid('identifiant invalide') });

const collectiveRef = { at: 'params.id', kind: 'collective' } as const satisfies RefDecl;

const list = defineRoute({
  method: 'GET',
  url: '/api/collectives',
  summary: 'Les collectifs d’un territoire (et de ceux qu’il contient), ou de tous les territoires où l’on a un rôle',
  tags,
  action: 'collective.list',
  query: z.object({ territoryId: z.uuid('territoire invalide').optional() }),
  refs: [{ at: 'query.territoryId', kind: 'territory', action: 'collective.read' }],
  response: z.array(
    z.object({
      id: z.string(),
      territoryId: z.string(),
      name: z.string(),
      themes: z.array(z.string()),
      members: z.number(),
      answered: z.number(),
      createdAt: z.string(),
      originRoomId: z.string().nullable(),
    }),
  ),
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

const collectiveView = z.object({
  id: z.string(),
  territoryId: z.string(),
  name: z.string(),
  urgency: z.string(),
  themes: z.array(z.string()),
  createdAt: z.string(),
  originRoomId: z.string().nullable(),
  members: z.array(z.object({ name: z.string(), personId: z.string().nullable() })),
  questions: z.array(z.object({ question: z.number(), text: z.string(), answer: z.string(), updatedAt: z.string().nullable() })),
});

const get = defineRoute({
  method: 'GET',
  url: '/api/collectives/:id',
  summary: 'Un collectif : ses membres, l’urgence partagée, les quatre questions et leurs réponses',
  tags,
  action: 'collective.read',
  params: idParams,
  refs: [collectiveRef],
  response: collectiveView,
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
  method: 'PUT',
  url: '/api/collectives/:id/answers/:question',
  summary: 'Répondre à l’une des quatre questions du collectif',
  tags,
  action: 'collective.write',
  params: idParams.extend({ question: questionParam }),
  body: answerBody,
  refs: [collectiveRef],
  response: z.object({ question: z.number(), answer: z.string() }),
  status: 200,
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
