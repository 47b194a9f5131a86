import { territoriesRepo } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

/** A quartier of the world's commune, made fresh so that each caller may change or delete its own. */
async function freshQuartier(world: AuthzWorld): Promise<string> {
  const inserted = await territoriesRepo(world.store.db).insertCustom(
    {
      kind: 'quartier',
      name: 'Quartier d’essai',
      code: null,
      slug: `quartier-essai-${crypto.randomUUID().slice(0, 8)}`,
      population: null,
      parentIds: [world.communeId],
      createdBy: null,
    },
    null,
  );
  if (!inserted.ok) throw new Error(`fixture quartier: ${inserted.reason}`);
  return inserted.id;
}

async function slugOf(world: AuthzWorld, id: string): Promise<string> {
  const row = await world.store.db.selectFrom('territories').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
  return row.slug;
}

/** Authorization-matrix fixtures of the territories routes. */
export const territoriesAuthz: AuthzFixtures = {
  'GET /api/territories': async () => ({ query: { q: 'saint etienne', limit: '5' } }),
  'GET /api/territories/by-slug/:slug': async (world) => ({ params: { slug: await slugOf(world, world.communeId) } }),
  'GET /api/territories/:id': async (world) => ({ params: { id: world.communeId } }),
  'GET /api/territories/:id/children': async (world) => ({ params: { id: world.territoryId }, query: { descendants: 'true' } }),
  // Allowed: administrators and the EPCI's coordinator (its commune is in scope); not the outsider.
  'POST /api/territories': async (world) => ({
    body: { name: 'Quartier de la matrice', kind: 'quartier', communeIds: [world.communeId] },
  }),
  'PATCH /api/territories/:id': async (world) => ({
    params: { id: await freshQuartier(world) },
    body: { name: 'Quartier renommé', communeIds: [world.communeId] },
  }),
  'DELETE /api/territories/:id': async (world) => ({ params: { id: await freshQuartier(world) } }),
};
