import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';

/** The routes of the system (health): method, path, what they answer. */
export const systemEndpoints = {
  /** Readiness: the service and its database answer (200), else 503 `store_unavailable`. */
  health: endpoint({
    method: 'GET',
    url: '/api/health',
    response: z.object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']), version: z.string() }),
  }),
  /** Liveness: the process answers, without asking the database. */
  live: endpoint({ method: 'GET', url: '/api/health/live', response: z.object({ status: z.literal('ok'), version: z.string() }) }),
};

export type SystemApi = EndpointMap<typeof systemEndpoints>;
