import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';

/** The routes of the system (health): method, path, what they answer. */
export const systemEndpoints = {
  health: endpoint({
    method: 'GET',
    url: '/api/health',
    response: z.object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']), version: z.string() }),
  }),
};

export type SystemApi = EndpointMap<typeof systemEndpoints>;
