import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';
import { freshEvent } from './authz-fixtures';

/** A day whose import left a conflict (an organisation edited on both sides) and a probable duplicate. */
async function dayToDecide(world: AuthzWorld): Promise<{ id: string; conflictId: string; duplicateId: string }> {
  const { id } = await freshEvent(world);
  const db = world.store.db;
  const conflict = await db
    .insertInto('venue_conflicts')
    .values({
      event_id: id,
      table_name: 'organisations',
      row_key: crypto.randomUUID(),
      label: 'Association de la matrice',
      reason: 'edited_both_sides',
      columns: ['description'],
      territory_value: JSON.stringify({ description: 'Écrit au bureau' }),
      laptop_value: JSON.stringify({ description: 'Écrit au portable' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = await db
    .insertInto('people')
    .values({ name: 'Personne de la matrice', search_key: 'personne de la matrice' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const duplicate = await db
    .insertInto('venue_duplicates')
    .values({ event_id: id, walk_in_name: 'P. de la matrice', walk_in_person_id: crypto.randomUUID(), directory_person_id: person.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, conflictId: conflict.id, duplicateId: duplicate.id };
}

/** The day on a laptop: the venue file down (a passphrase), a return file up (not one here: refused in French), the decisions after it. */
export const venueAuthz: AuthzFixtures = {
  'POST /api/events/:id/venue/export': async (world) => ({
    params: { id: (await freshEvent(world)).id },
    body: { passphrase: 'une phrase de la matrice' },
  }),
  'POST /api/events/:id/venue/import': async (world) => ({
    params: { id: (await freshEvent(world)).id },
    body: {
      passphrase: 'une phrase de la matrice',
      fileName: 'retour.maillage',
      contentBase64: Buffer.from('pas un fichier de journée').toString('base64'),
    },
  }),
  'GET /api/events/:id/venue/decisions': async (world) => ({ params: { id: (await dayToDecide(world)).id } }),
  'POST /api/events/:id/venue/conflicts/:conflictId/decision': async (world) => {
    const { id, conflictId } = await dayToDecide(world);
    return { params: { id, conflictId }, body: { decision: 'kept_territory' } };
  },
  'POST /api/events/:id/venue/duplicates/:duplicateId/decision': async (world) => {
    const { id, duplicateId } = await dayToDecide(world);
    return { params: { id, duplicateId }, body: { decision: 'kept_separate' } };
  },
};
