import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { apiNotFound } from '../http/errors';

export const defaultWebDist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'dist');

/**
 * Serves the built web app: hashed assets with a long cache, and index.html for every other
 * page path (client-side routing). Unknown /api paths answer a problem, not the page.
 */
export async function registerWeb(app: FastifyInstance, distDir: string): Promise<void> {
  const indexPath = join(distDir, 'index.html');
  const hasBuild = existsSync(indexPath);
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      setHeaders(res, path) {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const index = hasBuild ? readFileSync(indexPath, 'utf8') : undefined;
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/ws/') || request.method !== 'GET') return apiNotFound(request, reply);
    if (!index) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('L’interface web n’est pas construite : lancez « npm run build » (ou « npm start », qui la construit).');
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  });
}
