import { systemEndpoints as api } from '@maillage/core';
import { defineRoute } from '../http/route';

const health = defineRoute({
  ...api.health,
  summary: 'État du service',
  tags: ['système'],
  action: 'public',
  async handler(_input, { deps }) {
    return { status: 'ok' as const, store: deps.store.kind, version: deps.version };
  },
});

export const systemRoutes = [health];
