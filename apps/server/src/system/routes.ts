import { systemEndpoints as api } from '@maillage/core';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';

/** How long readiness waits for the database's `select 1` before answering 503. */
export const readinessTimeoutMs = 2000;

/** Whether the store answers `select 1` within the timeout. */
export async function storeAnswers(deps: AppDeps, timeoutMs = readinessTimeoutMs): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = deps.store.pool.query('select 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const readiness = defineRoute({
  ...api.health,
  summary: 'Disponibilité : le service et sa base de données répondent (200), sinon 503',
  tags: ['système'],
  action: 'public',
  async handler(_input, { deps }) {
    if (!(await storeAnswers(deps))) throw new Problem('store_unavailable');
    return { status: 'ok' as const, store: deps.store.kind, version: deps.version };
  },
});

const liveness = defineRoute({
  ...api.live,
  summary: 'Vivacité : le processus répond, sans interroger la base de données',
  tags: ['système'],
  action: 'public',
  async handler(_input, { deps }) {
    return { status: 'ok' as const, version: deps.version };
  },
});

export const systemRoutes = [readiness, liveness];
