import { z } from 'zod';
import { defineRoute } from '../http/route';

const health = defineRoute({
  method: 'GET',
  url: '/api/health',
  summary: 'État du service',
  tags: ['système'],
  action: 'public',
  response: z.object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']), version: z.string() }),
  async handler(_input, { deps }) {
    return { status: 'ok' as const, store: deps.store.kind, version: deps.version };
  },
});

export const systemRoutes = [health];
