import { nulCharacterPath } from '@maillage/core';
import type { FastifyInstance } from 'fastify';
import { Problem } from './problem';

/**
 * Refuses a NUL character (U+0000) in any string a request carries (path parameters, query
 * string, parsed body, at any depth), before any handler runs: PostgreSQL refuses NUL in text
 * and jsonb, which gave a 500. One hook for every route, public ones and the WebSocket upgrade
 * included; the live messages are checked where they are parsed (`parseClientMessage`).
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const where of ['params', 'query', 'body'] as const) {
      const path = nulCharacterPath(request[where]);
      if (path) {
        throw new Problem('validation', {
          errors: [{ field: [where, ...path.map(String)].join('.'), message: 'caractère nul (U+0000) interdit : retirez-le du texte' }],
        });
      }
    }
  });
}
