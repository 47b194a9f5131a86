import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import { answerBody, questionParam } from './model';

/** The views collectives answer with (the web takes its types from them). */
export const collectiveSummaryView = z.object({
  id: z.string(),
  territoryId: z.string(),
  name: z.string(),
  themes: z.array(z.string()),
  members: z.number(),
  answered: z.number(),
  createdAt: z.string(),
  originRoomId: z.string().nullable(),
});
export type CollectiveSummaryView = z.output<typeof collectiveSummaryView>;

export const collectiveDetailView = z.object({
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
export type CollectiveDetailView = z.output<typeof collectiveDetailView>;

const idParams = z.object({ id: z.uuid('identifiant invalide') });

/** The routes of collectives: method, path, what they take and what they answer. */
export const collectivesEndpoints = {
  list: endpoint({
    method: 'GET',
    url: '/api/collectives',
    query: z.object({ territoryId: z.uuid('territoire invalide').optional() }),
    response: z.array(collectiveSummaryView),
  }),
  get: endpoint({ method: 'GET', url: '/api/collectives/:id', params: idParams, response: collectiveDetailView }),
  answer: endpoint({
    method: 'PUT',
    url: '/api/collectives/:id/answers/:question',
    params: idParams.extend({ question: questionParam }),
    body: answerBody,
    response: z.object({ question: z.number(), answer: z.string() }),
    status: 200,
  }),
};

export type CollectivesApi = EndpointMap<typeof collectivesEndpoints>;
